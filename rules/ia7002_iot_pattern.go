package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTPattern reports a name or S3 path that does not match its shape's
// pattern.
var IoTPattern = &Rule{
	Meta: Meta{
		ID: "IA7002", Name: "iot-pattern", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a pipeline, channel, datastore or Lambda name, or an S3 path, has characters its pattern in the service model does not allow",
		Doc: "The model's patterns: pipeline, channel and datastore names are letters, digits and _ and do not start with __; " +
			"Lambda names letters, digits, _ and -; S3 paths letters, digits, whitespace and / _ ! ' ( ) { } * . - = :. " +
			"The service refuses such a request.",
	},
	Example: Example{Input: `{"pipelineName": "my-pipeline", "startTime": "2024-01-01T00:00:00Z"}
`},
	Check: checkIoTPattern,
}

func checkIoTPattern(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		s := v.Shape
		if s.Type != iotanalytics.String || s.Pattern == "" || v.Node.Kind != source.String || v.Node.Text == "" || s.Matches(v.Node.Text) {
			return
		}
		f := iotValueFinding(pass, v, fmt.Sprintf("%s %q does not match the pattern %s", iotWhat(doc, v), v.Node.Text, s.Pattern))
		pass.Report(iotConstraint(doc, f, v.Path, "Member must satisfy regular expression pattern: "+s.Pattern))
	})
}
