package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// DuplicateKey reports keys repeated in one JSON object.
var DuplicateKey = &Rule{
	Meta: Meta{
		ID: "DP0002", Name: "duplicate-key", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a key is repeated in one JSON object; only the last value is used",
		Doc:     "Python's json module, and so the AWS CLI, keeps the last value of a repeated key and drops the others without a word.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Hello", "type": "ShellCommandActivity", "command": "echo one", "command": "echo two", "workerGroup": "wg"}`)
	}},
	Check: checkDuplicateKey,
}

func checkDuplicateKey(pass *Pass) { reportReaderProblems(pass, source.DuplicateKey) }
