package expr

// The evaluator: what the service computes for one #{...} expression, for
// one object and one scheduled run. Names are resolved through an Env the
// linter supplies; a name that cannot be known offline makes the result
// unknown (ErrUnknown), not wrong.
//
// Sources (AWS Data Pipeline Developer Guide, markdown file names):
//
//   - dp-pipeline-reference-functions-math.md: + - * / ^, "If you divide two
//     integers, the result is truncated", 1.0 / 2 gives ".5", 2 ^ 2 gives
//     "4.0".
//   - dp-pipeline-reference-functions-string.md: + concatenates; "Non-string
//     values are first converted to strings".
//   - dp-pipeline-expressions.md: 'this is ' + myList gives a list; the
//     filePath example "s3://mybucket/#{parent.@id}.csv".
//   - dp-expressions-functions.md: DateTime is "YYYY-MM-DDTHH:MM:SS" in
//     UTC/GMT only; integers and floating-point values.
//   - dp-pipeline-reference-functions-datetime.md: the 25 date/time
//     functions; "The date/time format for AWS Data Pipeline is Joda Time".

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dplint/dplint/internal/joda"
)

// Limits that keep a hostile expression from exhausting memory or time.
const (
	// MaxStringLen caps every string the evaluator builds (and the whole
	// text of a list): 1 MiB.
	MaxStringLen = 1 << 20
	// MaxListLen caps the number of items of a list.
	MaxListLen = 10000
	// maxWork caps the bytes one Eval or EvalTemplate call may produce in
	// all (intermediate strings included), so that many operations that each
	// stay under MaxStringLen cannot add up to gigabytes.
	maxWork = 64 << 20
)

// Joda-Time's ISOChronology supports years -292275054 to 292278993; any
// date-time outside is an IllegalFieldValueException/ArithmeticException in
// the service.
const (
	minYear = -292275054
	maxYear = 292278993
)

// Value is a typed expression value.
type Value struct {
	Type   Type // TypeString, TypeInteger, TypeDouble, TypeDateTime, TypePeriod, TypeObject, TypeList
	Str    string
	Int    int64
	Float  float64
	Time   time.Time // UTC
	List   []Value
	Object string // the id of a referenced object, for TypeObject
}

// StringValue, IntValue, DoubleValue, DateTimeValue and ListValue build
// Values.
func StringValue(s string) Value { return Value{Type: TypeString, Str: s} }

// IntValue is an Integer value.
func IntValue(i int64) Value { return Value{Type: TypeInteger, Int: i} }

// DoubleValue is a Double value.
func DoubleValue(f float64) Value { return Value{Type: TypeDouble, Float: f} }

// DateTimeValue is a DateTime value (converted to UTC).
func DateTimeValue(t time.Time) Value { return Value{Type: TypeDateTime, Time: t.UTC()} }

// ListValue is a List value.
func ListValue(items ...Value) Value { return Value{Type: TypeList, List: items} }

// DateTimeLayout is how a DateTime is rendered into a string (Go layout).
//
// Decision: "2011-05-24T17:10:00" -- no zone suffix, no milliseconds, hour
// always two digits. Evidence: dp-expressions-functions.md says the service
// "supports the date and time expressed in "YYYY-MM-DDTHH:MM:SS" format in
// UTC/GMT only" and every date-time value the guide writes into a definition
// has that shape ("2012-01-15T23:59:00"; dp-make-http-request.md
// "2012-09-25T17:00:00"); the service's own instance ids embed the scheduled
// start time the same way (dp-viewing-logs.md
// "@ActivityId_fXNzc_2014-05-01T00:00:00", dp-pipeline-expressions.md
// "@S3BackupLocation_2018-01-31T11:05:33"). The results column of
// dp-pipeline-reference-functions-datetime.md is not consistent enough to
// follow literally: mostly "2011-05-23T17:10:00z" (lower-case z), but also
// "2011-05-24 17:11:00z" (space, plusMinutes), "2011-05-22 17:10:00 UTC"
// (sunday) and "2011-05-24T0:00:00z" (one-digit hour, makeDate/midnight);
// dp-pipeline-expressions.md writes the makeDate result as
// "2011-05-24T0:00:00" GMT/UTC, without the z. We read the z / UTC as the
// writer's way of saying "in UTC", not as text the service prints.
const DateTimeLayout = "2006-01-02T15:04:05"

// String is how the service renders the value into a string:
//
//   - String: itself. Integer: plain decimal ("-1").
//   - Double: as the guide shows them on dp-pipeline-reference-functions-math.md,
//     "1.0 / 2" -> ".5" and "2 ^ 2" -> "4.0": Java's Double.toString (the
//     service is Java, see the Joda-Time note on the date/time page:
//     shortest digits that round-trip, at least one digit after the point,
//     "1.0E7" scientific notation outside [1e-3, 1e7), "NaN", "Infinity")
//     with the leading zero of the integer part dropped (".5", "-.25",
//     ".0"), because the guide shows ".5", not Java's "0.5". Only the two
//     examples are evidence; the E-notation range and zero are Java's rule.
//   - DateTime: DateTimeLayout, "2011-05-24T17:10:00" (see there).
//   - Period: its text ("3 hours"). Object: the object's id.
//   - List: "[a, b]", items rendered by String, no quotes.
func (v Value) String() string {
	switch v.Type {
	case TypeString, TypePeriod:
		return v.Str
	case TypeInteger:
		return strconv.FormatInt(v.Int, 10)
	case TypeDouble:
		return FormatDouble(v.Float)
	case TypeDateTime:
		return v.Time.UTC().Format(DateTimeLayout)
	case TypeObject:
		return v.Object
	case TypeList:
		var b strings.Builder
		b.WriteByte('[')
		for i, it := range v.List {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(it.String())
		}
		b.WriteByte(']')
		return b.String()
	}
	return ""
}

// FormatDouble renders a double the way Value.String does (see there).
func FormatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	sign := ""
	if math.Signbit(f) {
		sign = "-"
	}
	a := math.Abs(f)
	var s string
	if a == 0 || a >= 1e-3 && a < 1e7 {
		s = strconv.FormatFloat(a, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		// The guide's ".5" (dp-pipeline-reference-functions-math.md).
		s = strings.TrimPrefix(s, "0")
	} else {
		e := strconv.FormatFloat(a, 'e', -1, 64) // "1.2345e+07"
		k := strings.IndexByte(e, 'e')
		mant, exp := e[:k], e[k+1:]
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		n, _ := strconv.Atoi(exp)
		s = mant + "E" + strconv.Itoa(n)
	}
	return sign + s
}

// Env resolves names during evaluation; the linter supplies it.
type Env interface {
	// Resolve returns the value of a (possibly dotted) name such as myParam,
	// @scheduledStartTime, node.@scheduledStartTime or input.directoryPath,
	// or ok=false when it cannot be known offline. The parts keep their @ or
	// * prefix.
	Resolve(name []string) (v Value, ok bool)
}

// ErrUnknown is returned (wrapped in an *EvalError) when a name cannot be
// resolved offline: the result is unknown, not wrong.
var ErrUnknown = errors.New("not known offline")

// EvalError is an evaluation error at a range of the string value (same
// offsets as the AST).
type EvalError struct {
	Start, End int
	Msg        string
	// Err is the cause, if any: ErrUnknown for a name that cannot be
	// resolved offline. errors.Is sees it through Unwrap.
	Err error
}

func (e *EvalError) Error() string { return e.Msg }

// Unwrap returns the cause.
func (e *EvalError) Unwrap() error { return e.Err }

// EvalTemplate evaluates a whole string value: its text with every
// expression replaced by its rendering (Value.String). A definite error wins
// over an unknown name anywhere in the template; otherwise the first
// unknown is returned. On error the string is "".
func EvalTemplate(t *Template, env Env) (string, error) {
	e := &evaluator{env: env}
	var b strings.Builder
	var unknown error
	for _, seg := range t.Segments {
		if seg.Expr == nil {
			if seg.End-seg.Start != len(seg.Text) {
				// An expression segment ("#{" + Text + "}") that did not parse.
				return "", &EvalError{Start: seg.Start, End: seg.End, Msg: "the expression does not parse"}
			}
			if err := e.grow(b.Len(), len(seg.Text), seg.Start, seg.End); err != nil {
				return "", err
			}
			b.WriteString(seg.Text)
			continue
		}
		v, err := e.eval(seg.Expr)
		if err != nil {
			if !isUnknown(err) {
				return "", err
			}
			if unknown == nil {
				unknown = err
			}
			continue
		}
		if unknown != nil {
			continue
		}
		s := v.String()
		if err := e.grow(b.Len(), len(s), seg.Start, seg.End); err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if unknown != nil {
		return "", unknown
	}
	return b.String(), nil
}

func isUnknown(err error) bool { return errors.Is(err, ErrUnknown) }

// firstErr picks the error to report among operands: the first definite
// error, else the first unknown, else nil.
func firstErr(errs ...error) error {
	var unknown error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if !isUnknown(err) {
			return err
		}
		if unknown == nil {
			unknown = err
		}
	}
	return unknown
}

type evaluator struct {
	env  Env
	work int64 // bytes produced so far
}

func errAt(n Node, format string, args ...any) *EvalError {
	s, e := n.Span()
	return &EvalError{Start: s, End: e, Msg: fmt.Sprintf(format, args...)}
}

// grow checks that a string of length have can take add more bytes, and
// charges them to the work budget.
func (e *evaluator) grow(have, add, start, end int) error {
	if have+add > MaxStringLen {
		return &EvalError{Start: start, End: end, Msg: fmt.Sprintf("the result would be longer than %d bytes", MaxStringLen)}
	}
	return e.charge(add, start, end)
}

func (e *evaluator) charge(n, start, end int) error {
	e.work += int64(n)
	if e.work > maxWork {
		return &EvalError{Start: start, End: end, Msg: fmt.Sprintf("evaluation produces more than %d bytes of text", maxWork)}
	}
	return nil
}

// checkValue enforces the size limits on a value from the Env.
func checkValue(v Value, n Node) (Value, error) {
	switch v.Type {
	case TypeString, TypePeriod:
		if len(v.Str) > MaxStringLen {
			return Value{}, errAt(n, "the value is longer than %d bytes", MaxStringLen)
		}
	case TypeDateTime:
		v.Time = v.Time.UTC()
	case TypeList:
		if len(v.List) > MaxListLen {
			return Value{}, errAt(n, "the list has more than %d items", MaxListLen)
		}
		if listText(v.List) > MaxStringLen {
			return Value{}, errAt(n, "the list's text is longer than %d bytes", MaxStringLen)
		}
	}
	return v, nil
}

// listText is the total length of the items' renderings.
func listText(items []Value) int {
	n := 0
	for _, it := range items {
		if it.Type == TypeList {
			n += 2 + listText(it.List)
		} else {
			n += len(it.String())
		}
		if n > MaxStringLen {
			return n
		}
	}
	return n
}

func (e *evaluator) eval(n Node) (Value, error) {
	switch n := n.(type) {
	case *Lit:
		return evalLit(n)
	case *Name:
		parts := make([]string, len(n.Parts))
		for i, p := range n.Parts {
			parts[i] = p.Text
		}
		if e.env == nil {
			return Value{}, e.unknownName(n)
		}
		v, ok := e.env.Resolve(parts)
		if !ok {
			return Value{}, e.unknownName(n)
		}
		return checkValue(v, n)
	case *Paren:
		return e.eval(n.X)
	case *Unary:
		x, err := e.eval(n.X)
		if err != nil {
			return Value{}, err
		}
		return negate(n, x)
	case *Binary:
		return e.binary(n)
	case *Call:
		return e.call(n)
	}
	return Value{}, errAt(n, "unsupported expression")
}

func (e *evaluator) unknownName(n *Name) error {
	s, end := n.Span()
	return &EvalError{Start: s, End: end, Msg: fmt.Sprintf("'%s' is not known offline", n.String()), Err: ErrUnknown}
}

func evalLit(n *Lit) (Value, error) {
	switch n.Kind {
	case LitString:
		if len(n.Text) > MaxStringLen {
			return Value{}, errAt(n, "the string is longer than %d bytes", MaxStringLen)
		}
		return StringValue(n.Text), nil
	case LitInteger:
		i, err := strconv.ParseInt(n.Text, 10, 64)
		if err != nil {
			return Value{}, errAt(n, "integer %s is out of range", n.Text)
		}
		return IntValue(i), nil
	case LitDouble:
		// Like Java's Double.parseDouble, a number too large is Infinity.
		f, err := strconv.ParseFloat(n.Text, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return Value{}, errAt(n, "malformed number %s", n.Text)
		}
		return DoubleValue(f), nil
	}
	return Value{}, errAt(n, "unsupported literal")
}

func negate(n *Unary, x Value) (Value, error) {
	switch x.Type {
	case TypeInteger:
		if x.Int == math.MinInt64 {
			return Value{}, errAt(n, "integer overflow")
		}
		return IntValue(-x.Int), nil
	case TypeDouble:
		return DoubleValue(-x.Float), nil
	}
	return Value{}, &EvalError{Start: n.Pos, End: n.Pos + 1, Msg: fmt.Sprintf("unary '-' needs a number, found %s", x.Type)}
}

// binary evaluates a chain of left-associative operators iteratively (a
// string value of "1+1+...+1" is a left-leaning tree as deep as it is long),
// and a run of string concatenations in one growing buffer, so that the
// work is linear in the length of the chain.
func (e *evaluator) binary(b *Binary) (Value, error) {
	chain := []*Binary{b}
	for x, ok := b.X.(*Binary); ok; x, ok = x.X.(*Binary) {
		chain = append(chain, x)
	}
	acc, err := e.eval(chain[len(chain)-1].X)
	var buf []byte // acc's text while acc is a string being concatenated to
	inBuf := false
	for i := len(chain) - 1; i >= 0; i-- {
		bn := chain[i]
		if err != nil && !isUnknown(err) {
			return Value{}, err
		}
		y, yerr := e.eval(bn.Y)
		if err != nil || yerr != nil {
			err = firstErr(err, yerr)
			continue
		}
		if bn.Op == '+' && acc.Type == TypeString && y.Type != TypeList {
			ys := y.String()
			if !inBuf {
				buf = append(buf[:0], acc.Str...)
				inBuf = true
			}
			if gerr := e.grow(len(buf), len(ys), bn.OpPos, bn.OpPos+1); gerr != nil {
				return Value{}, gerr
			}
			buf = append(buf, ys...)
			continue
		}
		if inBuf {
			acc = StringValue(string(buf))
			inBuf = false
		}
		acc, err = e.op(bn, acc, y)
	}
	if err != nil {
		return Value{}, err
	}
	if inBuf {
		acc = StringValue(string(buf))
	}
	return acc, nil
}

func isNumber(t Type) bool { return t == TypeInteger || t == TypeDouble }

func num(v Value) float64 {
	if v.Type == TypeInteger {
		return float64(v.Int)
	}
	return v.Float
}

// op applies one binary operator to two known values.
func (e *evaluator) op(b *Binary, x, y Value) (Value, error) {
	at := func(format string, args ...any) error {
		return &EvalError{Start: b.OpPos, End: b.OpPos + 1, Msg: fmt.Sprintf(format, args...)}
	}
	mismatch := func() error {
		return at("'%c' is not defined for %s and %s", b.Op, x.Type, y.Type)
	}
	if b.Op == '+' && (x.Type == TypeString || y.Type == TypeString) {
		// dp-pipeline-expressions.md: a string plus a list is the list of
		// the string plus each item ('this is ' + myList). The function
		// table (functions.go) has only String + List; List + String falls
		// to its Any + String overload, a plain concatenation of the list's
		// rendering.
		if x.Type == TypeString && y.Type == TypeList {
			return e.mapList(b, x.Str, y.List)
		}
		// dp-pipeline-reference-functions-string.md: "Non-string values
		// are first converted to strings".
		xs, ys := x.String(), y.String()
		if err := e.grow(len(xs), len(ys), b.OpPos, b.OpPos+1); err != nil {
			return Value{}, err
		}
		return StringValue(xs + ys), nil
	}
	if !isNumber(x.Type) || !isNumber(y.Type) {
		return Value{}, mismatch()
	}
	// dp-pipeline-reference-functions-math.md: ^ gives a double even for
	// integers ("2 ^ 2" -> "4.0"). math.Pow is constant time, so even
	// 10^999999999 (+Inf) costs nothing.
	if b.Op == '^' {
		return DoubleValue(math.Pow(num(x), num(y))), nil
	}
	if x.Type == TypeInteger && y.Type == TypeInteger {
		a, c := x.Int, y.Int
		var r int64
		switch b.Op {
		case '+':
			r = a + c
			if (a > 0 && c > 0 && r < 0) || (a < 0 && c < 0 && r >= 0) {
				return Value{}, at("integer overflow")
			}
		case '-':
			r = a - c
			if (a >= 0 && c < 0 && r < 0) || (a < 0 && c > 0 && r >= 0) {
				return Value{}, at("integer overflow")
			}
		case '*':
			r = a * c
			if a != 0 && (r/a != c || (a == -1 && c == math.MinInt64) || (c == -1 && a == math.MinInt64)) {
				return Value{}, at("integer overflow")
			}
		case '/':
			// "If you divide two integers, the result is truncated"
			// (dp-pipeline-reference-functions-math.md); Go's / truncates
			// toward zero, like Java's.
			if c == 0 {
				return Value{}, at("division by zero")
			}
			if a == math.MinInt64 && c == -1 {
				return Value{}, at("integer overflow")
			}
			r = a / c
		default:
			return Value{}, mismatch()
		}
		return IntValue(r), nil
	}
	// A double operand makes a double ("1.0 / 2" -> ".5"). Division by 0.0
	// follows Java's double arithmetic: Infinity or NaN, not an error.
	a, c := num(x), num(y)
	switch b.Op {
	case '+':
		return DoubleValue(a + c), nil
	case '-':
		return DoubleValue(a - c), nil
	case '*':
		return DoubleValue(a * c), nil
	case '/':
		return DoubleValue(a / c), nil
	}
	return Value{}, mismatch()
}

func (e *evaluator) mapList(b *Binary, prefix string, items []Value) (Value, error) {
	out := make([]Value, len(items))
	total := 0
	for i, it := range items {
		s := prefix + it.String()
		total += len(s)
		if total > MaxStringLen {
			return Value{}, &EvalError{Start: b.OpPos, End: b.OpPos + 1, Msg: fmt.Sprintf("the list's text would be longer than %d bytes", MaxStringLen)}
		}
		out[i] = StringValue(s)
	}
	if err := e.charge(total, b.OpPos, b.OpPos+1); err != nil {
		return Value{}, err
	}
	return ListValue(out...), nil
}

// ---- Functions (dp-pipeline-reference-functions-datetime.md).

type builtin func(e *evaluator, c *Call, args []Value) (Value, error)

// builtins implements every callable function of the Functions table; the
// table gives the arity and parameter types checked before the call.
var builtins map[string]builtin

func init() {
	builtins = map[string]builtin{
		"day":       field(time.Time.Day),
		"dayOfYear": field(time.Time.YearDay),
		"hour":      field(time.Time.Hour),
		"minute":    field(time.Time.Minute),
		"month":     field(func(t time.Time) int { return int(t.Month()) }),
		"year":      field(time.Time.Year),
		// The page's example keeps the time of day: 2011-05-01T17:10:00.
		"firstOfMonth": func(_ *evaluator, c *Call, a []Value) (Value, error) {
			t := a[0].Time
			return dateTime(c, time.Date(t.Year(), t.Month(), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC))
		},
		"midnight": func(_ *evaluator, c *Call, a []Value) (Value, error) {
			t := a[0].Time
			return dateTime(c, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		},
		// "Creates a DateTime object for the previous Sunday, relative to the
		// specified DateTime. If the specified DateTime is a Sunday, the
		// result is the specified DateTime." The example (Tuesday
		// 2011-05-24T17:10 -> 2011-05-22 17:10:00) keeps the time of day.
		// Not Joda's withDayOfWeek(SUNDAY), which would go forward to the
		// end of the ISO (Monday-first) week, 2011-05-29.
		"sunday": func(_ *evaluator, c *Call, a []Value) (Value, error) {
			return addSeconds(c, a[0].Time, -int64(a[0].Time.Weekday()), 86400)
		},
		// "The result is the same as minusDays(1)."
		"yesterday": func(_ *evaluator, c *Call, a []Value) (Value, error) {
			return addSeconds(c, a[0].Time, -1, 86400)
		},
		"plusMinutes":  plusUnit(60, 1),
		"minusMinutes": plusUnit(60, -1),
		"plusHours":    plusUnit(3600, 1),
		"minusHours":   plusUnit(3600, -1),
		"plusDays":     plusUnit(86400, 1),
		"minusDays":    plusUnit(86400, -1),
		"plusWeeks":    plusUnit(7*86400, 1),
		"minusWeeks":   plusUnit(7*86400, -1),
		"plusMonths":   plusMonthsBy(1, 1),
		"minusMonths":  plusMonthsBy(1, -1),
		"plusYears":    plusMonthsBy(12, 1),
		"minusYears":   plusMonthsBy(12, -1),
		"makeDate": func(_ *evaluator, c *Call, a []Value) (Value, error) {
			return makeDate(c, a[0].Int, a[1].Int, a[2].Int, 0, 0)
		},
		"makeDateTime": func(_ *evaluator, c *Call, a []Value) (Value, error) {
			return makeDate(c, a[0].Int, a[1].Int, a[2].Int, a[3].Int, a[4].Int)
		},
		"format": evalFormat,
	}
}

// field is a function returning one calendar field of its DateTime as an
// Integer.
func field(get func(time.Time) int) builtin {
	return func(_ *evaluator, _ *Call, a []Value) (Value, error) {
		return IntValue(int64(get(a[0].Time))), nil
	}
}

// dateTime returns t as a value, or an error at the call when Joda-Time
// could not represent it.
func dateTime(c *Call, t time.Time) (Value, error) {
	if y := t.Year(); y < minYear || y > maxYear {
		return Value{}, errAt(c, "the date-time is out of range (year %d)", y)
	}
	return DateTimeValue(t), nil
}

// addSeconds adds n*unit seconds. In UTC, Joda's plusDays/plusWeeks are
// exact multiples of 24 hours.
func addSeconds(c *Call, t time.Time, n, unit int64) (Value, error) {
	// Joda's whole range is about 1.85e16 seconds; anything larger cannot
	// land in range (and would overflow int64 arithmetic).
	const span = 2e16
	if n > span/unit || n < -span/unit {
		return Value{}, errAt(c, "the date-time is out of range")
	}
	return dateTime(c, time.Unix(t.Unix()+n*unit, int64(t.Nanosecond())).UTC())
}

func plusUnit(unit, sign int64) builtin {
	return func(_ *evaluator, c *Call, a []Value) (Value, error) {
		n := a[1].Int
		if n == math.MinInt64 {
			return Value{}, errAt(c.Args[1], "the amount is out of range")
		}
		return addSeconds(c, a[0].Time, sign*n, unit)
	}
}

// plusMonthsBy adds months the way Joda's plusMonths/plusYears do: the
// month (and year) change and the day of the month is clamped to the
// length of the new month (2011-01-31 + 1 month = 2011-02-28; 2012-02-29 +
// 1 year = 2013-02-28); the time of day is kept.
func plusMonthsBy(perUnit, sign int64) builtin {
	return func(_ *evaluator, c *Call, a []Value) (Value, error) {
		n := a[1].Int
		const limit = 12 * (maxYear - minYear + 1)
		if n > limit || n < -limit {
			return Value{}, errAt(c, "the date-time is out of range")
		}
		t := a[0].Time
		total := int64(t.Year())*12 + int64(t.Month()-1) + sign*n*perUnit
		y := floorDiv(total, 12)
		m := time.Month(total-y*12) + 1
		if y < minYear || y > maxYear {
			return Value{}, errAt(c, "the date-time is out of range (year %d)", y)
		}
		d := min(t.Day(), daysIn(y, m))
		return dateTime(c, time.Date(int(y), m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC))
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func daysIn(y int64, m time.Month) int {
	return time.Date(int(y), m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// makeDate is Joda's new DateTime(year, month, day, hour, minute, 0, 0,
// UTC): a field out of its range is an IllegalFieldValueException, reported
// at the argument.
func makeDate(c *Call, year, month, day, hour, minute int64) (Value, error) {
	if year < minYear || year > maxYear {
		return Value{}, errAt(c.Args[0], "year %d is out of range %d..%d", year, minYear, maxYear)
	}
	if month < 1 || month > 12 {
		return Value{}, errAt(c.Args[1], "month %d is out of range 1..12", month)
	}
	if dim := int64(daysIn(year, time.Month(month))); day < 1 || day > dim {
		return Value{}, errAt(c.Args[2], "day %d is out of range 1..%d for %04d-%02d", day, dim, year, month)
	}
	if hour < 0 || hour > 23 {
		return Value{}, errAt(c.Args[3], "hour %d is out of range 0..23", hour)
	}
	if minute < 0 || minute > 59 {
		return Value{}, errAt(c.Args[4], "minute %d is out of range 0..59", minute)
	}
	return dateTime(c, time.Date(int(year), time.Month(month), int(day), int(hour), int(minute), 0, 0, time.UTC))
}

// evalFormat is format(DateTime, String): Joda-Time's
// DateTimeFormat.forPattern(p).print(dt) in UTC (internal/joda). A pattern Joda
// rejects is an error at the pattern argument; an unterminated quote, which
// Joda accepts, prints what Joda prints.
func evalFormat(e *evaluator, c *Call, a []Value) (Value, error) {
	pattern := c.Args[1]
	f, err := joda.Compile(a[1].Str)
	if f == nil {
		var je *joda.Error
		msg := "invalid date format pattern"
		if err != nil {
			msg = err.Error()
		}
		if errors.As(err, &je) {
			msg = "invalid date format pattern: " + je.Msg
			if lit, ok := pattern.(*Lit); ok && lit.Kind == LitString {
				// The literal's text is the pattern verbatim, after the
				// opening quote.
				start := lit.Start + 1 + je.Offset
				end := start + 1
				if tok, ok := strings.CutPrefix(je.Msg, "Illegal pattern component: "); ok {
					end = start + len(tok)
				}
				if end = min(end, lit.End-1); end <= start {
					start, end = lit.Start, lit.End // the empty pattern
				}
				return Value{}, &EvalError{Start: start, End: end, Msg: msg}
			}
		}
		return Value{}, errAt(pattern, "%s", msg)
	}
	s := f.Print(a[0].Time.UTC())
	if err := e.grow(0, len(s), c.Start, c.End); err != nil {
		return Value{}, err
	}
	return StringValue(s), nil
}

func (e *evaluator) call(c *Call) (Value, error) {
	fns := Lookup(c.Func)
	impl, ok := builtins[c.Func]
	if len(fns) == 0 || IsOperator(c.Func) || !ok {
		return Value{}, &EvalError{Start: c.FuncStart, End: c.FuncEnd, Msg: fmt.Sprintf("unknown function '%s'", c.Func)}
	}
	fn := fns[0]
	if len(c.Args) != len(fn.Params) {
		return Value{}, errAt(c, "%s takes %d argument%s, found %d", c.Func, len(fn.Params), plural(len(fn.Params)), len(c.Args))
	}
	args := make([]Value, len(c.Args))
	errs := make([]error, len(c.Args))
	for i, an := range c.Args {
		args[i], errs[i] = e.eval(an)
		if errs[i] != nil && !isUnknown(errs[i]) {
			return Value{}, errs[i]
		}
	}
	// A known argument of the wrong type is an error even when another
	// argument is unknown.
	for i, p := range fn.Params {
		if errs[i] == nil && args[i].Type != p.Type {
			return Value{}, errAt(c.Args[i], "argument %d of %s (%s) must be %s %s, found %s %s",
				i+1, c.Func, p.Name, article(p.Type), p.Type, article(args[i].Type), args[i].Type)
		}
	}
	if err := firstErr(errs...); err != nil {
		return Value{}, err
	}
	return impl(e, c, args)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func article(t Type) string {
	if t == TypeInteger || t == TypeObject || t == TypeUnknown || t == TypeAny {
		return "an"
	}
	return "a"
}
