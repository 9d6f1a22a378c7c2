package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
	"github.com/dplint/dplint/source"
)

// IoTUnknownMember reports a key the model's shape does not have.
var IoTUnknownMember = &Rule{
	Meta: Meta{
		ID: "IA1001", Name: "iot-unknown-member", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		// A misspelt member explains that the member is missing, and a
		// misspelt next that the chain stops there.
		Explains: []string{"IA1002", "IA2004"},
		Summary:  "a key of an IoT Analytics request, activity or tag is not a member of its shape in the service model",
		Doc: "botocore refuses a request with a member its model does not have (\"Unknown parameter in ...\") before sending it; " +
			"CloudFormation refuses an unsupported property. A misspelt optional member (next) would otherwise be dropped.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "nxt": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTUnknownMember,
}

func checkIoTUnknownMember(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape.Type != iotanalytics.Structure || v.Node.Kind != source.Object {
			return
		}
		known := doc.Keys(v.Shape)
		for _, m := range v.Node.Members {
			if doc.Known(v.Shape, m.Key) {
				continue
			}
			best := suggestpkg.Closest(m.Key, known)
			msg := fmt.Sprintf("unknown key %q in %s%s", m.Key, iotIn(doc, v), didYouMean(best))
			if best == "" {
				msg += "; its members are " + strings.Join(known, ", ")
			}
			f := Finding{Object: iotOwner(doc, v.Activity), Start: m.KeyStart, End: m.KeyEnd, Pointer: m.Value.Pointer(), Message: msg, Leaves: best}
			pass.Report(iotClient(doc, f, v.Unknown(),
				fmt.Sprintf("Unknown parameter in %s: %q, must be one of: %s", botoName(v.Path), m.Key, strings.Join(known, ", "))))
		}
	})
}
