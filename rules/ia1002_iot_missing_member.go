package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTMissingMember reports a required member that is missing.
var IoTMissingMember = &Rule{
	Meta: Meta{
		ID: "IA1002", Name: "iot-missing-member", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "an IoT Analytics request, activity or tag lacks a member the service model requires",
		Doc: "Every activity needs its name and the members of its kind (a channel its channelName, a lambda its lambdaName and batchSize, ...); " +
			"a tag its key and value. botocore refuses the request before sending it (\"Missing required parameter in ...\"). " +
			"In a template PipelineName may be left out: CloudFormation names the pipeline.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTMissingMember,
}

func checkIoTMissingMember(pass *Pass) {
	doc := pass.IoT
	if doc.Root == nil && doc.Resource != nil {
		// A resource without Properties lacks what they require.
		start, end := doc.Anchor()
		msg := "the resource has no Properties; it needs PipelineActivities"
		if p := doc.Resource.Value.Get("Properties"); p != nil && !iotanalytics.Intrinsic(p) {
			msg = fmt.Sprintf("the resource's Properties are %s, not an object holding PipelineActivities", p.Describe())
		} else if p != nil {
			return // made at deploy time
		}
		pass.Report(Finding{Start: start, End: end, Pointer: doc.Resource.Value.Pointer(), Message: msg, Missing: []string{"PipelineActivities"}})
		return
	}
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape.Type != iotanalytics.Structure || v.Node.Kind != source.Object {
			return
		}
		for _, m := range v.Shape.Members {
			if !m.Required || doc.Member(v.Node, m.Name) != nil {
				continue
			}
			key := doc.Key(m.Name)
			start, end := v.Node.Start, min(v.Node.Start+1, v.Node.End)
			if v.Key != nil {
				start, end = v.Key.KeyStart, v.Key.KeyEnd
			}
			f := Finding{Object: iotOwner(doc, v.Activity), Start: start, End: end, Pointer: v.Node.Pointer(),
				Message: fmt.Sprintf("%s lacks %q, which is required", iotIn(doc, v), key), Missing: []string{key}}
			pass.Report(iotClient(doc, f, v.Missing(), fmt.Sprintf("Missing required parameter in %s: %q", botoName(v.Path), m.Name)))
		}
	})
}
