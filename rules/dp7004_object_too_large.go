package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
)

// ObjectTooLarge reports objects over 15,360 UTF-8 bytes.
var ObjectTooLarge = &Rule{
	Meta: Meta{
		ID: "DP7004", Name: "object-too-large", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object's id, name, field names and values add up to more than 15,360 UTF-8 bytes",
		Doc:     "dp-limits.md: 15,360 UTF-8 bytes per object, including field names; not adjustable.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Big", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "` + strings.Repeat("a", 8000) + `", "myScript": "` + strings.Repeat("b", 8000) + `"}`)
	}},
	Check: checkObjectTooLarge,
}

func checkObjectTooLarge(pass *Pass) {
	d := pass.Def
	for _, o := range d.Objects {
		n := len(o.ID) + len(o.Name)
		for _, f := range o.Fields {
			for _, v := range f.Values {
				n += len(f.Key) + len(v.Text)
			}
		}
		if n > maxBytesPerObj {
			a := o.Anchor()
			pass.Report(Finding{Object: o.ID, Start: a.Start, End: a.End, Pointer: a.Pointer(),
				Message: fmt.Sprintf("object is %d UTF-8 bytes (id, name, field names and values); the limit is %d", n, maxBytesPerObj)})
		}
	}
}

// maxBytesPerObj is dp-limits.md's 15,360 UTF-8 bytes per object.
const maxBytesPerObj = 15360
