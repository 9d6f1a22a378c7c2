package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// IoTDuplicateKey reports a key repeated in one object of an IoT
// Analytics document.
var IoTDuplicateKey = &Rule{
	Meta: Meta{
		ID: "IA0002", Name: "iot-duplicate-key", Service: diag.IoTAnalytics, Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a key is repeated in one object of an IoT Analytics document; only the last value is used",
		Doc:     "Python's json module, and so the AWS CLI, keeps the last value of a repeated key and drops the others without a word.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "startTime": "2024-01-01T00:00:00Z", "startTime": "2024-02-01T00:00:00Z"}` + "\n"},
	Check:   checkIoTDuplicateKey,
}

func checkIoTDuplicateKey(pass *Pass) {
	if pass.IoT.ReportsFile {
		reportReaderProblems(pass, source.DuplicateKey)
	}
}
