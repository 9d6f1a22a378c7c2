package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/apimodel"
	"github.com/dplint/dplint/source"
)

// fixed is the clock of the tests' servers.
var fixed = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type testServer struct {
	*Server
	URL string
	t   testing.TB
}

func start(t testing.TB, opt Options) *testServer {
	t.Helper()
	if opt.Now == nil && opt.Clock == nil {
		opt.Now = func() time.Time { return fixed }
	}
	if opt.PollWait == 0 {
		opt.PollWait = 200 * time.Millisecond // a poll with no task answers soon
	}
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		hs.Close()
		s.Close()
	})
	return &testServer{Server: s, URL: hs.URL, t: t}
}

// testClient keeps a connection per concurrent client (the default keeps
// two idle per host, and 16 clients would open and close connections all
// the time).
var testClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}

// reply is an answer: its status, __type (errors) and decoded body.
type reply struct {
	Status int
	Type   string
	Msg    string
	Body   map[string]any
	Raw    []byte
}

// commonErrors are the errors every AWS JSON service may answer with,
// beside the operation's own.
var commonErrors = []string{"ValidationException", "SerializationException", "UnknownOperationException"}

// call sends one request and holds the answer to the model: a success
// conforms to the operation's output shape, an error is one the
// operation may return, with the status its shape implies.
func (ts *testServer) call(op string, in any) reply {
	ts.t.Helper()
	body, err := json.Marshal(in)
	if err != nil {
		ts.t.Fatal(err)
	}
	r := ts.raw("DataPipeline."+op, "application/x-amz-json-1.1", body)
	m := apimodel.DataPipeline()
	o := m.Operations[op]
	if r.Status == http.StatusOK {
		if o.Output != "" {
			if diffs := m.Conform(o.Output, decodeAny(ts.t, r.Raw)); len(diffs) > 0 {
				ts.t.Fatalf("%s answer does not conform to %s: %v\n%s", op, o.Output, diffs, r.Raw)
			}
		}
		return r
	}
	if !slices.Contains(o.Errors, r.Type) && !slices.Contains(commonErrors, r.Type) {
		ts.t.Fatalf("%s answered %s, which is not one of its errors %v", op, r.Type, o.Errors)
	}
	want := http.StatusBadRequest
	if sh := m.Shapes[r.Type]; sh != nil && sh.Fault {
		want = http.StatusInternalServerError
	}
	if r.Status != want {
		ts.t.Fatalf("%s answered %s with HTTP %d, want %d", op, r.Type, r.Status, want)
	}
	return r
}

func (ts *testServer) raw(target, ctype string, body []byte) reply {
	ts.t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/", bytes.NewReader(body))
	if err != nil {
		ts.t.Fatal(err)
	}
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := testClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	r := reply{Status: resp.StatusCode, Raw: data}
	if err := json.Unmarshal(data, &r.Body); err != nil {
		ts.t.Fatalf("%s: the answer is not a JSON object: %v\n%s", target, err, data)
	}
	if resp.StatusCode != http.StatusOK {
		r.Type, _ = r.Body["__type"].(string)
		r.Msg, _ = r.Body["message"].(string)
		if r.Type == "" || resp.Header.Get("X-Amzn-ErrorType") != r.Type {
			ts.t.Fatalf("%s: an error answer without its __type: %s", target, data)
		}
	}
	return r
}

// ok calls and requires success.
func (ts *testServer) ok(op string, in any) map[string]any {
	ts.t.Helper()
	r := ts.call(op, in)
	if r.Status != http.StatusOK {
		ts.t.Fatalf("%s: %d %s: %s", op, r.Status, r.Type, r.Msg)
	}
	return r.Body
}

// fails calls and requires the error type, returning its message.
func (ts *testServer) fails(op string, in any, typ string) string {
	ts.t.Helper()
	r := ts.call(op, in)
	if r.Type != typ {
		ts.t.Fatalf("%s: want %s, got %d %s %s", op, typ, r.Status, r.Type, r.Raw)
	}
	return r.Msg
}

func (ts *testServer) create(name string) string {
	ts.t.Helper()
	return ts.ok("CreatePipeline", obj{"name": name, "uniqueId": name + "-token"})["pipelineId"].(string)
}

type obj = map[string]any

func decodeAny(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// apiForm reads a CLI-form fixture and returns it as the AWS CLI sends it
// (pipelineObjects, parameterObjects, parameterValues).
func apiForm(t testing.TB, name string) obj {
	t.Helper()
	path := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := definition.Read(path, source.Parse(path, data))
	out, err := definition.Translate(d, "api")
	if err != nil {
		t.Fatal(err)
	}
	var m obj
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func put(id string, def obj) obj {
	in := obj{"pipelineId": id}
	for k, v := range def {
		in[k] = v
	}
	return in
}

// fields turns a fields list into key -> values.
func fields(t testing.TB, v any) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range v.([]any) {
		m := f.(map[string]any)
		s, _ := m["stringValue"].(string)
		if r, ok := m["refValue"].(string); ok {
			s = "ref:" + r
		}
		out[m["key"].(string)] = append(out[m["key"].(string)], s)
	}
	return out
}

func jsonText(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}
