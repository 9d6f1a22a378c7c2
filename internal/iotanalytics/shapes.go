package iotanalytics

import (
	"regexp"
	"strings"
	"sync"
)

// The shapes of the requests, as the service model
// (iotanalytics-2017-11-27) writes them: members, required members, types,
// length, count and value bounds, patterns. TestShapesMatchTheModel holds
// every one to ../shared/reference/api-models, so a drift is caught.

// Type is a shape's type in the model's words.
type Type string

// The types the requests use.
const (
	Structure Type = "structure"
	List      Type = "list"
	Map       Type = "map"
	String    Type = "string"
	Integer   Type = "integer"
	Timestamp Type = "timestamp"
)

// Shape is one model shape.
type Shape struct {
	Name    string // the model's shape name
	Type    Type
	Members []Member // structures, in the model's order
	// Elem is a list's member, a map's value; Key a map's key.
	Elem, Key *Shape
	// Min and Max bound a string's length, a list's or map's count, an
	// integer's value; 0 is no bound.
	Min, Max int
	// Pattern is the model's pattern, as written (its regular expression
	// dialect is Java's); match is the same test in Go.
	Pattern string
	match   func(string) bool
}

// Member is one member of a structure.
type Member struct {
	Name     string
	Shape    *Shape
	Required bool
}

// Matches reports whether s satisfies the shape's pattern (true when it
// has none).
func (s *Shape) Matches(v string) bool { return s.match == nil || s.match(v) }

// Lookup is the structure's member named name, or nil.
func (s *Shape) Lookup(name string) *Member {
	for i := range s.Members {
		if s.Members[i].Name == name {
			return &s.Members[i]
		}
	}
	return nil
}

// MemberNames lists the structure's members in the model's order.
func (s *Shape) MemberNames() []string {
	out := make([]string, len(s.Members))
	for i, m := range s.Members {
		out[i] = m.Name
	}
	return out
}

// namePattern is the model's pattern of pipeline, channel and datastore
// names; its lookahead (no leading "__") has no RE2 form, so it is tested
// in two steps.
const namePattern = `(^(?!_{2}))(^[a-zA-Z0-9_]+$)`

var nameChars = lazyRegexp(`^[a-zA-Z0-9_]+$`)

func resourceName(s string) bool { return !strings.HasPrefix(s, "__") && nameChars().MatchString(s) }

func pattern(p string) func(string) bool {
	re := lazyRegexp(p)
	return func(s string) bool { return re().MatchString(s) }
}

// lazyRegexp compiles a pattern on first use: compiled at init, the
// package's patterns cost every dplint command half a millisecond.
func lazyRegexp(p string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(p) })
}

func str(name string, lo, hi int) *Shape { return &Shape{Name: name, Type: String, Min: lo, Max: hi} }

func named(name string) *Shape {
	s := str(name, 1, 128)
	s.Pattern, s.match = namePattern, resourceName
	return s
}

func req(name string, s *Shape) Member { return Member{Name: name, Shape: s, Required: true} }
func opt(name string, s *Shape) Member { return Member{Name: name, Shape: s} }

// The model's shapes.
var (
	PipelineName  = named("PipelineName")
	ChannelName   = named("ChannelName")
	DatastoreName = named("DatastoreName")
	ActivityName  = str("ActivityName", 1, 128)
	LambdaName    = &Shape{Name: "LambdaName", Type: String, Min: 1, Max: 64,
		Pattern: `^[a-zA-Z0-9_-]+$`, match: pattern(`^[a-zA-Z0-9_-]+$`)}
	ActivityBatchSize    = &Shape{Name: "ActivityBatchSize", Type: Integer, Min: 1, Max: 1000}
	AttributeName        = str("AttributeName", 1, 256)
	AttributeNames       = &Shape{Name: "AttributeNames", Type: List, Elem: AttributeName, Min: 1, Max: 50}
	AttributeNameMapping = &Shape{Name: "AttributeNameMapping", Type: Map, Key: AttributeName, Elem: AttributeName, Min: 1, Max: 50}
	FilterExpression     = str("FilterExpression", 1, 256)
	MathExpression       = str("MathExpression", 1, 256)
	RoleArn              = str("RoleArn", 20, 2048)
	TagKey               = str("TagKey", 1, 256)
	TagValue             = str("TagValue", 1, 256)
	Tag                  = &Shape{Name: "Tag", Type: Structure, Members: []Member{req("key", TagKey), req("value", TagValue)}}
	TagList              = &Shape{Name: "TagList", Type: List, Elem: Tag, Min: 1, Max: 50}

	ChannelActivity = &Shape{Name: "ChannelActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("channelName", ChannelName), opt("next", ActivityName)}}
	LambdaActivity = &Shape{Name: "LambdaActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("lambdaName", LambdaName), req("batchSize", ActivityBatchSize), opt("next", ActivityName)}}
	DatastoreActivity = &Shape{Name: "DatastoreActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("datastoreName", DatastoreName)}}
	AddAttributesActivity = &Shape{Name: "AddAttributesActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("attributes", AttributeNameMapping), opt("next", ActivityName)}}
	RemoveAttributesActivity = &Shape{Name: "RemoveAttributesActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("attributes", AttributeNames), opt("next", ActivityName)}}
	SelectAttributesActivity = &Shape{Name: "SelectAttributesActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("attributes", AttributeNames), opt("next", ActivityName)}}
	FilterActivity = &Shape{Name: "FilterActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("filter", FilterExpression), opt("next", ActivityName)}}
	MathActivity = &Shape{Name: "MathActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("attribute", AttributeName), req("math", MathExpression), opt("next", ActivityName)}}
	DeviceRegistryEnrichActivity = &Shape{Name: "DeviceRegistryEnrichActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("attribute", AttributeName), req("thingName", AttributeName), req("roleArn", RoleArn), opt("next", ActivityName)}}
	DeviceShadowEnrichActivity = &Shape{Name: "DeviceShadowEnrichActivity", Type: Structure, Members: []Member{
		req("name", ActivityName), req("attribute", AttributeName), req("thingName", AttributeName), req("roleArn", RoleArn), opt("next", ActivityName)}}

	PipelineActivity = &Shape{Name: "PipelineActivity", Type: Structure, Members: []Member{
		opt("channel", ChannelActivity), opt("lambda", LambdaActivity), opt("datastore", DatastoreActivity),
		opt("addAttributes", AddAttributesActivity), opt("removeAttributes", RemoveAttributesActivity),
		opt("selectAttributes", SelectAttributesActivity), opt("filter", FilterActivity), opt("math", MathActivity),
		opt("deviceRegistryEnrich", DeviceRegistryEnrichActivity), opt("deviceShadowEnrich", DeviceShadowEnrichActivity)}}
	PipelineActivities = &Shape{Name: "PipelineActivities", Type: List, Elem: PipelineActivity, Min: 1, Max: 25}

	CreatePipelineRequest = &Shape{Name: "CreatePipelineRequest", Type: Structure, Members: []Member{
		req("pipelineName", PipelineName), req("pipelineActivities", PipelineActivities), opt("tags", TagList)}}

	S3PathChannelMessage = &Shape{Name: "S3PathChannelMessage", Type: String, Min: 1, Max: 1024,
		Pattern: `^[a-zA-Z0-9/_!'(){}\*\s\.\-\=\:]+$`, match: pattern(`^[a-zA-Z0-9/_!'(){}\*\s\.\-\=\:]+$`)}
	S3PathChannelMessages = &Shape{Name: "S3PathChannelMessages", Type: List, Elem: S3PathChannelMessage, Min: 1, Max: 100}
	ChannelMessages       = &Shape{Name: "ChannelMessages", Type: Structure, Members: []Member{opt("s3Paths", S3PathChannelMessages)}}
	StartTime             = &Shape{Name: "StartTime", Type: Timestamp}
	EndTime               = &Shape{Name: "EndTime", Type: Timestamp}

	StartPipelineReprocessingRequest = &Shape{Name: "StartPipelineReprocessingRequest", Type: Structure, Members: []Member{
		req("pipelineName", PipelineName), opt("startTime", StartTime), opt("endTime", EndTime), opt("channelMessages", ChannelMessages)}}
)

// cfnPipeline is AWS::IoTAnalytics::Pipeline's Properties: the request's
// members, but PipelineName is optional (CloudFormation names the pipeline
// when it is not given) and a tag's key is at most 128 characters
// (CloudFormation's own tag limit, in its resource schema).
var cfnPipeline = &Shape{Name: "AWS::IoTAnalytics::Pipeline", Type: Structure, Members: []Member{
	opt("pipelineName", PipelineName), req("pipelineActivities", PipelineActivities),
	opt("tags", &Shape{Name: "TagList", Type: List, Min: 1, Max: 50, Elem: &Shape{Name: "Tag", Type: Structure, Members: []Member{
		req("key", str("TagKey", 1, 128)), req("value", TagValue)}}})}}

// ActivityKinds are PipelineActivity's members: the kinds of activity.
func ActivityKinds() []string { return PipelineActivity.MemberNames() }
