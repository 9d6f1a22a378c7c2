package rules

// Value grammars the service reads: periods and datetimes.

import (
	"strings"
	"time"
)

// period is "N unit", unit minutes|hours|days|weeks|months|years, singular
// or plural, any case (the guide's examples write "1 Day", "15 minutes").
var period = lazyRegexp(`(?i)^\s*(\d+)\s+(minute|hour|day|week|month|year)s?\s*$`)

// datetimeLiteral is the service's literal form, YYYY-MM-DDTHH:MM:SS.
var datetimeLiteral = lazyRegexp(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$`)

// periodMinutes converts a period to minutes (months 30 days, years 365):
// enough to compare with the 15-minute and 3-year limits.
func periodMinutes(n int, unit string) float64 {
	per := map[string]float64{"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200, "year": 525600}
	return float64(n) * per[strings.ToLower(unit)]
}

func parseDatetime(s string) (time.Time, bool) {
	if !datetimeLiteral().MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02T15:04:05", s)
	return t, err == nil
}
