package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// ReferenceForString reports references in fields that take values.
var ReferenceForString = &Rule{
	Meta: Meta{
		ID: "DP2003", Name: "reference-for-string", Explains: []string{"DP3004"}, Severity: diag.Error, Origin: diag.Service,
		Summary: "a field that takes a value holds a reference",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": {"ref": "Worker"}, "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkReferenceForString,
}

func checkReferenceForString(pass *Pass) {
	ty := pass.Typing()
	ty.eachKnownField(func(o *definition.Object, f *definition.Field, sf *catalog.Field) {
		if sf.Kind == catalog.KindRef {
			return
		}
		for _, v := range f.Values {
			if v.Kind == definition.Ref {
				pass.Report(valueFinding(o, v, fmt.Sprintf("%s takes a %s value, not a reference", quote(f.Key), sf.Kind)))
			}
		}
	})
}
