package rules

// Area 8, remote: what the real ValidatePipelineDefinition said, placed on
// the objects it names.

import (
	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// RemoteMessage is one message of the service's answer.
type RemoteMessage struct {
	ID, Text string
}

// RemoteResult is the service's answer to ValidatePipelineDefinition.
type RemoteResult struct {
	Errors, Warnings []RemoteMessage
}

// remoteFinding places a message on the object (or parameter) it names,
// else on the objects list.
func remoteFinding(rep Reporter, d *definition.Definition, m RemoteMessage) {
	for _, o := range d.Objects {
		if o.ID == m.ID {
			f := anchorFinding(o, m.Text)
			rep.Report(f)
			return
		}
	}
	for _, p := range d.Parameters {
		if p.ID == m.ID {
			f := paramAnchor(p)
			f.Message = m.Text
			rep.Report(f)
			return
		}
	}
	if k := d.ObjectsKey; k != nil {
		rep.Report(Finding{Object: m.ID, Start: k.KeyStart, End: k.KeyEnd, Pointer: k.Value.Pointer(), Message: m.Text})
		return
	}
	rep.Report(Finding{Object: m.ID, Start: 0, End: 1, Message: m.Text})
}

// RemoteExample is the service answer the remote rules' examples use (docs
// and tests run without the service).
func RemoteExample(id string) *RemoteResult {
	switch id {
	case RemoteError.ID:
		return &RemoteResult{Errors: []RemoteMessage{{ID: "Hello", Text: "an error only the service knows"}}}
	case RemoteWarning.ID:
		return &RemoteResult{Warnings: []RemoteMessage{{ID: "Worker", Text: "No policy attached to the role - unable to validate policy for 'DataPipelineDefaultRole'"}}}
	}
	return nil
}

var (
	// RemoteError reports the errors of the real service.
	RemoteError = simpleRule(&Rule{
		ID: "DP8001", Name: "remote-error", Severity: diag.Error, Origin: diag.Remote, Channel: diag.None,
		Summary: "an error the real ValidatePipelineDefinition returned (lint --remote or --remote-response)",
		Doc:     "Only with --remote or --remote-response: the service's own answer, placed on the object it names. A message one of dplint's own checks already gives on the same object is shown once, as dplint's; the comparison on stderr says where the two disagree.",
	}, func(rep Reporter, d *definition.Definition) {
		if r := rep.in.Options.Remote; r != nil {
			for _, m := range r.Errors {
				remoteFinding(rep, d, m)
			}
		}
	})

	// RemoteWarning reports the warnings of the real service.
	RemoteWarning = simpleRule(&Rule{
		ID: "DP8002", Name: "remote-warning", Severity: diag.Warning, Origin: diag.Remote, Channel: diag.None,
		Summary: "a warning the real ValidatePipelineDefinition returned (lint --remote or --remote-response), such as the IAM role checks",
		Doc:     "Only with --remote or --remote-response. Some warnings depend on the account (the IAM role policies) and only the service can give them.",
	}, func(rep Reporter, d *definition.Definition) {
		if r := rep.in.Options.Remote; r != nil {
			for _, m := range r.Warnings {
				remoteFinding(rep, d, m)
			}
		}
	})
)
