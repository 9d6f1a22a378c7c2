package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTItemCount reports a list or map with fewer or more entries than its
// shape allows.
var IoTItemCount = &Rule{
	Meta: Meta{
		ID: "IA7003", Name: "iot-item-count", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a list or map of an IoT Analytics document has fewer or more entries than the service model allows",
		Doc: "The model's counts: 1-25 pipeline activities (its documentation says 2-25: a channel and a datastore at least, IA2001's), " +
			"1-50 attributes of addAttributes, removeAttributes and selectAttributes, 1-50 tags, 1-100 S3 paths. " +
			"botocore refuses a list under the minimum before sending; the service refuses the rest.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "channelMessages": {"s3Paths": []}}
`},
	Check: checkIoTItemCount,
}

func checkIoTItemCount(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		s := v.Shape
		var n int
		switch {
		case s.Type == iotanalytics.List && v.Node.Kind == source.Array:
			n = len(v.Node.Elems)
		case s.Type == iotanalytics.Map && v.Node.Kind == source.Object && !v.MapKey:
			n = len(v.Node.Keys())
		default:
			return
		}
		switch {
		case n < s.Min:
			f := iotValueFinding(pass, v, fmt.Sprintf("%s has %d entries; it needs at least %d", iotWhat(doc, v), n, s.Min))
			if s.Type == iotanalytics.List {
				pass.Report(iotClient(doc, f, v.Order, fmt.Sprintf("Invalid length for parameter %s, value: %d, valid min length: %d", v.Path, n, s.Min)))
			} else { // botocore does not count a map's entries
				pass.Report(iotConstraint(doc, f, v.Path, fmt.Sprintf("Member must have length greater than or equal to %d", s.Min)))
			}
		case s.Max > 0 && n > s.Max:
			f := iotValueFinding(pass, v, fmt.Sprintf("%s has %d entries; the limit is %d", iotWhat(doc, v), n, s.Max))
			pass.Report(iotConstraint(doc, f, v.Path, fmt.Sprintf("Member must have length less than or equal to %d", s.Max)))
		}
	})
}
