// Package diag holds the finding type that flows from the lint driver to the
// formatters. It knows nothing of rules or formats.
package diag

import "github.com/dplint/dplint/source"

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
	RuleID     string
	RuleName   string
	Severity   Severity
	Origin     Origin
	Channel    Channel
	Message    string
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
}

// Fix replaces the text from Start to End with NewText.
type Fix struct {
	Message    string
	Start, End source.Position
	NewText    string
}
