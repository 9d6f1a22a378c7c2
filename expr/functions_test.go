package expr

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// guideDir holds the Developer Guide's markdown pages. Tests that read it are
// skipped when it is absent.
const guideDir = "/work/shared/reference/datapipeline-guide"

func guideAvailable(t *testing.T) bool {
	t.Helper()
	fi, err := os.Stat(guideDir)
	return err == nil && fi.IsDir()
}

func readPage(t *testing.T, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(guideDir, page))
	if err != nil {
		t.Fatalf("reading guide page: %v", err)
	}
	return string(b)
}

func signatureKey(f Function) string {
	var b strings.Builder
	b.WriteString(f.Name)
	for _, p := range f.Params {
		b.WriteByte('|')
		b.WriteString(p.Type.String())
	}
	return b.String()
}

func TestFunctionsWellFormed(t *testing.T) {
	if len(Functions) == 0 {
		t.Fatal("Functions is empty")
	}
	seen := map[string]bool{}
	for key, overloads := range Functions {
		if len(overloads) == 0 {
			t.Errorf("%q: no overloads", key)
		}
		for i, f := range overloads {
			where := key + "#" + strconv.Itoa(i)
			if f.Name == "" {
				t.Errorf("%s: empty Name", where)
			}
			if f.Name != key {
				t.Errorf("%s: Name %q differs from map key", where, f.Name)
			}
			if f.Result == TypeUnknown || f.Result == TypeAny {
				t.Errorf("%s: Result is %v", where, f.Result)
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("%s: empty Description", where)
			}
			if f.Page == "" {
				t.Errorf("%s: empty Page", where)
			}
			if (f.Example == "") != (f.ExampleResult == "") {
				t.Errorf("%s: Example and ExampleResult must be both set or both empty", where)
			}
			for j, p := range f.Params {
				if p.Name == "" || p.Type == TypeUnknown {
					t.Errorf("%s: param %d incomplete: %+v", where, j, p)
				}
			}
			if IsOperator(key) && len(f.Params) != 2 {
				t.Errorf("%s: operator with %d params", where, len(f.Params))
			}
			k := signatureKey(f)
			if seen[k] {
				t.Errorf("duplicate overload signature %s", f.Signature())
			}
			seen[k] = true
		}
	}
}

func TestFunctionPagesExist(t *testing.T) {
	if !guideAvailable(t) {
		t.Skipf("%s absent", guideDir)
	}
	for key, overloads := range Functions {
		for _, f := range overloads {
			if _, err := os.Stat(filepath.Join(guideDir, f.Page)); err != nil {
				t.Errorf("%s: Page %q: %v", key, f.Page, err)
			}
		}
	}
}

// TestFunctionExamplesVerbatim checks that each example and result appears,
// in backquotes, on the page the entry cites.
func TestFunctionExamplesVerbatim(t *testing.T) {
	if !guideAvailable(t) {
		t.Skipf("%s absent", guideDir)
	}
	pages := map[string]string{}
	for _, overloads := range Functions {
		for _, f := range overloads {
			if f.Example == "" {
				continue
			}
			text, ok := pages[f.Page]
			if !ok {
				text = readPage(t, f.Page)
				pages[f.Page] = text
			}
			for _, s := range []string{f.Example, f.ExampleResult} {
				if !strings.Contains(text, "`"+s+"`") {
					t.Errorf("%s: %q not found verbatim on %s", f.Signature(), s, f.Page)
				}
			}
		}
	}
}

// dateTimeRow matches a row of the date/time page's function table, e.g.
// "|  `int day(DateTime myDateTime)`  |".
var dateTimeRow = regexp.MustCompile("(?m)^\\|\\s*`(\\w+) (\\w+)\\(([^)]*)\\)`\\s*\\|")

var pageTypes = map[string]Type{
	"int":      TypeInteger,
	"String":   TypeString,
	"DateTime": TypeDateTime,
}

// TestFunctionDateTimeCount counts the functions listed in the date/time
// page's table and checks that Functions has exactly those, with the
// signatures the page gives.
func TestFunctionDateTimeCount(t *testing.T) {
	if !guideAvailable(t) {
		t.Skipf("%s absent", guideDir)
	}
	text := readPage(t, PageDateTime)
	rows := dateTimeRow.FindAllStringSubmatch(text, -1)
	if len(rows) == 0 {
		t.Fatalf("no function rows found on %s", PageDateTime)
	}
	onPage := map[string]bool{}
	for _, m := range rows {
		ret, name, params := m[1], m[2], m[3]
		onPage[name] = true
		want := Function{Name: name, Result: pageTypes[ret]}
		if want.Result == TypeUnknown {
			t.Errorf("%s: unmapped page type %q", name, ret)
		}
		for _, p := range strings.Split(params, ",") {
			fields := strings.Fields(p)
			if len(fields) != 2 {
				t.Fatalf("%s: cannot parse parameter %q", name, p)
			}
			pt := pageTypes[fields[0]]
			if pt == TypeUnknown {
				t.Errorf("%s: unmapped page type %q", name, fields[0])
			}
			want.Params = append(want.Params, Param{Name: fields[1], Type: pt})
		}
		got := Lookup(name)
		found := false
		for _, f := range got {
			if f.Page == PageDateTime && f.Signature() == want.Signature() {
				found = true
			}
		}
		if !found {
			t.Errorf("page lists %s; Functions has no such overload from %s", want.Signature(), PageDateTime)
		}
	}
	var ours []string
	for key, overloads := range Functions {
		for _, f := range overloads {
			if f.Page == PageDateTime {
				ours = append(ours, key)
				if !onPage[key] {
					t.Errorf("%s cites %s, which does not list it", f.Signature(), PageDateTime)
				}
				break
			}
		}
	}
	sort.Strings(ours)
	if len(ours) != len(onPage) {
		t.Errorf("date/time functions: page lists %d, Functions has %d (%v)", len(onPage), len(ours), ours)
	}
}

// operatorRow matches a row of the math and string pages' tables, whose
// first cell is an operator symbol, possibly backslash-escaped: "|  \+  |".
var operatorRow = regexp.MustCompile(`(?m)^\|\s*\\?([-+*/^])\s*\|`)

func TestFunctionOperatorsMatchPages(t *testing.T) {
	if !guideAvailable(t) {
		t.Skipf("%s absent", guideDir)
	}
	for _, page := range []string{PageMath, PageString} {
		rows := operatorRow.FindAllStringSubmatch(readPage(t, page), -1)
		if len(rows) == 0 {
			t.Errorf("no operator rows found on %s", page)
		}
		onPage := map[string]bool{}
		for _, m := range rows {
			op := m[1]
			onPage[op] = true
			if !IsOperator(op) {
				t.Errorf("%s lists %q, which IsOperator rejects", page, op)
			}
			found := false
			for _, f := range Lookup(op) {
				if f.Page == page {
					found = true
				}
			}
			if !found {
				t.Errorf("%s lists %q; Functions has no overload citing it", page, op)
			}
		}
		for key, overloads := range Functions {
			for _, f := range overloads {
				if f.Page == page && !onPage[key] {
					t.Errorf("%s cites %s, which does not list %q", f.Signature(), page, key)
				}
			}
		}
	}
}

func TestFunctionLookup(t *testing.T) {
	if got := Lookup("minusDays"); len(got) != 1 || got[0].Signature() != "DateTime minusDays(DateTime myDateTime, Integer daysToSub)" {
		t.Errorf("Lookup(minusDays) = %v", got)
	}
	if got := Lookup("inTimeZone"); got != nil {
		t.Errorf("Lookup(inTimeZone) = %v, want nil (undocumented)", got)
	}
	if got := Lookup("MINUSDAYS"); got != nil {
		t.Errorf("Lookup is case-insensitive: %v", got)
	}
	for _, name := range Names() {
		if IsOperator(name) || len(Lookup(name)) == 0 {
			t.Errorf("Names() returned %q", name)
		}
	}
	if TypeDateTime.String() != "DateTime" || Type(99).String() != "Type(99)" {
		t.Errorf("Type.String: %q %q", TypeDateTime, Type(99))
	}
}
