package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/source"
)

// pullReply is a GetPipelineDefinition answer: a repeated key, a ref, a
// parameter and its value.
const pullReply = `{"pipelineObjects": [
  {"id": "Default", "name": "Default", "fields": [
    {"key": "scheduleType", "stringValue": "ondemand"},
    {"key": "failureAndRerunMode", "stringValue": "CASCADE"},
    {"key": "role", "stringValue": "DataPipelineDefaultRole"},
    {"key": "resourceRole", "stringValue": "DataPipelineDefaultResourceRole"},
    {"key": "pipelineLogUri", "stringValue": "s3://bucket/logs/"}]},
  {"id": "Ec2", "name": "Ec2", "fields": [
    {"key": "type", "stringValue": "Ec2Resource"},
    {"key": "terminateAfter", "stringValue": "1 Hour"},
    {"key": "securityGroups", "stringValue": "default"},
    {"key": "securityGroups", "stringValue": "ssh"}]},
  {"id": "Cmd", "name": "Say hello", "fields": [
    {"key": "type", "stringValue": "ShellCommandActivity"},
    {"key": "runsOn", "refValue": "Ec2"},
    {"key": "command", "stringValue": "echo #{myGreeting}"}]}],
 "parameterObjects": [{"id": "myGreeting", "attributes": [{"key": "type", "stringValue": "String"}, {"key": "default", "stringValue": "hi"}]}],
 "parameterValues": [{"id": "myGreeting", "stringValue": "hello"}]}`

// pullWant is pullReply in the CLI file form, as the AWS CLI prints it.
const pullWant = `{
    "objects": [
        {
            "id": "Default",
            "name": "Default",
            "scheduleType": "ondemand",
            "failureAndRerunMode": "CASCADE",
            "role": "DataPipelineDefaultRole",
            "resourceRole": "DataPipelineDefaultResourceRole",
            "pipelineLogUri": "s3://bucket/logs/"
        },
        {
            "id": "Ec2",
            "name": "Ec2",
            "type": "Ec2Resource",
            "terminateAfter": "1 Hour",
            "securityGroups": [
                "default",
                "ssh"
            ]
        },
        {
            "id": "Cmd",
            "name": "Say hello",
            "type": "ShellCommandActivity",
            "runsOn": {
                "ref": "Ec2"
            },
            "command": "echo #{myGreeting}"
        }
    ],
    "parameters": [
        {
            "id": "myGreeting",
            "type": "String",
            "default": "hi"
        }
    ],
    "values": {
        "myGreeting": "hello"
    }
}
`

func requestBody(t *testing.T, r awsfake.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("%s body %q: %v", r.Operation, r.Body, err)
	}
	return m
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lintPulled lints pulled files: findings are fine, a failure is not.
func lintPulled(t *testing.T, paths ...string) {
	t.Helper()
	out, errOut, code := run(t, "", append([]string{"lint", "--oneline"}, paths...)...)
	if code != cli.ExitOK && code != cli.ExitFindings {
		t.Errorf("dplint lint of pulled files: exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out, "DP0001") || strings.Contains(errOut, "not valid JSON") {
		t.Errorf("a pulled file is not valid JSON:\n%s\n%s", out, errOut)
	}
}

func TestPull(t *testing.T) {
	t.Run("pipeline ids: repeated and comma-separated, one failing, the others written, exit 3", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Script("GetPipelineDefinition",
			awsfake.Reply{Status: 200, Body: pullReply},
			awsfake.Reply{Status: 400, Body: `{"__type": "PipelineNotFoundException", "message": "Pipeline with id: df-NOPE does not exist."}`},
			awsfake.Reply{Status: 200, Body: pullReply})
		dir := filepath.Join(t.TempDir(), "new", "dir")
		out, errOut, code := run(t, "", "pull", "--pipeline-id", "df-A,df-NOPE", "--pipeline-id", "df-C", "-o", dir, "--endpoint-url", fake.URL)
		if code != cli.ExitFailed {
			t.Errorf("exit %d, want 3\n%s\n%s", code, out, errOut)
		}
		if want := fmt.Sprintf("wrote %s (3 objects)\nwrote %s (3 objects)\n", filepath.Join(dir, "df-A.json"), filepath.Join(dir, "df-C.json")); out != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
		}
		if !strings.Contains(errOut, "dplint: pull: df-NOPE: An error occurred (PipelineNotFoundException) when calling the GetPipelineDefinition operation: Pipeline with id: df-NOPE does not exist.") {
			t.Errorf("stderr: %s", errOut)
		}
		for _, id := range []string{"df-A", "df-C"} {
			if got := readString(t, filepath.Join(dir, id+".json")); got != pullWant {
				t.Errorf("%s.json:\n%s\nwant:\n%s", id, got, pullWant)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "df-NOPE.json")); !os.IsNotExist(err) {
			t.Errorf("df-NOPE.json: %v", err)
		}
		var asked []string
		for _, r := range fake.Requests() {
			if r.Operation != "GetPipelineDefinition" {
				t.Errorf("unexpected call %s", r.Operation)
				continue
			}
			asked = append(asked, fmt.Sprint(requestBody(t, r)["pipelineId"]))
		}
		if got := strings.Join(asked, ","); got != "df-A,df-NOPE,df-C" {
			t.Errorf("pulled %s", got)
		}
		inRepoRoot(t)
		lintPulled(t, dir)

		// The bytes are what `aws datapipeline get-pipeline-definition`
		// prints for the same reply.
		t.Run("aws-cli", func(t *testing.T) {
			awsPath := testenv.Tool(t, "aws")
			fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 200, Body: pullReply})
			stdout, stderr, code := fake.RunCLI(t, awsPath, "datapipeline", "get-pipeline-definition", "--pipeline-id", "df-A")
			if code != 0 {
				t.Fatalf("aws exited %d: %s", code, stderr)
			}
			if got := readString(t, filepath.Join(dir, "df-A.json")); stdout != got {
				t.Errorf("the AWS CLI prints\n%s\ndplint pull wrote\n%s", stdout, got)
			}
		})
	})

	t.Run("--all follows ListPipelines' markers", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Script("ListPipelines",
			awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-1", "name": "one"}, {"id": "df-2", "name": "two"}], "marker": "page2", "hasMoreResults": true}`},
			awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-3", "name": "three"}], "marker": "page3", "hasMoreResults": true}`},
			awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-4", "name": "four"}], "hasMoreResults": false}`})
		fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 200, Body: pullReply})
		dir := t.TempDir()
		out, errOut, code := run(t, "", "pull", "--all", "-o", dir, "--endpoint-url", fake.URL)
		if code != cli.ExitOK {
			t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
		}
		var markers, pulled []string
		for _, r := range fake.Requests() {
			b := requestBody(t, r)
			switch r.Operation {
			case "ListPipelines":
				markers = append(markers, fmt.Sprint(b["marker"]))
			case "GetPipelineDefinition":
				pulled = append(pulled, fmt.Sprint(b["pipelineId"]))
			default:
				t.Errorf("unexpected call %s", r.Operation)
			}
		}
		if got := strings.Join(markers, ","); got != "<nil>,page2,page3" {
			t.Errorf("markers sent: %s", got)
		}
		if got := strings.Join(pulled, ","); got != "df-1,df-2,df-3,df-4" {
			t.Errorf("pulled: %s", got)
		}
		if n := strings.Count(out, "wrote "); n != 4 {
			t.Errorf("stdout:\n%s", out)
		}
		for _, id := range []string{"df-1", "df-2", "df-3", "df-4"} {
			if got := readString(t, filepath.Join(dir, id+".json")); got != pullWant {
				t.Errorf("%s.json:\n%s", id, got)
			}
		}
		inRepoRoot(t)
		lintPulled(t, dir)
	})

	t.Run("--all with no pipelines", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("ListPipelines", awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [], "hasMoreResults": false}`})
		out, errOut, code := run(t, "", "pull", "--all", "-o", t.TempDir(), "--endpoint-url", fake.URL)
		if code != cli.ExitOK || out != "" || !strings.Contains(errOut, "no pipelines") {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
	})

	t.Run("--all: ListPipelines fails, exit 3", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("ListPipelines", awsfake.Reply{Status: 400, Body: `{"__type": "InvalidRequestException", "message": "bad request"}`})
		dir := filepath.Join(t.TempDir(), "out")
		_, errOut, code := run(t, "", "pull", "--all", "-o", dir, "--endpoint-url", fake.URL)
		if code != cli.ExitFailed || !strings.Contains(errOut, "InvalidRequestException") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
		if fake.Count("GetPipelineDefinition") != 0 {
			t.Error("pulled after the listing failed")
		}
	})

	t.Run("refused credentials: exit 2", func(t *testing.T) {
		awsfake.Credentials(t)
		fake := awsfake.New(t)
		fake.Reply("GetPipelineDefinition", awsfake.Reply{Status: 400, Body: `{"__type": "UnrecognizedClientException", "message": "The security token included in the request is invalid."}`})
		_, errOut, code := run(t, "", "pull", "--pipeline-id", "df-A", "-o", t.TempDir(), "--endpoint-url", fake.URL)
		if code != cli.ExitUsage || !strings.Contains(errOut, "the AWS credentials were refused") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
	})

	t.Run("no credentials: exit 2 before any call, nothing created", func(t *testing.T) {
		awsfake.Isolate(t)
		t.Setenv("AWS_REGION", "us-east-1")
		fake := awsfake.New(t)
		dir := filepath.Join(t.TempDir(), "out")
		out, errOut, code := run(t, "", "pull", "--all", "-o", dir, "--endpoint-url", fake.URL)
		if code != cli.ExitUsage || out != "" || !strings.Contains(errOut, "dplint: pull: no AWS credentials found") {
			t.Errorf("exit %d\n%s\n%s", code, out, errOut)
		}
		if n := fake.Count(""); n != 0 {
			t.Errorf("%d calls", n)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s created: %v", dir, err)
		}
	})

	t.Run("no region: exit 2", func(t *testing.T) {
		awsfake.Credentials(t)
		os.Unsetenv("AWS_REGION")
		_, errOut, code := run(t, "", "pull", "--all", "-o", t.TempDir(), "--endpoint-url", "http://127.0.0.1:1")
		if code != cli.ExitUsage || !strings.Contains(errOut, "no AWS region") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"neither", []string{"pull", "-o", "x"}, "give either --pipeline-id ID or --all"},
		{"both", []string{"pull", "--all", "--pipeline-id", "df-1", "-o", "x"}, "give either --pipeline-id ID or --all"},
		{"no -o", []string{"pull", "--all"}, "-o DIR is required"},
		{"positional", []string{"pull", "--all", "-o", "x", "df-1"}, `unexpected argument "df-1"`},
		{"path in id", []string{"pull", "--pipeline-id", "../etc", "-o", "x"}, "is not a pipeline id"},
		{"bad timeout", []string{"pull", "--all", "-o", "x", "--remote-timeout", "0s"}, "must be positive"},
		{"unknown flag", []string{"pull", "--nope"}, "flag provided but not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, "", tc.args...)
			if code != cli.ExitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q, want %q", code, errOut, tc.want)
			}
		})
	}
	t.Run("help", func(t *testing.T) {
		_, errOut, code := run(t, "", "help", "pull")
		if code != cli.ExitOK || !strings.Contains(errOut, "Usage: dplint pull") || !strings.Contains(errOut, "-pipeline-id") {
			t.Errorf("exit %d\n%s", code, errOut)
		}
	})
}

// TestPullMoto puts definitions into moto_server's pipelines with the SDK,
// pulls them all back with dplint pull --all and lints them; then checks
// that lint --remote fails cleanly against moto (it has no
// ValidatePipelineDefinition) and leaves no scratch pipeline behind.
func TestPullMoto(t *testing.T) {
	root := inRepoRoot(t)
	awsfake.Credentials(t)
	url := awsfake.Moto(t)
	ctx := context.Background()
	api, err := remote.NewClient(ctx, remote.Options{EndpointURL: url, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	client := api.(*datapipeline.Client)

	// moto keeps only the pipeline objects: put those of a few fixtures.
	fixtures := []string{"testdata/ok/hello-ondemand.json"}
	more, _ := filepath.Glob(filepath.Join(root, "testdata/ok/*.json"))
	sort.Strings(more)
	for _, m := range more {
		rel, _ := filepath.Rel(root, m)
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if definition.Detect(source.Parse(rel, data)) == definition.NotOurs {
			continue // a CloudFormation template
		}
		if len(fixtures) < 3 && rel != fixtures[0] {
			fixtures = append(fixtures, rel)
		}
	}
	want := map[string]string{} // pipeline id -> the objects, CLI form
	for i, f := range fixtures {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := definition.Read(f, source.Parse(f, data))
		body, err := definition.ToAPI(d)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		req, err := remote.FromDefinition(body)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		created, err := client.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String(fmt.Sprintf("p%d", i)), UniqueId: aws.String(strconv.Itoa(i))})
		if err != nil {
			t.Fatal(err)
		}
		id := aws.ToString(created.PipelineId)
		if _, err := client.PutPipelineDefinition(ctx, &datapipeline.PutPipelineDefinitionInput{PipelineId: created.PipelineId,
			PipelineObjects: req.PipelineObjects}); err != nil {
			t.Fatal(err)
		}
		// What was put, as get-pipeline-definition would print it.
		sent := ojson.Object{}
		for _, m := range body {
			if m.Key == "pipelineObjects" {
				sent = append(sent, m)
			}
		}
		cliForm, err := definition.ToCLI(definition.Read("sent.json", source.Parse("sent.json", ojson.Marshal(sent))))
		if err != nil {
			t.Fatal(err)
		}
		want[id] = string(ojson.Marshal(cliForm))
	}

	dir := filepath.Join(t.TempDir(), "pulled")
	out, errOut, code := run(t, "", "pull", "--all", "-o", dir, "--endpoint-url", url)
	if code != cli.ExitOK {
		t.Fatalf("pull --all: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := strings.Count(out, "wrote "); n != len(want) {
		t.Errorf("pull --all wrote %d files, want %d:\n%s", n, len(want), out)
	}
	var paths []string
	for id, w := range want {
		p := filepath.Join(dir, id+".json")
		if got := readString(t, p); got != w {
			t.Errorf("%s pulled from moto:\n%s\nwant:\n%s", id, got, w)
		}
		paths = append(paths, p)
	}
	lintPulled(t, paths...)

	// Delete them; then lint --remote: moto has no
	// ValidatePipelineDefinition, and the scratch pipeline is deleted all
	// the same, so the account is empty afterwards.
	list, err := remote.ListAll(ctx, api)
	if err != nil || len(list) != len(want) {
		t.Fatalf("ListAll: %d pipelines, %v", len(list), err)
	}
	for _, p := range list {
		if _, err := client.DeletePipeline(ctx, &datapipeline.DeletePipelineInput{PipelineId: p.Id}); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code = run(t, "", "lint", "--oneline", "--remote", "--endpoint-url", url, "testdata/ok/hello-ondemand.json")
	if code != cli.ExitFailed {
		t.Errorf("lint --remote against moto: exit %d, want 3\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "ValidatePipelineDefinition") || strings.Contains(errOut, "panic") || strings.Contains(errOut, "left behind") {
		t.Errorf("stderr:\n%s", errOut)
	}
	t.Logf("lint --remote against moto:\n%s", errOut)
	list, err = remote.ListAll(ctx, api)
	if err != nil || len(list) != 0 {
		var names []string
		for _, p := range list {
			names = append(names, aws.ToString(p.Name))
		}
		t.Errorf("after lint --remote, moto lists %v (%v)", names, err)
	}
}
