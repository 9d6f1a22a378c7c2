package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// InvalidUTF8 reports bytes that are not UTF-8.
var InvalidUTF8 = &Rule{
	Meta: Meta{
		ID: "DP0004", Name: "invalid-utf8", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "a string holds bytes that are not valid UTF-8",
		Doc:     "JSON text must be UTF-8. Re-encode the file; dplint reads the bad bytes as U+FFFD.",
	},
	Example: Example{Input: "{\"objects\": [{\"id\": \"Default\", \"myNote\": \"caf\xe9\"}]}\n"},
	Check:   checkInvalidUTF8,
}

func checkInvalidUTF8(pass *Pass) { reportReaderProblems(pass, source.InvalidUTF8) }
