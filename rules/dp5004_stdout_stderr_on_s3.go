package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// StdoutStderrOnS3 reports local stdout/stderr paths on a resource.
var StdoutStderrOnS3 = &Rule{
	Meta: Meta{
		ID: "DP5004", Name: "stdout-stderr-on-s3", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "'stdout' or 'stderr' is not an S3 path although the object runs on a resource ('runsOn')",
		Doc:     "The resource is gone when the task ends; only a worker group's host keeps local files. The guide says these must be S3 paths with runsOn.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "stdout": "/tmp/out.log"}`)
	}},
	Requires: needsGraph,
	Check:    checkStdoutStderrOnS3,
}

func checkStdoutStderrOnS3(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		if !concrete(g, o) {
			continue
		}
		if f, _ := g.Lookup(o, "runsOn"); f == nil {
			continue
		}
		for _, key := range []string{"stdout", "stderr"} {
			v := ownValue(o, key)
			if v == nil || v.Kind != definition.Str || opaque(v.Text) || v.Text == "" {
				continue
			}
			if !strings.HasPrefix(strings.ToLower(v.Text), "s3://") {
				pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be an S3 path (s3://...) when 'runsOn' is set; found %s", quote(key), quote(v.Text))))
			}
		}
	}
}
