// Package schedule works out when a pipeline's components run: the period
// and bounds of the Schedule object a component uses (its own, inherited
// through parent, or Default's), the pipeline's scheduling style, and the
// intervals that follow from them up to a given time. It is the arithmetic
// the Developer Guide's scheduling pages describe, kept apart from any clock
// or store, so that `dplint serve` can make instances from it and tests can
// hold it to the guide's own examples.
package schedule

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
)

// Unit is a period's unit.
type Unit int

// The units a period may name.
const (
	Minute Unit = iota
	Hour
	Day
	Week
	Month
	Year
)

var unitNames = [...]string{"minute", "hour", "day", "week", "month", "year"}

func (u Unit) String() string { return unitNames[u] }

// Period is "N unit": how often a schedule runs.
type Period struct {
	N    int
	Unit Unit
}

func (p Period) String() string {
	if p.N == 1 {
		return "1 " + p.Unit.String()
	}
	return strconv.Itoa(p.N) + " " + p.Unit.String() + "s"
}

// periodText is the grammar DP4001 holds periods to: a whole number, then
// a unit, singular or plural, in any case ("1 Day", "15 minutes").
var periodText = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(\d+)\s+(minute|hour|day|week|month|year)s?\s*$`)
}) // compiled on first use, not at every start

// ParsePeriod reads a period. A number of zero, or one too large to count
// with, is an error: no schedule can advance by it.
func ParsePeriod(s string) (Period, error) {
	m := periodText().FindStringSubmatch(s)
	if m == nil {
		return Period{}, fmt.Errorf("%q is not a period such as '15 minutes' or '1 day'", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 || n > 1_000_000 {
		return Period{}, fmt.Errorf("period %q: the number must be a positive integer", s)
	}
	for u, name := range unitNames {
		if strings.EqualFold(m[2], name) {
			return Period{N: n, Unit: Unit(u)}, nil
		}
	}
	return Period{}, fmt.Errorf("period %q: unknown unit", s) // unreachable: the expression names the units
}

// After is the time k periods after t. A month or year that lacks t's day
// lands on its last day, as Joda's plusMonths does (the expression
// functions' clock is Joda's). The guide does not say whether the service
// steps from run to run or from the start; dplint counts k periods from
// the start, so a schedule that starts on 31 January runs on 28 or 29
// February and again on 31 March, never drifting to the 28th.
func (p Period) After(t time.Time, k int) time.Time {
	n := p.N * k
	switch p.Unit {
	case Minute:
		return t.Add(time.Duration(n) * time.Minute)
	case Hour:
		return t.Add(time.Duration(n) * time.Hour)
	case Day:
		return t.AddDate(0, 0, n)
	case Week:
		return t.AddDate(0, 0, 7*n)
	case Year:
		return addMonths(t, 12*n)
	}
	return addMonths(t, n)
}

func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// Style is when in its interval a component's instance is due.
type Style int

// The pipeline's scheduleType values.
const (
	// Timeseries instances are due at the end of their interval (the
	// default when no scheduleType is set).
	Timeseries Style = iota
	// Cron instances are due at the start of their interval.
	Cron
	// OnDemand pipelines run once per activation and have no schedule.
	OnDemand
)

func (s Style) String() string { return [...]string{"timeseries", "cron", "ondemand"}[s] }

// ParseStyle reads a scheduleType value (any case, as DP4003 reads it).
func ParseStyle(s string) (Style, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "timeseries":
		return Timeseries, nil
	case "cron":
		return Cron, nil
	case "ondemand":
		return OnDemand, nil
	}
	return 0, fmt.Errorf("scheduleType %q is not cron, timeseries or ondemand", s)
}

// Schedule is a Schedule object read for one activation.
type Schedule struct {
	ID     string
	Period Period
	// Start is startDateTime, or the activation time for startAt
	// FIRST_ACTIVATION_DATE_TIME.
	Start time.Time
	// End is endDateTime; zero when the schedule runs until the pipeline is
	// stopped.
	End time.Time
	// Occurrences bounds the number of runs; 0 when unbounded.
	Occurrences int
}

// Interval is one run of a schedule: its index from 0 and the span
// [Start, End) that @scheduledStartTime and @scheduledEndTime name.
type Interval struct {
	Index      int
	Start, End time.Time
}

// Due is when an instance for the interval is created: at its start for
// cron style and for resources (which the guide says ignore the style), at
// its end for time series style.
func (iv Interval) Due(s Style) time.Time {
	if s == Timeseries {
		return iv.End
	}
	return iv.Start
}

// Interval returns run k of the schedule, and false when the schedule has
// no run k (past its occurrences or its end).
func (s Schedule) Interval(k int) (Interval, bool) {
	if k < 0 || s.Occurrences > 0 && k >= s.Occurrences {
		return Interval{}, false
	}
	iv := Interval{Index: k, Start: s.Period.After(s.Start, k), End: s.Period.After(s.Start, k+1)}
	if !s.End.IsZero() && !iv.Start.Before(s.End) {
		return Interval{}, false
	}
	return iv, true
}

// Due lists the runs from run `from` on that are due at or before now under
// style, at most limit of them (limit <= 0: no bound). A start in the past
// makes every past run due at once: the guide's backfill. The list ends at
// the first run not yet due, so a caller keeps the next index to ask from.
func (s Schedule) Due(style Style, from int, now time.Time, limit int) []Interval {
	var out []Interval
	for k := max(from, 0); limit <= 0 || len(out) < limit; k++ {
		iv, ok := s.Interval(k)
		if !ok || iv.Due(style).After(now) {
			break
		}
		out = append(out, iv)
	}
	return out
}

// FirstActivation is startAt's one documented value.
const FirstActivation = "FIRST_ACTIVATION_DATE_TIME"

// Value gives the text of an object's field for key, evaluated where it
// holds expressions (#{myStartDate}), and false when no object gives the
// object that field. Text reads the definition as written.
type Value func(o *definition.Object, key string) (string, bool)

// Text is the Value of fields as written, through parent and Default.
func Text(g *graph.Graph) Value {
	return func(o *definition.Object, key string) (string, bool) {
		f, _ := g.Lookup(o, key)
		if f == nil || len(f.Values) == 0 {
			return "", false
		}
		return f.Values[0].Text, true
	}
}

// ErrNoSchedule is returned for a component that uses no Schedule object.
var ErrNoSchedule = errors.New("no schedule")

// datetimeLayout is the service's literal DateTime form.
const datetimeLayout = "2006-01-02T15:04:05"

// StyleOf is the pipeline's scheduling style for o: its scheduleType, its
// own, inherited or Default's.
func StyleOf(o *definition.Object, value Value) (Style, error) {
	text, _ := value(o, "scheduleType")
	return ParseStyle(text)
}

// Of reads the Schedule object o runs on (its schedule reference, its own
// or inherited), for an activation at activated (UTC). ErrNoSchedule when
// o has none; an error naming the field for one the schedule cannot be
// run by (no period, both startAt and startDateTime, a date that is not
// YYYY-MM-DDTHH:MM:SS, an occurrences count that is not a positive
// integer).
func Of(g *graph.Graph, o *definition.Object, activated time.Time, value Value) (Schedule, error) {
	f, _ := g.Lookup(o, "schedule")
	if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Ref {
		return Schedule{}, ErrNoSchedule
	}
	so := g.Object(f.Values[0].Text)
	if so == nil {
		return Schedule{}, fmt.Errorf("schedule: %q is not an object of the pipeline", f.Values[0].Text)
	}
	s := Schedule{ID: so.ID}
	text, ok := value(so, "period")
	if !ok {
		return Schedule{}, fmt.Errorf("schedule %s: no period", so.ID)
	}
	p, err := ParsePeriod(text)
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %s: %w", so.ID, err)
	}
	s.Period = p
	startAt, hasAt := value(so, "startAt")
	start, hasStart := value(so, "startDateTime")
	switch {
	case hasAt && hasStart:
		return Schedule{}, fmt.Errorf("schedule %s: both startAt and startDateTime", so.ID)
	case hasAt && strings.EqualFold(startAt, FirstActivation):
		s.Start = activated.UTC().Truncate(time.Second)
	case hasAt:
		return Schedule{}, fmt.Errorf("schedule %s: startAt %q is not %s", so.ID, startAt, FirstActivation)
	case hasStart:
		if s.Start, err = time.Parse(datetimeLayout, start); err != nil {
			return Schedule{}, fmt.Errorf("schedule %s: startDateTime %q is not YYYY-MM-DDTHH:MM:SS", so.ID, start)
		}
	default:
		return Schedule{}, fmt.Errorf("schedule %s: neither startAt nor startDateTime", so.ID)
	}
	if end, ok := value(so, "endDateTime"); ok {
		if s.End, err = time.Parse(datetimeLayout, end); err != nil {
			return Schedule{}, fmt.Errorf("schedule %s: endDateTime %q is not YYYY-MM-DDTHH:MM:SS", so.ID, end)
		}
	}
	if occ, ok := value(so, "occurrences"); ok {
		if s.Occurrences, err = strconv.Atoi(strings.TrimSpace(occ)); err != nil || s.Occurrences <= 0 {
			return Schedule{}, fmt.Errorf("schedule %s: occurrences %q is not a positive integer", so.ID, occ)
		}
	}
	return s, nil
}
