package lsp

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// pipelineText has one misspelt field (DP1103, with a fix), one
// reference to a missing object (DP2001, with a fix) and an unused
// resource (DP2006).
const pipelineText = `{
  "objects": [
    {
      "id": "Default",
      "name": "Default",
      "scheduleType": "ondemand",
      "failureAndRerunMode": "CASCADE",
      "role": "DataPipelineDefaultRole",
      "resourceRole": "DataPipelineDefaultResourceRole",
      "pipelineLogUri": "s3://my-bucket/logs/"
    },
    {
      "id": "Worker",
      "name": "Worker",
      "type": "Ec2Resource",
      "terminateAfter": "1 Hour"
    },
    {
      "id": "Hello",
      "name": "Hello",
      "type": "ShellCommandActivity",
      "comand": "echo #{myGreeting} #{format(@scheduledStartTime, 'YYYY')}",
      "runsOn": {"ref": "Wroker"}
    }
  ],
  "parameters": [
    {"id": "myGreeting", "type": "String", "default": "hi"}
  ]
}
`

// fixedText is pipelineText with both mistakes corrected.
var fixedText = strings.NewReplacer(`"comand"`, `"command"`, `"Wroker"`, `"Worker"`).Replace(pipelineText)

func setup(t *testing.T, text string) (*client, protocol.DocumentURI, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "pipeline.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, New(Options{Debounce: 20 * time.Millisecond}))
	c.initialize(dir, map[string]any{"initializationOptions": map[string]any{"runAt": "2026-03-01T10:00:00"}})
	u := protocol.DocumentURI(uri.File(path))
	c.open(u, text)
	return c, u, dir
}

func TestInitializeAnswersCapabilitiesAndEncoding(t *testing.T) {
	for _, tc := range []struct {
		offered []string
		want    string
	}{{nil, "utf-16"}, {[]string{"utf-8", "utf-16"}, "utf-8"}, {[]string{"utf-32"}, "utf-32"}, {[]string{"latin-1"}, "utf-16"}} {
		c := newClient(t, New(Options{}))
		caps := map[string]any{}
		if tc.offered != nil {
			caps["general"] = map[string]any{"positionEncodings": tc.offered}
		}
		res := c.initialize(t.TempDir(), map[string]any{"capabilities": caps})
		got := res["capabilities"].(map[string]any)
		if got["positionEncoding"] != tc.want {
			t.Errorf("offered %v: positionEncoding %v, want %s", tc.offered, got["positionEncoding"], tc.want)
		}
		for _, k := range []string{"hoverProvider", "completionProvider", "definitionProvider", "referencesProvider", "renameProvider", "documentSymbolProvider", "codeActionProvider", "textDocumentSync"} {
			if got[k] == nil {
				t.Errorf("capability %s missing", k)
			}
		}
		if sync := got["textDocumentSync"].(map[string]any); sync["change"] != float64(2) {
			t.Errorf("textDocumentSync.change = %v, want 2 (incremental)", sync["change"])
		}
	}
}

func TestRequestBeforeInitializeIsRefused(t *testing.T) {
	c := newClient(t, New(Options{}))
	err := c.call(protocol.MethodTextDocumentHover, map[string]any{}, nil)
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || je.Code != jsonrpc2.ServerNotInitialized {
		t.Fatalf("hover before initialize: %v, want ServerNotInitialized", err)
	}
}

func TestDiagnosticsOnOpenAndIncrementalChange(t *testing.T) {
	c, u, _ := setup(t, pipelineText)
	p := c.waitDiags(u, 1)
	if got := codes(p); got != "DP2006 DP1103 DP2001" {
		t.Fatalf("codes on open: %q", got)
	}
	d := p.Diagnostics[1]
	if want := pos(t, pipelineText, `"comand"`, 0, 0); d.Range.Start != want {
		t.Errorf("DP1103 starts at %+v, want %+v", d.Range.Start, want)
	}
	if d.CodeDescription == nil || !strings.Contains(string(d.CodeDescription.Href), "DP1103") {
		t.Errorf("DP1103 has no link to its docs: %+v", d.CodeDescription)
	}
	if d.Source != "dplint" || d.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("source %q severity %v", d.Source, d.Severity)
	}
	if len(d.RelatedInformation) == 0 || !strings.Contains(d.RelatedInformation[0].Message, "DP1105") {
		t.Errorf("the missing command (DP1105) is not folded into DP1103: %+v", d.RelatedInformation)
	}
	// Fix the field name with a ranged edit: insert the missing m.
	at := pos(t, pipelineText, `"comand"`, 0, 4)
	c.change(u, 2, protocol.Range{Start: at, End: at}, "m")
	if got := codes(c.waitDiags(u, 2)); got != "DP2006 DP2001" {
		t.Fatalf("codes after the edit: %q", got)
	}
}

func TestNewerChangeWins(t *testing.T) {
	c, u, _ := setup(t, pipelineText)
	c.waitDiags(u, 1)
	var mu sync.Mutex
	var versions []int32
	c.srv.mu.Lock()
	c.srv.linted = func(_ protocol.DocumentURI, v int32) {
		mu.Lock()
		defer mu.Unlock()
		if v > 1 { // the first lint may still be reporting
			versions = append(versions, v)
		}
	}
	c.srv.mu.Unlock()
	// Ten quick edits inside one debounce: only the last text is linted.
	at := pos(t, pipelineText, `"Wroker"`, 0, 1)
	for v := int32(2); v <= 11; v++ {
		c.change(u, v, protocol.Range{Start: at, End: at}, "x")
	}
	p := c.waitDiags(u, 11)
	if !strings.Contains(p.Diagnostics[len(p.Diagnostics)-1].Message, "xxxxxxxxxxWroker") {
		t.Errorf("the last diagnostic is not of the last text: %q", p.Diagnostics[len(p.Diagnostics)-1].Message)
	}
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if len(versions) != 1 || versions[0] != 11 {
		t.Errorf("linted versions %v, want only [11]", versions)
	}
}

func TestBrokenAndForeignDocuments(t *testing.T) {
	c, u, dir := setup(t, pipelineText)
	c.waitDiags(u, 1)
	// Half-typed: cut the text in the middle of a string.
	half := pipelineText[:strings.Index(pipelineText, `"ShellCommandActivity"`)+6]
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument":   map[string]any{"uri": u, "version": 2},
		"contentChanges": []map[string]any{{"text": half}},
	})
	p := c.waitDiags(u, 2)
	if got := codes(p); !strings.Contains(got, "DP0001") {
		t.Errorf("half-typed document: %q, want DP0001 (invalid JSON)", got)
	}
	// Requests on it answer rather than fail.
	var h *protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 3, Character: 5}}}, &h)
	var syms []protocol.DocumentSymbol
	c.mustCall(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &syms)
	// A document that holds no pipeline gets an empty list.
	other := protocol.DocumentURI(uri.File(filepath.Join(dir, "package.json")))
	c.open(other, `{"name": "x", "version": "1.0.0"}`)
	if p := c.waitDiags(other, 1); len(p.Diagnostics) != 0 {
		t.Errorf("package.json: %v", codes(p))
	}
	// A change outside the document is refused and logged, not applied.
	c.change(u, 3, protocol.Range{Start: protocol.Position{Line: 900}, End: protocol.Position{Line: 901}}, "x")
	waitLog(t, c, "outside the document")
}

func waitLog(t *testing.T, c *client, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		for _, l := range c.logs {
			if strings.Contains(l, want) {
				c.mu.Unlock()
				return
			}
		}
		c.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no log message with %q (logs: %q)", want, c.logs)
}

func TestPanicInAHandlerIsReportedAndTheServerGoesOn(t *testing.T) {
	c, u, _ := setup(t, pipelineText)
	c.waitDiags(u, 1)
	c.srv.mu.Lock()
	c.srv.beforeRequest = func(_ context.Context, method string) {
		if method == protocol.MethodTextDocumentHover {
			panic("boom")
		}
	}
	c.srv.mu.Unlock()
	params := protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos(t, pipelineText, "Ec2Resource", 0, 2)}}
	err := c.call(protocol.MethodTextDocumentHover, params, nil)
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || je.Code != jsonrpc2.InternalError || !strings.Contains(je.Message, "boom") {
		t.Fatalf("hover that panics: %v", err)
	}
	waitLog(t, c, "internal error in textDocument/hover: boom")
	c.srv.mu.Lock()
	c.srv.beforeRequest = nil
	c.srv.mu.Unlock()
	var h protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, params, &h)
	if !strings.Contains(h.Contents.Value, "Ec2Resource") {
		t.Errorf("hover after the panic: %q", h.Contents.Value)
	}
}

func TestCancelRequest(t *testing.T) {
	c, u, _ := setup(t, pipelineText)
	c.waitDiags(u, 1)
	started := make(chan struct{})
	c.srv.mu.Lock()
	c.srv.beforeRequest = func(ctx context.Context, method string) {
		if method == protocol.MethodTextDocumentReferences {
			close(started)
			<-ctx.Done() // a slow request, until it is cancelled
		}
	}
	c.srv.mu.Unlock()
	id, ch := c.send(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos(t, pipelineText, "Worker", 0, 1)}})
	<-started
	c.notify(protocol.MethodCancelRequest, map[string]any{"id": &id})
	select {
	case r := <-ch:
		var je *jsonrpc2.Error
		if !errors.As(r.Err(), &je) || je.Code != requestCancelled {
			t.Fatalf("cancelled request answered %v, want RequestCancelled", r.Err())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the cancelled request was never answered")
	}
}

func TestShutdownThenExit(t *testing.T) {
	c := newClient(t, New(Options{}))
	c.initialize(t.TempDir(), nil)
	c.mustCall(protocol.MethodShutdown, nil, nil)
	if err := c.call(protocol.MethodTextDocumentHover, map[string]any{}, nil); err == nil {
		t.Error("a request after shutdown was served")
	}
	c.notify(protocol.MethodExit, nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("exit after shutdown: %v", err)
		}
		c.done <- nil // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop on exit")
	}
}

func TestConfigIsFoundAndReloaded(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".dplint.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  disable: [DP2006]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "pipelines")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, New(Options{Debounce: 10 * time.Millisecond}))
	c.initialize(dir, nil)
	u := protocol.DocumentURI(uri.File(filepath.Join(sub, "p.json")))
	c.open(u, pipelineText)
	if got := codes(c.waitDiags(u, 1)); got != "DP1103 DP2001" {
		t.Fatalf("with DP2006 disabled: %q", got)
	}
	// The file changes (a size change, whatever the clock's resolution).
	if err := os.WriteFile(cfg, []byte("rules:\n  severity: {DP2001: warning}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": []map[string]any{{"uri": uri.File(cfg), "type": 2}}})
	p := c.waitDiags(u, 1)
	deadline := time.Now().Add(10 * time.Second)
	for codes(p) != "DP2006 DP1103 DP2001" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		p = c.waitDiags(u, 1)
	}
	if got := codes(p); got != "DP2006 DP1103 DP2001" {
		t.Fatalf("after the config changed: %q", got)
	}
	if p.Diagnostics[2].Severity != protocol.DiagnosticSeverityWarning {
		t.Errorf("DP2001 severity %v, want warning from the config", p.Diagnostics[2].Severity)
	}
	// A config that does not load is shown, and the defaults lint.
	if err := os.WriteFile(cfg, []byte("rules:\n  disable: [NOPE9999]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": []map[string]any{{"uri": uri.File(cfg), "type": 2}}})
	waitLog(t, c, "linting with the defaults")
}

func TestUTF8AndUTF16Positions(t *testing.T) {
	// é is one UTF-16 unit and two bytes; 𝄞 is two units and four bytes.
	text := "{\"objects\": [{\"id\": \"é𝄞\", \"name\": \"x\", \"type\": \"Bogus\"}]}"
	for _, tc := range []struct {
		enc  []string
		want uint32
	}{{nil, 48}, {[]string{"utf-8"}, 51}, {[]string{"utf-32"}, 47}} {
		dir := t.TempDir()
		c := newClient(t, New(Options{Debounce: time.Millisecond}))
		caps := map[string]any{}
		if tc.enc != nil {
			caps["general"] = map[string]any{"positionEncodings": tc.enc}
		}
		c.initialize(dir, map[string]any{"capabilities": caps})
		u := protocol.DocumentURI(uri.File(filepath.Join(dir, "p.json")))
		c.open(u, text)
		p := c.waitDiags(u, 1)
		var found bool
		for _, d := range p.Diagnostics {
			if d.Code == "DP1101" {
				found = true
				if d.Range.Start.Character != tc.want {
					t.Errorf("%v: unknown type at character %d, want %d", tc.enc, d.Range.Start.Character, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("%v: no DP1101 in %q", tc.enc, codes(p))
		}
	}
}
