package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
)

// UnusedObject reports objects nothing refers to.
var UnusedObject = &Rule{
	Meta: Meta{
		ID: "DP2006", Name: "unused-object", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an object that nothing refers to (a data node, resource, schedule, precondition, action, database or format no object uses)",
		Doc: "Activities are what runs, so they are never unused; everything else matters only when referenced. " +
			"A reference whose text is an expression or a placeholder (#{...}, ${...}) could name any object, so none is reported then.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, exHello, `{"id": "Spare", "type": "Ec2Resource", "terminateAfter": "1 Hour"}`)
	}},
	Requires: needsGraph,
	Check:    checkUnusedObject,
}

func checkUnusedObject(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	if incomplete(g.Def) || opaqueReference(g.Def) {
		return // a user may be built at deploy time (DP9006), or a reference name anything
	}
	for _, o := range g.Def.Objects {
		if o.ID == graph.DefaultID || o.IDNode == nil || g.UsedAsParent(o) {
			continue
		}
		t := cat.Type(g.Type(o))
		if t == nil || t.Category == "Activity" || t.Category == "Default" {
			continue
		}
		used := false
		for _, e := range g.In(o) {
			if e.From != o {
				used = true
				break
			}
		}
		if !used {
			what := map[string]string{"DataNode": "data node", "DataFormat": "data format", "Utility": "object"}[t.Category]
			if what == "" {
				what = strings.ToLower(t.Category)
			}
			pass.Report(anchorFinding(o, fmt.Sprintf("%s %s is not used by any object", article(what), what)))
		}
	}
}

// opaqueReference reports a reference whose target is not known offline:
// its text holds #{...} (DP3004) or ${...}.
func opaqueReference(d *definition.Definition) bool {
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind == definition.Ref && opaque(v.Text) {
					return true
				}
			}
		}
	}
	return false
}
