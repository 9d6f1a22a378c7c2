package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
)

// MissingType reports objects that have no type and are not templates.
var MissingType = &Rule{
	Meta: Meta{
		ID: "DP1102", Name: "missing-type", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object has no 'type' (only Default and objects used as a 'parent' may go without)",
		Doc:     "An object without a type is a template only when another object names it as its parent.",
	},
	Example:  Example{Build: func() string { return example(`{"id": "Orphan", "command": "echo"}`) }},
	Requires: needsGraph,
	Check:    checkMissingType,
}

func checkMissingType(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		if o.ID == graph.DefaultID || o.IDNode == nil || g.UsedAsParent(o) || g.Type(o) != "" || g.Unresolved(o) {
			continue
		}
		if f := o.Field("type"); f != nil {
			continue // a type of the wrong shape: other rules report it
		}
		pass.Report(anchorFinding(o, "object has no 'type'"))
	}
}
