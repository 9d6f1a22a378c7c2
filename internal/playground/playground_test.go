package playground

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/dplint/dplint/lint"
)

func newPlayground(t *testing.T) *Playground {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// utf16Slice is text[from:to] in UTF-16 units, as a textarea selects it.
func utf16Slice(text string, from, to int) string {
	u := utf16.Encode([]rune(text))
	if from < 0 || to > len(u) || from > to {
		return "<out of range>"
	}
	return string(utf16.Decode(u[from:to]))
}

func find(res Result, rule string) *Finding {
	for i := range res.Findings {
		if res.Findings[i].Rule == rule {
			return &res.Findings[i]
		}
	}
	return nil
}

// The findings are the command line's (same rules, same positions), and
// their UTF-16 range selects the text they are about even after a
// character outside the BMP (two UTF-16 units, four bytes).
func TestFindingsMatchTheLint(t *testing.T) {
	text := fixture(t, "broken.json")
	res := newPlayground(t).Run(Request{Text: text, At: "2026-03-15T10:30:00"})
	if res.Error != "" {
		t.Fatalf("error: %s", res.Error)
	}
	if res.Path != "pipeline.json" || res.Form != "cli" {
		t.Errorf("linted as %q (%s), want pipeline.json (cli)", res.Path, res.Form)
	}
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := l.Lint("pipeline.json", []byte(text))
	var n int
	for _, d := range want.Definitions {
		for _, dg := range d.Diagnostics {
			if n >= len(res.Findings) {
				t.Fatalf("only %d findings, the lint has more: %s", len(res.Findings), dg.Message)
			}
			got := res.Findings[n]
			if got.Rule != dg.Rule.ID || got.Line != dg.Start.Line || got.Column != dg.Start.Column || got.Message != dg.Message {
				t.Errorf("finding %d = %s %d:%d %q, the lint says %s %d:%d %q", n, got.Rule, got.Line, got.Column, got.Message, dg.Rule.ID, dg.Start.Line, dg.Start.Column, dg.Message)
			}
			n++
		}
	}
	if n != len(res.Findings) || n == 0 {
		t.Errorf("%d findings, the lint has %d", len(res.Findings), n)
	}
	missing := find(res, "DP2001")
	if missing == nil {
		t.Fatalf("no DP2001 finding: %+v", res.Findings)
	}
	if got := utf16Slice(text, missing.From, missing.To); !strings.Contains(got, "Wroker") {
		t.Errorf("DP2001's range [%d,%d) selects %q, want the reference to Wroker", missing.From, missing.To, got)
	}
	if res.Errors != 1 || res.Warnings != 1 {
		t.Errorf("counts: %d errors, %d warnings; want 1 and 1", res.Errors, res.Warnings)
	}
}

func TestUTF16Index(t *testing.T) {
	text := "a🚀é\nb"
	idx := newUTF16Index(text)
	// bytes: a(0) 🚀(1-4) é(5-6) \n(7) b(8)
	for _, c := range []struct{ off, want int }{{0, 0}, {1, 1}, {3, 1}, {5, 3}, {6, 3}, {7, 4}, {8, 5}, {9, 6}, {100, 6}, {-1, 0}} {
		if got := idx.at(c.off); got != c.want {
			t.Errorf("at(%d) = %d, want %d", c.off, got, c.want)
		}
	}
}

// The graph is one SVG per pipeline, with a node titled by each object's id.
func TestGraphHasTheObjects(t *testing.T) {
	res := newPlayground(t).Run(Request{Text: fixture(t, "broken.json"), At: "2026-03-15T10:30:00"})
	if len(res.Graphs) != 1 {
		t.Fatalf("%d graphs (note %q), want 1", len(res.Graphs), res.GraphNote)
	}
	titles := svgTitles(t, res.Graphs[0].SVG)
	for _, id := range []string{"Nightly", "Worker"} {
		if !titles[id] {
			t.Errorf("no node titled %s in the SVG; titles: %v", id, titles)
		}
	}
}

// Each drawn object's id (Default is not drawn) is found in the text, in a template too (whose
// pipeline is built from the template but keeps its positions).
func TestGraphObjectsSelectTheirIDs(t *testing.T) {
	p := newPlayground(t)
	for _, c := range []struct {
		file string
		ids  []string
	}{
		{"broken.json", []string{"Nightly", "Worker"}},
		{"template.yaml", []string{"Say"}},
		{"main.tf", []string{"Say"}},
	} {
		text := fixture(t, c.file)
		res := p.Run(Request{Text: text, At: "2026-03-15T10:30:00"})
		if len(res.Graphs) != 1 {
			t.Fatalf("%s: %d graphs (%s)", c.file, len(res.Graphs), res.GraphNote)
		}
		var got []string
		for _, o := range res.Graphs[0].Objects {
			got = append(got, o.ID)
			if sel := utf16Slice(text, o.From, o.To); strings.Trim(sel, `"`) != o.ID {
				t.Errorf("%s: object %s's range [%d,%d) selects %q", c.file, o.ID, o.From, o.To, sel)
			}
			line := strings.Split(text, "\n")[o.Line-1]
			if !strings.Contains(line, o.ID) {
				t.Errorf("%s: object %s at line %d, which is %q", c.file, o.ID, o.Line, line)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.ids, " ") {
			t.Errorf("%s: objects %v, want %v", c.file, got, c.ids)
		}
	}
}

func svgTitles(t *testing.T, svg string) map[string]bool {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	titles := map[string]bool{}
	inTitle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return titles
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inTitle = tok.Name.Local == "title"
		case xml.CharData:
			if inTitle {
				titles[string(bytes.TrimSpace(tok))] = true
			}
		case xml.EndElement:
			inTitle = false
		}
	}
}

// The values are --show-values' for the chosen run, and follow it.
func TestValuesFollowTheRunTime(t *testing.T) {
	p := newPlayground(t)
	text := fixture(t, "broken.json")
	value := func(at string) string {
		res := p.Run(Request{Text: text, At: at})
		for _, v := range res.Values {
			if v.Object == "Nightly" && v.Field == "command" {
				return v.Value
			}
		}
		t.Fatalf("at %s: no value of Nightly.command: %+v (%s)", at, res.Values, res.ValuesNote)
		return ""
	}
	if got := value("2026-03-15T10:30:00"); got != "echo 2026-03-14" {
		t.Errorf("at 2026-03-15T10:30:00: %q, want the day before", got)
	}
	// A datetime-local input without seconds.
	if got := value("2027-01-01T00:00"); got != "echo 2026-12-31" {
		t.Errorf("at 2027-01-01T00:00: %q, want the day before", got)
	}
	p.now = func() time.Time { return time.Date(2030, 6, 2, 8, 0, 30, 0, time.UTC) }
	res := p.Run(Request{Text: text})
	if res.At != "2030-06-02T08:00:00" {
		t.Errorf("no run time: the run is at %s, want now to the minute", res.At)
	}
}

func TestForms(t *testing.T) {
	p := newPlayground(t)
	for _, c := range []struct {
		file, form, path, read string
		line, column           int
	}{
		{"template.yaml", "auto", "template.yaml", "cloudformation", 29, 25},
		{"template.yaml", "cloudformation", "template.yaml", "cloudformation", 29, 25},
		{"main.tf", "auto", "main.tf", "terraform", 46, 19},
		{"main.tf", "terraform", "main.tf", "terraform", 46, 19},
		{"broken.json", "json", "pipeline.json", "cli", 17, 25},
	} {
		res := p.Run(Request{Text: fixture(t, c.file), Form: c.form, At: "2026-03-15T10:30:00"})
		if res.Path != c.path || res.Form != c.read {
			t.Errorf("%s as %s: linted as %s (%s), want %s (%s)", c.file, c.form, res.Path, res.Form, c.path, c.read)
		}
		f := find(res, "DP2001")
		if f == nil || f.Line != c.line || f.Column != c.column {
			t.Errorf("%s as %s: DP2001 at %+v, want %d:%d", c.file, c.form, f, c.line, c.column)
		}
		if len(res.Graphs) != 1 {
			t.Errorf("%s as %s: %d graphs (%s), want 1", c.file, c.form, len(res.Graphs), res.GraphNote)
		}
	}
	// Read as the wrong form, a template is no pipeline: said, not a panic.
	res := p.Run(Request{Text: fixture(t, "template.yaml"), Form: "terraform"})
	if res.Error == "" || len(res.Graphs) != 0 || res.GraphNote == "" {
		t.Errorf("YAML as Terraform: error %q, %d graphs, note %q; want an error and no graph", res.Error, len(res.Graphs), res.GraphNote)
	}
}

// Bad input gets a clear answer: a finding with a position for broken
// JSON, an error for a bad form, run time or request, never a panic.
func TestBadInput(t *testing.T) {
	p := newPlayground(t)
	res := p.Run(Request{Text: "{\"objects\": [\n  {\"id\": \"A\",,}\n]}", At: "2026-03-15T10:30:00"})
	if len(res.Findings) == 0 || res.Findings[0].Line != 2 {
		t.Errorf("broken JSON: findings %+v, want one on line 2", res.Findings)
	}
	if len(res.Graphs) != 0 || !strings.Contains(res.GraphNote, "2:") {
		t.Errorf("broken JSON: %d graphs, note %q; want no graph and where it stops", len(res.Graphs), res.GraphNote)
	}
	for _, c := range []struct {
		req  Request
		want string
	}{
		{Request{Text: "hello", At: "2026-03-15T10:30:00"}, "holds no pipeline"},
		{Request{Text: "{}", Form: "xml"}, `form "xml"`},
		{Request{Text: "{}", At: "tomorrow"}, `"tomorrow" is not YYYY-MM-DDTHH:MM:SS`},
	} {
		if res := p.Run(c.req); !strings.Contains(res.Error, c.want) {
			t.Errorf("%+v: error %q, want it to say %q", c.req, res.Error, c.want)
		}
	}
	var out Result
	if err := json.Unmarshal(p.RunJSON([]byte("not json")), &out); err != nil || !strings.Contains(out.Error, "reading the request") {
		t.Errorf("RunJSON(not json) = %+v, %v; want an error result", out, err)
	}
}

// RunJSON is Run through JSON, as the page calls it.
func TestRunJSON(t *testing.T) {
	p := newPlayground(t)
	req := Request{Text: fixture(t, "broken.json"), At: "2026-03-15T10:30:00"}
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	var got Result
	if err := json.Unmarshal(p.RunJSON(in), &got); err != nil {
		t.Fatal(err)
	}
	want := p.Run(req)
	if len(got.Findings) != len(want.Findings) || got.Findings[0] != want.Findings[0] || len(got.Graphs) != 1 || got.Graphs[0].SVG != want.Graphs[0].SVG || len(got.Graphs[0].Objects) != len(want.Graphs[0].Objects) {
		t.Errorf("RunJSON differs from Run: %+v", got.Findings)
	}
}

func TestPathFor(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{`  {"objects": []}`, "pipeline.json"},
		{"", "pipeline.json"},
		{"Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n", "template.yaml"},
		{"# a comment\nresource \"aws_datapipeline_pipeline_definition\" \"x\" {\n}\n", "main.tf"},
		{"resource: not terraform\n", "template.yaml"},
	} {
		got, err := pathFor("auto", c.text)
		if err != nil || got != c.want {
			t.Errorf("pathFor(auto, %q) = %q, %v; want %q", c.text, got, err, c.want)
		}
	}
}
