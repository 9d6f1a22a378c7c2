package serve

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dplint/dplint/report"
)

type definitionInput struct {
	PipelineID string `json:"pipelineId"`
	Definition
}

// validationOutput is PutPipelineDefinition's and
// ValidatePipelineDefinition's answer.
type validationOutput struct {
	ValidationErrors   []validationErrorOut   `json:"validationErrors"`
	ValidationWarnings []validationWarningOut `json:"validationWarnings"`
	Errored            bool                   `json:"errored"`
}

type validationErrorOut struct {
	ID     string   `json:"id"`
	Errors []string `json:"errors"`
}

type validationWarningOut struct {
	ID       string   `json:"id"`
	Warnings []string `json:"warnings"`
}

// tooMany refuses more objects than the limit, as the service does for
// both operations.
func (s *Server) tooMany(d *Definition) error {
	if limit := s.opt.limitObjects(); limit > 0 && len(d.Objects) > limit {
		return invalid("Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline")
	}
	return nil
}

// unsaved returns the InvalidRequestException for what the API documents
// as never saved by PutPipelineDefinition: an object without id or name
// (the model's required members catch an absent one, this an empty one), a
// field with an empty string or reference. ValidatePipelineDefinition
// answers those with validation errors, as dplint predicts.
func unsaved(d *Definition) error {
	for _, o := range d.Objects {
		if o.ID == "" || o.Name == "" {
			return invalid("Pipeline object is missing an id or a name: the definition was not saved")
		}
		for _, f := range o.Fields {
			if (f.StringValue == nil || *f.StringValue == "") && (f.RefValue == nil || *f.RefValue == "") {
				return invalid("Field %q of object %q is empty: the definition was not saved", f.Key, o.ID)
			}
		}
	}
	return nil
}

// validate lints a definition (dplint's service-origin checks, as
// --format aws answers) and returns the answer, or the exception the
// service would answer with instead. Values nil means the request gave
// none (no parameterValues member): dplint then does not ask for values
// of required parameters, as offline, where they may come at activation.
func (s *Server) validate(pipelineID string, d *Definition, values []ParamValue) (validationOutput, error) {
	doc := map[string]any{"pipelineObjects": d.Objects, "parameterObjects": d.Params}
	if d.Objects == nil {
		doc["pipelineObjects"] = []Object{}
	}
	if d.Params == nil {
		doc["parameterObjects"] = []ParamObject{}
	}
	if values != nil {
		doc["parameterValues"] = values
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return validationOutput{}, internalError(err)
	}
	f := s.linter.Lint("pipeline "+pipelineID, data)
	if f.Err != nil {
		return validationOutput{}, internalError(fmt.Errorf("validating: %w", f.Err))
	}
	if len(f.Definitions) != 1 {
		return validationOutput{}, internalError(fmt.Errorf("validating: the linter read %d definitions", len(f.Definitions)))
	}
	ld := f.Definitions[0]
	if ld.Exception != "" {
		return validationOutput{}, exceptionOf(ld.Exception)
	}
	v := report.ValidationOf(ld, report.Options{})
	out := validationOutput{ValidationErrors: []validationErrorOut{}, ValidationWarnings: []validationWarningOut{}, Errored: v.Errored}
	for _, m := range v.Errors {
		out.ValidationErrors = append(out.ValidationErrors, validationErrorOut{ID: m.ID, Errors: m.Text})
	}
	for _, m := range v.Warnings {
		out.ValidationWarnings = append(out.ValidationWarnings, validationWarningOut{ID: m.ID, Warnings: m.Text})
	}
	return out, nil
}

var cliException = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^An error occurred \((\w+)\) when calling the \w+ operation: `)
}) // compiled on first use, not at every start

// exceptionOf turns the AWS CLI's exception line that dplint predicts
// ("An error occurred (Type) when calling the Op operation: message") into
// the exception itself.
func exceptionOf(line string) *Error {
	if m := cliException().FindStringSubmatch(line); m != nil {
		return &Error{Type: m[1], Message: strings.TrimSpace(line[len(m[0]):])}
	}
	return invalid("%s", line)
}

func (s *Server) validateDefinition(in *definitionInput) (any, error) {
	s.mu.Lock()
	_, err := s.find(in.PipelineID)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if err := s.tooMany(&in.Definition); err != nil {
		return nil, err
	}
	out, err := s.validate(in.PipelineID, &in.Definition, in.Values)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Server) putDefinition(in *definitionInput) (any, error) {
	s.mu.Lock()
	p, err := s.find(in.PipelineID)
	if err == nil && s.state(p) == StateFinished {
		err = invalid("Pipeline %s is FINISHED: its definition cannot be changed", p.ID)
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	// Validated outside the lock: linting is the slow part, and depends on
	// the definition alone.
	if err := s.tooMany(&in.Definition); err != nil {
		return nil, err
	}
	if err := unsaved(&in.Definition); err != nil {
		return nil, err
	}
	out, verr := s.validate(in.PipelineID, &in.Definition, in.Values)
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, err = s.find(in.PipelineID); err != nil {
		return nil, err
	}
	if s.state(p) == StateFinished {
		return nil, invalid("Pipeline %s is FINISHED: its definition cannot be changed", p.ID)
	}
	if verr != nil {
		return nil, verr
	}
	c := p.clone()
	d := in.Definition
	d.normalize()
	c.Latest, c.Errored = &d, out.Errored
	c.Version++
	if err := s.commit(c); err != nil {
		return nil, err
	}
	return out, nil
}

type getInput struct {
	PipelineID string  `json:"pipelineId"`
	Version    *string `json:"version"`
}

func (s *Server) getDefinition(in *getInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.find(in.PipelineID)
	if err != nil {
		return nil, err
	}
	version := "latest"
	if in.Version != nil {
		version = *in.Version
	}
	var d *Definition
	switch version {
	case "latest":
		d = p.Latest
	case "active":
		if p.Active == nil {
			return nil, invalid("Pipeline %s has no active definition: it has not been activated", p.ID)
		}
		d = p.Active
	default:
		return nil, invalid("Invalid version %q: use latest or active", version)
	}
	out := map[string]any{"pipelineObjects": []Object{}}
	if d == nil {
		return out, nil
	}
	// Empty parameter lists are left out, so that a definition without
	// parameters comes back as it was put (the AWS CLI then prints no
	// "parameters" or "values").
	out["pipelineObjects"] = d.Objects
	if len(d.Params) > 0 {
		out["parameterObjects"] = d.Params
	}
	if len(d.Values) > 0 {
		out["parameterValues"] = d.Values
	}
	return out, nil
}

type activateInput struct {
	PipelineID      string       `json:"pipelineId"`
	ParameterValues []ParamValue `json:"parameterValues"`
	StartTimestamp  *json.Number `json:"startTimestamp"`
}

func (s *Server) activate(in *activateInput) (any, error) {
	var start *time.Time
	if in.StartTimestamp != nil {
		f, err := in.StartTimestamp.Float64()
		if err != nil {
			return nil, &Error{Type: "SerializationException", Message: "startTimestamp: " + err.Error()}
		}
		t := time.Unix(0, int64(f*1e9)).UTC()
		start = &t
	}
	s.mu.Lock()
	p, err := s.find(in.PipelineID)
	var latest *Definition
	version := 0
	if err == nil {
		latest, version = p.Latest, p.Version
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if latest == nil || len(latest.Objects) == 0 {
		return nil, invalid("Pipeline %s has no definition: put one before activating it", in.PipelineID)
	}
	// Activation validates first, with the values it is given (else the
	// definition's): every required parameter needs one now.
	values := in.ParameterValues
	if values == nil {
		values = append([]ParamValue{}, latest.Values...)
	}
	out, err := s.validate(in.PipelineID, latest, values)
	if err != nil {
		return nil, err
	}
	if out.Errored {
		return nil, invalid("Pipeline %s has validation errors and cannot be activated: %s", in.PipelineID, firstError(out))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err = s.find(in.PipelineID)
	if err != nil {
		return nil, err
	}
	if p.Version != version {
		return nil, invalid("Pipeline %s changed while it was being activated: activate it again", p.ID)
	}
	c := p.clone()
	active := *c.Latest
	if in.ParameterValues != nil {
		active.Values = append([]ParamValue{}, in.ParameterValues...)
	}
	now := s.opt.Now().UTC().Truncate(time.Second)
	c.Active, c.State, c.LastActivation, c.Start = &active, StateScheduled, &now, start
	if c.FirstActivation == nil {
		c.FirstActivation = &now
	}
	if err := s.runActivate(c, start, now); err != nil {
		return nil, err
	}
	if err := s.commit(c); err != nil {
		return nil, err
	}
	s.notify()
	return struct{}{}, nil
}

func firstError(out validationOutput) string {
	e := out.ValidationErrors[0]
	return fmt.Sprintf("%s: %s", e.ID, e.Errors[0])
}

type deactivateInput struct {
	PipelineID   string `json:"pipelineId"`
	CancelActive *bool  `json:"cancelActive"`
}

// deactivate takes an activated pipeline to INACTIVE at once: with no
// runs, there is nothing to finish or cancel (cancelActive changes
// nothing), so DEACTIVATING is never seen.
func (s *Server) deactivate(in *deactivateInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.find(in.PipelineID)
	if err != nil {
		return nil, err
	}
	if s.state(p) != StateScheduled {
		return struct{}{}, nil // nothing runs: nothing to stop
	}
	c := p.clone()
	c.State = StateInactive
	if err := s.runDeactivate(c, in.CancelActive == nil || *in.CancelActive, s.opt.Now().UTC()); err != nil {
		return nil, err
	}
	if err := s.commit(c); err != nil {
		return nil, err
	}
	s.notify()
	return struct{}{}, nil
}

type setStatusInput struct {
	PipelineID string   `json:"pipelineId"`
	ObjectIDs  []string `json:"objectIds"`
	Status     string   `json:"status"`
}

func (s *Server) setStatus(in *setStatusInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.find(in.PipelineID)
	if err != nil {
		return nil, err
	}
	if s.state(p) == StateFinished {
		return nil, invalid("Pipeline %s is FINISHED: the status of its objects cannot be set", p.ID)
	}
	switch in.Status {
	case "PAUSE", "RESUME":
	case "TRY_CANCEL", "RERUN", "MARK_FINISHED":
		if err := s.runSetStatus(p, in.ObjectIDs, in.Status); err != nil {
			return nil, err
		}
		return struct{}{}, nil
	default:
		return nil, invalid("Invalid status %q: components take PAUSE or RESUME, instances TRY_CANCEL, RERUN or MARK_FINISHED", in.Status)
	}
	components := map[string]bool{}
	if p.Latest != nil {
		for _, o := range p.Latest.Objects {
			components[o.ID] = true
		}
	}
	change := map[string]bool{}
	for _, id := range in.ObjectIDs {
		if !components[id] {
			return nil, invalid("Object %q is not a component of pipeline %s", id, p.ID)
		}
		change[id] = true
	}
	c := p.clone()
	c.Paused = slices.DeleteFunc(c.Paused, func(x string) bool { return change[x] })
	if in.Status == "PAUSE" {
		for _, id := range in.ObjectIDs {
			if change[id] {
				c.Paused = append(c.Paused, id)
				delete(change, id) // once, though named twice
			}
		}
	}
	if err := s.runPause(c, in.ObjectIDs, in.Status); err != nil {
		return nil, err
	}
	if err := s.commit(c); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
