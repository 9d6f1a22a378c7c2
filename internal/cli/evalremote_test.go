package cli_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/cli"
)

// evalReply is the pipeline's definition as GetPipelineDefinition gives
// it: a parameter with a value, a masked one, and a field on Default.
const evalReply = `{"pipelineObjects": [
  {"id": "Default", "name": "Default", "fields": [
    {"key": "scheduleType", "stringValue": "ondemand"},
    {"key": "myDir", "stringValue": "s3://bucket/out"}]},
  {"id": "Cmd", "name": "Cmd", "fields": [
    {"key": "type", "stringValue": "ShellCommandActivity"},
    {"key": "command", "stringValue": "echo #{myGreeting}"}]}],
 "parameterObjects": [
   {"id": "myGreeting", "attributes": [{"key": "type", "stringValue": "String"}, {"key": "default", "stringValue": "hi"}]},
   {"id": "*myPass", "attributes": [{"key": "type", "stringValue": "String"}]}],
 "parameterValues": [{"id": "myGreeting", "stringValue": "hello"}, {"id": "*myPass", "stringValue": "s3cr3t"}]}`

func TestEvalRemote(t *testing.T) {
	evalFake := func(t *testing.T, answer awsfake.Reply) *awsfake.Server {
		t.Helper()
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 200, Body: evalReply})
		fake.Reply("EvaluateExpression", answer)
		return fake
	}

	t.Run("same: exit 0", func(t *testing.T) {
		fake := evalFake(t, awsfake.Reply{Status: 200, Body: `{"evaluatedExpression": "s3://bucket/out/hello"}`})
		text := "#{myDir}/#{myGreeting}"
		out, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Default", "--endpoint-url", fake.URL, text)
		if code != cli.ExitOK {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
		if want := "dplint: s3://bucket/out/hello\nservice: s3://bucket/out/hello\nsame\n"; out != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
		}
		if got := ops(fake); strings.Join(got, ",") != "GetPipelineDefinition,EvaluateExpression" {
			t.Errorf("calls: %v", got)
		}
		reqs := fake.Requests()
		if b := requestBody(t, reqs[0]); !reflect.DeepEqual(b, map[string]any{"pipelineId": "df-EVAL"}) {
			t.Errorf("GetPipelineDefinition request: %v", b)
		}
		want := map[string]any{"pipelineId": "df-EVAL", "objectId": "Default", "expression": text}
		if b := requestBody(t, reqs[1]); !reflect.DeepEqual(b, want) {
			t.Errorf("EvaluateExpression request: %v", b)
		}
	})

	t.Run("different: a differ line, exit 1", func(t *testing.T) {
		fake := evalFake(t, awsfake.Reply{Status: 200, Body: `{"evaluatedExpression": "hi"}`})
		out, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Cmd", "--endpoint-url", fake.URL, "#{myGreeting}")
		if code != cli.ExitFindings {
			t.Errorf("exit %d, want 1\n%s\n%s", code, out, errOut)
		}
		if want := "dplint: hello\nservice: hi\ndiffer: dplint and the service evaluate TEXT differently\n"; out != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
		}
	})

	t.Run("dplint cannot evaluate offline, the service can: differ, exit 1", func(t *testing.T) {
		fake := evalFake(t, awsfake.Reply{Status: 200, Body: `{"evaluatedExpression": "2024-01-02T03:04:05"}`})
		out, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Default", "--endpoint-url", fake.URL, "#{@actualStartTime}")
		if code != cli.ExitFindings {
			t.Errorf("exit %d, want 1\n%s\n%s", code, out, errOut)
		}
		for _, want := range []string{"dplint: (error: cannot be evaluated offline: ", "service: 2024-01-02T03:04:05\n", "differ: dplint could not evaluate TEXT, the service could\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("stdout lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("a masked value is not shown", func(t *testing.T) {
		fake := evalFake(t, awsfake.Reply{Status: 200, Body: `{"evaluatedExpression": "s3cr3t"}`})
		out, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Default", "--endpoint-url", fake.URL, "#{*myPass}")
		if code != cli.ExitOK || strings.Contains(out+errOut, "s3cr3t") || !strings.Contains(out, "not compared") {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
	})

	t.Run("EvaluateExpression fails: exit 3", func(t *testing.T) {
		fake := evalFake(t, awsfake.Reply{Status: 400, Body: `{"__type": "TaskNotFoundException", "message": "Object Default not found"}`})
		out, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Default", "--endpoint-url", fake.URL, "#{myGreeting}")
		if code != cli.ExitFailed {
			t.Errorf("exit %d, want 3\n%s\n%s", code, out, errOut)
		}
		if !strings.Contains(errOut, "dplint: eval: --remote: An error occurred (TaskNotFoundException) when calling the EvaluateExpression operation") {
			t.Errorf("stderr: %s", errOut)
		}
	})

	t.Run("the pipeline cannot be pulled: exit 3, nothing evaluated", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 400, Body: `{"__type": "PipelineNotFoundException", "message": "Pipeline with id: df-NOPE does not exist."}`})
		_, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-NOPE", "--object", "Default", "--endpoint-url", fake.URL, "#{myGreeting}")
		if code != cli.ExitFailed || !strings.Contains(errOut, "PipelineNotFoundException") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if fake.Count("EvaluateExpression") != 0 {
			t.Error("evaluated anyway")
		}
	})

	t.Run("an object the pipeline lacks: exit 2, not asked", func(t *testing.T) {
		fake := evalFake(t, awsfake.Reply{Status: 200, Body: `{"evaluatedExpression": "x"}`})
		_, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Nope", "--endpoint-url", fake.URL, "#{myGreeting}")
		if code != cli.ExitUsage || !strings.Contains(errOut, `pipeline df-EVAL has no object "Nope"`) {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if fake.Count("EvaluateExpression") != 0 {
			t.Error("evaluated anyway")
		}
	})

	t.Run("no credentials: exit 2 before any call", func(t *testing.T) {
		awsfake.Isolate(t)
		t.Setenv("AWS_REGION", "us-east-1")
		fake := awsfake.New(t)
		_, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", "df-EVAL", "--object", "Default", "--endpoint-url", fake.URL, "#{myGreeting}")
		if code != cli.ExitUsage || !strings.Contains(errOut, "no AWS credentials found") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if n := fake.Count(""); n != 0 {
			t.Errorf("%d calls", n)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no pipeline id", []string{"eval", "--remote", "--object", "Default", "x"}, "--remote needs --pipeline-id and --object"},
		{"no object", []string{"eval", "--remote", "--pipeline-id", "df-1", "x"}, "--remote needs --pipeline-id and --object"},
		{"remote flags without --remote", []string{"eval", "--pipeline-id", "df-1", "x"}, "go with --remote"},
		{"with --file", []string{"eval", "--remote", "--pipeline-id", "df-1", "--object", "Default", "--file", "a.json", "x"}, "--remote and --file: give one"},
		{"with --param", []string{"eval", "--remote", "--pipeline-id", "df-1", "--object", "Default", "--param", "a=b", "x"}, "--param does not go with --remote"},
		{"two texts", []string{"eval", "--remote", "--pipeline-id", "df-1", "--object", "Default", "x", "y"}, "exactly one TEXT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, "", tc.args...)
			if code != cli.ExitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q, want %q", code, errOut, tc.want)
			}
		})
	}
}
