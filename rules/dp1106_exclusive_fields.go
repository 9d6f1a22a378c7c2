package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// ExclusiveFields reports fields that must not be set together.
var ExclusiveFields = &Rule{
	Meta: Meta{
		ID: "DP1106", Name: "exclusive-fields", Severity: diag.Error, Origin: diag.Service,
		Summary: "fields that cannot be used together are both set (startAt and startDateTime, endDateTime and occurrences, ...)",
	},
	Example: Example{Input: `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startAt": "FIRST_ACTIVATION_DATE_TIME", "startDateTime": "2026-01-01T00:00:00"}
]}
`},
	Requires: needsGraph,
	Check:    checkExclusiveFields,
}

func checkExclusiveFields(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	for _, o := range g.Def.Objects {
		t := ty.objectType(o)
		if t == nil {
			continue
		}
		for _, x := range t.Exclusive {
			var set []string
			var own *definition.Field
			for _, n := range x.Fields {
				if f, from := g.Lookup(o, n); f != nil {
					set = append(set, n)
					if from == o && own == nil {
						own = f
					}
				}
			}
			if len(set) > 1 && own != nil { // reported where one of them is written
				pass.Report(keyFinding(o, own, fmt.Sprintf("%s cannot be used together", listAnd(set))))
			}
		}
	}
}
