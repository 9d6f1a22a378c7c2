package pipelinerun

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
)

// Field is one field of an object handed to a task runner: a string or a
// reference.
type Field struct {
	Key         string
	StringValue string
	RefValue    string
}

// Object is an object of a task: its id, name and fields.
type Object struct {
	ID, Name string
	Fields   []Field
}

// Task is what PollForTask hands out.
type Task struct {
	TaskID, AttemptID string
	// Objects are the attempt (its component's fields, evaluated for the
	// run, and its runtime fields) and every object its fields refer to,
	// evaluated the same way. Secrets are given as written: the runner
	// needs them, as with the service.
	Objects []Object
}

// Poll hands the oldest runnable attempt whose worker group is
// workerGroup to the runner, or returns nil when there is none (the caller
// long-polls). Order: scheduled start, then component id, so a backfill
// runs oldest first.
func (e *Engine) Poll(workerGroup, hostname string, now time.Time) *Task {
	e.Advance(now)
	if !e.st.Active {
		return nil
	}
	// The queue holds few attempts: an instance queues one only once it
	// is runnable, and maxActiveInstances bounds those per component.
	q := e.queue[workerGroup][:0]
	var best *Attempt
	var bestIn *Instance
	for _, a := range e.queue[workerGroup] {
		if a.Status != WaitingForRunner {
			continue // handed out or closed since it was queued
		}
		q = append(q, a)
		in := e.inst[a.Instance]
		if in.RetryAt.After(now) || e.st.Paused[in.Component] || e.g.Object(in.Component) == nil {
			continue
		}
		if best == nil || in.Start.Before(bestIn.Start) || (in.Start.Equal(bestIn.Start) && in.Component < bestIn.Component) {
			best, bestIn = a, in
		}
	}
	e.queue[workerGroup] = q
	if best == nil {
		return nil
	}
	a, in := best, bestIn
	a.Status, a.TaskID, a.Hostname = Running, newTaskID(), hostname
	a.HandedOut, a.Started = now.UTC(), now.UTC()
	e.task[a.TaskID] = a
	e.running = append(e.running, a)
	if in.ActualStart.IsZero() {
		in.ActualStart = now.UTC()
	}
	e.set(in, Running)
	return &Task{TaskID: a.TaskID, AttemptID: a.ID, Objects: e.taskObjects(in, a)}
}

func (e *Engine) taskOf(taskID string) (*Attempt, *Instance, error) {
	a := e.task[taskID]
	if a == nil || a.Status != Running {
		return nil, nil, fmt.Errorf("%w: %s", ErrTaskNotFound, taskID)
	}
	return a, e.inst[a.Instance], nil
}

// ReportProgress acknowledges a task and keeps it the runner's; canceled
// tells the runner to stop (the instance was canceled). A task handed out
// again after a timeout is no longer found.
func (e *Engine) ReportProgress(taskID string, now time.Time) (canceled bool, err error) {
	e.Advance(now)
	a, _, err := e.taskOf(taskID)
	if err != nil {
		if c := e.canceledTask(taskID); c {
			return true, nil
		}
		return false, err
	}
	a.Acked, a.Progress = true, now.UTC()
	return false, nil
}

// canceledTask: a task whose attempt was canceled answers canceled, not
// "not found", so the runner stops cleanly.
func (e *Engine) canceledTask(taskID string) bool {
	for _, a := range e.st.Attempts {
		if a.Cancel && a.TaskID == taskID {
			return true
		}
	}
	return false
}

// TaskStatus values of SetTaskStatus.
const (
	TaskFinished = "FINISHED"
	TaskFailed   = "FAILED"
	TaskFalse    = "FALSE" // a precondition that does not hold
)

// SetTaskStatus ends a task: FINISHED, FAILED (with the runner's error) or,
// for a precondition, FALSE (checked again after its retryDelay until its
// preconditionTimeout).
func (e *Engine) SetTaskStatus(taskID, status, errorID, errorMessage, errorStackTrace string, now time.Time) error {
	e.Advance(now)
	a, in, err := e.taskOf(taskID)
	if err != nil {
		if e.canceledTask(taskID) {
			return nil // the runner need not report a canceled task; if it does, nothing changes
		}
		return err
	}
	switch status {
	case TaskFinished:
		a.Status, a.Ended = Finished, now.UTC()
		e.dropTask(a)
		e.finish(in, now)
	case TaskFailed:
		a.ErrorID, a.ErrorMessage, a.ErrorStackTrace = errorID, errorMessage, errorStackTrace
		e.fail(in, a, Failed, now)
	case TaskFalse:
		if in.Kind != Precondition {
			return fmt.Errorf("%w: taskStatus FALSE is for preconditions; %s is an %s", ErrInvalid, in.Component, strings.ToLower(string(in.Kind)))
		}
		a.Status, a.Ended, a.ErrorMessage = Failed, now.UTC(), "the precondition does not hold"
		e.dropTask(a)
		in.RetryAt = e.setting(in.Component).retryDelay.After(now.UTC(), 1)
		e.timed[in] = true
		e.set(in, WaitingForRunner)
	default:
		return fmt.Errorf("%w: taskStatus %q is not FINISHED, FAILED or FALSE", ErrInvalid, status)
	}
	e.Advance(now)
	return nil
}

// finish ends an instance well and runs its onSuccess actions.
func (e *Engine) finish(in *Instance, now time.Time) {
	in.ActualEnd, in.RetryAt = now.UTC(), time.Time{}
	if in.ActualStart.IsZero() {
		in.ActualStart = now.UTC()
	}
	e.set(in, Finished)
	if in.Kind != Precondition {
		e.actions(in, "onSuccess", now)
	}
}

// fail ends an attempt with status (FAILED, TIMEDOUT) and retries the
// instance after its retryDelay while it has retries left
// (maximumRetries, at most the guide's 5); then the instance fails and runs
// its onFail actions.
func (e *Engine) fail(in *Instance, a *Attempt, status Status, now time.Time) {
	a.Status, a.Ended = status, now.UTC()
	e.dropTask(a)
	in.Failures++
	s := e.setting(in.Component)
	if in.Failures <= s.retries {
		in.RetryAt = s.retryDelay.After(now.UTC(), 1)
		e.timed[in] = true
		e.set(in, WaitingForRunner)
		return
	}
	in.ActualEnd, in.RetryAt = now.UTC(), time.Time{}
	e.set(in, Failed)
	e.actions(in, "onFail", now)
}

// cascadeFail: a consumer of a failure (with failureAndRerunMode cascade)
// is CASCADE_FAILED, its preconditions CANCELED, and its onFail actions
// run, as the guide's cascade page describes.
func (e *Engine) cascadeFail(in *Instance, now time.Time) {
	e.closeOpen(in, Canceled, now)
	in.ActualEnd, in.RetryAt = now.UTC(), time.Time{}
	e.set(in, CascadeFailed)
	for _, p := range e.hosted[in.ID] {
		if !p.Status.Done() {
			e.closeOpen(p, Canceled, now)
			p.ActualEnd = now.UTC()
			e.set(p, Canceled)
		}
	}
	e.actions(in, "onFail", now)
}

// cancel ends an instance that is not done as CANCELED; a runner holding
// its task learns it at its next ReportTaskProgress.
func (e *Engine) cancel(in *Instance, now time.Time) {
	if a := e.open(in); a != nil {
		if a.Status == Running {
			a.Cancel = true // the task id stays known, to answer canceled
			a.Status, a.Ended = Canceled, now.UTC()
		} else {
			e.closeOpen(in, Canceled, now)
		}
	}
	in.ActualEnd, in.RetryAt = now.UTC(), time.Time{}
	e.set(in, Canceled)
	for _, p := range e.hosted[in.ID] {
		if !p.Status.Done() {
			e.cancel(p, now)
		}
	}
}

// actions runs the actions an instance's event names: an SnsAlarm's
// notification goes to the outbox with topicArn, subject, message and
// role evaluated for the instance (node is the instance's component); a
// Terminate cancels the instance.
func (e *Engine) actions(in *Instance, event string, now time.Time) {
	o := e.g.Object(in.Component)
	for _, id := range e.refs(o, event) {
		ao := e.g.Object(id)
		if ao == nil {
			continue
		}
		typ := e.g.Type(ao)
		m := Message{Time: now.UTC(), Event: event, Action: id, Type: typ, Instance: in.ID}
		switch typ {
		case "SnsAlarm":
			m.Fields = map[string]string{}
			env := e.env(in, ao)
			env.Node = o
			for _, k := range []string{"topicArn", "subject", "message", "role"} {
				if f, _ := e.g.Lookup(ao, k); f != nil && len(f.Values) > 0 {
					m.Fields[k] = e.evalIn(env, f.Values[0].Text)
				}
			}
		case "Terminate":
			if !in.Status.Done() {
				e.cancel(in, now)
			}
		}
		e.st.Outbox = append(e.st.Outbox, m)
	}
}

// Outbox lists what the run's actions did, oldest first.
func (e *Engine) Outbox() []Message { return e.st.Outbox }

// Heartbeat answers ReportTaskRunnerHeartbeat: terminate is true for a
// runner on a resource the pipeline manages once that resource no longer
// needs it: its instances are all done (finished, or past terminateAfter),
// or the pipeline is no longer active.
func (e *Engine) Heartbeat(workerGroup string, now time.Time) (terminate bool) {
	e.Advance(now)
	prefix := e.cfg.PipelineID + "/"
	res, ok := strings.CutPrefix(workerGroup, prefix)
	if !ok || e.component(res) == nil || e.component(res).kind != Resource {
		return false
	}
	if !e.st.Active {
		return true
	}
	ins := e.byComp[res]
	return len(ins) > 0 && allDone(ins)
}

// env is the expression environment of an instance's run.
func (e *Engine) env(in *Instance, o *definition.Object) *evalenv.Env {
	run := map[string]expr.Value{
		"@scheduledStartTime": expr.DateTimeValue(in.Start),
		"@scheduledEndTime":   expr.DateTimeValue(in.End),
		"@status":             expr.StringValue(string(in.Status)),
		"@pipelineId":         expr.StringValue(e.cfg.PipelineID),
	}
	if !in.ActualStart.IsZero() {
		run["@actualStartTime"] = expr.DateTimeValue(in.ActualStart)
	}
	if !in.ActualEnd.IsZero() {
		run["@actualEndTime"] = expr.DateTimeValue(in.ActualEnd)
	}
	return &evalenv.Env{G: e.g, Cat: e.cat, Object: o, At: in.Start, Params: e.cfg.Params, OnlyParams: e.cfg.Params != nil, Run: run, Reveal: true}
}

// eval evaluates a field's text for no particular run (a schedule's
// startDateTime from #{myStart}); text without #{ is itself.
func (e *Engine) eval(o *definition.Object, text string) string {
	if !expr.HasExpr(text) {
		return text
	}
	env := &evalenv.Env{G: e.g, Cat: e.cat, Object: o, Params: e.cfg.Params, OnlyParams: e.cfg.Params != nil, Reveal: true}
	return e.evalIn(env, text)
}

// evalIn evaluates text, leaving it as written where it cannot be (the
// runner then sees what the definition says, as with a field the service
// cannot resolve).
func (e *Engine) evalIn(env *evalenv.Env, text string) string {
	if !expr.HasExpr(text) {
		return text
	}
	t, errs := expr.ParseTemplate(text)
	if len(errs) > 0 {
		return text
	}
	s, err := expr.EvalTemplate(t, env)
	if err != nil {
		return text
	}
	return s
}

// taskObjects are the attempt object and what its component refers to.
func (e *Engine) taskObjects(in *Instance, a *Attempt) []Object {
	comp := e.g.Object(in.Component)
	att := e.object(in, comp)
	att.ID = a.ID
	att.Fields = append(att.Fields,
		Field{Key: "@sphere", StringValue: "ATTEMPT"},
		Field{Key: "@instanceParent", RefValue: in.ID},
		Field{Key: "@componentParent", RefValue: in.Component},
		Field{Key: "@status", StringValue: string(a.Status)},
		Field{Key: "@scheduledStartTime", StringValue: in.Start.Format(expr.DateTimeLayout)},
		Field{Key: "@scheduledEndTime", StringValue: in.End.Format(expr.DateTimeLayout)},
		Field{Key: "@actualStartTime", StringValue: in.ActualStart.Format(expr.DateTimeLayout)},
	)
	out := []Object{att}
	seen := map[string]bool{in.Component: true}
	for _, f := range att.Fields {
		if f.RefValue == "" || seen[f.RefValue] || strings.HasPrefix(f.Key, "@") {
			continue
		}
		seen[f.RefValue] = true
		if ro := e.g.Object(f.RefValue); ro != nil {
			out = append(out, e.object(in, ro))
		}
	}
	sort.SliceStable(out[1:], func(i, j int) bool { return out[1+i].ID < out[1+j].ID })
	return out
}

// object is o's effective fields (its own, its parents', Default's) with
// string values evaluated for the instance's run.
func (e *Engine) object(in *Instance, o *definition.Object) Object {
	env := e.env(in, o)
	keys := map[string]bool{}
	holders := append([]*definition.Object{o}, e.g.Parents(o)...)
	if e.g.Default != nil && o != e.g.Default {
		holders = append(holders, e.g.Default)
	}
	for _, h := range holders {
		for _, f := range h.Fields {
			keys[f.Key] = true
		}
	}
	delete(keys, "parent")
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	out := Object{ID: o.ID, Name: o.Name}
	for _, k := range names {
		if k == "id" || k == "name" {
			continue
		}
		f, _ := e.g.Lookup(o, k)
		if f == nil {
			continue
		}
		for _, v := range f.Values {
			if v.Kind == definition.Ref {
				out.Fields = append(out.Fields, Field{Key: k, RefValue: v.Text})
				continue
			}
			out.Fields = append(out.Fields, Field{Key: k, StringValue: e.evalIn(env, v.Text)})
		}
	}
	return out
}
