package pipelinerun

import (
	"sort"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/schedule"
)

// The engine is driven by changes, so a call costs what it changes, not
// the size of the run: an instance is looked at again only when something
// it waits for changes (a dependency, a precondition, a free slot under
// maxActiveInstances, a user of a resource) or when a time it waits for may
// have come (a retry, a timeout, a resource's end). A backfill of
// thousands of instances therefore runs in time proportional to its tasks
// (BenchmarkBackfill).

// Advance brings the run up to now: the instances that have come due are
// made, waiting instances whose dependencies are met become runnable (or
// cascade-fail), tasks whose runner went quiet are handed out again,
// attempts past their attemptTimeout fail, retries come due, late instances
// run their onLateAction. Calls with the same now change nothing the second
// time.
func (e *Engine) Advance(now time.Time) {
	if e.st.Active {
		e.makeDue(now)
	}
	e.timeouts(now)
	e.retimed()
	e.drain(now)
	e.late(now)
}

// mark queues an instance to be looked at again.
func (e *Engine) mark(in *Instance) {
	if in == nil || in.Status.Done() || e.dirtySet[in] || e.g.Object(in.Component) == nil {
		return // an instance of a component a later definition dropped stays as it was
	}
	e.dirtySet[in] = true
	e.dirty = append(e.dirty, in)
}

// drain looks at queued instances until none is left. Each look either
// changes the instance (and queues what waits on it) or registers what it
// waits for, so the queue empties; the bound only guards against a bug
// becoming a hang.
func (e *Engine) drain(now time.Time) {
	for steps := 0; len(e.dirty) > 0 && steps < 16*(len(e.st.Instances)+16); steps++ {
		in := e.dirty[0]
		e.dirty = e.dirty[1:]
		delete(e.dirtySet, in)
		if !in.Status.Done() {
			e.step(in, now)
		}
	}
}

// set changes an instance's status and queues what depends on it.
func (e *Engine) set(in *Instance, s Status) {
	was := in.Status
	if was == s {
		return
	}
	in.Status = s
	if in.Host == "" && isActive(was) != isActive(s) {
		if isActive(s) {
			e.activeN[in.Component]++
		} else {
			e.activeN[in.Component]--
			e.wakeSlot(in.Component)
		}
	}
	for _, w := range e.waiters[in.ID] {
		e.mark(w)
	}
	if in.Host != "" {
		e.mark(e.inst[in.Host])
	}
	if rs := e.runsOnOf(in); rs != "" {
		e.mark(e.match(rs, in))
	}
	if s.Done() {
		delete(e.timed, in)
	}
}

func isActive(s Status) bool { return s == WaitingForRunner || s == Running }

// wait records that in waits on d.
func (e *Engine) wait(d, in *Instance) {
	k := [2]string{d.ID, in.ID}
	if !e.waitSeen[k] {
		e.waitSeen[k] = true
		e.waiters[d.ID] = append(e.waiters[d.ID], in)
	}
}

// wakeSlot lets the oldest instance waiting for a slot of comp look again.
func (e *Engine) wakeSlot(comp string) {
	q := e.slotWait[comp]
	for len(q) > 0 {
		in := q[0]
		q = q[1:]
		delete(e.slotSeen, in)
		if in.Status == WaitingOnDependencies {
			e.mark(in)
			break
		}
	}
	e.slotWait[comp] = q
}

func (e *Engine) runsOnOf(in *Instance) string {
	if in.Kind != Activity {
		return ""
	}
	return e.setting(in.Component).runsOn
}

// makeDue makes the instances of every scheduled, unpaused component that
// are due by now: at the start of their interval for cron style and for
// resources (which, the guide says, ignore the schedule type), at its end
// for time series.
func (e *Engine) makeDue(now time.Time) {
	for _, c := range e.comps {
		if c.sched == nil || e.st.Paused[c.o.ID] {
			continue
		}
		style := c.style
		if c.kind == Resource {
			style = schedule.Cron
		}
		k := e.st.Next[c.o.ID]
		room := maxInstancesEach - len(e.byComp[c.o.ID])
		if room <= 0 {
			continue
		}
		for _, iv := range c.sched.Due(style, k, now, room) {
			e.create(c, iv.Index, iv.Start, iv.End, now)
			k = iv.Index + 1
		}
		e.st.Next[c.o.ID] = k
	}
}

// match is the instance of component id for the interval holding of's
// scheduled start (the same activation, for an on-demand component), nil
// while it is not made.
func (e *Engine) match(id string, of *Instance) *Instance {
	// A component's instances are made in interval order, so sorted by
	// start: the candidate is the last one starting at or before of.
	ins := e.byComp[id]
	i := sort.Search(len(ins), func(i int) bool { return ins[i].Start.After(of.Start) }) - 1
	if i < 0 {
		return nil
	}
	if in := ins[i]; in.Start.Equal(of.Start) || in.End.After(of.Start) {
		return in
	}
	return nil
}

// dependencies are the instances an instance waits for: an activity's
// inputs and dependsOn, a data node's producers. missing names a component
// whose instance for the interval is not made yet ("" when all are).
func (e *Engine) dependencies(in *Instance) (deps []*Instance, missing string) {
	for _, id := range e.setting(in.Component).deps {
		d := e.match(id, in)
		if d == nil {
			return nil, id
		}
		deps = append(deps, d)
	}
	return deps, ""
}

func (e *Engine) step(in *Instance, now time.Time) {
	switch {
	case in.Kind == Precondition:
		e.stepPrecondition(in, now)
	case in.Kind == Resource:
		e.stepResource(in, now)
	case in.Status == WaitingForRunner:
		e.retryDue(in, now)
	case in.Status == WaitingOnDependencies:
		e.stepWaiting(in, now)
	}
}

func (e *Engine) stepWaiting(in *Instance, now time.Time) {
	s := e.setting(in.Component)
	deps, missing := e.dependencies(in)
	if missing != "" {
		e.waitMade[missing] = append(e.waitMade[missing], in)
		return
	}
	for _, d := range deps {
		if d.Status.failedLike() && s.cascade {
			e.cascadeFail(in, now)
			return
		}
		if d.Status != Finished {
			e.wait(d, in) // without cascade, a consumer of a failure waits, as the guide says
			return
		}
	}
	// Its preconditions are checked once the rest of what it waits for is
	// there.
	pending := false
	for _, p := range e.hosted[in.ID] {
		if p.Status.failedLike() && s.cascade {
			e.cascadeFail(in, now)
			return
		}
		if p.Status == WaitingOnDependencies && e.st.Active {
			e.startCheck(p, now)
		}
		if p.Status != Finished {
			pending = true
		}
	}
	if pending {
		return
	}
	if in.Kind == DataNode {
		// A data node holds no work of its own: ready once its producers
		// and preconditions are.
		e.finish(in, now)
		return
	}
	if !e.st.Active || e.st.Paused[in.Component] {
		return // Activate and RESUME look at every waiting instance again
	}
	if e.activeN[in.Component] >= s.maxActive {
		if !e.slotSeen[in] {
			e.slotSeen[in] = true
			e.slotWait[in.Component] = append(e.slotWait[in.Component], in)
		}
		return
	}
	e.set(in, WaitingForRunner)
	e.newAttempt(in)
}

// startCheck hands out a precondition's check.
func (e *Engine) startCheck(p *Instance, now time.Time) {
	e.set(p, WaitingForRunner)
	e.newAttempt(p)
	if e.setting(p.Component).preconditionTimeout != nil {
		e.timed[p] = true
	}
}

// stepPrecondition fails a precondition past its preconditionTimeout and
// checks it again when a false answer's retryDelay has passed.
func (e *Engine) stepPrecondition(in *Instance, now time.Time) {
	host := e.inst[in.Host]
	if host == nil || host.Status.Done() {
		return
	}
	started := in.ActualStart
	if started.IsZero() {
		started = in.Created
	}
	if to := e.setting(in.Component).preconditionTimeout; to != nil && in.Status != WaitingOnDependencies &&
		!now.Before(to.After(started, 1)) {
		e.closeOpen(in, Canceled, now)
		in.ActualEnd = now.UTC()
		e.set(in, Failed)
		return
	}
	if in.Status == WaitingForRunner {
		e.retryDue(in, now)
	}
}

// retryDue hands an instance a new attempt once its retry time has come.
func (e *Engine) retryDue(in *Instance, now time.Time) {
	if in.RetryAt.IsZero() {
		return
	}
	if now.Before(in.RetryAt) {
		e.timed[in] = true
		return
	}
	in.RetryAt = time.Time{}
	e.newAttempt(in)
}

// stepResource: a resource instance is made at the start of its interval
// and waits; it runs while an activity that runs on it is runnable or
// running, finishes when they are all done, and times out at
// terminateAfter.
func (e *Engine) stepResource(in *Instance, now time.Time) {
	users, busy := e.users(in)
	ta := e.setting(in.Component).terminateAfter
	if in.Status == Running && ta != nil {
		if !now.Before(ta.After(in.ActualStart, 1)) {
			in.ActualEnd = now.UTC()
			e.set(in, TimedOut)
			for _, u := range users {
				if !u.Status.Done() {
					e.cancel(u, now) // the guide: an activity whose resource fails is CANCELED
				}
			}
			return
		}
		e.timed[in] = true
	}
	switch {
	case busy && in.Status == WaitingOnDependencies:
		in.ActualStart = now.UTC()
		e.set(in, Running)
		if ta != nil {
			e.timed[in] = true
		}
	case !busy && len(users) > 0 && allDone(users):
		// Every activity of its interval is made by its end (a time series
		// activity's last instance is due then) and done: so is the
		// resource. One that never started (its activities failed while it
		// waited) finishes too, as the guide's cascade page says.
		if now.Before(in.End) {
			e.timed[in] = true
			return
		}
		in.ActualEnd = now.UTC()
		e.set(in, Finished)
	}
}

// users are the activity instances that run on a resource instance, and
// whether one of them is runnable or running.
func (e *Engine) users(res *Instance) (out []*Instance, busy bool) {
	for _, act := range e.runsOn[res.Component] {
		ins := e.byComp[act]
		// The activity instances that start within the resource's interval
		// (the same activation, on demand).
		from := sort.Search(len(ins), func(i int) bool { return !ins[i].Start.Before(res.Start) })
		for _, in := range ins[from:] {
			if in.Start.After(res.Start) && !in.Start.Before(res.End) {
				break
			}
			if e.match(res.Component, in) == res {
				out = append(out, in)
				if isActive(in.Status) {
					busy = true
				}
			}
		}
	}
	return out, busy
}

func allDone(ins []*Instance) bool {
	for _, in := range ins {
		if !in.Status.Done() {
			return false
		}
	}
	return true
}

func (e *Engine) newAttempt(in *Instance) *Attempt {
	a := &Attempt{ID: attemptID(in, len(in.Attempts)+1), Instance: in.ID, Number: len(in.Attempts) + 1,
		Status: WaitingForRunner, WorkerGroup: e.workerGroup(in)}
	in.Attempts = append(in.Attempts, a.ID)
	e.st.Attempts = append(e.st.Attempts, a)
	e.att[a.ID] = a
	e.enqueue(a)
	return a
}

// enqueue puts an attempt in its worker group's queue for a poll.
func (e *Engine) enqueue(a *Attempt) { e.queue[a.WorkerGroup] = append(e.queue[a.WorkerGroup], a) }

// open is an instance's attempt that is not done, if any.
func (e *Engine) open(in *Instance) *Attempt {
	if len(in.Attempts) == 0 {
		return nil
	}
	a := e.att[in.Attempts[len(in.Attempts)-1]]
	if a == nil || a.Status.Done() {
		return nil
	}
	return a
}

// closeOpen ends an instance's open attempt with status.
func (e *Engine) closeOpen(in *Instance, status Status, now time.Time) {
	if a := e.open(in); a != nil {
		a.Status, a.Ended = status, now.UTC()
		e.dropTask(a)
	}
}

func (e *Engine) dropTask(a *Attempt) {
	if a.TaskID != "" {
		delete(e.task, a.TaskID)
		a.TaskID = ""
	}
}

// retimed looks again, in the order they were made, at the instances
// waiting for a time: a retry, a precondition's timeout, a resource's end
// or terminateAfter.
func (e *Engine) retimed() {
	if len(e.timed) == 0 {
		return
	}
	ins := make([]*Instance, 0, len(e.timed))
	for in := range e.timed {
		ins = append(ins, in)
	}
	sort.Slice(ins, func(i, j int) bool { return e.seq[ins[i]] < e.seq[ins[j]] })
	for _, in := range ins {
		delete(e.timed, in)
		e.mark(in)
	}
}

// timeouts: a task not acknowledged within AckTimeout, or without progress
// for its reportProgressTimeout (15 minutes unset), goes back to the queue
// for a later poll; an attempt running past its attemptTimeout fails.
func (e *Engine) timeouts(now time.Time) {
	kept := e.running[:0]
	for _, a := range e.running {
		if a.Status != Running {
			continue
		}
		in := e.inst[a.Instance]
		s := e.setting(in.Component)
		if s.attemptTimeout != nil && !now.Before(s.attemptTimeout.After(a.Started, 1)) {
			a.ErrorID, a.ErrorMessage = "dplint_AttemptTimeout", "the attempt ran past its attemptTimeout"
			e.fail(in, a, TimedOut, now)
			continue
		}
		stale := !a.Acked && !now.Before(a.HandedOut.Add(AckTimeout))
		if a.Acked && !now.Before(s.progressTimeout.After(a.Progress, 1)) {
			stale = true
		}
		if !stale {
			kept = append(kept, a)
			continue
		}
		e.dropTask(a)
		a.Status, a.Acked, a.Hostname = WaitingForRunner, false, ""
		a.HandedOut, a.Progress = time.Time{}, time.Time{}
		e.enqueue(a)
		e.set(in, WaitingForRunner)
	}
	e.running = kept
}

// late runs onLateAction for each instance not finished lateAfterTimeout
// after its scheduled start (never for on-demand pipelines, as the guide
// says). Each component's watch list is in start order, so it is read
// from its head only as far as the deadlines that have passed.
func (e *Engine) late(now time.Time) {
	for _, c := range e.comps {
		q := e.lateQ[c.o.ID]
		to := e.setting(c.o.ID).lateAfter
		for len(q) > 0 {
			in := q[0]
			if !in.Late && !in.Status.Done() && now.Before(to.After(in.Start, 1)) {
				break
			}
			q = q[1:]
			if !in.Late && !in.Status.Done() {
				in.Late = true
				e.actions(in, "onLateAction", now)
			}
		}
		e.lateQ[c.o.ID] = q
	}
}

func (e *Engine) component(id string) *component { return e.compByID[id] }

// settings are a component's fields the engine reads, read once: they do
// not change while the pipeline runs.
type settings struct {
	maxActive, retries                                             int
	cascade                                                        bool
	retryDelay, progressTimeout                                    schedule.Period
	attemptTimeout, lateAfter, preconditionTimeout, terminateAfter *schedule.Period
	runsOn                                                         string
	deps                                                           []string
}

func (e *Engine) setting(id string) *settings {
	if s := e.settingOf[id]; s != nil {
		return s
	}
	o := e.g.Object(id)
	s := &settings{
		maxActive: min(max(e.integer(o, "maxActiveInstances", 1), 1), MaxActive),
		retries:   min(max(e.integer(o, "maximumRetries", DefaultRetries), 0), MaxRetries),
	}
	mode, _ := e.text(o, "failureAndRerunMode")
	s.cascade = strings.EqualFold(mode, "cascade")
	s.retryDelay = e.periodOr(o, "retryDelay", defaultRetryDelay)
	if s.retryDelay.After(time.Time{}, 1).Sub(time.Time{}) < MinRetryDelay {
		s.retryDelay = minRetryDelay
	}
	s.progressTimeout = e.periodOr(o, "reportProgressTimeout", defaultProgressTimeout)
	s.attemptTimeout = e.periodOf(o, "attemptTimeout")
	s.preconditionTimeout = e.periodOf(o, "preconditionTimeout")
	s.terminateAfter = e.periodOf(o, "terminateAfter")
	if c := e.compByID[id]; c != nil && c.sched != nil {
		s.lateAfter = e.periodOf(o, "lateAfterTimeout")
	}
	if rs := e.refs(o, "runsOn"); len(rs) > 0 && e.g.Object(rs[0]) != nil {
		s.runsOn = rs[0]
	}
	var ids []string
	if c := e.compByID[id]; c != nil {
		switch c.kind {
		case Activity:
			ids = append(e.refs(o, "input"), e.refs(o, "dependsOn")...)
		case DataNode:
			ids = e.produce[id]
		}
	}
	for _, d := range ids {
		if e.compByID[d] != nil {
			s.deps = append(s.deps, d) // a missing object is DP2001's; the service would not have activated
		}
	}
	e.settingOf[id] = s
	return s
}

// periodOf reads a period field; nil when unset or unreadable (DP4001
// reports the latter).
func (e *Engine) periodOf(o *definition.Object, key string) *schedule.Period {
	text, ok := e.text(o, key)
	if !ok {
		return nil
	}
	p, err := schedule.ParsePeriod(text)
	if err != nil {
		return nil
	}
	return &p
}

func (e *Engine) periodOr(o *definition.Object, key string, def schedule.Period) schedule.Period {
	if p := e.periodOf(o, key); p != nil {
		return *p
	}
	return def
}
