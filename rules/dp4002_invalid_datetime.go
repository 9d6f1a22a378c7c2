package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// InvalidDatetime reports datetimes that are not literals.
var InvalidDatetime = &Rule{
	Meta: Meta{
		ID: "DP4002", Name: "invalid-datetime", Severity: diag.Error, Origin: diag.Service,
		Summary: "a datetime is not a literal YYYY-MM-DDTHH:MM:SS (a Schedule's endDateTime must also be after its start)",
		Doc: "For a Schedule's startDateTime the message is the service's own (an older style, with its code): " +
			"`INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value.` Values holding #{...} are evaluated by the service and are not checked here.",
	},
	Example: Example{Input: `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2026-01-01 00:00"}
]}
`},
	Requires: needsGraph,
	Check:    checkInvalidDatetime,
}

func checkInvalidDatetime(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	ty.eachTyped(func(o *definition.Object, f *definition.Field, v *definition.Value, sf *catalog.Field) {
		if sf.Kind != catalog.KindDateTime {
			return
		}
		if _, ok := parseDatetime(v.Text); ok {
			return
		}
		msg := fmt.Sprintf("%s must be a date and time in the form YYYY-MM-DDTHH:MM:SS; found %s", quote(f.Key), quote(v.Text))
		if f.Key == "startDateTime" && g.Type(o) == "Schedule" {
			msg = "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
		}
		pass.Report(valueFinding(o, v, msg))
	})
	for _, o := range g.Def.Objects {
		if g.Type(o) != "Schedule" {
			continue
		}
		sf, _ := g.Lookup(o, "startDateTime")
		ef, from := g.Lookup(o, "endDateTime")
		if sf == nil || ef == nil || from != o || len(sf.Values) == 0 || len(ef.Values) == 0 {
			continue
		}
		start, ok1 := parseDatetime(sf.Values[0].Text)
		end, ok2 := parseDatetime(ef.Values[0].Text)
		if ok1 && ok2 && !end.After(start) {
			pass.Report(valueFinding(o, ef.Values[0], fmt.Sprintf("'endDateTime' must be later than 'startDateTime' (%s)", sf.Values[0].Text)))
		}
	}
}
