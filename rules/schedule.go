package rules

// Area 4, schedules and time: periods, datetimes, scheduleType, backfills.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/schema"
)

// period is "N unit", unit minutes|hours|days|weeks|months|years, singular
// or plural, any case (the guide's examples write "1 Day", "15 minutes").
var period = regexp.MustCompile(`(?i)^\s*(\d+)\s+(minute|hour|day|week|month|year)s?\s*$`)

// datetimeLiteral is the service's literal form, YYYY-MM-DDTHH:MM:SS.
var datetimeLiteral = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$`)

// periodMinutes converts a period to minutes (months 30 days, years 365):
// enough to compare with the 15-minute and 3-year limits.
func periodMinutes(n int, unit string) float64 {
	per := map[string]float64{"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200, "year": 525600}
	return float64(n) * per[strings.ToLower(unit)]
}

func parseDatetime(s string) (time.Time, bool) {
	if !datetimeLiteral.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02T15:04:05", s)
	return t, err == nil
}

var (
	// InvalidPeriod reports periods the service cannot read.
	InvalidPeriod = graphRule(&Rule{
		ID: "DP4001", Name: "invalid-period", Severity: diag.Error, Origin: diag.Service,
		Summary: "a period is not 'N minutes|hours|days|weeks|months|years', or a Schedule's period is under 15 minutes or over 3 years",
		Doc:     "Singular or plural and any case are fine (\"1 Day\", \"15 minutes\"). The 15-minute minimum and 3-year maximum are the Schedule period's (dp-limits.md, the Schedule page).",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		eachTyped(g, cat, func(o *definition.Object, f *definition.Field, v *definition.Value, sf *schema.Field) {
			if sf.Kind != schema.KindPeriod {
				return
			}
			m := period.FindStringSubmatch(v.Text)
			if m == nil {
				rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be a period such as '15 minutes' or '1 day' (a whole number and minutes, hours, days, weeks, months or years); found %s", quote(f.Key), quote(v.Text))))
				return
			}
			if f.Key != "period" || g.Type(o) != "Schedule" {
				return
			}
			n, _ := strconv.Atoi(m[1])
			switch mins := periodMinutes(n, m[2]); {
			case mins < 15:
				rep.Report(valueFinding(o, v, fmt.Sprintf("'period' must be at least 15 minutes; found %s", quote(v.Text))))
			case mins > periodMinutes(3, "year"):
				rep.Report(valueFinding(o, v, fmt.Sprintf("'period' must be at most 3 years; found %s", quote(v.Text))))
			}
		})
	})

	// InvalidDatetime reports datetimes that are not literals.
	InvalidDatetime = graphRule(&Rule{
		ID: "DP4002", Name: "invalid-datetime", Severity: diag.Error, Origin: diag.Service,
		Summary: "a datetime is not a literal YYYY-MM-DDTHH:MM:SS (a Schedule's endDateTime must also be after its start)",
		Doc: "For a Schedule's startDateTime the message is the service's own (an older style, with its code): " +
			"`INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value.` Values holding #{...} are evaluated by the service and are not checked here.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		eachTyped(g, cat, func(o *definition.Object, f *definition.Field, v *definition.Value, sf *schema.Field) {
			if sf.Kind != schema.KindDateTime {
				return
			}
			if _, ok := parseDatetime(v.Text); ok {
				return
			}
			msg := fmt.Sprintf("%s must be a date and time in the form YYYY-MM-DDTHH:MM:SS; found %s", quote(f.Key), quote(v.Text))
			if f.Key == "startDateTime" && g.Type(o) == "Schedule" {
				msg = "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."
			}
			rep.Report(valueFinding(o, v, msg))
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
				rep.Report(valueFinding(o, ef.Values[0], fmt.Sprintf("'endDateTime' must be later than 'startDateTime' (%s)", sf.Values[0].Text)))
			}
		}
	})

	// ScheduleType reports scheduleType rules.
	ScheduleType = graphRule(&Rule{
		ID: "DP4003", Name: "schedule-type", Severity: diag.Error, Origin: diag.Service,
		Summary: "scheduleType misuse: 'ondemand' set anywhere but Default, a schedule in an on-demand pipeline, or a scheduled object with no schedule",
		Doc: "An on-demand pipeline sets scheduleType ondemand on the Default object; its objects then take no schedule and no other scheduleType. " +
			"Otherwise (cron or timeseries, the default) every object that runs on a schedule needs one, its own or inherited.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
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
				rep.Report(valueFinding(o, own.Values[0], "scheduleType 'ondemand' can only be set on the Default object"))
				continue
			}
			if onDemand && o != g.Default {
				if own := o.Field("scheduleType"); own != nil && len(own.Values) > 0 && !opaque(own.Values[0].Text) {
					rep.Report(valueFinding(o, own.Values[0], fmt.Sprintf("the pipeline is on demand (Default's scheduleType); this object cannot be %s", quote(own.Values[0].Text))))
				}
			}
			if onDemand {
				if own := o.Field("schedule"); own != nil && len(own.Values) > 0 {
					rep.Report(keyFinding(o, own, "an on-demand pipeline takes no 'schedule'"))
				}
				continue
			}
			t := catalogType(g, cat, o)
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
			if f, _ := g.Lookup(o, "schedule"); f == nil {
				rep.Report(anchorFinding(o, "'schedule' is missing: the pipeline is not on demand, so this object needs a schedule (its own, or from its parent or Default)"))
			}
		}
	})

	// CascadeBackfill warns about cascading failures over a backfill.
	CascadeBackfill = graphRule(&Rule{
		ID: "DP4004", Name: "cascade-backfill", Severity: diag.Warning, Origin: diag.Service, VerifiedText: true,
		Summary: "failureAndRerunMode 'cascade' with a schedule that starts in the past (a backfill)",
		Doc: "The service's warning (dp-manage-cascade-failandrerun.md). \"Now\" is the clock, or --now. " +
			"Reported on each object that sets cascade itself and whose schedule (own or inherited) has a literal start before now.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		now := rep.in.Options.Now
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
			rep.Report(valueFinding(o, own.Values[0], fmt.Sprintf("%s has 'failureAndRerunMode' field set to 'cascade' and you are about to create a backfill with scheduleStartTime %s. "+
				"This can result in rapid creation of pipeline objects in case of failures.", o.Name, start.Values[0].Text)))
		}
	})
)
