package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/source"
)

// InvalidShape reports every other structural problem.
var InvalidShape = &Rule{
	Meta: Meta{
		ID: "DP1004", Name: "invalid-shape", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "the file's structure does not match its form (wrong JSON types, missing or unknown keys)",
		Doc:     "Checked against dplint's JSON Schema of the CLI and API forms (schema/files.schema.json).",
	},
	Example: Example{Build: func() string {
		return `{"pipelineObjects": [{"id": "Default", "fields": [{"key": "scheduleType", "stringValue": "ondemand"}]}]}` + "\n"
	}},
	Requires: needsShape,
	Check:    checkInvalidShape,
}

func checkInvalidShape(pass *Pass) {
	for _, v := range pass.Violations() {
		owner := pass.ownerAt(v.Node.Start)
		switch v.Class {
		case schema.MissingKey:
			if v.Key == "id" || v.Node.Pointer() == "" {
				continue
			}
			pass.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.Start + 1, Pointer: v.Node.Pointer(),
				Message:  fmt.Sprintf("%s has no %s", elementKind(v.Node.Pointer()), quote(v.Key)),
				AWSText:  fmt.Sprintf(`Missing required parameter in %s: "%s"`, botoPath(v.Node.Pointer()), v.Key),
				AWSStage: diag.StageValidate, AWSPath: botoPath(v.Node.Pointer())})
		case schema.UnknownKey:
			parent := v.Node.Pointer()[:strings.LastIndex(v.Node.Pointer(), "/")]
			allowed := map[string]string{
				"object": "id, name, fields", "field": "key, stringValue, refValue",
				"parameter": "id, attributes", "parameter attribute": "key, stringValue", "parameter value": "id, stringValue",
			}[elementKind(parent)]
			pass.Report(Finding{Object: owner, Start: v.KeyStart, End: v.KeyEnd, Pointer: v.Node.Pointer(),
				Message:  fmt.Sprintf("unknown key %s in %s %s; expected %s", quote(v.Key), article(elementKind(parent)), elementKind(parent), allowed),
				AWSText:  fmt.Sprintf(`Unknown parameter in %s: "%s", must be one of: %s`, botoPath(parent), v.Key, allowed),
				AWSStage: diag.StageValidate, AWSPath: botoPath(v.Node.Pointer())})
		case schema.WrongType:
			name := "the top level"
			if i := strings.LastIndex(v.Node.Pointer(), "/"); i >= 0 {
				name = quote(source.UnescapeToken(v.Node.Pointer()[i+1:]))
				if _, err := strconv.Atoi(v.Node.Pointer()[i+1:]); err == nil {
					name = "each entry of " + quote(source.UnescapeToken(parentName(v.Node.Pointer())))
				}
			}
			want := map[string]string{"array": "an array", "object": "an object", "string": "a string"}[v.Want]
			if want == "" {
				want = v.Want
			}
			f := Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
				Message: fmt.Sprintf("%s must be %s; found %s", name, want, v.Node.Describe())}
			f.AWSText, f.AWSStage, f.AWSPath = wrongTypeText(pass.Def, v.Node, v.Want)
			if f.AWSText == "" && isEmpty(v.Node) && v.Node.Parent() == pass.File.Root {
				// Python loops over an empty list or string without a word:
				// the AWS CLI sends the definition, with an empty list here.
				f.Channel = diag.None
			}
			pass.Report(f)
		case schema.ValueChoice:
			pass.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.Start + 1, Pointer: v.Node.Pointer(),
				Message: "a field must have exactly one of 'stringValue' and 'refValue'"})
		default:
			continue
		}
	}
}
