package pipelinerun_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/pipelinerun"
	"github.com/dplint/dplint/source"
)

// fuzzDefinitions are pipelines with every kind of wait the engine knows.
var fuzzDefinitions = []string{
	`{"objects": [
		{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "S"}, "failureAndRerunMode": "cascade", "maximumRetries": "1", "retryDelay": "2 minutes", "maxActiveInstances": "2"},
		{"id": "S", "type": "Schedule", "period": "15 minutes", "startDateTime": "2027-01-01T00:00:00", "occurrences": "6"},
		{"id": "Box", "type": "Ec2Resource", "terminateAfter": "1 hour"},
		{"id": "P", "type": "Exists", "preconditionTimeout": "30 minutes"},
		{"id": "In", "type": "S3DataNode", "directoryPath": "s3://in/", "precondition": {"ref": "P"}},
		{"id": "A", "type": "ShellCommandActivity", "command": "a", "input": {"ref": "In"}, "output": {"ref": "Mid"}, "runsOn": {"ref": "Box"}, "attemptTimeout": "20 minutes", "onFail": {"ref": "Alarm"}},
		{"id": "Mid", "type": "S3DataNode", "directoryPath": "s3://mid/"},
		{"id": "B", "type": "ShellCommandActivity", "command": "b", "input": {"ref": "Mid"}, "workerGroup": "wg", "lateAfterTimeout": "30 minutes", "onLateAction": {"ref": "Stop"}},
		{"id": "Alarm", "type": "SnsAlarm", "topicArn": "t", "role": "r", "subject": "#{node.name}", "message": "m"},
		{"id": "Stop", "type": "Terminate"}
	]}`,
	`{"objects": [
		{"id": "Default", "scheduleType": "ondemand", "workerGroup": "wg"},
		{"id": "A", "type": "ShellCommandActivity", "command": "a"},
		{"id": "B", "type": "ShellCommandActivity", "command": "b", "dependsOn": {"ref": "A"}, "precondition": {"ref": "C"}},
		{"id": "C", "type": "ShellCommandPrecondition", "command": "true"}
	]}`,
}

// FuzzRun drives a run with calls read from the input (polls, status
// reports, progress, clock moves, SetStatus, activations), reloading its
// state from JSON now and then as dplint serve does, and checks after every
// call that nothing panics and the run stays consistent: one open attempt
// per instance at most, never more active instances of a component than
// its maxActiveInstances, every held task an attempt a runner holds.
func FuzzRun(f *testing.F) {
	f.Add(uint8(0), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add(uint8(1), []byte{0, 2, 1, 2, 1, 3, 6, 6, 6, 2, 1, 9, 9, 2, 1})
	f.Add(uint8(0), []byte{6, 6, 6, 6, 2, 4, 2, 4, 5, 7, 7, 7, 7, 8, 10, 2, 1, 2, 1})
	f.Fuzz(runOps)
}

func runOps(t *testing.T, which uint8, ops []byte) {
	{
		if len(ops) > 200 {
			ops = ops[:200]
		}
		d := definition.Read("p.json", source.Parse("p.json", []byte(fuzzDefinitions[int(which)%len(fuzzDefinitions)])))
		cfg := pipelinerun.Config{PipelineID: "df-1", Def: d}
		e, err := pipelinerun.New(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		var tasks []*pipelinerun.Task
		groups := []string{"wg", pipelinerun.ResourceWorkerGroup("df-1", "Box")}
		pick := func(b byte) *pipelinerun.Task {
			if len(tasks) == 0 {
				return nil
			}
			return tasks[int(b)%len(tasks)]
		}
		for i, op := range ops {
			switch op % 12 {
			case 0:
				_ = e.Activate(now, time.Time{})
			case 1, 2:
				if task := e.Poll(groups[int(op/12)%2], "h", now); task != nil {
					tasks = append(tasks, task)
				}
			case 3:
				if task := pick(op); task != nil {
					_ = e.SetTaskStatus(task.TaskID, pipelinerun.TaskFinished, "", "", "", now)
				}
			case 4:
				if task := pick(op); task != nil {
					_ = e.SetTaskStatus(task.TaskID, pipelinerun.TaskFailed, "E", "m", "", now)
				}
			case 5:
				if task := pick(op); task != nil {
					_ = e.SetTaskStatus(task.TaskID, pipelinerun.TaskFalse, "", "", "", now)
				}
			case 6:
				now = now.Add(time.Duration(op) * time.Minute)
				e.Advance(now)
			case 7:
				if task := pick(op); task != nil {
					_, _ = e.ReportProgress(task.TaskID, now)
				}
			case 8:
				if ins := e.Instances(); len(ins) > 0 {
					in := ins[int(op)%len(ins)]
					_ = e.SetStatus([]string{in.ID}, []string{pipelinerun.TryCancel, pipelinerun.Rerun, pipelinerun.MarkFinished}[int(op)%3], now)
				}
			case 9:
				_ = e.SetStatus([]string{"A"}, []string{pipelinerun.Pause, pipelinerun.Resume}[int(op)%2], now)
			case 10:
				e.Deactivate(op%2 == 0, now)
			case 11:
				b, err := json.Marshal(e.State())
				if err != nil {
					t.Fatal(err)
				}
				st := &pipelinerun.State{}
				if err := json.Unmarshal(b, st); err != nil {
					t.Fatal(err)
				}
				if e, err = pipelinerun.New(cfg, st); err != nil {
					t.Fatal(err)
				}
			}
			check(t, i, e)
		}
	}
}

func check(t *testing.T, step int, e *pipelinerun.Engine) {
	t.Helper()
	active := map[string]int{}
	for _, in := range e.Instances() {
		open := 0
		for _, id := range in.Attempts {
			if a := e.Attempt(id); a == nil {
				t.Fatalf("step %d: %s names a missing attempt %s", step, in.ID, id)
			} else if !a.Status.Done() {
				open++
			}
		}
		if open > 1 {
			t.Fatalf("step %d: %s has %d open attempts", step, in.ID, open)
		}
		if in.Status.Done() && open > 0 {
			t.Fatalf("step %d: %s is %s with an open attempt", step, in.ID, in.Status)
		}
		if in.Host == "" && (in.Status == pipelinerun.WaitingForRunner || in.Status == pipelinerun.Running) {
			active[in.Component]++
		}
	}
	for comp, n := range active {
		if n > 2 { // both definitions keep maxActiveInstances at or under 2
			t.Fatalf("step %d: %d active instances of %s", step, n, comp)
		}
	}
	for _, a := range e.Attempts() {
		if a.Status == pipelinerun.Running && a.TaskID == "" {
			t.Fatalf("step %d: running attempt %s without a task", step, a.ID)
		}
	}
}
