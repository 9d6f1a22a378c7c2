package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/config"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/lint"
)

// document is an open text document.
type document struct {
	uri     protocol.DocumentURI
	path    string // the file name the linter sees (overrides match it)
	version int32
	gen     uint64 // counts changes; a lint is kept only for the current one
	text    *text
	cancel  context.CancelFunc // the pending or running lint
	snap    *snapshot          // the last lint, possibly of an older text
	good    *snapshot          // the last lint whose text held a definition
}

// snapshot is one lint of one text: the findings and the model the rules
// saw, which every request answers from.
type snapshot struct {
	uri     protocol.DocumentURI
	version int32
	gen     uint64
	text    *text
	file    *diag.File
	diags   []protocol.Diagnostic // the findings as published
	from    []*diag.Diagnostic    // the finding behind each (in file), with its fix
	// published is set once the findings went to the client.
	published bool

	graphMu sync.Mutex
	graphs  map[*definition.Definition]*graph.Graph // built on first use, for every request after
}

// graph is the definition's object graph (effective types, inherited
// fields), built once per lint rather than once per request.
func (s *snapshot) graph(d *definition.Definition) *graph.Graph {
	s.graphMu.Lock()
	defer s.graphMu.Unlock()
	if s.graphs == nil {
		s.graphs = map[*definition.Definition]*graph.Graph{}
	}
	g := s.graphs[d]
	if g == nil {
		g = graph.Build(d)
		s.graphs[d] = g
	}
	return g
}

// defs are the snapshot's definitions (one per pipeline of a template).
func (s *snapshot) defs() []*definition.Definition {
	if s == nil || s.file == nil {
		return nil
	}
	var out []*definition.Definition
	for _, d := range s.file.Definitions {
		if d.Model != nil && d.Model.Form != definition.NotOurs {
			out = append(out, d.Model)
		}
	}
	return out
}

// parsed says whether the text read as a definition: completion takes
// ids and types from the last such lint while the text is half-typed.
func (s *snapshot) parsed() bool {
	for _, d := range s.defs() {
		if d.File != nil && d.File.Root != nil && !d.File.HasFatal() {
			return true
		}
	}
	return false
}

type initParams struct {
	RootURI          protocol.DocumentURI       `json:"rootUri"`
	RootPath         string                     `json:"rootPath"`
	WorkspaceFolders []protocol.WorkspaceFolder `json:"workspaceFolders"`
	Capabilities     struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
	} `json:"capabilities"`
	InitializationOptions struct {
		// RunAt is the scheduled start of the run whose values expression
		// hovers show (YYYY-MM-DDTHH:MM:SS, UTC); default: now.
		RunAt string `json:"runAt"`
	} `json:"initializationOptions"`
}

// capabilities adds LSP 3.17's positionEncoding to the module's type.
type capabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding"`
}

type initResult struct {
	Capabilities capabilities        `json:"capabilities"`
	ServerInfo   protocol.ServerInfo `json:"serverInfo"`
}

func (s *Server) initialize(params json.RawMessage) (any, error) {
	var p initParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if opt := p.InitializationOptions.RunAt; opt != "" {
		t, err := time.Parse("2006-01-02T15:04:05", opt)
		if err != nil {
			return nil, fmt.Errorf("initializationOptions.runAt: %q is not YYYY-MM-DDTHH:MM:SS", opt)
		}
		s.runAt = t
	}
	s.enc = pickEncoding(p.Capabilities.General.PositionEncodings)
	switch {
	case len(p.WorkspaceFolders) > 0:
		s.root = filename(p.WorkspaceFolders[0].URI)
	case p.RootURI != "":
		s.root = filename(string(p.RootURI))
	default:
		s.root = p.RootPath
	}
	s.initialized = true
	caps := protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: true, Change: protocol.TextDocumentSyncKindIncremental,
			Save: &protocol.SaveOptions{IncludeText: false},
		},
		HoverProvider: true,
		CompletionProvider: &protocol.CompletionOptions{
			TriggerCharacters: []string{`"`, "{", "@", ".", ":", " "},
		},
		DefinitionProvider:     true,
		ReferencesProvider:     true,
		RenameProvider:         &protocol.RenameOptions{PrepareProvider: true},
		DocumentSymbolProvider: true,
		CodeActionProvider: &protocol.CodeActionOptions{
			CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix},
		},
	}
	return initResult{Capabilities: capabilities{caps, string(s.enc)},
		ServerInfo: protocol.ServerInfo{Name: "dplint", Version: s.opts.Version}}, nil
}

// filename is the path of a file: URI, or the URI itself for another
// scheme (an unsaved buffer), which is still linted by its extension.
func filename(u string) string {
	if strings.HasPrefix(u, "file:") {
		return uri.URI(u).Filename()
	}
	return u
}

func (s *Server) didOpen(params json.RawMessage) error {
	var p protocol.DidOpenTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := &document{uri: p.TextDocument.URI, path: filename(string(p.TextDocument.URI)),
		version: p.TextDocument.Version, text: newText([]byte(p.TextDocument.Text), s.enc)}
	if old := s.docs[d.uri]; old != nil && old.cancel != nil {
		old.cancel()
	}
	s.docs[d.uri] = d
	s.schedule(d, 0) // the first lint is not held back
	return nil
}

// didChangeParams: the module's content-change type cannot say "whole
// document" (see change).
type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []change                                 `json:"contentChanges"`
}

func (s *Server) didChange(params json.RawMessage) error {
	var p didChangeParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return fmt.Errorf("%s: changed but not open", p.TextDocument.URI)
	}
	t, err := d.text.apply(p.ContentChanges)
	if err != nil {
		// The client and the server no longer agree on the text: say so
		// rather than lint a text the user does not see.
		return fmt.Errorf("%s version %d: %w (close and reopen the document)", d.uri, p.TextDocument.Version, err)
	}
	d.text, d.version = t, p.TextDocument.Version
	s.schedule(d, s.opts.Debounce)
	return nil
}

func (s *Server) didClose(params json.RawMessage) error {
	var p protocol.DidCloseTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	if d != nil && d.cancel != nil {
		d.cancel()
	}
	s.mu.Unlock()
	// A closed document's findings are no longer shown.
	return s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics,
		&protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
}

// didSave relints: a save may be what a parameters file or the config
// waited for.
func (s *Server) didSave(params json.RawMessage) error {
	var p protocol.DidSaveTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	if isConfig(filename(string(p.TextDocument.URI))) {
		return s.configChanged(nil)
	}
	return nil
}

func isConfig(path string) bool { return slices.Contains(config.Names, filepath.Base(path)) }

// configChanged relints every open document: a .dplint.yaml changed (the
// linter cache notices which by its time stamp).
func (s *Server) configChanged(json.RawMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		s.schedule(d, 0)
	}
	return nil
}

// schedule lints d's current text after delay, replacing any lint pending
// or running for it. Called with s.mu held.
func (s *Server) schedule(d *document, delay time.Duration) {
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithCancel(s.ctx)
	d.gen++
	d.cancel = cancel
	gen, t, version := d.gen, d.text, d.version
	go func() {
		defer cancel()
		if delay > 0 {
			timer := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case <-timer.C:
			}
		}
		s.mu.Lock()
		debounced := s.debounced
		s.mu.Unlock()
		if debounced != nil {
			debounced(d.uri, version)
		}
		snap, err := s.lintText(ctx, d, t, version, gen)
		if err != nil {
			if ctx.Err() == nil {
				s.logf(protocol.MessageTypeError, "dplint: %s: %v", d.uri, err)
			}
			return
		}
		s.keep(d, snap, true)
	}()
}

// keep records a lint of d's current text and, when asked, publishes it.
// publishMu orders publications: a lint of an older text that finished
// late is never published after a newer one.
func (s *Server) keep(d *document, snap *snapshot, publish bool) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	if s.docs[d.uri] != d || d.gen != snap.gen {
		s.mu.Unlock()
		return // the text has changed since
	}
	if d.snap == nil || d.snap.gen != snap.gen {
		d.snap = snap // else a lint of this same text is kept already
	}
	if snap.parsed() {
		d.good = snap
	}
	send := publish && !d.snap.published
	if send {
		d.snap.published = true
	}
	snap = d.snap
	s.mu.Unlock()
	if !send {
		return
	}
	// The snapshot's own list is encoded: it is not changed once made.
	diags := snap.diags
	if diags == nil {
		diags = []protocol.Diagnostic{} // "diagnostics": [] clears the client's
	}
	size := 128 + len(d.uri)
	for i := range diags {
		size += encodedSize(&diags[i], d.uri)
	}
	_ = s.stream.notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{
		URI: d.uri, Version: uint32(max(snap.version, 0)), Diagnostics: diags}, size)
	s.mu.Lock()
	linted := s.linted
	s.mu.Unlock()
	if linted != nil {
		linted(d.uri, snap.version)
	}
}

// lintText lints one text with the linter its configuration asks for.
func (s *Server) lintText(ctx context.Context, d *document, t *text, version int32, gen uint64) (*snapshot, error) {
	l, cfgErr := s.linters.get(d.path, s.rootDir())
	if cfgErr != nil {
		s.showOnce(cfgErr)
	}
	res, err := l.LintContext(ctx, d.path, t.data)
	if err != nil {
		return nil, err
	}
	snap := &snapshot{uri: d.uri, version: version, gen: gen, text: t, file: res}
	snap.diags, snap.from = convert(snap, res)
	return snap, nil
}

func (s *Server) rootDir() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.root
}

// showOnce shows a configuration error once until it changes.
func (s *Server) showOnce(err error) {
	s.mu.Lock()
	seen := s.shownErr == err.Error()
	s.shownErr = err.Error()
	s.mu.Unlock()
	if !seen {
		_ = s.conn.Notify(s.ctx, protocol.MethodWindowShowMessage,
			&protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: "dplint: " + err.Error() + " (linting with the defaults)"})
	}
}

// current is the lint of d's current text: the last one when it is of this
// text, else a lint made now (a request right after a change need not wait
// for the debounce).
func (s *Server) current(ctx context.Context, u protocol.DocumentURI) (*snapshot, *document, error) {
	s.mu.Lock()
	d := s.docs[u]
	if d == nil {
		s.mu.Unlock()
		return nil, nil, fmt.Errorf("%s is not open", u)
	}
	snap, t, version, gen := d.snap, d.text, d.version, d.gen
	s.mu.Unlock()
	if snap != nil && snap.gen == gen {
		return snap, d, nil
	}
	snap, err := s.lintText(ctx, d, t, version, gen)
	if err != nil {
		return nil, d, err
	}
	s.keep(d, snap, false)
	return snap, d, nil
}

// linterCache keeps one linter per configuration file, remade when the
// file changes (its time stamp or size).
type linterCache struct {
	mu   sync.Mutex
	byCf map[string]*cachedLinter
}

type cachedLinter struct {
	mod  time.Time
	size int64
	l    *lint.Linter
	err  error
}

// get is the linter for a file: the configuration found upward from its
// directory, else at the workspace root, else the defaults. A
// configuration that does not load gives the defaults and its error.
func (c *linterCache) get(path, root string) (*lint.Linter, error) {
	cf := ""
	if filepath.IsAbs(path) {
		cf = config.Find(filepath.Dir(path))
	}
	if cf == "" && root != "" {
		cf = config.Find(root)
	}
	var mod time.Time
	var size int64
	if cf != "" {
		if st, err := os.Stat(cf); err == nil {
			mod, size = st.ModTime(), st.Size()
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byCf == nil {
		c.byCf = map[string]*cachedLinter{}
	}
	if e := c.byCf[cf]; e != nil && e.mod.Equal(mod) && e.size == size {
		return e.l, e.err
	}
	e := &cachedLinter{mod: mod, size: size}
	e.l, e.err = newLinter(cf)
	c.byCf[cf] = e
	return e.l, e.err
}

func newLinter(cf string) (*lint.Linter, error) {
	var cfg lint.Config
	var cfgErr error
	if cf != "" {
		file, err := lint.LoadConfig(cf)
		if err == nil {
			cfg, err = lint.ConfigFrom(file)
		}
		if err != nil {
			cfg, cfgErr = lint.Config{}, err
		}
	}
	// No diagnostic, hover or action of the server shows a finding's JSON
	// Pointer or field name.
	cfg.NoPaths = true
	l, err := lint.New(cfg)
	if err != nil {
		// The file named a rule wrongly in a way Load did not catch.
		l, _ = lint.New(lint.Config{NoPaths: true})
		return l, fmt.Errorf("%s: %w", cf, err)
	}
	return l, cfgErr
}
