package pipelinerun_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/pipelinerun"
	"github.com/dplint/dplint/source"
)

// run is an engine under a manual clock, reloaded from its JSON state
// after every call, as dplint serve keeps it: a state that does not survive
// the round trip fails every scenario.
type run struct {
	t    *testing.T
	cfg  pipelinerun.Config
	now  time.Time
	json []byte
}

func newRun(t *testing.T, text string, now string, params map[string][]string) *run {
	t.Helper()
	d := definition.Read("p.json", source.Parse("p.json", []byte(text)))
	r := &run{t: t, cfg: pipelinerun.Config{PipelineID: "df-0123456789ABCDEF", Def: d, Params: params}, now: at(now)}
	r.save(r.engine())
	return r
}

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04:05", s)
	if err != nil {
		panic(err)
	}
	return t
}

func (r *run) engine() *pipelinerun.Engine {
	r.t.Helper()
	var st *pipelinerun.State
	if r.json != nil {
		st = &pipelinerun.State{}
		if err := json.Unmarshal(r.json, st); err != nil {
			r.t.Fatal(err)
		}
	}
	e, err := pipelinerun.New(r.cfg, st)
	if err != nil {
		r.t.Fatal(err)
	}
	return e
}

func (r *run) save(e *pipelinerun.Engine) {
	r.t.Helper()
	b, err := json.Marshal(e.State())
	if err != nil {
		r.t.Fatal(err)
	}
	r.json = b
}

// do runs fn on a freshly loaded engine and keeps its state.
func (r *run) do(fn func(e *pipelinerun.Engine)) {
	r.t.Helper()
	e := r.engine()
	fn(e)
	r.save(e)
}

func (r *run) advance(d time.Duration) {
	r.now = r.now.Add(d)
	r.do(func(e *pipelinerun.Engine) { e.Advance(r.now) })
}

func (r *run) activate() {
	r.t.Helper()
	r.do(func(e *pipelinerun.Engine) {
		if err := e.Activate(r.now, time.Time{}); err != nil {
			r.t.Fatal(err)
		}
	})
}

// poll takes a task for workerGroup; nil when there is none.
func (r *run) poll(wg string) *pipelinerun.Task {
	var task *pipelinerun.Task
	r.do(func(e *pipelinerun.Engine) { task = e.Poll(wg, "runner-1", r.now) })
	return task
}

func (r *run) set(task *pipelinerun.Task, status, msg string) {
	r.t.Helper()
	r.do(func(e *pipelinerun.Engine) {
		if err := e.SetTaskStatus(task.TaskID, status, "", msg, "", r.now); err != nil {
			r.t.Fatal(err)
		}
	})
}

func (r *run) progress(task *pipelinerun.Task) (bool, error) {
	var canceled bool
	var err error
	r.do(func(e *pipelinerun.Engine) { canceled, err = e.ReportProgress(task.TaskID, r.now) })
	return canceled, err
}

// statuses lists "id STATUS" of every instance, in order made.
func (r *run) statuses() string {
	var out []string
	r.do(func(e *pipelinerun.Engine) {
		for _, in := range e.Instances() {
			out = append(out, in.ID+" "+string(in.Status))
		}
	})
	return strings.Join(out, "\n")
}

func (r *run) want(want string) {
	r.t.Helper()
	if got := r.statuses(); got != strings.TrimSpace(want) {
		r.t.Errorf("instances:\n%s\nwant:\n%s", got, strings.TrimSpace(want))
	}
}

func field(task *pipelinerun.Task, object, key string) string {
	for _, o := range task.Objects {
		if o.ID != object {
			continue
		}
		for _, f := range o.Fields {
			if f.Key == key {
				return f.StringValue + f.RefValue
			}
		}
	}
	return "(none)"
}

// TestOnDemand: an on-demand shell pipeline runs once per activation, its
// task handed to the worker group with its expressions evaluated and its
// secret given as written.
func TestOnDemand(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand", "failureAndRerunMode": "CASCADE", "pipelineLogUri": "s3://logs/"},
		{"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "echo #{myWho} at #{@scheduledStartTime}", "*myToken": "#{*myPass}"}
	], "parameters": [{"id": "myWho", "type": "String"}, {"id": "*myPass", "type": "String"}]}`,
		"2027-03-01T09:00:00", map[string][]string{"myWho": {"world"}, "*myPass": {"hunter2"}})
	if r.poll("wg") != nil {
		t.Fatal("a task before activation")
	}
	r.activate()
	r.want(`@Hello_1 WAITING_FOR_RUNNER`)
	if r.poll("other") != nil {
		t.Error("a task for another worker group")
	}
	task := r.poll("wg")
	if task == nil {
		t.Fatal("no task")
	}
	if task.AttemptID != "@Hello_1_Attempt=1" || field(task, task.AttemptID, "command") != "echo world at 2027-03-01T09:00:00" ||
		field(task, task.AttemptID, "*myToken") != "hunter2" || field(task, task.AttemptID, "pipelineLogUri") != "s3://logs/" {
		t.Errorf("task: %+v", task)
	}
	r.want(`@Hello_1 RUNNING`)
	if canceled, err := r.progress(task); canceled || err != nil {
		t.Errorf("progress: %v %v", canceled, err)
	}
	r.set(task, pipelinerun.TaskFinished, "")
	r.want(`@Hello_1 FINISHED`)
	r.now = r.now.Add(time.Hour)
	r.activate()
	r.want("@Hello_1 FINISHED\n@Hello_2 WAITING_FOR_RUNNER")
	r.do(func(e *pipelinerun.Engine) {
		if err := e.SetTaskStatus(task.TaskID, pipelinerun.TaskFinished, "", "", "", r.now); !errors.Is(err, pipelinerun.ErrTaskNotFound) {
			t.Errorf("a finished task again: %v", err)
		}
	})
}

// TestBackfill: a daily cron pipeline whose start is three days back makes
// every past day's instances at once and hands them out oldest first, one
// at a time (maxActiveInstances 1), then one a day as the clock moves.
func TestBackfill(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}},
		{"id": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2027-03-01T00:00:00"},
		{"id": "Work", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "run #{format(@scheduledStartTime, 'YYYY-MM-dd')}"}
	]}`, "2027-03-04T06:00:00", nil)
	r.activate()
	r.want(`
@Work_2027-03-01T00:00:00 WAITING_FOR_RUNNER
@Work_2027-03-02T00:00:00 WAITING_ON_DEPENDENCIES
@Work_2027-03-03T00:00:00 WAITING_ON_DEPENDENCIES
@Work_2027-03-04T00:00:00 WAITING_ON_DEPENDENCIES`)
	var days []string
	for range 4 {
		task := r.poll("wg")
		if task == nil {
			t.Fatalf("no task after %v", days)
		}
		days = append(days, field(task, task.AttemptID, "command"))
		if r.poll("wg") != nil {
			t.Fatal("a second task while one runs (maxActiveInstances 1)")
		}
		r.set(task, pipelinerun.TaskFinished, "")
	}
	if got := strings.Join(days, ", "); got != "run 2027-03-01, run 2027-03-02, run 2027-03-03, run 2027-03-04" {
		t.Errorf("backfill order: %s", got)
	}
	if r.poll("wg") != nil {
		t.Error("a task before the next day")
	}
	r.advance(18 * time.Hour)
	if task := r.poll("wg"); task == nil || field(task, task.AttemptID, "command") != "run 2027-03-05" {
		t.Errorf("next day: %+v", task)
	}
}

// TestRetriesThenFail: a failing attempt is retried after retryDelay up to
// maximumRetries; then the instance fails and its onFail SnsAlarm, its
// subject and message evaluated for the failed run, is in the outbox.
func TestRetriesThenFail(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand"},
		{"id": "Flaky", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "false", "maximumRetries": "1", "retryDelay": "5 minutes", "onFail": {"ref": "Alarm"}},
		{"id": "Alarm", "type": "SnsAlarm", "topicArn": "arn:aws:sns:us-east-1:123456789012:ops", "role": "DataPipelineDefaultRole",
		 "subject": "#{node.name} failed", "message": "status #{node.@status}, scheduled #{node.@scheduledStartTime}"}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	task := r.poll("wg")
	r.set(task, pipelinerun.TaskFailed, "exit 1")
	if r.poll("wg") != nil {
		t.Error("a retry before retryDelay")
	}
	r.advance(5 * time.Minute)
	retry := r.poll("wg")
	if retry == nil || retry.AttemptID != "@Flaky_1_Attempt=2" {
		t.Fatalf("retry: %+v", retry)
	}
	r.set(retry, pipelinerun.TaskFailed, "exit 1 again")
	r.want(`@Flaky_1 FAILED`)
	r.do(func(e *pipelinerun.Engine) {
		out := e.Outbox()
		if len(out) != 1 || out[0].Action != "Alarm" || out[0].Event != "onFail" || out[0].Fields["subject"] != "Flaky failed" ||
			out[0].Fields["message"] != "status FAILED, scheduled 2027-03-01T09:00:00" || out[0].Fields["topicArn"] != "arn:aws:sns:us-east-1:123456789012:ops" {
			t.Errorf("outbox: %+v", out)
		}
		if a := e.Attempt("@Flaky_1_Attempt=2"); a == nil || a.ErrorMessage != "exit 1 again" || a.Status != pipelinerun.Failed {
			t.Errorf("attempt 2: %+v", a)
		}
	})
}

// TestPrecondition: a data node's precondition is checked by its own task;
// FALSE is checked again after retryDelay, and once it holds the data node
// is ready and its consumer runs.
func TestPrecondition(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand"},
		{"id": "Ready", "type": "Exists", "workerGroup": "checks", "retryDelay": "10 minutes"},
		{"id": "In", "type": "S3DataNode", "directoryPath": "s3://in/", "precondition": {"ref": "Ready"}},
		{"id": "Use", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "ls", "input": {"ref": "In"}}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	r.want(`
@In_1 WAITING_ON_DEPENDENCIES
@In_1_Ready WAITING_FOR_RUNNER
@Use_1 WAITING_ON_DEPENDENCIES`)
	if r.poll("wg") != nil {
		t.Fatal("the consumer runs before its input is ready")
	}
	check := r.poll("checks")
	if check == nil || field(check, check.AttemptID, "@instanceParent") != "@In_1_Ready" {
		t.Fatalf("precondition task: %+v", check)
	}
	r.set(check, pipelinerun.TaskFalse, "")
	r.advance(9 * time.Minute)
	if r.poll("checks") != nil {
		t.Error("checked again before retryDelay")
	}
	r.advance(time.Minute)
	check = r.poll("checks")
	if check == nil || check.AttemptID != "@In_1_Ready_Attempt=2" {
		t.Fatalf("second check: %+v", check)
	}
	r.set(check, pipelinerun.TaskFinished, "")
	r.want(`
@In_1 FINISHED
@In_1_Ready FINISHED
@Use_1 WAITING_FOR_RUNNER`)
	if use := r.poll("wg"); use == nil || field(use, "In", "directoryPath") != "s3://in/" || field(use, use.AttemptID, "input") != "In" {
		t.Errorf("consumer task with its input object: %+v", use)
	}
}

// TestRunnerGoesQuiet: a task not acknowledged within two minutes, or
// without progress for its reportProgressTimeout, is handed out again and
// the old task id is gone; attemptTimeout fails the attempt.
func TestRunnerGoesQuiet(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand"},
		{"id": "Slow", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "sleep 1d", "reportProgressTimeout": "20 minutes", "attemptTimeout": "1 hour", "maximumRetries": "0"}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	first := r.poll("wg")
	r.advance(2 * time.Minute)
	second := r.poll("wg")
	if second == nil || second.TaskID == first.TaskID || second.AttemptID != first.AttemptID {
		t.Fatalf("not handed out again after 2 minutes unacknowledged: %+v", second)
	}
	if _, err := r.progress(first); !errors.Is(err, pipelinerun.ErrTaskNotFound) {
		t.Errorf("the first runner's task: %v", err)
	}
	r.progress(second)
	r.advance(19 * time.Minute)
	if _, err := r.progress(second); err != nil {
		t.Fatalf("within reportProgressTimeout: %v", err)
	}
	r.advance(20 * time.Minute)
	third := r.poll("wg")
	if third == nil {
		t.Fatal("not handed out again after reportProgressTimeout")
	}
	r.progress(third)
	r.advance(61 * time.Minute)
	r.want(`@Slow_1 FAILED`)
	r.do(func(e *pipelinerun.Engine) {
		if a := e.Attempt("@Slow_1_Attempt=1"); a.Status != pipelinerun.TimedOut {
			t.Errorf("attempt past attemptTimeout: %+v", a)
		}
	})
}

// TestCascade: with failureAndRerunMode cascade, a failure makes its
// consumers CASCADE_FAILED and their preconditions CANCELED; a rerun of
// the failed one reruns them.
func TestCascade(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand", "failureAndRerunMode": "cascade", "workerGroup": "wg", "maximumRetries": "0"},
		{"id": "Extract", "type": "ShellCommandActivity", "command": "extract", "output": {"ref": "Mid"}},
		{"id": "Mid", "type": "S3DataNode", "directoryPath": "s3://mid/"},
		{"id": "Check", "type": "ShellCommandPrecondition", "command": "true"},
		{"id": "Load", "type": "ShellCommandActivity", "command": "load", "input": {"ref": "Mid"}, "precondition": {"ref": "Check"}},
		{"id": "Report", "type": "ShellCommandActivity", "command": "report", "dependsOn": {"ref": "Load"}}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	task := r.poll("wg")
	if task == nil || task.AttemptID != "@Extract_1_Attempt=1" {
		t.Fatalf("first task: %+v", task)
	}
	r.set(task, pipelinerun.TaskFailed, "boom")
	r.want(`
@Extract_1 FAILED
@Mid_1 CASCADE_FAILED
@Load_1 CASCADE_FAILED
@Load_1_Check CANCELED
@Report_1 CASCADE_FAILED`)
	r.do(func(e *pipelinerun.Engine) {
		if err := e.SetStatus([]string{"@Extract_1"}, pipelinerun.Rerun, r.now); err != nil {
			t.Fatal(err)
		}
	})
	r.want(`
@Extract_1 WAITING_FOR_RUNNER
@Mid_1 WAITING_ON_DEPENDENCIES
@Load_1 WAITING_ON_DEPENDENCIES
@Load_1_Check WAITING_ON_DEPENDENCIES
@Report_1 WAITING_ON_DEPENDENCIES`)
	if task := r.poll("wg"); task == nil || task.AttemptID != "@Extract_1_Attempt=2" {
		t.Errorf("rerun attempt: %+v", task)
	}
}

// TestResource: an activity that runs on a resource goes to the resource's
// worker group; the resource runs while it is needed, and a heartbeat from
// its runner is told to terminate once it is not.
func TestResource(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand"},
		{"id": "Box", "type": "Ec2Resource", "terminateAfter": "2 hours"},
		{"id": "Job", "type": "ShellCommandActivity", "command": "job", "runsOn": {"ref": "Box"}}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	wg := pipelinerun.ResourceWorkerGroup("df-0123456789ABCDEF", "Box")
	r.want("@Box_1 RUNNING\n@Job_1 WAITING_FOR_RUNNER")
	heartbeat := func() (term bool) {
		r.do(func(e *pipelinerun.Engine) { term = e.Heartbeat(wg, r.now) })
		return term
	}
	if heartbeat() {
		t.Error("terminate while the resource is needed")
	}
	task := r.poll(wg)
	if task == nil || field(task, "Box", "terminateAfter") != "2 hours" {
		t.Fatalf("task on the resource: %+v", task)
	}
	r.set(task, pipelinerun.TaskFinished, "")
	r.want("@Box_1 FINISHED\n@Job_1 FINISHED")
	if !heartbeat() {
		t.Error("no terminate once the resource is done")
	}
}

// TestCancelAndPause: TRY_CANCEL reaches a runner through its next
// progress report; a paused component hands out nothing until resumed;
// ids of the wrong kind are refused.
func TestCancelAndPause(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand"},
		{"id": "A", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "a"},
		{"id": "B", "type": "ShellCommandActivity", "workerGroup": "wg2", "command": "b"}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	task := r.poll("wg")
	r.do(func(e *pipelinerun.Engine) {
		if err := e.SetStatus([]string{"@A_1"}, pipelinerun.TryCancel, r.now); err != nil {
			t.Fatal(err)
		}
		if err := e.SetStatus([]string{"B"}, pipelinerun.Pause, r.now); err != nil {
			t.Fatal(err)
		}
		if err := e.SetStatus([]string{"A"}, pipelinerun.TryCancel, r.now); !errors.Is(err, pipelinerun.ErrInvalid) {
			t.Errorf("TRY_CANCEL on a component: %v", err)
		}
		if err := e.SetStatus([]string{"@A_1"}, pipelinerun.Pause, r.now); !errors.Is(err, pipelinerun.ErrInvalid) {
			t.Errorf("PAUSE on an instance: %v", err)
		}
	})
	if canceled, err := r.progress(task); !canceled || err != nil {
		t.Errorf("progress after TRY_CANCEL: %v %v", canceled, err)
	}
	if r.poll("wg2") != nil {
		t.Error("a paused component's task")
	}
	r.do(func(e *pipelinerun.Engine) { _ = e.SetStatus([]string{"B"}, pipelinerun.Resume, r.now) })
	if r.poll("wg2") == nil {
		t.Error("no task after RESUME")
	}
	r.want("@A_1 CANCELED\n@B_1 RUNNING")
}

// TestLate: an instance not finished lateAfterTimeout after its scheduled
// start runs onLateAction once.
func TestLate(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Hourly"}},
		{"id": "Hourly", "type": "Schedule", "period": "1 hour", "startDateTime": "2027-03-01T09:00:00", "occurrences": "1"},
		{"id": "Job", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "job", "lateAfterTimeout": "30 minutes", "onLateAction": {"ref": "Late"}},
		{"id": "Late", "type": "SnsAlarm", "topicArn": "arn:aws:sns:us-east-1:123456789012:late", "role": "r", "subject": "late", "message": "#{node.@scheduledStartTime}"}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	r.advance(29 * time.Minute)
	r.advance(2 * time.Minute)
	r.advance(time.Hour)
	r.do(func(e *pipelinerun.Engine) {
		var got []string
		for _, m := range e.Outbox() {
			got = append(got, fmt.Sprintf("%s %s %s", m.Event, m.Instance, m.Fields["message"]))
		}
		if strings.Join(got, "; ") != "onLateAction @Job_2027-03-01T09:00:00 2027-03-01T09:00:00" {
			t.Errorf("outbox: %v", got)
		}
	})
	r.want(`@Job_2027-03-01T09:00:00 WAITING_FOR_RUNNER`)
}

// TestObjects: an instance's and an attempt's fields, as DescribeObjects
// shows them, carry the runtime fields the guide names.
func TestObjects(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "ondemand"},
		{"id": "Job", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "echo #{@scheduledStartTime}", "maximumRetries": "0"}
	]}`, "2027-03-01T09:00:00", nil)
	r.activate()
	task := r.poll("wg")
	r.now = r.now.Add(time.Minute)
	r.do(func(e *pipelinerun.Engine) {
		_ = e.SetTaskStatus(task.TaskID, pipelinerun.TaskFailed, "E1", "it broke", "at line 1", r.now)
	})
	show := func(id string) string {
		var out []string
		r.do(func(e *pipelinerun.Engine) {
			fs, ok := e.Fields(id)
			if !ok {
				t.Fatalf("no object %s", id)
			}
			for _, f := range fs {
				out = append(out, f.Key+"="+f.StringValue+f.RefValue)
			}
		})
		return strings.Join(out, " ")
	}
	if got, want := show("@Job_1"), "command=echo 2027-03-01T09:00:00 maximumRetries=0 scheduleType=ondemand type=ShellCommandActivity workerGroup=wg "+
		"@status=FAILED @componentParent=Job @pipelineId=df-0123456789ABCDEF @scheduledStartTime=2027-03-01T09:00:00 @scheduledEndTime=2027-03-01T09:00:00 "+
		"@actualStartTime=2027-03-01T09:00:00 @actualEndTime=2027-03-01T09:01:00 @sphere=INSTANCE @headAttempt=@Job_1_Attempt=1 @attemptCount=1"; got != want {
		t.Errorf("instance:\n got %s\nwant %s", got, want)
	}
	if got, want := show("@Job_1_Attempt=1"), "@status=FAILED @componentParent=Job @pipelineId=df-0123456789ABCDEF @scheduledStartTime=2027-03-01T09:00:00 "+
		"@scheduledEndTime=2027-03-01T09:00:00 @sphere=ATTEMPT @instanceParent=@Job_1 "+
		"@hostname=runner-1 errorId=E1 errorMessage=it broke errorStackTrace=at line 1 @actualStartTime=2027-03-01T09:00:00 @actualEndTime=2027-03-01T09:01:00"; got != want {
		t.Errorf("attempt:\n got %s\nwant %s", got, want)
	}
}

// TestResumeAndDeactivate: an activation's startTimestamp skips the
// intervals before it; maxActiveInstances 2 hands out two at once;
// deactivating with cancelActive cancels what is not done and hands out
// nothing more.
func TestResumeAndDeactivate(t *testing.T) {
	r := newRun(t, `{"objects": [
		{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Hourly"}, "maxActiveInstances": "2"},
		{"id": "Hourly", "type": "Schedule", "period": "1 hour", "startDateTime": "2027-03-01T00:00:00"},
		{"id": "Job", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "job"}
	]}`, "2027-03-01T05:30:00", nil)
	r.do(func(e *pipelinerun.Engine) {
		if err := e.Activate(r.now, at("2027-03-01T03:00:00")); err != nil {
			t.Fatal(err)
		}
	})
	r.want(`
@Job_2027-03-01T03:00:00 WAITING_FOR_RUNNER
@Job_2027-03-01T04:00:00 WAITING_FOR_RUNNER
@Job_2027-03-01T05:00:00 WAITING_ON_DEPENDENCIES`)
	a, b := r.poll("wg"), r.poll("wg")
	if a == nil || b == nil || r.poll("wg") != nil {
		t.Fatalf("two at once: %v %v", a, b)
	}
	r.do(func(e *pipelinerun.Engine) { e.Deactivate(true, r.now) })
	r.want(`
@Job_2027-03-01T03:00:00 CANCELED
@Job_2027-03-01T04:00:00 CANCELED
@Job_2027-03-01T05:00:00 CANCELED`)
	if canceled, _ := r.progress(a); !canceled {
		t.Error("a runner of a deactivated pipeline is not told to cancel")
	}
	r.advance(2 * time.Hour)
	if r.poll("wg") != nil || strings.Count(r.statuses(), "\n") != 2 {
		t.Errorf("work after deactivation:\n%s", r.statuses())
	}
}
