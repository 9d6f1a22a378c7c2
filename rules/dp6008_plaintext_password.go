package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// PlaintextPassword warns about password fields that are not masked.
var PlaintextPassword = &Rule{
	Meta: Meta{
		ID: "DP6008", Name: "plaintext-password", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a password field without the '*' prefix: its value is stored and shown in plain text",
		Doc:     "Fields whose name starts with * (*password) are encrypted by the service and masked when shown; use *password, or a *my… parameter.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Db", "type": "RdsDatabase", "rdsInstanceId": "db-1", "username": "admin", "myPassword": "hunter2"}`)
	}},
	Check: checkPlaintextPassword,
}

func checkPlaintextPassword(pass *Pass) {
	d := pass.Def
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			if strings.HasPrefix(f.Key, "*") || definition.IndexFold(f.Key, "password") < 0 {
				continue
			}
			masked := len(f.Values) > 0
			for _, v := range f.Values {
				masked = masked && strings.Contains(v.Text, "#{*") // the value comes from a masked parameter
			}
			if masked {
				continue
			}
			pass.Report(Finding{Object: o.ID, Start: f.KeyStart, End: f.KeyEnd, Pointer: f.Pointer(),
				Message: fmt.Sprintf("%s holds a password in plain text; name the field '*%s' so the service encrypts and masks it", quote(f.Key), f.Key)})
		}
	}
}
