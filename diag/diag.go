// Package diag holds the types that flow from the lint driver to the
// formatters: findings, the rules' metadata they point to, and the result of
// linting a file. It knows nothing of how rules check or how formats print.
package diag

import (
	"sort"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/remote/answer"
	"github.com/dplint/dplint/source"
)

// Severity of a finding.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota + 1
	Warning
	Info
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "info":
		return Info, true
	}
	return 0, false
}

// AtLeast reports whether s is as severe as min or more.
func (s Severity) AtLeast(min Severity) bool { return s != 0 && s <= min }

// Origin says who makes a check.
type Origin string

// Origins.
const (
	Service Origin = "service" // ValidatePipelineDefinition makes this check
	Lint    Origin = "lint"    // dplint's own advice
	Remote  Origin = "remote"  // only the API can know
)

// Channel says where the AWS tool chain reports a problem, so the aws format
// can print it where the AWS CLI would.
type Channel string

// Channels.
const (
	// Response: in ValidatePipelineDefinition's validationErrors/Warnings.
	Response Channel = "response"
	// Client: the AWS CLI refuses the file before sending it (stderr).
	Client Channel = "client"
	// Exception: the service answers with an exception instead of a response.
	Exception Channel = "exception"
	// None: no AWS tool reports it (lint advice about the file itself).
	None Channel = "none"
)

// Stage is the step at which the AWS CLI refuses a definition before
// sending it; it stops at the first stage that fails.
type Stage int

// The AWS CLI's stages, in the order it runs them.
const (
	// StageJSON: Python's json.loads reads the file (stops at the first error).
	StageJSON Stage = iota + 1
	// StageTranslate: the CLI's translator builds the request (stops at the
	// first error).
	StageTranslate
	// StageValidate: botocore validates the request's types and lengths
	// (reports every error at once).
	StageValidate
)

// Rule is a rule's metadata: what every part of dplint (the driver, the
// formats, the documentation) says of the rule. The rules package embeds it
// in each rule beside the check itself; findings point to it.
type Rule struct {
	ID       string   // "DP" + 4 digits; the first digit is the area
	Name     string   // kebab-case, stable
	Severity Severity // default severity
	Origin   Origin
	Channel  Channel // where the AWS tools report it (default Response)
	// VerifiedText is true only when the message is byte-equal to text the
	// service is known to return (../shared/parity).
	VerifiedText bool
	Summary      string // one line for `dplint rules`
	Doc          string // longer help: why, and how to fix
	// URL is the rule's documentation page (docs/rules/<ID>.md).
	URL string
	// Unsuppressible findings are dropped neither by a configuration file's
	// per-path override nor by an object's myDplintIgnore (--disable and
	// the configuration's rules list still turn the rule off).
	Unsuppressible bool
	// InlineUnsuppressible findings are not dropped by myDplintIgnore (the
	// rule reports mistakes in that very field).
	InlineUnsuppressible bool
	// Service is the AWS service whose documents the rule checks: "" for
	// Data Pipeline, IoTAnalytics for the IA rules (which run only on IoT
	// Analytics documents, where no other rule runs).
	Service string
	// Explains lists the rules whose findings a finding of this rule
	// explains when both are on the same object and the same span, or when
	// it leaves unset (Diagnostic.Leaves) a field the other says is
	// missing (Diagnostic.Missing): one mistake, reported once, the others
	// folded into it (Folded).
	Explains []string
}

// Related is a second place that matters to a finding.
type Related struct {
	Start, End source.Position
	Message    string
}

// Diagnostic is one finding, placed in a file.
type Diagnostic struct {
	File       string // path as given or walked
	Definition string // the definition it belongs to (the file, or file#LogicalId)
	Start, End source.Position
	Pointer    string // JSON Pointer of the node the finding is about
	Object     string // id of the object or parameter it is about; "" for the file
	// Field is the field (or parameter attribute) of Object the finding is
	// in, by its key; for a finding on the object as a whole that fields
	// are missing, those fields, comma-separated; else "". Unlike the
	// position and the pointer, it stays when lines or objects move (a
	// baseline keys findings by it).
	Field    string
	Rule     *Rule
	Severity Severity // the rule's, or as the configuration sets it
	Channel  Channel  // the rule's, or where this finding goes instead
	Message  string
	// AWSText is what the AWS CLI or service prints for this finding where
	// that differs from Message (client refusals and exceptions).
	AWSText string
	// AWSStage and AWSPath, for client refusals: the CLI's stage, and where
	// in the request the problem lies (botocore's parameter path), which
	// orders botocore's messages.
	AWSStage Stage
	AWSPath  string
	Related  []Related
	// Fix, when set, is an edit that repairs the finding.
	Fix *Fix
	// Missing names the fields whose absence this finding reports (a
	// required field, one of a group); Leaves names the field a mistake
	// leaves unset (a misspelt field name, a misspelt value property).
	Missing []string
	Leaves  string
	// Folded are findings this one explains (its rule's Explains), shown
	// as notes of it; --format aws lists them too, as the service would
	// (Flatten).
	Folded []Diagnostic
}

// Flatten returns the findings with every folded one back in its place
// (folded findings share their root's span; within a span, by rule id), for
// output that must list each message, as the service's answer does.
func Flatten(ds []Diagnostic) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if len(d.Folded) == 0 {
			out = append(out, d)
			continue
		}
		group := append([]Diagnostic{d}, d.Folded...)
		group[0].Folded = nil
		sort.SliceStable(group, func(i, j int) bool {
			if group[i].Rule.ID != group[j].Rule.ID {
				return group[i].Rule.ID < group[j].Rule.ID
			}
			return group[i].Message < group[j].Message
		})
		out = append(out, group...)
	}
	return out
}

// Fix replaces the text from Start to End with NewText.
type Fix struct {
	Message    string
	Start, End source.Position
	NewText    string
}

// File is the result of linting one file.
type File struct {
	Path   string
	Source *source.File // the file as read (for snippets); nil when unreadable
	// Skipped is set for files that hold no pipeline definition.
	Skipped     bool
	Definitions []*Definition
	// Err is set when the file could not be linted at all (or a call of
	// remote mode failed).
	Err error
	// Secrets are byte ranges whose text must never be shown (values of
	// *-prefixed fields and masked parameters): snippets print them as ****.
	Secrets [][2]int
	// Companions are the results for other files this one was checked
	// with (a parameter objects file, lint --parameters): findings that lie
	// in such a file are there, under its path, one per definition.
	Companions []*File
}

// Definition is the result for one definition in a file (one per
// pipeline resource of a template).
type Definition struct {
	Name string
	// Model is the definition the rules saw (for --show-values).
	Model *definition.Definition
	// IDs lists object ids, then parameter ids, in definition order (the
	// order the aws format groups findings in).
	IDs         []string
	Diagnostics []Diagnostic
	// Baselined are the findings a baseline holds (lint --baseline): known
	// already, so neither reported as new nor counted for the exit code.
	// Formats that can mark a result as known (SARIF's baselineState) list
	// them; the others leave them out.
	Baselined []Diagnostic
	// Refusal is what the AWS CLI prints instead of sending the definition
	// (it would not call the service); Exception is the service's exception
	// line when it would answer with one instead of a response.
	Refusal, Exception string
	// Remote is remote mode's outcome, or nil without remote mode.
	Remote *RemoteOutcome
	// Service is the AWS service the definition is for: "" for Data
	// Pipeline, IoTAnalytics for an IoT Analytics document.
	Service string
}

// IoTAnalytics is Definition.Service for IoT Analytics documents.
const IoTAnalytics = "iotanalytics"

// RemoteOutcome is what remote mode (lint --remote, --remote-response) learnt
// about a definition: the service's answer, and how it compares with
// dplint's findings of the checks the service makes.
type RemoteOutcome struct {
	// Answer is the service's answer; nil when there is none, and Note
	// then says why ("not sent to the service: ..."), if it is worth saying.
	Answer *answer.Answer
	Note   string
	// OnlyService and OnlyDplint are the messages only one side gave, each
	// "error on "ID": text" (or warning), sorted; UnknownText holds the
	// service's messages whose text dplint does not know at all.
	OnlyService, OnlyDplint, UnknownText []string
	// Account lists the service's checks of the account's IAM roles, which
	// depend on the account, not the definition: no disagreement.
	Account []string
}

// BaselineSummary is what a baseline did to a run (lint --baseline).
type BaselineSummary struct {
	Path string // the baseline file, as named
	// Baselined counts the findings the baseline holds, left out of the
	// report; Gone the findings it holds for the files linted that no
	// longer occur (fixed, or the baseline is stale).
	Baselined, Gone int
}

// Agree reports whether the service and dplint said the same.
func (r *RemoteOutcome) Agree() bool { return len(r.OnlyService)+len(r.OnlyDplint) == 0 }

// Count returns how many findings of the file are at or above a severity.
func (f *File) Count(min Severity) int {
	n := 0
	for _, d := range f.Definitions {
		for _, dg := range d.Diagnostics {
			if dg.Severity.AtLeast(min) {
				n++
			}
			for _, fd := range dg.Folded { // as Flatten would list them, without the copy
				if fd.Severity.AtLeast(min) {
					n++
				}
			}
		}
	}
	return n
}
