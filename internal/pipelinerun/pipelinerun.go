// Package pipelinerun runs an activated pipeline the way the Developer
// Guide describes the service doing it: components give rise to instances
// on their schedules, instances wait on their dependencies and
// preconditions, and each runnable instance is handed to a task runner as
// attempts, retried, timed out, cascaded and reported through its actions.
//
// It is a deterministic engine with no clock and no store of its own:
// every call takes the time it happens at, and State is plain data that the
// caller (dplint serve) keeps and gives back. That keeps a virtual clock,
// persistence and concurrency where they belong, in the server, and lets
// tests hold the engine to the guide's scenarios step by step.
package pipelinerun

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/internal/schedule"
	"github.com/dplint/dplint/schema/catalog"
)

// Status is an instance's or an attempt's @status, as the guide names them.
type Status string

// The statuses the engine sets.
const (
	WaitingOnDependencies Status = "WAITING_ON_DEPENDENCIES"
	WaitingForRunner      Status = "WAITING_FOR_RUNNER"
	Running               Status = "RUNNING"
	Finished              Status = "FINISHED"
	Failed                Status = "FAILED"
	CascadeFailed         Status = "CASCADE_FAILED"
	Canceled              Status = "CANCELED"
	TimedOut              Status = "TIMEDOUT"
)

// Done reports whether a status is final until a rerun.
func (s Status) Done() bool {
	switch s {
	case Finished, Failed, CascadeFailed, Canceled, TimedOut:
		return true
	}
	return false
}

// failedLike are the statuses a consumer with failureAndRerunMode cascade
// fails after.
func (s Status) failedLike() bool {
	return s == Failed || s == CascadeFailed || s == Canceled || s == TimedOut
}

// Kind is the category of the component an instance comes from.
type Kind string

// The categories that give rise to instances.
const (
	Activity     Kind = "Activity"
	DataNode     Kind = "DataNode"
	Precondition Kind = "Precondition"
	Resource     Kind = "Resource"
)

// Instance is one run of a component (sphere INSTANCE).
type Instance struct {
	ID        string `json:"id"`
	Component string `json:"component"`
	Kind      Kind   `json:"kind"`
	// Host is, for a precondition, the instance it guards.
	Host  string `json:"host,omitempty"`
	Index int    `json:"index"`
	// Start and End are @scheduledStartTime and @scheduledEndTime.
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Status Status    `json:"status"`
	// ActualStart and ActualEnd are @actualStartTime and @actualEndTime.
	ActualStart time.Time `json:"actualStart,omitzero"`
	ActualEnd   time.Time `json:"actualEnd,omitzero"`
	Created     time.Time `json:"created"`
	Attempts    []string  `json:"attempts,omitempty"`
	// Failures counts the failed attempts since the last rerun.
	Failures int `json:"failures,omitempty"`
	// RetryAt is when the next attempt may be handed out, after a failure
	// (retryDelay) or a precondition found false.
	RetryAt time.Time `json:"retryAt,omitzero"`
	// Late is set once onLateAction has run.
	Late bool `json:"late,omitempty"`
}

// Attempt is one try of an instance (sphere ATTEMPT): the task a task
// runner is handed.
type Attempt struct {
	ID       string `json:"id"`
	Instance string `json:"instance"`
	Number   int    `json:"number"`
	Status   Status `json:"status"`
	// TaskID is the task a poll handed out; empty while waiting for one.
	TaskID      string    `json:"taskId,omitempty"`
	WorkerGroup string    `json:"workerGroup"`
	Hostname    string    `json:"hostname,omitempty"`
	HandedOut   time.Time `json:"handedOut,omitzero"`
	Acked       bool      `json:"acked,omitempty"`
	Progress    time.Time `json:"progress,omitzero"`
	Started     time.Time `json:"started,omitzero"`
	Ended       time.Time `json:"ended,omitzero"`
	// Cancel is set by TRY_CANCEL while a runner holds the task; its next
	// ReportTaskProgress answers canceled.
	Cancel          bool   `json:"cancel,omitempty"`
	ErrorID         string `json:"errorId,omitempty"`
	ErrorMessage    string `json:"errorMessage,omitempty"`
	ErrorStackTrace string `json:"errorStackTrace,omitempty"`
}

// Message is what an action did: an SnsAlarm's notification (its fields
// evaluated for the instance whose event ran it) or a Terminate.
type Message struct {
	Time     time.Time         `json:"time"`
	Event    string            `json:"event"` // onFail, onSuccess or onLateAction
	Action   string            `json:"action"`
	Type     string            `json:"type"`
	Instance string            `json:"instance"`
	Fields   map[string]string `json:"fields,omitempty"`
}

// State is everything a run keeps between calls. It is plain data: the
// caller stores it (as JSON) and gives it back.
type State struct {
	Activations int       `json:"activations"`
	Activated   time.Time `json:"activated,omitzero"`
	Active      bool      `json:"active"`
	// Next is, per scheduled component, the index of its next interval.
	Next      map[string]int  `json:"next,omitempty"`
	Paused    map[string]bool `json:"paused,omitempty"`
	Instances []*Instance     `json:"instances,omitempty"`
	Attempts  []*Attempt      `json:"attempts,omitempty"`
	Outbox    []Message       `json:"outbox,omitempty"`
}

// Config is what a run is of.
type Config struct {
	PipelineID string
	Def        *definition.Definition
	// Params are the pipeline's parameter values at activation.
	Params map[string][]string
}

// component is an object that gives rise to instances.
type component struct {
	o     *definition.Object
	kind  Kind
	sched *schedule.Schedule // nil: on demand
	style schedule.Style
}

// Engine runs one pipeline over its State.
type Engine struct {
	cfg      Config
	g        *graph.Graph
	cat      *catalog.Catalog
	st       *State
	comps    []*component // in definition order
	byComp   map[string][]*Instance
	inst     map[string]*Instance
	att      map[string]*Attempt
	task     map[string]*Attempt
	hosted   map[string][]*Instance // precondition instances by host
	produce  map[string][]string    // data node id -> activities that output it
	runsOn   map[string][]string    // resource id -> activities that run on it
	compByID map[string]*component

	// What drives the engine by change (advance.go).
	dirty     []*Instance
	dirtySet  map[*Instance]bool
	waiters   map[string][]*Instance // instance id -> instances waiting on it
	waitSeen  map[[2]string]bool
	waitMade  map[string][]*Instance // component id -> instances waiting for one of its instances to be made
	slotWait  map[string][]*Instance // component id -> instances waiting for a slot under maxActiveInstances
	slotSeen  map[*Instance]bool
	activeN   map[string]int         // component id -> its instances waiting for a runner or running
	timed     map[*Instance]bool     // instances waiting for a time
	queue     map[string][]*Attempt  // worker group -> attempts waiting for a runner
	running   []*Attempt             // attempts a runner holds, in hand-out order
	lateQ     map[string][]*Instance // component id -> instances watched for lateness, in start order
	seq       map[*Instance]int      // the order instances were made in
	settingOf map[string]*settings
}

// Errors the service's API names.
var (
	// ErrTaskNotFound: the task id is unknown, or no longer the runner's
	// (it was handed out again after a timeout).
	ErrTaskNotFound = errors.New("task not found")
	// ErrInvalid: a request the pipeline's state refuses.
	ErrInvalid = errors.New("invalid request")
)

// Limits from the guide's limits page, which the engine keeps, and the
// defaults where a field is unset.
const (
	MaxRetries       = 5               // "Retries of a pipeline activity: 5 per task"
	MinRetryDelay    = 2 * time.Minute // "Minimum delay between retry attempts"
	MaxActive        = 5               // "Number of active instances per object"
	AckTimeout       = 2 * time.Minute // ReportTaskProgress's first acknowledgement, per the API reference
	DefaultRetries   = 2               // dplint's choice where maximumRetries is unset: the guide names no default
	maxInstancesEach = 10000           // a bound on backfill per component, so a start years back cannot exhaust memory
)

// The periods a component's settings fall back to: retryDelay where unset
// (dplint's choice, like DefaultRetries) or under the guide's minimum, and
// the 15 minutes of progress the API reference allows a runner.
var (
	defaultRetryDelay      = schedule.Period{N: 10, Unit: schedule.Minute}
	minRetryDelay          = schedule.Period{N: 2, Unit: schedule.Minute}
	defaultProgressTimeout = schedule.Period{N: 15, Unit: schedule.Minute}
)

// New makes an engine over st (a new State for a pipeline never
// activated). The definition is the one activated; its parameter values
// are in cfg.Params.
func New(cfg Config, st *State) (*Engine, error) {
	if st == nil {
		st = &State{}
	}
	e := &Engine{cfg: cfg, g: graph.Build(cfg.Def), cat: catalog.Objects(), st: st,
		byComp: map[string][]*Instance{}, inst: map[string]*Instance{}, att: map[string]*Attempt{},
		task: map[string]*Attempt{}, hosted: map[string][]*Instance{}, produce: map[string][]string{},
		runsOn: map[string][]string{}, compByID: map[string]*component{},
		dirtySet: map[*Instance]bool{}, waiters: map[string][]*Instance{}, waitSeen: map[[2]string]bool{},
		waitMade: map[string][]*Instance{}, slotWait: map[string][]*Instance{}, slotSeen: map[*Instance]bool{},
		activeN: map[string]int{}, timed: map[*Instance]bool{}, queue: map[string][]*Attempt{},
		lateQ: map[string][]*Instance{}, seq: map[*Instance]int{}, settingOf: map[string]*settings{}}
	for _, o := range cfg.Def.Objects {
		t := e.cat.Type(e.g.Type(o))
		if t == nil {
			continue
		}
		kind := Kind(t.Category)
		switch kind {
		case Activity, DataNode, Resource:
		default:
			continue
		}
		c := &component{o: o, kind: kind}
		e.comps = append(e.comps, c)
		e.compByID[o.ID] = c
		if kind == Activity {
			for _, out := range e.refs(o, "output") {
				e.produce[out] = append(e.produce[out], o.ID)
			}
			if rs := e.refs(o, "runsOn"); len(rs) > 0 {
				e.runsOn[rs[0]] = append(e.runsOn[rs[0]], o.ID)
			}
		}
	}
	if st.Activations > 0 {
		if err := e.schedules(); err != nil {
			return nil, err
		}
	}
	// A loaded state: rebuild what drives the engine, and look at every
	// instance not done once.
	for _, in := range st.Instances {
		e.index(in)
		if in.Host == "" && isActive(in.Status) {
			e.activeN[in.Component]++
		}
		if !in.Status.Done() && e.g.Object(in.Component) != nil {
			e.watchLate(in)
			e.mark(in)
		}
	}
	for _, a := range st.Attempts {
		e.att[a.ID] = a
		if a.TaskID != "" {
			e.task[a.TaskID] = a
		}
		switch a.Status {
		case WaitingForRunner:
			e.enqueue(a)
		case Running:
			e.running = append(e.running, a)
		}
	}
	return e, nil
}

func (e *Engine) index(in *Instance) {
	e.inst[in.ID] = in
	e.seq[in] = len(e.seq)
	if in.Host != "" {
		e.hosted[in.Host] = append(e.hosted[in.Host], in)
		return
	}
	e.byComp[in.Component] = append(e.byComp[in.Component], in)
}

// State is the run's state, for the caller to keep.
func (e *Engine) State() *State { return e.st }

// text is an object's effective field, as written, through parent and
// Default.
func (e *Engine) text(o *definition.Object, key string) (string, bool) {
	if o == nil {
		return "", false // a component a later definition dropped
	}
	f, _ := e.g.Lookup(o, key)
	if f == nil || len(f.Values) == 0 {
		return "", false
	}
	return e.eval(o, f.Values[0].Text), true
}

// refs are the ids an object's effective reference field names.
func (e *Engine) refs(o *definition.Object, key string) []string {
	if o == nil {
		return nil
	}
	f, _ := e.g.Lookup(o, key)
	if f == nil {
		return nil
	}
	var out []string
	for _, v := range f.Values {
		if v.Kind == definition.Ref {
			out = append(out, v.Text)
		}
	}
	return out
}

func (e *Engine) integer(o *definition.Object, key string, def int) int {
	s, ok := e.text(o, key)
	if !ok {
		return def
	}
	var n int
	if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil {
		return def
	}
	return n
}

// ResourceWorkerGroup is the worker group of the task runner dplint serve
// expects on a resource: a runner started by hand polls with it to take the
// activities that run on that resource.
func ResourceWorkerGroup(pipelineID, resourceID string) string {
	return pipelineID + "/" + resourceID
}

// workerGroup is where an instance's tasks go: its runsOn resource's
// group, else its workerGroup; a precondition without either goes where
// its host's tasks go.
func (e *Engine) workerGroup(in *Instance) string {
	o := e.g.Object(in.Component)
	if rs := e.refs(o, "runsOn"); len(rs) > 0 {
		return ResourceWorkerGroup(e.cfg.PipelineID, rs[0])
	}
	if wg, ok := e.text(o, "workerGroup"); ok {
		return wg
	}
	if host := e.inst[in.Host]; host != nil {
		return e.workerGroup(host)
	}
	return ""
}

// Activate starts the pipeline at now; start (zero: now) is the
// ActivatePipeline call's startTimestamp, from which scheduled components
// resume: intervals before it are skipped. Every component's schedule is
// read again, so a startAt FIRST_ACTIVATION_DATE_TIME counts from the first
// activation only.
func (e *Engine) Activate(now, start time.Time) error {
	first := e.st.Activations == 0
	if first {
		e.st.Activated = now.UTC()
	}
	e.st.Activations++
	e.st.Active = true
	if e.st.Next == nil {
		e.st.Next = map[string]int{}
	}
	if err := e.schedules(); err != nil {
		return err
	}
	for _, c := range e.comps {
		if c.sched != nil && !start.IsZero() {
			// Resume from startTimestamp: skip the intervals that end before it.
			k := e.st.Next[c.o.ID]
			for iv, ok := c.sched.Interval(k); ok && !iv.End.After(start) && k < maxInstancesEach; iv, ok = c.sched.Interval(k) {
				k++
			}
			e.st.Next[c.o.ID] = k
		}
	}
	for _, c := range e.comps {
		if c.style == schedule.OnDemand {
			at := now.UTC()
			e.create(c, e.st.Activations-1, at, at, now)
		}
	}
	for _, in := range e.st.Instances {
		e.mark(in) // what waited while the pipeline was inactive looks again
	}
	e.Advance(now)
	return nil
}

// schedules reads every component's style and schedule for the first
// activation's time.
func (e *Engine) schedules() error {
	for _, c := range e.comps {
		st, err := schedule.StyleOf(c.o, e.text)
		if err != nil {
			return fmt.Errorf("%s: %w", c.o.ID, err)
		}
		c.style, c.sched = st, nil
		if st == schedule.OnDemand {
			continue
		}
		s, err := schedule.Of(e.g, c.o, e.st.Activated, e.text)
		if errors.Is(err, schedule.ErrNoSchedule) {
			continue // DP4003 reports it; such an object never runs
		}
		if err != nil {
			return fmt.Errorf("%s: %w", c.o.ID, err)
		}
		c.sched = &s
	}
	return nil
}

// Deactivate stops new instances and hand-outs; with cancelActive the
// instances not yet done are canceled too.
func (e *Engine) Deactivate(cancelActive bool, now time.Time) {
	e.st.Active = false
	if !cancelActive {
		return
	}
	for _, in := range e.st.Instances {
		if !in.Status.Done() {
			e.cancel(in, now)
		}
	}
}

// create makes the instance of component c for interval k, with its
// preconditions' instances, unless it exists.
func (e *Engine) create(c *component, k int, start, end, now time.Time) *Instance {
	id := instanceID(c.o.ID, start)
	if c.sched == nil {
		id = fmt.Sprintf("@%s_%d", c.o.ID, k+1) // on demand: one per activation
	}
	if in := e.inst[id]; in != nil {
		return in
	}
	in := &Instance{ID: id, Component: c.o.ID, Kind: c.kind, Index: k, Start: start, End: end, Status: WaitingOnDependencies, Created: now.UTC()}
	e.st.Instances = append(e.st.Instances, in)
	e.index(in)
	e.watchLate(in)
	e.mark(in)
	for _, w := range e.waitMade[c.o.ID] {
		e.mark(w)
	}
	delete(e.waitMade, c.o.ID)
	for _, p := range e.refs(c.o, "precondition") {
		po := e.g.Object(p)
		if po == nil {
			continue
		}
		pin := &Instance{ID: in.ID + "_" + p, Component: p, Kind: Precondition, Host: in.ID, Index: k, Start: start, End: end, Status: WaitingOnDependencies, Created: now.UTC()}
		e.st.Instances = append(e.st.Instances, pin)
		e.index(pin)
	}
	return in
}

// watchLate adds an instance to its component's lateness watch.
func (e *Engine) watchLate(in *Instance) {
	if in.Host == "" && !in.Late && e.setting(in.Component).lateAfter != nil {
		e.lateQ[in.Component] = append(e.lateQ[in.Component], in)
	}
}

// instanceID names an instance as the service does: "@" + the component's
// id + "_" + its scheduled start.
func instanceID(comp string, start time.Time) string {
	return "@" + comp + "_" + start.UTC().Format("2006-01-02T15:04:05")
}

func attemptID(in *Instance, n int) string { return fmt.Sprintf("%s_Attempt=%d", in.ID, n) }

func newTaskID() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%x", b[:])
}

// Instances lists the run's instances in the order they were made.
func (e *Engine) Instances() []*Instance { return e.st.Instances }

// Attempts lists the run's attempts in the order they were made.
func (e *Engine) Attempts() []*Attempt { return e.st.Attempts }

// Instance finds an instance by id.
func (e *Engine) Instance(id string) *Instance { return e.inst[id] }

// Attempt finds an attempt by id.
func (e *Engine) Attempt(id string) *Attempt { return e.att[id] }
