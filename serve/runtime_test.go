package serve

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// activated creates, puts and activates a fixture, returning its id.
func (ts *testServer) activated(name, fixture string) string {
	ts.t.Helper()
	id := ts.create(name)
	if out := ts.ok("PutPipelineDefinition", put(id, apiForm(ts.t, fixture))); out["errored"] != false {
		ts.t.Fatalf("put %s: %v", fixture, out)
	}
	ts.ok("ActivatePipeline", obj{"pipelineId": id})
	return id
}

// task polls for a task of the worker group; nil when none comes.
func (ts *testServer) task(wg string) map[string]any {
	ts.t.Helper()
	out := ts.ok("PollForTask", obj{"workerGroup": wg, "hostname": "runner.local"})
	t, _ := out["taskObject"].(map[string]any)
	return t
}

// taskField is a field of the task's attempt object.
func taskField(t *testing.T, task map[string]any, key string) string {
	t.Helper()
	att := task["objects"].(map[string]any)[task["attemptId"].(string)].(map[string]any)
	vals := fields(t, att["fields"])[key]
	if len(vals) == 0 {
		return ""
	}
	return vals[0]
}

func (ts *testServer) instances(id, query string) []string {
	ts.t.Helper()
	in := obj{"pipelineId": id, "sphere": "INSTANCE"}
	if query != "" {
		var q any
		_ = json.Unmarshal([]byte(query), &q)
		in["query"] = q
	}
	var out []string
	for _, v := range ts.ok("QueryObjects", in)["ids"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

// TestRunOnDemand: an activated on-demand pipeline hands its task to a
// runner of its worker group, with the task's fields evaluated; the
// runner's progress and status move the instance to FINISHED, which
// QueryObjects and DescribeObjects show.
func TestRunOnDemand(t *testing.T) {
	ts := start(t, Options{})
	id := ts.activated("hello", "runtime-ondemand.json")
	if task := ts.task("another-group"); task != nil {
		t.Fatalf("a task for another worker group: %v", task)
	}
	task := ts.task("wg")
	if task == nil {
		t.Fatal("no task")
	}
	if task["pipelineId"] != id || task["attemptId"] != "@Hello_1_Attempt=1" || taskField(t, task, "command") != "echo world 2026-03-01T12:00:00" {
		t.Errorf("task: %v", jsonText(task))
	}
	taskID := task["taskId"].(string)
	if out := ts.ok("ReportTaskProgress", obj{"taskId": taskID}); out["canceled"] != false {
		t.Errorf("progress: %v", out)
	}
	ts.ok("SetTaskStatus", obj{"taskId": taskID, "taskStatus": "FINISHED"})
	ts.fails("SetTaskStatus", obj{"taskId": taskID, "taskStatus": "FINISHED"}, "TaskNotFoundException")
	ts.fails("ReportTaskProgress", obj{"taskId": "df-nope.123"}, "TaskNotFoundException")
	if got := ts.instances(id, `{"selectors": [{"fieldName": "@status", "operator": {"type": "EQ", "values": ["FINISHED"]}}]}`); len(got) != 1 || got[0] != "@Hello_1" {
		t.Errorf("finished instances: %v", got)
	}
	out := ts.ok("DescribeObjects", obj{"pipelineId": id, "objectIds": []string{"@Hello_1", "@Hello_1_Attempt=1"}})
	objs := out["pipelineObjects"].([]any)
	if len(objs) != 2 {
		t.Fatalf("describe: %v", jsonText(out))
	}
	inst := fields(t, objs[0].(map[string]any)["fields"])
	att := fields(t, objs[1].(map[string]any)["fields"])
	if inst["@status"][0] != "FINISHED" || inst["@componentParent"][0] != "ref:Hello" || inst["@sphere"][0] != "INSTANCE" ||
		att["@status"][0] != "FINISHED" || att["@sphere"][0] != "ATTEMPT" || att["@hostname"][0] != "runner.local" {
		t.Errorf("instance %v\nattempt %v", inst, att)
	}
}

// TestRunBackfillManualClock: a daily cron pipeline three days into a
// backfill hands out every past day oldest first; moving the manual clock
// by a day brings the next; a failing run is retried once, then fails and
// its SnsAlarm is in the outbox.
func TestRunBackfillManualClock(t *testing.T) {
	clock := NewManualClock(fixed)
	ts := start(t, Options{Clock: clock})
	id := ts.activated("daily", "runtime-daily.json")
	var days []string
	for task := ts.task("wg"); task != nil; task = ts.task("wg") {
		days = append(days, taskField(t, task, "command"))
		ts.ok("SetTaskStatus", obj{"taskId": task["taskId"], "taskStatus": "FINISHED"})
	}
	if got := strings.Join(days, ", "); got != "report 2026-02-26, report 2026-02-27, report 2026-02-28, report 2026-03-01" {
		t.Errorf("backfill: %s", got)
	}
	post := func(body string) map[string]any {
		resp, err := http.Post(ts.URL+"/_dplint/clock", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		if resp.StatusCode != 200 {
			t.Fatalf("clock %s: %d %v", body, resp.StatusCode, m)
		}
		return m
	}
	if m := post(`{"advance": "24h"}`); m["now"] != "2026-03-02T12:00:00Z" {
		t.Errorf("clock: %v", m)
	}
	task := ts.task("wg")
	if task == nil || taskField(t, task, "command") != "report 2026-03-02" {
		t.Fatalf("the next day: %v", task)
	}
	ts.ok("SetTaskStatus", obj{"taskId": task["taskId"], "taskStatus": "FAILED", "errorId": "E1", "errorMessage": "disk full"})
	if ts.task("wg") != nil {
		t.Error("a retry before its retryDelay")
	}
	post(`{"advance": "2m"}`)
	retry := ts.task("wg")
	if retry == nil || retry["attemptId"] != "@Report_2026-03-02T00:00:00_Attempt=2" {
		t.Fatalf("retry: %v", retry)
	}
	ts.ok("SetTaskStatus", obj{"taskId": retry["taskId"], "taskStatus": "FAILED", "errorMessage": "disk still full"})
	if got := ts.instances(id, `{"selectors": [{"fieldName": "@status", "operator": {"type": "EQ", "values": ["FAILED"]}}]}`); len(got) != 1 {
		t.Errorf("failed instances: %v", got)
	}
	resp, err := http.Get(ts.URL + "/_dplint/outbox")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var box struct {
		Messages []OutboxMessage `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&box); err != nil {
		t.Fatal(err)
	}
	if len(box.Messages) != 1 || box.Messages[0].PipelineID != id || box.Messages[0].Fields["subject"] != "Report failed" ||
		box.Messages[0].Fields["message"] != "run of 2026-03-02T00:00:00 failed" {
		t.Errorf("outbox: %+v", box.Messages)
	}
	// Instances: TRY_CANCEL on a finished one changes nothing; RERUN makes
	// the failed one run again.
	ts.ok("SetStatus", obj{"pipelineId": id, "objectIds": []string{"@Report_2026-03-02T00:00:00"}, "status": "RERUN"})
	if rerun := ts.task("wg"); rerun == nil || rerun["attemptId"] != "@Report_2026-03-02T00:00:00_Attempt=3" {
		t.Errorf("rerun: %v", rerun)
	}
	ts.fails("SetStatus", obj{"pipelineId": id, "objectIds": []string{"@Nope_1"}, "status": "RERUN"}, "InvalidRequestException")
}

// TestRunSurvivesRestart: with --state, a run's instances, attempts and
// the task a runner holds survive a restart.
func TestRunSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	b, err := OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, Options{Store: b})
	id := ts.activated("kept", "runtime-ondemand.json")
	task := ts.task("wg")
	ts.ok("ReportTaskProgress", obj{"taskId": task["taskId"]})
	ts.Server.Close()
	b, err = OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	again := start(t, Options{Store: b})
	again.ok("SetTaskStatus", obj{"taskId": task["taskId"], "taskStatus": "FINISHED"})
	if got := again.instances(id, `{"selectors": [{"fieldName": "@status", "operator": {"type": "EQ", "values": ["FINISHED"]}}]}`); len(got) != 1 {
		t.Errorf("after a restart: %v", got)
	}
}

// TestPollersNeverShare: eight runners polling at once never get the same
// task, and every task is run once.
func TestPollersNeverShare(t *testing.T) {
	clock := NewManualClock(fixed)
	ts := start(t, Options{Clock: clock})
	id := ts.create("many")
	def := apiForm(t, "runtime-daily.json")
	// Every 15 minutes since the start (26 February, 2026 no leap year): 3 days and 12 hours of runs, five
	// at a time.
	for _, o := range def["pipelineObjects"].([]any) {
		m := o.(map[string]any)
		switch m["id"] {
		case "Daily":
			for _, f := range m["fields"].([]any) {
				if f := f.(map[string]any); f["key"] == "period" {
					f["stringValue"] = "15 minutes"
				}
			}
		case "Default":
			m["fields"] = append(m["fields"].([]any), map[string]any{"key": "maxActiveInstances", "stringValue": "5"})
		}
	}
	ts.ok("PutPipelineDefinition", put(id, def))
	ts.ok("ActivatePipeline", obj{"pipelineId": id})
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				r := ts.call("PollForTask", obj{"workerGroup": "wg"})
				task, _ := r.Body["taskObject"].(map[string]any)
				if task == nil {
					return
				}
				mu.Lock()
				seen[task["attemptId"].(string)]++
				mu.Unlock()
				ts.call("SetTaskStatus", obj{"taskId": task["taskId"], "taskStatus": "FINISHED"})
			}
		}()
	}
	wg.Wait()
	var twice []string
	for a, n := range seen {
		if n > 1 {
			twice = append(twice, a)
		}
	}
	sort.Strings(twice)
	if want := 3*96 + 12*4 + 1; len(seen) != want || len(twice) > 0 {
		t.Errorf("%d tasks (want %d), handed out twice: %v", len(seen), want, twice)
	}
}

// TestPollWaits: a poll with no task waits for one, and ends as soon as
// one comes (an activation).
func TestPollWaits(t *testing.T) {
	ts := start(t, Options{PollWait: 20 * time.Second})
	id := ts.create("later")
	ts.ok("PutPipelineDefinition", put(id, apiForm(t, "runtime-ondemand.json")))
	got := make(chan map[string]any)
	go func() { got <- ts.task("wg") }()
	time.Sleep(300 * time.Millisecond)
	ts.ok("ActivatePipeline", obj{"pipelineId": id})
	select {
	case task := <-got:
		if task == nil {
			t.Error("the waiting poll ended without the task")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting poll did not end when a task came")
	}
}

// TestRunPreconditionTimeoutCascade: a precondition's check answers FALSE,
// then holds; a task its runner never acknowledges is handed out again
// after two minutes; a failure cascades to the activity that depends on it.
func TestRunPreconditionTimeoutCascade(t *testing.T) {
	clock := NewManualClock(fixed)
	ts := start(t, Options{Clock: clock})
	id := ts.activated("chain", "runtime-chain.json")
	// The precondition has no worker group of its own: its check goes
	// where its activity's tasks go, before the activity.
	check := ts.task("wg")
	if check == nil || check["attemptId"] != "@Extract_1_Ready_Attempt=1" || taskField(t, check, "command") != "test -e /data/ready" {
		t.Fatalf("precondition task: %v", check)
	}
	ts.ok("SetTaskStatus", obj{"taskId": check["taskId"], "taskStatus": "FALSE"})
	if ts.task("wg") != nil {
		t.Fatal("Extract handed out before its precondition held")
	}
	clock.Advance(5 * time.Minute)
	check = ts.task("wg")
	if check == nil || check["attemptId"] != "@Extract_1_Ready_Attempt=2" {
		t.Fatalf("the second check: %v", check)
	}
	ts.ok("SetTaskStatus", obj{"taskId": check["taskId"], "taskStatus": "FINISHED"})
	lost := ts.task("wg") // a runner that dies before acknowledging
	if lost == nil || lost["attemptId"] != "@Extract_1_Attempt=1" {
		t.Fatalf("Extract: %v", lost)
	}
	clock.Advance(2 * time.Minute)
	again := ts.task("wg")
	if again == nil || again["attemptId"] != "@Extract_1_Attempt=1" || again["taskId"] == lost["taskId"] {
		t.Fatalf("not handed out again: %v", again)
	}
	ts.fails("ReportTaskProgress", obj{"taskId": lost["taskId"]}, "TaskNotFoundException")
	ts.ok("SetTaskStatus", obj{"taskId": again["taskId"], "taskStatus": "FAILED", "errorMessage": "no data"})
	if got := ts.instances(id, `{"selectors": [{"fieldName": "@status", "operator": {"type": "EQ", "values": ["CASCADE_FAILED"]}}]}`); len(got) != 1 || got[0] != "@Load_1" {
		t.Errorf("cascade: %v", got)
	}
}
