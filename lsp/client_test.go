package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// client is a test's end of the connection: it frames messages itself, so
// a test picks request ids (to cancel them) and sees every notification.
type client struct {
	t      testing.TB
	stream jsonrpc2.Stream
	srv    *Server
	done   chan error

	mu      sync.Mutex
	nextID  int32
	waiting map[string]chan *jsonrpc2.Response
	logs    []string
	// diags is the last publishDiagnostics per document.
	diags   map[protocol.DocumentURI]protocol.PublishDiagnosticsParams
	updates chan protocol.PublishDiagnosticsParams
	// light decodes of a publishDiagnostics only its document and
	// version (benchmarks: see benchmarkChanges).
	light bool
	in    *bufio.Reader // the server's output, for a light client
	body  []byte        // the light client's frame buffer
}

// pipe joins two ends in memory.
type pipe struct {
	io.Reader
	io.WriteCloser
}

func newClient(t testing.TB, srv *Server) *client {
	t.Helper()
	return newClientWith(t, srv, false)
}

func newClientWith(t testing.TB, srv *Server, light bool) *client {
	t.Helper()
	sr, cw := io.Pipe()
	cr, sw := io.Pipe()
	c := &client{t: t, srv: srv, done: make(chan error, 1), waiting: map[string]chan *jsonrpc2.Response{},
		diags:   map[protocol.DocumentURI]protocol.PublishDiagnosticsParams{},
		updates: make(chan protocol.PublishDiagnosticsParams, 1000), light: light}
	c.stream = jsonrpc2.NewStream(pipe{cr, cw})
	if light {
		c.in = bufio.NewReader(cr) // next frames the messages itself
	}
	go func() { c.done <- srv.Serve(context.Background(), pipe{sr, sw}) }()
	go c.read()
	t.Cleanup(func() {
		cw.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop when its input closed")
		}
	})
	return c
}

func (c *client) read() {
	for {
		msg, err := c.next()
		if err != nil {
			return
		}
		if p, ok := msg.(protocol.PublishDiagnosticsParams); ok {
			c.publish(p)
			continue
		}
		switch m := msg.(type) {
		case *jsonrpc2.Response:
			c.mu.Lock()
			ch := c.waiting[idKey(m.ID())]
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
		case *jsonrpc2.Notification:
			switch m.Method() {
			case protocol.MethodTextDocumentPublishDiagnostics:
				var p protocol.PublishDiagnosticsParams
				var err error
				if c.light {
					var v struct {
						URI     protocol.DocumentURI `json:"uri"`
						Version uint32               `json:"version"`
					}
					err = json.Unmarshal(m.Params(), &v)
					p.URI, p.Version = v.URI, v.Version
				} else {
					err = json.Unmarshal(m.Params(), &p)
				}
				if err != nil {
					c.t.Errorf("publishDiagnostics: %v", err)
				}
				c.publish(p)
			case protocol.MethodWindowLogMessage, protocol.MethodWindowShowMessage:
				var p protocol.LogMessageParams
				_ = json.Unmarshal(m.Params(), &p)
				c.mu.Lock()
				c.logs = append(c.logs, p.Message)
				c.mu.Unlock()
			}
		}
	}
}

func (c *client) publish(p protocol.PublishDiagnosticsParams) {
	c.mu.Lock()
	c.diags[p.URI] = p
	c.mu.Unlock()
	c.updates <- p
}

// lightHead is how the server begins every publishDiagnostics
// (notifyStream.notify, with the parameters' fields in their struct's
// order): a light client decodes the document and version before the
// diagnostics and skips the rest.
var lightHead = []byte(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{`)

// next reads one message. A light client frames messages itself and
// decodes of a publishDiagnostics only its head: jsonrpc2's stream parses
// every byte of the message to find the end of its parameters, and
// 24,000 diagnostics cost the shared process about 70 ms of CPU and their
// size in garbage each time (an editor pays that in its own process).
func (c *client) next() (any, error) {
	if !c.light {
		msg, _, err := c.stream.Read(context.Background())
		return msg, err
	}
	body, err := c.frame()
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(body, lightHead) {
		if i := bytes.Index(body, []byte(`,"diagnostics":`)); i > 0 {
			var p protocol.PublishDiagnosticsParams
			head := append(body[len(lightHead)-1:i:i], '}')
			if err := json.Unmarshal(head, &p); err != nil {
				return nil, fmt.Errorf("publishDiagnostics %q: %w", head, err)
			}
			return p, nil
		}
	}
	return jsonrpc2.DecodeMessage(bytes.Clone(body))
}

// frame reads one message's body after its Content-Length header.
func (c *client) frame() ([]byte, error) {
	size := -1
	for {
		line, err := c.in.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, jsonrpc2.HdrContentLength+":"); ok {
			if size, err = strconv.Atoi(strings.TrimSpace(v)); err != nil {
				return nil, fmt.Errorf("header %q: %w", line, err)
			}
		}
	}
	if size < 0 {
		return nil, fmt.Errorf("a message without %s", jsonrpc2.HdrContentLength)
	}
	// One buffer for every message: next copies out what it keeps.
	if cap(c.body) < size {
		c.body = make([]byte, size)
	}
	body := c.body[:size]
	_, err := io.ReadFull(c.in, body)
	return body, err
}

// send starts a request and returns its id and where its answer arrives.
func (c *client) send(method string, params any) (jsonrpc2.ID, chan *jsonrpc2.Response) {
	c.mu.Lock()
	c.nextID++
	id := jsonrpc2.NewNumberID(c.nextID)
	ch := make(chan *jsonrpc2.Response, 1)
	c.waiting[idKey(id)] = ch
	c.mu.Unlock()
	call, err := jsonrpc2.NewCall(id, method, params)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.stream.Write(context.Background(), call); err != nil {
		c.t.Fatal(err)
	}
	return id, ch
}

// call sends a request and decodes its result into out; it returns the
// response's error.
func (c *client) call(method string, params, out any) error {
	c.t.Helper()
	_, ch := c.send(method, params)
	select {
	case r := <-ch:
		if r.Err() != nil {
			return r.Err()
		}
		if out != nil && len(r.Result()) > 0 {
			if err := json.Unmarshal(r.Result(), out); err != nil {
				c.t.Fatalf("%s: decoding %s: %v", method, r.Result(), err)
			}
		}
		return nil
	case <-time.After(20 * time.Second):
		c.t.Fatalf("%s: no answer", method)
	}
	return nil
}

func (c *client) mustCall(method string, params, out any) {
	c.t.Helper()
	if err := c.call(method, params, out); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	n, err := jsonrpc2.NewNotification(method, params)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.stream.Write(context.Background(), n); err != nil {
		c.t.Fatal(err)
	}
}

// initialize runs the handshake with the given client capabilities.
func (c *client) initialize(root string, extra map[string]any) map[string]any {
	c.t.Helper()
	params := map[string]any{"processId": 1, "rootUri": "file://" + root, "capabilities": map[string]any{}}
	for k, v := range extra {
		params[k] = v
	}
	var res map[string]any
	c.mustCall(protocol.MethodInitialize, params, &res)
	c.notify(protocol.MethodInitialized, map[string]any{})
	return res
}

func (c *client) open(u protocol.DocumentURI, text string) {
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: "json", Version: 1, Text: text}})
}

// change sends one ranged edit.
func (c *client) change(u protocol.DocumentURI, version int32, r protocol.Range, text string) {
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": u, "version": version},
		"contentChanges": []map[string]any{{"range": r, "text": text}},
	})
}

// waitDiags waits for the findings of version of u.
func (c *client) waitDiags(u protocol.DocumentURI, version int32) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		p, ok := c.diags[u]
		c.mu.Unlock()
		if ok && int32(p.Version) == version {
			return p
		}
		select {
		case <-c.updates:
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s version %d (last: %+v)", u, version, p)
		}
	}
}

// pos is the position of the n-th occurrence (0-based) of needle in text,
// plus delta characters, in UTF-16 units for ASCII text.
func pos(t *testing.T, text, needle string, n, delta int) protocol.Position {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not found", needle, i)
		}
		off += 1 + j
	}
	off += delta
	line := strings.Count(text[:off], "\n")
	col := off - (strings.LastIndex(text[:off], "\n") + 1)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

func codes(p protocol.PublishDiagnosticsParams) string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, fmt.Sprint(d.Code))
	}
	return strings.Join(out, " ")
}
