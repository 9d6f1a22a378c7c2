// Package joda implements the date-format pattern language of Joda-Time's
// org.joda.time.format.DateTimeFormat (Joda-Time 2.x), which AWS Data
// Pipeline's expression language uses in format(), e.g.
//
//	#{format(@scheduledStartTime,'YYYY-MM-dd HH:mm:ss')}
//
// Only printing is implemented (Data Pipeline never parses with a pattern).
// The output is what DateTimeFormat.forPattern(p).print(dt) gives with an
// English locale and an ISOChronology DateTime in t's time zone.
//
// The pattern letters follow the DateTimeFormat javadoc; where the javadoc
// is silent the behaviour of the Joda-Time 2.x sources (DateTimeFormat
// .parsePatternTo/parseToken, DateTimeFormatterBuilder, FormatUtils and
// ISOChronology) is followed, and each such rule is marked "Joda source:"
// below:
//
//	Symbol  Meaning                      Presentation  Examples
//	G       era                          text          AD
//	C       century of era (>=0)         number        20
//	Y       year of era (>=0)            year          1996
//	x       weekyear                     year          1996
//	w       week of weekyear             number        27
//	e       day of week                  number        2
//	E       day of week                  text          Tuesday; Tue
//	y       year                         year          1996
//	D       day of year                  number        189
//	M       month of year                month         July; Jul; 07
//	d       day of month                 number        10
//	a       halfday of day               text          PM
//	K       hour of halfday (0~11)       number        0
//	h       clockhour of halfday (1~12)  number        12
//	H       hour of day (0~23)           number        0
//	k       clockhour of day (1~24)      number        24
//	m       minute of hour               number        30
//	s       second of minute             number        55
//	S       fraction of second           millis        978
//	z       time zone                    text          Pacific Standard Time; PST
//	Z       time zone offset/id          zone          -0800; -08:00; America/Los_Angeles
//	'       escape for text              delimiter
//	''      single quote                 literal       '
//
// Differences from java.text.SimpleDateFormat that matter in practice (this
// package follows Joda):
//
//   - 'Y' is year of era, not week year. For AD dates 'YYYY' and 'yyyy' print
//     the same; use 'xxxx' for the ISO week year.
//   - 'u', 'L', 'F', 'W', 'X', 'c', 'Q', 'V' ... are not pattern letters:
//     every ASCII letter not in the table above is an error ("Illegal
//     pattern component").
//   - 'S' is a fraction of the second, not a millisecond count ('S' prints
//     tenths, 'SSSS' prints 9870 for .987 s).
//   - 'e' is the ISO day-of-week number (Monday=1 ... Sunday=7).
//   - 'ZZ' prints "+00:00" and 'ZZZ' the zone id.
//   - Two adjacent quotes are an escaped quote everywhere, even right after
//     an opening quote, so a pattern of four quotes prints two quotes in Joda
//     (one in SimpleDateFormat).
package joda

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Error is a problem in a pattern. Offset is the byte offset inside the
// pattern of the token at fault (the first letter of an illegal letter run,
// or the opening quote of an unterminated quoted literal).
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("joda: invalid date format pattern at offset %d: %s", e.Offset, e.Msg)
}

// Error messages. The first two are the messages of the
// IllegalArgumentException Joda-Time throws for the same pattern.
const (
	msgEmpty        = "Invalid pattern specification"
	msgIllegal      = "Illegal pattern component: "
	msgUnterminated = "unterminated quoted literal; Joda-Time does not reject it but prints the rest of the pattern as literal text"
	msgNothing      = "unterminated quoted literal and nothing to print; Joda-Time rejects this pattern (\"Both printing and parsing not supported\")"
)

// Formatter is a compiled pattern. It is immutable and safe for concurrent use.
type Formatter struct {
	elems []elem
}

type kind uint8

const (
	kLiteral            kind = iota
	kEra                     // G
	kCenturyOfEra            // C
	kYearOfEra               // Y (count != 2)
	kYear                    // y (count != 2)
	kWeekyear                // x (count != 2)
	kTwoDigitYear            // yy and YY
	kTwoDigitWeekyear        // xx
	kWeekOfWeekyear          // w
	kDayOfWeek               // e
	kDayOfWeekShortText      // E, EE, EEE
	kDayOfWeekText           // EEEE...
	kDayOfYear               // D
	kMonth                   // M, MM
	kMonthShortText          // MMM
	kMonthText               // MMMM...
	kDayOfMonth              // d
	kHalfday                 // a
	kHourOfHalfday           // K
	kClockhourOfHalfday      // h
	kHourOfDay               // H
	kClockhourOfDay          // k
	kMinute                  // m
	kSecond                  // s
	kFraction                // S
	kZoneShortName           // z, zz, zzz
	kZoneName                // zzzz...
	kZoneOffset              // Z
	kZoneOffsetColon         // ZZ
	kZoneID                  // ZZZ...
)

type elem struct {
	kind   kind
	letter byte
	count  int // minimum printed digits for numbers
	lit    string
	off    int
	len    int
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }

// Compile parses a Joda-Time DateTimeFormat pattern.
//
// Errors are *Error values. Joda-Time itself rejects (IllegalArgumentException
// or UnsupportedOperationException) the empty pattern, any ASCII letter that
// is not a pattern letter, and the lone pattern "'"; for those Compile
// returns a nil *Formatter.
//
// An unterminated quoted literal ("yyyy'T") is also reported as an *Error,
// because it is almost certainly a mistake, but Joda-Time accepts it and
// prints everything after the quote literally. In that case only, Compile
// returns a usable *Formatter (printing exactly what Joda-Time prints) together
// with the error, so a caller that wants Joda's behaviour can still use it.
func Compile(pattern string) (*Formatter, error) {
	// Joda source: DateTimeFormat.createFormatterForPattern rejects null
	// and "" with "Invalid pattern specification".
	if pattern == "" {
		return nil, &Error{Offset: 0, Msg: msgEmpty}
	}
	f := &Formatter{}
	var unterminated *Error
	n := len(pattern)
	for i := 0; i < n; {
		c := pattern[i]
		if isLetter(c) {
			// Joda source (parseToken): a token is a maximal run of one
			// ASCII letter; only A-Z and a-z are letters.
			j := i + 1
			for j < n && pattern[j] == c {
				j++
			}
			e, err := letterElem(pattern, i, j)
			if err != nil {
				return nil, err
			}
			f.elems = append(f.elems, e)
			i = j
			continue
		}
		// Joda source (parseToken): a literal token starts at any
		// non-letter (including a quote) and runs until an unquoted ASCII
		// letter. A quote followed by a quote is always an escaped quote
		// (checked before toggling, so this applies inside and outside
		// quotes); any other quote toggles quoting. Non-ASCII characters are
		// never pattern letters.
		start := i
		var b strings.Builder
		inQuote := false
		openAt := -1
		for ; i < n; i++ {
			c = pattern[i]
			if c == '\'' {
				if i+1 < n && pattern[i+1] == '\'' {
					i++
					b.WriteByte('\'')
				} else {
					inQuote = !inQuote
					if inQuote {
						openAt = i
					}
				}
			} else if !inQuote && isLetter(c) {
				break
			} else {
				b.WriteByte(c)
			}
		}
		if inQuote {
			// Joda source: no error; the literal simply extends to the end
			// of the pattern.
			unterminated = &Error{Offset: openAt, Msg: msgUnterminated}
		}
		if b.Len() > 0 {
			// Joda source: appendLiteral("") appends nothing.
			f.elems = append(f.elems, elem{kind: kLiteral, lit: b.String(), off: start, len: i - start})
		}
	}
	if len(f.elems) == 0 {
		// Only possible for the pattern "'": Joda's builder is then empty
		// and toFormatter throws UnsupportedOperationException.
		off := 0
		if unterminated != nil {
			off = unterminated.Offset
		}
		return nil, &Error{Offset: off, Msg: msgNothing}
	}
	if unterminated != nil {
		return f, unterminated
	}
	return f, nil
}

// letterElem maps the letter run pattern[i:j] to an element, following the
// switch in Joda's DateTimeFormat.parsePatternTo.
func letterElem(pattern string, i, j int) (elem, error) {
	c := pattern[i]
	count := j - i
	e := elem{letter: c, count: count, off: i, len: count}
	switch c {
	case 'G':
		// Era text regardless of count.
		e.kind = kEra
	case 'C':
		// appendCenturyOfEra(count, count).
		e.kind = kCenturyOfEra
	case 'x', 'y', 'Y':
		// Javadoc: "if the count of 'y' is 2, the year will be displayed as
		// the zero-based year of the century, which is two digits". Joda
		// source: this is exactly count == 2 (not <= 2) and for both 'y' and
		// 'Y' it prints the *year* field (appendTwoDigitYear uses
		// DateTimeFieldType.year()), 'xx' the weekyear. Otherwise 'y' is
		// appendYear(count, ..), 'Y' appendYearOfEra(count, ..) and 'x'
		// appendWeekyear(count, ..): numbers padded to count digits (the
		// look-ahead maxDigits only matters for parsing).
		switch {
		case count == 2 && c == 'x':
			e.kind = kTwoDigitWeekyear
		case count == 2:
			e.kind = kTwoDigitYear
		case c == 'x':
			e.kind = kWeekyear
		case c == 'y':
			e.kind = kYear
		default:
			e.kind = kYearOfEra
		}
	case 'M':
		// Javadoc: "Month: 3 or over, use text, otherwise use number";
		// Joda source: 4 or more is the full text, 3 the short text.
		switch {
		case count >= 4:
			e.kind = kMonthText
		case count == 3:
			e.kind = kMonthShortText
		default:
			e.kind = kMonth
		}
	case 'd':
		e.kind = kDayOfMonth
	case 'a':
		// Halfday text regardless of count.
		e.kind = kHalfday
	case 'h':
		e.kind = kClockhourOfHalfday
	case 'H':
		e.kind = kHourOfDay
	case 'k':
		e.kind = kClockhourOfDay
	case 'K':
		e.kind = kHourOfHalfday
	case 'm':
		e.kind = kMinute
	case 's':
		e.kind = kSecond
	case 'S':
		// appendFractionOfSecond(count, count).
		e.kind = kFraction
	case 'e':
		e.kind = kDayOfWeek
	case 'E':
		// Javadoc: "Text: If the number of pattern letters is 4 or more, the
		// full form is used; otherwise a short or abbreviated form".
		if count >= 4 {
			e.kind = kDayOfWeekText
		} else {
			e.kind = kDayOfWeekShortText
		}
	case 'D':
		e.kind = kDayOfYear
	case 'w':
		e.kind = kWeekOfWeekyear
	case 'z':
		if count >= 4 {
			e.kind = kZoneName
		} else {
			e.kind = kZoneShortName
		}
	case 'Z':
		// Javadoc: "'Z' outputs offset without a colon, 'ZZ' outputs the
		// offset with a colon, 'ZZZ' or more outputs the zone id."
		switch count {
		case 1:
			e.kind = kZoneOffset
		case 2:
			e.kind = kZoneOffsetColon
		default:
			e.kind = kZoneID
		}
	default:
		// Javadoc: "All ASCII letters are reserved as pattern letters";
		// Joda source: the ones without a meaning throw
		// IllegalArgumentException("Illegal pattern component: " + token).
		return elem{}, &Error{Offset: i, Msg: msgIllegal + pattern[i:j]}
	}
	return e, nil
}

var (
	monthNames = [...]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	// Indexed by time.Weekday (Sunday = 0).
	dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// fields are the calendar fields of an instant in its zone, in ISOChronology.
type fields struct {
	t                  time.Time
	year               int64 // proleptic Gregorian, year 0 = 1 BC (as Joda's ISOChronology and Go)
	month              int   // 1..12
	day                int
	yday               int
	weekday            time.Weekday
	isoYear, isoWeek   int
	hour, minute, sec  int
	millis             int
	zoneAbbr           string
	offset             int // seconds east of UTC
	haveWeek, haveZone bool
}

// Print formats t. Joda-Time instants have millisecond precision, so any
// sub-millisecond part of t is dropped. Fields are computed in t's location.
func (f *Formatter) Print(t time.Time) string {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	fl := fields{
		t: t, year: int64(y), month: int(mo), day: d, yday: t.YearDay(), weekday: t.Weekday(),
		hour: h, minute: mi, sec: s, millis: t.Nanosecond() / 1e6,
	}
	b := make([]byte, 0, 32)
	for i := range f.elems {
		b = f.elems[i].print(b, &fl)
	}
	return string(b)
}

func (fl *fields) week() {
	if !fl.haveWeek {
		fl.isoYear, fl.isoWeek = fl.t.ISOWeek()
		fl.haveWeek = true
	}
}

func (fl *fields) zone() {
	if !fl.haveZone {
		fl.zoneAbbr, fl.offset = fl.t.Zone()
		fl.haveZone = true
	}
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func (e *elem) print(b []byte, fl *fields) []byte {
	switch e.kind {
	case kLiteral:
		return append(b, e.lit...)
	case kEra:
		// ISO/GJ era: year <= 0 is BC.
		if fl.year <= 0 {
			return append(b, "BC"...)
		}
		return append(b, "AD"...)
	case kCenturyOfEra:
		// Joda source (ISOChronology.assemble): "zero based century",
		// a DividedDateTimeField over ISOYearOfEraDateTimeField, which
		// "merely drops the sign of the year": |year| / 100. (So 2011 -> 20;
		// for BC this is not yearOfEra/100: year -99, i.e. 100 BC, gives 0.)
		return appendPadded(b, abs64(fl.year)/100, e.count)
	case kYearOfEra:
		// GJYearOfEraDateTimeField: year <= 0 -> 1 - year.
		yoe := fl.year
		if yoe <= 0 {
			yoe = 1 - yoe
		}
		return appendPadded(b, yoe, e.count)
	case kYear:
		// Signed: year -5 with "yyyy" prints "-0005" (FormatUtils pads the
		// magnitude, the sign is extra).
		return appendPadded(b, fl.year, e.count)
	case kWeekyear:
		fl.week()
		return appendPadded(b, int64(fl.isoYear), e.count)
	case kTwoDigitYear:
		// Joda source (TwoDigitYear.getTwoDigitYear): |year| % 100.
		return appendPadded(b, abs64(fl.year)%100, 2)
	case kTwoDigitWeekyear:
		fl.week()
		return appendPadded(b, abs64(int64(fl.isoYear))%100, 2)
	case kWeekOfWeekyear:
		fl.week()
		return appendPadded(b, int64(fl.isoWeek), e.count)
	case kDayOfWeek:
		// ISO: Monday = 1 ... Sunday = 7.
		wd := int64(fl.weekday)
		if wd == 0 {
			wd = 7
		}
		return appendPadded(b, wd, e.count)
	case kDayOfWeekShortText:
		return append(b, dayNames[fl.weekday][:3]...)
	case kDayOfWeekText:
		return append(b, dayNames[fl.weekday]...)
	case kDayOfYear:
		return appendPadded(b, int64(fl.yday), e.count)
	case kMonth:
		return appendPadded(b, int64(fl.month), e.count)
	case kMonthShortText:
		return append(b, monthNames[fl.month-1][:3]...)
	case kMonthText:
		return append(b, monthNames[fl.month-1]...)
	case kDayOfMonth:
		return appendPadded(b, int64(fl.day), e.count)
	case kHalfday:
		if fl.hour < 12 {
			return append(b, "AM"...)
		}
		return append(b, "PM"...)
	case kHourOfHalfday:
		return appendPadded(b, int64(fl.hour%12), e.count)
	case kClockhourOfHalfday:
		h := fl.hour % 12
		if h == 0 {
			h = 12
		}
		return appendPadded(b, int64(h), e.count)
	case kHourOfDay:
		return appendPadded(b, int64(fl.hour), e.count)
	case kClockhourOfDay:
		h := fl.hour
		if h == 0 {
			h = 24
		}
		return appendPadded(b, int64(h), e.count)
	case kMinute:
		return appendPadded(b, int64(fl.minute), e.count)
	case kSecond:
		return appendPadded(b, int64(fl.sec), e.count)
	case kFraction:
		return appendFraction(b, int64(fl.millis), e.count)
	case kZoneShortName:
		fl.zone()
		return append(b, zoneShortName(fl)...)
	case kZoneName:
		fl.zone()
		return append(b, zoneLongName(fl)...)
	case kZoneOffset, kZoneOffsetColon:
		fl.zone()
		return appendOffset(b, fl.offset, e.kind == kZoneOffsetColon)
	case kZoneID:
		fl.zone()
		id, _ := zoneID(fl)
		return append(b, id...)
	}
	return b
}

// appendPadded mirrors Joda's FormatUtils.appendPaddedInteger: a '-' for
// negative values, then the magnitude left-padded with zeros to size digits
// (the sign does not count towards size).
func appendPadded(b []byte, v int64, size int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var digits int
	switch {
	case v < 10:
		digits = 1
	case v < 100:
		digits = 2
	case v < 1000:
		digits = 3
	case v < 10000:
		digits = 4
	default:
		// Joda source: for values >= 10000 appendPaddedInteger estimates
		// the digit count as (int)(Math.log(value) / LOG_10) + 1, which is
		// one short for 1000000 (log gives 5.999...), so such a value
		// gets one extra leading zero when size > its estimated digits.
		// Reproduced for fidelity; it only matters for years >= 100000.
		digits = int(math.Log(float64(v))/math.Ln10) + 1
	}
	for ; size > digits; size-- {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, v, 10)
}

// appendFraction mirrors DateTimeFormatterBuilder.Fraction.printTo for
// appendFractionOfSecond(count, count): the millisecond remainder scaled to
// exactly count digits (truncated, or zero-padded on the right).
//
// Joda source quirks reproduced: maxDigits is capped at 18 and then lowered
// until 1000 * 10^maxDigits fits in a long, i.e. to 15; minDigits is not
// capped. So with 16 or more 'S' a zero fraction prints count zeros but a
// non-zero fraction prints 15 digits.
func appendFraction(b []byte, millis int64, count int) []byte {
	if millis == 0 {
		for i := 0; i < count; i++ {
			b = append(b, '0')
		}
		return b
	}
	maxDigits := count
	if maxDigits > 15 {
		maxDigits = 15
	}
	scaled := millis
	switch {
	case maxDigits >= 3:
		for i := 3; i < maxDigits; i++ {
			scaled *= 10
		}
	case maxDigits == 2:
		scaled /= 10
	default: // 1
		scaled /= 100
	}
	str := strconv.FormatInt(scaled, 10)
	// Left-pad to maxDigits. (Trailing zeros are only chopped when
	// minDigits < maxDigits, which a pattern never produces.)
	for l := len(str); l < maxDigits; l++ {
		b = append(b, '0')
	}
	return append(b, str...)
}

// appendOffset mirrors TimeZoneOffset.printTo with zeroOffsetPrintText
// null, minFields = maxFields = 2: sign, hours, minutes; seconds of the
// offset are dropped (truncated).
func appendOffset(b []byte, off int, colon bool) []byte {
	if off >= 0 {
		b = append(b, '+')
	} else {
		b = append(b, '-')
		off = -off
	}
	b = appendPadded(b, int64(off/3600), 2)
	if colon {
		b = append(b, ':')
	}
	return appendPadded(b, int64(off%3600/60), 2)
}

// offsetID is Joda's DateTimeZone.printOffset, the id of a fixed-offset
// zone: "+HH:MM", with ":SS" appended when the offset has seconds.
func offsetID(off int) string {
	b := make([]byte, 0, 9)
	b = appendOffset(b, off, true)
	if off < 0 {
		off = -off
	}
	if s := off % 60; s != 0 {
		b = append(b, ':')
		b = appendPadded(b, int64(s), 2)
	}
	return string(b)
}

// zoneID returns the Joda zone id for t's location, and whether it is a
// fixed-offset zone without names.
//
// Go's time.UTC (and a zero-offset unnamed time.FixedZone) is Joda's
// DateTimeZone.UTC, id "UTC". A named location (time.LoadLocation) keeps its
// IANA name, which is the Joda id. An unnamed fixed zone, and time.Local
// (whose IANA name Go does not expose), become Joda's fixed-offset zone
// "+HH:MM" (or "UTC" at offset zero), as DateTimeZone.forOffsetMillis does.
func zoneID(fl *fields) (id string, fixed bool) {
	loc := fl.t.Location()
	name := loc.String()
	switch {
	case name == "UTC":
		return "UTC", false
	case name == "" || name == "Local":
		if fl.offset == 0 {
			return "UTC", false
		}
		return offsetID(fl.offset), true
	}
	return name, false
}

// zoneShortName is DateTimeZone.getShortName for 'z'. For UTC Java's
// English name is "UTC"; for fixed-offset zones Joda prints the id. For other
// zones Joda takes Java's locale data, which this package approximates with
// the tz database abbreviation Go provides ("PST", "CEST", ...), falling back
// to Joda's offset format when the abbreviation is numeric ("+04").
func zoneShortName(fl *fields) string {
	id, fixed := zoneID(fl)
	if id == "UTC" || fixed {
		return id
	}
	if a := fl.zoneAbbr; a != "" && isLetter(a[0]) {
		return a
	}
	return offsetID(fl.offset)
}

// longNames are Java's English long zone names (the same in the JRE COMPAT
// and CLDR locale data) for a few common zones: {standard, daylight}.
var longNames = map[string][2]string{
	"America/New_York":    {"Eastern Standard Time", "Eastern Daylight Time"},
	"America/Chicago":     {"Central Standard Time", "Central Daylight Time"},
	"America/Denver":      {"Mountain Standard Time", "Mountain Daylight Time"},
	"America/Phoenix":     {"Mountain Standard Time", "Mountain Daylight Time"},
	"America/Los_Angeles": {"Pacific Standard Time", "Pacific Daylight Time"},
	"America/Anchorage":   {"Alaska Standard Time", "Alaska Daylight Time"},
	"Europe/London":       {"Greenwich Mean Time", "British Summer Time"},
	"Asia/Tokyo":          {"Japan Standard Time", "Japan Daylight Time"},
	"Asia/Kolkata":        {"India Standard Time", "India Daylight Time"},
}

// zoneLongName is DateTimeZone.getName for 'zzzz': "Coordinated Universal
// Time" for UTC, the id for fixed-offset zones, Java's name for the zones in
// longNames, and otherwise (an approximation: Go has no long zone names) the
// short name.
func zoneLongName(fl *fields) string {
	id, fixed := zoneID(fl)
	switch {
	case id == "UTC":
		return "Coordinated Universal Time"
	case fixed:
		return id
	}
	if n, ok := longNames[id]; ok {
		if fl.t.IsDST() {
			return n[1]
		}
		return n[0]
	}
	return zoneShortName(fl)
}
