package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/dplint/dplint/internal/pipelinerun"
)

// The runtime: an activated pipeline runs in internal/pipelinerun, whose
// State is kept in the pipeline (Pipeline.Run) and so in the store with
// everything else, each change committed before it is answered. An
// operation loads the pipeline's engine from that state, acts, and commits
// what changed; a restart resumes the same instances and attempts.

// DefaultPollWait is how long PollForTask holds a poll open when there is
// no task, as the API reference says the service does (up to 90 seconds).
// The AWS CLI reads for at most 60 seconds; pass --poll-wait to shorten it.
const DefaultPollWait = 90 * time.Second

// taskSep joins a pipeline id to its engine's task id in the taskId the
// API hands out, so that a task's pipeline is found without a search.
const taskSep = "."

// engine loads a pipeline's run; nil when it was never activated.
// s.mu must be held.
func (s *Server) engine(p *Pipeline) (*pipelinerun.Engine, error) {
	if p.Active == nil || p.Run == nil {
		return nil, nil
	}
	e, err := pipelinerun.New(pipelinerun.Config{PipelineID: p.ID, Def: s.model2(p, p.Active)}, p.Run)
	if err != nil {
		return nil, internalError(err)
	}
	return e, nil
}

// runChange runs fn on a copy of the pipeline's run and commits the copy
// when the run changed; nothing changes when fn or the store fails.
// s.mu must be held.
func (s *Server) runChange(p *Pipeline, fn func(*pipelinerun.Engine) error) error {
	if p.Active == nil || p.Run == nil {
		return nil
	}
	before, _ := json.Marshal(p.Run)
	c := p.clone()
	e, err := s.engine(c)
	if err != nil {
		return err
	}
	if err := fn(e); err != nil {
		return err
	}
	c.Run = e.State()
	after, _ := json.Marshal(c.Run)
	if bytes.Equal(before, after) {
		return nil
	}
	if err := s.commit(c); err != nil {
		return err
	}
	s.notify()
	return nil
}

// notify wakes the polls that wait for a task. s.mu must be held.
func (s *Server) notify() {
	if s.wake != nil {
		close(s.wake)
	}
	s.wake = make(chan struct{})
}

// runActivate starts (or resumes) c's run at its activation; called by
// activate on the copy it commits. s.mu must be held.
func (s *Server) runActivate(c *Pipeline, start *time.Time, now time.Time) error {
	st := c.Run
	if st == nil {
		st = &pipelinerun.State{}
	}
	e, err := pipelinerun.New(pipelinerun.Config{PipelineID: c.ID, Def: s.model2(c, c.Active)}, st)
	if err != nil {
		return invalid("Pipeline %s cannot run: %v", c.ID, err)
	}
	var from time.Time
	if start != nil {
		from = *start
	}
	if err := e.Activate(now, from); err != nil {
		return invalid("Pipeline %s cannot run: %v", c.ID, err)
	}
	c.Run = e.State()
	return nil
}

// runDeactivate stops c's run (cancelActive: its unfinished instances are
// canceled, the default). s.mu must be held.
func (s *Server) runDeactivate(c *Pipeline, cancelActive bool, now time.Time) error {
	if c.Run == nil || c.Active == nil {
		return nil
	}
	e, err := s.engine(c)
	if err != nil {
		return err
	}
	e.Deactivate(cancelActive, now)
	c.Run = e.State()
	return nil
}

// running lists the pipelines that run, by id, for a stable order.
// s.mu must be held.
func (s *Server) running() []*Pipeline {
	var out []*Pipeline
	for _, id := range s.order {
		if p := s.pipes[id]; p != nil && !p.Deleted && p.Run != nil && p.Run.Active {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

type pollInput struct {
	WorkerGroup string `json:"workerGroup"`
	Hostname    string `json:"hostname"`
}

// pollForTask hands out the oldest runnable task for the worker group from
// any running pipeline, waiting up to the poll wait for one (a task that
// comes due, a clock move, a status change ends the wait at once).
func (s *Server) pollForTask(ctx context.Context, in *pollInput) (any, error) {
	wait := s.opt.PollWait
	if wait <= 0 {
		wait = DefaultPollWait
	}
	deadline := time.Now().Add(wait)
	for {
		s.mu.Lock()
		task, err := s.pollOnce(in)
		wake := s.wake
		if wake == nil {
			s.notify()
			wake = s.wake
		}
		s.mu.Unlock()
		if err != nil || task != nil {
			return task, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return struct{}{}, nil
		}
		// A real clock also brings tasks by itself (a retry delay passes):
		// look again every second.
		tick := min(left, time.Second)
		if s.opt.Clock != nil {
			tick = left
		}
		select {
		case <-wake:
		case <-time.After(tick):
		case <-ctx.Done():
			return struct{}{}, nil
		}
	}
}

// pollOnce tries each running pipeline once. s.mu must be held.
func (s *Server) pollOnce(in *pollInput) (any, error) {
	now := s.opt.Now().UTC()
	for _, p := range s.running() {
		var task *pipelinerun.Task
		err := s.runChange(p, func(e *pipelinerun.Engine) error {
			task = e.Poll(in.WorkerGroup, in.Hostname, now)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if task != nil {
			return map[string]any{"taskObject": taskObject(p.ID, task)}, nil
		}
	}
	return nil, nil
}

func taskObject(pipelineID string, t *pipelinerun.Task) map[string]any {
	objects := map[string]Object{}
	for _, o := range t.Objects {
		objects[o.ID] = apiObject(o.ID, o.Name, o.Fields)
	}
	return map[string]any{"taskId": pipelineID + taskSep + t.TaskID, "pipelineId": pipelineID, "attemptId": t.AttemptID, "objects": objects}
}

// apiObject is an object in the API's form.
func apiObject(id, name string, fields []pipelinerun.Field) Object {
	o := Object{ID: id, Name: name, Fields: []Field{}}
	if o.Name == "" {
		o.Name = id
	}
	for _, f := range fields {
		f := f
		if f.RefValue != "" {
			o.Fields = append(o.Fields, Field{Key: f.Key, RefValue: &f.RefValue})
		} else {
			o.Fields = append(o.Fields, Field{Key: f.Key, StringValue: &f.StringValue})
		}
	}
	return o
}

// taskPipeline finds the pipeline a taskId belongs to. s.mu must be held.
func (s *Server) taskPipeline(taskID string) (*Pipeline, string, error) {
	id, task, ok := strings.Cut(taskID, taskSep)
	p := s.pipes[id]
	if !ok || p == nil || p.Deleted || p.Run == nil {
		return nil, "", &Error{Type: "TaskNotFoundException", Message: "Task " + taskID + " does not exist"}
	}
	return p, task, nil
}

func taskError(err error, taskID string) error {
	switch {
	case errors.Is(err, pipelinerun.ErrTaskNotFound):
		return &Error{Type: "TaskNotFoundException", Message: "Task " + taskID + " does not exist or is no longer yours (it was handed out again)"}
	case errors.Is(err, pipelinerun.ErrInvalid):
		return invalid("%s", strings.TrimPrefix(err.Error(), pipelinerun.ErrInvalid.Error()+": "))
	}
	return err
}

type progressInput struct {
	TaskID string `json:"taskId"`
}

func (s *Server) reportTaskProgress(in *progressInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, task, err := s.taskPipeline(in.TaskID)
	if err != nil {
		return nil, err
	}
	var canceled bool
	err = s.runChange(p, func(e *pipelinerun.Engine) error {
		var err error
		canceled, err = e.ReportProgress(task, s.opt.Now().UTC())
		return err
	})
	if err != nil {
		return nil, taskError(err, in.TaskID)
	}
	return map[string]bool{"canceled": canceled}, nil
}

type taskStatusInput struct {
	TaskID          string `json:"taskId"`
	TaskStatus      string `json:"taskStatus"`
	ErrorID         string `json:"errorId"`
	ErrorMessage    string `json:"errorMessage"`
	ErrorStackTrace string `json:"errorStackTrace"`
}

func (s *Server) setTaskStatus(in *taskStatusInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, task, err := s.taskPipeline(in.TaskID)
	if err != nil {
		return nil, err
	}
	err = s.runChange(p, func(e *pipelinerun.Engine) error {
		return e.SetTaskStatus(task, in.TaskStatus, in.ErrorID, in.ErrorMessage, in.ErrorStackTrace, s.opt.Now().UTC())
	})
	if err != nil {
		return nil, taskError(err, in.TaskID)
	}
	return struct{}{}, nil
}

type heartbeatInput struct {
	TaskrunnerID string `json:"taskrunnerId"`
	WorkerGroup  string `json:"workerGroup"`
	Hostname     string `json:"hostname"`
}

// reportTaskRunnerHeartbeat answers terminate for a runner on a resource
// its pipeline no longer needs (pipelinerun.ResourceWorkerGroup names
// those runners' worker groups); any other runner goes on.
func (s *Server) reportTaskRunnerHeartbeat(in *heartbeatInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, _, ok := strings.Cut(in.WorkerGroup, "/")
	p := s.pipes[id]
	if !ok || p == nil || p.Run == nil {
		return map[string]bool{"terminate": false}, nil
	}
	var terminate bool
	err := s.runChange(p, func(e *pipelinerun.Engine) error {
		terminate = e.Heartbeat(in.WorkerGroup, s.opt.Now().UTC())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]bool{"terminate": terminate}, nil
}

// runIDs are the ids of a pipeline's instances or attempts that match the
// selectors. s.mu must be held.
func (s *Server) runIDs(p *Pipeline, sphere string, sels []selector) ([]string, error) {
	e, err := s.engine(p)
	if err != nil || e == nil {
		return []string{}, err
	}
	ids := []string{}
	consider := func(id string) {
		if o, ok := s.runObject(e, id); ok && matchesAll(o, sels) {
			ids = append(ids, id)
		}
	}
	if sphere == "INSTANCE" {
		for _, in := range e.Instances() {
			consider(in.ID)
		}
	} else {
		for _, a := range e.Attempts() {
			consider(a.ID)
		}
	}
	return ids, nil
}

// runObject is an instance or attempt as DescribeObjects shows it.
func (s *Server) runObject(e *pipelinerun.Engine, id string) (Object, bool) {
	fields, ok := e.Fields(id)
	if !ok {
		return Object{}, false
	}
	o := apiObject(id, id, fields)
	return o, true
}

// runSetStatus sets TRY_CANCEL, RERUN or MARK_FINISHED on instances.
// s.mu must be held.
func (s *Server) runSetStatus(p *Pipeline, ids []string, status string) error {
	if p.Run == nil {
		return invalid("Status %s applies to instances, and pipeline %s has none: it was never activated", status, p.ID)
	}
	err := s.runChange(p, func(e *pipelinerun.Engine) error {
		return e.SetStatus(ids, status, s.opt.Now().UTC())
	})
	if errors.Is(err, pipelinerun.ErrInvalid) {
		return invalid("%s", strings.TrimPrefix(err.Error(), pipelinerun.ErrInvalid.Error()+": "))
	}
	return err
}

// advanceAll brings every running pipeline up to now (a manual clock
// moved). s.mu must be held.
func (s *Server) advanceAll() error {
	now := s.opt.Now().UTC()
	for _, p := range s.running() {
		if err := s.runChange(p, func(e *pipelinerun.Engine) error { e.Advance(now); return nil }); err != nil {
			return err
		}
	}
	s.notify()
	return nil
}

// OutboxMessage is what an action of a running pipeline did.
type OutboxMessage struct {
	PipelineID string `json:"pipelineId"`
	pipelinerun.Message
}

// outbox lists every pipeline's action messages, oldest first.
func (s *Server) outbox() []OutboxMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []OutboxMessage{}
	for _, id := range s.order {
		p := s.pipes[id]
		if p == nil || p.Run == nil {
			continue
		}
		for _, m := range p.Run.Outbox {
			out = append(out, OutboxMessage{PipelineID: p.ID, Message: m})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// local answers dplint serve's own endpoints under /_dplint/ (not part of
// any AWS API): the manual clock and the outbox.
func (s *Server) local(w http.ResponseWriter, r *http.Request) {
	reply := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	switch {
	case r.URL.Path == "/_dplint/outbox" && r.Method == http.MethodGet:
		reply(http.StatusOK, map[string]any{"messages": s.outbox()})
	case r.URL.Path == "/_dplint/clock" && r.Method == http.MethodGet:
		reply(http.StatusOK, map[string]any{"now": s.opt.Now().UTC().Format(time.RFC3339), "manual": s.opt.Clock != nil})
	case r.URL.Path == "/_dplint/clock" && r.Method == http.MethodPost:
		if s.opt.Clock == nil {
			reply(http.StatusBadRequest, map[string]string{"message": "the clock is real: start dplint serve with --clock manual to move it"})
			return
		}
		var in struct {
			Advance string `json:"advance"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&in); err != nil {
			reply(http.StatusBadRequest, map[string]string{"message": "the body must be {\"advance\": \"2h\"}: " + err.Error()})
			return
		}
		d, err := time.ParseDuration(in.Advance)
		if err != nil || d < 0 {
			reply(http.StatusBadRequest, map[string]string{"message": "advance " + in.Advance + ": a duration such as 90m or 2h, not negative"})
			return
		}
		s.mu.Lock()
		s.opt.Clock.Advance(d)
		err = s.advanceAll()
		s.mu.Unlock()
		if err != nil {
			reply(http.StatusInternalServerError, map[string]string{"message": err.Error()})
			return
		}
		reply(http.StatusOK, map[string]any{"now": s.opt.Now().UTC().Format(time.RFC3339), "manual": true})
	default:
		reply(http.StatusNotFound, map[string]string{"message": "dplint serve's own endpoints: GET /_dplint/outbox, GET or POST /_dplint/clock"})
	}
}

// runLookup describes p's instances and attempts as DescribeObjects shows
// them, loading p's run once, for the first id that needs it.
func (s *Server) runLookup(p *Pipeline) func(id string) (Object, bool) {
	var e *pipelinerun.Engine
	loaded := false
	return func(id string) (Object, bool) {
		if !strings.HasPrefix(id, "@") {
			return Object{}, false // instance and attempt ids start with @
		}
		if !loaded {
			loaded = true
			s.mu.Lock()
			e, _ = s.engine(p)
			s.mu.Unlock()
		}
		if e == nil {
			return Object{}, false
		}
		return s.runObject(e, id)
	}
}

// runPause carries PAUSE and RESUME to c's run: a paused component makes
// no instances and hands out no tasks. An id only the latest definition
// has (not yet activated) is the components' business alone.
// s.mu must be held.
func (s *Server) runPause(c *Pipeline, ids []string, status string) error {
	if c.Run == nil || c.Active == nil {
		return nil
	}
	e, err := s.engine(c)
	if err != nil {
		return err
	}
	var known []string
	for _, id := range ids {
		if c.Active.object(id) != nil {
			known = append(known, id)
		}
	}
	if len(known) == 0 {
		return nil
	}
	if err := e.SetStatus(known, status, s.opt.Now().UTC()); err != nil {
		return invalid("%s", strings.TrimPrefix(err.Error(), pipelinerun.ErrInvalid.Error()+": "))
	}
	c.Run = e.State()
	return nil
}
