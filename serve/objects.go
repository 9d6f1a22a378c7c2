package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
	"github.com/dplint/dplint/source"
)

// objectsPage is how many objects one DescribeObjects answer holds (the
// documented most ids per call).
const objectsPage = 25

type describeObjectsInput struct {
	PipelineID          string   `json:"pipelineId"`
	ObjectIDs           []string `json:"objectIds"`
	EvaluateExpressions bool     `json:"evaluateExpressions"`
	Marker              string   `json:"marker"`
}

// components returns a pipeline's latest definition for reading its
// components (COMPONENT sphere), with its state.
func (s *Server) components(id string) (*Pipeline, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.find(id)
}

func (s *Server) describeObjects(in *describeObjectsInput) (any, error) {
	p, err := s.components(in.PipelineID)
	if err != nil {
		return nil, err
	}
	start, err := offset(in.Marker)
	if err != nil {
		return nil, err
	}
	d := p.Latest
	var env func(id string) *evalenv.Env
	if in.EvaluateExpressions && d != nil {
		env = s.evalEnv(p, d)
	}
	paused := pausedSet(p)
	objects := []Object{}
	ids := in.ObjectIDs[min(start, len(in.ObjectIDs)):]
	more := len(ids) > objectsPage
	if more {
		ids = ids[:objectsPage]
	}
	run := s.runLookup(p)
	for _, id := range ids {
		if d == nil {
			break
		}
		o := d.object(id)
		if o == nil {
			if ro, ok := run(id); ok {
				objects = append(objects, ro) // an instance or an attempt
			}
			continue // the service leaves out ids it does not have
		}
		objects = append(objects, s.described(p, *o, env, paused))
	}
	out := map[string]any{"pipelineObjects": objects, "hasMoreResults": more}
	if more {
		out["marker"] = strconv.Itoa(start + objectsPage)
	}
	return out, nil
}

// described is a component as DescribeObjects answers: its fields (with
// expressions evaluated when env is set), then the service's own.
func (s *Server) described(p *Pipeline, o Object, env func(string) *evalenv.Env, paused map[string]bool) Object {
	fields := make([]Field, 0, len(o.Fields)+4)
	for _, f := range o.Fields {
		if env != nil && f.StringValue != nil && expr.HasExpr(*f.StringValue) {
			v := evaluate(env(o.ID), *f.StringValue)
			if v != "" {
				f.StringValue = &v
			}
		}
		fields = append(fields, f)
	}
	str := func(k, v string) Field { return Field{Key: k, StringValue: &v} }
	fields = append(fields, str("@id", o.ID), str("@pipelineId", p.ID), str("@sphere", "COMPONENT"))
	if p.Version > 0 {
		fields = append(fields, str("@version", strconv.Itoa(p.Version)))
	}
	if paused[o.ID] {
		fields = append(fields, str("@status", "PAUSED"))
	}
	o.Fields = fields
	return o
}

func pausedSet(p *Pipeline) map[string]bool {
	set := make(map[string]bool, len(p.Paused))
	for _, id := range p.Paused {
		set[id] = true
	}
	return set
}

func offset(marker string) (int, error) {
	if marker == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(marker)
	if err != nil || n < 0 {
		return 0, invalid("Invalid marker %q: pass the marker of the previous answer", marker)
	}
	return n, nil
}

// evalEnv returns, for an object id, what its expressions see: the
// definition (with the values of the last activation), the activation's
// start (else now) as the run's time.
func (s *Server) evalEnv(p *Pipeline, d *Definition) func(string) *evalenv.Env {
	def := s.model2(p, d)
	g := graph.Build(def)
	at := s.opt.Now().UTC()
	if p.Start != nil {
		at = *p.Start
	} else if p.LastActivation != nil {
		at = *p.LastActivation
	}
	return func(id string) *evalenv.Env {
		return &evalenv.Env{G: g, Cat: catalog.Objects(), Object: g.Object(id), At: at.Truncate(time.Second)}
	}
}

// model2 reads a stored definition as dplint's model.
func (s *Server) model2(p *Pipeline, d *Definition) *definition.Definition {
	send := *d
	if p.Active != nil && d == p.Latest && p.Active.Values != nil {
		send.Values = p.Active.Values
	}
	send.normalize()
	name := "pipeline " + p.ID
	data := mustJSON(send)
	return definition.Read(name, source.Parse(name, data))
}

// evaluate is the text with its expressions evaluated, or "" when they
// cannot be.
func evaluate(env *evalenv.Env, text string) string {
	t, errs := expr.ParseTemplate(text)
	if len(errs) > 0 {
		return ""
	}
	out, err := expr.EvalTemplate(t, env)
	if err != nil {
		return ""
	}
	return out
}

type evaluateInput struct {
	PipelineID string `json:"pipelineId"`
	ObjectID   string `json:"objectId"`
	Expression string `json:"expression"`
}

func (s *Server) evaluateExpression(in *evaluateInput) (any, error) {
	p, err := s.components(in.PipelineID)
	if err != nil {
		return nil, err
	}
	if p.Latest == nil || p.Latest.object(in.ObjectID) == nil {
		return nil, invalid("Object %q is not in pipeline %s", in.ObjectID, p.ID)
	}
	env := s.evalEnv(p, p.Latest)(in.ObjectID)
	t, errs := expr.ParseTemplate(in.Expression)
	if len(errs) > 0 {
		return nil, invalid("Unable to evaluate expression %s: %s", in.Expression, errs[0].Msg)
	}
	out, err := expr.EvalTemplate(t, env)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, expr.ErrUnknown) {
			msg = "not known before the pipeline runs: " + msg
		}
		return nil, invalid("Unable to evaluate expression %s: %s", in.Expression, msg)
	}
	return map[string]string{"evaluatedExpression": out}, nil
}

type queryInput struct {
	PipelineID string `json:"pipelineId"`
	Query      *struct {
		Selectors []selector `json:"selectors"`
	} `json:"query"`
	Sphere string `json:"sphere"`
	Marker string `json:"marker"`
	Limit  *int   `json:"limit"`
}

type selector struct {
	FieldName string `json:"fieldName"`
	Operator  *struct {
		Type   string   `json:"type"`
		Values []string `json:"values"`
	} `json:"operator"`
}

// maxSelectors is the documented most selectors of a query.
const maxSelectors = 10

func (s *Server) queryObjects(in *queryInput) (any, error) {
	p, err := s.components(in.PipelineID)
	if err != nil {
		return nil, err
	}
	switch in.Sphere {
	case "COMPONENT", "INSTANCE", "ATTEMPT":
	default:
		return nil, invalid("Invalid sphere %q: use COMPONENT, INSTANCE or ATTEMPT", in.Sphere)
	}
	var sels []selector
	if in.Query != nil {
		sels = in.Query.Selectors
	}
	if len(sels) > maxSelectors {
		return nil, invalid("Too many selectors: %d; a query takes up to %d", len(sels), maxSelectors)
	}
	for _, sel := range sels {
		if err := checkSelector(sel); err != nil {
			return nil, err
		}
	}
	limit := 100
	if in.Limit != nil {
		if *in.Limit < 1 {
			return nil, invalid("Invalid limit %d: it must be at least 1", *in.Limit)
		}
		limit = *in.Limit
	}
	start, err := offset(in.Marker)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	if in.Sphere == "COMPONENT" && p.Latest != nil {
		paused := pausedSet(p)
		for _, o := range p.Latest.Objects {
			if matchesAll(s.described(p, o, nil, paused), sels) {
				ids = append(ids, o.ID)
			}
		}
	}
	if in.Sphere != "COMPONENT" {
		s.mu.Lock()
		ids, err = s.runIDs(p, in.Sphere, sels)
		s.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
	page := ids[min(start, len(ids)):]
	more := len(page) > limit
	if more {
		page = page[:limit]
	}
	out := map[string]any{"ids": page, "hasMoreResults": more}
	if more {
		out["marker"] = strconv.Itoa(start + limit)
	}
	return out, nil
}

func checkSelector(sel selector) error {
	if sel.FieldName == "" || sel.Operator == nil {
		return invalid("Each selector needs a fieldName and an operator")
	}
	want := 1
	if sel.Operator.Type == "BETWEEN" {
		want = 2
	}
	if len(sel.Operator.Values) != want {
		return invalid("Operator %s on %q takes %d value(s), got %d", sel.Operator.Type, sel.FieldName, want, len(sel.Operator.Values))
	}
	return nil
}

// matchesAll reports whether an object satisfies every selector: EQ on a
// string value, REF_EQ on a reference, LE, GE and BETWEEN comparing the
// text (the documented fields are datetimes, whose text sorts as they do).
func matchesAll(o Object, sels []selector) bool {
	for _, sel := range sels {
		if !matches(o, sel) {
			return false
		}
	}
	return true
}

func matches(o Object, sel selector) bool {
	op, vals := sel.Operator.Type, sel.Operator.Values
	if sel.FieldName == "name" {
		return op == "EQ" && o.Name == vals[0]
	}
	for _, f := range o.Fields {
		if f.Key != sel.FieldName {
			continue
		}
		if op == "REF_EQ" {
			if f.RefValue != nil && *f.RefValue == vals[0] {
				return true
			}
			continue
		}
		if f.StringValue == nil {
			continue
		}
		v := *f.StringValue
		switch op {
		case "EQ":
			if v == vals[0] {
				return true
			}
		case "LE":
			if v <= vals[0] {
				return true
			}
		case "GE":
			if v >= vals[0] {
				return true
			}
		case "BETWEEN":
			if v >= vals[0] && v <= vals[1] {
				return true
			}
		}
	}
	return false
}

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("serve: encoding plain data: %v", err))
	}
	return data
}
