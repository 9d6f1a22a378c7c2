package report

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// Fixtures shared by the sarif, github and lsp tests. The base directory is
// /repo (see withBase), so "pipelines/a.json" lies below it and
// "/elsewhere/b.json" does not.

// helpBase is where the test rules' pages are.
const helpBase = "https://github.com/dplint/dplint/blob/main/docs/rules/"

var testRules = []*diag.Rule{
	{ID: "DP0002", Name: "duplicate-key", Summary: "a key is repeated", Doc: "The last value wins.", Severity: diag.Warning, Origin: diag.Lint, URL: helpBase + "DP0002.md"},
	{ID: "DP0005", Name: "unrendered-template", Summary: "a template not rendered yet", Severity: diag.Info, Origin: diag.Lint, URL: helpBase + "DP0005.md"},
	{ID: "DP1005", Name: "duplicate-object-id", Summary: "an id is used twice", Doc: "Ids must be unique.", Severity: diag.Error, Origin: diag.Service, URL: helpBase + "DP1005.md"},
}

// testRule is the test rule with an id, or a rule of its own.
func testRule(id, name string) *diag.Rule {
	for _, r := range testRules {
		if r.ID == id {
			return r
		}
	}
	return &diag.Rule{ID: id, Name: name, Origin: diag.Lint}
}

// withBase makes the formats take dir as the working directory.
func withBase(t *testing.T, dir string) {
	t.Helper()
	old := getwd
	getwd = func() (string, error) { return dir, nil }
	t.Cleanup(func() { getwd = old })
}

// span is the range of the n-th (0-based) occurrence of sub in f.
func span(t *testing.T, f *source.File, sub string, n int) (source.Position, source.Position) {
	t.Helper()
	text := string(f.Content)
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], sub)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", f.Name, n, sub)
		}
		off += 1 + j
	}
	return f.Position(off), f.Position(off + len(sub))
}

func finding(t *testing.T, f *source.File, rule, name string, sev diag.Severity, sub string, n int, msg string) diag.Diagnostic {
	t.Helper()
	s, e := span(t, f, sub, n)
	return diag.Diagnostic{File: f.Name, Definition: f.Name, Start: s, End: e, Rule: testRule(rule, name), Severity: sev, Message: msg}
}

func related(t *testing.T, f *source.File, sub string, n int, msg string) diag.Related {
	t.Helper()
	s, e := span(t, f, sub, n)
	return diag.Related{Start: s, End: e, Message: msg}
}

func fileOf(f *source.File, ds ...diag.Diagnostic) *diag.File {
	return &diag.File{Path: f.Name, Source: f, Definitions: []*diag.Definition{{Name: f.Name, Diagnostics: ds}}}
}

const dupContent = `{"objects": [
  {"id": "Copy", "type": "CopyActivity"},
  {"id": "Copy", "type": "CopyActivity",
   "scheduleType": "cron", "scheduleType": "ondemand"}
]}
`

// Non-ASCII before a finding: on line 2, "bad" starts at byte column 18,
// rune column 14, UTF-16 column 15 (é is 2 bytes, 1 unit; 😀 is 4 bytes,
// 2 units).
const wideContent = "{\"objects\": [{\"id\": \"Default\",\n  \"k\": \"é😀\", \"bad\": 1,\n  \"*password\": \"hunter2\"}]}\n"

// runs are the documents every format is tried on.
func runs(t *testing.T) map[string]*Run {
	t.Helper()
	dup := source.Parse("pipelines/a.json", []byte(dupContent))
	d1 := finding(t, dup, "DP1005", "duplicate-object-id", diag.Error, `"Copy"`, 1, "object id 'Copy' is already used by the object at line 2")
	d1.Related = []diag.Related{related(t, dup, `"Copy"`, 0, "first object with this id")}
	d2 := finding(t, dup, "DP0002", "duplicate-key", diag.Warning, `"scheduleType"`, 0, "key \"scheduleType\" is repeated at line 4")
	d2.Related = []diag.Related{related(t, dup, `"scheduleType"`, 1, "the value that wins")}
	// A range over two lines, and an info finding.
	multi := finding(t, dup, "DP0005", "unrendered-template", diag.Info, "{\"id\": \"Copy\", \"type\": \"CopyActivity\",\n   \"scheduleType\"", 0, "50% done,\r\nsee: here")

	wide := source.Parse("/elsewhere/wide.json", []byte(wideContent))
	w1 := finding(t, wide, "DP0002", "duplicate-key", diag.Warning, `"bad"`, 0, "a finding after é😀")
	w2 := finding(t, wide, "DP1005", "duplicate-object-id", diag.Error, `"*password"`, 0, "on the secret's line")
	wf := fileOf(wide, w1, w2)
	s, e := span(t, wide, `"hunter2"`, 0)
	wf.Secrets = [][2]int{{s.Offset + 1, e.Offset - 1}} // the text, quotes excluded

	broken := source.Parse("pipelines/broken.json", []byte(dupContent))
	bf := fileOf(broken, finding(t, broken, "DP1005", "duplicate-object-id", diag.Error, `"Copy"`, 1, "found before the failure"))
	bf.Err = errors.New("internal error in rule DP9999: boom")

	// A baseline held the duplicate key: it is set aside, not reported.
	known := fileOf(dup, d1, multi)
	known.Definitions[0].Baselined = []diag.Diagnostic{d2}

	return map[string]*Run{
		"baselined": {Rules: testRules, Version: "1.2.3", Files: []*diag.File{known},
			Baseline: &diag.BaselineSummary{Path: "dplint-baseline.json", Baselined: 1, Gone: 2}},
		"empty":    {Rules: testRules, Version: "1.2.3"},
		"clean":    {Rules: testRules, Version: "1.2.3", Files: []*diag.File{fileOf(source.Parse("pipelines/clean.json", []byte(`{"objects": []}`)))}},
		"findings": {Rules: testRules, Version: "1.2.3", Files: []*diag.File{fileOf(dup, d1, d2, multi)}},
		"wide":     {Rules: testRules, Version: "1.2.3", Files: []*diag.File{wf}},
		"failed": {Rules: testRules, Version: "1.2.3", Files: []*diag.File{
			{Path: "missing.json", Err: errors.New("missing.json: no such file or directory")},
			bf,
		}},
	}
}

func render(t *testing.T, f Formatter, run *Run) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := f(&out, &errOut, run, Options{}); err != nil {
		t.Fatal(err)
	}
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	return out.String()
}

func TestUTF16Column(t *testing.T) {
	f := source.Parse("x.json", []byte("ab\n\"é😀\"x\n\xff\xfez\r\nq"))
	for _, c := range []struct {
		line, col, want int
	}{
		{1, 1, 1},
		{1, 3, 3},    // end of line
		{2, 2, 2},    // before é
		{2, 4, 3},    // after é (2 bytes, 1 unit)
		{2, 8, 5},    // after 😀 (4 bytes, 2 units)
		{2, 9, 6},    // after the closing quote
		{3, 3, 3},    // two invalid bytes, one unit each
		{3, 4, 4},    // at the \r: past the line's text, one per byte
		{3, 5, 5},    // at the \n
		{4, 2, 2},    // last line, no terminator
		{2, 3, 3},    // inside é: its first byte alone is invalid, one unit
		{9, 3, 3},    // no such line: bytes
		{1, 0, 1},    // no column
		{2, 100, 97}, // far past the end: 6 units of text, then bytes
	} {
		if got := utf16Column(f, source.Position{Line: c.line, Column: c.col}); got != c.want {
			t.Errorf("line %d byte column %d: UTF-16 column %d, want %d", c.line, c.col, got, c.want)
		}
	}
	if got := utf16Column(nil, source.Position{Line: 2, Column: 7}); got != 7 {
		t.Errorf("without source: %d, want the byte column 7", got)
	}
}

func TestFormatsRegistered(t *testing.T) {
	for _, name := range []string{"sarif", "github", "lsp"} {
		if _, err := Lookup(name); err != nil {
			t.Error(err)
		}
	}
}

// TestFormatsNeverShowSecrets: masked values stay masked, snippets included.
func TestFormatsNeverShowSecrets(t *testing.T) {
	withBase(t, "/repo")
	run := runs(t)["wide"]
	for _, name := range []string{"sarif", "github", "lsp"} {
		if out := render(t, Formats[name], run); strings.Contains(out, "hunter2") {
			t.Errorf("%s shows the secret:\n%s", name, out)
		}
	}
}

// TestNeedsText checks NeedsText against what each format does: a format
// said not to need the files' text writes the same report without it, on
// every test run; one said to need it writes a different report on at
// least one (its snippets or UTF-16 columns are gone).
func TestNeedsText(t *testing.T) {
	withBase(t, "/repo")
	withoutText := func(run *Run) *Run {
		cp := *run
		cp.Files = nil
		for _, f := range run.Files {
			g := *f
			g.Source = nil
			cp.Files = append(cp.Files, &g)
		}
		return &cp
	}
	write := func(f Formatter, run *Run, opt Options) string {
		var out bytes.Buffer
		if err := f(&out, io.Discard, run, opt); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	for _, name := range Names() {
		for _, opt := range []Options{{}, {Oneline: true}} {
			differs := false
			for label, run := range runs(t) {
				with, without := write(Formats[name], run, opt), write(Formats[name], withoutText(run), opt)
				if with != without {
					differs = true
					if !NeedsText(name, opt) {
						t.Errorf("%s %+v, run %s: NeedsText is false, but the report changes without the text:\nwith:\n%s\nwithout:\n%s", name, opt, label, with, without)
					}
				}
			}
			if NeedsText(name, opt) && !differs {
				t.Errorf("%s %+v: NeedsText is true, but no run's report changes without the text", name, opt)
			}
		}
	}
}
