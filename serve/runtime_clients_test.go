package serve

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/testenv"
)

// runBoto3 runs a script of testdata with the machine's Python and boto3,
// away from the machine's AWS setup, and returns what it printed.
func runBoto3(t *testing.T, script string, args ...string) string {
	t.Helper()
	python := testenv.Tool(t, "python3")
	if err := exec.Command(python, "-c", "import boto3").Run(); err != nil {
		testenv.Missing(t, "boto3 is not installed for "+python)
	}
	cmd := exec.Command(python, append([]string{filepath.Join("testdata", script)}, args...)...)
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("%s: %v\n%s", script, err, ee.Stderr)
	} else if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// TestBoto3TaskRunner: a task runner written with boto3 polls, reports
// progress and heartbeats, fails a first attempt and finishes the retry
// (retryDelay 2 minutes: the test's clock is manual and moved between
// the runner's passes), and queries what ran.
func TestBoto3TaskRunner(t *testing.T) {
	clock := NewManualClock(fixed)
	ts := start(t, Options{Clock: clock})
	id := ts.activated("runner", "runtime-ondemand.json")
	runner := func() string { return runBoto3(t, "boto3_taskrunner.py", ts.URL, id, "wg") }
	first := runner()
	want := `{"attempts": 1, "finished": [], "missing": "TaskNotFoundException", "seen": [{"attempt": "@Hello_1_Attempt=1", "command": "echo world 2026-03-01T12:00:00", "failed": true, "terminate": false}]}`
	if first != want {
		t.Errorf("first pass:\n got %s\nwant %s", first, want)
	}
	clock.Advance(10 * time.Minute) // the default retryDelay
	second := runner()
	want = `{"attempts": 2, "finished": ["@Hello_1"], "missing": "TaskNotFoundException", "seen": [{"attempt": "@Hello_1_Attempt=2", "command": "echo world 2026-03-01T12:00:00", "failed": false, "terminate": false}]}`
	if second != want {
		t.Errorf("second pass:\n got %s\nwant %s", second, want)
	}
}

// TestAWSCLIRuntime: the AWS CLI's task-runner and query commands against
// a running pipeline.
func TestAWSCLIRuntime(t *testing.T) {
	// The real clock: list-runs asks for runs started in the last 4 days
	// of the machine's time.
	ts := start(t, Options{Now: time.Now})
	cli := newAWSCLI(t, ts)
	id := ts.activated("cli-run", "runtime-ondemand.json")
	task := cli.json("poll-for-task", "--worker-group", "wg", "--hostname", "cli-host")["taskObject"].(map[string]any)
	taskID := task["taskId"].(string)
	if task["attemptId"] != "@Hello_1_Attempt=1" {
		t.Fatalf("poll-for-task: %v", task)
	}
	if out := cli.json("report-task-progress", "--task-id", taskID); out["canceled"] != false {
		t.Errorf("report-task-progress: %v", out)
	}
	if out := cli.json("report-task-runner-heartbeat", "--taskrunner-id", "r1", "--worker-group", "wg"); out["terminate"] != false {
		t.Errorf("report-task-runner-heartbeat: %v", out)
	}
	running := cli.json("query-objects", "--pipeline-id", id, "--sphere", "INSTANCE",
		"--objects-query", `{"selectors": [{"fieldName": "@status", "operator": {"type": "EQ", "values": ["RUNNING"]}}]}`)
	if ids := running["ids"].([]any); len(ids) != 1 || ids[0] != "@Hello_1" {
		t.Errorf("query-objects RUNNING: %v", running)
	}
	cli.run("set-task-status", "--task-id", taskID, "--task-status", "FINISHED")
	if errOut := cli.fails("set-task-status", "--task-id", taskID, "--task-status", "FINISHED"); !strings.Contains(errOut, "TaskNotFoundException") {
		t.Errorf("a finished task again: %s", errOut)
	}
	described := cli.json("describe-objects", "--pipeline-id", id, "--object-ids", "@Hello_1", "--evaluate-expressions")
	if f := fields(t, described["pipelineObjects"].([]any)[0].(map[string]any)["fields"]); f["@status"][0] != "FINISHED" || !strings.HasPrefix(f["command"][0], "echo world 20") {
		t.Errorf("describe-objects: %v", f)
	}
	// list-runs is the CLI's own QueryObjects client: it lists the run.
	if out := cli.run("list-runs", "--pipeline-id", id); !strings.Contains(out, "Hello") || !strings.Contains(out, "FINISHED") {
		t.Errorf("list-runs:\n%s", out)
	}
}

// TestBoto3Scenarios: the runtime's scenarios (backfill, retry then
// failure with its alarm, a precondition FALSE then true, a quiet runner,
// a cascade) driven by boto3 against a server on a manual clock.
func TestBoto3Scenarios(t *testing.T) {
	ts := start(t, Options{Clock: NewManualClock(fixed)})
	dir := t.TempDir()
	var paths []string
	for _, f := range []string{"runtime-daily.json", "runtime-chain.json"} {
		p := filepath.Join(dir, f)
		if err := os.WriteFile(p, []byte(jsonText(apiForm(t, f))), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := runBoto3(t, "boto3_scenarios.py", append([]string{ts.URL}, paths...)...)
	want := `{"backfill": ["report 2026-02-26", "report 2026-02-27", "report 2026-02-28", "report 2026-03-01"], ` +
		`"cascade": ["@Load_1"], "check": "@Extract_1_Ready_Attempt=1", "clock": "2026-03-02T12:00:00Z", "extract_before_check": false, ` +
		`"failed": ["@Report_2026-03-02T00:00:00"], "handed_again": true, "lost_task": "TaskNotFoundException", ` +
		`"next_day": "report 2026-03-02", "outbox": ["Report failed"], "retry": "@Report_2026-03-02T00:00:00_Attempt=2", ` +
		`"retry_before_delay": false, "second_check": "@Extract_1_Ready_Attempt=2"}`
	if got := out; got != want {
		t.Errorf("boto3 scenarios:\n got %s\nwant %s", got, want)
	}
}
