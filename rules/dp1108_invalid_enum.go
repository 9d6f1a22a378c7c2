package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// InvalidEnum reports values outside an enumeration.
var InvalidEnum = &Rule{
	Meta: Meta{
		ID: "DP1108", Name: "invalid-enum", Severity: diag.Error, Origin: diag.Service,
		Summary: "a value is not one of the field's allowed values",
		Doc:     "Case does not matter unless the catalog says so (the service accepts CRON and ONDEMAND).",
	},
	Example: Example{Build: func() string {
		return example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "actionOnTaskFailure": "stop"}`)
	}},
	Requires: needsGraph,
	Check:    checkInvalidEnum,
}

func checkInvalidEnum(pass *Pass) {
	ty := pass.Typing()
	ty.eachTyped(func(o *definition.Object, f *definition.Field, v *definition.Value, sf *catalog.Field) {
		if sf.Kind != catalog.KindEnum {
			return
		}
		for _, allowed := range sf.Values {
			if v.Text == allowed || (!sf.CaseSensitive && strings.EqualFold(v.Text, allowed)) {
				return
			}
		}
		pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be %s; found %s", quote(f.Key), listOf(sf.Values), quote(v.Text))))
	})
}
