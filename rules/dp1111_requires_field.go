package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// RequiresField reports "if you provide X, you must also provide Y" pairs
// (the catalog's requires) where X is set and Y is not.
var RequiresField = &Rule{
	Meta: Meta{
		ID: "DP1111", Name: "requires-field", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a field that needs another is set without it (onLateAction without lateAfterTimeout)",
		Doc: "The Terminate page: when you provide an action for onLateAction, you must also provide lateAfterTimeout, the time after " +
			"the scheduled start at which the object counts as late; without it the action has nothing to measure against. " +
			"Both fields count when inherited. The finding is placed once, where the first field is written, even when several " +
			"objects inherit it. Whether the service refuses the definition is not known, so this is a warning.",
	},
	Example: Example{Input: example(exWorker, `{"id": "Alarm", "type": "SnsAlarm", "topicArn": "arn:aws:sns:us-east-1:111122223333:late", "subject": "late", "message": "late", "role": "DataPipelineDefaultRole"}`,
		`{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "onLateAction": {"ref": "Alarm"}}`)},
	Requires: needsGraph,
	Check:    checkRequiresField,
}

func checkRequiresField(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	type home struct {
		o *definition.Object
		f *definition.Field
	}
	reported := map[home]bool{}
	for _, o := range g.Def.Objects {
		t := catalogType(g, cat, o)
		if t == nil || t.Name == "Default" || !concrete(g, o) || g.Unresolved(o) {
			continue // a missing parent may supply the second field
		}
		for _, r := range t.Requires {
			f, from := g.Lookup(o, r.If)
			if f == nil || reported[home{from, f}] {
				continue
			}
			var missing []string
			for _, n := range r.Then {
				if got, _ := g.Lookup(o, n); got == nil {
					missing = append(missing, n)
				}
			}
			if len(missing) > 0 {
				reported[home{from, f}] = true
				pass.Report(keyFinding(from, f, fmt.Sprintf("%s is set without %s", quote(r.If), listAnd(missing))))
			}
		}
	}
}
