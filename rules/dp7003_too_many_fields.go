package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// TooManyFields reports objects with more than 50 fields.
var TooManyFields = &Rule{
	Meta: Meta{
		ID: "DP7003", Name: "too-many-fields", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object has more than 50 fields (a fixed service limit)",
		Doc:     "dp-limits.md: 50 fields per object, not adjustable. Each value of a list counts as one field, as the API sends it.",
	},
	Example: Example{Build: func() string { return manyFields(48) }},
	Check:   checkTooManyFields,
}

func checkTooManyFields(pass *Pass) {
	d := pass.Def
	for _, o := range d.Objects {
		n := 0
		for _, f := range o.Fields {
			n += len(f.Values)
		}
		if n > maxFieldsPerObj {
			a := o.Anchor()
			pass.Report(Finding{Object: o.ID, Start: a.Start, End: a.End, Pointer: a.Pointer(),
				Message: fmt.Sprintf("object has %d fields; the limit is %d per object", n, maxFieldsPerObj)})
		}
	}
}

// maxFieldsPerObj is dp-limits.md's 50 fields per object.
const maxFieldsPerObj = 50
