package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
)

// PipelineLogURI warns when Default has no pipelineLogUri.
var PipelineLogURI = &Rule{
	Meta: Meta{
		ID: "DP5002", Name: "pipeline-log-uri", Severity: diag.Warning, Origin: diag.Service, VerifiedText: true,
		Summary: "the Default object has no 'pipelineLogUri'",
		Doc:     "The service's warning, word for word (its missing space included), on the id Default.",
	},
	Example:  Example{Input: "{\"objects\": [\n  {\"id\": \"Default\", \"scheduleType\": \"ondemand\"}\n]}\n"},
	Requires: needsGraph,
	Check:    checkPipelineLogURI,
}

func checkPipelineLogURI(pass *Pass) {
	g := pass.Graph()
	const msg = "'pipelineLogUri'is missing. It is recommended to set this value on Default object for better troubleshooting."
	if g.Default != nil {
		if f, _ := g.Lookup(g.Default, "pipelineLogUri"); f == nil {
			pass.Report(missingFinding(g.Default, msg, "pipelineLogUri"))
		}
		return
	}
	if k := g.Def.ObjectsKey; k != nil && len(g.Def.Objects) > 0 {
		pass.Report(Finding{Object: graph.DefaultID, Start: k.KeyStart, End: k.KeyEnd, Pointer: k.Value.Pointer(), Message: msg})
	}
}
