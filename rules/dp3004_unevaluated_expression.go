package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
)

// UnevaluatedExpression reports expressions where the service does not
// evaluate them.
var UnevaluatedExpression = &Rule{
	Meta: Meta{
		ID: "DP3004", Name: "unevaluated-expression", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression in a reference or the type, which the service does not evaluate",
		Doc: "Expressions are evaluated in field values only; a reference must name an object id as written, and the type a type. " +
			"The guide says the same of ids and names (used verbatim): a name may hold any text, and an id with #{...} is DP3009's warning.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "#{myWorker}"}}`)
	}},
	Requires: needsGraph,
	Check:    checkUnevaluatedExpression,
}

func checkUnevaluatedExpression(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if !expr.HasExpr(v.Text) {
					continue
				}
				switch {
				case v.Kind == definition.Ref:
					pass.Report(valueFinding(o, v, fmt.Sprintf("an expression in a reference is not evaluated: %s must name an object id", quote(f.Key))))
				case f.Key == "type":
					pass.Report(valueFinding(o, v, "an expression in 'type' is not evaluated"))
				}
			}
		}
	}
}
