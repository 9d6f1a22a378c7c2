package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// MaximumRetries warns beyond the service's retry limit.
var MaximumRetries = &Rule{
	Meta: Meta{
		ID: "DP5005", Name: "maximum-retries", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "'maximumRetries' is above 5, the service's limit of retries per task",
		Doc:     "dp-limits.md: 5 retries per task, not adjustable. Whether the service rejects more or caps them is not known.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "maximumRetries": "9"}`)
	}},
	Requires: needsGraph,
	Check:    checkMaximumRetries,
}

func checkMaximumRetries(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		v := ownValue(o, "maximumRetries")
		if v == nil || v.Kind != definition.Str {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v.Text)); err == nil && n > maxRetries {
			pass.Report(valueFinding(o, v, fmt.Sprintf("'maximumRetries' is %d; the service allows at most %d retries per task", n, maxRetries)))
		}
	}
}

// maxRetries is dp-limits.md's "Retries of a pipeline activity: 5 per task".
const maxRetries = 5
