package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// StringForReference reports plain strings in reference fields.
var StringForReference = &Rule{
	Meta: Meta{
		ID: "DP2002", Name: "string-for-reference", Severity: diag.Error, Origin: diag.Service, VerifiedText: true,
		Summary: "a reference field holds a plain string: write {\"ref\": \"<id>\"}",
		Doc: "The service's own words: `'schedule' values must be of type 'Schedule'. Found values of type 'String'`. " +
			"For a field that takes several types, dplint names their category (Resource, DataNode, ...); the service's word there is not known.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": "Worker"}`)
	}},
	Requires: needsGraph,
	Check:    checkStringForReference,
}

func checkStringForReference(pass *Pass) {
	cat := pass.Catalog()
	ty := pass.Typing()
	ty.eachKnownField(func(o *definition.Object, f *definition.Field, sf *catalog.Field) {
		if sf.Kind != catalog.KindRef {
			return
		}
		for _, v := range f.Values {
			if v.Kind == definition.Str && !opaque(v.Text) && v.Text != "" {
				pass.Report(valueFinding(o, v, fmt.Sprintf("'%s' values must be of type '%s'. Found values of type 'String'", f.Key, slotTypeName(cat, sf))))
			}
		}
	})
}
