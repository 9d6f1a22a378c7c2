package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
)

// ParameterType warns about parameter types outside the guide's list.
var ParameterType = &Rule{
	Meta: Meta{
		ID: "DP6002", Name: "parameter-type", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a parameter's 'type' is not String, Integer, Double or AWS::S3::ObjectKey as the guide spells them",
		Doc: "dp-custom-templates.md lists the types. Lowercase spellings appear in real files; whether the service accepts them is not known. " +
			"When one type is close, the finding offers a fix that writes it (`dplint lint --fix` applies it, in a --parameters file too), except on a masked (*my…) parameter.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myCount", "type": "integer"}], "values": {"myCount": "3"}}` + "\n"
	}},
	Check: checkParameterType,
}

func checkParameterType(pass *Pass) {
	d := pass.Def
	known := []string{"String", "Integer", "Double", "AWS::S3::ObjectKey"}
	for _, p := range d.Parameters {
		for _, a := range p.Attributes {
			if a.Key != "type" || len(a.Values) == 0 || a.Values[0].Kind != definition.Str || opaque(a.Values[0].Text) {
				continue
			}
			v := a.Values[0]
			ok := false
			for _, k := range known {
				ok = ok || v.Text == k
			}
			if !ok {
				best := suggestpkg.Closest(v.Text, known)
				fd := Finding{Object: p.ID, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
					Message: fmt.Sprintf("parameter type %s is not one of %s%s", quote(v.Text), listOf(known), didYouMean(best))}
				if !strings.HasPrefix(p.ID, "*") { // a masked parameter is not edited (--fix refuses every edit of one)
					fd.Fix = pass.nameFix(v.Node, v.Text, best, "correct the parameter type")
				}
				pass.Report(fd)
			}
		}
	}
}
