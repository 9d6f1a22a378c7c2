package rules

import (
	"fmt"
	"strconv"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// InvalidPeriod reports periods the service cannot read.
var InvalidPeriod = &Rule{
	Meta: Meta{
		ID: "DP4001", Name: "invalid-period", Severity: diag.Error, Origin: diag.Service,
		Summary: "a period is not 'N minutes|hours|days|weeks|months|years' with N a positive integer, a Schedule's period is under 15 minutes or over 3 years, or a retryDelay is under 2 minutes",
		Doc: "Singular or plural and any case are fine (\"1 Day\", \"15 minutes\"). The 15-minute minimum and 3-year maximum are the Schedule period's " +
			"(dp-limits.md, the Schedule page); the 2-minute minimum is retryDelay's (dp-limits.md: \"Minimum delay between retry attempts\", " +
			"a limit that cannot be raised).",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "attemptTimeout": "90 mins"}`)
	}},
	Requires: needsGraph,
	Check:    checkInvalidPeriod,
}

func checkInvalidPeriod(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	ty.eachTyped(func(o *definition.Object, f *definition.Field, v *definition.Value, sf *catalog.Field) {
		if sf.Kind != catalog.KindPeriod {
			return
		}
		m := period().FindStringSubmatch(v.Text)
		if m == nil {
			pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be a period such as '15 minutes' or '1 day' (a whole number and minutes, hours, days, weeks, months or years); found %s", quote(f.Key), quote(v.Text))))
			return
		}
		schedule := f.Key == "period" && g.Type(o) == "Schedule"
		n, err := strconv.Atoi(m[1])
		if !schedule && err == nil && n == 0 {
			// The guide's grammar: "N [years|months|...]" where N is a positive integer.
			pass.Report(valueFinding(o, v, fmt.Sprintf("%s must be a period whose number is a positive integer; found %s", quote(f.Key), quote(v.Text))))
		}
		if f.Key == "retryDelay" && err == nil && n > 0 && periodMinutes(n, m[2]) < 2 {
			pass.Report(valueFinding(o, v, fmt.Sprintf("'retryDelay' must be at least 2 minutes; found %s", quote(v.Text))))
		}
		if !schedule {
			return
		}
		switch mins := periodMinutes(n, m[2]); {
		case mins < 15:
			pass.Report(valueFinding(o, v, fmt.Sprintf("'period' must be at least 15 minutes; found %s", quote(v.Text))))
		case mins > periodMinutes(3, "year"):
			pass.Report(valueFinding(o, v, fmt.Sprintf("'period' must be at most 3 years; found %s", quote(v.Text))))
		}
	})
}
