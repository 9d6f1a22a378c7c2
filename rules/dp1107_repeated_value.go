package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// RepeatedValue reports several values in a single-valued field.
var RepeatedValue = &Rule{
	Meta: Meta{
		ID: "DP1107", Name: "repeated-value", Severity: diag.Error, Origin: diag.Service,
		Summary: "a field that takes one value is given several (a JSON list, or a repeated key in the API form)",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": ["echo a", "echo b"], "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkRepeatedValue,
}

func checkRepeatedValue(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			if len(f.Values) < 2 || isUserField(f.Key) {
				continue
			}
			if sf := ty.field(o, f.Key); sf != nil && !sf.List {
				pass.Report(keyFinding(o, f, fmt.Sprintf("%s takes one value; found %d", quote(f.Key), len(f.Values))))
			}
		}
	}
}
