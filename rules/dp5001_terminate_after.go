package rules

import "github.com/dplint/dplint/diag"

// TerminateAfter warns about resources that may run forever.
var TerminateAfter = &Rule{
	Meta: Meta{
		ID: "DP5001", Name: "terminate-after", Severity: diag.Warning, Origin: diag.Service, VerifiedText: true,
		Summary: "an Ec2Resource or EmrCluster has no 'terminateAfter' (own or inherited)",
		Doc:     "The service's warning, word for word. Without terminateAfter a resource left behind by a failure keeps running, and billing.",
	},
	Example:  Example{Build: func() string { return example(`{"id": "Worker", "type": "Ec2Resource"}`, exHello) }},
	Requires: needsGraph,
	Check:    checkTerminateAfter,
}

func checkTerminateAfter(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		if t := g.Type(o); (t != "Ec2Resource" && t != "EmrCluster") || !concrete(g, o) {
			continue
		}
		if f, _ := g.Lookup(o, "terminateAfter"); f == nil && !g.Unresolved(o) {
			pass.Report(missingFinding(o, "'terminateAfter' is missing. It is recommended to set this to avoid leaving resource running for long duration.", "terminateAfter"))
		}
	}
}
