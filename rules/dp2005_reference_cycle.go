package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
)

// ReferenceCycle reports parent and dependsOn loops, once each.
var ReferenceCycle = &Rule{
	Meta: Meta{
		ID: "DP2005", Name: "reference-cycle", Severity: diag.Error, Origin: diag.Service,
		Summary: "objects inherit from each other in a loop (parent), or depend on each other in a loop (dependsOn)",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "A", "type": "ShellCommandActivity", "command": "echo a", "workerGroup": "wg", "dependsOn": {"ref": "B"}}`,
			`{"id": "B", "type": "ShellCommandActivity", "command": "echo b", "workerGroup": "wg", "dependsOn": {"ref": "A"}}`)
	}},
	Requires: needsGraph,
	Check:    checkReferenceCycle,
}

func checkReferenceCycle(pass *Pass) {
	g := pass.Graph()
	for _, c := range g.Cycles() {
		names := make([]string, 0, len(c.Objects)+1)
		for _, o := range c.Objects {
			names = append(names, quote(o.ID))
		}
		names = append(names, quote(c.Objects[0].ID))
		e := c.Edges[0]
		f := valueFinding(e.From, e.Value, fmt.Sprintf("%s cycle: %s", c.Slot, strings.Join(names, " → ")))
		for _, other := range c.Edges[1:] {
			f.Related = append(f.Related, pass.Related(other.Value.Node.Start, other.Value.Node.End,
				fmt.Sprintf("%s %s %s", quote(other.From.ID), c.Slot, quote(other.Value.Text))))
		}
		pass.Report(f)
	}
}
