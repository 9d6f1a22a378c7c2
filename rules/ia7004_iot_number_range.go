package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTNumberRange reports an integer outside its shape's range.
var IoTNumberRange = &Rule{
	Meta: Meta{
		ID: "IA7004", Name: "iot-number-range", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a lambda activity's batchSize is outside 1-1,000",
		Doc:     "The model's ActivityBatchSize is 1-1,000 messages. botocore refuses a value under the minimum before sending; the service refuses one over the maximum.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "fn"}},
  {"lambda": {"name": "fn", "lambdaName": "enrich", "batchSize": 5000, "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTNumberRange,
}

func checkIoTNumberRange(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		s := v.Shape
		if s.Type != iotanalytics.Integer || v.Node.Kind != source.Number && v.Node.Kind != source.String {
			return
		}
		if strings.ContainsAny(v.Node.Text, ".eE") {
			return // not an integer: IA1003's
		}
		n, err := strconv.ParseInt(strings.TrimSpace(v.Node.Text), 10, 64)
		if err != nil {
			return
		}
		switch {
		case n < int64(s.Min):
			f := iotValueFinding(pass, v, fmt.Sprintf("%s is %d; the minimum is %d", iotWhat(doc, v), n, s.Min))
			pass.Report(iotClient(doc, f, v.Order, fmt.Sprintf("Invalid value for parameter %s, value: %d, valid min value: %d", v.Path, n, s.Min)))
		case n > int64(s.Max):
			f := iotValueFinding(pass, v, fmt.Sprintf("%s is %d; the maximum is %d", iotWhat(doc, v), n, s.Max))
			pass.Report(iotConstraint(doc, f, v.Path, fmt.Sprintf("Member must have value less than or equal to %d", s.Max)))
		}
	})
}
