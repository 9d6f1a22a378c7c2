package expr

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

// mapEnv resolves a dotted name ("node.@scheduledStartTime") from a map.
type mapEnv map[string]Value

func (m mapEnv) Resolve(name []string) (Value, bool) {
	v, ok := m[strings.Join(name, ".")]
	return v, ok
}

// myDateTime of dp-pipeline-reference-functions-datetime.md: "May 24, 2011 @
// 5:10 pm GMT".
var guideDateTime = time.Date(2011, 5, 24, 17, 10, 0, 0, time.UTC)

func testEnv() mapEnv {
	return mapEnv{
		"myDateTime":                DateTimeValue(guideDateTime),
		"@scheduledStartTime":       DateTimeValue(guideDateTime),
		"node.@scheduledStartTime":  DateTimeValue(guideDateTime),
		"node.@scheduledEndTime":    DateTimeValue(guideDateTime.Add(time.Hour)),
		"parent.@id":                StringValue("ExampleDataNode"),
		"myList":                    ListValue(StringValue("one"), StringValue("two")),
		"myList1":                   ListValue(IntValue(1), IntValue(2)),
		"myList2":                   ListValue(IntValue(3), IntValue(4)),
		"myInt":                     IntValue(7),
		"myDouble":                  DoubleValue(2.5),
		"myString":                  StringValue("abc"),
		"myPeriod":                  {Type: TypePeriod, Str: "3 hours"},
		"input":                     {Type: TypeObject, Object: "HourlyData"},
		"input.directoryPath":       StringValue("s3://bucket/dir"),
		"node.output.directoryPath": StringValue("s3://bucket/out"),
	}
}

var (
	hourOneDigit = regexp.MustCompile(`T(\d):`)
	dateSpace    = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}) (\d)`)
)

// substance reduces a result as the guide prints it to what it says: the
// surrounding quotes are notation; a trailing "z", "Z" or " UTC" only says
// "in UTC"; a space between date and time stands for the T; a one-digit hour
// is the same hour.
func substance(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	for _, suf := range []string{" UTC", "z", "Z"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) && s[len(s)-len(suf)-1] >= '0' && s[len(s)-len(suf)-1] <= '9' {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	s = dateSpace.ReplaceAllString(s, "${1}T${2}")
	return hourOneDigit.ReplaceAllString(s, "T0${1}:")
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// guideRow is one example of a guide page with a shown result.
type guideRow struct {
	page  string    // the guide page (file name)
	src   string    // the example, verbatim: a template ("#{...}") or, with bare, an expression
	bare  bool      // src is an expression without #{ }
	guide string    // the result as the page shows it, verbatim
	want  string    // what we render
	exact bool      // want is the guide's result (its surrounding quotes aside); otherwise only the substance matches
	at    time.Time // myDateTime for this row, if not the page's default
}

var guideRows = []guideRow{
	// ---- dp-pipeline-reference-functions-datetime.md (myDateTime = 2011-05-24T17:10:00 UTC).
	{page: PageDateTime, src: "#{day(myDateTime)}", guide: "24", want: "24", exact: true},
	{page: PageDateTime, src: "#{dayOfYear(myDateTime)}", guide: "144", want: "144", exact: true},
	// The guide's "z" says UTC; we render no suffix (see DateTimeLayout).
	{page: PageDateTime, src: "#{firstOfMonth(myDateTime)}", guide: `"2011-05-01T17:10:00z"`, want: "2011-05-01T17:10:00"},
	// The guide's result has a 'T' the pattern does not have (the pattern
	// has a space): Joda prints "2011-05-24 17:10:00 UTC". Same date and time.
	{page: PageDateTime, src: "#{format(myDateTime,'YYYY-MM-dd HH:mm:ss z')}", guide: `"2011-05-24T17:10:00 UTC"`, want: "2011-05-24 17:10:00 UTC"},
	{page: PageDateTime, src: "#{hour(myDateTime)}", guide: "17", want: "17", exact: true},
	// The guide prints a one-digit hour and a "z"; same instant.
	{page: PageDateTime, src: "#{makeDate(2011,5,24)}", guide: `"2011-05-24T0:00:00z"`, want: "2011-05-24T00:00:00"},
	{page: PageDateTime, src: "#{makeDateTime(2011,5,24,14,21)}", guide: `"2011-05-24T14:21:00z"`, want: "2011-05-24T14:21:00"},
	// This row alone uses myDateTime = 2011-05-25T17:10:00z (the page says
	// so); one-digit hour and "z" in the guide, same instant.
	{page: PageDateTime, src: "#{midnight(myDateTime)}", guide: `"2011-05-25T0:00:00z"`, want: "2011-05-25T00:00:00", at: time.Date(2011, 5, 25, 17, 10, 0, 0, time.UTC)},
	{page: PageDateTime, src: "#{minusDays(myDateTime,1)}", guide: `"2011-05-23T17:10:00z"`, want: "2011-05-23T17:10:00"},
	{page: PageDateTime, src: "#{minusHours(myDateTime,1)}", guide: `"2011-05-24T16:10:00z"`, want: "2011-05-24T16:10:00"},
	{page: PageDateTime, src: "#{minusMinutes(myDateTime,1)}", guide: `"2011-05-24T17:09:00z"`, want: "2011-05-24T17:09:00"},
	{page: PageDateTime, src: "#{minusMonths(myDateTime,1)}", guide: `"2011-04-24T17:10:00z"`, want: "2011-04-24T17:10:00"},
	{page: PageDateTime, src: "#{minusWeeks(myDateTime,1)}", guide: `"2011-05-17T17:10:00z"`, want: "2011-05-17T17:10:00"},
	{page: PageDateTime, src: "#{minusYears(myDateTime,1)}", guide: `"2010-05-24T17:10:00z"`, want: "2010-05-24T17:10:00"},
	{page: PageDateTime, src: "#{minute(myDateTime)}", guide: "10", want: "10", exact: true},
	{page: PageDateTime, src: "#{month(myDateTime)}", guide: "5", want: "5", exact: true},
	{page: PageDateTime, src: "#{plusDays(myDateTime,1)}", guide: `"2011-05-25T17:10:00z"`, want: "2011-05-25T17:10:00"},
	{page: PageDateTime, src: "#{plusHours(myDateTime,1)}", guide: `"2011-05-24T18:10:00z"`, want: "2011-05-24T18:10:00"},
	// The guide has a space instead of the T, and a "z"; same instant.
	{page: PageDateTime, src: "#{plusMinutes(myDateTime,1)}", guide: `"2011-05-24 17:11:00z"`, want: "2011-05-24T17:11:00"},
	{page: PageDateTime, src: "#{plusMonths(myDateTime,1)}", guide: `"2011-06-24T17:10:00z"`, want: "2011-06-24T17:10:00"},
	{page: PageDateTime, src: "#{plusWeeks(myDateTime,1)}", guide: `"2011-05-31T17:10:00z"`, want: "2011-05-31T17:10:00"},
	{page: PageDateTime, src: "#{plusYears(myDateTime,1)}", guide: `"2012-05-24T17:10:00z"`, want: "2012-05-24T17:10:00"},
	// The previous Sunday (2011-05-24 is a Tuesday), time kept. The guide
	// has a space instead of the T and " UTC"; same instant.
	{page: PageDateTime, src: "#{sunday(myDateTime)}", guide: `"2011-05-22 17:10:00 UTC"`, want: "2011-05-22T17:10:00"},
	{page: PageDateTime, src: "#{year(myDateTime)}", guide: "2011", want: "2011", exact: true},
	{page: PageDateTime, src: "#{yesterday(myDateTime)}", guide: `"2011-05-23T17:10:00z"`, want: "2011-05-23T17:10:00"},

	// ---- dp-pipeline-reference-functions-math.md.
	{page: PageMath, src: "#{1 + 2}", guide: "3", want: "3", exact: true},
	{page: PageMath, src: "#{1 - 2}", guide: "-1", want: "-1", exact: true},
	{page: PageMath, src: "#{1 * 2}", guide: "2", want: "2", exact: true},
	{page: PageMath, src: "#{1 / 2}", guide: "0", want: "0", exact: true},
	// We follow the guide's ".5" (Java's Double.toString would say "0.5").
	{page: PageMath, src: "#{1.0 / 2}", guide: ".5", want: ".5", exact: true},
	{page: PageMath, src: "#{2 ^ 2}", guide: "4.0", want: "4.0", exact: true},

	// ---- dp-pipeline-reference-functions-string.md.
	{page: PageString, src: `#{"hel" + "lo"}`, guide: `"hello"`, want: "hello", exact: true},

	// ---- dp-pipeline-expressions.md.
	// The filePath of ExampleDataNode "evaluates to s3://mybucket/ExampleDataNode.csv".
	{page: PageExpressions, src: "s3://mybucket/#{parent.@id}.csv", guide: "s3://mybucket/ExampleDataNode.csv", want: "s3://mybucket/ExampleDataNode.csv", exact: true},
	// "uses the makeDate function to set the startDateTime field ... to
	// "2011-05-24T0:00:00" GMT/UTC". The page writes the expression without
	// #{ } (as a field value the service would keep that text verbatim), so
	// it is evaluated here as a bare expression. One-digit hour in the guide.
	{page: PageExpressions, src: "makeDate(2011,5,24)", bare: true, guide: `"2011-05-24T0:00:00"`, want: "2011-05-24T00:00:00"},
}

func TestGuideExamples(t *testing.T) {
	pages := map[string]string{}
	for _, r := range guideRows {
		t.Run(r.src, func(t *testing.T) {
			if guideAvailable(t) {
				page, ok := pages[r.page]
				if !ok {
					page = readPage(t, r.page)
					pages[r.page] = page
				}
				if !strings.Contains(page, r.src) {
					t.Errorf("%s does not show the example %q", r.page, r.src)
				}
				if !strings.Contains(page, r.guide) {
					t.Errorf("%s does not show the result %q", r.page, r.guide)
				}
			}
			env := testEnv()
			if !r.at.IsZero() {
				env["myDateTime"] = DateTimeValue(r.at)
			}
			var got string
			if r.bare {
				n, perr := ParseExpr(r.src)
				if perr != nil {
					t.Fatalf("parse: %v", perr)
				}
				v, err := Eval(n, env)
				if err != nil {
					t.Fatalf("Eval: %v", err)
				}
				got = v.String()
			} else {
				tmpl, perrs := ParseTemplate(r.src)
				if len(perrs) > 0 {
					t.Fatalf("parse: %v", perrs[0])
				}
				var err error
				got, err = EvalTemplate(tmpl, env)
				if err != nil {
					t.Fatalf("EvalTemplate: %v", err)
				}
			}
			if got != r.want {
				t.Errorf("got %q, want %q", got, r.want)
			}
			if exact := unquote(r.guide) == r.want; exact != r.exact {
				t.Errorf("row says exact=%v, but the guide's %q vs ours %q says %v", r.exact, r.guide, r.want, exact)
			}
			if substance(r.guide) != substance(r.want) {
				t.Errorf("substance differs: guide %q -> %q, ours %q -> %q", r.guide, substance(r.guide), r.want, substance(r.want))
			}
		})
	}
}

// Every function example of the table in functions.go is a row above.
func TestGuideExamplesCoverFunctionTable(t *testing.T) {
	rows := map[string]guideRow{}
	for _, r := range guideRows {
		rows[r.src] = r
	}
	for _, overloads := range Functions {
		for _, f := range overloads {
			if f.Example == "" || f.Page == PageExpressions {
				// The list example of dp-pipeline-expressions.md is
				// TestGuideListExample.
				continue
			}
			r, ok := rows[f.Example]
			if !ok {
				t.Errorf("%s: example %q has no row in guideRows", f.Name, f.Example)
				continue
			}
			if r.guide != f.ExampleResult {
				t.Errorf("%s: row's guide result %q, function table's %q", f.Name, r.guide, f.ExampleResult)
			}
		}
	}
}

// dp-pipeline-expressions.md, Lists: "myList":["one","two"] and
// #{'this is ' + myList} "will evaluate to ["this is one", "this is two"]".
// The result is a list of those two strings (matches); rendered into a string
// it is "[this is one, this is two]" (the guide's quotes are JSON notation).
func TestGuideListExample(t *testing.T) {
	n, perr := ParseExpr("'this is ' + myList")
	if perr != nil {
		t.Fatal(perr)
	}
	v, err := Eval(n, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if v.Type != TypeList || len(v.List) != 2 || v.List[0].Type != TypeString || v.List[0].Str != "this is one" || v.List[1].Type != TypeString || v.List[1].Str != "this is two" {
		t.Fatalf("got %#v", v)
	}
	if got := v.String(); got != "[this is one, this is two]" {
		t.Errorf("String() = %q", got)
	}
}

// dp-pipeline-expressions.md, Lists: with myList1 = [1,2] and myList2 = [3,4],
// "[#{myList1}, #{myList2}]" "will evaluate to [1,2,3,4]" ("Data Pipeline will
// ultimately flatten them"). NOT reproduced: rendering each list into the
// string gives "[[1, 2], [3, 4]]". Only the items and their order match. The
// guide does not say how (or whether) a list is rendered inside a string, so
// this is left as an open question.
func TestGuideListFlattenExample(t *testing.T) {
	tmpl, perrs := ParseTemplate("[#{myList1}, #{myList2}]")
	if len(perrs) > 0 {
		t.Fatal(perrs[0])
	}
	got, err := EvalTemplate(tmpl, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	if got != "[[1, 2], [3, 4]]" {
		t.Errorf("got %q", got)
	}
	digits := regexp.MustCompile(`\d`).FindAllString(got, -1)
	if strings.Join(digits, ",") != "1,2,3,4" {
		t.Errorf("items %v, the guide's are 1,2,3,4", digits)
	}
}

// Examples of the guide without a shown result: they evaluate.
func TestGuideExamplesWithoutResult(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// dp-pipeline-expressions.md (hh is the clock hour of the half day).
		{"#{format(myDateTime,'YYYY-MM-dd hh:mm:ss')}", "2011-05-24 05:10:00"},
		{"#{format(minusMinutes(@scheduledStartTime,30),'YYYY-MM-dd hh:mm:ss')}", "2011-05-24 04:40:00"},
		{"#{format(minusMinutes(node.@scheduledStartTime,30),'YYYY-MM-dd hh:mm:ss')}", "2011-05-24 04:40:00"},
		{"Error for interval #{node.@scheduledStartTime}..#{node.@scheduledEndTime}.", "Error for interval 2011-05-24T17:10:00..2011-05-24T18:10:00."},
		{"S3 bucket '#{node.output.directoryPath}' succeeded", "S3 bucket 's3://bucket/out' succeeded"},
	} {
		tmpl, perrs := ParseTemplate(c.src)
		if len(perrs) > 0 {
			t.Fatalf("%s: %v", c.src, perrs[0])
		}
		got, err := EvalTemplate(tmpl, testEnv())
		if err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.src, got, err, c.want)
		}
	}
}

func evalString(t *testing.T, src string, env Env) (Value, error) {
	t.Helper()
	n, perr := ParseExpr(src)
	if perr != nil {
		t.Fatalf("%s: parse: %v", src, perr)
	}
	return Eval(n, env)
}

func TestOperators(t *testing.T) {
	for _, c := range []struct {
		src  string
		typ  Type
		want string
	}{
		{"1/2", TypeInteger, "0"},
		{"1.0/2", TypeDouble, ".5"},
		{"2^2", TypeDouble, "4.0"},
		{"2^3^2", TypeDouble, "512.0"}, // right-associative
		{"2^-1", TypeDouble, ".5"},
		{`"hel"+"lo"`, TypeString, "hello"},
		{"'x'+1", TypeString, "x1"},
		{"1+'x'", TypeString, "1x"},
		{"'a'+1+2", TypeString, "a12"},
		{"1+2+'a'", TypeString, "3a"},
		{"'v'+1.0/2", TypeString, "v.5"},
		{"'t'+myDateTime", TypeString, "t2011-05-24T17:10:00"},
		{"'p'+myPeriod", TypeString, "p3 hours"},
		{"'o'+input", TypeString, "oHourlyData"},
		{"myList+'!'", TypeString, "[one, two]!"},
		{"'this is '+myList", TypeList, "[this is one, this is two]"},
		{"'n'+myList1", TypeList, "[n1, n2]"},
		{"7/2", TypeInteger, "3"},
		{"-7/2", TypeInteger, "-3"}, // truncated toward zero
		{"7/-2", TypeInteger, "-3"},
		{"2*3+1", TypeInteger, "7"},
		{"2*(3+1)", TypeInteger, "8"},
		{"1.5+1", TypeDouble, "2.5"},
		{"1-0.5", TypeDouble, ".5"},
		{"3*0.5", TypeDouble, "1.5"},
		{"1/2.0", TypeDouble, ".5"},
		{"0.1+0.2", TypeDouble, ".30000000000000004"},
		{"-3", TypeInteger, "-3"},
		{"--3", TypeInteger, "3"},
		{"-(1.5)", TypeDouble, "-1.5"},
		{"-myInt", TypeInteger, "-7"},
		{"myInt*myDouble", TypeDouble, "17.5"},
		{"10^999999999", TypeDouble, "Infinity"},
		{"1.0/0", TypeDouble, "Infinity"},
		{"10000000.0", TypeDouble, "1.0E7"},
		{".5", TypeDouble, ".5"},
		{"1.", TypeDouble, "1.0"},
		{"9223372036854775807", TypeInteger, "9223372036854775807"},
	} {
		v, err := evalString(t, c.src, testEnv())
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if v.Type != c.typ || v.String() != c.want {
			t.Errorf("%s = %v %q, want %v %q", c.src, v.Type, v.String(), c.typ, c.want)
		}
	}
}

func TestFormatDouble(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0.5, ".5"}, {4, "4.0"}, {-0.25, "-.25"}, {0, ".0"}, {-1.5, "-1.5"},
		{123.456, "123.456"}, {0.001, ".001"}, {9999999, "9999999.0"},
		{1e7, "1.0E7"}, {1.5e-5, "1.5E-5"}, {0.0009, "9.0E-4"}, {1.2345e300, "1.2345E300"},
		{math.NaN(), "NaN"}, {math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"},
	} {
		if got := FormatDouble(c.f); got != c.want {
			t.Errorf("FormatDouble(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}

func TestValueString(t *testing.T) {
	for _, c := range []struct {
		v    Value
		want string
	}{
		{IntValue(-12), "-12"},
		{StringValue("s"), "s"},
		{DateTimeValue(time.Date(2012, 1, 15, 3, 4, 5, 6e8, time.FixedZone("X", 3600))), "2012-01-15T02:04:05"},
		{Value{Type: TypePeriod, Str: "1 day"}, "1 day"},
		{Value{Type: TypeObject, Object: "MyNode"}, "MyNode"},
		{ListValue(IntValue(1), StringValue("b"), DoubleValue(0.5)), "[1, b, .5]"},
		{ListValue(), "[]"},
	} {
		if got := c.v.String(); got != c.want {
			t.Errorf("%#v: got %q, want %q", c.v, got, c.want)
		}
	}
}

func TestDateFunctions(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// Month-end clamping, as Joda's plusMonths/plusYears.
		{"plusMonths(makeDate(2011,1,31),1)", "2011-02-28T00:00:00"},
		{"plusMonths(makeDate(2012,1,31),1)", "2012-02-29T00:00:00"},
		{"plusMonths(makeDate(2011,1,31),2)", "2011-03-31T00:00:00"},
		{"plusMonths(makeDate(2011,1,31),3)", "2011-04-30T00:00:00"},
		{"minusMonths(makeDate(2011,3,31),1)", "2011-02-28T00:00:00"},
		{"minusMonths(makeDate(2012,3,31),1)", "2012-02-29T00:00:00"},
		{"plusMonths(makeDateTime(2011,12,15,9,30),1)", "2012-01-15T09:30:00"},
		{"minusMonths(makeDate(2011,1,15),1)", "2010-12-15T00:00:00"},
		{"plusMonths(makeDate(2011,1,15),-1)", "2010-12-15T00:00:00"},
		{"plusMonths(makeDate(2011,1,15),25)", "2013-02-15T00:00:00"},
		{"minusMonths(makeDate(2011,1,15),25)", "2008-12-15T00:00:00"},
		// Leap years.
		{"plusYears(makeDate(2012,2,29),1)", "2013-02-28T00:00:00"},
		{"plusYears(makeDate(2012,2,29),4)", "2016-02-29T00:00:00"},
		{"minusYears(makeDate(2012,2,29),1)", "2011-02-28T00:00:00"},
		{"plusYears(makeDate(1996,2,29),4)", "2000-02-29T00:00:00"},
		{"plusYears(makeDate(1896,2,29),4)", "1900-02-28T00:00:00"},
		{"plusDays(makeDate(2012,2,28),1)", "2012-02-29T00:00:00"},
		{"plusDays(makeDate(2011,2,28),1)", "2011-03-01T00:00:00"},
		{"dayOfYear(makeDate(2012,12,31))", "366"},
		{"dayOfYear(makeDate(2011,12,31))", "365"},
		{"dayOfYear(makeDate(2012,3,1))", "61"},
		{"makeDate(2000,2,29)", "2000-02-29T00:00:00"},
		// Others.
		{"plusHours(myDateTime,-1)", "2011-05-24T16:10:00"},
		{"minusDays(myDateTime,-1)", "2011-05-25T17:10:00"},
		{"plusMinutes(myDateTime,60*24)", "2011-05-25T17:10:00"},
		{"plusWeeks(myDateTime,52)", "2012-05-22T17:10:00"},
		{"yesterday(makeDate(2011,1,1))", "2010-12-31T00:00:00"},
		{"firstOfMonth(makeDateTime(2011,3,31,23,59))", "2011-03-01T23:59:00"},
		{"midnight(makeDateTime(2011,3,31,23,59))", "2011-03-31T00:00:00"},
		{"sunday(makeDateTime(2011,5,22,8,30))", "2011-05-22T08:30:00"}, // a Sunday: itself
		{"sunday(makeDateTime(2011,5,28,8,30))", "2011-05-22T08:30:00"}, // Saturday
		{"sunday(makeDateTime(2011,6,1,8,30))", "2011-05-29T08:30:00"},  // Wednesday, across the month
		{"hour(makeDateTime(2011,5,24,0,59))", "0"},
		{"minute(makeDateTime(2011,5,24,0,59))", "59"},
		{"format(myDateTime,'yyyyMMdd')", "20110524"},
		{"format(myDateTime,'EEEE, MMMM d')", "Tuesday, May 24"},
		// An unterminated quote: Joda prints the rest literally.
		{"format(myDateTime,\"yyyy'T\")", "2011T"},
		{"format(myDateTime,'YYYY-MM-dd') + '/' + hour(myDateTime)", "2011-05-24/17"},
	} {
		v, err := evalString(t, c.src, testEnv())
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %q, want %q", c.src, got, c.want)
		}
	}
}

// Every callable function of the table has an implementation, and no more.
func TestBuiltinsMatchTable(t *testing.T) {
	names := Names()
	if len(names) != 25 {
		t.Errorf("%d functions in the table, the guide has 25", len(names))
	}
	for _, n := range names {
		if builtins[n] == nil {
			t.Errorf("no implementation of %s", n)
		}
	}
	for n := range builtins {
		if len(Lookup(n)) == 0 {
			t.Errorf("implementation of %s, which the table lacks", n)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	for _, c := range []struct {
		src        string // a template
		start, end int
		msg        string // a substring of the message
	}{
		{"#{1/0}", 3, 4, "division by zero"},
		{"ab#{1 + 1/0}", 9, 10, "division by zero"},
		{"#{'a' - 1}", 6, 7, "'-' is not defined for String and Integer"},
		{"#{myDateTime + 1}", 13, 14, "'+' is not defined for DateTime and Integer"},
		{"#{myList + myList}", 9, 10, "List and List"},
		{"#{-'a'}", 2, 3, "unary '-'"},
		{"#{plusDays(myDateTime, 'x')}", 23, 26, "argument 2 of plusDays (daysToAdd) must be an Integer, found a String"},
		{"#{plusDays(myDateTime, 1.5)}", 23, 26, "found a Double"},
		{"#{day(1)}", 6, 7, "must be a DateTime, found an Integer"},
		{"#{format(myDateTime, 5)}", 21, 22, "must be a String"},
		{"#{day()}", 2, 7, "day takes 1 argument, found 0"},
		{"#{plusDays(myDateTime)}", 2, 22, "plusDays takes 2 arguments, found 1"},
		{"#{foo(1)}", 2, 5, "unknown function 'foo'"},
		{"#{makeDate(2011,2,29)}", 18, 20, "day 29 is out of range 1..28"},
		{"#{makeDate(1900,2,29)}", 18, 20, "day 29"},
		{"#{makeDate(2011,13,1)}", 16, 18, "month 13"},
		{"#{makeDateTime(2011,1,1,24,0)}", 24, 26, "hour 24"},
		{"#{makeDateTime(2011,1,1,0,60)}", 26, 28, "minute 60"},
		{"#{makeDate(300000000,1,1)}", 11, 20, "year 300000000"},
		// 'q' is not a Joda pattern letter: the error is at it, inside the literal.
		{"#{format(myDateTime,'YYYY-qq')}", 26, 28, "Illegal pattern component: qq"},
		{"#{format(myDateTime,'')}", 20, 22, "Invalid pattern specification"},
		{"#{9223372036854775808}", 2, 21, "out of range"},
		{"#{9223372036854775807 + 1}", 22, 23, "integer overflow"},
		{"#{-9223372036854775807 - 2}", 23, 24, "integer overflow"},
		{"#{4611686018427387904 * 2}", 22, 23, "integer overflow"},
		{"#{(-9223372036854775807-1) / -1}", 27, 28, "integer overflow"},
		{"#{-(-9223372036854775807-1)}", 2, 27, "integer overflow"},
		{"#{plusYears(myDateTime, 999999999)}", 2, 34, "out of range"},
		{"#{plusMinutes(myDateTime, 9223372036854775807)}", 2, 46, "out of range"},
		{"#{minusDays(myDateTime, -9223372036854775807-1)}", 24, 46, "out of range"},
		{"#{minusYears(makeDate(-292275054,1,1), 1)}", 2, 41, "out of range"},
		// An expression that did not parse: its whole segment.
		{"x#{1 +}y", 1, 7, "does not parse"},
		// A definite error wins over an unknown name anywhere.
		{"#{nope}#{1/0}", 10, 11, "division by zero"},
		{"#{nope + 1/0}", 10, 11, "division by zero"},
		{"#{plusDays(nope, 'x')}", 17, 20, "must be an Integer"},
	} {
		tmpl, _ := ParseTemplate(c.src)
		got, err := EvalTemplate(tmpl, testEnv())
		var ee *EvalError
		if !errors.As(err, &ee) {
			t.Errorf("%s: got %q, %v; want an *EvalError", c.src, got, err)
			continue
		}
		if errors.Is(err, ErrUnknown) {
			t.Errorf("%s: %v is an unknown, want a definite error", c.src, err)
		}
		if ee.Start != c.start || ee.End != c.end || !strings.Contains(ee.Msg, c.msg) {
			t.Errorf("%s: error [%d,%d) %q (%q), want [%d,%d) containing %q",
				c.src, ee.Start, ee.End, ee.Msg, c.src[ee.Start:ee.End], c.start, c.end, c.msg)
		}
	}
}

func TestUnknown(t *testing.T) {
	for _, c := range []struct {
		src        string
		start, end int
	}{
		{"#{nope}", 2, 6},
		{"a #{node.@actualEndTime} b", 4, 23},
		{"#{plusDays(@unknownTime, 1)}", 11, 23},
		{"#{'a' + nope}", 8, 12},
		{"#{nope + 'a' + 1}", 2, 6},
		{"#{nope * 2}", 2, 6},
		{"#{-nope}", 3, 7},
		{"#{format(myDateTime, nope)}", 21, 25},
		{"#{1}#{nope}#{other}", 6, 10}, // the first unknown
	} {
		tmpl, _ := ParseTemplate(c.src)
		got, err := EvalTemplate(tmpl, testEnv())
		if !errors.Is(err, ErrUnknown) {
			t.Errorf("%s: got %q, %v; want ErrUnknown", c.src, got, err)
			continue
		}
		var ee *EvalError
		if !errors.As(err, &ee) || ee.Start != c.start || ee.End != c.end {
			t.Errorf("%s: %#v, want [%d,%d)", c.src, ee, c.start, c.end)
		}
	}
	// A nil Env knows nothing.
	n, _ := ParseExpr("x")
	if _, err := Eval(n, nil); !errors.Is(err, ErrUnknown) {
		t.Errorf("nil Env: %v", err)
	}
}

func TestLimits(t *testing.T) {
	big := strings.Repeat("x", 600<<10)
	env := testEnv()
	env["myBig"] = StringValue(big)
	env["huge"] = StringValue(big + big)
	items := make([]Value, MaxListLen+1)
	for i := range items {
		items[i] = IntValue(int64(i))
	}
	env["longList"] = ListValue(items...)
	wide := make([]Value, 200)
	for i := range wide {
		wide[i] = StringValue("x")
	}
	env["wideList"] = ListValue(wide...)

	for _, src := range []string{
		"#{myBig + myBig}",
		"#{myBig}#{myBig}",
		"#{huge}",
		"#{longList}",
		"#{myBig + wideList}",
		"#{format(myDateTime, myBig + 'yyyy' + myBig)}",
	} {
		tmpl, _ := ParseTemplate(src)
		_, err := EvalTemplate(tmpl, env)
		var ee *EvalError
		if !errors.As(err, &ee) || errors.Is(err, ErrUnknown) {
			t.Errorf("%s: %v, want a size error", src, err)
		}
	}

	// Long chains are evaluated in linear time without deep recursion.
	start := time.Now()
	n := 200000
	tmpl, perrs := ParseTemplate("#{" + strings.Repeat("'a'+", n) + "'a'}")
	if len(perrs) > 0 {
		t.Fatal(perrs[0])
	}
	s, err := EvalTemplate(tmpl, env)
	if err != nil || len(s) != n+1 {
		t.Errorf("concatenation chain: len %d, %v", len(s), err)
	}
	tmpl, _ = ParseTemplate("#{" + strings.Repeat("1+", n) + "1}")
	if s, err := EvalTemplate(tmpl, env); err != nil || s != "200001" {
		t.Errorf("sum chain: %q, %v", s, err)
	}
	// 2000 concatenations of a 600 KiB string: stops at the cap, quickly.
	tmpl, _ = ParseTemplate("#{'a'" + strings.Repeat("+myBig", 2000) + "}")
	if _, err := EvalTemplate(tmpl, env); err == nil {
		t.Error("big chain: no error")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("chains took %v", d)
	}
}

func FuzzEval(f *testing.F) {
	for _, r := range guideRows {
		f.Add(r.src)
	}
	for _, s := range []string{
		"#{'this is ' + myList}",
		"[#{myList1}, #{myList2}]",
		"#{10^999999999}",
		"#{format(plusMonths(myDateTime, myInt), 'yyyy-MM-dd HH:mm:ss.SSS ZZ zzzz')}",
		"#{1/0} #{nope} #{'a' - 1}",
		"#{myBig + myBig + myBig}",
		"#{'x' + myBig + wideList}",
		"#{sunday(makeDateTime(2011,6,1,8,30))}",
		"#{minusYears(makeDate(-292275054,1,1), 1)}",
		"#{-(-9223372036854775807-1)}",
	} {
		f.Add(s)
	}
	env := testEnv()
	env["myBig"] = StringValue(strings.Repeat("y", 300<<10))
	wide := make([]Value, 100)
	for i := range wide {
		wide[i] = StringValue("w")
	}
	env["wideList"] = ListValue(wide...)
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		tmpl, _ := ParseTemplate(s)
		out, err := EvalTemplate(tmpl, env)
		if len(out) > MaxStringLen {
			t.Fatalf("output of %d bytes", len(out))
		}
		checkErr := func(err error) {
			if err == nil {
				return
			}
			var ee *EvalError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v (%T) is not an *EvalError", err, err)
			}
			if ee.Start < 0 || ee.Start > ee.End || ee.End > len(s) {
				t.Fatalf("error range [%d,%d) outside [0,%d]: %v", ee.Start, ee.End, len(s), ee)
			}
		}
		checkErr(err)
		for _, seg := range tmpl.Segments {
			if seg.Expr == nil {
				continue
			}
			v, err := Eval(seg.Expr, env)
			checkErr(err)
			if err == nil {
				if len(v.List) > MaxListLen {
					t.Fatalf("list of %d items", len(v.List))
				}
				if r := v.String(); len(r) > MaxStringLen+2*MaxListLen+2 {
					t.Fatalf("value of %d bytes", len(r))
				}
			}
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}
