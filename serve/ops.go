package serve

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
)

// dispatch decodes the (already checked) body into the operation's input
// and runs it.
func (s *Server) dispatch(ctx context.Context, op string, body []byte) (any, error) {
	switch op {
	case "CreatePipeline":
		return run(body, s.createPipeline)
	case "DeletePipeline":
		return run(body, s.deletePipeline)
	case "DescribePipelines":
		return run(body, s.describePipelines)
	case "ListPipelines":
		return run(body, s.listPipelines)
	case "PutPipelineDefinition":
		return run(body, s.putDefinition)
	case "ValidatePipelineDefinition":
		return run(body, s.validateDefinition)
	case "GetPipelineDefinition":
		return run(body, s.getDefinition)
	case "ActivatePipeline":
		return run(body, s.activate)
	case "DeactivatePipeline":
		return run(body, s.deactivate)
	case "AddTags":
		return run(body, s.addTags)
	case "RemoveTags":
		return run(body, s.removeTags)
	case "SetStatus":
		return run(body, s.setStatus)
	case "DescribeObjects":
		return run(body, s.describeObjects)
	case "QueryObjects":
		return run(body, s.queryObjects)
	case "EvaluateExpression":
		return run(body, s.evaluateExpression)
	case "PollForTask":
		return run(body, func(in *pollInput) (any, error) { return s.pollForTask(ctx, in) })
	case "ReportTaskRunnerHeartbeat":
		return run(body, s.reportTaskRunnerHeartbeat)
	case "ReportTaskProgress":
		return run(body, s.reportTaskProgress)
	case "SetTaskStatus":
		return run(body, s.setTaskStatus)
	}
	return nil, &Error{Type: "UnknownOperationException", Message: "unknown operation " + op}
}

func run[In any](body []byte, fn func(*In) (any, error)) (any, error) {
	in := new(In)
	if len(body) > 0 {
		if err := json.Unmarshal(body, in); err != nil {
			return nil, &Error{Type: "SerializationException", Message: "reading the request: " + err.Error()}
		}
	}
	return fn(in)
}

// find returns the pipeline to read or change; s.mu must be held.
func (s *Server) find(id string) (*Pipeline, error) {
	p := s.pipes[id]
	switch {
	case p == nil:
		return nil, &Error{Type: "PipelineNotFoundException", Message: fmt.Sprintf("Pipeline with id %s does not exist", id)}
	case p.Deleted:
		return nil, &Error{Type: "PipelineDeletedException", Message: fmt.Sprintf("Pipeline with id %s has been deleted", id)}
	}
	return p, nil
}

// commit stores a changed copy of a pipeline and then keeps it; s.mu must
// be held. When the store fails nothing changes.
func (s *Server) commit(p *Pipeline) error {
	if err := s.store.Save(p); err != nil {
		return internalError(fmt.Errorf("storing pipeline %s: %w", p.ID, err))
	}
	old, ok := s.pipes[p.ID]
	switch {
	case !ok:
		s.order = append(s.order, p.ID)
		s.byKey[[2]string{p.Name, p.UniqueID}] = p.ID
		s.live++
	case !old.Deleted && p.Deleted:
		s.live--
	}
	s.pipes[p.ID] = p
	return nil
}

type createInput struct {
	Name        string  `json:"name"`
	UniqueID    string  `json:"uniqueId"`
	Description *string `json:"description"`
	Tags        []Tag   `json:"tags"`
}

func (s *Server) createPipeline(in *createInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The same name and uniqueId give the same pipeline (idempotent
	// creation), as the API documents, even once deleted: a retried call
	// must not make a second one.
	if id, ok := s.byKey[[2]string{in.Name, in.UniqueID}]; ok {
		return map[string]string{"pipelineId": id}, nil
	}
	if s.opt.AccountLimits && s.live >= LimitPipelines {
		return nil, invalid("Web service limit exceeded: Exceeded number of pipelines allowed per account (%d)", LimitPipelines)
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	s.seq++
	p := &Pipeline{ID: newPipelineID(), Seq: s.seq, Name: in.Name, UniqueID: in.UniqueID, Description: in.Description,
		Tags: mergeTags(nil, in.Tags), Created: s.opt.Now().UTC().Truncate(time.Second), State: StatePending}
	if err := s.commit(p); err != nil {
		return nil, err
	}
	return map[string]string{"pipelineId": p.ID}, nil
}

// newPipelineID makes an id in the service's form: df- and 20 digits and
// capitals.
func newPipelineID() string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	b := []byte("df-")
	for range 20 {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		b = append(b, alphabet[n.Int64()])
	}
	return string(b)
}

type idInput struct {
	PipelineID string `json:"pipelineId"`
}

func (s *Server) deletePipeline(in *idInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pipes[in.PipelineID]
	if p == nil || p.Deleted {
		// DeletePipeline has no PipelineDeletedException in the model.
		return nil, &Error{Type: "PipelineNotFoundException", Message: fmt.Sprintf("Pipeline with id %s does not exist", in.PipelineID)}
	}
	// A tombstone: later calls get PipelineDeletedException, and the same
	// name and uniqueId still lead here.
	gone := &Pipeline{ID: p.ID, Seq: p.Seq, Name: p.Name, UniqueID: p.UniqueID, Created: p.Created, Deleted: true, State: p.State, Tags: []Tag{}}
	if err := s.commit(gone); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type describeInput struct {
	PipelineIDs []string `json:"pipelineIds"`
}

// maxDescribe is DescribePipelines' documented batch.
const maxDescribe = 25

func (s *Server) describePipelines(in *describeInput) (any, error) {
	if len(in.PipelineIDs) > maxDescribe {
		return nil, invalid("Too many pipeline ids: %d; DescribePipelines takes up to %d", len(in.PipelineIDs), maxDescribe)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	list := []any{}
	for _, id := range in.PipelineIDs {
		p, err := s.find(id)
		if err != nil {
			return nil, err
		}
		list = append(list, s.description(p))
	}
	return map[string]any{"pipelineDescriptionList": list}, nil
}

// timeLayout is how the service writes times in fields.
const timeLayout = "2006-01-02T15:04:05"

// description is a pipeline as DescribePipelines reports it (the AWS
// CLI's example, describe-pipelines.rst, shows the fields).
func (s *Server) description(p *Pipeline) map[string]any {
	str := func(k, v string) Field { return Field{Key: k, StringValue: &v} }
	fields := []Field{
		str("@pipelineState", s.state(p)),
		str("name", p.Name),
		str("@creationTime", p.Created.UTC().Format(timeLayout)),
		str("@id", p.ID),
		str("pipelineCreator", s.opt.AccountID),
		str("@sphere", "PIPELINE"),
		str("@userId", s.opt.AccountID),
		str("@accountId", s.opt.AccountID),
		str("uniqueId", p.UniqueID),
	}
	if p.Version > 0 {
		fields = append(fields, str("@version", fmt.Sprint(p.Version)))
	}
	if p.FirstActivation != nil {
		fields = append(fields, str("@firstActivationTime", p.FirstActivation.UTC().Format(timeLayout)))
	}
	if p.LastActivation != nil {
		fields = append(fields, str("@lastActivationTime", p.LastActivation.UTC().Format(timeLayout)))
	}
	if p.Description != nil {
		fields = append(fields, str("description", *p.Description))
	}
	out := map[string]any{"pipelineId": p.ID, "name": p.Name, "fields": fields, "tags": p.Tags}
	if p.Description != nil {
		out["description"] = *p.Description
	}
	return out
}

// state is the pipeline's state now: an activated pipeline all of whose
// schedules have ended is FINISHED (it has nothing left to run).
func (s *Server) state(p *Pipeline) string {
	if p.State == StateScheduled && p.Active != nil && ended(p.Active, s.opt.Now()) {
		return StateFinished
	}
	return p.State
}

// ended reports whether a definition has schedules and every one of them
// has an endDateTime before now.
func ended(d *Definition, now time.Time) bool {
	n := 0
	for _, o := range d.Objects {
		if fieldValue(o, "type") != "Schedule" {
			continue
		}
		n++
		end, err := time.Parse(timeLayout, fieldValue(o, "endDateTime"))
		if err != nil || !end.Before(now) {
			return false
		}
	}
	return n > 0
}

func fieldValue(o Object, key string) string {
	for _, f := range o.Fields {
		if f.Key == key && f.StringValue != nil {
			return *f.StringValue
		}
	}
	return ""
}

type listInput struct {
	Marker string `json:"marker"`
}

func (s *Server) listPipelines(in *listInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := 0
	if in.Marker != "" {
		// The marker names the last pipeline of the page before: the next
		// page starts after it, whatever was deleted in between.
		seq, err := readMarker(in.Marker)
		if err != nil {
			return nil, err
		}
		start, _ = slices.BinarySearchFunc(s.order, seq+1, func(id string, seq int64) int {
			return int(s.pipes[id].Seq - seq)
		})
	}
	list := []any{}
	var last int64
	more := false
	for _, id := range s.order[start:] {
		p := s.pipes[id]
		if p.Deleted {
			continue
		}
		if len(list) == s.opt.PageSize {
			more = true
			break
		}
		list = append(list, map[string]string{"id": p.ID, "name": p.Name})
		last = p.Seq
	}
	out := map[string]any{"pipelineIdList": list, "hasMoreResults": more}
	if more {
		out["marker"] = marker(last)
	}
	return out, nil
}

func marker(n int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("dplint:%d", n)))
}

func readMarker(m string) (int64, error) {
	data, err := base64.RawURLEncoding.DecodeString(m)
	var n int64
	if err == nil {
		_, err = fmt.Sscanf(string(data), "dplint:%d", &n)
	}
	if err != nil || n < 0 {
		return 0, invalid("Invalid marker %q: pass the marker of the previous answer", m)
	}
	return n, nil
}

type tagsInput struct {
	PipelineID string   `json:"pipelineId"`
	Tags       []Tag    `json:"tags"`
	TagKeys    []string `json:"tagKeys"`
}

func checkTags(tags []Tag) error {
	if n := len(mergeTags(nil, tags)); n > LimitTags {
		return invalid("Too many tags: a pipeline has at most %d", LimitTags)
	}
	for _, t := range tags {
		if strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			return invalid("Tag key %q: keys starting with aws: are reserved", t.Key)
		}
	}
	return nil
}

// mergeTags sets each tag of add on tags (a key given again takes the new
// value), keeping the order keys were first given.
func mergeTags(tags, add []Tag) []Tag {
	out := append([]Tag{}, tags...)
	for _, t := range add {
		i := slices.IndexFunc(out, func(o Tag) bool { return o.Key == t.Key })
		if i >= 0 {
			out[i].Value = t.Value
		} else {
			out = append(out, t)
		}
	}
	return out
}

func (s *Server) addTags(in *tagsInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.find(in.PipelineID)
	if err != nil {
		return nil, err
	}
	merged := mergeTags(p.Tags, in.Tags)
	if err := checkTags(merged); err != nil {
		return nil, err
	}
	c := p.clone()
	c.Tags = merged
	if err := s.commit(c); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Server) removeTags(in *tagsInput) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.find(in.PipelineID)
	if err != nil {
		return nil, err
	}
	c := p.clone()
	c.Tags = slices.DeleteFunc(c.Tags, func(t Tag) bool { return slices.Contains(in.TagKeys, t.Key) })
	if err := s.commit(c); err != nil {
		return nil, err
	}
	return struct{}{}, nil
}
