package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// InvalidJSON reports text that is not JSON.
var InvalidJSON = &Rule{
	Meta: Meta{
		ID: "DP0001", Name: "invalid-json", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		// A file that is not JSON cannot be trusted to say what to ignore.
		Unsuppressible: true,
		Summary:        "the file is not valid JSON (syntax errors, comments, trailing commas, control characters, trailing data, nesting too deep)",
		Doc: "The AWS CLI reads the definition with Python's json module, which stops at the first of these. " +
			"dplint reads past comments, trailing commas and raw control characters so it can report them all and still check the rest; " +
			"any other syntax error stops reading.",
	},
	Example: Example{Input: "{\"objects\": [\n  {\"id\": \"Default\", \"scheduleType\": \"ondemand\",},\n]}\n"},
	Check:   checkInvalidJSON,
}

func checkInvalidJSON(pass *Pass) {
	reportReaderProblems(pass, source.SyntaxError, source.TooDeep, source.Comment, source.TrailingComma, source.ControlCharacter, source.TrailingData)
}
