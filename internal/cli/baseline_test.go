package cli_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/testenv"
)

// baselineScratch copies testdata/format's fixtures into a scratch
// directory's pipelines/ and makes it the working directory; it returns
// the directory.
func baselineScratch(t *testing.T) string {
	t.Helper()
	root := testenv.RepoRoot(t)
	scratch := t.TempDir()
	for _, name := range []string{"clean.json", "multi.json", "template.yaml"} {
		data, err := os.ReadFile(filepath.Join(root, "testdata", "format", name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(scratch, "pipelines", name), string(data))
	}
	t.Chdir(scratch)
	return scratch
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(string(data))
	if out == string(data) {
		t.Fatalf("%s: the edit changed nothing", path)
	}
	writeFile(t, path, out)
}

// moveLines puts blank lines before multi.json's objects and a field of
// no consequence before its first finding: every finding moves down, none
// changes.
func moveLines(s string) string {
	s = strings.Replace(s, "{\n  \"objects\": [\n", "\n\n{\n  \"objects\": [\n", 1)
	return strings.Replace(s, "\"id\": \"Default\",\n", "\"id\": \"Default\",\n      \"myOwner\": \"data team\",\n", 1)
}

// TestBaselineGoldens writes a baseline of testdata/format's fixtures, then
// edits them (lines moved, one finding fixed, one added) and lints with the
// baseline in several formats: internal/cli/testdata/baseline/ holds the
// baseline file and each output (exit code, stdout, stderr).
func TestBaselineGoldens(t *testing.T) {
	root := testenv.RepoRoot(t)
	g := goldie.New(t, goldie.WithFixtureDir(filepath.Join(root, "internal/cli/testdata/baseline")), goldie.WithNameSuffix(".golden"))
	scratch := baselineScratch(t)
	result := func(out, errOut string, code int) []byte {
		slash := filepath.ToSlash(scratch)
		out = strings.ReplaceAll(out, (&url.URL{Path: slash}).EscapedPath(), "$ROOT")
		out = strings.ReplaceAll(out, slash, "$ROOT")
		return []byte("exit: " + itoa(code) + "\n--- stdout\n" + out + "--- stderr\n" + errOut)
	}

	out, errOut, code := run(t, "", "lint", "--no-color", "--write-baseline", "dplint-baseline.json", "pipelines")
	if code != cli.ExitOK {
		t.Errorf("--write-baseline: exit %d, want 0 (every finding is in the baseline)\n%s", code, errOut)
	}
	g.Assert(t, "write", result(out, errOut, code))
	written, err := os.ReadFile("dplint-baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	g.Assert(t, "dplint-baseline.json", written)

	// Lines moved: every finding is still known.
	editFile(t, "pipelines/multi.json", moveLines)
	out, errOut, code = run(t, "", "lint", "--no-color", "--baseline", "dplint-baseline.json", "pipelines")
	if code != cli.ExitOK || !strings.Contains(errOut, "no longer occur") {
		t.Errorf("lines moved: exit %d, want 0\n%s%s", code, out, errOut)
	}
	g.Assert(t, "moved.text", result(out, errOut, code))

	// One finding fixed (the empty workerGroup), one new (a reference to
	// nothing), and one more of keys the baseline counts (a third object
	// with the id Copy: a second DP1005 and a third DP4003 on Copy).
	editFile(t, "pipelines/multi.json", func(s string) string {
		s = strings.Replace(s, `"workerGroup": ""`, `"workerGroup": "wg"`, 1)
		s = strings.Replace(s, `"command": "echo again"`, `"command": "echo again", "input": {"ref": "Nowhere"}`, 1)
		return strings.Replace(s, "\n  ],\n  \"parameters\"", ",\n    {\"id\": \"Copy\", \"type\": \"ShellCommandActivity\", \"command\": \"echo thrice\"}\n  ],\n  \"parameters\"", 1)
	})
	for _, v := range []struct {
		name string
		args []string
	}{
		{"edited.text", []string{"--no-color"}},
		{"edited.json", []string{"--format", "json"}},
		{"edited.sarif", []string{"--format", "sarif"}},
		{"edited.github", []string{"--format", "github"}},
	} {
		t.Run(v.name, func(t *testing.T) {
			args := append(append([]string{"lint"}, v.args...), "--baseline", "dplint-baseline.json", "pipelines")
			out, errOut, code := run(t, "", args...)
			if code != cli.ExitFindings {
				t.Errorf("a new error: exit %d, want 1", code)
			}
			g.Assert(t, v.name, result(out, errOut, code))
		})
	}
	// The baseline applies to every report of the run.
	sarif := filepath.Join(scratch, "report.sarif")
	_, _, code = run(t, "", "lint", "--format", "github", "--output", "sarif="+sarif, "--baseline", "dplint-baseline.json", "pipelines")
	data, _ := os.ReadFile(sarif)
	if code != cli.ExitFindings || !strings.Contains(string(data), `"baselineState": "unchanged"`) || !strings.Contains(string(data), `"baselineState": "new"`) {
		t.Errorf("--output sarif with --baseline: exit %d, no baselineState in the file", code)
	}
}

// TestBaselineSARIFSchema: a SARIF report with a baseline is valid SARIF
// 2.1.0.
func TestBaselineSARIFSchema(t *testing.T) {
	sch := testenv.SARIFSchema(t)
	baselineScratch(t)
	if _, errOut, code := run(t, "", "lint", "--write-baseline", "b.json", "pipelines"); code != cli.ExitOK {
		t.Fatalf("--write-baseline: exit %d\n%s", code, errOut)
	}
	editFile(t, "pipelines/multi.json", func(s string) string { return strings.Replace(s, `"workerGroup": ""`, `"workerGroup": 7`, 1) })
	out, _, _ := run(t, "", "lint", "--format", "sarif", "--baseline", "b.json", "pipelines")
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("invalid SARIF: %v\n%s", err, out)
	}
}

// TestBaselineConfig: the configuration's baseline is relative to its own
// directory; --baseline wins over it; --write-baseline records every
// finding whatever it says.
func TestBaselineConfig(t *testing.T) {
	scratch := baselineScratch(t)
	writeFile(t, filepath.Join(scratch, ".dplint.yaml"), "baseline: ci/dplint-baseline.json\n")
	t.Chdir(filepath.Join(scratch, "pipelines"))
	if err := os.Mkdir(filepath.Join(scratch, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "", "lint", "--write-baseline", "../ci/dplint-baseline.json", "multi.json")
	if code != cli.ExitOK {
		t.Fatalf("--write-baseline: exit %d\n%s", code, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(scratch, "ci", "dplint-baseline.json"))
	if !strings.Contains(string(data), `{"file": "../pipelines/multi.json", "object": "Default", "field": "workerGroup", "rule": "DP1006", "count": 1}`) {
		t.Errorf("the baseline's files are not relative to its directory:\n%s", data)
	}
	out, errOut, code := run(t, "", "lint", "--oneline", "multi.json")
	if code != cli.ExitOK || out != "" || !strings.Contains(errOut, "findings baselined, 0 baselined findings no longer occur (baseline "+filepath.Join(scratch, "ci", "dplint-baseline.json")+")") {
		t.Errorf("the configuration's baseline: exit %d\n%s%s", code, out, errOut)
	}
	writeFile(t, filepath.Join(scratch, "empty.json"), "{\"version\": 1, \"findings\": []}\n")
	out, errOut, code = run(t, "", "lint", "--oneline", "--baseline", "../empty.json", "multi.json")
	if code != cli.ExitFindings || !strings.Contains(out, "[DP1006 empty-value]") || !strings.Contains(errOut, "0 findings baselined") {
		t.Errorf("--baseline over the configuration's: exit %d\n%s%s", code, out, errOut)
	}
}

// TestBaselineErrors: a missing or malformed baseline, the configuration's
// too, is an error with its place and exit 2; --write-baseline with
// --baseline is a usage error, and a run that could not lint every file
// writes no baseline.
func TestBaselineErrors(t *testing.T) {
	scratch := baselineScratch(t)
	writeFile(t, "bad.json", "{\"version\": 1,\n  \"findings\": [{\"file\": \"a.json\", \"rule\": \"DP1006\", \"count\": \"1\"}]}\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--baseline", "nope.json"}, "dplint: --baseline: reading the baseline: open nope.json: no such file or directory\n"},
		{[]string{"--baseline", "bad.json"}, "dplint: --baseline: bad.json:2:62: count must be a whole number of at least 1\n"},
		{[]string{"--baseline", "bad.json", "--write-baseline", "new.json"}, "dplint: --write-baseline and --baseline: give one"},
		{[]string{"--write-baseline", "no/such/dir/b.json"}, "dplint: --write-baseline no/such/dir/b.json: its directory: "},
		{[]string{"--write-baseline", "b.json", "--fix", "--diff"}, "dplint: --write-baseline records the findings of the files as they are: not with --fix --diff"},
	} {
		out, errOut, code := run(t, "", append(append([]string{"lint"}, c.args...), "pipelines")...)
		if code != cli.ExitUsage || out != "" || !strings.HasPrefix(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	writeFile(t, filepath.Join(scratch, ".dplint.yaml"), "baseline: missing.json\n")
	_, errOut, code := run(t, "", "lint", "pipelines")
	want := filepath.Join(scratch, ".dplint.yaml") + ": baseline: reading the baseline: open missing.json: no such file"
	if code != cli.ExitUsage || !strings.Contains(errOut, want) {
		t.Errorf("the configuration's missing baseline: exit %d, stderr %q, want %q", code, errOut, want)
	}
	if err := os.Remove(filepath.Join(scratch, ".dplint.yaml")); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = run(t, "", "lint", "--write-baseline", "b.json", "pipelines", "no-such.json")
	if code != cli.ExitUsage || !strings.Contains(errOut, "--write-baseline b.json: not written: not every file could be linted") {
		t.Errorf("an unreadable path: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat("b.json"); err == nil {
		t.Errorf("a baseline was written of a run that missed a file")
	}
}
