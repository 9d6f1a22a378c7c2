package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
)

// MissingReference reports references to ids no object has.
var MissingReference = &Rule{
	Meta: Meta{
		ID: "DP2001", Name: "missing-reference", Severity: diag.Error, Origin: diag.Service,
		Summary: "a reference names an object that is not in the definition",
		Doc: "Ids are case-sensitive. A fragment file whose references live in another file can mark this rule off " +
			"for itself (see docs/configuration.md). When one id is close, the finding offers a fix that writes it (`dplint lint --fix` applies it), " +
			"except in a secret (*-prefixed) field.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkMissingReference,
}

func checkMissingReference(pass *Pass) {
	g := pass.Graph()
	if incomplete(g.Def) {
		return // the id may be one built at deploy time (DP9006)
	}
	var known []string // every id, listed once for all the findings
	// The suggestion for each id not found, worked out once.
	meant := map[string]string{}
	for _, e := range g.Edges {
		if e.To != nil || e.Value.Text == "" || opaque(e.Value.Text) {
			continue // empty references are empty-value's (DP1006)
		}
		best, ok := meant[e.Value.Text]
		if !ok {
			if known == nil {
				known = ids(g)
			}
			best = suggestpkg.Closest(e.Value.Text, known)
			meant[e.Value.Text] = best
		}
		fd := valueFinding(e.From, e.Value, fmt.Sprintf("%s refers to %s, which is not defined%s",
			quote(e.Field.Key), quote(e.Value.Text), didYouMean(best)))
		if !definition.SecretField(e.Field.Key) { // the id would be a secret's value
			fd.Fix = pass.nameFix(e.Value.Node, e.Value.Text, best, "correct the reference")
		}
		pass.Report(fd)
	}
}
