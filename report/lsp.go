package report

import (
	"io"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// LSPVersion is the version of the lsp format's document; like the json
// format's, it changes only when a field changes meaning or goes away.
const LSPVersion = 1

// The LSP 3.17 types the format uses (Diagnostic and what it holds), written
// out rather than taken from a protocol module: they are a handful of
// fields, and a module would bring its JSON-RPC stack along.
type lspDoc struct {
	Version int         `json:"version"`
	Files   []lspFile   `json:"files"`
	Errors  []jsonError `json:"errors"`
}

type lspFile struct {
	URI         string          `json:"uri"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
}

type lspPosition struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPosition `json:"start"`
	End   lspPosition `json:"end"`
}

type lspLocation struct {
	URI   string   `json:"uri"`
	Range lspRange `json:"range"`
}

type lspCodeDescription struct {
	Href string `json:"href"`
}

type lspRelated struct {
	Location lspLocation `json:"location"`
	Message  string      `json:"message"`
}

// lspSeverity is LSP's DiagnosticSeverity.
type lspSeverity int

const (
	lspError       lspSeverity = 1
	lspWarning     lspSeverity = 2
	lspInformation lspSeverity = 3
	// Hint (4) is not used.
)

type lspDiagnostic struct {
	Range              lspRange            `json:"range"`
	Severity           lspSeverity         `json:"severity"`
	Code               string              `json:"code"`
	CodeDescription    *lspCodeDescription `json:"codeDescription,omitempty"`
	Source             string              `json:"source"`
	Message            string              `json:"message"`
	RelatedInformation []lspRelated        `json:"relatedInformation,omitempty"`
}

// LSP writes {"version": 1, "files": [...], "errors": [...]}: for every
// file linted, its file: URI and its findings as Language Server Protocol
// Diagnostics (what textDocument/publishDiagnostics carries; an empty list
// for a clean file, so an editor clears what it showed): 0-based lines and
// characters counting UTF-16 code units, severity 1 error, 2 warning,
// 3 info, the rule id as code with its page as codeDescription.href,
// source "dplint", related places as relatedInformation. errors lists the
// files that could not be linted, as in the json format.
func LSP(w, _ io.Writer, run *Run, _ Options) error {
	b := newBase()
	doc := lspDoc{Version: LSPVersion, Files: []lspFile{}, Errors: []jsonError{}}
	for _, f := range run.Files {
		if f.Err != nil {
			doc.Errors = append(doc.Errors, jsonError{File: f.Path, Message: f.Err.Error()})
		}
	}
	// The document is written around its files, and they one at a time,
	// as the whole document indented would have them (see SARIF).
	return writeAround(w, doc, `"files": []`, "    ", func(element func(any) error) error {
		for _, f := range run.Files {
			if f.Source == nil && len(f.Definitions) == 0 {
				continue // never read
			}
			if err := element(b.lspFileOf(f)); err != nil {
				return err
			}
		}
		return nil
	})
}

// lspFileOf is one file's diagnostics.
func (b base) lspFileOf(f *diag.File) lspFile {
	uri := b.fileURI(f.Path)
	lf := lspFile{URI: uri, Diagnostics: []lspDiagnostic{}}
	for _, d := range f.Definitions {
		for _, dg := range d.Diagnostics {
			ld := lspDiagnostic{
				Range:    lspRangeOf(f.Source, dg.Start, dg.End),
				Severity: lspSeverityOf(dg.Severity),
				Code:     dg.Rule.ID,
				Source:   "dplint",
				Message:  pipelineLabel(dg) + dg.Message,
			}
			if h := dg.Rule.URL; h != "" {
				ld.CodeDescription = &lspCodeDescription{Href: h}
			}
			for _, r := range dg.Related {
				ld.RelatedInformation = append(ld.RelatedInformation, lspRelated{
					Location: lspLocation{URI: uri, Range: lspRangeOf(f.Source, r.Start, r.End)},
					Message:  r.Message,
				})
			}
			lf.Diagnostics = append(lf.Diagnostics, ld)
		}
	}
	return lf
}

func lspSeverityOf(s diag.Severity) lspSeverity {
	switch s {
	case diag.Error:
		return lspError
	case diag.Warning:
		return lspWarning
	}
	return lspInformation
}

func lspRangeOf(f *source.File, start, end source.Position) lspRange {
	return lspRange{Start: lspPositionOf(f, start), End: lspPositionOf(f, end)}
}

// lspPositionOf is LSP's 0-based line and UTF-16 character.
func lspPositionOf(f *source.File, p source.Position) lspPosition {
	return lspPosition{Line: max(p.Line-1, 0), Character: utf16Column(f, p) - 1}
}

// fileURI is the file: URI of path, made absolute against the base.
func (b base) fileURI(path string) string {
	if abs := b.abs(path); abs != "" {
		return fileURI(abs)
	}
	return fileURI(path)
}
