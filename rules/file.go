package rules

// Area 0: the file itself, before any pipeline meaning. These come from the
// JSON reader's problems.

import (
	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/source"
)

// fileRule builds a rule that reports the reader's problems of some kinds.
func fileRule(r *Rule, kinds ...source.ProblemKind) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			f := rep.in.File
			for _, p := range f.Problems {
				for _, k := range kinds {
					if p.Kind != k {
						continue
					}
					fd := Finding{Start: p.Start, End: p.End, Message: p.Message}
					if p.CLIMessage != "" {
						fd.AWSText = p.CLIMessage + ": " + pyjson.Position(f.Content, cliOffset(p))
						fd.AWSStage = diag.StageJSON
					}
					if n := rep.in.nodeAt(p.Start); n != nil {
						fd.Pointer = n.Pointer()
					}
					if p.Other >= 0 {
						label := "the value that wins"
						if p.Kind == source.TrailingComma {
							label = "closing bracket"
						}
						fd.Related = append(fd.Related, rep.Related(p.Other, p.OtherEnd, label))
					}
					fd.Object = rep.in.ownerAt(p.Start)
					rep.Report(fd)
				}
			}
			return nil, nil
		},
	}
	return register(r)
}

// cliOffset is where Python's json module places the error: after a
// trailing comma it points at the closing bracket, otherwise at the problem.
func cliOffset(p source.Problem) int {
	if p.Kind == source.TrailingComma && p.Other >= 0 {
		return p.Other
	}
	return p.Start
}

var (
	// InvalidJSON reports text that is not JSON.
	InvalidJSON = fileRule(&Rule{
		ID: "DP0001", Name: "invalid-json", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "the file is not valid JSON (syntax errors, comments, trailing commas, control characters, trailing data, nesting too deep)",
		Doc: "The AWS CLI reads the definition with Python's json module, which stops at the first of these. " +
			"dplint reads past comments, trailing commas and raw control characters so it can report them all and still check the rest; " +
			"any other syntax error stops reading.",
	}, source.SyntaxError, source.TooDeep, source.Comment, source.TrailingComma, source.ControlCharacter, source.TrailingData)

	// DuplicateKey reports keys repeated in one JSON object.
	DuplicateKey = fileRule(&Rule{
		ID: "DP0002", Name: "duplicate-key", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a key is repeated in one JSON object; only the last value is used",
		Doc:     "Python's json module, and so the AWS CLI, keeps the last value of a repeated key and drops the others without a word.",
	}, source.DuplicateKey)

	// ByteOrderMark reports a UTF-8 BOM at the start of the file.
	ByteOrderMark = fileRule(&Rule{
		ID: "DP0003", Name: "byte-order-mark", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "the file starts with a UTF-8 byte order mark, which the AWS CLI refuses",
		Doc:     "Save the file as UTF-8 without a BOM. The AWS CLI fails with \"Unexpected UTF-8 BOM\".",
	}, source.ByteOrderMark)

	// InvalidUTF8 reports bytes that are not UTF-8.
	InvalidUTF8 = fileRule(&Rule{
		ID: "DP0004", Name: "invalid-utf8", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "a string holds bytes that are not valid UTF-8",
		Doc:     "JSON text must be UTF-8. Re-encode the file; dplint reads the bad bytes as U+FFFD.",
	}, source.InvalidUTF8)
)
