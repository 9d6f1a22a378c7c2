package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/source"
)

// Helpers of the IA rules, which check IoT Analytics documents
// (internal/iotanalytics) rather than Data Pipeline definitions. Their
// findings are filed under the activity they are in (its name) or the
// document (""). In a request (the CLI form) a finding says what the AWS
// CLI would print: botocore's parameter validation, which refuses the
// request before sending it (missing members, unknown members, types,
// minimum lengths and values), or the service's InvalidRequestException
// for what only the service checks (maximums, patterns, the rules the
// model's documentation states). In a template CloudFormation reports
// them, not the AWS CLI: no AWS text.

// iotExceptionPrefix is how the AWS CLI prints the service's refusal of
// the document's operation.
func iotExceptionPrefix(doc *iotanalytics.Document) string {
	return "An error occurred (InvalidRequestException) when calling the " + doc.Operation() + " operation: "
}

// iotValueFinding places a finding on a value of the document.
func iotValueFinding(pass *Pass, v iotanalytics.Value, msg string) Finding {
	return Finding{Object: iotOwner(pass.IoT, v.Activity), Start: v.Node.Start, End: v.Node.End, Pointer: v.Pointer(), Message: msg}
}

// iotOwner is the name findings in activity i are filed under ("" for the
// document itself).
func iotOwner(doc *iotanalytics.Document, i int) string {
	if i < 0 {
		return ""
	}
	acts := doc.Activities()
	if i >= len(acts) {
		return ""
	}
	return acts[i].Owner()
}

// iotClient makes f what botocore refuses before sending, in the CLI form
// only: its text, and where botocore reports it among the others
// (iotanalytics.Value.Order, which lint.AWSOutcome sorts by).
func iotClient(doc *iotanalytics.Document, f Finding, order, text string) Finding {
	if doc.Form != iotanalytics.CLI {
		return f
	}
	f.Channel, f.AWSStage, f.AWSPath, f.AWSText = diag.Client, diag.StageValidate, order, text
	return f
}

// iotException makes f the service's refusal, in the CLI form only: text
// after the CLI's "An error occurred (InvalidRequestException) ..." line
// start (the finding's message when empty).
func iotException(doc *iotanalytics.Document, f Finding, text string) Finding {
	if doc.Form != iotanalytics.CLI {
		return f
	}
	if text == "" {
		text = f.Message
	}
	f.Channel, f.AWSText = diag.Exception, iotExceptionPrefix(doc)+text
	return f
}

// iotConstraint is the service's validation text for a value at a
// botocore path, in the words dplint uses for Data Pipeline's (Coral's)
// validation errors.
func iotConstraint(doc *iotanalytics.Document, f Finding, path, constraint string) Finding {
	return iotException(doc, f, fmt.Sprintf("1 validation error detected: Value at '%s' failed to satisfy constraint: %s",
		iotanalytics.CoralPath(path), constraint))
}

// botoName is botocore's name of a structure in its messages ("input" for
// the request itself).
func botoName(path string) string {
	if path == "" {
		return "input"
	}
	return path
}

// pyValue is how botocore's messages print a value: str() of what
// json.loads returned.
func pyValue(n *source.Node) string {
	if n.Kind == source.String {
		return n.Text
	}
	return pyjson.Repr(n)
}

// pyTypes are Python's types botocore accepts for a shape type.
var pyTypes = map[iotanalytics.Type]string{
	iotanalytics.Structure: "<class 'dict'>",
	iotanalytics.Map:       "<class 'dict'>",
	iotanalytics.List:      "<class 'list'>, <class 'tuple'>",
	iotanalytics.String:    "<class 'str'>",
	iotanalytics.Integer:   "<class 'int'>",
	iotanalytics.Timestamp: "<class 'datetime.datetime'>, timestamp-string",
}

// jsonTypes are the JSON types a shape type is written as.
var jsonTypes = map[iotanalytics.Type]string{
	iotanalytics.Structure: "an object",
	iotanalytics.Map:       "an object",
	iotanalytics.List:      "an array",
	iotanalytics.String:    "a string",
	iotanalytics.Integer:   "an integer",
	iotanalytics.Timestamp: "a timestamp",
}

// iotTypeError is botocore's message for a value of the wrong type.
func iotTypeError(path string, n *source.Node, t iotanalytics.Type) string {
	return fmt.Sprintf("Invalid type for parameter %s, value: %s, type: <class '%s'>, valid types: %s",
		path, pyValue(n), pyTypeName(n), pyTypes[t])
}

func pyTypeName(n *source.Node) string {
	if n.Kind == source.Null {
		return "NoneType"
	}
	return pyjson.TypeName(n)
}

// iotWhat names a value in messages: its member as the document spells
// it, within the activity or structure, or its place in a list.
func iotWhat(doc *iotanalytics.Document, v iotanalytics.Value) string {
	switch {
	case v.MapKey:
		return "attribute name " + strconv.Quote(v.Node.Text)
	case v.Key != nil:
		return strconv.Quote(v.Key.Key)
	case v.Path == "":
		if doc.Form == iotanalytics.CloudFormation {
			return "the resource's Properties"
		}
		return "the request"
	}
	i := strings.LastIndexByte(v.Path, '[')
	n, _ := strconv.Atoi(strings.TrimSuffix(v.Path[i+1:], "]"))
	item := "item " + strconv.Itoa(n+1)
	if list := v.Path[strings.LastIndexByte(v.Path[:i], '.')+1 : i]; list != "" && list != "pipelineActivities" && list != "tags" {
		item = doc.Key(list) + " " + item // "s3Paths item 2"
	}
	return item
}

// iotWalk calls fn on every value of the pass's document with a model
// shape (iotanalytics.Document.Walk).
func iotWalk(pass *Pass, fn func(iotanalytics.Value)) { pass.IoT.Walk(fn) }

// iotIn names the structure a value is: its key, or its kind of list item
// with its place ("activity 2", "tag 1"), or the request.
func iotIn(doc *iotanalytics.Document, v iotanalytics.Value) string {
	if v.Key != nil || v.Path == "" {
		return iotWhat(doc, v)
	}
	kind := "item"
	switch v.Shape.Name {
	case iotanalytics.PipelineActivity.Name:
		kind = "activity"
	case iotanalytics.Tag.Name:
		kind = "tag"
	}
	return strings.Replace(iotWhat(doc, v), "item", kind, 1)
}
