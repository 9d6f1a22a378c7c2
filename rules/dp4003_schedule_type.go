package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// ScheduleType reports scheduleType rules.
var ScheduleType = &Rule{
	Meta: Meta{
		ID: "DP4003", Name: "schedule-type", Severity: diag.Error, Origin: diag.Service,
		Summary: "scheduleType misuse: 'ondemand' set anywhere but Default, a schedule in an on-demand pipeline, or a scheduled object with no schedule",
		Doc: "An on-demand pipeline sets scheduleType ondemand on the Default object; its objects then take no schedule and no other scheduleType. " +
			"Otherwise (cron or timeseries, the default) every object that runs on a schedule needs one, its own or inherited.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "scheduleType": "cron"}`)
	}},
	Requires: needsGraph,
	Check:    checkScheduleType,
}

func checkScheduleType(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	kind := func(o *definition.Object) (string, *definition.Field, *definition.Object) {
		f, from := g.Lookup(o, "scheduleType")
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Str || opaque(f.Values[0].Text) {
			return "", f, from
		}
		return strings.ToLower(f.Values[0].Text), f, from
	}
	onDemand := g.Default != nil && func() bool { k, _, _ := kind(g.Default); return k == "ondemand" }()
	for _, o := range g.Def.Objects {
		if own := o.Field("scheduleType"); own != nil && o != g.Default && len(own.Values) > 0 && strings.EqualFold(own.Values[0].Text, "ondemand") {
			pass.Report(valueFinding(o, own.Values[0], "scheduleType 'ondemand' can only be set on the Default object"))
			continue
		}
		if onDemand && o != g.Default {
			if own := o.Field("scheduleType"); own != nil && len(own.Values) > 0 && !opaque(own.Values[0].Text) {
				pass.Report(valueFinding(o, own.Values[0], fmt.Sprintf("the pipeline is on demand (Default's scheduleType); this object cannot be %s", quote(own.Values[0].Text))))
			}
		}
		if onDemand {
			if own := o.Field("schedule"); own != nil && len(own.Values) > 0 {
				pass.Report(keyFinding(o, own, "an on-demand pipeline takes no 'schedule'"))
			}
			continue
		}
		t := ty.objectType(o)
		if t == nil || t.Name == "Default" || (g.UsedAsParent(o) && o.Type() == "") {
			continue
		}
		inv := t.Field("schedule")
		if inv == nil || !inv.Invocation {
			continue
		}
		if k, _, _ := kind(o); k == "ondemand" {
			continue
		}
		if f, _ := g.Lookup(o, "schedule"); f == nil && !g.Unresolved(o) {
			pass.Report(anchorFinding(o, "'schedule' is missing: the pipeline is not on demand, so this object needs a schedule (its own, or from its parent or Default)"))
		}
	}
}
