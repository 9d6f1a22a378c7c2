package rules

import "github.com/dplint/dplint/diag"

// ActivateNotBoolean reports an Activate that is not a boolean.
var ActivateNotBoolean = &Rule{
	Meta: Meta{
		ID: "DP9005", Name: "activate-not-boolean", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a pipeline resource's Activate is neither true nor false",
		Doc:     "Activate is a boolean in CloudFormation's resource schema; the strings \"true\" and \"false\" are converted, anything else fails the stack.",
	},
	Example: Example{Build: func() string { return cfnExample("      Activate: yes please\n", "") }},
	Check:   checkActivateNotBoolean,
}

func checkActivateNotBoolean(pass *Pass) { reportEmbeddedProblems(pass) }
