package rules

import "github.com/dplint/dplint/diag"

// RunsOnAndWorkerGroup warns when both are set.
var RunsOnAndWorkerGroup = &Rule{
	Meta: Meta{
		ID: "DP5003", Name: "runs-on-and-worker-group", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an object sets both 'runsOn' and 'workerGroup'; workerGroup is then ignored",
		Doc:     "The activity pages: if runsOn is given, workerGroup is ignored. Whether the service warns is not known.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "workerGroup": "wg"}`)
	}},
	Requires: needsGraph,
	Check:    checkRunsOnAndWorkerGroup,
}

func checkRunsOnAndWorkerGroup(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		wg := o.Field("workerGroup")
		if wg == nil || !concrete(g, o) {
			continue
		}
		if f, _ := g.Lookup(o, "runsOn"); f != nil {
			pass.Report(keyFinding(o, wg, "'workerGroup' is ignored when 'runsOn' is set"))
		}
	}
}
