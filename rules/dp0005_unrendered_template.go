package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// UnrenderedTemplate notes, once per file, ${...} placeholders in
// places dplint checks.
var UnrenderedTemplate = &Rule{
	Meta: Meta{
		ID: "DP0005", Name: "unrendered-template", Severity: diag.Info, Origin: diag.Lint, Channel: diag.None,
		Summary: "the file holds ${...} placeholders in typed fields, ids or references: it looks like a template not rendered yet",
		Doc: "Values holding ${ are unknown, not wrong: type, period, datetime, number and reference checks skip them. " +
			"Plain strings (commands, scripts, S3 paths) are never checked for ${, which shells and staging variables use. " +
			"Pipelines in CloudFormation templates and Terraform files are not reported: there ${...} is the host's own substitution, known at deploy time.",
	},
	Example: Example{Build: func() string {
		return example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "${hours} Hours"}`)
	}},
	Requires: needsGraph,
	Check:    checkUnrenderedTemplate,
}

func checkUnrenderedTemplate(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	if g.Def.Embedded != nil {
		return
	}
	for _, o := range g.Def.Objects {
		if o.IDNode != nil && strings.Contains(o.ID, "${") {
			pass.Report(Finding{Object: o.ID, Start: o.IDNode.Start, End: o.IDNode.End, Pointer: o.IDNode.Pointer(),
				Message: "this file looks like an unrendered template (${...} in an id); checks skip those values"})
			return
		}
		for _, f := range o.Fields {
			sf := ty.field(o, f.Key)
			for _, v := range f.Values {
				if !strings.Contains(v.Text, "${") {
					continue
				}
				if v.Kind == definition.Ref || f.Key == "type" || (sf != nil && sf.Kind != catalog.KindString) {
					pass.Report(valueFinding(o, v, fmt.Sprintf("this file looks like an unrendered template (${...} in %s); checks skip those values", quote(f.Key))))
					return
				}
			}
		}
	}
}
