package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTLengthLimit reports a string shorter or longer than its shape allows.
var IoTLengthLimit = &Rule{
	Meta: Meta{
		ID: "IA7001", Name: "iot-length-limit", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a name, expression, attribute, ARN, S3 path or tag of an IoT Analytics document is shorter or longer than the service model allows",
		Doc: "The model's lengths: pipeline, channel, datastore and activity names 1-128 characters, Lambda names 1-64, attribute names, filter and math expressions 1-256, " +
			"role ARNs 20-2,048, S3 paths 1-1,024, tag keys and values 1-256 (tag keys 1-128 in CloudFormation). " +
			"botocore refuses a value under the minimum before sending; the service refuses one over the maximum.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "who"}},
  {"deviceRegistryEnrich": {"name": "who", "attribute": "device", "thingName": "thing", "roleArn": "arn:aws:iam::1", "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTLengthLimit,
}

func checkIoTLengthLimit(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape.Type != iotanalytics.String || v.Node.Kind != source.String || v.Shape.Max == 0 {
			return
		}
		n := utf8.RuneCountInString(v.Node.Text)
		switch {
		case n < v.Shape.Min:
			msg := fmt.Sprintf("%s must not be empty", iotWhat(doc, v))
			if n > 0 {
				msg = fmt.Sprintf("%s is %d characters long; the minimum is %d", iotWhat(doc, v), n, v.Shape.Min)
			}
			pass.Report(iotClient(doc, iotValueFinding(pass, v, msg), v.Order,
				fmt.Sprintf("Invalid length for parameter %s, value: %d, valid min length: %d", v.Path, n, v.Shape.Min)))
		case n > v.Shape.Max:
			f := iotValueFinding(pass, v, fmt.Sprintf("%s is %d characters long; the limit is %d", iotWhat(doc, v), n, v.Shape.Max))
			pass.Report(iotConstraint(doc, f, v.Path, fmt.Sprintf("Member must have length less than or equal to %d", v.Shape.Max)))
		}
	})
}
