// Package rules holds dplint's checks, one file per rule:
// dpNNNN_<name>.go holds the rule's metadata, its documentation example and
// its check, and testdata/DPNNNN/ its golden cases. registry.go lists every
// rule; CONTRIBUTING.md says how to add one.
//
// Each rule is an *analysis.Analyzer (golang.org/x/tools/go/analysis),
// built from the rule by the registry: it requires the base analyzer Input
// (the file and the definition read from it) and the shared analyzers the
// rule asks for (the graph, the parsed expressions, the file's shape, the
// strings the API constrains). A check reads those through its Pass and
// reports through Pass.Report, which places each finding on an object or
// parameter and a range of the file; the analyzer's result is the list of
// what it found, which the lint driver reads. Rules never print, and know
// nothing of output formats.
package rules

import (
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/remote/answer"
)

// Meta is a rule's metadata (id, name, severity, origin, texts,
// suppression): diag.Rule, which findings point to.
type Meta = diag.Rule

// Rule is one check: its metadata, the example its documentation shows,
// what it reads and the check itself.
type Rule struct {
	Meta
	// Example is a small input that triggers the rule; docs/rules.md shows
	// it with what dplint says of it, and a test lints it.
	Example Example
	// Requires lists the shared analyzers the check reads (needsGraph, ...),
	// besides the Input every rule gets.
	Requires []*analysis.Analyzer
	// Check finds the rule's problems in one definition and reports them
	// through pass.Report.
	Check func(pass *Pass)
	// ForNonDefinitions marks a rule that runs only on a file the user
	// named that holds no pipeline at all (lint --strict), where Def is
	// empty; the other rules never see such a file.
	ForNonDefinitions bool
	// Analyzer is the rule as go/analysis sees it; Build makes it.
	Analyzer *analysis.Analyzer
}

// Example is a rule's documentation example.
type Example struct {
	// Input is a definition file, a CloudFormation template (YAML) or a
	// Terraform file; File tells which.
	Input string
	// Build, set instead of Input for a large example (a hundred objects),
	// makes it when asked: start-up builds none.
	Build func() string
	// Answer is, for the rules that report the service's answer, the answer
	// the example is linted with (the docs and tests run without the
	// service).
	Answer *answer.Answer
}

// Text is the example's input.
func (e Example) Text() string {
	if e.Build != nil {
		return e.Build()
	}
	return e.Input
}

// File is the name the example is linted under, which tells its format:
// example.json, example.yaml or example.tf.
func (e Example) File() string {
	switch input := e.Text(); {
	case strings.HasPrefix(input, "resource "):
		return "example.tf"
	case strings.Contains(input, "Type: AWS::DataPipeline::Pipeline"), strings.Contains(input, "Type: AWS::IoTAnalytics::Pipeline"):
		return "example.yaml"
	}
	return "example.json"
}

// Runs reports whether the analyzer of rule (nil for a shared analyzer,
// or a rule whose findings are not kept) runs on the input: a pass on an
// IoT Analytics document runs the IA rules (Service diag.IoTAnalytics)
// only, one on a file with no pipeline the rules made for such files only,
// any other the rest.
func Runs(rule *Rule, in *Input) bool {
	switch {
	case in.IoT != nil:
		return rule != nil && rule.Service == diag.IoTAnalytics
	case in.Options.NotADefinition:
		return rule != nil && rule.ForNonDefinitions
	}
	return rule == nil || !rule.ForNonDefinitions && rule.Service == ""
}

// Options are the settings rules read.
type Options struct {
	// MaxObjects is the account's objects-per-pipeline limit (default 100).
	MaxObjects int
	// Now is "now" for checks that depend on it (a schedule starting in
	// the past); zero means the clock.
	Now time.Time
	// Values, when not nil, are parameter values given outside the file
	// (--values, --param). As with the AWS CLI's --parameter-values, they
	// replace the file's own values block.
	Values map[string][]string
	// Remote is the real service's answer (lint --remote), or nil.
	Remote *answer.Answer
	// NotADefinition is set when the file holds no pipeline (lint
	// --strict); only ForNonDefinitions rules run then.
	NotADefinition bool
}

// DefaultMaxObjects is the service's default, adjustable, limit.
const DefaultMaxObjects = 100
