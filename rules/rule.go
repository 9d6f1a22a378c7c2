// Package rules holds dplint's checks. Each rule is an *analysis.Analyzer
// (golang.org/x/tools/go/analysis) plus dplint's metadata: a stable ID, a
// kebab-case name, a default severity, who makes the check (origin) and
// whether its text is the service's own. Rules read the definition through
// the base analyzer Input and report only through Reporter, which ties every
// finding to an object (or parameter) and a range; they never print.
package rules

import (
	"fmt"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// Rule is one check with its metadata.
type Rule struct {
	ID       string        // "DP" + 4 digits; the first digit is the area
	Name     string        // kebab-case, stable
	Severity diag.Severity // default severity
	Origin   diag.Origin
	Channel  diag.Channel // where the AWS tools report it
	// VerifiedText is true only when the message is byte-equal to text the
	// service is known to return (../shared/parity).
	VerifiedText bool
	Summary      string // one line for `dplint rules`
	Doc          string // longer help: why, and how to fix
	// Example is a small definition that triggers the rule (examples.go).
	Example  string
	Analyzer *analysis.Analyzer
}

var registry []*Rule

// register adds a rule; it is called from each rule file's var block.
func register(r *Rule) *Rule {
	if r.Channel == "" {
		r.Channel = diag.Response
	}
	registry = append(registry, r)
	return r
}

// All returns every rule, sorted by ID.
func All() []*Rule {
	out := append([]*Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByAnalyzer maps analyzers back to their rule.
func ByAnalyzer() map[*analysis.Analyzer]*Rule {
	m := make(map[*analysis.Analyzer]*Rule, len(registry))
	for _, r := range registry {
		m[r.Analyzer] = r
	}
	return m
}

// Lookup finds a rule by ID or name.
func Lookup(idOrName string) *Rule {
	for _, r := range registry {
		if r.ID == idOrName || r.Name == idOrName {
			return r
		}
	}
	return nil
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
	Remote *RemoteResult
}

// givenValues lists the parameter ids that have a value, from the
// options when given there, else from the file.
func (in *Input) givenValues() map[string]bool {
	given := map[string]bool{}
	if in.Options.Values != nil {
		for id := range in.Options.Values {
			given[id] = true
		}
		return given
	}
	if in.Def != nil {
		for _, v := range in.Def.Values {
			given[v.ID] = true
		}
	}
	return given
}

// DefaultMaxObjects is the service's default, adjustable, limit.
const DefaultMaxObjects = 100

// Input is the result of the base analyzer: the file and the definition read
// from it, and the sink the driver collects placement from.
type Input struct {
	File    *source.File
	Def     *definition.Definition
	Tok     *token.File
	Options Options
	// pending carries the placement of the finding being reported from
	// Reporter to the driver's Report callback, which runs synchronously.
	pending *Placement
	// pointers maps the built tree's pointers to the template's (embedded
	// definitions only), built on first use.
	pointers map[string]string
}

// EmbeddedPointer turns a pointer into the tree built from a template into
// the pointer of the same place in the template as written; other
// definitions' pointers are returned unchanged. A place the template has no
// node for (a name the id stands in for) gets its nearest container's.
func (in *Input) EmbeddedPointer(p string) string {
	e := in.Def.Embedded
	if e == nil || p == "" {
		return p
	}
	if in.pointers == nil {
		in.pointers = make(map[string]string, len(e.Pointers))
		for n, tp := range e.Pointers {
			in.pointers[n.Pointer()] = tp
		}
	}
	for cur := p; ; {
		if tp, ok := in.pointers[cur]; ok {
			return tp
		}
		i := strings.LastIndexByte(cur, '/')
		if i < 0 {
			return ""
		}
		cur = cur[:i]
	}
}

// Placement is what the driver needs beyond analysis.Diagnostic.
type Placement struct {
	Object   string // object or parameter id, "" for the file itself
	Pointer  string
	AWSText  string
	AWSStage diag.Stage
	AWSPath  string
	Channel  diag.Channel // overrides the rule's channel when set
}

// TakePlacement returns and clears the placement of the finding being
// reported. The driver calls it from its Report callback.
func (in *Input) TakePlacement() Placement {
	if in.pending == nil {
		return Placement{}
	}
	p := *in.pending
	in.pending = nil
	return p
}

// InputAnalyzer is the base analyzer every rule requires. Its result is the
// parsed file and definition. The lint driver reads and parses each file
// once, before any analyzer runs (it must, to tell definitions from other
// JSON and to split a file into definitions), and supplies this analyzer's
// result directly; Run is what a driver that does not would get.
var InputAnalyzer = &analysis.Analyzer{
	Name:       "definition",
	Doc:        "provides the parsed pipeline definition to every rule",
	ResultType: reflect.TypeOf((*Input)(nil)),
	Run: func(*analysis.Pass) (any, error) {
		return nil, fmt.Errorf("the definition analyzer's result is supplied by the lint driver")
	},
}

// input returns the base result inside a rule's Run.
func input(pass *analysis.Pass) *Input { return pass.ResultOf[InputAnalyzer].(*Input) }

// Reporter is the one way rules report: it places each finding on an
// object or parameter and a byte range of the file.
type Reporter struct {
	pass *analysis.Pass
	in   *Input
}

func reporter(pass *analysis.Pass) Reporter { return Reporter{pass: pass, in: input(pass)} }

// Finding is one report in progress.
type Finding struct {
	Object     string // owning object or parameter id ("" for the file)
	Start, End int    // byte range
	Pointer    string
	Message    string
	// AWSText is what the AWS CLI or the service prints instead (client
	// refusals, exceptions); AWSStage and AWSPath place a client refusal
	// among the CLI's stages and in the request.
	AWSText  string
	AWSStage diag.Stage
	AWSPath  string
	Channel  diag.Channel // overrides the rule's channel for this finding
	Related  []analysis.RelatedInformation
	Fix      *Fix
}

// Fix is one edit that repairs a finding: the bytes Start..End become
// NewText.
type Fix struct {
	Message    string
	Start, End int
	NewText    string
}

// Report sends a finding to the driver.
func (r Reporter) Report(f Finding) {
	tok := r.in.Tok
	r.in.pending = &Placement{Object: f.Object, Pointer: f.Pointer, AWSText: f.AWSText, AWSStage: f.AWSStage, AWSPath: f.AWSPath, Channel: f.Channel}
	d := analysis.Diagnostic{
		Pos:     tok.Pos(clamp(f.Start, tok.Size())),
		End:     tok.Pos(clamp(f.End, tok.Size())),
		Message: f.Message,
		Related: f.Related,
	}
	if f.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: f.Fix.Message, TextEdits: []analysis.TextEdit{{
			Pos: tok.Pos(clamp(f.Fix.Start, tok.Size())), End: tok.Pos(clamp(f.Fix.End, tok.Size())), NewText: []byte(f.Fix.NewText)}}}}
	}
	r.pass.Report(d)
}

// Node reports on a node owned by an object or parameter id.
func (r Reporter) Node(owner string, n *source.Node, msg string) {
	r.Report(Finding{Object: owner, Start: n.Start, End: n.End, Pointer: n.Pointer(), Message: msg})
}

// Related builds a related-place entry for a byte range.
func (r Reporter) Related(start, end int, msg string) analysis.RelatedInformation {
	tok := r.in.Tok
	return analysis.RelatedInformation{Pos: tok.Pos(clamp(start, tok.Size())), End: tok.Pos(clamp(end, tok.Size())), Message: msg}
}

func clamp(off, size int) int {
	if off < 0 {
		return 0
	}
	if off > size {
		return size
	}
	return off
}

// quote puts a slot or id name in single quotes, the service's style.
func quote(s string) string { return "'" + s + "'" }

// analyzerName turns a kebab-case rule name into the Go identifier
// analysis.Validate requires of Analyzer.Name.
func analyzerName(name string) string { return strings.ReplaceAll(name, "-", "_") }

// NodeAt returns the innermost node whose range holds off, or nil.
func (in *Input) NodeAt(off int) *source.Node { return in.nodeAt(off) }

func (in *Input) nodeAt(off int) *source.Node {
	cur := in.File.Root
	if cur == nil || off < cur.Start || off >= cur.End {
		return nil
	}
	for {
		next := (*source.Node)(nil)
		for _, m := range cur.Members {
			if off >= m.KeyStart && off < m.Value.End {
				next = m.Value
				if off < m.Value.Start { // on the key: the member's value is the place
					return next
				}
				break
			}
		}
		for _, e := range cur.Elems {
			if off >= e.Start && off < e.End {
				next = e
				break
			}
		}
		if next == nil {
			return cur
		}
		cur = next
	}
}

// OwnerAt returns the id of the object, parameter or parameter value whose
// text holds off, or "" when the place belongs to the file as a whole.
func (in *Input) OwnerAt(off int) string { return in.ownerAt(off) }

func (in *Input) ownerAt(off int) string {
	if in.Def == nil {
		return ""
	}
	for _, o := range in.Def.Objects {
		if off >= o.Node.Start && off < o.Node.End {
			return o.ID
		}
	}
	for _, p := range in.Def.Parameters {
		if off >= p.Node.Start && off < p.Node.End {
			return p.ID
		}
	}
	for _, v := range in.Def.Values {
		if off >= v.KeyStart && off < v.Value.Whole.End {
			return v.ID
		}
	}
	return ""
}

// analyzerDoc is the rule's text in go/analysis's convention: the first
// line sums it up, the rest explains.
func analyzerDoc(r *Rule) string {
	if r.Doc == "" {
		return r.Summary
	}
	return r.Summary + "\n\n" + r.Doc
}
