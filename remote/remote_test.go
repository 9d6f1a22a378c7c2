package remote

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// cliDefinition has what the translation must keep: repeated keys (a
// list), references, a list of references, parameters with a repeated
// attribute, a value given twice, and characters JSON encoders treat
// differently (<, >, &, non-ASCII, a quote).
const cliDefinition = `{
  "objects": [
    {"id": "Default", "name": "Default", "scheduleType": "ondemand", "failureAndRerunMode": "CASCADE",
     "role": "DataPipelineDefaultRole", "resourceRole": "DataPipelineDefaultResourceRole",
     "pipelineLogUri": "s3://bucket/logs/"},
    {"id": "Ec2", "type": "Ec2Resource", "terminateAfter": "1 Hour", "securityGroups": ["default", "ssh"],
     "instanceType": "t2.micro"},
    {"id": "Cmd", "name": "Say hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Ec2"},
     "command": "echo \"#{myGreeting}\" <in >out && echo héllo", "dependsOn": [{"ref": "Ec2"}, {"ref": "Default"}]}
  ],
  "parameters": [
    {"id": "myGreeting", "type": "String", "default": "hi", "allowedValues": ["hi", "hello"]}
  ],
  "values": {"myGreeting": "hello", "myList": ["1", "2"]}
}`

// apiDefinition is a GetPipelineDefinition reply: fields in the service's
// order (not sorted), a key repeated apart from its first place, a
// refValue, parameters and values with repeated ids.
const apiDefinition = `{
  "pipelineObjects": [
    {"id": "Default", "name": "Default", "fields": [
      {"key": "scheduleType", "stringValue": "ondemand"},
      {"key": "type", "stringValue": "Default"},
      {"key": "pipelineLogUri", "stringValue": "s3://bucket/logs/"}]},
    {"id": "Cmd", "name": "Say hello", "fields": [
      {"key": "type", "stringValue": "ShellCommandActivity"},
      {"key": "dependsOn", "refValue": "A"},
      {"key": "command", "stringValue": "echo <&> héllo"},
      {"key": "dependsOn", "refValue": "B"},
      {"key": "runsOn", "refValue": "Ec2"},
      {"key": "dependsOn", "refValue": "C"},
      {"key": "parent", "refValue": "Default"}]},
    {"id": "Ec2", "name": "Ec2", "fields": [
      {"key": "securityGroups", "stringValue": "default"},
      {"key": "type", "stringValue": "Ec2Resource"},
      {"key": "securityGroups", "stringValue": "ssh"}]}
  ],
  "parameterObjects": [
    {"id": "myGreeting", "attributes": [
      {"key": "type", "stringValue": "String"},
      {"key": "allowedValues", "stringValue": "hi"},
      {"key": "allowedValues", "stringValue": "hello"}]}
  ],
  "parameterValues": [
    {"id": "myList", "stringValue": "1"},
    {"id": "myGreeting", "stringValue": "hello"},
    {"id": "myList", "stringValue": "2"}
  ]
}`

// fakeClient is the real SDK client pointed at a fresh fake, with short
// back-offs so retries cost milliseconds.
func fakeClient(t *testing.T, opt Options) (*awsfake.Server, API) {
	t.Helper()
	awsfake.Credentials(t)
	srv := awsfake.New(t)
	opt.EndpointURL = srv.URL
	if opt.MaxBackoff == 0 {
		opt.MaxBackoff = 5 * time.Millisecond
	}
	api, err := NewClient(context.Background(), opt)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return srv, api
}

func toAPI(t *testing.T, text string) ojson.Object {
	t.Helper()
	d := definition.Read("test.json", source.Parse("test.json", []byte(text)))
	api, err := definition.ToAPI(d)
	if err != nil {
		t.Fatalf("ToAPI: %v", err)
	}
	return api
}

func request(t *testing.T) Request {
	t.Helper()
	req, err := FromDefinition(toAPI(t, cliDefinition))
	if err != nil {
		t.Fatalf("FromDefinition: %v", err)
	}
	return req
}

// body decodes a recorded request body.
func body(t *testing.T, r awsfake.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("%s body: %v\n%s", r.Operation, err, r.Body)
	}
	return m
}

func ops(srv *awsfake.Server) []string {
	var list []string
	for _, r := range srv.Requests() {
		list = append(list, r.Operation)
	}
	return list
}

const (
	scratchReply = `{"pipelineId": "df-SCRATCH"}`
	emptyReply   = `{}`
)

func TestValidateExistingPipelineSendsToAPIBody(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: `{"errored": false, "validationErrors": [],
		"validationWarnings": [{"id": "Ec2", "warnings": ["'terminateAfter' is missing."]}]}`})
	apiForm := toAPI(t, cliDefinition)
	req := request(t)
	out, c, err := Validate(context.Background(), api, "df-EXISTING", req)
	if err != nil {
		t.Fatal(err)
	}
	if c.Created || c.LeftBehind() || c.Message() != "" {
		t.Errorf("validating an existing pipeline touched a scratch pipeline: %+v", c)
	}
	if got := ops(srv); !reflect.DeepEqual(got, []string{"ValidatePipelineDefinition"}) {
		t.Fatalf("calls = %v, want only ValidatePipelineDefinition", got)
	}
	if out.Errored || len(out.ValidationWarnings) != 1 || aws.ToString(out.ValidationWarnings[0].Id) != "Ec2" {
		t.Errorf("output not decoded: %+v", out)
	}
	sent := srv.Requests()[0]
	if sent.Target != "DataPipeline.ValidatePipelineDefinition" || sent.ContentType != "application/x-amz-json-1.1" {
		t.Errorf("target %q, content type %q", sent.Target, sent.ContentType)
	}

	// The same document as ToAPI's output plus the pipeline id: every
	// list in order, stringValue and refValue where they were.
	want := append(ojson.Object{{Key: "pipelineId", Value: "df-EXISTING"}}, apiForm...)
	var wantTree any
	if err := json.Unmarshal(ojson.Marshal(want), &wantTree); err != nil {
		t.Fatal(err)
	}
	if got := body(t, sent); !reflect.DeepEqual(any(got), wantTree) {
		t.Errorf("request body differs from ToAPI's output\n got: %s\nwant: %s", sent.Body, ojson.Marshal(want))
	}
	// Byte for byte, it is the canonical form with the pipeline id added
	// where the SDK puts it (members in alphabetical order).
	canon := string(req.Canonical())
	wantBytes := strings.Replace(canon, `"pipelineObjects":`, `"pipelineId":"df-EXISTING","pipelineObjects":`, 1)
	if string(sent.Body) != wantBytes {
		t.Errorf("request body is not the canonical bytes plus the id\n got: %s\nwant: %s", sent.Body, wantBytes)
	}
	// Spot checks on what the translation must keep.
	objs := body(t, sent)["pipelineObjects"].([]any)
	cmd := objs[2].(map[string]any)
	if cmd["name"] != "Say hello" {
		t.Errorf("Cmd name = %v", cmd["name"])
	}
	var deps []any
	for _, f := range cmd["fields"].([]any) {
		if f := f.(map[string]any); f["key"] == "dependsOn" {
			if _, ok := f["stringValue"]; ok {
				t.Errorf("dependsOn sent as a stringValue: %v", f)
			}
			deps = append(deps, f["refValue"])
		}
	}
	if !reflect.DeepEqual(deps, []any{"Ec2", "Default"}) {
		t.Errorf("dependsOn refValues = %v, want [Ec2 Default] in order", deps)
	}
}

func TestFromDefinitionRefusesWhatTheCLIWouldNotSend(t *testing.T) {
	for name, tc := range map[string]struct {
		api  ojson.Object
		want string
	}{
		"number": {ojson.Object{{Key: "pipelineObjects", Value: []any{ojson.Object{{Key: "id", Value: "A"}, {Key: "name", Value: "A"},
			{Key: "fields", Value: []any{ojson.Object{{Key: "key", Value: "maximumRetries"}, {Key: "stringValue", Value: ojson.Raw("3")}}}}}}}},
			"pipelineObjects[0].fields[0].stringValue: want a string, got 3"},
		"no id": {ojson.Object{{Key: "pipelineObjects", Value: []any{ojson.Object{{Key: "id", Value: nil}, {Key: "name", Value: nil},
			{Key: "fields", Value: []any{}}}}}}, "pipelineObjects[0].id: want a string, got null"},
		"unknown key": {ojson.Object{{Key: "parameterValues", Value: []any{ojson.Object{{Key: "id", Value: "p"}, {Key: "value", Value: "x"}}}}},
			`unknown parameter in parameterValues[0]: "value"`},
		"not a list": {ojson.Object{{Key: "pipelineObjects", Value: "x"}}, "pipelineObjects: want a list"},
		"missing attributes": {ojson.Object{{Key: "parameterObjects", Value: []any{ojson.Object{{Key: "id", Value: "p"}}}}},
			`missing required parameter in parameterObjects[0]: "attributes"`},
	} {
		_, err := FromDefinition(tc.api)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", name, err, tc.want)
		}
	}
	// An empty list stays in the request, an absent one stays out.
	req, err := FromDefinition(ojson.Object{{Key: "pipelineObjects", Value: []any{}}})
	if err != nil || req.PipelineObjects == nil || req.ParameterObjects != nil {
		t.Errorf("empty/absent lists: %+v, %v", req, err)
	}
	if got := string(req.Canonical()); got != `{"pipelineObjects":[]}` {
		t.Errorf("canonical = %s", got)
	}
}

func TestValidateScratchCreatedAndDeleted(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: scratchReply})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	req := request(t)
	req.Version = "v1.2.3"
	out, c, err := Validate(context.Background(), api, "", req)
	if err != nil {
		t.Fatal(err)
	}
	if out == nil || out.Errored {
		t.Errorf("output = %+v", out)
	}
	if got := ops(srv); !reflect.DeepEqual(got, []string{"CreatePipeline", "ValidatePipelineDefinition", "DeletePipeline"}) {
		t.Fatalf("calls = %v", got)
	}
	reqs := srv.Requests()
	sum := sha256.Sum256(req.Canonical())
	hexSum := hex.EncodeToString(sum[:])
	wantCreate := map[string]any{
		"uniqueId":    "dplint-" + hexSum[:32],
		"name":        "dplint-scratch-" + hexSum[:8],
		"description": "created by dplint for ValidatePipelineDefinition; safe to delete",
		"tags": []any{
			map[string]any{"key": "dplint:scratch", "value": "true"},
			map[string]any{"key": "dplint:version", "value": "v1.2.3"},
		},
	}
	if got := body(t, reqs[0]); !reflect.DeepEqual(got, wantCreate) {
		t.Errorf("CreatePipeline body = %s\nwant %v", reqs[0].Body, wantCreate)
	}
	if got := body(t, reqs[1])["pipelineId"]; got != "df-SCRATCH" {
		t.Errorf("validated pipeline %v, want df-SCRATCH", got)
	}
	// The hash is over the bytes sent (less the pipeline id).
	sent := strings.Replace(string(reqs[1].Body), `"pipelineId":"df-SCRATCH",`, "", 1)
	if sent != string(req.Canonical()) {
		t.Errorf("canonical bytes differ from the body sent\n sent: %s\ncanon: %s", sent, req.Canonical())
	}
	if got := body(t, reqs[2]); !reflect.DeepEqual(got, map[string]any{"pipelineId": "df-SCRATCH"}) {
		t.Errorf("DeletePipeline body = %s", reqs[2].Body)
	}
	want := Cleanup{Name: "dplint-scratch-" + hexSum[:8], UniqueID: "dplint-" + hexSum[:32], PipelineID: "df-SCRATCH", Created: true, Deleted: true}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("cleanup = %+v\nwant %+v", c, want)
	}

	// The same definition, laid out differently, gives the same uniqueId;
	// another definition another one.
	again, err := FromDefinition(toAPI(t, strings.ReplaceAll(cliDefinition, "\n", "\n\t ")))
	if err != nil || again.UniqueID() != req.UniqueID() {
		t.Errorf("uniqueId depends on layout: %s vs %s (%v)", again.UniqueID(), req.UniqueID(), err)
	}
	other, _ := FromDefinition(toAPI(t, strings.Replace(cliDefinition, "t2.micro", "t3.micro", 1)))
	if other.UniqueID() == req.UniqueID() {
		t.Error("different definitions share a uniqueId")
	}
}

func TestValidateScratchDeletedOnServiceError(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: scratchReply})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	srv.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 400,
		Body: `{"__type": "InvalidRequestException", "message": "Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline"}`})
	_, c, err := Validate(context.Background(), api, "", request(t))
	e := Classify(err)
	if e == nil || e.Kind != Service || e.Code != "InvalidRequestException" || e.Op != "ValidatePipelineDefinition" {
		t.Fatalf("error = %#v", e)
	}
	want := "An error occurred (InvalidRequestException) when calling the ValidatePipelineDefinition operation: " +
		"Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline"
	if err.Error() != want {
		t.Errorf("message = %q\nwant %q", err.Error(), want)
	}
	if srv.Count("ValidatePipelineDefinition") != 1 {
		t.Errorf("a 400 was retried: %v", ops(srv))
	}
	if srv.Count("DeletePipeline") != 1 || !c.Deleted || c.LeftBehind() {
		t.Errorf("scratch pipeline not deleted: %v, %+v", ops(srv), c)
	}
}

func TestValidateScratchDeletedOnTimeout(t *testing.T) {
	srv, api := fakeClient(t, Options{Timeout: 300 * time.Millisecond})
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: scratchReply})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	srv.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: `{"errored": false}`, Delay: 10 * time.Second})
	start := time.Now()
	_, c, err := Validate(context.Background(), api, "", request(t))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v despite a 300ms timeout", took)
	}
	if e := Classify(err); e == nil || e.Kind != Timeout || !strings.Contains(e.Error(), "ValidatePipelineDefinition timed out") {
		t.Fatalf("error = %v (%#v)", err, e)
	}
	if srv.Count("DeletePipeline") != 1 || !c.Deleted || c.PipelineID != "df-SCRATCH" {
		t.Errorf("scratch pipeline not deleted after a timeout: %v, %+v", ops(srv), c)
	}
}

func TestValidateScratchDeletedOnCancel(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: scratchReply})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	srv.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 200, Body: `{"errored": false}`, Delay: 10 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(300*time.Millisecond, cancel)
	_, c, err := Validate(ctx, api, "", request(t))
	if e := Classify(err); e == nil || e.Kind != Canceled {
		t.Fatalf("error = %v (%#v)", err, e)
	}
	if srv.Count("DeletePipeline") != 1 || !c.Deleted {
		t.Errorf("scratch pipeline not deleted after cancellation: %v, %+v", ops(srv), c)
	}

	// Cancelled before it starts: nothing is created.
	srv2, api2 := fakeClient(t, Options{})
	_, c, err = Validate(ctx, api2, "", request(t))
	if e := Classify(err); e == nil || e.Kind != Canceled || srv2.Count("") != 0 || c.Created {
		t.Errorf("a cancelled context still called: %v, %v, %+v", err, ops(srv2), c)
	}
}

func TestValidateCreateFails(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 400, Body: `{"__type": "AccessDeniedException",
		"message": "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: datapipeline:CreatePipeline"}`})
	_, c, err := Validate(context.Background(), api, "", request(t))
	e := Classify(err)
	if e == nil || e.Kind != AccessDenied || e.Action != "datapipeline:CreatePipeline" {
		t.Fatalf("error = %#v", e)
	}
	for _, want := range []string{"datapipeline:CreatePipeline", "existing pipeline"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %q", err, want)
		}
	}
	if got := ops(srv); !reflect.DeepEqual(got, []string{"CreatePipeline"}) || c.Created || c.LeftBehind() {
		t.Errorf("calls %v, cleanup %+v: nothing was made, nothing should be deleted", got, c)
	}
}

// A CreatePipeline that times out may have made the pipeline: the same
// request again (same uniqueId) returns it, and it is deleted.
func TestValidateCreateTimeoutRecovers(t *testing.T) {
	srv, api := fakeClient(t, Options{Timeout: 300 * time.Millisecond})
	srv.Script("CreatePipeline",
		awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-LOST"}`, Delay: 10 * time.Second},
		awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-LOST"}`})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	_, c, err := Validate(context.Background(), api, "", request(t))
	if e := Classify(err); e == nil || e.Kind != Timeout || e.Op != "CreatePipeline" {
		t.Fatalf("error = %v", err)
	}
	if got := ops(srv); !reflect.DeepEqual(got, []string{"CreatePipeline", "CreatePipeline", "DeletePipeline"}) {
		t.Fatalf("calls = %v", got)
	}
	reqs := srv.Requests()
	if !bytes.Equal(reqs[0].Body, reqs[1].Body) {
		t.Errorf("the second CreatePipeline differs from the first:\n%s\n%s", reqs[0].Body, reqs[1].Body)
	}
	if !c.Deleted || c.PipelineID != "df-LOST" || c.LeftBehind() {
		t.Errorf("cleanup = %+v", c)
	}
}

func TestValidateDeleteFails(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: scratchReply})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 400, Body: `{"__type": "AccessDeniedException",
		"message": "not authorized to perform: datapipeline:DeletePipeline"}`})
	out, c, err := Validate(context.Background(), api, "", request(t))
	if err != nil || out == nil {
		t.Fatalf("a failed clean-up failed the validation: %v", err)
	}
	if !c.Created || c.Deleted || !c.LeftBehind() {
		t.Fatalf("cleanup = %+v", c)
	}
	if e := Classify(c.Err); e.Kind != AccessDenied || e.Action != "datapipeline:DeletePipeline" {
		t.Errorf("cleanup error = %#v", e)
	}
	msg := c.Message()
	for _, want := range []string{"df-SCRATCH", "aws datapipeline delete-pipeline --pipeline-id df-SCRATCH", "datapipeline:DeletePipeline"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not mention %q", msg, want)
		}
	}
}

// A uniqueId that leads to an already deleted pipeline (an earlier run's)
// gets one more try under a uniqueId of this run's own.
func TestValidateStaleScratchPipeline(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Script("CreatePipeline",
		awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-OLD"}`},
		awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-NEW"}`})
	srv.Script("ValidatePipelineDefinition", awsfake.Reply{Status: 400,
		Body: `{"__type": "PipelineDeletedException", "message": "Pipeline with id: df-OLD is deleted"}`})
	srv.Script("DeletePipeline", awsfake.Reply{Status: 400,
		Body: `{"__type": "PipelineDeletedException", "message": "Pipeline with id: df-OLD is deleted"}`})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	req := request(t)
	out, c, err := Validate(context.Background(), api, "", req)
	if err != nil || out == nil {
		t.Fatalf("Validate: %v", err)
	}
	if c.PipelineID != "df-NEW" || !c.Deleted || c.LeftBehind() {
		t.Errorf("cleanup = %+v", c)
	}
	reqs := srv.Requests()
	var ids []string
	for _, r := range reqs {
		if r.Operation == "CreatePipeline" {
			ids = append(ids, body(t, r)["uniqueId"].(string))
		}
	}
	if len(ids) != 2 || ids[0] != req.UniqueID() || !strings.HasPrefix(ids[1], req.UniqueID()+"-") {
		t.Errorf("uniqueIds = %v", ids)
	}
	if got := body(t, reqs[len(reqs)-1])["pipelineId"]; got != "df-NEW" {
		t.Errorf("last delete was of %v", got)
	}
}

func TestThrottlingRetried(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	throttle := awsfake.Reply{Status: 400, Body: `{"__type": "ThrottlingException", "message": "Rate exceeded"}`}
	srv.Script("ValidatePipelineDefinition", throttle, throttle)
	out, _, err := Validate(context.Background(), api, "df-EXISTING", request(t))
	if err != nil || out == nil {
		t.Fatalf("Validate after throttling: %v", err)
	}
	if n := srv.Count("ValidatePipelineDefinition"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	reqs := srv.Requests()
	if !bytes.Equal(reqs[0].Body, reqs[2].Body) {
		t.Error("a retry sent a different body")
	}

	// Throttled beyond the attempts allowed.
	srv2, api2 := fakeClient(t, Options{MaxAttempts: 2})
	srv2.Reply("ValidatePipelineDefinition", throttle)
	_, _, err = Validate(context.Background(), api2, "df-EXISTING", request(t))
	if e := Classify(err); e == nil || e.Kind != Throttled || e.Code != "ThrottlingException" {
		t.Fatalf("error = %#v", e)
	}
	if n := srv2.Count("ValidatePipelineDefinition"); n != 2 {
		t.Errorf("%d attempts, want 2 (MaxAttempts)", n)
	}
}

func TestAccessDeniedNamesTheAction(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	for _, op := range []string{"ValidatePipelineDefinition", "ListPipelines", "GetPipelineDefinition", "EvaluateExpression"} {
		srv.Reply(op, awsfake.Reply{Status: 400, Body: `{"__type": "AccessDeniedException",
			"message": "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: datapipeline:` + op + `"}`})
	}
	ctx := context.Background()
	_, _, errValidate := Validate(ctx, api, "df-EXISTING", request(t))
	_, errList := ListAll(ctx, api)
	_, errPull := PullDefinition(ctx, api, "df-EXISTING")
	_, errEval := Evaluate(ctx, api, "df-EXISTING", "Default", "#{1}")
	for op, err := range map[string]error{"ValidatePipelineDefinition": errValidate, "ListPipelines": errList,
		"GetPipelineDefinition": errPull, "EvaluateExpression": errEval} {
		e := Classify(err)
		if e == nil || e.Kind != AccessDenied || e.Action != "datapipeline:"+op {
			t.Errorf("%s: %#v", op, e)
			continue
		}
		if want := "access denied: the AWS identity needs the IAM permission datapipeline:" + op; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: message %q, want it to start %q", op, err, want)
		}
	}
}

func TestClassifyServiceCodes(t *testing.T) {
	srv, api := fakeClient(t, Options{MaxAttempts: 1})
	for body, want := range map[string]Kind{
		`{"__type": "UnrecognizedClientException", "message": "The security token included in the request is invalid."}`: InvalidCredentials,
		`{"__type": "ExpiredTokenException", "message": "The security token included in the request is expired"}`:        InvalidCredentials,
		`{"__type": "PipelineNotFoundException", "message": "Pipeline df-X not found"}`:                                  Service,
		`{"__type": "com.amazon.coral.service#AccessDeniedException", "message": "no"}`:                                  AccessDenied,
	} {
		srv.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 400, Body: body})
		_, _, err := Validate(context.Background(), api, "df-X", request(t))
		if e := Classify(err); e == nil || e.Kind != want {
			t.Errorf("%s: %#v, want kind %v", body, e, want)
		}
	}
	if Classify(nil) != nil {
		t.Error("Classify(nil) != nil")
	}
	if e := Classify(errors.New("boom")); e.Kind != Other || e.Error() != "boom" {
		t.Errorf("plain error: %#v", e)
	}
}

func TestNoCredentials(t *testing.T) {
	awsfake.Isolate(t)
	t.Setenv("AWS_REGION", "us-east-1")
	start := time.Now()
	_, err := NewClient(context.Background(), Options{EndpointURL: "http://127.0.0.1:1"})
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the credential check took %v", took)
	}
	if !errors.Is(err, ErrNoCredentials) || errors.Is(err, ErrNoRegion) {
		t.Fatalf("error = %v, want ErrNoCredentials", err)
	}
	e := Classify(err)
	if e.Kind != NoCredentials {
		t.Errorf("kind = %v", e.Kind)
	}
	for _, want := range []string{"no AWS credentials found", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "aws configure"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %q", err, want)
		}
	}
}

func TestNoRegion(t *testing.T) {
	awsfake.Isolate(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	_, err := NewClient(context.Background(), Options{EndpointURL: "http://127.0.0.1:1"})
	if !errors.Is(err, ErrNoRegion) || Classify(err).Kind != NoRegion {
		t.Fatalf("error = %v, want ErrNoRegion", err)
	}
	if !strings.Contains(err.Error(), "--region") || !strings.Contains(err.Error(), "AWS_REGION") {
		t.Errorf("message %q is not actionable", err)
	}
	// --region is enough.
	if _, err := NewClient(context.Background(), Options{Region: "eu-west-1"}); err != nil {
		t.Errorf("with a region: %v", err)
	}
}

func TestProfiles(t *testing.T) {
	awsfake.Isolate(t)
	_, err := NewClient(context.Background(), Options{Profile: "missing"})
	if e := Classify(err); e == nil || e.Kind != Config || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("missing profile: %#v", e)
	}
	// A profile of the shared files gives keys and region.
	creds := "[dev]\naws_access_key_id = fromfile\naws_secret_access_key = fromfile\n"
	conf := "[profile dev]\nregion = ap-southeast-2\n"
	if err := os.WriteFile(os.Getenv("AWS_SHARED_CREDENTIALS_FILE"), []byte(creds), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv("AWS_CONFIG_FILE"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := awsfake.New(t)
	api, err := NewClient(context.Background(), Options{Profile: "dev", EndpointURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ListAll(context.Background(), api); err != nil {
		t.Fatal(err)
	}
	// The request is signed with the profile's key for its region, and
	// says it comes from dplint.
	h := srv.Requests()[0].Header
	if auth := h.Get("Authorization"); !strings.Contains(auth, "Credential=fromfile/") ||
		!strings.Contains(auth, "/ap-southeast-2/datapipeline/aws4_request") {
		t.Errorf("Authorization = %q", auth)
	}
	if ua := h.Get("User-Agent"); !strings.Contains(ua, "app/dplint") {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestListAllPages(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Script("ListPipelines",
		awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-1", "name": "one"}, {"id": "df-2", "name": "two"}], "marker": "m1", "hasMoreResults": true}`},
		awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-3", "name": "three"}], "marker": "m2", "hasMoreResults": true}`},
		awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-4", "name": "four"}, {"id": "df-5", "name": "five"}], "hasMoreResults": false}`})
	list, err := ListAll(context.Background(), api)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range list {
		got = append(got, aws.ToString(p.Id)+"="+aws.ToString(p.Name))
	}
	if want := []string{"df-1=one", "df-2=two", "df-3=three", "df-4=four", "df-5=five"}; !reflect.DeepEqual(got, want) {
		t.Errorf("pipelines = %v, want %v", got, want)
	}
	var markers []any
	for _, r := range srv.Requests() {
		markers = append(markers, body(t, r)["marker"])
	}
	if want := []any{nil, "m1", "m2"}; !reflect.DeepEqual(markers, want) {
		t.Errorf("markers sent = %v, want %v", markers, want)
	}

	// A service that repeats its marker does not loop forever.
	srv2, api2 := fakeClient(t, Options{})
	srv2.Reply("ListPipelines", awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-1", "name": "one"}], "marker": "m", "hasMoreResults": true}`})
	if list, err := ListAll(context.Background(), api2); err != nil || len(list) != 2 || srv2.Count("ListPipelines") != 2 {
		t.Errorf("repeated marker: %d pipelines, %d calls, %v", len(list), srv2.Count("ListPipelines"), err)
	}
}

func TestPullDefinitionCLIForm(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("GetPipelineDefinition", awsfake.Reply{Status: 200, Body: apiDefinition})
	got, err := PullDefinition(context.Background(), api, "df-PULL")
	if err != nil {
		t.Fatal(err)
	}
	if b := body(t, srv.Requests()[0]); !reflect.DeepEqual(b, map[string]any{"pipelineId": "df-PULL"}) {
		t.Errorf("request = %v", b)
	}
	d := definition.Read("api.json", source.Parse("api.json", []byte(apiDefinition)))
	want, err := definition.ToCLI(d)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ojson.Marshal(got), ojson.Marshal(want); !bytes.Equal(g, w) {
		t.Errorf("pulled definition differs from definition.ToCLI\n got:\n%s\nwant:\n%s", g, w)
	}
	text := string(ojson.Marshal(got))
	for _, want := range []string{
		// repeated keys gathered into a list, refValue as {"ref"}, in order
		`"dependsOn": [
                {
                    "ref": "A"
                },
                {
                    "ref": "B"
                },
                {
                    "ref": "C"
                }
            ]`,
		`"runsOn": {
                "ref": "Ec2"
            }`,
		`"securityGroups": [
                "default",
                "ssh"
            ]`,
		`"allowedValues": [
                "hi",
                "hello"
            ]`,
		`"values": {
        "myList": [
            "1",
            "2"
        ],
        "myGreeting": "hello"
    }`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pulled definition lacks\n%s\nin\n%s", want, text)
		}
	}
	if keys := keysOf(got); !reflect.DeepEqual(keys, []string{"objects", "parameters", "values"}) {
		t.Errorf("top-level keys = %v", keys)
	}
	first := got[0].Value.([]any)[1].(ojson.Object)
	if keys := keysOf(first); !reflect.DeepEqual(keys, []string{"id", "name", "type", "dependsOn", "command", "runsOn", "parent"}) {
		t.Errorf("Cmd keys = %v, want id, name, then fields in order of first appearance", keys)
	}

	// The AWS CLI prints the same bytes for the same reply.
	t.Run("aws-cli", func(t *testing.T) {
		awsPath := testenv.Tool(t, "aws")
		stdout, stderr, code := srv.RunCLI(t, awsPath, "datapipeline", "get-pipeline-definition", "--pipeline-id", "df-PULL")
		if code != 0 {
			t.Fatalf("aws exited %d: %s", code, stderr)
		}
		if stdout != text {
			t.Errorf("the AWS CLI prints\n%s\ndplint pulled\n%s", stdout, text)
		}
	})
}

func keysOf(o ojson.Object) []string {
	var keys []string
	for _, m := range o {
		keys = append(keys, m.Key)
	}
	return keys
}

func TestPullEmptyAndBroken(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Script("GetPipelineDefinition",
		awsfake.Reply{Status: 200, Body: `{}`},
		awsfake.Reply{Status: 200, Body: `{"pipelineObjects": [{"id": "A", "name": "A", "fields": [{"key": "x"}]}]}`})
	got, err := PullDefinition(context.Background(), api, "df-1")
	if err != nil || string(ojson.Marshal(got)) != "{}\n" {
		t.Errorf("empty reply: %s, %v", ojson.Marshal(got), err)
	}
	if _, err := PullDefinition(context.Background(), api, "df-1"); err == nil || !strings.Contains(err.Error(), "neither stringValue nor refValue") {
		t.Errorf("a field without a value: %v", err)
	}
}

func TestEvaluate(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("EvaluateExpression", awsfake.Reply{Status: 200, Body: `{"evaluatedExpression": "s3://bucket/2024-01-02"}`})
	got, err := Evaluate(context.Background(), api, "df-EVAL", "Default", "s3://bucket/#{format(@scheduledStartTime,'YYYY-MM-dd')}")
	if err != nil || got != "s3://bucket/2024-01-02" {
		t.Fatalf("Evaluate = %q, %v", got, err)
	}
	want := map[string]any{"pipelineId": "df-EVAL", "objectId": "Default",
		"expression": "s3://bucket/#{format(@scheduledStartTime,'YYYY-MM-dd')}"}
	if b := body(t, srv.Requests()[0]); !reflect.DeepEqual(b, want) {
		t.Errorf("request = %v", b)
	}
	srv.Reply("EvaluateExpression", awsfake.Reply{Status: 400, Body: `{"__type": "InvalidRequestException", "message": "Invalid expression"}`})
	if _, err := Evaluate(context.Background(), api, "df-EVAL", "Default", "#{"); Classify(err).Kind != Service ||
		err.Error() != "An error occurred (InvalidRequestException) when calling the EvaluateExpression operation: Invalid expression" {
		t.Errorf("error = %v", err)
	}
}

func TestFindScratch(t *testing.T) {
	srv, api := fakeClient(t, Options{})
	srv.Reply("ListPipelines", awsfake.Reply{Status: 200, Body: `{"pipelineIdList": [{"id": "df-1", "name": "mine"}, {"id": "df-2", "name": "dplint-scratch-0123abcd"}]}`})
	srv.Reply("DescribePipelines", awsfake.Reply{Status: 200, Body: `{"pipelineDescriptionList": [
		{"pipelineId": "df-1", "name": "mine", "fields": [], "tags": []},
		{"pipelineId": "df-2", "name": "dplint-scratch-0123abcd", "fields": [], "tags": [{"key": "dplint:scratch", "value": "true"}]}]}`})
	found, err := FindScratch(context.Background(), api)
	if err != nil || len(found) != 1 || aws.ToString(found[0].PipelineId) != "df-2" {
		t.Fatalf("FindScratch = %+v, %v", found, err)
	}
	if b := body(t, srv.Requests()[1]); !reflect.DeepEqual(b, map[string]any{"pipelineIds": []any{"df-1", "df-2"}}) {
		t.Errorf("DescribePipelines request = %v", b)
	}
}

// countingAPI counts the CreatePipeline calls that reach the client.
type countingAPI struct {
	API
	creates int
}

func (c *countingAPI) CreatePipeline(ctx context.Context, in *datapipeline.CreatePipelineInput, opts ...func(*datapipeline.Options)) (*datapipeline.CreatePipelineOutput, error) {
	c.creates++
	return c.API.CreatePipeline(ctx, in, opts...)
}

// A refused connection sent nothing: there is no pipeline to look for.
func TestValidateUnreachable(t *testing.T) {
	awsfake.Credentials(t)
	client, err := NewClient(context.Background(), Options{EndpointURL: "http://127.0.0.1:1", MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	api := &countingAPI{API: client}
	_, c, err := Validate(context.Background(), api, "", request(t))
	if e := Classify(err); e == nil || e.Kind != Other || !strings.Contains(err.Error(), "CreatePipeline failed: cannot reach AWS Data Pipeline at http://127.0.0.1:1") {
		t.Fatalf("error = %v", err)
	}
	if api.creates != 1 || c.Created || c.LeftBehind() {
		t.Errorf("%d CreatePipeline calls, cleanup %+v", api.creates, c)
	}
}

// A CreatePipeline that fails on the service's side (5xx, retries spent)
// may have made the pipeline: it is looked for and deleted.
func TestValidateCreateServerErrorRecovers(t *testing.T) {
	srv, api := fakeClient(t, Options{MaxAttempts: 2})
	internal := awsfake.Reply{Status: 500, Body: `{"__type": "InternalServiceError", "message": "oops"}`}
	srv.Script("CreatePipeline", internal, internal)
	srv.Reply("CreatePipeline", awsfake.Reply{Status: 200, Body: `{"pipelineId": "df-MAYBE"}`})
	srv.Reply("DeletePipeline", awsfake.Reply{Status: 200, Body: emptyReply})
	_, c, err := Validate(context.Background(), api, "", request(t))
	if e := Classify(err); e == nil || e.Kind != Service || e.Code != "InternalServiceError" {
		t.Fatalf("error = %v", err)
	}
	if got := ops(srv); !reflect.DeepEqual(got, []string{"CreatePipeline", "CreatePipeline", "CreatePipeline", "DeletePipeline"}) {
		t.Errorf("calls = %v", got)
	}
	if c.PipelineID != "df-MAYBE" || !c.Deleted || c.LeftBehind() {
		t.Errorf("cleanup = %+v", c)
	}

	// When the check fails too, the message says what to look for.
	srv2, api2 := fakeClient(t, Options{MaxAttempts: 1})
	srv2.Reply("CreatePipeline", internal)
	_, c, _ = Validate(context.Background(), api2, "", request(t))
	if !c.LeftBehind() || c.PipelineID != "" || !strings.Contains(c.Message(), c.Name) || !strings.Contains(c.Message(), "list-pipelines") {
		t.Errorf("cleanup = %+v, message %q", c, c.Message())
	}
}

// TestSDKLogsStayQuiet: without credentials, on a machine whose instance
// metadata service refuses a token (as EC2 without a role does), the SDK
// logs "falling back to IMDSv1" to the process's stderr unless told not to;
// dplint says what went wrong in its own error instead.
func TestSDKLogsStayQuiet(t *testing.T) {
	awsfake.Isolate(t)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "")
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "forbidden", http.StatusForbidden)
	}))
	defer imds.Close()
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	_, clientErr := NewClient(context.Background(), Options{EndpointURL: "http://127.0.0.1:1", Timeout: 10 * time.Second})
	os.Stderr = saved
	w.Close()
	logged, _ := io.ReadAll(r)
	if !errors.Is(clientErr, ErrNoCredentials) {
		t.Fatalf("error = %v, want ErrNoCredentials", clientErr)
	}
	if len(logged) > 0 {
		t.Errorf("the SDK wrote to stderr:\n%s", logged)
	}
}

// TestNotSentWhenConditionsAreOpen: a template's pipeline that depends on
// conditions the deploy decides is not sent: the service would judge one
// branch of it.
func TestNotSentWhenConditionsAreOpen(t *testing.T) {
	d := &definition.Definition{Embedded: &definition.Embedding{Worlds: []definition.World{
		{Choice: map[string]bool{"B": false, "A": false}}, {Choice: map[string]bool{"B": true, "A": false}},
	}}}
	s := &Session{}
	reply, err := s.Reply(d)
	if err != nil || reply.Answer != nil || !strings.Contains(reply.Note, "not sent to the service: values known only at deploy time (the conditions A, B)") {
		t.Errorf("Reply = %+v, %v; want a note that it was not sent", reply, err)
	}
}
