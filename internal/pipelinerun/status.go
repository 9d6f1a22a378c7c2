package pipelinerun

import (
	"fmt"
	"time"

	"github.com/dplint/dplint/expr"
)

// SetStatus values, as the API reference defines them.
const (
	Pause        = "PAUSE"  // components: make and hand out nothing new
	Resume       = "RESUME" // components: go on
	TryCancel    = "TRY_CANCEL"
	Rerun        = "RERUN"
	MarkFinished = "MARK_FINISHED"
)

// SetStatus sets status on objects: PAUSE or RESUME on components (object
// ids of the definition), TRY_CANCEL, RERUN or MARK_FINISHED on instances
// (their @ ids). The ids must all be of one kind, as the API says; an id
// that is neither is refused.
func (e *Engine) SetStatus(ids []string, status string, now time.Time) error {
	e.Advance(now)
	switch status {
	case Pause, Resume:
		for _, id := range ids {
			if e.g.Object(id) == nil {
				return fmt.Errorf("%w: %s is not a component of the pipeline (PAUSE and RESUME are for components)", ErrInvalid, id)
			}
		}
		if e.st.Paused == nil {
			e.st.Paused = map[string]bool{}
		}
		for _, id := range ids {
			if status == Pause {
				e.st.Paused[id] = true
				continue
			}
			delete(e.st.Paused, id)
			for _, in := range e.byComp[id] {
				e.mark(in)
			}
		}
	case TryCancel, Rerun, MarkFinished:
		var ins []*Instance
		for _, id := range ids {
			in := e.inst[id]
			if in == nil {
				return fmt.Errorf("%w: %s is not an instance of the pipeline (%s is for instances)", ErrInvalid, id, status)
			}
			ins = append(ins, in)
		}
		for _, in := range ins {
			e.setInstance(in, status, now)
		}
	default:
		return fmt.Errorf("%w: status %q is not PAUSE, RESUME, TRY_CANCEL, RERUN or MARK_FINISHED", ErrInvalid, status)
	}
	e.Advance(now)
	return nil
}

func (e *Engine) setInstance(in *Instance, status string, now time.Time) {
	switch status {
	case TryCancel:
		if !in.Status.Done() {
			e.cancel(in, now)
		}
	case MarkFinished:
		if !in.Status.Done() {
			e.closeOpen(in, Canceled, now)
			e.finish(in, now)
		}
	case Rerun:
		e.rerun(in, now)
	}
}

// rerun puts a done instance back to wait on its dependencies with its
// retries renewed; its attempts stay (a new one is numbered after them).
// With failureAndRerunMode cascade, its CASCADE_FAILED consumers rerun too,
// as the guide's cascade page describes.
func (e *Engine) rerun(in *Instance, now time.Time) {
	if !in.Status.Done() {
		return
	}
	in.Failures, in.RetryAt, in.Late = 0, time.Time{}, false
	in.ActualStart, in.ActualEnd = time.Time{}, time.Time{}
	e.set(in, WaitingOnDependencies)
	e.watchLate(in)
	e.mark(in)
	for _, p := range e.hosted[in.ID] {
		p.Failures, p.RetryAt = 0, time.Time{}
		p.ActualStart, p.ActualEnd = time.Time{}, time.Time{}
		e.set(p, WaitingOnDependencies)
	}
	if !e.setting(in.Component).cascade {
		return
	}
	// Its consumers: a user's rerun may look at the whole run once.
	for _, c := range e.st.Instances {
		if c.Status != CascadeFailed || c.Host != "" {
			continue
		}
		deps, _ := e.dependencies(c)
		for _, d := range deps {
			if d == in {
				e.rerun(c, now)
				break
			}
		}
	}
}

// Fields are an instance's or an attempt's runtime fields, as
// DescribeObjects and QueryObjects show them (sphere INSTANCE or ATTEMPT),
// after the component's own fields evaluated for the run.
func (e *Engine) Fields(id string) ([]Field, bool) {
	if in := e.inst[id]; in != nil {
		comp := e.g.Object(in.Component)
		if comp == nil {
			return e.runtimeFields(in), true // its component is no longer in the definition
		}
		o := e.object(in, comp)
		fs := append(o.Fields, e.runtimeFields(in)...)
		fs = append(fs, Field{Key: "@sphere", StringValue: "INSTANCE"})
		if n := len(in.Attempts); n > 0 {
			fs = append(fs, Field{Key: "@headAttempt", RefValue: in.Attempts[n-1]}, Field{Key: "@attemptCount", StringValue: fmt.Sprint(n)})
		}
		return fs, true
	}
	a := e.att[id]
	if a == nil {
		return nil, false
	}
	in := e.inst[a.Instance]
	var fs []Field
	for _, f := range e.runtimeFields(in) {
		switch f.Key {
		case "@status":
			f.StringValue = string(a.Status)
		case "@actualStartTime", "@actualEndTime":
			continue // the attempt's own follow
		}
		fs = append(fs, f)
	}
	fs = append(fs, Field{Key: "@sphere", StringValue: "ATTEMPT"}, Field{Key: "@instanceParent", RefValue: in.ID})
	for _, f := range []Field{
		{Key: "@hostname", StringValue: a.Hostname},
		{Key: "errorId", StringValue: a.ErrorID},
		{Key: "errorMessage", StringValue: a.ErrorMessage},
		{Key: "errorStackTrace", StringValue: a.ErrorStackTrace},
		{Key: "@actualStartTime", StringValue: stamp(a.Started)},
		{Key: "@actualEndTime", StringValue: stamp(a.Ended)},
		{Key: "@reportProgressTime", StringValue: stamp(a.Progress)},
	} {
		if f.StringValue != "" {
			fs = append(fs, f)
		}
	}
	return fs, true
}

// runtimeFields are what every instance and attempt carries; @status first.
func (e *Engine) runtimeFields(in *Instance) []Field {
	fs := []Field{
		{Key: "@status", StringValue: string(in.Status)},
		{Key: "@componentParent", RefValue: in.Component},
		{Key: "@pipelineId", StringValue: e.cfg.PipelineID},
		{Key: "@scheduledStartTime", StringValue: stamp(in.Start)},
		{Key: "@scheduledEndTime", StringValue: stamp(in.End)},
	}
	if in.Host != "" {
		fs = append(fs, Field{Key: "@hostParent", RefValue: in.Host})
	}
	if s := stamp(in.ActualStart); s != "" {
		fs = append(fs, Field{Key: "@actualStartTime", StringValue: s})
	}
	if s := stamp(in.ActualEnd); s != "" {
		fs = append(fs, Field{Key: "@actualEndTime", StringValue: s})
	}
	return fs
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(expr.DateTimeLayout)
}
