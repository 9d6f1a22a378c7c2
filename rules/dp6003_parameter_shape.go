package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
	"github.com/dplint/dplint/source"
)

// ParameterShape reports parameter ids and attributes the guide does not allow.
var ParameterShape = &Rule{
	Meta: Meta{
		ID: "DP6003", Name: "parameter-shape", Severity: diag.Error, Origin: diag.Service,
		Summary: "a parameter id does not start with 'my' (or '*my'), an attribute is unknown, or there are more than 50 parameters",
		Doc: "dp-custom-templates.md: parameter ids are prefixed with my (*my to mask the value); attributes are type, description, optional, " +
			"allowedValues, default and isArray (the console adds watermark, helpText, helpLink; my… attributes are notes); at most 50 parameters. " +
			"When one attribute is close, the finding offers a fix that renames it (`dplint lint --fix` applies it, in a --parameters file too), unless the parameter has that attribute already or is masked.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `], "parameters": [{"id": "inputPath", "type": "AWS::S3::ObjectKey", "descripton": "where to read"}]}` + "\n"
	}},
	Check: checkParameterShape,
}

func checkParameterShape(pass *Pass) {
	d := pass.Def
	for i, p := range d.Parameters {
		if i == maxParameters {
			pass.Report(paramFinding(p, fmt.Sprintf("a definition has at most %d parameters; this is parameter %d", maxParameters, i+1)))
		}
		if p.ID != "" && !strings.HasPrefix(strings.TrimPrefix(p.ID, "*"), "my") {
			pass.Report(paramFinding(p, fmt.Sprintf("parameter id %s must start with 'my' (or '*my' to mask its value)", quote(p.ID))))
		}
		for _, a := range p.Attributes {
			known := isUserField(a.Key)
			for _, k := range parameterAttributes {
				known = known || a.Key == k
			}
			if !known {
				best := suggestpkg.Closest(a.Key, parameterAttributes)
				fd := Finding{Object: p.ID, Start: a.KeyStart, End: a.KeyEnd, Pointer: a.Pointer(),
					Message: fmt.Sprintf("%s is not a parameter attribute%s", quote(a.Key), didYouMean(best))}
				if !hasAttribute(p, best) && !strings.HasPrefix(p.ID, "*") {
					// Renamed to an attribute it has already, it would be
					// set twice; a masked parameter is not edited (--fix
					// refuses every edit of one).
					fd.Fix = pass.nameFix(&source.Node{Kind: source.String, Start: a.KeyStart, End: a.KeyEnd, Text: a.Key}, a.Key, best, "rename the attribute")
				}
				pass.Report(fd)
			}
		}
	}
}

func hasAttribute(p *definition.Parameter, key string) bool {
	for _, a := range p.Attributes {
		if a.Key == key {
			return true
		}
	}
	return false
}

// maxParameters is dp-custom-templates.md's "upper limit of 50 parameters".
const maxParameters = 50

// parameterAttributes are the attributes the guide lists, plus the
// console's watermark, helpText and helpLink (its templates carry them).
var parameterAttributes = []string{"type", "description", "optional", "allowedValues", "default", "isArray", "watermark", "helpText", "helpLink"}
