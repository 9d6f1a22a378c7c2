package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/diag"
)

// DuplicateObjectID reports object (and parameter) ids used more than once.
var DuplicateObjectID = &Rule{
	Meta: Meta{
		ID: "DP1005", Name: "duplicate-object-id", Severity: diag.Error, Origin: diag.Service,
		Summary: "two objects, or two parameters, share an id",
		Doc:     "Ids name objects for references and in the service's answers; each must be unique in the definition.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, exHello, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo again", "runsOn": {"ref": "Worker"}}`)
	}},
	Check: checkDuplicateObjectID,
}

func checkDuplicateObjectID(pass *Pass) {
	d := pass.Def
	first := map[string]int{}
	for _, o := range d.Objects {
		if o.IDNode == nil || o.ID == "" {
			continue
		}
		if at, dup := first[o.ID]; dup {
			pass.Report(Finding{Object: o.ID, Start: o.IDNode.Start, End: o.IDNode.End, Pointer: o.IDNode.Pointer(),
				Message: fmt.Sprintf("object id %s is already used by the object at line %d", quote(o.ID), pass.File.Position(at).Line),
				Related: []analysis.RelatedInformation{pass.Related(at, at+len(o.ID)+2, "first object with this id")}})
			continue
		}
		first[o.ID] = o.IDNode.Start
	}
	firstParam := map[string]int{}
	for _, p := range d.Parameters {
		if p.IDNode == nil || p.ID == "" {
			continue
		}
		if at, dup := firstParam[p.ID]; dup {
			pass.Report(Finding{Object: p.ID, Start: p.IDNode.Start, End: p.IDNode.End, Pointer: p.IDNode.Pointer(),
				Message: fmt.Sprintf("parameter id %s is already used by the parameter at line %d", quote(p.ID), pass.File.Position(at).Line),
				Related: []analysis.RelatedInformation{pass.Related(at, at+len(p.ID)+2, "first parameter with this id")}})
			continue
		}
		firstParam[p.ID] = p.IDNode.Start
	}
}
