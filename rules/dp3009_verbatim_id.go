package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
)

// VerbatimID warns about an object id that holds #{...}: the guide says
// ids are "not evaluated and used verbatim" (dp-pipeline-expressions.md),
// so the id is the text as written, which is legal but rarely what was
// meant. A name may hold any text and is not reported.
var VerbatimID = &Rule{
	Meta: Meta{
		ID: "DP3009", Name: "verbatim-id", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an object id holds #{...}, which the service keeps as written rather than evaluating",
		Doc: "The guide: a slot of type ID, NAME, TYPE or SPHERE \"is not evaluated and used verbatim\". " +
			"The id is then the text with its #{...}, and references must spell it so.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello-#{myEnv}", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}}`)
	}},
	Check: checkVerbatimID,
}

func checkVerbatimID(pass *Pass) {
	for _, o := range pass.Def.Objects {
		if o.IDNode != nil && expr.HasExpr(o.ID) {
			pass.Report(Finding{Object: o.ID, Start: o.IDNode.Start, End: o.IDNode.End, Pointer: o.IDNode.Pointer(),
				Message: "an expression in an object id is not evaluated: the id is the text as written"})
		}
	}
}
