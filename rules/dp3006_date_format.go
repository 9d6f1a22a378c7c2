package rules

import (
	"errors"
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/joda"
)

// DateFormat reports format() patterns that are not valid Joda-Time.
var DateFormat = &Rule{
	Meta: Meta{
		ID: "DP3006", Name: "date-format", Severity: diag.Error, Origin: diag.Service,
		Summary: "a format() pattern is not a valid Joda-Time DateTimeFormat pattern",
		Doc: "format() takes Joda-Time patterns: YYYY (year of era), yyyy, MM, dd, HH, hh with a, mm, ss, SSS, EEE, z, Z, 'quoted text'. " +
			"Letters that Joda does not know are an error (\"Illegal pattern component\").",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{format(@scheduledStartTime, 'YYYY-MM-dd Thh')}"}`)
	}},
	Requires: needsExprs,
	Check:    checkDateFormat,
}

func checkDateFormat(pass *Pass) {
	uses := pass.Exprs()
	eachNode(uses, func(u *exprUse, n expr.Node) {
		c, ok := n.(*expr.Call)
		if !ok || c.Func != "format" || len(c.Args) != 2 {
			return
		}
		lit, ok := c.Args[1].(*expr.Lit)
		if !ok || lit.Kind != expr.LitString {
			return
		}
		// Joda reads an unterminated quote as literal text to the end
		// (Compile then returns a formatter with the error): only what
		// Joda itself refuses is reported.
		if f, err := joda.Compile(lit.Text); err != nil && f == nil {
			var je *joda.Error
			start, end := lit.Start, lit.End
			msg := err.Error()
			if errors.As(err, &je) {
				start = lit.Start + 1 + je.Offset
				end = min(start+1, lit.End-1)
				msg = je.Msg
			}
			pass.Report(u.at(start, end, fmt.Sprintf("format pattern %s: %s", quote(lit.Text), msg)))
		}
	})
}
