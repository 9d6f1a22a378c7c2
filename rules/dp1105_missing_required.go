package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// MissingRequired reports required fields and unmet one-of groups.
var MissingRequired = &Rule{
	Meta: Meta{
		ID: "DP1105", Name: "missing-required", Severity: diag.Error, Origin: diag.Service,
		Summary: "a required field is missing, or none of a required group is set (own, inherited from a parent, or from Default)",
		Doc:     "Required fields may come from the object itself, from its parent chain or from the Default object.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkMissingRequired,
}

func checkMissingRequired(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	for _, o := range g.Def.Objects {
		t := ty.objectType(o)
		if t == nil || t.Name == "Default" || g.UsedAsParent(o) && o.Type() == "" {
			continue // templates are checked through the objects that use them
		}
		if g.Unresolved(o) {
			continue // the missing parent may supply them (DP2001 says it is missing)
		}
		has := func(key string) bool { f, _ := g.Lookup(o, key); return f != nil }
		for _, f := range t.Fields {
			if f.Required && !has(f.Name) {
				pass.Report(missingFinding(o, fmt.Sprintf("required field %s is missing", quote(f.Name)), f.Name))
			}
		}
		for _, grp := range t.Groups {
			if len(grp.OneOf) > 0 {
				found := false
				for _, n := range grp.OneOf {
					found = found || has(n)
				}
				if !found {
					pass.Report(missingFinding(o, fmt.Sprintf("one of %s is required", listOf(grp.OneOf)), grp.OneOf...))
				}
			}
			for _, n := range grp.AllOf {
				if !has(n) {
					pass.Report(missingFinding(o, fmt.Sprintf("required field %s is missing", quote(n)), n))
				}
			}
		}
	}
}
