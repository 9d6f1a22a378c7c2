package cli_test

import (
	"encoding/json"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/cli"
)

const fakeAnswer = `{"errored": true,
 "validationErrors": [{"id": "SayHello", "errors": ["an error only the service makes"]}],
 "validationWarnings": [{"id": "Worker", "warnings": ["No policy attached to the role - unable to validate policy for 'DataPipelineDefaultResourceRole'"]}]}`

func ops(s *awsfake.Server) []string {
	var out []string
	for _, r := range s.Requests() {
		out = append(out, r.Operation)
	}
	return out
}

// TestRemoteLint drives lint --remote end to end: the real SDK client
// against a recording fake of the endpoint.
func TestRemoteLint(t *testing.T) {
	inRepoRoot(t)
	file := "testdata/ok/hello-ondemand.json"

	t.Run("scratch pipeline created, validated against, deleted", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-SCRATCH"}`})
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: fakeAnswer})
		fake.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: `{}`})
		out, errOut, code := run(t, "", "lint", "--oneline", "--remote", "--endpoint-url", fake.URL, file)
		if code != cli.ExitFindings {
			t.Errorf("exit %d, want 1\n%s\n%s", code, out, errOut)
		}
		for _, want := range []string{
			file + ":20:13: error: an error only the service makes [DP8001 remote-error]",
			file + ":13:13: warning: No policy attached to the role - unable to validate policy for 'DataPipelineDefaultResourceRole' [DP8002 remote-warning]",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("stdout lacks %q:\n%s", want, out)
			}
		}
		for _, want := range []string{
			"dplint: remote: " + file + `: an account check only the service makes: warning on "Worker"`,
			"dplint: remote: " + file + ": the service and dplint disagree",
			`the service said, dplint did not: error on "SayHello": an error only the service makes`,
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
		}
		if got := strings.Join(ops(fake), ","); got != "CreatePipeline,ValidatePipelineDefinition,DeletePipeline" {
			t.Errorf("calls: %s", got)
		}
		for _, r := range fake.Requests() {
			var body map[string]any
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatalf("%s body: %v", r.Operation, err)
			}
			if r.Operation == "ValidatePipelineDefinition" {
				if body["pipelineId"] != "df-SCRATCH" {
					t.Errorf("validated against %v", body["pipelineId"])
				}
				if objs, _ := body["pipelineObjects"].([]any); len(objs) != 3 {
					t.Errorf("sent %d objects, want 3", len(objs))
				}
			}
			if r.Operation == "DeletePipeline" && body["pipelineId"] != "df-SCRATCH" {
				t.Errorf("deleted %v", body["pipelineId"])
			}
		}
	})

	t.Run("existing pipeline: no pipeline created or deleted", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		_, errOut, code := run(t, "", "lint", "--oneline", "--remote", "--pipeline-id", "df-EXISTING", "--endpoint-url", fake.URL, file)
		if code != cli.ExitOK || !strings.Contains(errOut, "the service and dplint agree") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if got := strings.Join(ops(fake), ","); got != "ValidatePipelineDefinition" {
			t.Errorf("calls: %s", got)
		}
		if b := string(fake.Requests()[0].Body); !strings.Contains(b, `"pipelineId":"df-EXISTING"`) {
			t.Errorf("body: %s", b)
		}
	})

	t.Run("a service error fails the file (exit 3) and keeps the findings", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 400,
			Body: `{"__type": "PipelineNotFoundException", "message": "Pipeline with id: df-NOPE does not exist."}`})
		out, errOut, code := run(t, "", "lint", "--remote", "--pipeline-id", "df-NOPE", "--endpoint-url", fake.URL, file)
		if code != cli.ExitFailed {
			t.Errorf("exit %d, want 3", code)
		}
		if !strings.Contains(errOut, "PipelineNotFoundException") || !strings.Contains(errOut, "df-NOPE does not exist") {
			t.Errorf("stderr: %s", errOut)
		}
		if !strings.Contains(out, "in 1 file; 1 file not checked in full") {
			t.Errorf("stdout: %s", out)
		}
	})

	t.Run("no credentials: exit 2 before any call", func(t *testing.T) {
		awsfake.Isolate(t)
		t.Setenv("AWS_REGION", "us-east-1")
		fake := awsfake.New(t)
		_, errOut, code := run(t, "", "lint", "--remote", "--endpoint-url", fake.URL, file)
		if code != cli.ExitUsage || !strings.Contains(errOut, "dplint: remote: no AWS credentials found") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if n := fake.Count(""); n != 0 {
			t.Errorf("%d calls", n)
		}
	})

	t.Run("invalid JSON is not sent", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		_, errOut, code := run(t, "", "lint", "--remote", "--endpoint-url", fake.URL, "rules/testdata/DP0001/missing-comma.json")
		if code != cli.ExitFindings || !strings.Contains(errOut, "not sent to the service: the file is not valid JSON") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if n := fake.Count(""); n != 0 {
			t.Errorf("%d calls", n)
		}
	})

	t.Run("Ctrl-C during validation still deletes the scratch pipeline", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-SCRATCH"}`})
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: fakeAnswer, Delay: 30 * time.Second})
		fake.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: `{}`})
		go func() {
			// Interrupt only once the request is in flight: dplint is then
			// listening for the signal (before, it would end the test binary).
			for fake.Count("ValidatePipelineDefinition") == 0 {
				time.Sleep(5 * time.Millisecond)
			}
			_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
		}()
		start := time.Now()
		_, errOut, code := run(t, "", "lint", "--oneline", "--remote", "--endpoint-url", fake.URL, file)
		if code != cli.ExitFailed || !strings.Contains(errOut, "ValidatePipelineDefinition") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if time.Since(start) > 20*time.Second {
			t.Errorf("the interrupt did not stop the call")
		}
		if got := strings.Join(ops(fake), ","); got != "CreatePipeline,ValidatePipelineDefinition,DeletePipeline" {
			t.Errorf("calls: %s", got)
		}
	})

	t.Run("--remote-strict: a disagreement is exit 1, agreement exit 0", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200,
			Body: `{"errored": false, "validationErrors": [], "validationWarnings": [{"id": "Worker", "warnings": ["a warning only the service gives"]}]}`})
		_, errOut, code := run(t, "", "lint", "--remote", "--remote-strict", "--fail-level", "error", "--pipeline-id", "df-X", "--endpoint-url", fake.URL, file)
		if code != cli.ExitFindings || !strings.Contains(errOut, "--remote-strict: the service and dplint disagree") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: `{"errored": false, "validationErrors": [], "validationWarnings": []}`})
		_, errOut, code = run(t, "", "lint", "--remote", "--remote-strict", "--pipeline-id", "df-X", "--endpoint-url", fake.URL, file)
		if code != cli.ExitOK || strings.Contains(errOut, "--remote-strict") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
	})

	t.Run("--remote-optional: a failed call is a warning", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 400,
			Body: `{"__type": "PipelineNotFoundException", "message": "Pipeline with id: df-NOPE does not exist."}`})
		_, errOut, code := run(t, "", "lint", "--remote", "--remote-optional", "--pipeline-id", "df-NOPE", "--endpoint-url", fake.URL, file)
		if code != cli.ExitOK || !strings.Contains(errOut, "dplint: warning: remote: ") || !strings.Contains(errOut, "--remote-optional: linted offline only") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
	})

	t.Run("--format aws prints the service's own answer", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: fakeAnswer})
		out, _, code := run(t, "", "lint", "--format", "aws", "--remote", "--pipeline-id", "df-X", "--endpoint-url", fake.URL, file)
		want := `{
    "validationErrors": [
        {
            "id": "SayHello",
            "errors": [
                "an error only the service makes"
            ]
        }
    ],
    "validationWarnings": [
        {
            "id": "Worker",
            "warnings": [
                "No policy attached to the role - unable to validate policy for 'DataPipelineDefaultResourceRole'"
            ]
        }
    ],
    "errored": true
}
`
		if out != want || code != cli.ExitFindings {
			t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, out, want)
		}
	})

	t.Run("--deployed lints what GetPipelineDefinition returns", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 200, Body: `{"pipelineObjects": [
			{"id": "Default", "name": "Default", "fields": [{"key": "scheduleType", "stringValue": "ondemand"}, {"key": "pipelineLogUri", "stringValue": "s3://b/logs/"}]},
			{"id": "Run", "name": "Run", "fields": [{"key": "type", "stringValue": "ShellCommandActivity"}, {"key": "command", "stringValue": "echo hi"}, {"key": "runsOn", "refValue": "Gone"}]}
		], "parameterObjects": [], "parameterValues": []}`})
		out, errOut, code := run(t, "", "lint", "--oneline", "--deployed", "df-LIVE", "--endpoint-url", fake.URL)
		if code != cli.ExitFindings || !strings.Contains(out, "deployed:df-LIVE:") || !strings.Contains(out, "Gone") {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
		}
		if b := string(fake.Requests()[0].Body); !strings.Contains(b, `"pipelineId":"df-LIVE"`) {
			t.Errorf("body: %s", b)
		}
		fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 400,
			Body: `{"__type": "PipelineNotFoundException", "message": "Pipeline with id: df-NOPE does not exist."}`})
		_, errOut, code = run(t, "", "lint", "--oneline", "--deployed", "df-NOPE", "--endpoint-url", fake.URL)
		if code != cli.ExitFailed || !strings.Contains(errOut, "dplint: --deployed df-NOPE: ") || !strings.Contains(errOut, "PipelineNotFoundException") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"strict without a service answer", []string{"lint", "--remote-strict", file}, "--remote-strict goes with"},
		{"optional without --remote", []string{"lint", "--remote-optional", file}, "go with --remote"},
		{"remote flags without --remote", []string{"lint", "--pipeline-id", "df-X", file}, "go with --remote"},
		{"both remote sources", []string{"lint", "--remote", "--remote-response", "x.json", file}, "give one"},
		{"pipeline id with two paths", []string{"lint", "--remote", "--pipeline-id", "df-X", file, file}, "takes one path, not 2"},
		{"bad timeout", []string{"lint", "--remote", "--remote-timeout", "0s", file}, "must be positive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, "", tc.args...)
			if code != cli.ExitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q, want %q", code, errOut, tc.want)
			}
		})
	}
}
