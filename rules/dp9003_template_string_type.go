package rules

import "github.com/dplint/dplint/diag"

// TemplateStringType reports a number or boolean where a string is
// wanted.
var TemplateStringType = &Rule{
	Meta: Meta{
		ID: "DP9003", Name: "template-string-type", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a YAML or JSON number or boolean stands where CloudFormation wants a string (StringValue: 5): quote it",
		Doc: "CloudFormation's resource schema types Id, Name, Key, StringValue and RefValue as strings. A YAML plain scalar such as 5, 1.10, 0755 or true " +
			"is a number or boolean, and what reaches the pipeline is its converted text (1.10 becomes 1.1), not what was written. " +
			"dplint checks the text as written and offers a fix that quotes it (`dplint lint --fix` applies it; not on a secret's value).",
	},
	Example: Example{Build: func() string {
		return cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, StringValue: echo hello}
            - {Key: maximumRetries, StringValue: 3}
`)
	}},
	Check: checkTemplateStringType,
}

func checkTemplateStringType(pass *Pass) { reportEmbeddedProblems(pass) }
