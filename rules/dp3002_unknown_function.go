package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
)

// UnknownFunction reports calls to functions the service does not have.
var UnknownFunction = &Rule{
	Meta: Meta{
		ID: "DP3002", Name: "unknown-function", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression calls a function the service does not have",
		Doc: "The functions are the date and time functions of dp-pipeline-reference-functions-datetime.md (format, plusDays, minusHours, ...). " +
			"When one function is close, the finding offers a fix that writes its name (`dplint lint --fix` applies it), except in a secret (*-prefixed) field.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{fromat(@scheduledStartTime, 'YYYY')}"}`)
	}},
	Requires: needsExprs,
	Check:    checkUnknownFunction,
}

func checkUnknownFunction(pass *Pass) {
	uses := pass.Exprs()
	eachNode(uses, func(u *exprUse, n expr.Node) {
		c, ok := n.(*expr.Call)
		if !ok || len(expr.Lookup(c.Func)) > 0 {
			return
		}
		best := suggestpkg.Closest(c.Func, expr.Names())
		fd := u.at(c.FuncStart, c.FuncEnd, fmt.Sprintf("unknown function %s%s", quote(c.Func), didYouMean(best)))
		if !definition.SecretField(u.Field.Key) { // the edit would write into a secret's value
			fd.Fix = pass.spanFix(fd.Start, fd.End, c.Func, best, "correct the function name")
		}
		pass.Report(fd)
	})
}
