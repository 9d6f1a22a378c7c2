// Package iotserve answers the AWS IoT Analytics REST-JSON API for
// pipelines and their reprocessing, as `dplint serve` offers it beside Data
// Pipeline: CreatePipeline, UpdatePipeline, DescribePipeline, ListPipelines,
// DeletePipeline, StartPipelineReprocessing, CancelPipelineReprocessing and
// RunPipelineActivity, with the model's paths, status codes and error
// shapes. What a request holds is checked by the caller's Check (dplint's
// IoT Analytics rules, the same as `dplint lint` runs on the same JSON);
// this package owns only the protocol and the state.
package iotserve

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Options configure a Server.
type Options struct {
	Region    string // default us-east-1
	AccountID string // default 123456789012
	// ReprocessingDuration is how long a reprocessing stays RUNNING before
	// it is SUCCEEDED (default DefaultReprocessingDuration).
	ReprocessingDuration time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Check judges a request body the service would refuse: a non-nil error
	// is answered with InvalidRequestException and its text. op is
	// "CreatePipeline", "UpdatePipeline" or "StartPipelineReprocessing";
	// body is the request as `--cli-input-json` takes it, the path's
	// pipelineName included.
	Check func(op string, body []byte) error
	// Store keeps the pipelines (default: in memory).
	Store Store
}

// DefaultReprocessingDuration is how long a reprocessing runs unless
// Options say otherwise: long enough for a test to see RUNNING, short enough
// to see it end.
const DefaultReprocessingDuration = 5 * time.Second

// MaxBody bounds a request body. The largest request the model allows is
// RunPipelineActivity's ten payloads; 10 MB is well above any real one.
const MaxBody = 10 << 20

// Reprocessing is one StartPipelineReprocessing.
type Reprocessing struct {
	ID        string    `json:"id"`
	Created   time.Time `json:"created"`
	Cancelled bool      `json:"cancelled,omitempty"`
	// Ends is when a RUNNING reprocessing becomes SUCCEEDED.
	Ends time.Time `json:"ends"`
}

// Status is the reprocessing's status at now.
func (r Reprocessing) Status(now time.Time) string {
	switch {
	case r.Cancelled:
		return "CANCELLED"
	case now.Before(r.Ends):
		return "RUNNING"
	}
	return "SUCCEEDED"
}

// Pipeline is one stored pipeline.
type Pipeline struct {
	Name          string          `json:"name"`
	Activities    json.RawMessage `json:"activities"`
	Tags          json.RawMessage `json:"tags,omitempty"`
	Created       time.Time       `json:"created"`
	Updated       time.Time       `json:"updated"`
	Reprocessings []Reprocessing  `json:"reprocessings,omitempty"`
}

// Store keeps pipelines by name. The server serialises its calls; Put and
// Delete return only once the change is kept.
type Store interface {
	Get(name string) (*Pipeline, bool, error)
	Put(p *Pipeline) error
	Delete(name string) error
	// Names lists every pipeline's name.
	Names() ([]string, error)
}

// Memory is a Store in memory.
type Memory struct{ m map[string]*Pipeline }

// Get implements Store.
func (s *Memory) Get(name string) (*Pipeline, bool, error) {
	p, ok := s.m[name]
	if !ok {
		return nil, false, nil
	}
	c := *p
	c.Reprocessings = append([]Reprocessing(nil), p.Reprocessings...)
	return &c, true, nil
}

// Put implements Store.
func (s *Memory) Put(p *Pipeline) error {
	if s.m == nil {
		s.m = map[string]*Pipeline{}
	}
	c := *p
	s.m[p.Name] = &c
	return nil
}

// Delete implements Store.
func (s *Memory) Delete(name string) error { delete(s.m, name); return nil }

// Names implements Store.
func (s *Memory) Names() ([]string, error) {
	out := make([]string, 0, len(s.m))
	for n := range s.m {
		out = append(out, n)
	}
	return out, nil
}

// Server is the IoT Analytics endpoint.
type Server struct {
	o   Options
	mu  sync.Mutex
	mux *http.ServeMux
}

// New makes a Server.
func New(o Options) *Server {
	if o.Region == "" {
		o.Region = "us-east-1"
	}
	if o.AccountID == "" {
		o.AccountID = "123456789012"
	}
	if o.ReprocessingDuration <= 0 {
		o.ReprocessingDuration = DefaultReprocessingDuration
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Store == nil {
		o.Store = &Memory{}
	}
	s := &Server{o: o, mux: http.NewServeMux()}
	for pattern, h := range map[string]func(*http.Request) (int, any, error){
		"POST /pipelines":                                                s.create,
		"GET /pipelines":                                                 s.list,
		"GET /pipelines/{pipelineName}":                                  s.describe,
		"PUT /pipelines/{pipelineName}":                                  s.update,
		"DELETE /pipelines/{pipelineName}":                               s.delete,
		"POST /pipelines/{pipelineName}/reprocessing":                    s.startReprocessing,
		"DELETE /pipelines/{pipelineName}/reprocessing/{reprocessingId}": s.cancelReprocessing,
		"POST /pipelineactivities/run":                                   s.runActivity,
	} {
		s.mux.HandleFunc(pattern, s.handle(h))
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, refuse(http.StatusNotFound, "UnknownOperationException", "%s %s is not an IoT Analytics operation dplint serves", r.Method, r.URL.Path))
	})
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// apiError is an error the service answers with: its HTTP status, the
// error shape's name and its members.
type apiError struct {
	status int
	code   string
	body   map[string]string
}

func (e *apiError) Error() string { return e.code + ": " + e.body["message"] }

func refuse(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, body: map[string]string{"message": fmt.Sprintf(format, args...)}}
}

func invalid(format string, args ...any) *apiError {
	return refuse(http.StatusBadRequest, "InvalidRequestException", format, args...)
}

func notFound(name string) *apiError {
	return refuse(http.StatusNotFound, "ResourceNotFoundException", "A resource with the name %s was not found.", name)
}

// writeError answers as a rest-json service does: the error's name in the
// x-amzn-ErrorType header (which botocore and the Go SDK read first) and
// the shape's members in the body.
func writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", e.code)
	w.WriteHeader(e.status)
	body := map[string]string{"__type": e.code}
	for k, v := range e.body {
		body[k] = v
	}
	_ = json.NewEncoder(w).Encode(body)
}

// handle runs an operation under the server's lock and writes its answer:
// a status, a body (nil: none) or an error.
func (s *Server) handle(op func(*http.Request) (int, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		s.mu.Lock()
		status, body, err := op(r)
		s.mu.Unlock()
		var ae *apiError
		switch {
		case errors.As(err, &ae):
			writeError(w, ae)
			return
		case err != nil:
			writeError(w, refuse(http.StatusInternalServerError, "InternalFailureException", "%v", err))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		if body != nil {
			_ = json.NewEncoder(w).Encode(body)
		}
	}
}

// pipelineName is the model's PipelineName: 1 to 128 letters, digits and
// underscores, not starting with two underscores.
// pipelineName is compiled on first use: {1,128} makes a program of 128
// copies, which cost every dplint command 1.3 ms at init.
var pipelineName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z0-9_]{1,128}$`) })

func checkName(name string) error {
	if !pipelineName().MatchString(name) || len(name) >= 2 && name[:2] == "__" {
		return invalid("pipelineName %q must be 1 to 128 letters, digits and underscores, not starting with two underscores", name)
	}
	return nil
}

// readBody reads a JSON request body into v, and returns its bytes.
func readBody(r *http.Request, v any) ([]byte, error) {
	data, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, invalid("the request body is over %d bytes", MaxBody)
	}
	if err != nil {
		return nil, invalid("reading the request body: %v", err)
	}
	if len(data) == 0 {
		data = []byte("{}")
	}
	if err := json.Unmarshal(data, v); err != nil {
		return nil, invalid("the request body is not valid JSON: %v", err)
	}
	return data, nil
}

func (s *Server) arn(name string) string {
	return fmt.Sprintf("arn:aws:iotanalytics:%s:%s:pipeline/%s", s.o.Region, s.o.AccountID, name)
}

// Refusal is an error Check returns to answer with a given error shape
// (InvalidRequestException when Type is empty).
type Refusal struct {
	Type, Message string
}

func (r *Refusal) Error() string { return r.Message }

func (s *Server) check(op string, body []byte) error {
	if s.o.Check == nil {
		return nil
	}
	err := s.o.Check(op, body)
	if err == nil {
		return nil
	}
	var r *Refusal
	if errors.As(err, &r) && r.Type != "" && r.Type != "InvalidRequestException" {
		status := http.StatusBadRequest
		if r.Type == "LimitExceededException" {
			status = 410 // the model's status for it
		}
		return refuse(status, r.Type, "%s", r.Message)
	}
	return invalid("%s", err.Error())
}

// withName is body with the path's pipelineName set, so that Check sees
// what `--cli-input-json` would hold.
func withName(body []byte, name string) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return nil, invalid("the request body is not a JSON object")
	}
	n, _ := json.Marshal(name)
	m["pipelineName"] = n
	return json.Marshal(m)
}

type pipelineRequest struct {
	PipelineName       string          `json:"pipelineName"`
	PipelineActivities json.RawMessage `json:"pipelineActivities"`
	Tags               json.RawMessage `json:"tags"`
}

func (s *Server) create(r *http.Request) (int, any, error) {
	var req pipelineRequest
	body, err := readBody(r, &req)
	if err != nil {
		return 0, nil, err
	}
	// The caller's checks first: they say what the service says, in its
	// words; the protocol's own are what is left without them.
	if err := s.check("CreatePipeline", body); err != nil {
		return 0, nil, err
	}
	if err := checkName(req.PipelineName); err != nil {
		return 0, nil, err
	}
	if len(req.PipelineActivities) == 0 {
		return 0, nil, invalid("pipelineActivities is required")
	}
	if _, ok, err := s.o.Store.Get(req.PipelineName); err != nil || ok {
		if err != nil {
			return 0, nil, err
		}
		e := refuse(http.StatusConflict, "ResourceAlreadyExistsException", "A resource with the name %s already exists.", req.PipelineName)
		e.body["resourceId"], e.body["resourceArn"] = req.PipelineName, s.arn(req.PipelineName)
		return 0, nil, e
	}
	now := s.o.Now().UTC()
	p := &Pipeline{Name: req.PipelineName, Activities: req.PipelineActivities, Tags: req.Tags, Created: now, Updated: now}
	if err := s.o.Store.Put(p); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, map[string]string{"pipelineName": p.Name, "pipelineArn": s.arn(p.Name)}, nil
}

// pipeline finds the pipeline the path names.
func (s *Server) pipeline(r *http.Request) (*Pipeline, error) {
	name := r.PathValue("pipelineName")
	if err := checkName(name); err != nil {
		return nil, err
	}
	p, ok, err := s.o.Store.Get(name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound(name)
	}
	return p, nil
}

func (s *Server) update(r *http.Request) (int, any, error) {
	p, err := s.pipeline(r)
	if err != nil {
		return 0, nil, err
	}
	var req pipelineRequest
	body, err := readBody(r, &req)
	if err != nil {
		return 0, nil, err
	}
	if len(req.PipelineActivities) == 0 {
		return 0, nil, invalid("pipelineActivities is required")
	}
	if body, err = withName(body, p.Name); err != nil {
		return 0, nil, err
	}
	if err := s.check("UpdatePipeline", body); err != nil {
		return 0, nil, err
	}
	p.Activities, p.Updated = req.PipelineActivities, s.o.Now().UTC()
	return http.StatusOK, nil, s.o.Store.Put(p)
}

func (s *Server) delete(r *http.Request) (int, any, error) {
	p, err := s.pipeline(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, s.o.Store.Delete(p.Name)
}

// epoch is a timestamp as rest-json writes it: seconds since 1970, with
// a fraction for milliseconds.
func epoch(t time.Time) json.Number {
	return json.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64))
}

func (s *Server) summaries(p *Pipeline) []map[string]any {
	now := s.o.Now()
	out := []map[string]any{}
	// Newest first, as a list of recent runs reads.
	for i := len(p.Reprocessings) - 1; i >= 0; i-- {
		rp := p.Reprocessings[i]
		out = append(out, map[string]any{"id": rp.ID, "status": rp.Status(now), "creationTime": epoch(rp.Created)})
	}
	return out
}

func (s *Server) describe(r *http.Request) (int, any, error) {
	p, err := s.pipeline(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"pipeline": map[string]any{
		"name": p.Name, "arn": s.arn(p.Name), "activities": p.Activities,
		"reprocessingSummaries": s.summaries(p),
		"creationTime":          epoch(p.Created), "lastUpdateTime": epoch(p.Updated),
	}}, nil
}

// DefaultMaxResults is ListPipelines' page size when maxResults is not
// given, as the model documents it.
const DefaultMaxResults = 100

func (s *Server) list(r *http.Request) (int, any, error) {
	size := DefaultMaxResults
	if v := r.URL.Query().Get("maxResults"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 250 {
			return 0, nil, invalid("maxResults %q must be a number from 1 to 250", v)
		}
		size = n
	}
	names, err := s.o.Store.Names()
	if err != nil {
		return 0, nil, err
	}
	sort.Strings(names)
	// The token is the last name of the page before: pages stay right when
	// pipelines are created or deleted between calls.
	after := r.URL.Query().Get("nextToken")
	i := sort.SearchStrings(names, after)
	if after != "" && i < len(names) && names[i] == after {
		i++
	}
	page := names[i:min(i+size, len(names))]
	out := map[string]any{}
	sums := []map[string]any{}
	for _, n := range page {
		p, ok, err := s.o.Store.Get(n)
		if err != nil {
			return 0, nil, err
		}
		if ok {
			sums = append(sums, map[string]any{"pipelineName": p.Name, "reprocessingSummaries": s.summaries(p),
				"creationTime": epoch(p.Created), "lastUpdateTime": epoch(p.Updated)})
		}
	}
	out["pipelineSummaries"] = sums
	if i+size < len(names) {
		out["nextToken"] = page[len(page)-1]
	}
	return http.StatusOK, out, nil
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func (s *Server) startReprocessing(r *http.Request) (int, any, error) {
	p, err := s.pipeline(r)
	if err != nil {
		return 0, nil, err
	}
	var req map[string]json.RawMessage
	body, err := readBody(r, &req)
	if err != nil {
		return 0, nil, err
	}
	if body, err = withName(body, p.Name); err != nil {
		return 0, nil, err
	}
	if err := s.check("StartPipelineReprocessing", body); err != nil {
		return 0, nil, err
	}
	now := s.o.Now().UTC()
	for _, rp := range p.Reprocessings {
		if rp.Status(now) == "RUNNING" {
			e := refuse(http.StatusConflict, "ResourceAlreadyExistsException", "Reprocessing %s is already running on pipeline %s.", rp.ID, p.Name)
			e.body["resourceId"], e.body["resourceArn"] = rp.ID, s.arn(p.Name)
			return 0, nil, e
		}
	}
	rp := Reprocessing{ID: newID(), Created: now, Ends: now.Add(s.o.ReprocessingDuration)}
	p.Reprocessings = append(p.Reprocessings, rp)
	if err := s.o.Store.Put(p); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]string{"reprocessingId": rp.ID}, nil
}

func (s *Server) cancelReprocessing(r *http.Request) (int, any, error) {
	p, err := s.pipeline(r)
	if err != nil {
		return 0, nil, err
	}
	id := r.PathValue("reprocessingId")
	for i, rp := range p.Reprocessings {
		if rp.ID != id {
			continue
		}
		if st := rp.Status(s.o.Now()); st != "RUNNING" {
			return 0, nil, invalid("Reprocessing %s is %s; only a RUNNING reprocessing can be cancelled.", id, st)
		}
		p.Reprocessings[i].Cancelled = true
		return http.StatusOK, map[string]any{}, s.o.Store.Put(p)
	}
	return 0, nil, refuse(http.StatusNotFound, "ResourceNotFoundException", "A reprocessing with the id %s was not found on pipeline %s.", id, p.Name)
}
