package baseline_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/baseline"
	"github.com/dplint/dplint/lint"
)

// lintFiles lints the files at paths with every rule.
func lintFiles(t *testing.T, paths ...string) []*diag.File {
	t.Helper()
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*diag.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l.LintNamed(p, data))
	}
	return out
}

func write(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const pipeline = `{"objects": [
  {"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": ""},
  {"id": "Say", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Nowhere"}, "workerGroup": "wg"}
]}
`

// TestRecordAndApply: a baseline of a run holds all its findings; the same
// files with lines moved report nothing new; a fixed finding is gone; a new
// one, also a second finding of a known key, is reported.
func TestRecordAndApply(t *testing.T) {
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "pipelines", "a.json"), pipeline)
	other := write(t, filepath.Join(dir, "pipelines", "other.json"), pipeline)
	path := filepath.Join(dir, "dplint-baseline.json")
	b := baseline.Record(path, lintFiles(t, a, other))
	if b.Len() == 0 {
		t.Fatalf("no findings recorded")
	}
	encoded := b.Encode()
	for _, want := range []string{`"file": "pipelines/a.json", "object": "Default", "field": "workerGroup", "rule": "DP1006", "count": 1}`,
		`"file": "pipelines/a.json", "object": "Say", "field": "runsOn", "rule": "DP2001", "count": 1}`} {
		if !strings.Contains(string(encoded), want) {
			t.Errorf("the baseline lacks %s:\n%s", want, encoded)
		}
	}
	read, err := baseline.Parse(path, encoded)
	if err != nil {
		t.Fatalf("reading what Encode wrote: %v\n%s", err, encoded)
	}
	if string(read.Encode()) != string(encoded) {
		t.Errorf("read and written again, the baseline changed:\n%s\nwant:\n%s", read.Encode(), encoded)
	}

	// Lines moved, objects reordered, a blank object added: nothing new.
	moved := strings.Replace(pipeline, `{"objects": [`, `{"objects": [
  {"id": "Later", "type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg"},`, 1)
	write(t, a, "\n\n\n"+moved)
	files := lintFiles(t, a, other)
	sum := read.Apply(files)
	for _, dg := range files[0].Definitions[0].Diagnostics {
		if dg.Object != "Later" {
			t.Errorf("after moving lines, a known finding is new: %s %s.%s", dg.Rule.ID, dg.Object, dg.Field)
		}
	}
	if sum.Gone != 0 || sum.Baselined != b.Len() {
		t.Errorf("summary %+v, want %d baselined and none gone", sum, b.Len())
	}

	// One fixed, one duplicated: one gone and one new, of the same rule.
	fixed := strings.Replace(pipeline, `"workerGroup": ""}`, `"workerGroup": "wg"}`, 1)
	fixed = strings.Replace(fixed, `"runsOn": {"ref": "Nowhere"}`, `"runsOn": {"ref": "Nowhere"}, "input": {"ref": "Nowhere"}`, 1)
	fixed = strings.Replace(fixed, `{"objects": [`, `{"objects": [
  {"id": "Say2", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Nowhere"}, "workerGroup": "wg"},`, 1)
	write(t, a, fixed)
	files = lintFiles(t, a, other)
	sum = read.Apply(files)
	if sum.Gone != 1 {
		t.Errorf("the fixed empty workerGroup: %d gone, want 1 (%+v)", sum.Gone, sum)
	}
	var rules []string
	for _, dg := range files[0].Definitions[0].Diagnostics {
		rules = append(rules, dg.Rule.ID+" "+dg.Object+"."+dg.Field)
	}
	if strings.Join(rules, ",") != "DP2001 Say2.runsOn,DP5003 Say2.workerGroup,DP2001 Say.input" {
		t.Errorf("new findings %v, want the dangling references of the new object and field", rules)
	}
}

// TestCountedKeys: a baseline that holds a key twice knows two findings of
// it; a third is new, and the first two in file order are the known ones.
func TestCountedKeys(t *testing.T) {
	dir := t.TempDir()
	twice := `{"objects": [{"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": "wg",
  "myA": ["#{nope1}", "#{nope2}"]}]}`
	f := write(t, filepath.Join(dir, "p.json"), twice)
	path := filepath.Join(dir, "b.json")
	b, err := baseline.Parse(path, []byte(`{"version": 1, "findings": [
    {"file": "p.json", "object": "Default", "field": "myA", "rule": "DP3005", "count": 1}
  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	files := lintFiles(t, f)
	var dp3005 []diag.Diagnostic
	for _, dg := range files[0].Definitions[0].Diagnostics {
		if dg.Rule.ID == "DP3005" {
			dp3005 = append(dp3005, dg)
		}
	}
	if len(dp3005) != 2 {
		t.Fatalf("the fixture gives %d DP3005 findings, not the 2 this test needs", len(dp3005))
	}
	b.Apply(files)
	var left []diag.Diagnostic
	for _, dg := range files[0].Definitions[0].Diagnostics {
		if dg.Rule.ID == "DP3005" {
			left = append(left, dg)
		}
	}
	if len(left) != 1 || left[0].Start != dp3005[1].Start {
		t.Errorf("want the second DP3005 finding new, the first known: %v", left)
	}
}

// TestGoneOnlyForLintedFiles: a run over some files says nothing of the
// others' baselined findings, nor of a file it could not lint.
func TestGoneOnlyForLintedFiles(t *testing.T) {
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "a.json"), pipeline)
	b := baseline.Record(filepath.Join(dir, "b.json"), lintFiles(t, a))
	files := lintFiles(t, a)
	files[0].Path = filepath.Join(dir, "elsewhere.json")
	for _, d := range files[0].Definitions {
		for i := range d.Diagnostics {
			d.Diagnostics[i].File = files[0].Path
		}
	}
	if sum := b.Apply(files); sum.Gone != 0 || sum.Baselined != 0 {
		t.Errorf("another file: %+v, want nothing baselined and nothing gone", sum)
	}
	failed := []*diag.File{{Path: a, Err: errors.New("unreadable")}}
	if sum := b.Apply(failed); sum.Gone != 0 {
		t.Errorf("a file that could not be linted: %d gone, want 0", sum.Gone)
	}
	if sum := b.Apply([]*diag.File{{Path: a}}); sum.Gone != b.Len() {
		t.Errorf("a file linted clean: %d gone, want all %d", sum.Gone, b.Len())
	}
}

// TestNoSecretInTheBaseline: a finding on a secret field records the
// field's name, never its value.
func TestNoSecretInTheBaseline(t *testing.T) {
	dir := t.TempDir()
	f := write(t, filepath.Join(dir, "p.json"), `{"objects": [
  {"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": "wg"},
  {"id": "Db", "type": "RdsDatabase", "username": "u", "*password": "#{hunter2Secret}", "rdsInstanceId": "#{hunter2Other}", "myDbPassword": ""}
]}`)
	files := lintFiles(t, f)
	b := baseline.Record(filepath.Join(dir, "b.json"), files)
	text := string(b.Encode())
	if !strings.Contains(text, `"field": "*password"`) {
		t.Errorf("the fixture gives no finding on *password; the test checks nothing:\n%s", text)
	}
	if strings.Contains(text, "hunter2") {
		t.Errorf("the baseline holds a secret's value:\n%s", text)
	}
	for _, fl := range files {
		for _, d := range fl.Definitions {
			for _, dg := range d.Diagnostics {
				if strings.Contains(text, dg.Message) {
					t.Errorf("the baseline holds a message: %q", dg.Message)
				}
			}
		}
	}
}

// TestParseErrors: every mistake in a baseline file is an error at its
// line and column.
func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{``, "b.json:1:1: "},
		{`[]`, `b.json:1:1: a baseline is a JSON object`},
		{`{"version": 1, "findings": [}`, "b.json:1:29: "},
		{`{"version": 1, "findings": [], }`, "b.json:1:30: "},
		{`{"findings": []}`, "b.json:1:1: no version"},
		{`{"version": 2, "findings": []}`, "b.json:1:13: version 2: this dplint reads version 1"},
		{`{"version": 1}`, "b.json:1:1: no findings list"},
		{`{"version": 1, "findings": {}}`, "b.json:1:28: findings must be a list"},
		{`{"version": 1, "findings": [], "extra": 1}`, `b.json:1:32: unknown key "extra"`},
		{"{\"version\": 1, \"findings\": [\n  {\"file\": \"a.json\", \"rule\": \"DP1006\"}]}", "b.json:2:3: a finding needs its count"},
		{"{\"version\": 1, \"findings\": [\n  {\"file\": \"a.json\", \"rule\": \"DP1006\", \"count\": 0}]}", "b.json:2:49: count must be a whole number of at least 1"},
		{"{\"version\": 1, \"findings\": [\n  {\"rule\": \"DP1006\", \"count\": 1}]}", "b.json:2:3: a finding needs its file"},
		{"{\"version\": 1, \"findings\": [\n  {\"file\": \"a.json\", \"count\": 1}]}", "b.json:2:3: a finding needs its rule"},
		{"{\"version\": 1, \"findings\": [\n  {\"file\": \"a.json\", \"rule\": 1006, \"count\": 1}]}", "b.json:2:30: rule must be a string"},
		{"{\"version\": 1, \"findings\": [\n  {\"file\": \"a.json\", \"line\": 3, \"rule\": \"DP1006\", \"count\": 1}]}", `b.json:2:22: unknown key "line"`},
		{"{\"version\": 1, \"findings\": [\n  {\"file\": \"a.json\", \"rule\": \"DP1006\", \"count\": 1},\n  {\"file\": \"a.json\", \"rule\": \"DP1006\", \"count\": 2}]}",
			"b.json:3:3: this finding's key is listed already at line 2"},
	} {
		_, err := baseline.Parse("b.json", []byte(c.text))
		var be *baseline.Error
		if err == nil || !errors.As(err, &be) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one starting %q", c.text, err, c.want)
		}
	}
	if _, err := baseline.Load(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("a missing file: %v", err)
	}
}
