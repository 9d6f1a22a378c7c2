package schedule_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/internal/schedule"
	"github.com/dplint/dplint/source"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04:05", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // the period written back; "" for an error
	}{
		{"15 minutes", "15 minutes"},
		{"1 Day", "1 day"},
		{" 2 WEEKS ", "2 weeks"},
		{"1 hours", "1 hour"},
		{"3 years", "3 years"},
		{"6 month", "6 months"},
		{"0 days", ""},
		{"-1 days", ""},
		{"1.5 hours", ""},
		{"daily", ""},
		{"99999999999999999999 days", ""},
	} {
		p, err := schedule.ParsePeriod(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParsePeriod(%q) = %v, want an error", tc.in, p)
		case tc.want != "" && (err != nil || p.String() != tc.want):
			t.Errorf("ParsePeriod(%q) = %v, %v; want %s", tc.in, p, err, tc.want)
		}
	}
}

// TestAfterMonths: months count from the start and land on a short
// month's last day, as Joda's plusMonths does.
func TestAfterMonths(t *testing.T) {
	month := schedule.Period{N: 1, Unit: schedule.Month}
	start := date("2027-01-31T10:30:00")
	for k, want := range []string{"2027-01-31T10:30:00", "2027-02-28T10:30:00", "2027-03-31T10:30:00", "2027-04-30T10:30:00"} {
		if got := month.After(start, k).Format("2006-01-02T15:04:05"); got != want {
			t.Errorf("start + %d months = %s, want %s", k, got, want)
		}
	}
	leap := schedule.Period{N: 1, Unit: schedule.Year}
	if got := leap.After(date("2028-02-29T00:00:00"), 1); !got.Equal(date("2029-02-28T00:00:00")) {
		t.Errorf("29 February 2028 + 1 year = %s", got)
	}
	week := schedule.Period{N: 2, Unit: schedule.Week}
	if got := week.After(date("2027-03-01T00:00:00"), 3); !got.Equal(date("2027-04-12T00:00:00")) {
		t.Errorf("1 March + 3 × 2 weeks = %s", got)
	}
}

// TestStyles holds the styles to the guide's example: a start at 22:00
// with a 30-minute period runs its first time series instance at 22:30,
// its first cron instance at 22:00.
func TestStyles(t *testing.T) {
	s := schedule.Schedule{Period: schedule.Period{N: 30, Unit: schedule.Minute}, Start: date("2027-05-01T22:00:00")}
	iv, ok := s.Interval(0)
	if !ok {
		t.Fatal("no first run")
	}
	if got := iv.Due(schedule.Timeseries); !got.Equal(date("2027-05-01T22:30:00")) {
		t.Errorf("time series first run due %s, want 22:30", got)
	}
	if got := iv.Due(schedule.Cron); !got.Equal(date("2027-05-01T22:00:00")) {
		t.Errorf("cron first run due %s, want 22:00", got)
	}
	for in, want := range map[string]schedule.Style{"": schedule.Timeseries, "CRON": schedule.Cron, "ondemand": schedule.OnDemand, "timeseries": schedule.Timeseries} {
		if got, err := schedule.ParseStyle(in); err != nil || got != want {
			t.Errorf("ParseStyle(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := schedule.ParseStyle("hourly"); err == nil {
		t.Error("ParseStyle(hourly): no error")
	}
}

// TestDue: a start three days back is a backfill (every past run due at
// once), bounded by the limit, by occurrences and by the end, and a caller
// asking from the next index gets only what has come due since.
func TestDue(t *testing.T) {
	day := schedule.Period{N: 1, Unit: schedule.Day}
	now := date("2027-06-04T12:00:00")
	s := schedule.Schedule{Period: day, Start: date("2027-06-01T00:00:00")}
	starts := func(ivs []schedule.Interval) string {
		var out []string
		for _, iv := range ivs {
			out = append(out, iv.Start.Format("01-02"))
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		name  string
		s     schedule.Schedule
		style schedule.Style
		from  int
		limit int
		want  string
	}{
		{"cron backfill", s, schedule.Cron, 0, 0, "06-01 06-02 06-03 06-04"},
		{"time series backfill", s, schedule.Timeseries, 0, 0, "06-01 06-02 06-03"},
		{"limited", s, schedule.Cron, 0, 2, "06-01 06-02"},
		{"from the next index", s, schedule.Cron, 2, 0, "06-03 06-04"},
		{"occurrences", schedule.Schedule{Period: day, Start: s.Start, Occurrences: 2}, schedule.Cron, 0, 0, "06-01 06-02"},
		{"end", schedule.Schedule{Period: day, Start: s.Start, End: date("2027-06-03T00:00:00")}, schedule.Cron, 0, 0, "06-01 06-02"},
		{"in the future", schedule.Schedule{Period: day, Start: date("2027-07-01T00:00:00")}, schedule.Cron, 0, 0, ""},
	} {
		if got := starts(tc.s.Due(tc.style, tc.from, now, tc.limit)); got != tc.want {
			t.Errorf("%s: due %q, want %q", tc.name, got, tc.want)
		}
	}
	ivs := s.Due(schedule.Timeseries, 0, now, 0)
	if last := ivs[len(ivs)-1]; !last.End.Equal(date("2027-06-04T00:00:00")) || last.Index != 2 {
		t.Errorf("last time series run %+v, want index 2 ending 06-04", last)
	}
}

func read(t *testing.T, text string) *graph.Graph {
	t.Helper()
	d := definition.Read("p.json", source.Parse("p.json", []byte(text)))
	return graph.Build(d)
}

// TestOf reads schedules through the definition: a schedule reference
// inherited from Default, startAt, and the mistakes that leave nothing to
// run by.
func TestOf(t *testing.T) {
	activated := date("2027-02-10T08:15:42")
	g := read(t, `{"objects": [
		{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}},
		{"id": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2027-02-01T00:00:00", "endDateTime": "2027-03-01T00:00:00"},
		{"id": "Hourly", "type": "Schedule", "period": "1 hour", "startAt": "FIRST_ACTIVATION_DATE_TIME", "occurrences": "3"},
		{"id": "Copy", "type": "CopyActivity"},
		{"id": "Often", "type": "ShellCommandActivity", "schedule": {"ref": "Hourly"}, "scheduleType": "timeseries"},
		{"id": "Both", "type": "Schedule", "period": "1 day", "startAt": "FIRST_ACTIVATION_DATE_TIME", "startDateTime": "2027-02-01T00:00:00"},
		{"id": "UsesBoth", "type": "ShellCommandActivity", "schedule": {"ref": "Both"}},
		{"id": "Gone", "type": "ShellCommandActivity", "schedule": {"ref": "Missing"}}
	]}`)
	text := schedule.Text(g)
	s, err := schedule.Of(g, g.Object("Copy"), activated, text)
	if err != nil || s.ID != "Daily" || !s.Start.Equal(date("2027-02-01T00:00:00")) || !s.End.Equal(date("2027-03-01T00:00:00")) || s.Period.String() != "1 day" {
		t.Errorf("Copy's schedule %+v, %v; want Daily from Default", s, err)
	}
	if st, err := schedule.StyleOf(g.Object("Copy"), text); err != nil || st != schedule.Cron {
		t.Errorf("Copy's style %v, %v; want cron from Default", st, err)
	}
	s, err = schedule.Of(g, g.Object("Often"), activated, text)
	if err != nil || !s.Start.Equal(date("2027-02-10T08:15:42")) || s.Occurrences != 3 {
		t.Errorf("Often's schedule %+v, %v; want the activation time and 3 occurrences", s, err)
	}
	if st, _ := schedule.StyleOf(g.Object("Often"), text); st != schedule.Timeseries {
		t.Errorf("Often's own scheduleType %v, want timeseries", st)
	}
	if _, err := schedule.Of(g, g.Object("UsesBoth"), activated, text); err == nil || !strings.Contains(err.Error(), "both startAt and startDateTime") {
		t.Errorf("a schedule with both starts: %v", err)
	}
	if _, err := schedule.Of(g, g.Object("Gone"), activated, text); err == nil || !strings.Contains(err.Error(), `"Missing"`) {
		t.Errorf("a missing schedule: %v", err)
	}
	ondemand := read(t, `{"objects": [{"id": "Default", "scheduleType": "ondemand"}, {"id": "Run", "type": "ShellCommandActivity"}]}`)
	if _, err := schedule.Of(ondemand, ondemand.Object("Run"), activated, schedule.Text(ondemand)); !errors.Is(err, schedule.ErrNoSchedule) {
		t.Errorf("an on-demand object: %v, want ErrNoSchedule", err)
	}
}

// TestOfEvaluated: the caller's Value sees every field the schedule reads,
// so a #{myStart} parameter is evaluated before it is parsed.
func TestOfEvaluated(t *testing.T) {
	g := read(t, `{"objects": [
		{"id": "Default", "schedule": {"ref": "S"}},
		{"id": "S", "type": "Schedule", "period": "#{myPeriod}", "startDateTime": "#{myStart}"}
	]}`)
	params := map[string]string{"#{myPeriod}": "2 hours", "#{myStart}": "2027-01-01T06:00:00"}
	value := func(o *definition.Object, key string) (string, bool) {
		text, ok := schedule.Text(g)(o, key)
		if v, isParam := params[text]; isParam {
			return v, true
		}
		return text, ok
	}
	s, err := schedule.Of(g, g.Object("Default"), time.Time{}, value)
	if err != nil || s.Period.String() != "2 hours" || !s.Start.Equal(date("2027-01-01T06:00:00")) {
		t.Errorf("evaluated schedule %+v, %v", s, err)
	}
	if _, err := schedule.Of(g, g.Object("Default"), time.Time{}, schedule.Text(g)); err == nil || !strings.Contains(err.Error(), "is not a period") {
		t.Errorf("unevaluated #{myPeriod}: %v, want a period error", err)
	}
}
