package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// CascadeBackfill warns about cascading failures over a backfill.
var CascadeBackfill = &Rule{
	Meta: Meta{
		ID: "DP4004", Name: "cascade-backfill", Severity: diag.Warning, Origin: diag.Service, VerifiedText: true,
		Summary: "failureAndRerunMode 'cascade' with a schedule that starts in the past (a backfill)",
		Doc: "The service's warning (dp-manage-cascade-failandrerun.md). \"Now\" is the clock, or --now. " +
			"Reported on each object that sets cascade itself and whose schedule (own or inherited) has a literal start before now.",
	},
	Example: Example{Input: `{"objects": [
  {"id": "Default", "scheduleType": "cron", "failureAndRerunMode": "CASCADE", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2020-01-01T00:00:00"}
]}
`},
	Requires: needsGraph,
	Check:    checkCascadeBackfill,
}

func checkCascadeBackfill(pass *Pass) {
	g := pass.Graph()
	now := pass.Options.Now
	if now.IsZero() {
		now = time.Now().UTC()
	}
	for _, o := range g.Def.Objects {
		own := o.Field("failureAndRerunMode")
		if own == nil || len(own.Values) == 0 || !strings.EqualFold(own.Values[0].Text, "cascade") {
			continue
		}
		sched, _ := g.Lookup(o, "schedule")
		var s *definition.Object
		if sched != nil && len(sched.Values) > 0 && sched.Values[0].Kind == definition.Ref {
			s = g.Object(sched.Values[0].Text)
		}
		if s == nil {
			continue
		}
		start, _ := g.Lookup(s, "startDateTime")
		if start == nil || len(start.Values) == 0 {
			continue
		}
		t, ok := parseDatetime(start.Values[0].Text)
		if !ok || !t.Before(now) {
			continue
		}
		pass.Report(valueFinding(o, own.Values[0], fmt.Sprintf("%s has 'failureAndRerunMode' field set to 'cascade' and you are about to create a backfill with scheduleStartTime %s. "+
			"This can result in rapid creation of pipeline objects in case of failures.", o.Name, start.Values[0].Text)))
	}
}
