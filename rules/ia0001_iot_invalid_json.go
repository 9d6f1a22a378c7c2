package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// IoTInvalidJSON reports an IoT Analytics document that cannot be read as
// written: JSON the AWS CLI's json module refuses, a template that is not
// YAML.
var IoTInvalidJSON = &Rule{
	Meta: Meta{
		ID: "IA0001", Name: "iot-invalid-json", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Unsuppressible: true,
		Summary:        "an IoT Analytics request or template is not valid JSON (or YAML): syntax errors, comments, trailing commas, control characters",
		Doc: "The AWS CLI reads --cli-input-json with Python's json module, which stops at the first of these. " +
			"dplint reads past comments, trailing commas and raw control characters, reports each, and checks the rest.",
	},
	Example: Example{Input: "{\"pipelineName\": \"p1\", \"startTime\": \"2024-01-01T00:00:00Z\",}\n"},
	Check:   checkIoTInvalidJSON,
}

func checkIoTInvalidJSON(pass *Pass) {
	doc := pass.IoT
	if !doc.ReportsFile {
		return
	}
	if u := doc.Unreadable; u != nil {
		pass.Report(Finding{Start: u.Start, End: u.End, Message: u.Message, Channel: diag.None})
		return
	}
	reportReaderProblems(pass, source.SyntaxError, source.TooDeep, source.Comment, source.TrailingComma, source.ControlCharacter, source.TrailingData)
}
