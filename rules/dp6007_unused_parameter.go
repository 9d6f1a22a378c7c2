package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
)

// UnusedParameter warns about parameters no expression uses.
var UnusedParameter = &Rule{
	Meta: Meta{
		ID: "DP6007", Name: "unused-parameter", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a declared parameter is not used by any expression",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `, ` + exWorker + `, ` + exHello + `], "parameters": [{"id": "myUnused", "type": "String", "default": "x"}]}` + "\n"
	}},
	Requires: needsExprs,
	Check:    checkUnusedParameter,
}

func checkUnusedParameter(pass *Pass) {
	uses, g := pass.Exprs(), pass.Graph()
	used := map[string]bool{}
	eachNode(uses, func(u *exprUse, n expr.Node) {
		if name, ok := n.(*expr.Name); ok {
			id := name.Parts[0].Text
			used[id], used["*"+id], used[strings.TrimPrefix(id, "*")] = true, true, true
		}
	})
	if len(g.Def.Objects) == 0 {
		return // a parameters file on its own: its definition uses them
	}
	if incomplete(g.Def) || unknownExpressions(g.Def) {
		return // a use may sit in what only deploy time shows
	}
	for _, p := range g.Def.Parameters {
		if p.ID != "" && !used[p.ID] {
			pass.Report(paramFinding(p, fmt.Sprintf("parameter %s is not used by any expression", quote(p.ID))))
		}
	}
}
