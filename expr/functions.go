package expr

import (
	"sort"
	"strconv"
	"strings"
)

// Type is an expression value type.
type Type int

const (
	TypeUnknown  Type = iota
	TypeString        // a string value
	TypeInteger       // a whole number ("int" on the guide's pages)
	TypeDouble        // a floating-point number
	TypeDateTime      // a UTC date and time
	TypePeriod        // a period such as "3 hours"; no documented function takes one (see plusPeriod below)
	TypeObject        // an object reference (node, input, ...)
	TypeList          // a list value, e.g. a multi-valued field
	TypeAny           // parameter wildcard: any value is accepted (used by string concatenation)
)

var typeNames = [...]string{
	TypeUnknown:  "Unknown",
	TypeString:   "String",
	TypeInteger:  "Integer",
	TypeDouble:   "Double",
	TypeDateTime: "DateTime",
	TypePeriod:   "Period",
	TypeObject:   "Object",
	TypeList:     "List",
	TypeAny:      "Any",
}

// String returns the type's name.
func (t Type) String() string {
	if t >= 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Param is one parameter of a function.
type Param struct {
	Name string
	Type Type
}

// Function is one documented overload of an expression function or operator.
type Function struct {
	Name          string
	Params        []Param
	Result        Type
	Description   string // our own words
	Page          string // the guide page it comes from (file name in the Developer Guide's markdown)
	Example       string // the page's example expression, verbatim, if any
	ExampleResult string // the page's shown result, verbatim, if any
}

// Signature renders the overload as "Result name(Type param, ...)".
func (f Function) Signature() string {
	var b strings.Builder
	b.WriteString(f.Result.String())
	b.WriteByte(' ')
	b.WriteString(f.Name)
	b.WriteByte('(')
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Type.String())
		b.WriteByte(' ')
		b.WriteString(p.Name)
	}
	b.WriteByte(')')
	return b.String()
}

// Guide pages the entries come from.
const (
	PageDateTime    = "dp-pipeline-reference-functions-datetime.md"
	PageMath        = "dp-pipeline-reference-functions-math.md"
	PageString      = "dp-pipeline-reference-functions-string.md"
	PageExpressions = "dp-pipeline-expressions.md"
)

func dt(name string) Param      { return Param{Name: name, Type: TypeDateTime} }
func integer(name string) Param { return Param{Name: name, Type: TypeInteger} }
func str(name string) Param     { return Param{Name: name, Type: TypeString} }

// binary builds the two operand parameters of an infix operator.
func binary(l, r Type) []Param {
	return []Param{{Name: "left", Type: l}, {Name: "right", Type: r}}
}

// Functions maps a function name to its overloads, transcribed from the
// AWS Data Pipeline Developer Guide:
//
//   - dp-pipeline-reference-functions-datetime.md: the 25 date/time functions.
//   - dp-pipeline-reference-functions-math.md: the guide's "mathematical
//     functions" are the infix operators + - * / ^; they are keyed here by
//     their symbol (see IsOperator).
//   - dp-pipeline-reference-functions-string.md: the only string "function"
//     is concatenation with the + operator.
//   - dp-pipeline-expressions.md: + applied to a string and a list.
//   - dp-expressions-functions.md documents data types only; it lists no
//     function.
//
// Not included, for lack of evidence that the service has them:
//
//   - inTimeZone: it appears nowhere in the guide snapshot
//     (/work/shared/reference/datapipeline-guide, which matches the
//     awsdocs/aws-data-pipeline-developer-guide GitHub sources) nor in any
//     pipeline definition of the corpus (/work/shared/corpus). The guide only
//     says date-times are UTC/GMT.
//   - plusPeriod: used once, in an example on dp-object-sqlactivity.md
//     (scriptArgument: plusPeriod(@scheduledStartTime, "1 day")), but that
//     example is syntactically broken (unbalanced parentheses) and no function
//     table documents plusPeriod.
//
// Overloads are ordered most specific first, so a resolver that takes the
// first matching overload picks the intended one.
var Functions = map[string][]Function{
	// ---- Date and time functions (PageDateTime). The page's examples use
	// myDateTime = May 24, 2011 17:10 GMT.
	"day": {{
		Name: "day", Params: []Param{dt("myDateTime")}, Result: TypeInteger,
		Description: "Day of the month of a date-time.",
		Page:        PageDateTime, Example: "#{day(myDateTime)}", ExampleResult: "24",
	}},
	"dayOfYear": {{
		Name: "dayOfYear", Params: []Param{dt("myDateTime")}, Result: TypeInteger,
		Description: "Ordinal day within the year of a date-time.",
		Page:        PageDateTime, Example: "#{dayOfYear(myDateTime)}", ExampleResult: "144",
	}},
	"firstOfMonth": {{
		Name: "firstOfMonth", Params: []Param{dt("myDateTime")}, Result: TypeDateTime,
		Description: "The first day of the date-time's month; the page's example keeps the time of day.",
		Page:        PageDateTime, Example: "#{firstOfMonth(myDateTime)}", ExampleResult: `"2011-05-01T17:10:00z"`,
	}},
	"format": {{
		Name: "format", Params: []Param{dt("myDateTime"), str("format")}, Result: TypeString,
		Description: "Renders a date-time as text using a Joda-Time DateTimeFormat pattern.",
		Page:        PageDateTime, Example: "#{format(myDateTime,'YYYY-MM-dd HH:mm:ss z')}", ExampleResult: `"2011-05-24T17:10:00 UTC"`,
	}},
	"hour": {{
		Name: "hour", Params: []Param{dt("myDateTime")}, Result: TypeInteger,
		Description: "Hour of the day (0-23) of a date-time.",
		Page:        PageDateTime, Example: "#{hour(myDateTime)}", ExampleResult: "17",
	}},
	"makeDate": {{
		Name: "makeDate", Params: []Param{integer("year"), integer("month"), integer("day")}, Result: TypeDateTime,
		Description: "Builds a UTC date-time at 00:00 on the given year, month and day.",
		Page:        PageDateTime, Example: "#{makeDate(2011,5,24)}", ExampleResult: `"2011-05-24T0:00:00z"`,
	}},
	"makeDateTime": {{
		Name: "makeDateTime", Params: []Param{integer("year"), integer("month"), integer("day"), integer("hour"), integer("minute")}, Result: TypeDateTime,
		Description: "Builds a UTC date-time from year, month, day, hour and minute.",
		Page:        PageDateTime, Example: "#{makeDateTime(2011,5,24,14,21)}", ExampleResult: `"2011-05-24T14:21:00z"`,
	}},
	"midnight": {{
		Name: "midnight", Params: []Param{dt("myDateTime")}, Result: TypeDateTime,
		Description: "The date-time truncated to 00:00 of the same day.",
		// The page switches myDateTime to 2011-05-25T17:10:00z for this row only.
		Page: PageDateTime, Example: "#{midnight(myDateTime)}", ExampleResult: `"2011-05-25T0:00:00z"`,
	}},
	"minusDays": {{
		Name: "minusDays", Params: []Param{dt("myDateTime"), integer("daysToSub")}, Result: TypeDateTime,
		Description: "Goes back the given number of days.",
		Page:        PageDateTime, Example: "#{minusDays(myDateTime,1)}", ExampleResult: `"2011-05-23T17:10:00z"`,
	}},
	"minusHours": {{
		Name: "minusHours", Params: []Param{dt("myDateTime"), integer("hoursToSub")}, Result: TypeDateTime,
		Description: "Goes back the given number of hours.",
		Page:        PageDateTime, Example: "#{minusHours(myDateTime,1)}", ExampleResult: `"2011-05-24T16:10:00z"`,
	}},
	"minusMinutes": {{
		Name: "minusMinutes", Params: []Param{dt("myDateTime"), integer("minutesToSub")}, Result: TypeDateTime,
		Description: "Goes back the given number of minutes.",
		Page:        PageDateTime, Example: "#{minusMinutes(myDateTime,1)}", ExampleResult: `"2011-05-24T17:09:00z"`,
	}},
	"minusMonths": {{
		Name: "minusMonths", Params: []Param{dt("myDateTime"), integer("monthsToSub")}, Result: TypeDateTime,
		Description: "Goes back the given number of calendar months.",
		Page:        PageDateTime, Example: "#{minusMonths(myDateTime,1)}", ExampleResult: `"2011-04-24T17:10:00z"`,
	}},
	"minusWeeks": {{
		Name: "minusWeeks", Params: []Param{dt("myDateTime"), integer("weeksToSub")}, Result: TypeDateTime,
		Description: "Goes back the given number of weeks.",
		Page:        PageDateTime, Example: "#{minusWeeks(myDateTime,1)}", ExampleResult: `"2011-05-17T17:10:00z"`,
	}},
	"minusYears": {{
		Name: "minusYears", Params: []Param{dt("myDateTime"), integer("yearsToSub")}, Result: TypeDateTime,
		Description: "Goes back the given number of years.",
		Page:        PageDateTime, Example: "#{minusYears(myDateTime,1)}", ExampleResult: `"2010-05-24T17:10:00z"`,
	}},
	"minute": {{
		Name: "minute", Params: []Param{dt("myDateTime")}, Result: TypeInteger,
		Description: "Minute within the hour of a date-time.",
		Page:        PageDateTime, Example: "#{minute(myDateTime)}", ExampleResult: "10",
	}},
	"month": {{
		Name: "month", Params: []Param{dt("myDateTime")}, Result: TypeInteger,
		Description: "Month number (1-12) of a date-time.",
		Page:        PageDateTime, Example: "#{month(myDateTime)}", ExampleResult: "5",
	}},
	"plusDays": {{
		Name: "plusDays", Params: []Param{dt("myDateTime"), integer("daysToAdd")}, Result: TypeDateTime,
		Description: "Moves forward the given number of days.",
		Page:        PageDateTime, Example: "#{plusDays(myDateTime,1)}", ExampleResult: `"2011-05-25T17:10:00z"`,
	}},
	"plusHours": {{
		Name: "plusHours", Params: []Param{dt("myDateTime"), integer("hoursToAdd")}, Result: TypeDateTime,
		Description: "Moves forward the given number of hours.",
		Page:        PageDateTime, Example: "#{plusHours(myDateTime,1)}", ExampleResult: `"2011-05-24T18:10:00z"`,
	}},
	"plusMinutes": {{
		Name: "plusMinutes", Params: []Param{dt("myDateTime"), integer("minutesToAdd")}, Result: TypeDateTime,
		Description: "Moves forward the given number of minutes.",
		Page:        PageDateTime, Example: "#{plusMinutes(myDateTime,1)}", ExampleResult: `"2011-05-24 17:11:00z"`,
	}},
	"plusMonths": {{
		Name: "plusMonths", Params: []Param{dt("myDateTime"), integer("monthsToAdd")}, Result: TypeDateTime,
		Description: "Moves forward the given number of calendar months.",
		Page:        PageDateTime, Example: "#{plusMonths(myDateTime,1)}", ExampleResult: `"2011-06-24T17:10:00z"`,
	}},
	"plusWeeks": {{
		Name: "plusWeeks", Params: []Param{dt("myDateTime"), integer("weeksToAdd")}, Result: TypeDateTime,
		Description: "Moves forward the given number of weeks.",
		Page:        PageDateTime, Example: "#{plusWeeks(myDateTime,1)}", ExampleResult: `"2011-05-31T17:10:00z"`,
	}},
	"plusYears": {{
		Name: "plusYears", Params: []Param{dt("myDateTime"), integer("yearsToAdd")}, Result: TypeDateTime,
		Description: "Moves forward the given number of years.",
		Page:        PageDateTime, Example: "#{plusYears(myDateTime,1)}", ExampleResult: `"2012-05-24T17:10:00z"`,
	}},
	"sunday": {{
		Name: "sunday", Params: []Param{dt("myDateTime")}, Result: TypeDateTime,
		Description: "The most recent Sunday on or before the date-time, keeping the time of day.",
		Page:        PageDateTime, Example: "#{sunday(myDateTime)}", ExampleResult: `"2011-05-22 17:10:00 UTC"`,
	}},
	"year": {{
		Name: "year", Params: []Param{dt("myDateTime")}, Result: TypeInteger,
		Description: "Year of a date-time.",
		Page:        PageDateTime, Example: "#{year(myDateTime)}", ExampleResult: "2011",
	}},
	"yesterday": {{
		Name: "yesterday", Params: []Param{dt("myDateTime")}, Result: TypeDateTime,
		Description: "One day before the date-time; equivalent to minusDays by 1.",
		Page:        PageDateTime, Example: "#{yesterday(myDateTime)}", ExampleResult: `"2011-05-23T17:10:00z"`,
	}},

	// ---- Operators (PageMath, PageString, PageExpressions). Overloads with
	// one Integer and one Double operand are not spelled out on the page;
	// they follow from its "1.0 / 2" example (a Double operand gives a Double).
	"+": {
		{
			Name: "+", Params: binary(TypeInteger, TypeInteger), Result: TypeInteger,
			Description: "Adds two integers.",
			Page:        PageMath, Example: "#{1 + 2}", ExampleResult: "3",
		},
		{Name: "+", Params: binary(TypeDouble, TypeDouble), Result: TypeDouble, Description: "Adds two doubles.", Page: PageMath},
		{Name: "+", Params: binary(TypeInteger, TypeDouble), Result: TypeDouble, Description: "Adds numbers of mixed type; the result is a double.", Page: PageMath},
		{Name: "+", Params: binary(TypeDouble, TypeInteger), Result: TypeDouble, Description: "Adds numbers of mixed type; the result is a double.", Page: PageMath},
		{
			Name: "+", Params: binary(TypeString, TypeString), Result: TypeString,
			Description: "Joins two strings.",
			Page:        PageString, Example: `#{"hel" + "lo"}`, ExampleResult: `"hello"`,
		},
		{
			Name: "+", Params: binary(TypeString, TypeList), Result: TypeList,
			Description: "Prefixes the string to every element of the list, giving a list.",
			Page:        PageExpressions, Example: "#{'this is ' + myList}", ExampleResult: `["this is one", "this is two"]`,
		},
		{Name: "+", Params: binary(TypeString, TypeAny), Result: TypeString, Description: "Joins a string with another value, which is first turned into text.", Page: PageString},
		{Name: "+", Params: binary(TypeAny, TypeString), Result: TypeString, Description: "Joins a value, first turned into text, with a string.", Page: PageString},
	},
	"-": {
		{
			Name: "-", Params: binary(TypeInteger, TypeInteger), Result: TypeInteger,
			Description: "Subtracts the right integer from the left.",
			Page:        PageMath, Example: "#{1 - 2}", ExampleResult: "-1",
		},
		{Name: "-", Params: binary(TypeDouble, TypeDouble), Result: TypeDouble, Description: "Subtracts two doubles.", Page: PageMath},
		{Name: "-", Params: binary(TypeInteger, TypeDouble), Result: TypeDouble, Description: "Subtracts numbers of mixed type; the result is a double.", Page: PageMath},
		{Name: "-", Params: binary(TypeDouble, TypeInteger), Result: TypeDouble, Description: "Subtracts numbers of mixed type; the result is a double.", Page: PageMath},
	},
	"*": {
		{
			Name: "*", Params: binary(TypeInteger, TypeInteger), Result: TypeInteger,
			Description: "Multiplies two integers.",
			Page:        PageMath, Example: "#{1 * 2}", ExampleResult: "2",
		},
		{Name: "*", Params: binary(TypeDouble, TypeDouble), Result: TypeDouble, Description: "Multiplies two doubles.", Page: PageMath},
		{Name: "*", Params: binary(TypeInteger, TypeDouble), Result: TypeDouble, Description: "Multiplies numbers of mixed type; the result is a double.", Page: PageMath},
		{Name: "*", Params: binary(TypeDouble, TypeInteger), Result: TypeDouble, Description: "Multiplies numbers of mixed type; the result is a double.", Page: PageMath},
	},
	"/": {
		{
			Name: "/", Params: binary(TypeInteger, TypeInteger), Result: TypeInteger,
			Description: "Integer division; the fractional part is dropped.",
			Page:        PageMath, Example: "#{1 / 2}", ExampleResult: "0",
		},
		{
			Name: "/", Params: binary(TypeDouble, TypeInteger), Result: TypeDouble,
			Description: "Floating-point division.",
			Page:        PageMath, Example: "#{1.0 / 2}", ExampleResult: ".5",
		},
		{Name: "/", Params: binary(TypeDouble, TypeDouble), Result: TypeDouble, Description: "Floating-point division.", Page: PageMath},
		{Name: "/", Params: binary(TypeInteger, TypeDouble), Result: TypeDouble, Description: "Floating-point division.", Page: PageMath},
	},
	// The page's only example raises two integers and shows 4.0, so every
	// overload of ^ yields a Double.
	"^": {
		{
			Name: "^", Params: binary(TypeInteger, TypeInteger), Result: TypeDouble,
			Description: "Raises the left operand to the power of the right; the result is a double.",
			Page:        PageMath, Example: "#{2 ^ 2}", ExampleResult: "4.0",
		},
		{Name: "^", Params: binary(TypeDouble, TypeDouble), Result: TypeDouble, Description: "Exponentiation; the result is a double.", Page: PageMath},
		{Name: "^", Params: binary(TypeInteger, TypeDouble), Result: TypeDouble, Description: "Exponentiation; the result is a double.", Page: PageMath},
		{Name: "^", Params: binary(TypeDouble, TypeInteger), Result: TypeDouble, Description: "Exponentiation; the result is a double.", Page: PageMath},
	},
}

// Lookup returns the overloads of the named function or operator, or nil if
// the guide documents none. Names are case-sensitive.
func Lookup(name string) []Function {
	return Functions[name]
}

// IsOperator reports whether a Functions key is an infix operator (+ - * / ^)
// rather than a callable function name.
func IsOperator(name string) bool {
	switch name {
	case "+", "-", "*", "/", "^":
		return true
	}
	return false
}

// Names returns the sorted names of the callable functions (operators
// excluded).
func Names() []string {
	var names []string
	for name := range Functions {
		if !IsOperator(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}
