package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTWrongType reports a value of the wrong JSON type.
var IoTWrongType = &Rule{
	Meta: Meta{
		ID: "IA1003", Name: "iot-wrong-type", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a value of an IoT Analytics request or template has the wrong type for its shape (a string for a number, an object for a list, ...)",
		Doc: "botocore refuses such a request before sending it (\"Invalid type for parameter ...\"). " +
			"In a template a number may be written as a string, which CloudFormation converts. Timestamps are IA4002's.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "fn"}},
  {"lambda": {"name": "fn", "lambdaName": "enrich", "batchSize": "10", "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTWrongType,
}

func checkIoTWrongType(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.MapKey || v.Shape.Type == iotanalytics.Timestamp || iotTypeFits(doc, v) {
			return
		}
		f := iotValueFinding(pass, v, fmt.Sprintf("%s must be %s, not %s", iotWhat(doc, v), jsonTypes[v.Shape.Type], v.Node.Describe()))
		pass.Report(iotClient(doc, f, v.Order, iotTypeError(v.Path, v.Node, v.Shape.Type)))
	})
}

// iotTypeFits reports whether a value's JSON type is one its shape takes.
func iotTypeFits(doc *iotanalytics.Document, v iotanalytics.Value) bool {
	n := v.Node
	switch v.Shape.Type {
	case iotanalytics.Structure, iotanalytics.Map:
		return n.Kind == source.Object
	case iotanalytics.List:
		return n.Kind == source.Array
	case iotanalytics.String:
		return n.Kind == source.String
	case iotanalytics.Integer:
		switch n.Kind {
		case source.Number:
			return !strings.ContainsAny(n.Text, ".eE")
		case source.Bool:
			return doc.Form == iotanalytics.CLI // Python's bool is an int: botocore takes it
		case source.String:
			return doc.Form == iotanalytics.CloudFormation && iotInteger(n.Text)
		}
	}
	return false
}

func iotInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && strings.Trim(s, "0123456789") == ""
}
