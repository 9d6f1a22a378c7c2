package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// IoTUnknownNext reports a next that names no activity of the pipeline.
var IoTUnknownNext = &Rule{
	Meta: Meta{
		ID: "IA2003", Name: "iot-unknown-next", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "an activity's next names no activity of the pipeline",
		Doc: "next is the name of the activity that follows (the model: \"the next activity in the pipeline\"); " +
			"a name that is not one of the pipeline's activities leaves the messages nowhere to go. The origin is lint: the model's prose is the only source.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "sotre"}},
  {"datastore": {"name": "store", "datastoreName": "store"}}
]}
`},
	Check: checkIoTUnknownNext,
}

func checkIoTUnknownNext(pass *Pass) {
	doc := pass.IoT
	acts := doc.Activities()
	names := map[string]bool{}
	var list []string
	for _, a := range acts {
		if a.NameNode == nil {
			return // an activity whose name is not known (missing, or made at deploy time) may be the one next names
		}
		if !names[a.Name] {
			names[a.Name] = true
			list = append(list, a.Name)
		}
	}
	for _, a := range acts {
		if a.NextNode == nil || names[a.Next] {
			continue
		}
		msg := fmt.Sprintf("next names %q, which is no activity of the pipeline%s", a.Next, suggest(a.Next, list))
		f := Finding{Object: a.Owner(), Start: a.NextNode.Start, End: a.NextNode.End, Pointer: a.NextNode.Pointer(), Message: msg}
		pass.Report(iotException(doc, f, ""))
	}
}
