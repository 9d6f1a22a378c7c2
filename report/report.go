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
	"github.com/dplint/dplint/source"
)

// Run is everything one invocation produced.
type Run struct {
	Files []File
	// Rules describes every rule (for formats that list them, such as
	// SARIF's tool.driver.rules), sorted by ID.
	Rules []RuleInfo
	// Version is dplint's version, for formats that name the tool's.
	Version string
}

// RuleInfo is what a format may say about a rule.
type RuleInfo struct {
	ID, Name     string
	Summary, Doc string
	Severity     string // default: error, warning or info
	Origin       string
	HelpURI      string // the rule's page, docs/rules/<ID>.md
}

// HelpBase is where the rule pages live; a rule's page is HelpBase + ID + ".md".
const HelpBase = "https://github.com/dplint/dplint/blob/main/docs/rules/"

// File is one input file's outcome.
type File struct {
	Path        string
	Source      *source.File // for snippets; nil when unreadable
	Definitions []Definition
	Err         error // the file could not be linted at all
	// Secrets are byte ranges of the file never to show (masked values):
	// snippets print them as ****.
	Secrets [][2]int
}

// Definition is one definition's findings.
// ServiceAnswer is what the real ValidatePipelineDefinition answered for a
// definition (lint --remote), in the service's order.
type ServiceAnswer struct {
	Errors, Warnings []ServiceMessage
}

// ServiceMessage is one message of the service's answer, on an object id.
type ServiceMessage struct {
	ID, Text string
}

type Definition struct {
	Name string
	// Service is the real service's answer (lint --remote), or nil; the aws
	// format then prints it instead of dplint's.
	Service     *ServiceAnswer
	IDs         []string // object then parameter ids, in definition order
	Diagnostics []diag.Diagnostic
	// Refusal is what the AWS CLI prints instead of sending the definition
	// (it would not call the service); Exception is the service's exception
	// line when it would answer with one instead of a response.
	Refusal, Exception string
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
		return nil, fmt.Errorf("unknown format %q (one of %v)", name, Names())
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
