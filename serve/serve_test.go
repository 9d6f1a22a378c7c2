package serve

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestCreateIsIdempotentAndDescribed(t *testing.T) {
	ts := start(t, Options{AccountID: "111122223333"})
	in := obj{"name": "nightly", "uniqueId": "tok-1", "description": "the nightly copy", "tags": []obj{{"key": "team", "value": "data"}}}
	id := ts.ok("CreatePipeline", in)["pipelineId"].(string)
	if !regexp.MustCompile(`^df-[0-9A-Z]{20}$`).MatchString(id) {
		t.Fatalf("pipeline id %q is not in the service's form", id)
	}
	if again := ts.ok("CreatePipeline", in)["pipelineId"]; again != id {
		t.Fatalf("the same name and uniqueId made a second pipeline: %v, %v", id, again)
	}
	other := ts.ok("CreatePipeline", obj{"name": "nightly", "uniqueId": "tok-2"})["pipelineId"]
	if other == id {
		t.Fatal("another uniqueId gave the same pipeline")
	}
	out := ts.ok("DescribePipelines", obj{"pipelineIds": []string{id}})
	list := out["pipelineDescriptionList"].([]any)
	if len(list) != 1 {
		t.Fatalf("want one description, got %v", out)
	}
	d := list[0].(map[string]any)
	f := fields(t, d["fields"])
	want := map[string]string{
		"@pipelineState": "PENDING", "name": "nightly", "@creationTime": "2026-03-01T12:00:00", "@id": id,
		"pipelineCreator": "111122223333", "@sphere": "PIPELINE", "@userId": "111122223333", "@accountId": "111122223333",
		"uniqueId": "tok-1", "description": "the nightly copy",
	}
	for k, v := range want {
		if len(f[k]) != 1 || f[k][0] != v {
			t.Errorf("field %s = %v, want %q", k, f[k], v)
		}
	}
	if d["name"] != "nightly" || d["description"] != "the nightly copy" || jsonText(d["tags"]) != `[{"key":"team","value":"data"}]` {
		t.Errorf("description: %v", d)
	}
	ts.fails("DescribePipelines", obj{"pipelineIds": []string{"df-NOSUCHPIPELINE0000"}}, "PipelineNotFoundException")
	ids := make([]string, 26)
	for i := range ids {
		ids[i] = id
	}
	ts.fails("DescribePipelines", obj{"pipelineIds": ids}, "InvalidRequestException")
}

func TestModelConstraints(t *testing.T) {
	ts := start(t, Options{})
	msg := ts.fails("CreatePipeline", obj{"name": "x"}, "ValidationException")
	if msg != "1 validation error detected: Value null at 'uniqueId' failed to satisfy constraint: Member must not be null" {
		t.Errorf("message: %s", msg)
	}
	msg = ts.fails("CreatePipeline", obj{"name": strings.Repeat("n", 1025), "uniqueId": ""}, "ValidationException")
	if msg != "2 validation errors detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 1024; "+
		"Value '' at 'uniqueId' failed to satisfy constraint: Member must have length greater than or equal to 1" {
		t.Errorf("message: %s", msg)
	}
	id := ts.create("p")
	msg = ts.fails("QueryObjects", obj{"pipelineId": id, "sphere": "COMPONENT", "query": obj{"selectors": []obj{{"fieldName": "name", "operator": obj{"type": "LIKE", "values": []string{"x"}}}}}}, "ValidationException")
	if !strings.Contains(msg, "at 'query.selectors.1.member.operator.type' failed to satisfy constraint: Member must satisfy enum value set: [EQ, REF_EQ, LE, GE, BETWEEN]") {
		t.Errorf("message: %s", msg)
	}
	ts.fails("CreatePipeline", obj{"name": 7, "uniqueId": "u"}, "SerializationException")
	tags := make([]obj, 11)
	for i := range tags {
		tags[i] = obj{"key": "k" + string(rune('a'+i)), "value": "v"}
	}
	ts.fails("CreatePipeline", obj{"name": "x", "uniqueId": "y", "tags": tags}, "ValidationException")
}

func TestListPipelinesPages(t *testing.T) {
	ts := start(t, Options{PageSize: 3})
	var made []string
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		made = append(made, ts.create(n))
	}
	ts.ok("DeletePipeline", obj{"pipelineId": made[1]})
	var seen []string
	in := obj{}
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("ListPipelines does not end")
		}
		out := ts.ok("ListPipelines", in)
		for _, p := range out["pipelineIdList"].([]any) {
			seen = append(seen, p.(map[string]any)["id"].(string))
		}
		if out["hasMoreResults"] != true {
			if _, ok := out["marker"]; ok {
				t.Fatal("a last page with a marker")
			}
			break
		}
		if len(out["pipelineIdList"].([]any)) != 3 {
			t.Fatalf("a page that is not the last holds %d", len(out["pipelineIdList"].([]any)))
		}
		in = obj{"marker": out["marker"]}
	}
	want := append([]string{made[0]}, made[2:]...)
	if strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Fatalf("listed %v, want %v (creation order, the deleted one left out)", seen, want)
	}
	ts.fails("ListPipelines", obj{"marker": "garbage"}, "InvalidRequestException")
}

func TestPutValidateGet(t *testing.T) {
	ts := start(t, Options{})
	id := ts.create("p")
	good, bad := apiForm(t, "scheduled.json"), apiForm(t, "broken.json")

	out := ts.ok("ValidatePipelineDefinition", put(id, bad))
	if out["errored"] != true || !strings.Contains(jsonText(out["validationErrors"]), `{"errors":["'runsOn' refers to 'NoSuchResource', which is not defined"],"id":"Greet"}`) {
		t.Fatalf("validate: %s", jsonText(out))
	}
	if !strings.Contains(jsonText(out["validationWarnings"]), `"id":"Default"`) {
		t.Fatalf("validate warnings: %s", jsonText(out))
	}
	if got := ts.ok("GetPipelineDefinition", obj{"pipelineId": id}); len(got["pipelineObjects"].([]any)) != 0 {
		t.Fatalf("ValidatePipelineDefinition stored the definition: %v", got)
	}

	// Stored although it has errors, as the model says, with errored true.
	out = ts.ok("PutPipelineDefinition", put(id, bad))
	if out["errored"] != true {
		t.Fatalf("put: %v", out)
	}
	got := ts.ok("GetPipelineDefinition", obj{"pipelineId": id})
	if jsonText(got["pipelineObjects"]) != jsonText(bad["pipelineObjects"]) {
		t.Fatalf("get returned\n%s\nwant\n%s", jsonText(got["pipelineObjects"]), jsonText(bad["pipelineObjects"]))
	}
	ts.fails("ActivatePipeline", obj{"pipelineId": id}, "InvalidRequestException")

	out = ts.ok("PutPipelineDefinition", put(id, good))
	if out["errored"] != false || len(out["validationErrors"].([]any)) != 0 {
		t.Fatalf("put good: %v", out)
	}
	got = ts.ok("GetPipelineDefinition", obj{"pipelineId": id, "version": "latest"})
	if jsonText(got["parameterObjects"]) != jsonText(good["parameterObjects"]) {
		t.Fatalf("parameters: %s", jsonText(got))
	}
	ts.fails("GetPipelineDefinition", obj{"pipelineId": id, "version": "active"}, "InvalidRequestException")
	ts.fails("GetPipelineDefinition", obj{"pipelineId": id, "version": "first"}, "InvalidRequestException")
	ts.fails("PutPipelineDefinition", put("df-NOSUCHPIPELINE0000", good), "PipelineNotFoundException")
}

// The cases the API documents as never saved are refused.
func TestPutRefuses(t *testing.T) {
	ts := start(t, Options{MaxObjects: 3})
	id := ts.create("p")
	empty := obj{"pipelineObjects": []obj{{"id": "Default", "name": "Default", "fields": []obj{{"key": "scheduleType", "stringValue": ""}}}}}
	ts.fails("PutPipelineDefinition", put(id, empty), "InvalidRequestException")
	noValue := obj{"pipelineObjects": []obj{{"id": "Default", "name": "Default", "fields": []obj{{"key": "scheduleType"}}}}}
	ts.fails("PutPipelineDefinition", put(id, noValue), "InvalidRequestException")
	noName := obj{"pipelineObjects": []obj{{"id": "Default", "fields": []obj{}}}}
	msg := ts.fails("PutPipelineDefinition", put(id, noName), "ValidationException")
	if !strings.Contains(msg, "'pipelineObjects.1.member.name' failed to satisfy constraint: Member must not be null") {
		t.Errorf("message: %s", msg)
	}
	msg = ts.fails("PutPipelineDefinition", put(id, apiForm(t, "scheduled.json")), "InvalidRequestException")
	if msg != "Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline" {
		t.Errorf("message: %s", msg)
	}
	// Within the model's 10,240 characters but over the 10,240 bytes dplint
	// holds the service to: the exception dplint predicts.
	wide := obj{"pipelineObjects": []obj{{"id": "Default", "name": "Default", "fields": []obj{{"key": "myNote", "stringValue": strings.Repeat("é", 6000)}}}}}
	msg = ts.fails("ValidatePipelineDefinition", put(id, wide), "ValidationException")
	if msg != "1 validation error detected: Value at 'pipelineObjects.1.member.fields.1.member.stringValue' failed to satisfy constraint: Member must have length less than or equal to 10240" {
		t.Errorf("message: %s", msg)
	}
	if got := ts.ok("GetPipelineDefinition", obj{"pipelineId": id}); len(got["pipelineObjects"].([]any)) != 0 {
		t.Fatalf("a refused definition was stored: %v", got)
	}
}

func state(t *testing.T, ts *testServer, id string) string {
	t.Helper()
	d := ts.ok("DescribePipelines", obj{"pipelineIds": []string{id}})["pipelineDescriptionList"].([]any)[0].(map[string]any)
	return fields(t, d["fields"])["@pipelineState"][0]
}

func TestStates(t *testing.T) {
	ts := start(t, Options{})
	id := ts.create("p")
	ts.fails("ActivatePipeline", obj{"pipelineId": id}, "InvalidRequestException") // no definition
	ts.ok("PutPipelineDefinition", put(id, apiForm(t, "scheduled.json")))
	if s := state(t, ts, id); s != "PENDING" {
		t.Fatalf("after put: %s", s)
	}
	ts.ok("ActivatePipeline", obj{"pipelineId": id, "parameterValues": []obj{{"id": "myGreeting", "stringValue": "hi"}}, "startTimestamp": 1893456000})
	if s := state(t, ts, id); s != "SCHEDULED" {
		t.Fatalf("after activate: %s", s)
	}
	active := ts.ok("GetPipelineDefinition", obj{"pipelineId": id, "version": "active"})
	if jsonText(active["parameterValues"]) != `[{"id":"myGreeting","stringValue":"hi"}]` {
		t.Fatalf("active values: %s", jsonText(active["parameterValues"]))
	}
	d := ts.ok("DescribePipelines", obj{"pipelineIds": []string{id}})["pipelineDescriptionList"].([]any)[0].(map[string]any)
	if f := fields(t, d["fields"]); f["@lastActivationTime"][0] != "2026-03-01T12:00:00" || f["@version"][0] != "1" {
		t.Fatalf("activation fields: %v", f)
	}
	ts.ok("DeactivatePipeline", obj{"pipelineId": id, "cancelActive": true})
	if s := state(t, ts, id); s != "INACTIVE" {
		t.Fatalf("after deactivate: %s", s)
	}
	ts.ok("ActivatePipeline", obj{"pipelineId": id})
	if s := state(t, ts, id); s != "SCHEDULED" {
		t.Fatalf("after activating again: %s", s)
	}

	// Every schedule over: FINISHED, and then neither a new definition nor
	// a status is taken.
	done := ts.create("done")
	ts.ok("PutPipelineDefinition", put(done, apiForm(t, "ended.json")))
	ts.ok("ActivatePipeline", obj{"pipelineId": done})
	if s := state(t, ts, done); s != "FINISHED" {
		t.Fatalf("a pipeline whose schedules ended: %s", s)
	}
	ts.fails("PutPipelineDefinition", put(done, apiForm(t, "ended.json")), "InvalidRequestException")
	ts.fails("SetStatus", obj{"pipelineId": done, "objectIds": []string{"Greet"}, "status": "PAUSE"}, "InvalidRequestException")

	ts.ok("DeletePipeline", obj{"pipelineId": id})
	ts.fails("DescribePipelines", obj{"pipelineIds": []string{id}}, "PipelineDeletedException")
	ts.fails("GetPipelineDefinition", obj{"pipelineId": id}, "PipelineDeletedException")
	ts.fails("DeletePipeline", obj{"pipelineId": id}, "PipelineNotFoundException")
	if again := ts.ok("CreatePipeline", obj{"name": "p", "uniqueId": "p-token"})["pipelineId"]; again != id {
		t.Fatalf("after delete, the same name and uniqueId gave %v, not %v", again, id)
	}
}

func TestTags(t *testing.T) {
	ts := start(t, Options{})
	id := ts.ok("CreatePipeline", obj{"name": "p", "uniqueId": "u", "tags": []obj{{"key": "a", "value": "1"}}})["pipelineId"].(string)
	ts.ok("AddTags", obj{"pipelineId": id, "tags": []obj{{"key": "b", "value": "2"}, {"key": "a", "value": "3"}}})
	tags := func() string {
		d := ts.ok("DescribePipelines", obj{"pipelineIds": []string{id}})["pipelineDescriptionList"].([]any)[0].(map[string]any)
		return jsonText(d["tags"])
	}
	if got := tags(); got != `[{"key":"a","value":"3"},{"key":"b","value":"2"}]` {
		t.Fatalf("tags: %s", got)
	}
	var nine []obj
	for i := range 9 {
		nine = append(nine, obj{"key": "k" + string(rune('0'+i)), "value": ""})
	}
	ts.fails("AddTags", obj{"pipelineId": id, "tags": nine}, "InvalidRequestException") // 11 in all
	ts.fails("AddTags", obj{"pipelineId": id, "tags": []obj{{"key": "aws:x", "value": "1"}}}, "InvalidRequestException")
	ts.ok("RemoveTags", obj{"pipelineId": id, "tagKeys": []string{"a", "nope"}})
	if got := tags(); got != `[{"key":"b","value":"2"}]` {
		t.Fatalf("tags after remove: %s", got)
	}
	ts.fails("AddTags", obj{"pipelineId": "df-NOSUCHPIPELINE0000", "tags": []obj{}}, "PipelineNotFoundException")
}

func TestObjects(t *testing.T) {
	ts := start(t, Options{})
	id := ts.create("p")
	ts.ok("PutPipelineDefinition", put(id, apiForm(t, "scheduled.json")))
	ts.ok("ActivatePipeline", obj{"pipelineId": id, "startTimestamp": 1893456000}) // 2030-01-01

	out := ts.ok("DescribeObjects", obj{"pipelineId": id, "objectIds": []string{"Greet", "Nope", "Daily"}, "evaluateExpressions": true})
	objs := out["pipelineObjects"].([]any)
	if len(objs) != 2 || out["hasMoreResults"] != false {
		t.Fatalf("describe objects: %s", jsonText(out))
	}
	greet := objs[0].(map[string]any)
	f := fields(t, greet["fields"])
	if greet["id"] != "Greet" || f["command"][0] != "echo hello on 2030-01-01" || f["runsOn"][0] != "ref:Worker" || f["@sphere"][0] != "COMPONENT" {
		t.Fatalf("Greet: %s", jsonText(greet))
	}
	raw := ts.ok("DescribeObjects", obj{"pipelineId": id, "objectIds": []string{"Greet"}})
	if f := fields(t, raw["pipelineObjects"].([]any)[0].(map[string]any)["fields"]); !strings.Contains(f["command"][0], "#{myGreeting}") {
		t.Fatalf("evaluated without evaluateExpressions: %v", f["command"])
	}

	ts.ok("SetStatus", obj{"pipelineId": id, "objectIds": []string{"Greet"}, "status": "PAUSE"})
	paused := ts.ok("DescribeObjects", obj{"pipelineId": id, "objectIds": []string{"Greet"}})
	if f := fields(t, paused["pipelineObjects"].([]any)[0].(map[string]any)["fields"]); len(f["@status"]) != 1 || f["@status"][0] != "PAUSED" {
		t.Fatalf("after PAUSE: %v", f)
	}
	ts.ok("SetStatus", obj{"pipelineId": id, "objectIds": []string{"Greet"}, "status": "RESUME"})
	ts.fails("SetStatus", obj{"pipelineId": id, "objectIds": []string{"Nope"}, "status": "PAUSE"}, "InvalidRequestException")
	ts.fails("SetStatus", obj{"pipelineId": id, "objectIds": []string{"Greet"}, "status": "RERUN"}, "InvalidRequestException")

	q := func(in obj) []string {
		in["pipelineId"] = id
		var ids []string
		for _, x := range ts.ok("QueryObjects", in)["ids"].([]any) {
			ids = append(ids, x.(string))
		}
		return ids
	}
	if got := q(obj{"sphere": "COMPONENT"}); strings.Join(got, ",") != "Default,Daily,Worker,Greet" {
		t.Fatalf("all components: %v", got)
	}
	sel := func(field, op string, vals ...string) obj {
		return obj{"selectors": []obj{{"fieldName": field, "operator": obj{"type": op, "values": vals}}}}
	}
	if got := q(obj{"sphere": "COMPONENT", "query": sel("type", "EQ", "Ec2Resource")}); strings.Join(got, ",") != "Worker" {
		t.Fatalf("type EQ: %v", got)
	}
	if got := q(obj{"sphere": "COMPONENT", "query": sel("runsOn", "REF_EQ", "Worker")}); strings.Join(got, ",") != "Greet" {
		t.Fatalf("REF_EQ: %v", got)
	}
	if got := q(obj{"sphere": "COMPONENT", "query": sel("name", "EQ", "Every day")}); strings.Join(got, ",") != "Daily" {
		t.Fatalf("name EQ: %v", got)
	}
	if got := q(obj{"sphere": "COMPONENT", "query": sel("startDateTime", "BETWEEN", "2029-12-31T00:00:00", "2030-01-02T00:00:00")}); strings.Join(got, ",") != "Daily" {
		t.Fatalf("BETWEEN: %v", got)
	}
	if got := q(obj{"sphere": "INSTANCE"}); len(got) != 0 {
		t.Fatalf("instances of a pipeline that never ran: %v", got)
	}
	page := ts.ok("QueryObjects", obj{"pipelineId": id, "sphere": "COMPONENT", "limit": 3})
	if len(page["ids"].([]any)) != 3 || page["hasMoreResults"] != true {
		t.Fatalf("limit 3: %v", page)
	}
	rest := ts.ok("QueryObjects", obj{"pipelineId": id, "sphere": "COMPONENT", "limit": 3, "marker": page["marker"]})
	if jsonText(rest["ids"]) != `["Greet"]` || rest["hasMoreResults"] != false {
		t.Fatalf("the page after: %v", rest)
	}
	ts.fails("QueryObjects", obj{"pipelineId": id, "sphere": "PIPELINE"}, "InvalidRequestException")
	ts.fails("QueryObjects", obj{"pipelineId": id, "sphere": "COMPONENT", "query": sel("type", "BETWEEN", "a")}, "InvalidRequestException")

	ev := ts.ok("EvaluateExpression", obj{"pipelineId": id, "objectId": "Greet", "expression": "#{myGreeting} #{runsOn.instanceType} #{format(plusDays(@scheduledStartTime, 1), 'YYYY-MM-dd')}"})
	if ev["evaluatedExpression"] != "hello t3.micro 2030-01-02" {
		t.Fatalf("evaluate: %v", ev)
	}
	ts.fails("EvaluateExpression", obj{"pipelineId": id, "objectId": "Greet", "expression": "#{nosuchname}"}, "InvalidRequestException")
	ts.fails("EvaluateExpression", obj{"pipelineId": id, "objectId": "Nope", "expression": "x"}, "InvalidRequestException")
}

func TestProtocolErrors(t *testing.T) {
	ts := start(t, Options{})
	cases := []struct {
		name, target, ctype, body, typ string
		status                         int
	}{
		{"malformed JSON", "DataPipeline.ListPipelines", "application/x-amz-json-1.1", `{"marker": `, "SerializationException", 400},
		{"not an object", "DataPipeline.ListPipelines", "application/x-amz-json-1.1", `[1]`, "SerializationException", 400},
		{"two values", "DataPipeline.ListPipelines", "application/x-amz-json-1.1", `{} {}`, "SerializationException", 400},
		{"unknown target", "DataPipeline.RunPipeline", "application/x-amz-json-1.1", `{}`, "UnknownOperationException", 400},
		{"another service", "Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", `{}`, "UnknownOperationException", 400},
		{"no target", "", "application/x-amz-json-1.1", `{}`, "UnknownOperationException", 400},
		{"wrong content type", "DataPipeline.ListPipelines", "text/plain", `{}`, "UnknownOperationException", 400},
		{"too large", "DataPipeline.ListPipelines", "application/x-amz-json-1.1", `{"marker": "` + strings.Repeat("x", MaxBody) + `"}`, "SerializationException", http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		r := ts.raw(c.target, c.ctype, []byte(c.body))
		if r.Type != c.typ || r.Status != c.status || r.Msg == "" {
			t.Errorf("%s: got %d %s %q, want %d %s", c.name, r.Status, r.Type, r.Msg, c.status, c.typ)
		}
	}
	// An empty body is an empty request.
	if r := ts.raw("DataPipeline.ListPipelines", "application/x-amz-json-1.1", nil); r.Status != 200 {
		t.Errorf("empty body: %d %s", r.Status, r.Raw)
	}
	resp, err := http.Get(ts.URL + "/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health check: %v %v", resp, err)
	}
	resp.Body.Close()
}

func TestTaskRunnerCallsFindNoTask(t *testing.T) {
	ts := start(t, Options{})
	if out := ts.ok("PollForTask", obj{"workerGroup": "wg"}); len(out) != 0 {
		t.Fatalf("a task from a server that runs nothing: %v", out)
	}
	ts.ok("ReportTaskRunnerHeartbeat", obj{"taskrunnerId": "tr"})
	ts.fails("SetTaskStatus", obj{"taskId": "t", "taskStatus": "FINISHED"}, "TaskNotFoundException")
}

func TestLoneSurrogates(t *testing.T) {
	for in, want := range map[string]string{
		`{"a": "\ud800x"}`:               `{"a": "\uFFFFx"}`,
		`{"a": "\udc00"}`:                `{"a": "\uFFFF"}`,
		`{"a": "\ud83d\ude00"}`:          `{"a": "\ud83d\ude00"}`, // a pair: 😀
		`{"a": "\\ud800"}`:               `{"a": "\\ud800"}`,      // an escaped backslash, then text
		`{"a": "\ud800\u0041"}`:          `{"a": "\uFFFF\u0041"}`,
		`{"a": "\u00e9", "b": "\uDBFF"}`: `{"a": "\u00e9", "b": "\uFFFF"}`,
	} {
		if got := string(loneSurrogates([]byte(in))); got != want {
			t.Errorf("loneSurrogates(%s) = %s, want %s", in, got, want)
		}
	}
	ts := start(t, Options{})
	r := ts.raw("DataPipeline.CreatePipeline", "application/x-amz-json-1.1", []byte(`{"name": "a\udc00", "uniqueId": "u"}`))
	if r.Type != "ValidationException" || !strings.Contains(r.Msg, "at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern") {
		t.Fatalf("a lone surrogate: %s", r.Raw)
	}
}

// --account-limits: the documented 100 pipelines per account and 100
// objects per pipeline; none without it.
func TestAccountLimits(t *testing.T) {
	many := func(n int) obj {
		objs := []obj{{"id": "Default", "name": "Default", "fields": []obj{{"key": "scheduleType", "stringValue": "ondemand"}}}}
		for i := 1; i < n; i++ {
			id := "Hello" + strings.Repeat("x", i%3) + string(rune('A'+i%26)) + strings.Repeat("y", i/26)
			objs = append(objs, obj{"id": id, "name": id, "fields": []obj{{"key": "type", "stringValue": "ShellCommandActivity"}, {"key": "command", "stringValue": "echo"}, {"key": "workerGroup", "stringValue": "wg"}}})
		}
		return obj{"pipelineObjects": objs}
	}
	limited := start(t, Options{AccountLimits: true})
	var first string
	for i := range LimitPipelines {
		id := limited.ok("CreatePipeline", obj{"name": "p", "uniqueId": strings.Repeat("u", i+1)})["pipelineId"].(string)
		if i == 0 {
			first = id
		}
	}
	msg := limited.fails("CreatePipeline", obj{"name": "p", "uniqueId": "one too many"}, "InvalidRequestException")
	if !strings.Contains(msg, "Web service limit exceeded") {
		t.Errorf("message: %s", msg)
	}
	limited.ok("PutPipelineDefinition", put(first, many(100)))
	limited.fails("PutPipelineDefinition", put(first, many(101)), "InvalidRequestException")
	limited.fails("ValidatePipelineDefinition", put(first, many(101)), "InvalidRequestException")
	limited.ok("DeletePipeline", obj{"pipelineId": first})
	limited.ok("CreatePipeline", obj{"name": "p", "uniqueId": "room again"})

	open := start(t, Options{})
	id := open.create("p")
	if out := open.ok("PutPipelineDefinition", put(id, many(150))); out["errored"] != false {
		t.Fatalf("150 objects without limits: %v", out)
	}
}
