// Package serve is a local Data Pipeline endpoint (dplint serve): the
// control-plane operations of the API (2012-10-29) over AWS JSON 1.1,
// with requests checked against the API model (internal/apimodel) and
// definitions validated by dplint's own rules (lint, report.ValidationOf),
// kept in memory or in an embedded store (Store). Activated pipelines run
// (internal/pipelinerun) for task runners to poll (runtime.go), and the
// same address answers IoT Analytics' pipeline API (iot.go).
package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dplint/dplint/internal/apimodel"
	"github.com/dplint/dplint/lint"
)

// Documented account limits (dp-limits.md), enforced with
// Options.AccountLimits.
const (
	LimitPipelines = 100
	LimitObjects   = 100
	LimitTags      = 10 // tags per pipeline (the Tag shape's documentation)
)

// DefaultPageSize is how many pipelines one ListPipelines page holds: the
// API does not say; 25 matches DescribePipelines' batch.
const DefaultPageSize = 25

// MaxBody bounds a request body: the largest member the API allows is
// EvaluateExpression's expression (longString, 20,971,520 characters);
// the rest is room for the JSON around it. A larger body is refused
// before it is read whole.
const MaxBody = 24 << 20

// Options configure a Server. The zero value is an in-memory server in
// us-east-1 for account 123456789012 with no limits.
type Options struct {
	Region    string // "us-east-1" when empty; signatures must be scoped to it (with Credentials)
	AccountID string // "123456789012" when empty
	// MaxObjects is the objects-per-pipeline limit (0: none, or 100 with
	// AccountLimits).
	MaxObjects int
	// AccountLimits enforces the documented limits: 100 pipelines per
	// account, 100 objects per pipeline (unless MaxObjects says otherwise).
	AccountLimits bool
	// Store keeps the state; nil keeps it in memory (NewMemory).
	Store Store
	// PageSize is ListPipelines' page size (0: DefaultPageSize).
	PageSize int
	// Credentials, when set, are the only access keys accepted, each with
	// its secret: every request must carry a valid SigV4 signature by one
	// of them. Without it any signature (or none) is accepted.
	Credentials map[string]string
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Clock, when set, is the server's clock and may be moved through
	// POST /_dplint/clock (Now is then its Now).
	Clock *ManualClock
	// PollWait is how long PollForTask waits for a task (0:
	// DefaultPollWait).
	PollWait time.Duration
	// ReprocessingDuration is how long an IoT Analytics reprocessing stays
	// RUNNING (0: iotserve.DefaultReprocessingDuration).
	ReprocessingDuration time.Duration
}

// Server answers the API. It is safe for concurrent use.
type Server struct {
	opt    Options
	model  *apimodel.Model
	linter *lint.Linter
	store  Store

	iot   http.Handler // the IoT Analytics API (iot.go)
	mu    sync.Mutex
	wake  chan struct{}        // closed when a run changes, to end PollForTask's waits (runtime.go)
	pipes map[string]*Pipeline // by id, deleted ones kept (PipelineDeletedException)
	order []string             // ids in creation order
	byKey map[[2]string]string // name and uniqueId -> id (CreatePipeline's idempotency)
	live  int                  // pipelines not deleted
	seq   int64
}

// New makes a server over the options' store, reading what it holds.
func New(opt Options) (*Server, error) {
	if opt.Region == "" {
		opt.Region = "us-east-1"
	}
	if opt.AccountID == "" {
		opt.AccountID = "123456789012"
	}
	if opt.PageSize <= 0 {
		opt.PageSize = DefaultPageSize
	}
	if opt.Clock != nil {
		opt.Now = opt.Clock.Now
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Store == nil {
		opt.Store = NewMemory()
	}
	maxObjects := opt.limitObjects()
	if maxObjects == 0 {
		maxObjects = 1 << 30 // no limit: the rule that reports it stays quiet
	}
	l, err := lint.New(lint.Config{MaxObjects: maxObjects})
	if err != nil {
		return nil, fmt.Errorf("serve: the linter: %w", err)
	}
	s := &Server{opt: opt, model: apimodel.DataPipeline(), linter: l, store: opt.Store, pipes: map[string]*Pipeline{}, byKey: map[[2]string]string{}}
	all, err := opt.Store.Load()
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		s.pipes[p.ID] = p
		s.byKey[[2]string{p.Name, p.UniqueID}] = p.ID
		if !p.Deleted {
			s.live++
		}
		if p.Seq > s.seq {
			s.seq = p.Seq
		}
	}
	s.order = sortedBySeq(all)
	s.iot = s.newIoT()
	return s, nil
}

func (o Options) limitObjects() int {
	if o.MaxObjects > 0 {
		return o.MaxObjects
	}
	if o.AccountLimits {
		return LimitObjects
	}
	return 0
}

// Close closes the store.
func (s *Server) Close() error { return s.store.Close() }

// ServeHTTP answers one request: POST / with X-Amz-Target
// DataPipeline.<Operation> and a JSON 1.1 body. GET / answers a health
// check.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if iotPath(r) {
		s.serveIoT(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/_dplint/") {
		s.local(w, r)
		return
	}
	rid := requestID()
	w.Header().Set("x-amzn-RequestId", rid)
	out, err := s.handle(r)
	if err != nil {
		writeError(w, err)
		return
	}
	body, merr := json.Marshal(out)
	if merr != nil {
		writeError(w, internalError(fmt.Errorf("encoding the response: %w", merr)))
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

const contentType = "application/x-amz-json-1.1"

func (s *Server) handle(r *http.Request) (any, error) {
	if r.URL.Path != "/" {
		return nil, &Error{Type: "UnknownOperationException", Message: "no such resource: " + r.URL.Path, Status: http.StatusNotFound}
	}
	if r.Method == http.MethodGet && r.Header.Get("X-Amz-Target") == "" {
		return map[string]string{"service": "dplint serve", "api": "DataPipeline 2012-10-29"}, nil
	}
	if r.Method != http.MethodPost {
		return nil, &Error{Type: "UnknownOperationException", Message: "the API takes POST requests, not " + r.Method, Status: http.StatusMethodNotAllowed}
	}
	target := r.Header.Get("X-Amz-Target")
	prefix, op, _ := strings.Cut(target, ".")
	if _, known := s.model.Operations[op]; prefix != s.model.Metadata.TargetPrefix || !known {
		return nil, &Error{Type: "UnknownOperationException", Message: fmt.Sprintf("unknown operation %q (X-Amz-Target: DataPipeline.<Operation>)", target)}
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != contentType {
		return nil, &Error{Type: "UnknownOperationException", Message: fmt.Sprintf("Content-Type %q: the API takes %s", r.Header.Get("Content-Type"), contentType)}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &Error{Type: "SerializationException", Message: fmt.Sprintf("the request body is larger than %d bytes, more than the API's largest request", MaxBody), Status: http.StatusRequestEntityTooLarge}
		}
		return nil, &Error{Type: "SerializationException", Message: "reading the request body: " + err.Error()}
	}
	if s.opt.Credentials != nil {
		if err := verify(r, body, s.opt.Credentials, s.opt.Region, "datapipeline", s.opt.Now()); err != nil {
			return nil, err
		}
	}
	body = loneSurrogates(body)
	raw, err := decodeBody(body)
	if err != nil {
		return nil, err
	}
	in := s.model.Operations[op].Input
	vs, err := s.model.Check(in, raw)
	if err != nil {
		return nil, &Error{Type: "SerializationException", Message: err.Error()}
	}
	if len(vs) > 0 {
		return nil, &Error{Type: "ValidationException", Message: apimodel.Message(vs)}
	}
	return s.dispatch(r.Context(), op, body)
}

// decodeBody reads the body as one JSON object (an empty body is {}).
func decodeBody(body []byte) (any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, &Error{Type: "SerializationException", Message: "the request body is not valid JSON: " + err.Error()}
	}
	if dec.More() {
		return nil, &Error{Type: "SerializationException", Message: "the request body holds more than one JSON value"}
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, &Error{Type: "SerializationException", Message: "the request body is not a JSON object"}
	}
	return v, nil
}

func requestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// loneSurrogates rewrites each \uXXXX escape of a lone UTF-16 surrogate
// (which Python's json, hence the AWS CLI, writes for such a string) as
// \uFFFF. Go's decoder would read it as U+FFFD, which the API's patterns
// allow; the service, which reads UTF-16, refuses the surrogate. U+FFFF is
// refused by the same patterns, so the request fails where the service's
// does, at the same member.
func loneSurrogates(body []byte) []byte {
	surrogate := func(i int) (rune, bool) {
		if i+6 > len(body) || body[i] != '\\' || body[i+1] != 'u' {
			return 0, false
		}
		var r rune
		for _, c := range body[i+2 : i+6] {
			switch {
			case c >= '0' && c <= '9':
				r = r<<4 | rune(c-'0')
			case c >= 'a' && c <= 'f':
				r = r<<4 | rune(c-'a'+10)
			case c >= 'A' && c <= 'F':
				r = r<<4 | rune(c-'A'+10)
			default:
				return 0, false
			}
		}
		return r, r >= 0xD800 && r <= 0xDFFF
	}
	var out []byte
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			continue
		}
		r, ok := surrogate(i)
		if !ok {
			i++ // an escape of another kind: skip the escaped byte
			continue
		}
		if r <= 0xDBFF {
			if low, ok := surrogate(i + 6); ok && low >= 0xDC00 {
				i += 11 // a pair: a character beyond the BMP
				continue
			}
		}
		if out == nil {
			out = append([]byte(nil), body...)
		}
		copy(out[i:], `\uFFFF`)
		i += 5
	}
	if out == nil {
		return body
	}
	return out
}
