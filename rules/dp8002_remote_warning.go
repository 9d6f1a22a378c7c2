package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/remote/answer"
)

// RemoteWarning reports the warnings of the real service.
var RemoteWarning = &Rule{
	Meta: Meta{
		ID: "DP8002", Name: "remote-warning", Severity: diag.Warning, Origin: diag.Remote, Channel: diag.None,
		Summary: "a warning the real ValidatePipelineDefinition returned (lint --remote or --remote-response), such as the IAM role checks",
		Doc:     "Only with --remote or --remote-response. Some warnings depend on the account (the IAM role policies) and only the service can give them.",
	},
	Example: Example{Build: func() string { return example(exWorker, exHello) }, Answer: &answer.Answer{Warnings: []answer.Message{{ID: "Worker", Text: "No policy attached to the role - unable to validate policy for 'DataPipelineDefaultRole'"}}}},
	Check:   checkRemoteWarning,
}

func checkRemoteWarning(pass *Pass) {
	d := pass.Def
	if r := pass.Options.Remote; r != nil {
		for _, m := range r.Warnings {
			pass.Report(idFinding(d, m.ID, m.Text))
		}
	}
}
