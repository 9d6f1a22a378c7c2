package rules

import "github.com/dplint/dplint/diag"

// ExpressionSyntax reports expressions that do not parse.
var ExpressionSyntax = &Rule{
	Meta: Meta{
		ID: "DP3001", Name: "expression-syntax", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression does not parse: an unterminated or empty #{, or a syntax error inside",
		Doc:     "Expressions are #{...}: names, literals ('text', 1, 2.5), function calls and + - * / ^. dp-pipeline-expressions.md.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{format(@scheduledStartTime, 'YYYY')"}`)
	}},
	Requires: needsExprs,
	Check:    checkExpressionSyntax,
}

func checkExpressionSyntax(pass *Pass) {
	uses := pass.Exprs()
	for _, u := range uses {
		for _, e := range u.Errors {
			pass.Report(u.at(e.Start, e.End, "expression: "+e.Msg))
		}
	}
}
