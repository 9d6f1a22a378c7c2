package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// InvalidNumber reports integers, doubles and booleans that are not.
var InvalidNumber = &Rule{
	Meta: Meta{
		ID: "DP1109", Name: "invalid-number", Severity: diag.Error, Origin: diag.Service,
		Summary: "an integer, double or boolean field holds something else, or a number outside the field's limits",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "maximumRetries": "three"}`)
	}},
	Requires: needsGraph,
	Check:    checkInvalidNumber,
}

func checkInvalidNumber(pass *Pass) {
	ty := pass.Typing()
	ty.eachTyped(func(o *definition.Object, f *definition.Field, v *definition.Value, sf *catalog.Field) {
		text := strings.TrimSpace(v.Text)
		var n float64
		switch sf.Kind {
		case catalog.KindInteger:
			i, err := strconv.ParseInt(text, 10, 64)
			if err != nil {
				pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be an integer; found %s", quote(f.Key), quote(v.Text))))
				return
			}
			n = float64(i)
		case catalog.KindDouble:
			d, err := strconv.ParseFloat(text, 64)
			if err != nil {
				pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be a number; found %s", quote(f.Key), quote(v.Text))))
				return
			}
			n = d
		case catalog.KindBoolean:
			if !strings.EqualFold(text, "true") && !strings.EqualFold(text, "false") {
				pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be true or false; found %s", quote(f.Key), quote(v.Text))))
			}
			return
		default:
			return
		}
		if sf.Min != nil && n < *sf.Min {
			pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be at least %s; found %s", quote(f.Key), num(*sf.Min), quote(v.Text))))
		}
		if sf.Max != nil && n > *sf.Max {
			pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be at most %s; found %s", quote(f.Key), num(*sf.Max), quote(v.Text))))
		}
	})
}
