// Package lsp is dplint's language server (dplint lsp): the Language Server
// Protocol over a stream, with the same linter, configuration and
// suppressions as dplint lint. It keeps the open documents, lints each one
// a short while after its last change (a newer change cancels a lint in
// progress) and publishes the findings; hovers, completion, navigation,
// renames and code actions answer from the last lint's model of the text.
//
// The protocol's types come from go.lsp.dev/protocol and the JSON-RPC
// framing from go.lsp.dev/jsonrpc2 (the versions that build together);
// what LSP 3.17 added after them (positionEncoding) is declared here.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Options configure a server.
type Options struct {
	// Debounce is how long after a change the document is linted (0: 150 ms).
	Debounce time.Duration
	// Version is what serverInfo says.
	Version string
}

// Server is one client's session.
type Server struct {
	opts   Options
	conn   jsonrpc2.Conn
	stream *notifyStream   // conn's, for the notifications the server encodes itself
	ctx    context.Context // the session's; a lint runs under a child of it

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	enc         encoding
	root        string    // the workspace folder, where no config is found upward
	runAt       time.Time // zero: now, for expression values
	docs        map[protocol.DocumentURI]*document
	inFlight    map[string]context.CancelFunc // requests by id, for $/cancelRequest
	linters     linterCache
	shownErr    string     // the configuration error last shown
	publishMu   sync.Mutex // orders publishDiagnostics (see keep)

	exited chan struct{}
	code   int // exit code: 0 after shutdown, 1 otherwise

	// beforeRequest and linted are set by tests (under mu). beforeRequest runs before each request's handler:
	// a panic there is a panic in the handler.
	beforeRequest func(ctx context.Context, method string)
	// linted, when set (tests), is called after each lint that finished.
	linted func(uri protocol.DocumentURI, version int32)
	// debounced, when set (benchmarks), is called when a change's debounce
	// ends and its lint starts: the 100 ms run from there.
	debounced func(uri protocol.DocumentURI, version int32)
}

// New makes a server; Serve runs it.
func New(opts Options) *Server {
	if opts.Debounce <= 0 {
		opts.Debounce = 150 * time.Millisecond
	}
	return &Server{opts: opts, enc: utf16Units, docs: map[protocol.DocumentURI]*document{},
		inFlight: map[string]context.CancelFunc{}, exited: make(chan struct{}), code: 1}
}

// ErrNoExit is Serve's error when the stream ended without an exit
// notification (the client went away).
var ErrNoExit = errors.New("the client closed the connection without exit")

// ErrExitBeforeShutdown is Serve's error for exit without shutdown, which
// the protocol makes exit code 1.
var ErrExitBeforeShutdown = errors.New("exit before shutdown")

// Serve answers the client on rw until it sends exit or the stream ends.
// It returns nil after shutdown then exit; an exit without shutdown
// returns an error, as the protocol makes that exit code 1.
func (s *Server) Serve(ctx context.Context, rw io.ReadWriteCloser) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	s.stream = newNotifyStream(rw)
	s.conn = jsonrpc2.NewConn(s.stream)
	s.conn.Go(ctx, s.handle)
	select {
	case <-s.exited:
		// The connection's reader may be blocked on input that never
		// comes; the session is over whatever it does.
		cancel()
		_ = s.conn.Close()
		if s.code != 0 {
			return ErrExitBeforeShutdown
		}
		return nil
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrClosedPipe) {
			return fmt.Errorf("lsp: %w", err)
		}
		return ErrNoExit
	}
}

// handle is called for each message in the order they arrive. Document
// notifications change state here, in order; requests run on their own
// goroutine so a slow one never holds up the edits behind it.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.logf(protocol.MessageTypeError, "dplint: internal error in %s: %v\n%s", req.Method(), r, debug.Stack())
			err = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", req.Method(), r))
		}
	}()
	method := req.Method()
	s.mu.Lock()
	ready, down := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case method == protocol.MethodExit:
		s.mu.Lock()
		if s.shutdown {
			s.code = 0
		}
		s.mu.Unlock()
		close(s.exited)
		return nil
	case method == protocol.MethodInitialize:
		if ready {
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "initialize sent twice"))
		}
		res, err := s.initialize(req.Params())
		return reply(ctx, res, err)
	case !ready:
		if _, call := req.(*jsonrpc2.Call); call {
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", method))
		}
		return nil // notifications before initialize are dropped, as the protocol says
	case down && method != protocol.MethodShutdown:
		return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown", method))
	}
	if note, ok := notifications[method]; ok {
		if err := note(s, req.Params()); err != nil {
			s.logf(protocol.MessageTypeError, "dplint: %s: %v", method, err)
		}
		return nil
	}
	call, ok := req.(*jsonrpc2.Call)
	if !ok {
		return nil // an unknown notification ($/ ones included) is ignored
	}
	if method == protocol.MethodShutdown {
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return reply(ctx, nil, nil)
	}
	rctx, cancel := context.WithCancel(s.ctx)
	id := idKey(call.ID())
	s.mu.Lock()
	s.inFlight[id] = cancel
	s.mu.Unlock()
	go s.serveRequest(rctx, cancel, id, reply, call)
	return nil
}

// serveRequest answers one request; a panic is the request's error and a
// log message, never the session's end.
func (s *Server) serveRequest(ctx context.Context, cancel context.CancelFunc, id string, reply jsonrpc2.Replier, call *jsonrpc2.Call) {
	var result any
	var err error
	defer func() {
		if r := recover(); r != nil {
			s.logf(protocol.MessageTypeError, "dplint: internal error in %s: %v\n%s", call.Method(), r, debug.Stack())
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", call.Method(), r)
		}
		if ctx.Err() != nil && err == nil && s.ctx.Err() == nil {
			result, err = nil, jsonrpc2.NewError(requestCancelled, "request cancelled")
		}
		s.mu.Lock()
		delete(s.inFlight, id)
		s.mu.Unlock()
		cancel()
		_ = reply(context.Background(), result, err)
	}()
	s.mu.Lock()
	before := s.beforeRequest
	s.mu.Unlock()
	if before != nil {
		before(ctx, call.Method())
	}
	h, ok := requests[call.Method()]
	if !ok {
		err = jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "%s is not served by dplint", call.Method())
		return
	}
	result, err = h(s, ctx, call.Params())
}

// requestCancelled is LSP's RequestCancelled error code.
const requestCancelled jsonrpc2.Code = -32800

// idKey is a request id as a map key: numbers and strings apart.
func idKey(id jsonrpc2.ID) string { return fmt.Sprintf("%#v", id) }

// cancelRequest handles $/cancelRequest: the id is a number or a string.
func (s *Server) cancelRequest(params json.RawMessage) error {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return fmt.Errorf("reading the id: %w", err)
	}
	var id jsonrpc2.ID
	if err := json.Unmarshal(p.ID, &id); err != nil {
		return fmt.Errorf("reading the id %s: %w", p.ID, err)
	}
	s.mu.Lock()
	cancel := s.inFlight[idKey(id)]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil
}

// logf sends window/logMessage.
func (s *Server) logf(t protocol.MessageType, format string, a ...any) {
	if s.conn == nil {
		return
	}
	_ = s.conn.Notify(context.Background(), protocol.MethodWindowLogMessage,
		&protocol.LogMessageParams{Type: t, Message: fmt.Sprintf(format, a...)})
}

// notifications are handled in order, on the connection's goroutine.
var notifications map[string]func(*Server, json.RawMessage) error

// requests are answered each on its own goroutine.
var requests map[string]func(*Server, context.Context, json.RawMessage) (any, error)

func init() {
	// Filled here: the handlers refer back to the server's methods.
	notifications = map[string]func(*Server, json.RawMessage) error{
		protocol.MethodInitialized:                     func(*Server, json.RawMessage) error { return nil },
		protocol.MethodCancelRequest:                   (*Server).cancelRequest,
		protocol.MethodTextDocumentDidOpen:             (*Server).didOpen,
		protocol.MethodTextDocumentDidChange:           (*Server).didChange,
		protocol.MethodTextDocumentDidClose:            (*Server).didClose,
		protocol.MethodTextDocumentDidSave:             (*Server).didSave,
		protocol.MethodWorkspaceDidChangeWatchedFiles:  (*Server).configChanged,
		protocol.MethodWorkspaceDidChangeConfiguration: (*Server).configChanged,
		protocol.MethodSetTrace:                        func(*Server, json.RawMessage) error { return nil },
	}
	requests = map[string]func(*Server, context.Context, json.RawMessage) (any, error){
		protocol.MethodTextDocumentHover:          (*Server).hover,
		protocol.MethodTextDocumentCompletion:     (*Server).completion,
		protocol.MethodTextDocumentDefinition:     (*Server).definition,
		protocol.MethodTextDocumentReferences:     (*Server).references,
		protocol.MethodTextDocumentPrepareRename:  (*Server).prepareRename,
		protocol.MethodTextDocumentRename:         (*Server).rename,
		protocol.MethodTextDocumentDocumentSymbol: (*Server).documentSymbol,
		protocol.MethodTextDocumentCodeAction:     (*Server).codeAction,
	}
}

// decode reads a request's parameters; a malformed one is InvalidParams.
func decode(params json.RawMessage, v any) error {
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "parameters: %v", err)
	}
	return nil
}
