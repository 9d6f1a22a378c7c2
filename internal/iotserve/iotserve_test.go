package iotserve_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/iotserve"
)

// clock is a manual clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type answer struct {
	status  int
	errType string
	body    map[string]any
	raw     string
}

func call(t *testing.T, url, method, path, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, errType: resp.Header.Get("X-Amzn-Errortype"), raw: string(data)}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &a.body); err != nil {
			t.Fatalf("%s %s: answer is not JSON: %s", method, path, data)
		}
	}
	return a
}

func (a answer) want(t *testing.T, status int, errType string) {
	t.Helper()
	if a.status != status || a.errType != errType {
		t.Fatalf("answer %d %q, want %d %q: %s", a.status, a.errType, status, errType, a.raw)
	}
}

const activities = `[
 {"channel": {"name": "In", "channelName": "telemetry", "next": "Add"}},
 {"addAttributes": {"name": "Add", "attributes": {"temp": "temperature"}, "next": "Store"}},
 {"datastore": {"name": "Store", "datastoreName": "store"}}]`

func start(t *testing.T, o iotserve.Options) (string, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)}
	o.Now = c.now
	srv := httptest.NewServer(iotserve.New(o))
	t.Cleanup(srv.Close)
	return srv.URL, c
}

func TestPipelines(t *testing.T) {
	url, c := start(t, iotserve.Options{})
	a := call(t, url, "POST", "/pipelines", `{"pipelineName": "p1", "pipelineActivities": `+activities+`, "tags": [{"key": "team", "value": "a"}]}`)
	a.want(t, 201, "")
	if a.body["pipelineArn"] != "arn:aws:iotanalytics:us-east-1:123456789012:pipeline/p1" {
		t.Errorf("create: %s", a.raw)
	}
	a = call(t, url, "POST", "/pipelines", `{"pipelineName": "p1", "pipelineActivities": `+activities+`}`)
	a.want(t, 409, "ResourceAlreadyExistsException")
	if a.body["resourceId"] != "p1" || !strings.Contains(a.body["message"].(string), "already exists") {
		t.Errorf("second create: %s", a.raw)
	}
	call(t, url, "POST", "/pipelines", `{"pipelineName": "__p", "pipelineActivities": []}`).want(t, 400, "InvalidRequestException")
	call(t, url, "POST", "/pipelines", `{"pipelineName": "p2"}`).want(t, 400, "InvalidRequestException")
	call(t, url, "POST", "/pipelines", `{"pipelineName": `).want(t, 400, "InvalidRequestException")

	c.advance(time.Minute)
	a = call(t, url, "GET", "/pipelines/p1", "")
	a.want(t, 200, "")
	p := a.body["pipeline"].(map[string]any)
	if acts := p["activities"].([]any); len(acts) != 3 || p["creationTime"] != float64(time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC).Unix()) {
		t.Errorf("describe: %s", a.raw)
	}
	call(t, url, "PUT", "/pipelines/p1", `{"pipelineActivities": `+activities+`}`).want(t, 200, "")
	a = call(t, url, "GET", "/pipelines/p1", "")
	if p := a.body["pipeline"].(map[string]any); p["lastUpdateTime"].(float64)-p["creationTime"].(float64) != 60 {
		t.Errorf("update did not move lastUpdateTime: %s", a.raw)
	}
	call(t, url, "PUT", "/pipelines/nope", `{"pipelineActivities": `+activities+`}`).want(t, 404, "ResourceNotFoundException")
	call(t, url, "DELETE", "/pipelines/p1", "").want(t, 204, "")
	call(t, url, "GET", "/pipelines/p1", "").want(t, 404, "ResourceNotFoundException")
	call(t, url, "DELETE", "/pipelines/p1", "").want(t, 404, "ResourceNotFoundException")
	call(t, url, "GET", "/channels", "").want(t, 404, "UnknownOperationException")
	call(t, url, "POST", "/pipelines", `{"pipelineName": "big", "pipelineActivities": "`+strings.Repeat("x", iotserve.MaxBody)+`"}`).want(t, 400, "InvalidRequestException")
}

// TestCheck: what the caller's Check refuses is InvalidRequestException
// with its text, and Check sees the path's pipeline name in the body.
func TestCheck(t *testing.T) {
	var seen []string
	url, _ := start(t, iotserve.Options{Check: func(op string, body []byte) error {
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		seen = append(seen, fmt.Sprintf("%s %v", op, m["pipelineName"]))
		if strings.Contains(string(body), "channelMessages") && strings.Contains(string(body), "startTime") {
			return errors.New("startTime cannot be used with channelMessages")
		}
		return nil
	}})
	call(t, url, "POST", "/pipelines", `{"pipelineName": "p", "pipelineActivities": `+activities+`}`).want(t, 201, "")
	a := call(t, url, "POST", "/pipelines/p/reprocessing", `{"startTime": 1, "channelMessages": {"s3Paths": ["a"]}}`)
	a.want(t, 400, "InvalidRequestException")
	if a.body["message"] != "startTime cannot be used with channelMessages" {
		t.Errorf("refusal: %s", a.raw)
	}
	call(t, url, "PUT", "/pipelines/p", `{"pipelineActivities": `+activities+`}`).want(t, 200, "")
	if got := strings.Join(seen, ", "); got != "CreatePipeline p, StartPipelineReprocessing p, UpdatePipeline p" {
		t.Errorf("Check saw %s", got)
	}
}

func TestListPages(t *testing.T) {
	url, _ := start(t, iotserve.Options{})
	for _, n := range []string{"e", "b", "d", "a", "c"} {
		call(t, url, "POST", "/pipelines", `{"pipelineName": "`+n+`", "pipelineActivities": `+activities+`}`).want(t, 201, "")
	}
	var got []string
	token := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("pages never end")
		}
		path := "/pipelines?maxResults=2"
		if token != "" {
			path += "&nextToken=" + token
		}
		a := call(t, url, "GET", path, "")
		a.want(t, 200, "")
		for _, s := range a.body["pipelineSummaries"].([]any) {
			got = append(got, s.(map[string]any)["pipelineName"].(string))
		}
		next, _ := a.body["nextToken"].(string)
		if next == "" {
			break
		}
		token = next
	}
	if strings.Join(got, "") != "abcde" {
		t.Errorf("pages gave %v", got)
	}
	call(t, url, "GET", "/pipelines?maxResults=0", "").want(t, 400, "InvalidRequestException")
	call(t, url, "GET", "/pipelines?maxResults=251", "").want(t, 400, "InvalidRequestException")
}

func TestReprocessing(t *testing.T) {
	url, c := start(t, iotserve.Options{ReprocessingDuration: 10 * time.Second})
	call(t, url, "POST", "/pipelines", `{"pipelineName": "p", "pipelineActivities": `+activities+`}`).want(t, 201, "")
	a := call(t, url, "POST", "/pipelines/p/reprocessing", `{"startTime": 1700000000, "endTime": 1700003600}`)
	a.want(t, 200, "")
	first := a.body["reprocessingId"].(string)
	status := func() []string {
		var out []string
		for _, s := range call(t, url, "GET", "/pipelines/p", "").body["pipeline"].(map[string]any)["reprocessingSummaries"].([]any) {
			out = append(out, s.(map[string]any)["status"].(string))
		}
		return out
	}
	if got := status(); len(got) != 1 || got[0] != "RUNNING" {
		t.Errorf("after start: %v", got)
	}
	call(t, url, "POST", "/pipelines/p/reprocessing", `{}`).want(t, 409, "ResourceAlreadyExistsException")
	c.advance(10 * time.Second)
	if got := status(); got[0] != "SUCCEEDED" {
		t.Errorf("after the duration: %v", got)
	}
	call(t, url, "DELETE", "/pipelines/p/reprocessing/"+first, "").want(t, 400, "InvalidRequestException")
	a = call(t, url, "POST", "/pipelines/p/reprocessing", `{}`)
	a.want(t, 200, "")
	second := a.body["reprocessingId"].(string)
	call(t, url, "DELETE", "/pipelines/p/reprocessing/"+second, "").want(t, 200, "")
	c.advance(time.Hour)
	if got := strings.Join(status(), " "); got != "CANCELLED SUCCEEDED" {
		t.Errorf("newest first: %s", got)
	}
	call(t, url, "DELETE", "/pipelines/p/reprocessing/no-such-id", "").want(t, 404, "ResourceNotFoundException")
	call(t, url, "POST", "/pipelines/q/reprocessing", `{}`).want(t, 404, "ResourceNotFoundException")
	a = call(t, url, "GET", "/pipelines", "")
	if sums := a.body["pipelineSummaries"].([]any); len(sums) != 1 || len(sums[0].(map[string]any)["reprocessingSummaries"].([]any)) != 2 {
		t.Errorf("list: %s", a.raw)
	}
}

func payloads(msgs ...string) string {
	var out []string
	for _, m := range msgs {
		out = append(out, `"`+base64.StdEncoding.EncodeToString([]byte(m))+`"`)
	}
	return "[" + strings.Join(out, ",") + "]"
}

func TestRunPipelineActivity(t *testing.T) {
	url, _ := start(t, iotserve.Options{})
	run := func(activity, msgs string) answer {
		return call(t, url, "POST", "/pipelineactivities/run", `{"pipelineActivity": `+activity+`, "payloads": `+msgs+`}`)
	}
	decoded := func(a answer) string {
		var out []string
		for _, p := range a.body["payloads"].([]any) {
			b, _ := base64.StdEncoding.DecodeString(p.(string))
			out = append(out, string(b))
		}
		return strings.Join(out, " ")
	}
	msgs := payloads(`{"temp": 21.5, "id": "a", "x": {"y": 1}}`, `{"id": "b"}`)
	for _, tc := range []struct{ activity, want string }{
		{`{"addAttributes": {"name": "A", "attributes": {"temp": "temperature", "id": "device"}}}`,
			`{"temp":21.5,"id":"a","x":{"y":1},"temperature":21.5,"device":"a"} {"id":"b","device":"b"}`},
		{`{"removeAttributes": {"name": "R", "attributes": ["temp", "x"]}}`, `{"id":"a"} {"id":"b"}`},
		{`{"selectAttributes": {"name": "S", "attributes": ["x", "id"]}}`, `{"id":"a","x":{"y":1}} {"id":"b"}`},
	} {
		a := run(tc.activity, msgs)
		a.want(t, 200, "")
		if got := decoded(a); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.activity, got, tc.want)
		}
	}
	a := run(`{"filter": {"name": "F", "filter": "temp > 20"}}`, msgs)
	a.want(t, 400, "InvalidRequestException")
	if !strings.Contains(a.body["message"].(string), "does not emulate the filter activity") {
		t.Errorf("filter: %s", a.raw)
	}
	run(`{"removeAttributes": {"name": "R", "attributes": ["a"]}}`, payloads("not json")).want(t, 400, "InvalidRequestException")
	run(`{"removeAttributes": {"name": "R", "attributes": []}}`, msgs).want(t, 400, "InvalidRequestException")
	run(`{"removeAttributes": {"name": "R", "attributes": ["a"]}, "selectAttributes": {"name": "S", "attributes": ["a"]}}`, msgs).want(t, 400, "InvalidRequestException")
	run(`{"removeAttributes": {"name": "R", "attributes": ["a"]}}`, payloads(strings.Split(strings.Repeat("{} ", 11), " ")[:11]...)).want(t, 400, "InvalidRequestException")
}
