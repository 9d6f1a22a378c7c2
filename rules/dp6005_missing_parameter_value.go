package rules

import (
	"strings"

	"github.com/dplint/dplint/diag"
)

// MissingParameterValue reports required parameters with no value.
var MissingParameterValue = &Rule{
	Meta: Meta{
		ID: "DP6005", Name: "missing-parameter-value", Severity: diag.Error, Origin: diag.Service, VerifiedText: true,
		Summary: "a declared parameter has no value, no default and is not optional",
		Doc: "The service's own words, on the parameter's id. Checked when the definition comes with values (a values block in the file): " +
			"a template whose values are given at deploy time is not complete on its own.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myInput", "type": "AWS::S3::ObjectKey"}], "values": {}}` + "\n"
	}},
	Check: checkMissingParameterValue,
}

func checkMissingParameterValue(pass *Pass) {
	d := pass.Def
	if d.ValuesKey == nil && pass.Options.Values == nil {
		return
	}
	given := pass.givenValues()
	for _, p := range d.Parameters {
		if p.ID == "" || given[p.ID] || attr(p, "default") != nil {
			continue
		}
		if opt, _ := attrText(p, "optional"); strings.EqualFold(opt, "true") {
			continue
		}
		pass.Report(paramFinding(p, "Value is missing for this parameter"))
	}
}
