// Package awsfake is a local stand-in for the Data Pipeline endpoint for
// tests: it speaks the JSON 1.1 protocol (X-Amz-Target), records every
// request and answers with scripted responses, so the real AWS CLI (or an
// SDK) can be pointed at it with --endpoint-url and never reach a network.
// It also keeps the machine's AWS setup out of a test (Isolate,
// Credentials) and starts moto_server where an independent implementation
// of the API serves (Moto).
package awsfake

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is one recorded call.
type Request struct {
	Method      string
	Target      string // the X-Amz-Target header: "DataPipeline.PutPipelineDefinition"
	Operation   string // the operation alone: "PutPipelineDefinition"
	ContentType string
	Header      http.Header // all of the request's headers (Authorization, User-Agent, ...)
	Body        []byte
}

// Reply is a scripted answer.
type Reply struct {
	Status int
	Body   string
	// Delay holds the answer back this long (a slow service), or until the
	// client gives up on the request, whichever comes first.
	Delay time.Duration
}

// Server records calls and answers them.
type Server struct {
	URL string

	mu       sync.Mutex
	requests []Request
	replies  map[string]Reply
	queued   map[string][]Reply
}

// New starts a server on loopback; it stops when the test ends. Calls with
// no scripted reply get an empty-but-valid ValidatePipelineDefinition-style
// answer.
func New(t testing.TB) *Server {
	s := &Server{replies: map[string]Reply{}, queued: map[string][]Reply{}}
	ts := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

// Reply scripts the answer to an operation.
func (s *Server) Reply(op string, r Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[op] = r
}

// Script queues answers to an operation: each call takes the next one, in
// order (say, a ThrottlingException, then success); once they are used up,
// the operation gets its Reply, or the default answer.
func (s *Server) Script(op string, replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queued[op] = append(s.queued[op], replies...)
}

// Count returns how many calls of an operation were recorded (of every
// operation for "").
func (s *Server) Count(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if op == "" || r.Operation == op {
			n++
		}
	}
	return n
}

// Requests returns the calls recorded so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	target := r.Header.Get("X-Amz-Target")
	op := target[strings.LastIndex(target, ".")+1:]
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Target: target, Operation: op,
		ContentType: r.Header.Get("Content-Type"), Header: r.Header.Clone(), Body: body})
	reply, ok := s.replies[op]
	if q := s.queued[op]; len(q) > 0 {
		reply, ok = q[0], true
		s.queued[op] = q[1:]
	}
	s.mu.Unlock()
	if !ok {
		reply = Reply{Status: 200, Body: `{"errored": false, "validationErrors": [], "validationWarnings": []}`}
	}
	if reply.Delay > 0 {
		timer := time.NewTimer(reply.Delay)
		select {
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
			return // the client hung up: nobody reads the answer
		}
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(reply.Status)
	_, _ = w.Write([]byte(reply.Body))
}
