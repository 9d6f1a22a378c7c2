package rules

import "github.com/dplint/dplint/diag"

// TemplateRefValue reports a RefValue the template builds at deploy
// time.
var TemplateRefValue = &Rule{
	Meta: Meta{
		ID: "DP9004", Name: "template-ref-value", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a RefValue (ref_value) is an intrinsic function or interpolation known only at deploy time, so the reference cannot be checked",
		Doc: "A reference names the id of another object of the same pipeline; ids are written in the template, so a reference should be too. " +
			"A !Ref to a template parameter with a Default is resolved and checked; anything else (!GetAtt, !ImportValue, var.x) is not, and " +
			"checks that follow references stay quiet for the pipeline. A #{...} expression in a reference is DP3004.",
	},
	Example: Example{Build: func() string {
		return cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, StringValue: echo hello}
            - {Key: runsOn, RefValue: !ImportValue SharedWorker}
`)
	}},
	Check: checkTemplateRefValue,
}

func checkTemplateRefValue(pass *Pass) { reportEmbeddedProblems(pass) }
