package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/remote/answer"
)

// RemoteError reports the errors of the real service.
var RemoteError = &Rule{
	Meta: Meta{
		ID: "DP8001", Name: "remote-error", Severity: diag.Error, Origin: diag.Remote, Channel: diag.None,
		Summary: "an error the real ValidatePipelineDefinition returned (lint --remote or --remote-response)",
		Doc:     "Only with --remote or --remote-response: the service's own answer, placed on the object it names. A message one of dplint's own checks already gives on the same object is shown once, as dplint's; the comparison on stderr says where the two disagree.",
	},
	Example: Example{Build: func() string { return example(exWorker, exHello) }, Answer: &answer.Answer{Errors: []answer.Message{{ID: "Hello", Text: "an error only the service knows"}}}},
	Check:   checkRemoteError,
}

func checkRemoteError(pass *Pass) {
	d := pass.Def
	if r := pass.Options.Remote; r != nil {
		for _, m := range r.Errors {
			pass.Report(idFinding(d, m.ID, m.Text))
		}
	}
}
