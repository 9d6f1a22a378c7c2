package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/testenv"
)

const iotActivities = `[{"channel": {"name": "In", "channelName": "telemetry", "next": "Store"}}, {"datastore": {"name": "Store", "datastoreName": "store"}}]`

// rest sends one IoT Analytics request and returns its status, error type
// and body.
func rest(t *testing.T, url, method, path, body string) (int, string, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if len(data) > 0 {
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s %s: %s", method, path, data)
		}
	}
	return resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"), m
}

// TestIoTChecks: IoT Analytics requests are refused as dplint's IoT rules
// say the service refuses them, in the rule's words; warnings are
// accepted; Data Pipeline is answered on the same address.
func TestIoTChecks(t *testing.T) {
	ts := start(t, Options{})
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		errType, message         string
	}{
		{"a valid pipeline", "POST", "/pipelines", `{"pipelineName": "ok", "pipelineActivities": ` + iotActivities + `}`, 201, "", ""},
		{"a name against the pattern", "POST", "/pipelines", `{"pipelineName": "__x", "pipelineActivities": ` + iotActivities + `}`, 400, "InvalidRequestException",
			"1 validation error detected: Value at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern"},
		{"a batchSize out of range", "POST", "/pipelines", `{"pipelineName": "big", "pipelineActivities": [{"channel": {"name": "In", "channelName": "c", "next": "L"}}, {"lambda": {"name": "L", "lambdaName": "f", "batchSize": 5000, "next": "S"}}, {"datastore": {"name": "S", "datastoreName": "s"}}]}`, 400, "InvalidRequestException", "batchSize"},
		{"a broken next chain", "POST", "/pipelines", `{"pipelineName": "chain", "pipelineActivities": [{"channel": {"name": "In", "channelName": "c", "next": "Nowhere"}}, {"datastore": {"name": "S", "datastoreName": "s"}}]}`, 400, "InvalidRequestException", `next names "Nowhere"`},
		{"time range and messages together", "POST", "/pipelines/ok/reprocessing", `{"startTime": 1700000000, "channelMessages": {"s3Paths": ["channel/telemetry/__dt=2027-01-01 00:00:00/a"]}}`, 400, "InvalidRequestException", "startTime and channelMessages cannot both be given"},
		{"a time range", "POST", "/pipelines/ok/reprocessing", `{"startTime": 1700000000, "endTime": 1700003600}`, 200, "", ""},
		{"another valid pipeline", "POST", "/pipelines", `{"pipelineName": "warn", "pipelineActivities": ` + iotActivities + `}`, 201, "", ""},
		{"a warning only (an S3 path that is no channel key)", "POST", "/pipelines/warn/reprocessing", `{"channelMessages": {"s3Paths": ["somewhere/else"]}}`, 200, "", ""},
		{"a second reprocessing while one runs", "POST", "/pipelines/ok/reprocessing", `{}`, 409, "ResourceAlreadyExistsException", "already running"},
		{"an update with a bad activity", "PUT", "/pipelines/ok", `{"pipelineActivities": [{"channel": {"name": "In", "channelName": "c", "nxt": "S"}}, {"datastore": {"name": "S", "datastoreName": "s"}}]}`, 400, "InvalidRequestException", "nxt"},
	} {
		status, typ, body := rest(t, ts.URL, tc.method, tc.path, tc.body)
		msg, _ := body["message"].(string)
		if status != tc.status || typ != tc.errType || !strings.Contains(msg, tc.message) {
			t.Errorf("%s: %d %s %q; want %d %s containing %q", tc.name, status, typ, msg, tc.status, tc.errType, tc.message)
		}
	}
	if r := ts.call("ListPipelines", map[string]any{}); r.Status != 200 {
		t.Errorf("Data Pipeline beside IoT Analytics: %d %s", r.Status, r.Raw)
	}
}

// TestIoTState: with --state, IoT Analytics pipelines and their
// reprocessings are in the store and survive a restart.
func TestIoTState(t *testing.T) {
	dir := t.TempDir()
	b, err := OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, Options{Store: b, ReprocessingDuration: time.Hour})
	if status, _, m := rest(t, ts.URL, "POST", "/pipelines", `{"pipelineName": "kept", "pipelineActivities": `+iotActivities+`}`); status != 201 {
		t.Fatalf("create: %d %v", status, m)
	}
	_, _, m := rest(t, ts.URL, "POST", "/pipelines/kept/reprocessing", `{}`)
	id, _ := m["reprocessingId"].(string)
	ts.Close()
	b, err = OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	again := start(t, Options{Store: b, ReprocessingDuration: time.Hour})
	status, _, m := rest(t, again.URL, "GET", "/pipelines/kept", "")
	if status != 200 {
		t.Fatalf("after a restart: %d %v", status, m)
	}
	sums := m["pipeline"].(map[string]any)["reprocessingSummaries"].([]any)
	if len(sums) != 1 || sums[0].(map[string]any)["id"] != id || sums[0].(map[string]any)["status"] != "RUNNING" {
		t.Errorf("reprocessing after a restart: %v", sums)
	}
}

// TestIoTAWSCLI points the AWS CLI (given the shared IoT Analytics model)
// at one server for both APIs.
func TestIoTAWSCLI(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	home := awsfake.ModelHome(t, "iotanalytics", "2017-11-27",
		filepath.Join(testenv.SharedDir(t), "reference", "api-models", "iotanalytics-2017-11-27.service-2.json"))
	ts := start(t, Options{})
	run := func(args ...string) (string, int) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, aws, append(args, "--endpoint-url", ts.URL, "--region", "us-east-1", "--output", "json")...)
		cmd.Env = awsfake.Env(aws, home)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if out, code := run("iotanalytics", "create-pipeline", "--pipeline-name", "cli", "--pipeline-activities", iotActivities); code != 0 || !strings.Contains(out, "pipeline/cli") {
		t.Errorf("create-pipeline: %d %s", code, out)
	}
	out, code := run("iotanalytics", "start-pipeline-reprocessing", "--pipeline-name", "cli", "--start-time", "2027-01-01T00:00:00Z",
		"--channel-messages", `{"s3Paths": ["channel/telemetry/__dt=2027-01-01 00:00:00/a"]}`)
	if code == 0 || !strings.Contains(out, "An error occurred (InvalidRequestException) when calling the StartPipelineReprocessing operation: startTime and channelMessages cannot both be given") {
		t.Errorf("start-pipeline-reprocessing with both: %d %s", code, out)
	}
	if out, code := run("datapipeline", "list-pipelines"); code != 0 || !strings.Contains(out, "pipelineIdList") {
		t.Errorf("datapipeline list-pipelines on the same endpoint: %d %s", code, out)
	}
}

// TestIoTVerifyCredentials: with --verify-credentials, IoT Analytics
// requests must be signed for the iotanalytics signing name with a known
// key, as boto3 signs them.
func TestIoTVerifyCredentials(t *testing.T) {
	aws := testenv.Tool(t, "aws") // boto3 lives in the AWS CLI's Python
	home := awsfake.ModelHome(t, "iotanalytics", "2017-11-27",
		filepath.Join(testenv.SharedDir(t), "reference", "api-models", "iotanalytics-2017-11-27.service-2.json"))
	ts := start(t, Options{Credentials: map[string]string{"AKIDLOCAL": "s3cret"}, Now: time.Now})
	script := `
import sys, boto3
def call(secret):
    c = boto3.client("iotanalytics", endpoint_url=sys.argv[1], region_name="us-east-1",
                     aws_access_key_id="AKIDLOCAL", aws_secret_access_key=secret)
    try:
        return "ok %d" % len(c.list_pipelines()["pipelineSummaries"])
    except c.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
print(call("s3cret"), call("wrong"))
`
	py := filepath.Join(filepath.Dir(aws), "python3")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", script, ts.URL)
	cmd.Env = awsfake.Env(aws, home)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("boto3: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "ok 0 InvalidSignatureException" {
		t.Errorf("signed, then with a wrong secret: %s", got)
	}
}
