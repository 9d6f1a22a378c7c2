package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/report"
)

// actionBuildDplint builds cmd/dplint into a fresh directory and returns that
// directory, to be put first on PATH.
func actionBuildDplint(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH: %v", err)
	}
	dir := t.TempDir()
	cmd := exec.Command(goTool, "build", "-o", filepath.Join(dir, "dplint"), "./cmd/dplint")
	cmd.Dir = testenv.RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/dplint: %v\n%s", err, out)
	}
	return dir
}

// actionEnv returns the environment with dirs first on PATH and the given
// variables set (replacing any of the same name).
func actionEnv(env []string, dirs []string, set ...string) []string {
	var out []string
	names := map[string]bool{}
	for _, kv := range set {
		names[strings.SplitN(kv, "=", 2)[0]] = true
	}
	for _, kv := range env {
		name := strings.SplitN(kv, "=", 2)[0]
		if name == "PATH" || names[name] {
			continue
		}
		out = append(out, kv)
	}
	out = append(out, "PATH="+strings.Join(append(slices.Clone(dirs), os.Getenv("PATH")), string(os.PathListSeparator)))
	return append(out, set...)
}

// actionHasFormat says whether this build of dplint has an output format (github
// and sarif are newer than the action's first tests).
func actionHasFormat(name string) bool {
	return slices.Contains(report.Names(), name)
}

// actionSeverityCounts lints files in-process with the json format and counts the
// findings by severity, so the action's outputs are checked against dplint
// itself rather than numbers written into the test.
func actionSeverityCounts(t *testing.T, args ...string) map[string]int {
	t.Helper()
	out, _, _ := run(t, "", append([]string{"lint", "--format", "json"}, args...)...)
	var doc struct {
		Diagnostics []struct {
			Severity string `json:"severity"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("dplint --format json: %v\n%s", err, out)
	}
	counts := map[string]int{"error": 0, "warning": 0, "info": 0}
	for _, d := range doc.Diagnostics {
		counts[d.Severity]++
	}
	return counts
}

// actionWrapDplint writes a dplint wrapper into a fresh directory, to be put
// first on PATH: it records each call's arguments, one line per call, in
// the file $DPLINT_CALLS, then runs the real dplint in bin. With fakeGraph,
// it stands in for the graph command that the real dplint may not have yet:
// `graph --help` exits 0, and `graph --format mermaid -- FILE` prints a
// small diagram naming FILE.
func actionWrapDplint(t *testing.T, bash, bin string, graph string) string {
	t.Helper()
	dir := t.TempDir()
	script := "#!" + bash + "\n" + `printf '%s\n' "$*" >>"$DPLINT_CALLS"` + "\n"
	switch graph {
	case "none": // a dplint from before the graph command (the version input)
		script += `if [ "$1" = graph ]; then echo "dplint: unknown command \"graph\"" >&2; exit 2; fi
`
	case "fake":
		script += `if [ "$1" = graph ]; then
	[ "$2" = --help ] && exit 0
	printf 'flowchart LR\n  file["%s"] --> Default\n' "${!#}"
	exit 0
fi
`
	}
	script += `exec "` + filepath.Join(bin, "dplint") + `" "$@"` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "dplint"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type actionRun struct {
	code            int
	stdout, stderr  string
	outputs         map[string]string
	summary         string
	outputsFileText string
	calls           []string // each dplint call's arguments, when the wrapper ran
}

// lintCalls counts the dplint lint calls of the run.
func (r actionRun) lintCalls() int {
	n := 0
	for _, c := range r.calls {
		if strings.HasPrefix(c, "lint ") {
			n++
		}
	}
	return n
}

// runActionScript runs scripts/action-run.sh as action.yml does, from the
// repository root, with the action's inputs in env, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY in a temporary directory, and pathDirs first on PATH.
func runActionScript(t *testing.T, bash string, pathDirs []string, inputs ...string) actionRun {
	t.Helper()
	root := testenv.RepoRoot(t)
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	outputsFile := filepath.Join(dir, "github_output")
	summaryFile := filepath.Join(dir, "step_summary")
	callsFile := filepath.Join(dir, "dplint_calls")
	env := actionEnv(os.Environ(), pathDirs, append([]string{
		"DPLINT_CALLS=" + callsFile,
		"GITHUB_OUTPUT=" + outputsFile,
		"GITHUB_STEP_SUMMARY=" + summaryFile,
		"TMPDIR=" + tmp,
		"RUNNER_TEMP=",
		"INPUT_PATH=", "INPUT_FORMAT=", "INPUT_FAIL_LEVEL=", "INPUT_ARGS=", "INPUT_SARIF_FILE=",
		"DPLINT=", "NO_COLOR=",
	}, inputs...)...)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bash, filepath.Join(root, "scripts", "action-run.sh"))
	cmd.Dir = root
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := actionRun{stdout: stdout.String(), stderr: stderr.String(), outputs: map[string]string{}}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running action-run.sh: %v", err)
	}
	if data, err := os.ReadFile(outputsFile); err == nil {
		r.outputsFileText = string(data)
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				t.Errorf("GITHUB_OUTPUT line %q is not name=value", line)
				continue
			}
			r.outputs[k] = v
		}
	}
	if data, err := os.ReadFile(summaryFile); err == nil {
		r.summary = string(data)
	}
	if data, err := os.ReadFile(callsFile); err == nil {
		r.calls = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	// The action lints once, whatever it writes: with --remote, a second
	// lint would be a second scratch pipeline.
	if n := r.lintCalls(); n > 1 {
		t.Errorf("the script ran dplint lint %d times, want once: %q", n, r.calls)
	}
	left, _ := os.ReadDir(tmp)
	for _, e := range left {
		t.Errorf("action-run.sh left %s in TMPDIR", e.Name())
	}
	return r
}

func (r actionRun) String() string {
	return "exit " + strconv.Itoa(r.code) + "\n--- stdout\n" + r.stdout + "--- stderr\n" + r.stderr +
		"--- GITHUB_OUTPUT\n" + r.outputsFileText + "--- GITHUB_STEP_SUMMARY\n" + r.summary
}

func (r actionRun) wantOutputs(t *testing.T, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got, ok := r.outputs[k]; !ok || got != v {
			t.Errorf("output %s = %q (set: %v), want %q\n%s", k, got, ok, v, r)
		}
	}
}

func actionCountOutputs(exitCode int, c map[string]int) map[string]string {
	return map[string]string{
		"exit-code": strconv.Itoa(exitCode),
		"errors":    strconv.Itoa(c["error"]),
		"warnings":  strconv.Itoa(c["warning"]),
		"infos":     strconv.Itoa(c["info"]),
	}
}

// TestActionScript runs the action's shell logic on fixtures and checks what
// a workflow sees: the exit code, the outputs, the step summary, the
// annotations on stdout and the SARIF file.
func TestActionScript(t *testing.T) {
	bash := testenv.Tool(t, "bash")
	testenv.Tool(t, "jq")
	inRepoRoot(t)
	bin := actionBuildDplint(t)
	path := []string{actionWrapDplint(t, bash, bin, "real")}

	// The github format gives annotations; until it exists, the json format
	// stands in for it.
	format := "github"
	if !actionHasFormat(format) {
		t.Logf("dplint has no github format yet: the log run uses --format json")
		format = "json"
	}

	t.Run("templates", func(t *testing.T) {
		// A CloudFormation template and a Terraform file: annotations and
		// summary rows point into them.
		const stack, tf = "testdata/format/template.yaml", "rules/testdata/DP2002/terraform-provider-example.tf"
		r := runActionScript(t, bash, path, "INPUT_PATH="+stack+" "+tf, "INPUT_FORMAT="+format)
		if r.code != 1 {
			t.Errorf("exit code %d, want 1\n%s", r.code, r)
		}
		r.wantOutputs(t, actionCountOutputs(1, actionSeverityCounts(t, stack, tf)))
		if format == "github" {
			for _, want := range []string{
				`(?m)^::error file=` + regexp.QuoteMeta(stack) + `,line=44,.*::Nightly: unknown object type`,
				`(?m)^::error file=` + regexp.QuoteMeta(tf) + `,line=72,.*'schedule' values must be of type 'Schedule'`,
			} {
				if !regexp.MustCompile(want).MatchString(r.stdout) {
					t.Errorf("no annotation matching %s\n%s", want, r)
				}
			}
		}
		if !strings.Contains(r.summary, "| "+stack+":44:28 | error | DP1101 unknown-type |") {
			t.Errorf("the step summary lacks the template's row\n%s", r)
		}
	})

	t.Run("findings", func(t *testing.T) {
		const multi = "testdata/format/multi.json"
		sarif := filepath.Join(t.TempDir(), "reports", "dplint.sarif")
		// Two paths on two lines, as a workflow's `path: |` block gives them.
		r := runActionScript(t, bash, path, "INPUT_PATH="+multi+"\ntestdata/ok\n", "INPUT_FORMAT="+format,
			"INPUT_SARIF_FILE="+sarif)
		counts := actionSeverityCounts(t, multi, "testdata/ok")
		if counts["error"] == 0 || counts["warning"] == 0 {
			t.Fatalf("%s should have errors and warnings: %v", multi, counts)
		}
		if r.code != 1 {
			t.Errorf("exit code %d, want 1\n%s", r.code, r)
		}
		r.wantOutputs(t, actionCountOutputs(1, counts))
		// The log run's output: annotations (github) or the json report.
		switch format {
		case "github":
			if !regexp.MustCompile(`(?m)^::error .*file=` + regexp.QuoteMeta(multi) + `.*line=7\b`).MatchString(r.stdout) {
				t.Errorf("no ::error annotation for %s line 7 on stdout\n%s", multi, r)
			}
			if !strings.Contains(r.stdout, "::warning ") {
				t.Errorf("no ::warning annotation on stdout\n%s", r)
			}
		default:
			if !strings.Contains(r.stdout, `"file": "`+multi+`"`) {
				t.Errorf("the json report on stdout does not name %s\n%s", multi, r)
			}
		}
		// The summary: a Markdown table with a row for the file and its counts.
		wantRows := []string{
			"| File | Errors | Warnings | Infos |",
			"| --- | ---: | ---: | ---: |",
			"| " + multi + " | " + strconv.Itoa(counts["error"]) + " | " + strconv.Itoa(counts["warning"]) + " | " + strconv.Itoa(counts["info"]) + " |",
			"| Location | Severity | Rule | Message |",
			"| " + multi + ":7:22 | error | DP1006 empty-value | 'workerGroup' has an empty value |",
		}
		for _, row := range wantRows {
			if !strings.Contains(r.summary, "\n"+row+"\n") {
				t.Errorf("the step summary lacks the row %q\n%s", row, r)
			}
		}
		if !strings.HasPrefix(r.summary, "## dplint\n") || !strings.Contains(r.summary, "❌") {
			t.Errorf("the step summary does not start with its heading and a failing status\n%s", r)
		}
		for _, ok := range jsonFiles(t, "testdata/ok") {
			if strings.Contains(r.summary, ok) {
				t.Errorf("the summary names %s, which has no findings\n%s", ok, r)
			}
		}
		// SARIF, when the format exists.
		if !actionHasFormat("sarif") {
			t.Logf("dplint has no sarif format yet: the SARIF file is not checked")
			return
		}
		if r.outputs["sarif-file"] != sarif {
			t.Errorf("output sarif-file = %q, want %q", r.outputs["sarif-file"], sarif)
		}
		data, err := os.ReadFile(sarif)
		if err != nil {
			t.Fatalf("the SARIF file was not written: %v\n%s", err, r)
		}
		var doc struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("the SARIF file is not JSON: %v\n%s", err, data)
		}
		total := counts["error"] + counts["warning"] + counts["info"]
		if doc.Version != "2.1.0" || len(doc.Runs) != 1 || len(doc.Runs[0].Results) != total {
			t.Errorf("SARIF: version %q, %d runs, want 2.1.0 with one run of %d results", doc.Version, len(doc.Runs), total)
		}
		if strings.Contains(r.stdout, "::warning title=dplint::dplint wrote no SARIF") {
			t.Errorf("the script warned about SARIF\n%s", r)
		}
		// One lint gave the log, the SARIF file and the counts; the SARIF
		// is what a run of its own prints.
		if n := r.lintCalls(); n != 1 {
			t.Errorf("dplint lint ran %d times, want once: %q", n, r.calls)
		}
		alone, _, _ := run(t, "", "lint", "--format", "sarif", multi, "testdata/ok")
		if string(data) != alone {
			t.Errorf("the SARIF file differs from dplint lint --format sarif's report")
		}
	})

	t.Run("summary-per-file", func(t *testing.T) {
		// Each file with findings gets its section: a heading, its findings
		// table and its diagram.
		const multi, stack = "testdata/format/multi.json", "testdata/format/template.yaml"
		r := runActionScript(t, bash, path, "INPUT_PATH="+stack+" "+multi+" testdata/ok", "INPUT_FORMAT="+format)
		if r.code != 1 || r.lintCalls() != 1 {
			t.Fatalf("exit %d with %d lint calls, want 1 and 1\n%s", r.code, r.lintCalls(), r)
		}
		m := strings.Index(r.summary, "\n### "+multi+"\n\n| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n| "+multi+":")
		st := strings.Index(r.summary, "\n### "+stack+"\n\n| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n| "+stack+":")
		if m < 0 || st < 0 || m > st {
			t.Errorf("want a section per file, %s then %s, each a heading and its table\n%s", multi, stack, r)
		}
		if st > 0 && strings.Contains(r.summary[m:st], stack+":") {
			t.Errorf("%s's section holds a finding of %s\n%s", multi, stack, r)
		}
		// This dplint has the graph command: each section ends in its
		// real diagram.
		if c := strings.Count(r.summary, "```mermaid\nflowchart LR\n"); c != 2 {
			t.Errorf("want 2 Mermaid diagrams from dplint graph, have %d\n%s", c, r)
		}
		if got := strings.Join(r.calls, "\n"); !strings.Contains(got, "graph --format mermaid -- "+multi) {
			t.Errorf("no dplint graph call for %s: %q", multi, r.calls)
		}
	})

	t.Run("summary-without-graph", func(t *testing.T) {
		// A dplint without the graph command (an older version): the
		// sections have no diagram, and the command is looked for once.
		noGraph := []string{actionWrapDplint(t, bash, bin, "none")}
		r := runActionScript(t, bash, noGraph, "INPUT_PATH=testdata/format/multi.json testdata/format/template.yaml", "INPUT_FORMAT="+format)
		if r.code != 1 || strings.Contains(r.summary, "```mermaid") {
			t.Errorf("exit %d; want 1 and no diagram without the graph command\n%s", r.code, r)
		}
		if got := strings.Join(r.calls, "\n"); strings.Count(got, "graph --help") != 1 || strings.Contains(got, "graph --format") {
			t.Errorf("want one look for the graph command (graph --help) and no graph drawn: %q", r.calls)
		}
	})

	t.Run("summary-graph", func(t *testing.T) {
		// A dplint with the graph command: each file's table is followed by
		// its diagram.
		const multi, stack = "testdata/format/multi.json", "testdata/format/template.yaml"
		graphPath := []string{actionWrapDplint(t, bash, bin, "fake")}
		r := runActionScript(t, bash, graphPath, "INPUT_PATH="+multi+" "+stack, "INPUT_FORMAT="+format)
		if r.code != 1 || r.lintCalls() != 1 {
			t.Fatalf("exit %d with %d lint calls, want 1 and 1\n%s", r.code, r.lintCalls(), r)
		}
		for i, file := range []string{multi, stack} {
			block := "```mermaid\nflowchart LR\n  file[\"" + file + "\"] --> Default\n```\n"
			at := strings.Index(r.summary, block)
			heading := strings.Index(r.summary, "\n### "+file+"\n")
			if at < 0 || heading < 0 || at < heading {
				t.Errorf("no diagram of %s after its table\n%s", file, r)
				continue
			}
			if i == 0 && at > strings.Index(r.summary, "\n### "+stack+"\n") {
				t.Errorf("the diagram of %s is not in its own section\n%s", file, r)
			}
		}
		want := []string{"graph --help", "graph --format mermaid -- " + multi, "graph --format mermaid -- " + stack}
		var graphCalls []string
		for _, c := range r.calls {
			if strings.HasPrefix(c, "graph ") {
				graphCalls = append(graphCalls, c)
			}
		}
		if !slices.Equal(graphCalls, want) {
			t.Errorf("graph calls %q, want %q", graphCalls, want)
		}
	})

	t.Run("baseline", func(t *testing.T) {
		// args: --baseline: known findings are neither counted nor listed;
		// the summary says how many there were.
		const multi, stack = "testdata/format/multi.json", "testdata/format/template.yaml"
		file := filepath.Join(t.TempDir(), "dplint-baseline.json")
		if _, errOut, code := run(t, "", "lint", "--write-baseline", file, multi); code != 0 {
			t.Fatalf("--write-baseline: exit %d\n%s", code, errOut)
		}
		known := actionSeverityCounts(t, multi)
		r := runActionScript(t, bash, path, "INPUT_PATH="+multi+" "+stack, "INPUT_FORMAT="+format, "INPUT_ARGS=--baseline "+file)
		if r.code != 1 || r.lintCalls() != 1 {
			t.Errorf("exit %d with %d lint calls, want 1 (the template's errors) and 1\n%s", r.code, r.lintCalls(), r)
		}
		r.wantOutputs(t, actionCountOutputs(1, actionSeverityCounts(t, stack)))
		n := known["error"] + known["warning"] + known["info"]
		if want := "Baseline " + file + ": " + strconv.Itoa(n) + " findings baselined (not shown), 0 baselined findings no longer occur."; !strings.Contains(r.summary, want) {
			t.Errorf("the summary lacks %q\n%s", want, r)
		}
		if strings.Contains(r.summary, "### "+multi) || !strings.Contains(r.summary, "### "+stack) {
			t.Errorf("want a section for %s only\n%s", stack, r)
		}
	})

	t.Run("remote-once", func(t *testing.T) {
		// args: --remote with a SARIF file: one lint, so one scratch
		// pipeline, however many reports.
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-SCRATCH"}`})
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: fakeAnswer})
		fake.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: `{}`})
		sarif := filepath.Join(t.TempDir(), "dplint.sarif")
		r := runActionScript(t, bash, path, "INPUT_PATH=testdata/ok/hello-ondemand.json", "INPUT_FORMAT="+format,
			"INPUT_ARGS=--remote --endpoint-url "+fake.URL, "INPUT_SARIF_FILE="+sarif)
		if r.code != 1 || r.outputs["errors"] != "1" {
			t.Errorf("exit %d, errors %q: want 1 and the service's one error\n%s", r.code, r.outputs["errors"], r)
		}
		if got := strings.Join(ops(fake), ","); got != "CreatePipeline,ValidatePipelineDefinition,DeletePipeline" {
			t.Errorf("calls to the service: %s, want one scratch pipeline validated once", got)
		}
		if data, err := os.ReadFile(sarif); err != nil || !strings.Contains(string(data), "DP8001") {
			t.Errorf("the SARIF file lacks the service's finding: %v", err)
		}
	})

	t.Run("clean", func(t *testing.T) {
		r := runActionScript(t, bash, path, "INPUT_PATH=testdata/ok", "INPUT_FORMAT="+format)
		if r.code != 0 {
			t.Errorf("exit code %d, want 0\n%s", r.code, r)
		}
		r.wantOutputs(t, map[string]string{"exit-code": "0", "errors": "0", "warnings": "0", "infos": "0"})
		if _, ok := r.outputs["sarif-file"]; ok {
			t.Errorf("output sarif-file set without sarif-file\n%s", r)
		}
		if !strings.Contains(r.summary, "✅ No findings in testdata/ok.") || strings.Contains(r.summary, "| File |") {
			t.Errorf("the summary of a clean run should say so, with no table\n%s", r)
		}
		if strings.Contains(r.stdout, "::error") || strings.Contains(r.stdout, "::warning") {
			t.Errorf("annotations for a clean run\n%s", r)
		}
	})

	t.Run("default-path", func(t *testing.T) {
		// No INPUT_PATH: the working directory, walked (the repository's own
		// testdata has many findings).
		r := runActionScript(t, bash, path, "INPUT_FORMAT=json", "INPUT_ARGS=--only DP2001")
		if r.code != 1 || r.outputs["errors"] == "0" {
			t.Errorf("linting . with --only DP2001: want exit 1 and errors\n%s", r)
		}
	})

	t.Run("args-and-fail-level", func(t *testing.T) {
		// Only the warning DP5002: it fails at fail-level warning, not error.
		const multi = "testdata/format/multi.json"
		counts := actionSeverityCounts(t, "--only", "DP5002", multi)
		if counts["warning"] != 1 || counts["error"] != 0 {
			t.Fatalf("--only DP5002 on %s: %v, want one warning", multi, counts)
		}
		for _, c := range []struct {
			level string
			code  int
		}{{"error", 0}, {"warning", 1}, {"info", 1}} {
			r := runActionScript(t, bash, path, "INPUT_PATH="+multi, "INPUT_FORMAT="+format,
				"INPUT_ARGS=  --only   DP5002 ", "INPUT_FAIL_LEVEL="+c.level)
			if r.code != c.code {
				t.Errorf("fail-level %s: exit code %d, want %d\n%s", c.level, r.code, c.code, r)
			}
			r.wantOutputs(t, actionCountOutputs(c.code, counts))
			if c.code == 0 && !strings.Contains(r.summary, "✅ 0 errors, 1 warning, 0 infos in 1 file: nothing at fail-level error.") {
				t.Errorf("fail-level %s: the summary does not say the warning is below the fail level\n%s", c.level, r)
			}
		}
	})

	t.Run("fail-level-from-config", func(t *testing.T) {
		// No fail-level input: dplint's own, from the configuration file; the
		// input, when given, wins over the file.
		config := filepath.Join(t.TempDir(), "dplint.yaml")
		if err := os.WriteFile(config, []byte("fail-level: warning\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args := "INPUT_ARGS=--config " + config + " --only DP5002"
		r := runActionScript(t, bash, path, "INPUT_PATH=testdata/format/multi.json", "INPUT_FORMAT="+format, args)
		if r.code != 1 {
			t.Errorf("fail-level warning from the configuration: exit code %d, want 1\n%s", r.code, r)
		}
		r = runActionScript(t, bash, path, "INPUT_PATH=testdata/format/multi.json", "INPUT_FORMAT="+format, args, "INPUT_FAIL_LEVEL=error")
		if r.code != 0 {
			t.Errorf("fail-level error as input over warning in the configuration: exit code %d, want 0\n%s", r.code, r)
		}
	})

	t.Run("fail-level-none", func(t *testing.T) {
		r := runActionScript(t, bash, path, "INPUT_PATH=testdata/format/multi.json", "INPUT_FORMAT="+format, "INPUT_FAIL_LEVEL=none")
		if r.code != 0 {
			t.Errorf("fail-level none: exit code %d, want 0\n%s", r.code, r)
		}
		if r.outputs["exit-code"] != "1" {
			t.Errorf("fail-level none: output exit-code = %q, want dplint's 1\n%s", r.outputs["exit-code"], r)
		}
		if !strings.Contains(r.summary, "(exit code 1; fail-level none: the step passes).") {
			t.Errorf("fail-level none: the summary does not say the step passes\n%s", r)
		}
		// A path that cannot be read still fails.
		r = runActionScript(t, bash, path, "INPUT_PATH=testdata/ok no-such-dir", "INPUT_FORMAT="+format, "INPUT_FAIL_LEVEL=none")
		if r.code != 2 {
			t.Errorf("fail-level none with a missing path: exit code %d, want 2\n%s", r.code, r)
		}
	})

	t.Run("unreadable-path", func(t *testing.T) {
		r := runActionScript(t, bash, path, "INPUT_PATH=no-such-file.json", "INPUT_FORMAT="+format)
		if r.code != 2 {
			t.Errorf("exit code %d, want 2\n%s", r.code, r)
		}
		r.wantOutputs(t, map[string]string{"exit-code": "2", "errors": "0"})
		if !strings.Contains(r.summary, "exited with code 2") || !strings.Contains(r.summary, "no-such-file.json") {
			t.Errorf("the summary does not say what went wrong\n%s", r)
		}
		if !strings.Contains(r.stderr, "no-such-file.json") {
			t.Errorf("dplint's stderr is not passed on\n%s", r)
		}
	})

	t.Run("bad-input", func(t *testing.T) {
		r := runActionScript(t, bash, path, "INPUT_PATH=testdata/ok", "INPUT_FAIL_LEVEL=fatal")
		if r.code != 2 || !strings.Contains(r.stdout, "::error title=dplint::fail-level must be") {
			t.Errorf("fail-level fatal: want exit 2 and an ::error\n%s", r)
		}
		r = runActionScript(t, bash, path, "INPUT_PATH=testdata/ok", "INPUT_FORMAT=json", "INPUT_ARGS=--no-such-flag")
		if r.code != 2 || !strings.Contains(r.summary, "no-such-flag") {
			t.Errorf("a bad flag in args: want exit 2 and dplint's complaint in the summary\n%s", r)
		}
	})

	t.Run("no-jq", func(t *testing.T) {
		// Only what the script needs besides jq: the annotations and the
		// exit code still work, the counts are empty.
		only := t.TempDir()
		for _, tool := range []string{"bash", "cat", "rm", "mkdir", "mktemp", "dirname", "head"} {
			p, err := exec.LookPath(tool)
			if err != nil {
				t.Skipf("skipping: %s is not installed", tool)
			}
			if err := os.Symlink(p, filepath.Join(only, tool)); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink(filepath.Join(path[0], "dplint"), filepath.Join(only, "dplint")); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", only)
		r := runActionScript(t, bash, nil, "INPUT_PATH=testdata/format/multi.json", "INPUT_FORMAT="+format)
		if r.code != 1 {
			t.Errorf("exit code %d, want 1\n%s", r.code, r)
		}
		r.wantOutputs(t, map[string]string{"exit-code": "1", "errors": ""})
		if !strings.Contains(r.stdout, "::warning title=dplint::jq is not installed") || !strings.Contains(r.summary, "jq is not installed") {
			t.Errorf("the missing jq is not reported\n%s", r)
		}
	})
}

// TestActionScriptShellcheck runs shellcheck on the action's scripts.
func TestActionScriptShellcheck(t *testing.T) {
	shellcheck := testenv.Tool(t, "shellcheck")
	root := testenv.RepoRoot(t)
	for _, script := range []string{"scripts/action-run.sh", "scripts/action-cache-key.sh"} {
		cmd := exec.Command(shellcheck, "--shell=bash", script)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("shellcheck %s: %v\n%s", script, err, out)
		}
	}
}

// TestActionCacheKey runs scripts/action-cache-key.sh on scratch copies of an
// action: the key names the runner, the Go version and what is built; it
// stays the same while nothing built changes and changes when something
// does; a version that may move is never cached.
func TestActionCacheKey(t *testing.T) {
	bash := testenv.Tool(t, "bash")
	gitTool := testenv.Tool(t, "git")
	root := testenv.RepoRoot(t)
	goVersion := strings.TrimSpace(runTool(t, "", "go", "env", "GOVERSION"))
	key := func(actionPath string, env ...string) string {
		t.Helper()
		cmd := exec.Command(bash, filepath.Join(root, "scripts", "action-cache-key.sh"))
		cmd.Env = actionEnv(os.Environ(), nil, append([]string{"GITHUB_OUTPUT=", "ACTION_PATH=" + actionPath,
			"ACTION_REF=", "DPLINT_VERSION=", "RUNNER_OS=Linux", "RUNNER_ARCH=X64"}, env...)...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("action-cache-key.sh %v: %v", env, err)
		}
		k, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "key=")
		if !ok || strings.Contains(k, ",") {
			t.Fatalf("action-cache-key.sh printed %q, want key=KEY without commas", out)
		}
		return k
	}
	// A downloaded action: no .git, so its sources name the build.
	src := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/a\n")
	write("main.go", "package main\n\nfunc main() {}\n")
	downloaded := key(src, "ACTION_REF=v1")
	if !strings.HasPrefix(downloaded, "dplint-Linux-X64-"+goVersion+"-v1-source-") {
		t.Errorf("key %q: want the runner, %s, the ref and a source hash", downloaded, goVersion)
	}
	if again := key(src, "ACTION_REF=v1"); again != downloaded {
		t.Errorf("the key changed with nothing changed: %q, %q", downloaded, again)
	}
	write("README.md", "not built\n")
	if k := key(src, "ACTION_REF=v1"); k != downloaded {
		t.Errorf("a file that is not built changed the key: %q", k)
	}
	write("main.go", "package main\n\nfunc main() { println() }\n")
	moved := key(src, "ACTION_REF=v1")
	if moved == downloaded {
		t.Errorf("v1 moved to other sources and the key stayed %q", moved)
	}
	// A clean git checkout (uses: ./): its commit; a changed one, its sources.
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"}} {
		runTool(t, src, gitTool, args...)
	}
	commit := strings.TrimSpace(runTool(t, src, gitTool, "rev-parse", "HEAD"))
	if k := key(src); k != "dplint-Linux-X64-"+goVersion+"-local-commit-"+commit {
		t.Errorf("a clean checkout's key %q, want its commit %s", k, commit)
	}
	write("main.go", "package main\n\nfunc main() {}\n")
	if k := key(src); !strings.Contains(k, "-local-source-") {
		t.Errorf("a checkout with changes is keyed %q, want its sources", k)
	}
	// An installed version: cached when it cannot move.
	if k := key(src, "DPLINT_VERSION=v1.2.0"); k != "dplint-Linux-X64-"+goVersion+"-install-v1.2.0" {
		t.Errorf("version v1.2.0: key %q", k)
	}
	for _, v := range []string{"latest", "main", "v1"} {
		if k := key(src, "DPLINT_VERSION="+v); k != "" {
			t.Errorf("version %s may move, yet it is keyed %q", v, k)
		}
	}
}

// runTool runs a command in dir and returns its stdout.
func runTool(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// TestActionMetadata checks action.yml: a composite action with a name and a
// description; every input has a description and every input used is
// declared; every output comes from a step that exists; every variable the
// script reads is passed to it; actions used are pinned to a version.
func TestActionMetadata(t *testing.T) {
	root := testenv.RepoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
		Author      string `yaml:"author"`
		Branding    struct {
			Icon  string `yaml:"icon"`
			Color string `yaml:"color"`
		} `yaml:"branding"`
		Inputs map[string]struct {
			Description string  `yaml:"description"`
			Required    bool    `yaml:"required"`
			Default     *string `yaml:"default"`
		} `yaml:"inputs"`
		Outputs map[string]struct {
			Description string `yaml:"description"`
			Value       string `yaml:"value"`
		} `yaml:"outputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID    string            `yaml:"id"`
				Name  string            `yaml:"name"`
				If    string            `yaml:"if"`
				Uses  string            `yaml:"uses"`
				Run   string            `yaml:"run"`
				Shell string            `yaml:"shell"`
				Env   map[string]string `yaml:"env"`
				With  map[string]string `yaml:"with"`
				Dir   string            `yaml:"working-directory"`
				Cont  string            `yaml:"continue-on-error"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key is an error, not a silent no-op
	if err := dec.Decode(&action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Name == "" || action.Description == "" {
		t.Errorf("action.yml needs a name and a description")
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for _, in := range []string{"path", "format", "fail-level", "args", "sarif-file", "version", "go-version"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("action.yml lacks the input %s", in)
		}
	}
	for name, in := range action.Inputs {
		if in.Description == "" || in.Default == nil {
			t.Errorf("input %s needs a description and a default", name)
		}
	}
	for _, m := range regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`).FindAllStringSubmatch(string(data), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	stepIDs := map[string]bool{}
	var runStepEnv, keyStepEnv map[string]string
	for i, s := range action.Runs.Steps {
		if s.ID != "" {
			stepIDs[s.ID] = true
		}
		switch {
		case s.Uses != "" && s.Run != "":
			t.Errorf("step %d has both uses and run", i)
		case s.Uses != "":
			if !regexp.MustCompile(`^[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+`).MatchString(s.Uses) {
				t.Errorf("step %d uses %q: not an action pinned to a major version", i, s.Uses)
			}
		case s.Run != "":
			if s.Shell != "bash" {
				t.Errorf("step %d: a composite action's run step needs shell: bash (has %q)", i, s.Shell)
			}
			if strings.Contains(s.Run, "${{") {
				t.Errorf("step %d puts an expression into its script; pass it through env instead", i)
			}
			if strings.Contains(s.Run, "scripts/action-run.sh") {
				runStepEnv = s.Env
			}
			if strings.Contains(s.Run, "scripts/action-cache-key.sh") {
				keyStepEnv = s.Env
			}
		default:
			t.Errorf("step %d has neither uses nor run", i)
		}
	}
	for _, m := range regexp.MustCompile(`\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`).FindAllStringSubmatch(string(data), -1) {
		if !stepIDs[m[1]] {
			t.Errorf("action.yml refers to steps.%s, which no step has as its id", m[1])
		}
	}
	for _, out := range []string{"exit-code", "errors", "warnings", "infos"} {
		if o, ok := action.Outputs[out]; !ok || o.Description == "" || o.Value == "" {
			t.Errorf("action.yml lacks the output %s (with a description and a value)", out)
		}
	}
	// Every output the script writes is declared, and the other way round.
	script, err := os.ReadFile(filepath.Join(root, "scripts", "action-run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	written := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*echo "([a-z-]+)=\$`).FindAllStringSubmatch(string(script), -1) {
		written[m[1]] = true
		if _, ok := action.Outputs[m[1]]; !ok {
			t.Errorf("the script writes the output %s, which action.yml does not declare", m[1])
		}
	}
	for name := range action.Outputs {
		if !written[name] {
			t.Errorf("action.yml declares the output %s, which the script does not write", name)
		}
	}
	// Every variable the script reads from the action is passed to it.
	if runStepEnv == nil {
		t.Fatalf("no step runs scripts/action-run.sh")
	}
	for _, m := range regexp.MustCompile(`\$\{?(INPUT_[A-Z_]+|DPLINT)\b`).FindAllStringSubmatch(string(script), -1) {
		if _, ok := runStepEnv[m[1]]; !ok {
			t.Errorf("the script reads %s, which the run step's env does not set", m[1])
		}
	}
	// The cache key's script gets what it reads, and the restore and save
	// steps share its key and the build's directory.
	if keyStepEnv == nil {
		t.Fatalf("no step runs scripts/action-cache-key.sh")
	}
	for _, v := range []string{"ACTION_PATH", "ACTION_REF", "DPLINT_VERSION"} {
		if _, ok := keyStepEnv[v]; !ok {
			t.Errorf("the cache key's step does not set %s", v)
		}
	}
	var cacheWith []map[string]string
	for _, s := range action.Runs.Steps {
		if strings.HasPrefix(s.Uses, "actions/cache/") {
			cacheWith = append(cacheWith, s.With)
			if !strings.Contains(s.If, "steps.key.outputs.key != ''") {
				t.Errorf("%s runs without a key (if: %q)", s.Uses, s.If)
			}
		}
	}
	if len(cacheWith) != 2 || cacheWith[0]["key"] != "${{ steps.key.outputs.key }}" || cacheWith[0]["key"] != cacheWith[1]["key"] ||
		cacheWith[0]["path"] != cacheWith[1]["path"] || !strings.Contains(cacheWith[0]["path"], "dplint-bin") {
		t.Errorf("want actions/cache/restore and actions/cache/save on the same key and the build's directory: %v", cacheWith)
	}
}

// TestActionExampleWorkflow runs actionlint on the example workflow. It uses
// the action as `./`, so actionlint also checks its inputs and outputs
// against action.yml.
func TestActionExampleWorkflow(t *testing.T) {
	actionlint := testenv.Tool(t, "actionlint")
	root := testenv.RepoRoot(t)
	const workflow = ".github/workflows/dplint-example.yml"
	data, err := os.ReadFile(filepath.Join(root, workflow))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"uses: ./", "github/codeql-action/upload-sarif@", "sarif-file:", "pull_request"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s does not contain %q", workflow, want)
		}
	}
	cmd := exec.Command(actionlint, "-no-color", workflow)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint %s: %v\n%s", workflow, err, out)
	}
}

// TestActionComposite runs action.yml's own run steps as the runner does
// (bash --noprofile --norc -eo pipefail, expressions filled in, a
// GITHUB_OUTPUT per step), the setup-go steps left out since Go is here and
// actions/cache/restore and save played by a map of saved directories: the
// key step names the build, the build step builds the action's checkout,
// the run step lints, and the action's outputs come out of the step outputs.
// A second job (a fresh runner.temp) restores the first one's build and
// does not build again.
func TestActionComposite(t *testing.T) {
	bash := testenv.Tool(t, "bash")
	testenv.Tool(t, "jq")
	root := inRepoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action compositeAction
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	cache := map[string]string{} // key -> the directory saved under it
	first := runComposite(t, bash, root, &action, cache)
	if len(cache) != 1 {
		t.Fatalf("the first job saved %d builds, want 1 (key %q)", len(cache), first.steps["key"]["key"])
	}
	if strings.Contains(first.logs["build"], "the cached build") {
		t.Errorf("the first job found a cached build")
	}
	second := runComposite(t, bash, root, &action, cache)
	if second.steps["key"]["key"] != first.steps["key"]["key"] {
		t.Errorf("the key changed between two jobs: %q, %q", first.steps["key"]["key"], second.steps["key"]["key"])
	}
	if second.steps["cache"]["cache-hit"] != "true" || !strings.Contains(second.logs["build"], "the cached build") {
		t.Errorf("the second job built again\n%s", second.logs["build"])
	}
	if !strings.Contains(second.logs["run"], "::error ") && actionHasFormat("github") {
		t.Errorf("the cached build did not lint\n%s", second.logs["run"])
	}
}

type compositeAction struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Steps []struct {
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// compositeJob is what one run of the action's steps left: each step's
// outputs and log, by step id.
type compositeJob struct {
	steps map[string]map[string]string
	logs  map[string]string
}

// runComposite runs the action's steps once, in a job of its own (its own
// runner.temp), and checks the action's outputs.
func runComposite(t *testing.T, bash, root string, action *compositeAction, cache map[string]string) compositeJob {
	t.Helper()
	runnerTemp := t.TempDir()
	sarif := filepath.Join(t.TempDir(), "dplint.sarif")
	with := map[string]string{"path": "testdata/format/multi.json", "sarif-file": sarif}
	if !actionHasFormat("github") {
		with["format"] = "json"
	}
	job := compositeJob{steps: map[string]map[string]string{}, logs: map[string]string{}}
	expr := regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	fill := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			e := expr.FindStringSubmatch(m)[1]
			parts := strings.Split(e, ".")
			switch {
			case e == "github.action_path":
				return root
			case e == "github.action_ref":
				return "" // a local action (uses: ./) has none
			case e == "runner.temp":
				return runnerTemp
			case len(parts) == 2 && parts[0] == "inputs":
				in, ok := action.Inputs[parts[1]]
				if !ok {
					t.Fatalf("action.yml uses %s, which it does not declare", e)
				}
				if v, ok := with[parts[1]]; ok {
					return v
				}
				return in.Default
			case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
				return job.steps[parts[1]][parts[3]]
			}
			t.Fatalf("action.yml: no value for the expression %s in this test", m)
			return ""
		})
	}
	lastCode := -1
	for i, step := range action.Runs.Steps {
		if step.Uses != "" {
			// actions/setup-go: Go is on PATH already; the cache's
			// restore and save are played here.
			cacheStep(t, step.Uses, fill(step.With["key"]), fill(step.With["path"]), cache, job.steps, step.ID)
			continue
		}
		dir := t.TempDir()
		script := filepath.Join(dir, "step.sh")
		if err := os.WriteFile(script, []byte(fill(step.Run)), 0o644); err != nil {
			t.Fatal(err)
		}
		outputs := filepath.Join(dir, "output")
		set := []string{"GITHUB_OUTPUT=" + outputs, "GITHUB_STEP_SUMMARY=" + filepath.Join(dir, "summary"), "RUNNER_TEMP=" + runnerTemp,
			"RUNNER_OS=Linux", "RUNNER_ARCH=X64"}
		for k, v := range step.Env {
			set = append(set, k+"="+fill(v))
		}
		cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = root // the workspace
		cmd.Env = actionEnv(os.Environ(), nil, set...)
		out, err := cmd.CombinedOutput()
		lastCode = 0
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			lastCode = exit.ExitCode()
		case err != nil:
			t.Fatalf("step %d: %v", i, err)
		}
		t.Logf("step %d (%s): exit %d\n%s", i, step.ID, lastCode, out)
		job.logs[step.ID] = string(out)
		job.steps[step.ID] = map[string]string{}
		if text, err := os.ReadFile(outputs); err == nil {
			for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					job.steps[step.ID][k] = v
				}
			}
		}
		if lastCode != 0 && step.ID != "run" {
			t.Fatalf("step %d (%s) failed", i, step.ID)
		}
	}
	if lastCode != 1 {
		t.Errorf("the run step exited %d, want 1 (findings)", lastCode)
	}
	if job.steps["key"]["key"] == "" {
		t.Errorf("no cache key for a build of the action's checkout")
	}
	counts := actionSeverityCounts(t, "testdata/format/multi.json")
	want := actionCountOutputs(1, counts)
	want["sarif-file"] = sarif
	for name, o := range action.Outputs {
		if got := fill(o.Value); got != want[name] {
			t.Errorf("the action's output %s = %q, want %q", name, got, want[name])
		}
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("no SARIF file: %v", err)
	}
	return job
}

// cacheStep plays actions/cache/restore and actions/cache/save as action.yml
// calls them (each only with a key; save only on a miss): a restore copies
// the directory saved under the key into path and says cache-hit; a save
// keeps a copy of path under the key, which is never overwritten.
func cacheStep(t *testing.T, uses, key, path string, cache map[string]string, steps map[string]map[string]string, id string) {
	t.Helper()
	switch {
	case strings.HasPrefix(uses, "actions/setup-go@"):
	case strings.HasPrefix(uses, "actions/cache/restore@"):
		steps[id] = map[string]string{}
		if saved, ok := cache[key]; ok && key != "" {
			copyDir(t, saved, path)
			steps[id]["cache-hit"] = "true"
		}
	case strings.HasPrefix(uses, "actions/cache/save@"):
		if key == "" || steps["cache"]["cache-hit"] == "true" {
			return
		}
		if _, ok := cache[key]; !ok {
			saved := t.TempDir()
			copyDir(t, path, saved)
			cache[key] = saved
		}
	default:
		t.Fatalf("action.yml uses %s, which this test does not play", uses)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}
