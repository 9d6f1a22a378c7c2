// Package awsfake is a local stand-in for the Data Pipeline endpoint for
// tests: it speaks the JSON 1.1 protocol (X-Amz-Target), records every
// request and answers with scripted responses, so the real AWS CLI (or an
// SDK) can be pointed at it with --endpoint-url and never reach a network.
// It also keeps the machine's AWS setup out of a test (Isolate,
// Credentials) and starts moto_server where an independent implementation
// of the API serves (Moto).
package awsfake

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
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

// RunCLI runs the AWS CLI against the server with throw-away credentials
// and configuration, and returns its stdout, stderr and exit code.
func (s *Server) RunCLI(t testing.TB, aws string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args = append(args, "--endpoint-url", s.URL, "--region", "us-east-1", "--output", "json")
	cmd := exec.CommandContext(ctx, aws, args...)
	home := t.TempDir()
	cmd.Env = []string{
		"PATH=/usr/local/bin:/usr/bin:/bin:" + pathOf(aws),
		"HOME=" + home,
		"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true",
		"PYTHONIOENCODING=utf-8", "LC_ALL=C.UTF-8",
	}
	// A pyenv shim finds its Python through PYENV_ROOT, which defaults to
	// $HOME/.pyenv: keep the real one although HOME is a scratch folder.
	root := os.Getenv("PYENV_ROOT")
	if i := strings.Index(aws, "/.pyenv/shims/"); root == "" && i >= 0 {
		root = aws[:i] + "/.pyenv"
	}
	if root != "" {
		cmd.Env = append(cmd.Env, "PYENV_ROOT="+root)
	}
	if v := os.Getenv("PYENV_VERSION"); v != "" {
		cmd.Env = append(cmd.Env, "PYENV_VERSION="+v)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running %s: %v", aws, err)
	}
	return out.String(), errb.String(), code
}

func pathOf(bin string) string {
	if i := strings.LastIndex(bin, "/"); i > 0 {
		return bin[:i]
	}
	return ""
}
