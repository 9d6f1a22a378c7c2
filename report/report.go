// Package report renders lint results. Each format writes one complete
// document, also when there are no findings or a file failed. Formatters
// only render: which findings exist, and where, was decided upstream.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dplint/dplint/diag"
)

// Run is everything one invocation produced.
type Run struct {
	Files []*diag.File
	// Rules is every rule (for formats that list them, such as SARIF's
	// tool.driver.rules), sorted by ID.
	Rules []*diag.Rule
	// Version is dplint's version, for formats that name the tool's.
	Version string
	// Baseline, when the run had one (lint --baseline), says what it did;
	// the findings it holds are each definition's Baselined.
	Baseline *diag.BaselineSummary
}

// Options tune the formats.
type Options struct {
	Oneline bool // text: no source snippets
	Color   bool // text: ANSI colour
	// All makes the aws format include lint-origin findings too.
	All bool
}

// Formatter writes a run. stderr receives what a format sends there (the
// aws format's client-side refusals and service exceptions).
type Formatter func(w, stderr io.Writer, run *Run, opt Options) error

// Formats maps format names to formatters.
var Formats = map[string]Formatter{
	"text":   Text,
	"aws":    AWS,
	"json":   JSON,
	"sarif":  SARIF,
	"github": GitHub,
	"lsp":    LSP,
}

// NeedsText reports whether a format reads the files' text (Source): for
// snippets, or for columns counted in UTF-16 code units, which need the
// line. A run whose formats do not can drop each file's text once it is
// linted: linting many files, memory then grows with the findings alone.
func NeedsText(format string, opt Options) bool {
	switch format {
	case "json", "aws":
		return false
	case "text":
		return !opt.Oneline
	}
	return true // sarif, github and lsp count UTF-16 columns; a new format is assumed to
}

// Names lists the format names, sorted.
func Names() []string {
	var out []string
	for k := range Formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the formatter for a name.
func Lookup(name string) (Formatter, error) {
	f, ok := Formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (one of %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}

// pipelineLabel is how the text, GitHub and LSP formats name the pipeline a
// finding belongs to when the file holds several (a template's logical id),
// as a prefix of the message: "Nightly: ". It is empty for a definition
// file, which is its own pipeline. Their locations stay plain file:line:col,
// which editors and problem matchers read.
func pipelineLabel(dg diag.Diagnostic) string {
	if dg.Definition == "" || dg.Definition == dg.File {
		return ""
	}
	return strings.TrimPrefix(dg.Definition, dg.File+"#") + ": "
}
