package awsfake_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/testenv"
)

// TestCLIMatchesTheProcess holds the kept-running CLI to what a new aws
// process does: for commands that end every way the tests rely on (a
// request sent and its answer printed, the translator's refusal, Python's
// JSON error, botocore's parameter validation, a service exception, an
// argument error, a relative file:// path), stdout, stderr, the exit code
// and the requests sent must be the same. One kept-running worker runs them
// all twice, the second time in reverse order, so state left by one command
// would show in the next.
func TestCLIMatchesTheProcess(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"objects": [{"id": "Default", "name": "Default", "scheduleType": "ondemand", "failureAndRerunMode": "CASCADE"},
  {"id": "Hello", "type": "ShellCommandActivity", "command": "echo hi", "workerGroup": ["a", "b"], "parent": {"ref": "Default"}}],
 "parameters": [{"id": "myX", "type": "String", "default": "x"}], "values": {"myX": ["1", "2"]}}`)
	noID := write("no-id.json", `{"objects": [{"name": "Default"}]}`)
	broken := write("broken.json", "{\"objects\": [\n  {\"id\": \"A\"}\n  {\"id\": \"B\"}]}")
	number := write("number.json", `{"objects": [{"id": "A", "name": "A", "maximumRetries": 3}]}`)
	unicode := write("unicode.json", `{"objects": [{"id": "Ünïcode ✓", "name": "x"}]}`)
	type call struct {
		name  string
		args  []string
		op    string // the operation reply answers
		reply *awsfake.Reply
		cwd   string
	}
	put := func(file string) []string {
		return []string{"datapipeline", "put-pipeline-definition", "--pipeline-id", "df-TEST", "--pipeline-definition", "file://" + file}
	}
	calls := []call{
		{name: "sent", args: put(good)},
		{name: "sent with unicode", args: put(unicode)},
		{name: "translator refusal", args: put(noID)},
		{name: "json error", args: put(broken)},
		{name: "parameter validation", args: put(number)},
		{name: "service exception", args: put(good), op: "PutPipelineDefinition", reply: &awsfake.Reply{Status: 400,
			Body: `{"__type": "InvalidRequestException", "message": "Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline"}`}},
		{name: "argument error", args: []string{"datapipeline", "put-pipeline-definition", "--no-such-flag"}},
		{name: "answer printed", args: []string{"datapipeline", "get-pipeline-definition", "--pipeline-id", "df-TEST"},
			op: "GetPipelineDefinition", reply: &awsfake.Reply{Status: 200, Body: `{"pipelineObjects": [{"id": "Default", "name": "Default", "fields": [{"key": "a", "stringValue": "ü"}]}]}`}},
		{name: "relative path", args: put("good.json"), cwd: dir},
	}
	do := func(t *testing.T, c call, run func(*awsfake.Server) (string, string, int)) (string, string, int, [][]byte) {
		if c.cwd != "" {
			t.Chdir(c.cwd)
		}
		srv := awsfake.New(t)
		if c.reply != nil {
			srv.Reply(c.op, *c.reply)
		}
		stdout, stderr, code := run(srv)
		var bodies [][]byte
		for _, r := range srv.Requests() {
			bodies = append(bodies, r.Body)
		}
		return stdout, stderr, code, bodies
	}
	// What a new process does, once per case, in parallel.
	type outcome struct {
		stdout, stderr string
		code           int
		requests       [][]byte
	}
	want := make([]outcome, len(calls))
	t.Run("process", func(t *testing.T) {
		for i, c := range calls {
			t.Run(c.name, func(t *testing.T) {
				if c.cwd == "" {
					t.Parallel() // a case with its own working directory runs alone
				}
				o := &want[i]
				o.stdout, o.stderr, o.code, o.requests = do(t, c, func(s *awsfake.Server) (string, string, int) { return s.RunCLI(t, aws, c.args...) })
			})
		}
	})
	if w := want[0]; w.code != 0 || len(w.requests) != 1 {
		t.Fatalf("the first case should send one request and exit 0: exit %d, %d requests, stderr %q", w.code, len(w.requests), w.stderr)
	}
	kept := awsfake.NewCLI(t, aws, 1)
	order := make([]int, 0, 2*len(calls))
	for i := range calls {
		order = append(order, i)
	}
	order = append(order, reversed(order)...)
	for run, i := range order {
		c, w := calls[i], want[i]
		t.Run("kept/"+c.name, func(t *testing.T) {
			stdout, stderr, code, requests := do(t, c, func(s *awsfake.Server) (string, string, int) { return kept.Run(t, s, c.args...) })
			if stdout != w.stdout || stderr != w.stderr || code != w.code {
				t.Errorf("run %d: kept-running CLI differs from a new process\n got exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr %q",
					run, code, stdout, stderr, w.code, w.stdout, w.stderr)
			}
			if len(requests) != len(w.requests) {
				t.Fatalf("run %d: %d requests, a new process sent %d", run, len(requests), len(w.requests))
			}
			for j := range w.requests {
				if !bytes.Equal(requests[j], w.requests[j]) {
					t.Errorf("run %d: request %d differs\n got %s\nwant %s", run, j, requests[j], w.requests[j])
				}
			}
		})
	}
}

func reversed[T any](s []T) []T {
	out := make([]T, 0, len(s))
	for i := len(s) - 1; i >= 0; i-- {
		out = append(out, s[i])
	}
	return out
}
