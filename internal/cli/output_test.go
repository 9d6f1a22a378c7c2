package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/report"
)

// TestOutputEqualsSeparateRuns: one run with --format F on stdout and an
// --output for every format writes, in each file, byte for byte what a
// separate run with that --format prints, with the same exit code.
func TestOutputEqualsSeparateRuns(t *testing.T) {
	inRepoRoot(t)
	for _, file := range lintableFiles(t, "testdata/format") {
		separate := map[string]string{}
		var separateCode int
		for _, f := range report.Names() {
			out, _, code := run(t, "", "lint", "--format", f, file)
			separate[f], separateCode = out, code
		}
		for _, stdoutFormat := range []string{"text", "github"} {
			t.Run(filepath.Base(file)+"/"+stdoutFormat, func(t *testing.T) {
				dir := t.TempDir()
				args := []string{"lint", "--format", stdoutFormat}
				for _, f := range report.Names() {
					args = append(args, "--output", f+"="+filepath.Join(dir, "report."+f))
				}
				out, errOut, code := run(t, "", append(args, file)...)
				if code != separateCode {
					t.Errorf("exit %d, separate runs exit %d\n%s", code, separateCode, errOut)
				}
				if out != separate[stdoutFormat] {
					t.Errorf("stdout differs from --format %s alone:\n%s\nwant:\n%s", stdoutFormat, out, separate[stdoutFormat])
				}
				for _, f := range report.Names() {
					data, err := os.ReadFile(filepath.Join(dir, "report."+f))
					if err != nil {
						t.Errorf("--output %s: %v", f, err)
						continue
					}
					if string(data) != separate[f] {
						t.Errorf("--output %s differs from --format %s alone:\n%s\nwant:\n%s", f, f, data, separate[f])
					}
				}
				left, _ := os.ReadDir(dir)
				if len(left) != len(report.Names()) {
					t.Errorf("the report directory holds %d entries, want %d (temporary files left?)", len(left), len(report.Names()))
				}
			})
		}
	}
}

// TestOutputStdoutAndExitCodes: PATH - puts a format on stdout in place of
// --format's; files are written whatever the findings, and the exit code is
// the run's without --output.
func TestOutputStdoutAndExitCodes(t *testing.T) {
	inRepoRoot(t)
	const multi, clean = "testdata/format/multi.json", "testdata/format/clean.json"
	want, _, _ := run(t, "", "lint", "--format", "json", multi)
	dir := t.TempDir()
	sarif := filepath.Join(dir, "dplint.sarif")
	out, errOut, code := run(t, "", "lint", "--output", "json=-", "--output", "sarif="+sarif, multi)
	if code != cli.ExitFindings || out != want {
		t.Errorf("--output json=-: exit %d (want 1), stdout equal to --format json: %v\n%s", code, out == want, errOut)
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("a run that fails on findings did not write its SARIF file: %v", err)
	}
	// An existing file is replaced whole.
	if err := os.WriteFile(sarif, []byte(strings.Repeat("stale ", 10000)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{clean}, cli.ExitOK},
		{[]string{"--fail-level", "none", multi}, cli.ExitOK},
		{[]string{"--only", "DP5002", multi}, cli.ExitOK},
		{[]string{"--only", "DP5002", "--fail-level", "warning", multi}, cli.ExitFindings},
		{[]string{multi, "no-such-file.json"}, cli.ExitUsage},
	} {
		_, _, alone := run(t, "", append([]string{"lint", "--oneline"}, c.args...)...)
		_, errOut, code := run(t, "", append([]string{"lint", "--oneline", "--output", "sarif=" + sarif}, c.args...)...)
		if code != c.code || alone != c.code {
			t.Errorf("%v: exit %d with --output, %d without, want %d\n%s", c.args, code, alone, c.code, errOut)
		}
		wantSARIF, _, _ := run(t, "", append([]string{"lint", "--format", "sarif"}, c.args...)...)
		if data, _ := os.ReadFile(sarif); string(data) != wantSARIF {
			t.Errorf("%v: the SARIF file is not the run's SARIF report", c.args)
		}
	}
}

// TestOutputErrors: a malformed --output, an unknown format, two reports on
// stdout, a file named twice and a directory that is not there are usage
// errors, each before anything is linted.
func TestOutputErrors(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	valid := strings.Join(report.Names(), ", ")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--output", "json"}, `--output "json": want FORMAT=PATH (PATH - for stdout), FORMAT one of ` + valid},
		{[]string{"--output", "=x.json"}, `want FORMAT=PATH`},
		{[]string{"--output", "json="}, `want FORMAT=PATH`},
		{[]string{"--output", "yaml=x.yaml"}, `--output "yaml=x.yaml": unknown format "yaml" (one of ` + valid + `)`},
		{[]string{"--output", "json=-", "--output", "sarif=-"}, "--output sarif=-: only one report can go to stdout"},
		{[]string{"--format", "text", "--output", "json=-"}, "--output json=-: only one report can go to stdout"},
		{[]string{"--output", "json=" + dir + "/a", "--output", "sarif=" + dir + "/./a"}, "is written twice"},
		{[]string{"--output", "json=" + dir + "/no/such.json"}, "its directory: stat " + dir + "/no: no such file or directory"},
		{[]string{"--output", "json=" + dir}, dir + " is a directory"},
		{[]string{"--output", "sarif=-", "--show-values"}, "--show-values goes with the text format only"},
		{[]string{"--fix", "--diff", "--output", "json=-"}, "stdout carries the fix"},
	} {
		out, errOut, code := run(t, "", append(append([]string{"lint"}, c.args...), "testdata/format/multi.json")...)
		if code != cli.ExitUsage || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a refused run wrote %v", left)
	}
}

// TestOutputRemoteOnce: with --remote and several --output files, the
// service is asked once: one scratch pipeline, one validation.
func TestOutputRemoteOnce(t *testing.T) {
	inRepoRoot(t)
	awsfake.Credentials(t)
	fake := awsfake.New(t)
	fake.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-SCRATCH"}`})
	fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: fakeAnswer})
	fake.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: `{}`})
	dir := t.TempDir()
	const file = "testdata/ok/hello-ondemand.json"
	_, errOut, code := run(t, "", "lint", "--format", "github", "--remote", "--endpoint-url", fake.URL,
		"--output", "sarif="+filepath.Join(dir, "r.sarif"), "--output", "json="+filepath.Join(dir, "r.json"), file)
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1\n%s", code, errOut)
	}
	if got := strings.Join(ops(fake), ","); got != "CreatePipeline,ValidatePipelineDefinition,DeletePipeline" {
		t.Errorf("calls: %s, want one scratch pipeline validated once", got)
	}
	data, err := os.ReadFile(filepath.Join(dir, "r.json"))
	if err != nil || !strings.Contains(string(data), "DP8001") {
		t.Errorf("the json report lacks the service's finding: %v\n%s", err, data)
	}
}
