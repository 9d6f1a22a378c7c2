package iotserve_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/iotserve"
	"github.com/dplint/dplint/internal/testenv"
)

// clientHome holds the IoT Analytics model where botocore finds it.
func clientHome(t *testing.T) string {
	t.Helper()
	return awsfake.ModelHome(t, "iotanalytics", "2017-11-27",
		filepath.Join(testenv.SharedDir(t), "reference", "api-models", "iotanalytics-2017-11-27.service-2.json"))
}

func startReal(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(iotserve.New(iotserve.Options{ReprocessingDuration: time.Hour}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestAWSCLI runs `aws iotanalytics` against the server for every
// operation it serves.
func TestAWSCLI(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	home := clientHome(t)
	url := startReal(t)
	dir := t.TempDir()
	run := func(want int, args ...string) map[string]any {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, aws, append([]string{"iotanalytics"}, append(args, "--endpoint-url", url, "--region", "us-east-1", "--output", "json")...)...)
		cmd.Env = awsfake.Env(aws, home)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if (code == 0) != (want == 0) {
			t.Fatalf("aws iotanalytics %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out, stderr.String())
		}
		if want != 0 {
			return map[string]any{"stderr": stderr.String()}
		}
		var m map[string]any
		if len(strings.TrimSpace(string(out))) > 0 {
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatalf("aws iotanalytics %s: %s", strings.Join(args, " "), out)
			}
		}
		return m
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return "file://" + p
	}
	in := write("p.json", `{"pipelineName": "telemetry", "pipelineActivities": `+activities+`, "tags": [{"key": "team", "value": "iot"}]}`)
	if m := run(0, "create-pipeline", "--cli-input-json", in); m["pipelineArn"] != "arn:aws:iotanalytics:us-east-1:123456789012:pipeline/telemetry" {
		t.Errorf("create-pipeline: %v", m)
	}
	if m := run(1, "create-pipeline", "--cli-input-json", in); !strings.Contains(m["stderr"].(string), "ResourceAlreadyExistsException") {
		t.Errorf("second create-pipeline: %v", m)
	}
	m := run(0, "describe-pipeline", "--pipeline-name", "telemetry")
	p := m["pipeline"].(map[string]any)
	if created, _ := p["creationTime"].(float64); len(p["activities"].([]any)) != 3 || created < 1.7e9 {
		t.Errorf("describe-pipeline (CLI v1 prints a timestamp as the epoch seconds it was sent): %v", p)
	}
	run(0, "update-pipeline", "--pipeline-name", "telemetry", "--pipeline-activities", activities)
	run(0, "create-pipeline", "--pipeline-name", "second", "--pipeline-activities", activities)
	if m := run(0, "list-pipelines", "--max-results", "1"); len(m["pipelineSummaries"].([]any)) != 1 || m["nextToken"] != "second" {
		t.Errorf("list-pipelines, one a page: %v", m)
	}
	m = run(0, "start-pipeline-reprocessing", "--pipeline-name", "telemetry", "--start-time", "2027-01-01T00:00:00Z", "--end-time", "2027-01-02T00:00:00Z")
	id, _ := m["reprocessingId"].(string)
	if len(id) != 36 {
		t.Fatalf("start-pipeline-reprocessing: %v", m)
	}
	if m := run(1, "start-pipeline-reprocessing", "--pipeline-name", "telemetry"); !strings.Contains(m["stderr"].(string), "ResourceAlreadyExistsException") {
		t.Errorf("a second reprocessing while one runs: %v", m)
	}
	run(0, "cancel-pipeline-reprocessing", "--pipeline-name", "telemetry", "--reprocessing-id", id)
	m = run(0, "describe-pipeline", "--pipeline-name", "telemetry")
	if s := m["pipeline"].(map[string]any)["reprocessingSummaries"].([]any); len(s) != 1 || s[0].(map[string]any)["status"] != "CANCELLED" {
		t.Errorf("after cancel-pipeline-reprocessing: %v", s)
	}
	act := write("run.json", `{"pipelineActivity": {"removeAttributes": {"name": "R", "attributes": ["secret"]}}, "payloads": ["{\"id\": 1, \"secret\": 2}"]}`)
	m = run(0, "run-pipeline-activity", "--cli-input-json", act)
	if ps := m["payloads"].([]any); len(ps) != 1 || ps[0] != "eyJpZCI6MX0=" { // base64 of {"id":1}
		t.Errorf("run-pipeline-activity: %v", m)
	}
	run(0, "delete-pipeline", "--pipeline-name", "telemetry")
	if m := run(1, "describe-pipeline", "--pipeline-name", "telemetry"); !strings.Contains(m["stderr"].(string), "ResourceNotFoundException") {
		t.Errorf("describe after delete: %v", m)
	}
}

// TestBoto3 drives the server with boto3, the SDK most IoT Analytics
// tooling was written with.
func TestBoto3(t *testing.T) {
	aws := testenv.Tool(t, "aws") // boto3 lives in the AWS CLI's Python
	home := clientHome(t)
	url := startReal(t)
	script := `
import json, sys, boto3
c = boto3.client("iotanalytics", endpoint_url=sys.argv[1], region_name="us-east-1")
acts = json.loads(sys.argv[2])
out = {}
out["arn"] = c.create_pipeline(pipelineName="b3", pipelineActivities=acts)["pipelineArn"]
rid = c.start_pipeline_reprocessing(pipelineName="b3", channelMessages={"s3Paths": ["channel/telemetry/__dt=2027-01-01 00:00:00/a"]})["reprocessingId"]
d = c.describe_pipeline(pipelineName="b3")["pipeline"]
out["status"] = d["reprocessingSummaries"][0]["status"]
out["same_id"] = d["reprocessingSummaries"][0]["id"] == rid
out["created_type"] = type(d["creationTime"]).__name__
r = c.run_pipeline_activity(pipelineActivity={"addAttributes": {"name": "A", "attributes": {"t": "temp"}}}, payloads=[b'{"t": 3}'])
out["payload"] = r["payloads"][0].decode()
try:
    c.describe_pipeline(pipelineName="missing")
except c.exceptions.ResourceNotFoundException as e:
    out["missing"] = e.response["Error"]["Code"]
print(json.dumps(out, sort_keys=True))
`
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	py := filepath.Join(filepath.Dir(aws), "python3")
	if _, err := os.Stat(py); err != nil {
		py = testenv.Tool(t, "python3")
	}
	cmd := exec.CommandContext(ctx, py, "-c", script, url, activities)
	cmd.Env = awsfake.Env(aws, home)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("boto3: %v\n%s", err, out)
	}
	want := `{"arn": "arn:aws:iotanalytics:us-east-1:123456789012:pipeline/b3", "created_type": "datetime", "missing": "ResourceNotFoundException", "payload": "{\"t\":3,\"temp\":3}", "same_id": true, "status": "RUNNING"}`
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("boto3:\n got %s\nwant %s", got, want)
	}
}
