package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// IoTDuplicateActivityName reports two activities of a pipeline with one
// name.
var IoTDuplicateActivityName = &Rule{
	Meta: Meta{
		ID: "IA2002", Name: "iot-duplicate-activity-name", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "two activities of a pipeline have the same name",
		Doc: "An activity's next names the activity that follows it, so names must be unique in the pipeline for next to say which. " +
			"The model does not state it in words; the origin is lint.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "step", "channelName": "raw", "next": "step"}},
  {"datastore": {"name": "step", "datastoreName": "store"}}
]}
`},
	Check: checkIoTDuplicateActivityName,
}

func checkIoTDuplicateActivityName(pass *Pass) {
	doc := pass.IoT
	first := map[string]int{} // name -> index of its first activity
	acts := doc.Activities()
	for _, a := range acts {
		if a.NameNode == nil {
			continue
		}
		i, seen := first[a.Name]
		if !seen {
			first[a.Name] = a.Index
			continue
		}
		prev := acts[i].NameNode
		f := Finding{Object: a.Owner(), Start: a.NameNode.Start, End: a.NameNode.End, Pointer: a.NameNode.Pointer(),
			Message: fmt.Sprintf("activity %d is named %q, as activity %d is", a.Index+1, a.Name, i+1)}
		f.Related = append(f.Related, pass.Related(prev.Start, prev.End, "the first"))
		pass.Report(iotException(doc, f, ""))
	}
}
