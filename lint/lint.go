// Package lint is the driver: it reads a file, splits it into definitions,
// runs the enabled rules' analyzers in dependency order on one
// analysis.Pass per definition, and turns what they report into sorted,
// deduplicated diag.Diagnostics.
package lint

import (
	"fmt"
	"go/token"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/load"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/source"
)

// Config selects rules and sets their options.
type Config struct {
	// Only, when not empty, enables exactly these rules (ids or names).
	Only []string
	// Disable turns rules off; Enable turns them back on (after Disable).
	Disable, Enable []string
	// Severity overrides a rule's default severity (by id or name).
	Severity map[string]diag.Severity
	// MaxObjects is the objects-per-pipeline limit (0: the default 100).
	MaxObjects int
	// Now is "now" for time-dependent checks (zero: the clock).
	Now time.Time
	// Values, when not nil, are parameter values from outside the file
	// (--values FILE, --param id=value); they replace the file's values.
	Values map[string][]string
	// Overrides change rules for the files they match (a config file's
	// per-path settings), after everything else but the command line's
	// --enable/--only, which keep a rule on.
	Overrides []Override
	// Remote, when set, gives the real service's answer for a definition
	// (lint --remote, --remote-response), which DP8001/DP8002 report. An
	// error makes the file one that could not be linted (exit 3).
	Remote func(*definition.Definition) (*rules.RemoteResult, error)
	// KeepOn are rules the command line turned on (--enable, --only):
	// overrides do not turn them off.
	KeepOn []string
	// TemplateVars, when set, fill ${name} placeholders in ids, names and
	// values before the rules run (positions stay in the file as written).
	TemplateVars map[string]string
}

// Override is a per-path change of rules.
type Override struct {
	Match    func(path string) bool
	Disable  []string
	Severity map[string]diag.Severity
}

// Linter runs a fixed set of rules.
type Linter struct {
	enabled  map[*analysis.Analyzer]*rules.Rule // analyzers whose findings are kept
	order    []*analysis.Analyzer               // every analyzer to run, dependencies first
	severity map[*rules.Rule]diag.Severity
	opts     rules.Options
	vars     map[string]string
	remote   func(*definition.Definition) (*rules.RemoteResult, error)
	// per-path overrides, resolved to rule ids
	overrides []override
}

type override struct {
	match    func(string) bool
	disable  map[string]bool
	severity map[string]diag.Severity
}

// New checks the configuration and the analyzer graph of dplint's rules.
func New(cfg Config) (*Linter, error) { return NewWith(rules.All(), cfg) }

// NewWith is New over a given set of rules (tests use their own).
func NewWith(all []*rules.Rule, cfg Config) (*Linter, error) {
	lookup := func(name string) *rules.Rule {
		for _, r := range all {
			if r.ID == name || r.Name == name {
				return r
			}
		}
		return nil
	}
	on := map[*rules.Rule]bool{}
	for _, r := range all {
		on[r] = len(cfg.Only) == 0
	}
	set := func(names []string, v bool, flag string) error {
		for _, n := range names {
			r := lookup(strings.TrimSpace(n))
			if r == nil {
				return fmt.Errorf("%s: unknown rule %q (see `dplint rules`)", flag, n)
			}
			on[r] = v
		}
		return nil
	}
	if err := set(cfg.Only, true, "--only"); err != nil {
		return nil, err
	}
	if err := set(cfg.Disable, false, "--disable"); err != nil {
		return nil, err
	}
	if err := set(cfg.Enable, true, "--enable"); err != nil {
		return nil, err
	}
	l := &Linter{
		enabled:  map[*analysis.Analyzer]*rules.Rule{},
		severity: map[*rules.Rule]diag.Severity{},
		opts:     rules.Options{MaxObjects: cfg.MaxObjects, Now: cfg.Now, Values: cfg.Values},
		remote:   cfg.Remote,
		vars:     cfg.TemplateVars,
	}
	for name, sev := range cfg.Severity {
		r := lookup(name)
		if r == nil {
			return nil, fmt.Errorf("severity override: unknown rule %q", name)
		}
		l.severity[r] = sev
	}
	var roots []*analysis.Analyzer
	for _, r := range all {
		if on[r] {
			l.enabled[r.Analyzer] = r
			roots = append(roots, r.Analyzer)
		}
	}

	keep := map[string]bool{} // kept on by the command line
	for _, n := range cfg.KeepOn {
		if r := lookup(strings.TrimSpace(n)); r != nil {
			keep[r.ID] = true
		}
	}
	for _, o := range cfg.Overrides {
		ov := override{match: o.Match, disable: map[string]bool{}, severity: map[string]diag.Severity{}}
		for _, n := range o.Disable {
			r := lookup(strings.TrimSpace(n))
			if r == nil {
				return nil, fmt.Errorf("override: unknown rule %q", n)
			}
			if !keep[r.ID] {
				ov.disable[r.ID] = true
			}
		}
		for n, sev := range o.Severity {
			r := lookup(n)
			if r == nil {
				return nil, fmt.Errorf("override: unknown rule %q", n)
			}
			ov.severity[r.ID] = sev
		}
		l.overrides = append(l.overrides, ov)
	}
	if err := analysis.Validate(roots); err != nil {
		return nil, fmt.Errorf("rule graph: %w", err)
	}
	// Dependencies first; a disabled rule runs only when an enabled one
	// requires it, and then its findings are dropped.
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		l.order = append(l.order, a)
	}
	for _, a := range roots {
		visit(a)
	}
	return l, nil
}

// File is the result of linting one file.
type File struct {
	Path   string
	Source *source.File // nil when the file could not be read
	Form   definition.Form
	// Skipped is set for files that are not pipeline definitions.
	Skipped     bool
	Definitions []*Definition
	// Err is set when the file could not be linted at all.
	Err error
	// Secrets are byte ranges whose text must never be shown (values of
	// *-prefixed fields and masked parameters).
	Secrets [][2]int
}

// Definition is the result for one definition in a file.
type Definition struct {
	Name string
	// Model is the definition the rules saw (for --show-values).
	Model *definition.Definition
	// IDs lists object ids, then parameter ids, in definition order (the
	// order the aws format groups findings in).
	IDs         []string
	Diagnostics []diag.Diagnostic
}

// Lint checks the bytes of one file: every definition it holds (one for a
// definition file, one per pipeline resource of a template). It never
// panics: a rule that fails is reported in File.Err.
func (l *Linter) Lint(path string, data []byte) *File {
	lf := load.Read(path, data)
	res := &File{Path: path, Source: lf.Source, Form: lf.Form}
	if lf.Form == definition.NotOurs {
		res.Skipped = true
		return res
	}
	for _, def := range lf.Definitions {
		res.Secrets = append(res.Secrets, def.Secrets()...)
		if l.vars != nil {
			def.Render(l.vars)
		}
		opts := l.opts
		// A file that is not valid JSON is not sent: the AWS CLI would not
		// send it either.
		if l.remote != nil && !def.File.HasFatal() && def.File.Root != nil {
			r, err := l.remote(def)
			if err != nil && res.Err == nil {
				res.Err = err
			}
			opts.Remote = r
		}
		d, err := l.run(path, data, def.File, def, opts)
		if err != nil && res.Err == nil {
			res.Err = err
		}
		d.Diagnostics = l.applyOverrides(path, d.Diagnostics)
		res.Definitions = append(res.Definitions, d)
	}
	return res
}

func (l *Linter) run(path string, data []byte, sf *source.File, def *definition.Definition, opts rules.Options) (out *Definition, err error) {
	out = &Definition{Name: def.Name, Model: def}
	for _, o := range def.Objects {
		out.IDs = append(out.IDs, o.ID)
	}
	for _, p := range def.Parameters {
		out.IDs = append(out.IDs, p.ID)
	}
	fset := token.NewFileSet()
	tf := sf.TokenFile(fset)
	in := &rules.Input{File: sf, Def: def, Tok: tf, Options: opts}
	results := map[*analysis.Analyzer]any{rules.InputAnalyzer: in}
	var current *analysis.Analyzer
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in rule %s: %v\n%s", current.Name, r, debug.Stack())
		}
	}()
	for _, a := range l.order {
		if a == rules.InputAnalyzer {
			continue // supplied above: the driver has already read the file
		}
		current = a
		rule := l.enabled[a]
		pass := &analysis.Pass{
			Analyzer:   a,
			Fset:       fset,
			OtherFiles: []string{path},
			ReadFile: func(name string) ([]byte, error) {
				if name != path {
					return nil, fmt.Errorf("%s: not part of this pass", name)
				}
				return data, nil
			},
			ResultOf: map[*analysis.Analyzer]any{},
			Report: func(d analysis.Diagnostic) {
				pl := in.TakePlacement()
				if rule == nil {
					return // required by an enabled rule but itself disabled
				}
				out.Diagnostics = append(out.Diagnostics, l.convert(in, rule, d, pl))
			},
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = results[req]
		}
		res, runErr := a.Run(pass)
		if runErr != nil {
			return out, fmt.Errorf("rule %s: %w", a.Name, runErr)
		}
		results[a] = res
	}
	current = nil
	out.Diagnostics = suppress(def, sortDedupe(dropRemoteRepeats(out.Diagnostics)))
	return out, nil
}

func (l *Linter) convert(in *rules.Input, r *rules.Rule, d analysis.Diagnostic, pl rules.Placement) diag.Diagnostic {
	sf, tf, def := in.File, in.Tok, in.Def
	start := tf.Offset(d.Pos)
	end := start
	if d.End.IsValid() {
		end = tf.Offset(d.End)
	}
	sev := r.Severity
	if s, ok := l.severity[r]; ok {
		sev = s
	}
	ch := r.Channel
	if pl.Channel != "" {
		ch = pl.Channel
	}
	// A finding reported without the rules' helper is placed by position:
	// the object or parameter whose text holds it, the innermost node.
	if pl.Object == "" {
		pl.Object = in.OwnerAt(start)
	}
	if pl.Pointer == "" {
		if n := in.NodeAt(start); n != nil {
			pl.Pointer = n.Pointer()
		}
	}
	msg := d.Message
	if e := def.Embedded; e != nil {
		pl.Pointer = in.EmbeddedPointer(pl.Pointer)
		for _, r := range e.Resolved {
			if start >= r.Start && start < r.End {
				msg += " (" + r.Note + ")"
				break
			}
		}
	}
	out := diag.Diagnostic{
		File: sf.Name, Definition: def.Name,
		Start: sf.Position(start), End: sf.Position(end),
		Pointer: pl.Pointer, Object: pl.Object,
		RuleID: r.ID, RuleName: r.Name, Severity: sev, Origin: r.Origin, Channel: ch,
		Message: msg, AWSText: pl.AWSText, AWSStage: pl.AWSStage, AWSPath: pl.AWSPath,
	}
	if len(d.SuggestedFixes) > 0 && len(d.SuggestedFixes[0].TextEdits) == 1 {
		sfix, te := d.SuggestedFixes[0], d.SuggestedFixes[0].TextEdits[0]
		out.Fix = &diag.Fix{Message: sfix.Message, Start: sf.Position(tf.Offset(te.Pos)), End: sf.Position(tf.Offset(te.End)), NewText: string(te.NewText)}
	}
	for _, rel := range d.Related {
		rs := tf.Offset(rel.Pos)
		re := rs
		if rel.End.IsValid() {
			re = tf.Offset(rel.End)
		}
		out.Related = append(out.Related, diag.Related{Start: sf.Position(rs), End: sf.Position(re), Message: rel.Message})
	}
	return out
}

// applyOverrides applies the per-path overrides matching path.
func (l *Linter) applyOverrides(path string, ds []diag.Diagnostic) []diag.Diagnostic {
	for _, o := range l.overrides {
		if !o.match(path) {
			continue
		}
		out := ds[:0]
		for _, d := range ds {
			if o.disable[d.RuleID] && !rules.Unsuppressible[d.RuleID] {
				continue
			}
			if s, ok := o.severity[d.RuleID]; ok {
				d.Severity = s
			}
			out = append(out, d)
		}
		ds = out
	}
	return ds
}

// suppress drops the findings an object excuses itself from with its
// myDplintIgnore field (never DP0001, and never DP0006, which reports
// mistakes in that very field).
func suppress(def *definition.Definition, ds []diag.Diagnostic) []diag.Diagnostic {
	ignored := map[string]map[string]bool{}
	for _, o := range def.Objects {
		if ids, _ := rules.Suppressed(o); len(ids) > 0 {
			if ignored[o.ID] == nil {
				ignored[o.ID] = map[string]bool{}
			}
			for _, id := range ids {
				ignored[o.ID][id] = true
			}
		}
	}
	if len(ignored) == 0 {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if ignored[d.Object][d.RuleID] && !rules.Unsuppressible[d.RuleID] && d.RuleID != rules.UnknownSuppression.ID {
			continue
		}
		out = append(out, d)
	}
	return out
}

// sortDedupe orders findings by place, then rule, then message, and drops
// exact repeats.
// dropRemoteRepeats drops what the real service said (remote origin) when
// one of dplint's own checks already says it on the same object: the
// finding is then shown once, where dplint placed it, and the agreement is
// in the comparison report.
func dropRemoteRepeats(ds []diag.Diagnostic) []diag.Diagnostic {
	ours := map[[2]string]bool{}
	for _, d := range ds {
		if d.Origin == diag.Service {
			ours[[2]string{d.Object, d.Message}] = true
		}
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Origin == diag.Remote && ours[[2]string{d.Object, d.Message}] {
			continue
		}
		out = append(out, d)
	}
	return out
}

func sortDedupe(ds []diag.Diagnostic) []diag.Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Start.Offset != b.Start.Offset {
			return a.Start.Offset < b.Start.Offset
		}
		if a.End.Offset != b.End.Offset {
			return a.End.Offset < b.End.Offset
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 {
			p := ds[i-1]
			if p.Start == d.Start && p.End == d.End && p.RuleID == d.RuleID && p.Message == d.Message {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// Count returns how many findings are at or above a severity.
func (f *File) Count(min diag.Severity) int {
	n := 0
	for _, d := range f.Definitions {
		for _, dg := range d.Diagnostics {
			if dg.Severity.AtLeast(min) {
				n++
			}
		}
	}
	return n
}
