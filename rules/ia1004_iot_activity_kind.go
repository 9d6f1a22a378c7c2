package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTActivityKind reports an activity entry that holds no activity, or
// more than one.
var IoTActivityKind = &Rule{
	Meta: Meta{
		ID: "IA1004", Name: "iot-activity-kind", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "an entry of pipelineActivities holds no activity, or more than one",
		Doc: "The model's documentation of pipelineActivities: each entry must contain only one activity, one of " +
			"channel, lambda, datastore, addAttributes, removeAttributes, selectAttributes, filter, math, deviceRegistryEnrich, deviceShadowEnrich. " +
			"The model's shapes do not say it (every member of PipelineActivity is optional), so the origin is lint; the service refuses such a pipeline.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "out"},
   "datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTActivityKind,
}

func checkIoTActivityKind(pass *Pass) {
	doc := pass.IoT
	for _, a := range doc.Activities() {
		if a.Entry.Kind != source.Object || len(a.Kinds) == 1 || doc.Form == iotanalytics.CloudFormation && iotanalytics.Intrinsic(a.Entry) {
			continue // not an object (IA1003's), or made at deploy time
		}
		start, end := a.Entry.Start, min(a.Entry.Start+1, a.Entry.End)
		var msg string
		if len(a.Kinds) == 0 {
			msg = fmt.Sprintf("activity %d holds no activity; it needs one of %s", a.Index+1, strings.Join(doc.Keys(iotanalytics.PipelineActivity), ", "))
		} else {
			keys := make([]string, len(a.Kinds))
			for i, k := range a.Kinds {
				keys[i] = k.Key
			}
			start, end = a.Kinds[1].KeyStart, a.Kinds[1].KeyEnd
			msg = fmt.Sprintf("activity %d holds %d activities (%s); each entry holds exactly one", a.Index+1, len(a.Kinds), strings.Join(keys, ", "))
		}
		pass.Report(iotException(doc, Finding{Start: start, End: end, Pointer: a.Entry.Pointer(), Message: msg}, ""))
	}
}
