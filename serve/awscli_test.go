package serve

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/testenv"
)

// awsCLI runs the real AWS CLI v1 against a server.
type awsCLI struct {
	t   *testing.T
	cli *awsfake.CLI
	at  *awsfake.Server // only its URL: the CLI is pointed there
}

func newAWSCLI(t *testing.T, ts *testServer) *awsCLI {
	aws := testenv.Tool(t, "aws")
	return &awsCLI{t: t, cli: awsfake.NewCLI(t, aws, 1), at: &awsfake.Server{URL: ts.URL}}
}

// run runs `aws datapipeline ARGS` and returns its stdout, failing the
// test when it does not exit 0.
func (a *awsCLI) run(args ...string) string {
	a.t.Helper()
	out, errOut, code := a.cli.Run(a.t, a.at, append([]string{"datapipeline"}, args...)...)
	if code != 0 {
		a.t.Fatalf("aws datapipeline %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// fails runs a command that must fail and returns its stderr.
func (a *awsCLI) fails(args ...string) string {
	a.t.Helper()
	_, errOut, code := a.cli.Run(a.t, a.at, append([]string{"datapipeline"}, args...)...)
	if code == 0 {
		a.t.Fatalf("aws datapipeline %s succeeded", strings.Join(args, " "))
	}
	return errOut
}

func (a *awsCLI) json(args ...string) map[string]any {
	a.t.Helper()
	out := a.run(args...)
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		a.t.Fatalf("aws datapipeline %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
	return m
}

func fileURL(t *testing.T, name string) string {
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + p
}

// Every operation of the control plane, through the AWS CLI, with the
// CLI's own file handling (file://, --parameter-objects,
// --parameter-values), its paginators and its error output.
func TestAWSCLI(t *testing.T) {
	ts := start(t, Options{PageSize: 2})
	aws := newAWSCLI(t, ts)

	id := aws.json("create-pipeline", "--name", "nightly", "--unique-id", "nightly-1", "--tags", "key=team,value=data")["pipelineId"].(string)
	put := aws.json("put-pipeline-definition", "--pipeline-id", id,
		"--pipeline-definition", fileURL(t, "scheduled.json"),
		"--parameter-objects", fileURL(t, "parameters.json"),
		"--parameter-values-uri", fileURL(t, "values.json"))
	if put["errored"] != false {
		t.Fatalf("put: %v", put)
	}
	got := aws.json("get-pipeline-definition", "--pipeline-id", id)
	if jsonText(got["values"]) != `{"myGreeting":"good morning"}` || !strings.Contains(jsonText(got["parameters"]), `"description":"what Greet says"`) {
		t.Fatalf("get-pipeline-definition: %s", jsonText(got))
	}
	if objs := got["objects"].([]any); len(objs) != 4 {
		t.Fatalf("get-pipeline-definition objects: %s", jsonText(objs))
	}

	// --parameter-values in key=value form.
	other := aws.json("create-pipeline", "--name", "other", "--unique-id", "other-1")["pipelineId"].(string)
	aws.run("put-pipeline-definition", "--pipeline-id", other, "--pipeline-definition", fileURL(t, "scheduled.json"),
		"--parameter-values", "myGreeting=howdy")
	if v := aws.json("get-pipeline-definition", "--pipeline-id", other)["values"]; jsonText(v) != `{"myGreeting":"howdy"}` {
		t.Fatalf("values from key=value: %v", v)
	}

	bad := aws.json("validate-pipeline-definition", "--pipeline-id", id, "--pipeline-objects", jsonText(apiForm(t, "broken.json")["pipelineObjects"]))
	if bad["errored"] != true || !strings.Contains(jsonText(bad["validationErrors"]), "NoSuchResource") {
		t.Fatalf("validate: %v", bad)
	}

	for _, n := range []string{"a", "b", "c"} {
		aws.run("create-pipeline", "--name", n, "--unique-id", n)
	}
	list := aws.json("list-pipelines")["pipelineIdList"].([]any)
	if len(list) != 5 {
		t.Fatalf("list-pipelines across pages (2 a page) found %d of 5: %v", len(list), list)
	}

	desc := aws.json("describe-pipelines", "--pipeline-ids", id)["pipelineDescriptionList"].([]any)[0].(map[string]any)
	if f := fields(t, desc["fields"]); f["@pipelineState"][0] != "PENDING" || f["uniqueId"][0] != "nightly-1" {
		t.Fatalf("describe-pipelines: %v", f)
	}

	aws.run("activate-pipeline", "--pipeline-id", id, "--parameter-values", "myGreeting=hi", "--start-timestamp", "2030-01-01T00:00:00Z")
	if v := aws.json("get-pipeline-definition", "--pipeline-id", id, "--pipeline-version", "active")["values"]; jsonText(v) != `{"myGreeting":"hi"}` {
		t.Fatalf("active values: %v", v)
	}
	objs := aws.json("describe-objects", "--pipeline-id", id, "--object-ids", "Greet", "--evaluate-expressions")["pipelineObjects"].([]any)
	if f := fields(t, objs[0].(map[string]any)["fields"]); f["command"][0] != "echo hi on 2030-01-01" {
		t.Fatalf("describe-objects --evaluate-expressions: %v", f["command"])
	}
	q := aws.json("query-objects", "--pipeline-id", id, "--sphere", "COMPONENT",
		"--objects-query", `{"selectors": [{"fieldName": "type", "operator": {"type": "EQ", "values": ["Schedule"]}}]}`)
	if jsonText(q["ids"]) != `["Daily"]` {
		t.Fatalf("query-objects: %v", q)
	}
	ev := aws.json("evaluate-expression", "--pipeline-id", id, "--object-id", "Greet", "--expression", "#{myGreeting} from #{runsOn.instanceType}")
	if ev["evaluatedExpression"] != "hi from t3.micro" {
		t.Fatalf("evaluate-expression: %v", ev)
	}
	aws.run("set-status", "--pipeline-id", id, "--object-ids", "Greet", "--status", "PAUSE")
	aws.run("add-tags", "--pipeline-id", id, "--tags", "key=owner,value=me")
	aws.run("remove-tags", "--pipeline-id", id, "--tag-keys", "team")
	desc = aws.json("describe-pipelines", "--pipeline-ids", id)["pipelineDescriptionList"].([]any)[0].(map[string]any)
	if jsonText(desc["tags"]) != `[{"key":"owner","value":"me"}]` || fields(t, desc["fields"])["@pipelineState"][0] != "SCHEDULED" {
		t.Fatalf("after tags and activation: %s", jsonText(desc))
	}
	// The CLI's own list-runs asks for instances: a pipeline that never ran has none.
	if out := aws.run("list-runs", "--pipeline-id", id); strings.TrimSpace(out) != "[]" {
		t.Fatalf("list-runs: %q", out)
	}
	aws.run("deactivate-pipeline", "--pipeline-id", id, "--no-cancel-active")
	aws.run("delete-pipeline", "--pipeline-id", id)
	if msg := aws.fails("describe-pipelines", "--pipeline-ids", id); !strings.Contains(msg, "An error occurred (PipelineDeletedException) when calling the DescribePipelines operation: ") {
		t.Fatalf("describe of a deleted pipeline: %s", msg)
	}
	if msg := aws.fails("create-pipeline", "--name", "x", "--unique-id", "y\x01"); !strings.Contains(msg, "(ValidationException)") || !strings.Contains(msg, "1 validation error detected: Value 'y") {
		t.Fatalf("a control character in uniqueId: %s", msg)
	}
}
