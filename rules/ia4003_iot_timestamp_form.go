package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
)

// IoTTimestampForm reports timestamp text that is neither ISO 8601 nor
// epoch seconds.
var IoTTimestampForm = &Rule{
	Meta: Meta{
		ID: "IA4003", Name: "iot-timestamp-form", Service: diag.IoTAnalytics, Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a reprocessing request's startTime or endTime is text that is neither ISO 8601 nor epoch seconds",
		Doc: "botocore reads such text with dateutil's parser, which guesses: \"Monday\" is next Monday, \"01/02/2024\" is January 2. " +
			"Write ISO 8601 (2024-01-02T00:00:00Z) or epoch seconds so the range is the one meant.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "startTime": "01/02/2024", "endTime": "2024-03-01T00:00:00Z"}
`},
	Check: checkIoTTimestampForm,
}

func checkIoTTimestampForm(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape.Type != iotanalytics.Timestamp || !v.Node.IsString() {
			return
		}
		if _, verdict, _ := iotanalytics.ParseTime(v.Node.Text); verdict == iotanalytics.TimeUnsure {
			pass.Report(iotValueFinding(pass, v, fmt.Sprintf("%s %q is neither ISO 8601 nor epoch seconds; the AWS CLI guesses what it means", iotWhat(doc, v), v.Node.Text)))
		}
	})
}
