// Package iotanalytics reads AWS IoT Analytics documents: pipelines as
// CreatePipeline takes them (aws iotanalytics create-pipeline
// --cli-input-json) and as AWS::IoTAnalytics::Pipeline resources of a
// CloudFormation template, and reprocessing requests as
// StartPipelineReprocessing takes them. Each becomes a Document: the request
// (or the resource's Properties) as a tree with byte ranges in the file, the
// service model's shapes it is checked against (shapes.go), and its
// activities in order (Activities). Detect says which JSON files are these;
// anything else is not ours, so a hook run on every JSON file sees no false
// alarm. The IA rules (rules/ia*.go) check Documents; this package only
// reads them.
package iotanalytics

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/dplint/dplint/source"
)

// ResourceType is the CloudFormation resource that holds a pipeline.
const ResourceType = "AWS::IoTAnalytics::Pipeline"

// Kind is what a document asks of the service.
type Kind uint8

// The kinds of documents.
const (
	// Pipeline is a CreatePipeline (or UpdatePipeline) request, or a
	// pipeline resource of a template.
	Pipeline Kind = iota + 1
	// Reprocessing is a StartPipelineReprocessing request.
	Reprocessing
)

// Form is how a document is written.
type Form uint8

// The forms.
const (
	// CLI is the request's JSON (--cli-input-json, the SDK's shape):
	// members named as the model names them (pipelineName).
	CLI Form = iota + 1
	// CloudFormation is a template resource's Properties: members named
	// with a capital first letter (PipelineName).
	CloudFormation
)

// Document is one IoT Analytics request or resource.
type Document struct {
	// Name is the file's path, or path#LogicalId for a template resource.
	Name string
	File *source.File
	Kind Kind
	Form Form
	// Root is the request object, or the resource's Properties (nil when
	// the resource has none, or they are not an object; Resource then
	// places findings).
	Root *source.Node
	// Resource is the template's resource member (CloudFormation only).
	Resource *source.Member
	// ReportsFile is set on the one document of a file that reports what
	// is wrong with the file itself (JSON syntax, repeated keys), so each
	// such problem is reported once however many resources the file holds.
	ReportsFile bool
	// Unreadable, when set, is why the file could not be read at all (a
	// template that is not YAML); Root is nil then.
	Unreadable *Problem

	actsOnce sync.Once
	acts     []*Activity
}

// Problem is a mistake of the file placed by byte range.
type Problem struct {
	Start, End int
	Message    string
}

// Operation is the API operation the document is a request of (for the
// service's error texts): CreatePipeline or StartPipelineReprocessing.
func (d *Document) Operation() string {
	if d.Kind == Reprocessing {
		return "StartPipelineReprocessing"
	}
	return "CreatePipeline"
}

// Shape is the model shape of the document's root.
func (d *Document) Shape() *Shape {
	switch {
	case d.Kind == Reprocessing:
		return StartPipelineReprocessingRequest
	case d.Form == CloudFormation:
		return cfnPipeline
	}
	return CreatePipelineRequest
}

// Key is how the document spells a member the model names name: as is in
// the CLI form, with a capital first letter in a template.
func (d *Document) Key(name string) string {
	if d.Form == CloudFormation && name != "" {
		return strings.ToUpper(name[:1]) + name[1:]
	}
	return name
}

// Member is n's member for the model's name, as the document spells it.
func (d *Document) Member(n *source.Node, name string) *source.Member {
	return n.Member(d.Key(name))
}

// Get is n's value for the model's name, as the document spells it.
func (d *Document) Get(n *source.Node, name string) *source.Node {
	return n.Get(d.Key(name))
}

// Anchor is where a finding on the document as a whole goes: the
// template's resource name, or the request's first key.
func (d *Document) Anchor() (start, end int) {
	if d.Resource != nil {
		return d.Resource.KeyStart, d.Resource.KeyEnd
	}
	if d.Root != nil && len(d.Root.Members) > 0 {
		m := d.Root.Members[0]
		return m.KeyStart, m.KeyEnd
	}
	if d.Root != nil {
		return d.Root.Start, min(d.Root.Start+1, d.Root.End)
	}
	return 0, min(1, len(d.File.Content))
}

// reprocessingKeys are the members of StartPipelineReprocessingRequest.
var reprocessingKeys = []string{"pipelineName", "startTime", "endTime", "channelMessages"}

// Detect says what a JSON request is: a pipeline when its top level has
// pipelineActivities and pipelineName; a reprocessing request when it has
// pipelineName, at least one of startTime, endTime and channelMessages, and
// no other key. Anything else (0) is not ours.
func Detect(root *source.Node) Kind {
	if root == nil || root.Kind != source.Object || root.Member("pipelineName") == nil {
		return 0
	}
	if root.Member("pipelineActivities") != nil {
		return Pipeline
	}
	some := false
	for _, m := range root.Members {
		if !slices.Contains(reprocessingKeys, m.Key) {
			return 0
		}
		some = some || m.Key != "pipelineName"
	}
	if some {
		return Reprocessing
	}
	return 0
}

// Read reads a JSON file already parsed (the JSON reader keeps its
// problems for the IA0xxx rules): the one request it is, or nothing.
func Read(path string, f *source.File) []*Document {
	k := Detect(f.Root)
	if k == 0 {
		return nil
	}
	return []*Document{{Name: path, File: f, Kind: k, Form: CLI, Root: f.Root, ReportsFile: true}}
}

// Mentions reports whether data names the pipeline resource type at all: a
// template that cannot be read is ours only then.
func Mentions(data []byte) bool { return bytes.Contains(data, []byte(ResourceType)) }

// ReadTemplate reads the AWS::IoTAnalytics::Pipeline resources of a
// template: f is the file (its Root the template as JSON or converted from
// YAML), unreadable why a YAML template could not be read (nil when it
// could). reportsFile is false when another reader of the same file (the
// Data Pipeline one) already reports the file's own problems.
func ReadTemplate(path string, f *source.File, unreadable *Problem, reportsFile bool) []*Document {
	if unreadable != nil {
		if !Mentions(f.Content) || !reportsFile {
			return nil
		}
		return []*Document{{Name: path, File: f, Kind: Pipeline, Form: CloudFormation, Unreadable: unreadable, ReportsFile: true}}
	}
	if f.Root == nil {
		// JSON that stops short: its syntax errors are all that is known.
		if !Mentions(f.Content) || !reportsFile {
			return nil
		}
		return []*Document{{Name: path, File: f, Kind: Pipeline, Form: CloudFormation, ReportsFile: true}}
	}
	resources := f.Root.Get("Resources")
	if resources == nil || resources.Kind != source.Object {
		return nil
	}
	var out []*Document
	for _, m := range resources.Members {
		res := m.Value
		if res.Kind != source.Object || !res.Get("Type").IsString() || res.Get("Type").Text != ResourceType {
			continue
		}
		d := &Document{Name: path + "#" + m.Key, File: f, Kind: Pipeline, Form: CloudFormation, Resource: m,
			ReportsFile: reportsFile && len(out) == 0}
		if p := res.Get("Properties"); p != nil && p.Kind == source.Object {
			d.Root = p
		}
		out = append(out, d)
	}
	return out
}
