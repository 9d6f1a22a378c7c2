package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTInvalidTimestamp reports a startTime or endTime the AWS CLI cannot
// read.
var IoTInvalidTimestamp = &Rule{
	Meta: Meta{
		ID: "IA4002", Name: "iot-invalid-timestamp", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a reprocessing request's startTime or endTime is not a timestamp: null, a list or object, an empty string, or an ISO 8601 date or time out of range",
		Doc: "botocore takes a timestamp as seconds since the epoch (a number or numeric string) or as text its date parser reads, " +
			"and refuses anything else before sending (\"Invalid type for parameter startTime ...\"). " +
			"dplint refuses only what is certain: other types, empty text, and ISO 8601 text whose month, day, hour, minute or second is out of range. " +
			"Other text is IA4003's.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "startTime": "2024-02-30T00:00:00Z", "endTime": "2024-03-01T00:00:00Z"}
`},
	Check: checkIoTInvalidTimestamp,
}

func checkIoTInvalidTimestamp(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape.Type != iotanalytics.Timestamp {
			return
		}
		var why string
		switch n := v.Node; n.Kind {
		case source.Number, source.Bool: // epoch seconds (Python's bool is an int)
			return
		case source.String:
			_, verdict, reason := iotanalytics.ParseTime(n.Text)
			if verdict != iotanalytics.TimeRefused {
				return
			}
			why = fmt.Sprintf("%s is not a timestamp: %s", iotWhat(doc, v), reason)
		default:
			why = fmt.Sprintf("%s must be a timestamp (ISO 8601 text or epoch seconds), not %s", iotWhat(doc, v), n.Describe())
		}
		pass.Report(iotClient(doc, iotValueFinding(pass, v, why), v.Order, iotTypeError(v.Path, v.Node, iotanalytics.Timestamp)))
	})
}
