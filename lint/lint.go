// Package lint is the driver: it reads a file, splits it into definitions,
// runs the enabled rules' analyzers in dependency order on each
// definition (a big one's in parallel, see run.go), and turns what they report into sorted,
// deduplicated diag.Diagnostics.
package lint

import (
	"cmp"
	"context"
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/remote/answer"
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
	// (lint --remote, --remote-response; remote.Session.Reply), which
	// DP8001/DP8002 report and the result compares with dplint's findings.
	// An error makes the file one that could not be linted (exit 3).
	Remote func(*definition.Definition) (answer.Reply, error)
	// KeepOn are rules the command line turned on (--enable, --only):
	// overrides do not turn them off.
	KeepOn []string
	// TemplateVars, when set, fill ${name} placeholders in ids, names and
	// values before the rules run (positions stay in the file as written).
	TemplateVars map[string]string
	// Strict makes LintNamed lint a file that holds no pipeline with the
	// rules for such files, rather than skip it.
	Strict bool
	// Parameters, when set, is a parameter objects file (--parameters, as
	// the AWS CLI's --parameter-objects) whose parameters replace every
	// definition's own; findings on them point into it (File.Companions).
	Parameters *SideFile
	// NoPaths leaves every finding's Pointer and Field empty: a caller
	// that shows neither (the language server) does not pay for working
	// them out, a fifth of a findings-heavy lint's time after its rules.
	NoPaths bool
}

// SideFile is a file read alongside the one being linted.
type SideFile struct {
	Path string
	Data []byte
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
	sched    schedule                           // order's graph, for a parallel run
	severity map[*rules.Rule]diag.Severity
	opts     rules.Options
	vars     map[string]string
	remote   func(*definition.Definition) (answer.Reply, error)
	strict   bool
	noPaths  bool
	params   *SideFile
	// per-path overrides, resolved to rule ids
	overrides []override
	// ctx, when set (LintContext), is checked between rules: a lint whose
	// result nobody waits for any more stops early.
	ctx context.Context
}

// LintContext is Lint that gives up when ctx is done, between one rule and
// the next, returning ctx's error (a language server drops the lint of a
// text that has changed since). The result is then incomplete and must not
// be shown.
func (l *Linter) LintContext(ctx context.Context, path string, data []byte) (*diag.File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lc := *l
	lc.ctx = ctx
	res := lc.Lint(path, data)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
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
		strict:   cfg.Strict,
		noPaths:  cfg.NoPaths,
		params:   cfg.Parameters,
	}
	if p := cfg.Parameters; p != nil {
		if _, _, err := definition.ReadParameterObjects(p.Path, p.Data, 0); err != nil {
			return nil, fmt.Errorf("--parameters: %w", err)
		}
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
	l.sched = newSchedule(l.order)
	return l, nil
}

// Lint checks the bytes of one file: every definition it holds (one for a
// definition file, one per pipeline resource of a template). It never
// panics: a rule that fails is reported in File.Err. The result shares
// data's bytes (source.Parse): data must not change after Lint.
func (l *Linter) Lint(path string, data []byte) *diag.File {
	lf := load.Read(path, data)
	res := &diag.File{Path: path, Source: lf.Source}
	if !lf.Ours() {
		res.Skipped = true
		return res
	}
	for _, def := range lf.Definitions {
		if l.params != nil && def.Embedded == nil && def.Form != definition.Companion {
			// Checked in New: the file reads.
			_ = def.UseParameters(l.params.Path, l.params.Data)
		}
		def.ValuesGiven = l.opts.Values // sent in place of the file's (remote mode)
		res.Secrets = append(res.Secrets, def.Secrets()...)
		if l.vars != nil {
			def.Render(l.vars)
		}
		opts := l.opts
		var outcome *diag.RemoteOutcome
		if l.remote != nil {
			outcome = &diag.RemoteOutcome{}
			// A file that is not valid JSON is not sent: the AWS CLI would
			// not send it either.
			if def.File.HasFatal() || def.File.Root == nil {
				outcome.Note = "not sent to the service: the file is not valid JSON"
			} else {
				reply, err := l.remote(def)
				if err != nil && res.Err == nil {
					res.Err = err
				}
				outcome.Answer, outcome.Note = reply.Answer, reply.Note
				opts.Remote = reply.Answer
			}
		}
		run := l.run
		if len(def.Embedded.WorldsOf()) > 1 {
			run = l.runWorlds
			for _, w := range def.Embedded.Worlds[1:] {
				res.Secrets = append(res.Secrets, w.Def.Secrets()...) // a branch's secrets too
			}
		}
		d, err := run(path, data, def, opts)
		if err != nil && res.Err == nil {
			res.Err = err
		}
		d.Diagnostics = l.applyOverrides(path, d.Diagnostics)
		d.Refusal, d.Exception = AWSOutcome(d.Diagnostics)
		if outcome != nil && outcome.Answer != nil {
			compare(outcome, d.Diagnostics)
		}
		d.Diagnostics = fold(d.Diagnostics)
		d.Remote = outcome
		if def.ParametersFrom != nil {
			res.Companions = append(res.Companions, splitParametersFile(res, def, d))
		}
		res.Definitions = append(res.Definitions, d)
	}
	for _, doc := range lf.IoT {
		d, err := l.runOn(path, data, &definition.Definition{Name: doc.Name, File: doc.File}, l.opts, doc)
		if err != nil && res.Err == nil {
			res.Err = err
		}
		d.Service = diag.IoTAnalytics
		d.Diagnostics = l.applyOverrides(path, d.Diagnostics)
		d.Refusal, d.Exception = AWSOutcome(d.Diagnostics)
		d.Diagnostics = fold(d.Diagnostics)
		res.Definitions = append(res.Definitions, d)
	}
	return res
}

// splitParametersFile moves the findings that lie in a definition's
// parameter objects file (and the secrets there) into a result of their
// own for that file, so each finding is shown against the file it is in.
func splitParametersFile(res *diag.File, def *definition.Definition, d *diag.Definition) *diag.File {
	pf := def.ParametersFrom
	out := &diag.File{Path: pf.Name, Source: pf}
	var kept [][2]int
	for _, s := range res.Secrets {
		if a, ok := def.InParametersFile(s[0]); ok {
			out.Secrets = append(out.Secrets, [2]int{a, a + s[1] - s[0]})
		} else {
			kept = append(kept, s)
		}
	}
	res.Secrets = kept
	there := &diag.Definition{Name: d.Name, Model: def}
	var here []diag.Diagnostic
	for _, dg := range d.Diagnostics {
		if dg.File == pf.Name {
			there.Diagnostics = append(there.Diagnostics, dg)
		} else {
			here = append(here, dg)
		}
	}
	d.Diagnostics = here
	out.Definitions = []*diag.Definition{there}
	return out
}

// LintNamed is Lint for a file the user named. With Config.Strict a file
// that holds no pipeline is not skipped: the rules for such files
// (rules.Rule.ForNonDefinitions) run on it, and only they.
func (l *Linter) LintNamed(path string, data []byte) *diag.File {
	res := l.Lint(path, data)
	if !res.Skipped || !l.strict {
		return res
	}
	sf := res.Source
	if sf == nil {
		sf = source.Parse(path, data)
		res.Source = sf
	}
	res.Skipped = false
	opts := l.opts
	opts.NotADefinition = true
	d, err := l.run(path, data, &definition.Definition{Name: path, File: sf}, opts)
	if err != nil {
		res.Err = err
	}
	d.Diagnostics = l.applyOverrides(path, d.Diagnostics)
	res.Definitions = []*diag.Definition{d}
	return res
}

// fold puts each finding that another explains (diag.Rule.Explains: same
// object and span, or a field it leaves unset that the other says is
// missing) into that one's Folded, so one mistake is one finding.
// It runs last: what the service would say (AWSOutcome, the remote
// comparison) is worked out on every finding.
func fold(ds []diag.Diagnostic) []diag.Diagnostic {
	// Findings that share a span are neighbours once ordered by place, as
	// sortDedupe leaves them: each run of one span is searched in place,
	// where maps of every explaining finding's span cost 60 MB for 180,000
	// findings of which none folded. A list in another order is walked
	// through an index sorted by place (stably: runs stay in list order).
	var order []int // nil: ds is in order
	byPlace := func(a, b diag.Diagnostic) int {
		if c := cmp.Compare(a.Start.Offset, b.Start.Offset); c != 0 {
			return c
		}
		return cmp.Compare(a.End.Offset, b.End.Offset)
	}
	if !slices.IsSortedFunc(ds, byPlace) {
		order = make([]int, len(ds))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return byPlace(ds[a], ds[b]) })
	}
	at := func(k int) int {
		if order == nil {
			return k
		}
		return order[k]
	}
	var into []int32 // index+1 of the finding that explains ds[i]; made at the first fold
	explain := func(j, i int) {
		if into == nil {
			into = make([]int32, len(ds))
		}
		into[j] = int32(i + 1)
	}
	folds := func(j int) bool { return into != nil && into[j] != 0 }
	for lo := 0; lo < len(ds); {
		hi := lo + 1
		for hi < len(ds) && byPlace(ds[at(lo)], ds[at(hi)]) == 0 {
			hi++
		}
		for a := lo; a < hi && hi-lo > 1; a++ {
			i := at(a)
			if folds(i) || len(ds[i].Rule.Explains) == 0 {
				continue
			}
			for b := lo; b < hi; b++ {
				if j := at(b); j != i && ds[j].Object == ds[i].Object && !folds(j) && slices.Contains(ds[i].Rule.Explains, ds[j].Rule.ID) {
					explain(j, i)
				}
			}
		}
		lo = hi
	}
	// A mistake that leaves a field unset (a misspelt name) explains the
	// finding, on the same object, that the field is missing.
	if slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Leaves != "" }) {
		missing := map[string][]int{} // by object: findings of a missing field
		for i, d := range ds {
			if len(d.Missing) > 0 {
				missing[d.Object] = append(missing[d.Object], i)
			}
		}
		for i, d := range ds {
			if d.Leaves == "" || folds(i) {
				continue
			}
			for _, j := range missing[d.Object] {
				if !folds(j) && j != i && slices.Contains(d.Rule.Explains, ds[j].Rule.ID) && slices.Contains(ds[j].Missing, d.Leaves) {
					explain(j, i)
				}
			}
		}
	}
	if into == nil {
		return ds // nothing folds
	}
	// Folded in place: the explained findings (few) are set aside first,
	// then the roots close up in the same list.
	folded := map[int][]diag.Diagnostic{} // root index -> what it explains
	var orphans []diag.Diagnostic         // explained by a finding itself folded
	for j := range ds {
		if root := int(into[j]) - 1; root >= 0 && into[root] == 0 {
			folded[root] = append(folded[root], ds[j])
		} else if root >= 0 {
			orphans = append(orphans, ds[j]) // keep it visible
		}
	}
	if len(folded) == 0 && len(orphans) == 0 {
		return ds
	}
	out := ds[:0]
	for i := range ds {
		if into[i] == 0 {
			d := ds[i]
			d.Folded = append(d.Folded, folded[i]...)
			out = append(out, d)
		}
	}
	for i := len(out); i < len(ds); i++ {
		ds[i] = diag.Diagnostic{} // let go of what moved
	}
	return append(out, orphans...)
}

// runWorlds runs the rules on every world of a pipeline whose template
// leaves conditions open (definition.World), and keeps a finding only when
// it holds in every world that has its place: what depends on how a
// condition falls at deploy time is not reported. A kept finding inside a
// branch says which; one on an object that has branches says it holds on
// every one.
func (l *Linter) runWorlds(path string, data []byte, def *definition.Definition, opts rules.Options) (*diag.Definition, error) {
	worlds := def.Embedded.Worlds
	type key struct {
		rule, object, message string
		start, end            int
	}
	keyOf := func(d diag.Diagnostic) key { return key{d.Rule.ID, d.Object, d.Message, d.Start.Offset, d.End.Offset} }
	holding := map[key]int{} // worlds in which it is found
	var first *diag.Definition
	var all []diag.Diagnostic
	for i, w := range worlds {
		d, err := l.run(path, data, w.Def, opts)
		if err != nil {
			return d, err
		}
		if i == 0 {
			first = d
		}
		inWorld := map[key]bool{}
		for _, dg := range d.Diagnostics {
			k := keyOf(dg)
			if inWorld[k] {
				continue
			}
			inWorld[k] = true
			if holding[k] == 0 {
				all = append(all, dg)
			}
			holding[k]++
		}
	}
	var kept []diag.Diagnostic
	for _, dg := range all {
		var live []definition.World
		for _, w := range worlds {
			if w.Has(dg.Start.Offset) {
				live = append(live, w)
			}
		}
		if holding[keyOf(dg)] < len(live) {
			continue // it depends on a condition
		}
		if note := worldNote(def, live, worlds, dg); note != "" {
			dg.Message += " (" + note + ")"
		}
		kept = append(kept, dg)
	}
	first.Diagnostics = sortDedupe(kept)
	return first, nil
}

// worldNote says how a kept finding relates to the open conditions: the
// conditions' values under which its place is part of the pipeline, or,
// for a finding on an object whose fields have branches, that it holds on
// each of them.
func worldNote(def *definition.Definition, live, worlds []definition.World, dg diag.Diagnostic) string {
	var parts []string
	if len(live) < len(worlds) {
		for _, c := range slices.Sorted(maps.Keys(worlds[0].Choice)) {
			v, same := live[0].Choice[c], true
			for _, w := range live[1:] {
				same = same && w.Choice[c] == v
			}
			if same {
				parts = append(parts, fmt.Sprintf("condition %s is %t", c, v))
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "where " + strings.Join(parts, " and ")
	}
	for _, o := range def.Objects {
		if o.Anchor().Start != dg.Start.Offset {
			continue
		}
		conds := map[string]bool{}
		for _, w := range worlds {
			for _, e := range w.Excluded {
				if e.Start >= o.Node.Start && e.End <= o.Node.End {
					conds[e.Condition] = true
				}
			}
		}
		if len(conds) > 0 {
			return "on every branch of condition " + strings.Join(slices.Sorted(maps.Keys(conds)), ", ")
		}
	}
	return ""
}

// run runs the analyzers on one definition.
func (l *Linter) run(path string, data []byte, def *definition.Definition, opts rules.Options) (*diag.Definition, error) {
	return l.runOn(path, data, def, opts, nil)
}

// runOn runs the analyzers on one definition, or on one IoT Analytics
// document (iot; def is then an empty definition of its file).
func (l *Linter) runOn(path string, data []byte, def *definition.Definition, opts rules.Options, iot *iotanalytics.Document) (out *diag.Definition, err error) {
	out = &diag.Definition{Name: def.Name, Model: def}
	for _, o := range def.Objects {
		out.IDs = append(out.IDs, o.ID)
	}
	for _, p := range def.Parameters {
		out.IDs = append(out.IDs, p.ID)
	}
	sf := def.File
	fset := token.NewFileSet()
	tf := sf.TokenFile(fset)
	if pf := def.ParametersFrom; pf != nil {
		// One offset space for both files (definition.UseParameters).
		tf = fset.AddFile(sf.Name, -1, def.ParametersBase+len(pf.Content))
	}
	in := &rules.Input{File: sf, Def: def, Tok: tf, Options: opts, IoT: iot}
	results, err := l.runAnalyzers(path, data, fset, in, len(def.Objects))
	if err != nil {
		return out, err
	}
	// Each enabled rule's findings, in the analyzers' order (not the order
	// they finished in, which parallel runs do not fix).
	type ruleFound struct {
		rule   *rules.Rule
		placed *rules.Found
	}
	found := make([]ruleFound, 0, len(l.enabled))
	total := 0
	for _, a := range l.order {
		rule := l.enabled[a]
		res, ran := results[a]
		if rule == nil || !ran {
			continue
		}
		placed, ok := res.(*rules.Found)
		if !ok {
			return out, fmt.Errorf("rule %s: its analyzer returned %T, not what it found (*rules.Found; see rules.Build)", a.Name, res)
		}
		found = append(found, ruleFound{rule, placed})
		total += placed.Len()
	}
	// Converted once every rule has run, into a list of the exact size:
	// growing it finding by finding copied every finding about twice, and
	// each rule's findings are dropped block by block as they are
	// converted (rules.Found.Drain).
	out.Diagnostics = make([]diag.Diagnostic, 0, total)
	var where *fields
	if total > 0 && !l.noPaths {
		where = newFields(def)
	}
	for i, f := range found {
		f.placed.Drain(func(p *rules.Placed) {
			d := l.convert(sf, tf, def, f.rule, p)
			if where != nil {
				d.Field = where.at(tf.Offset(p.Pos), d.Missing)
			}
			out.Diagnostics = append(out.Diagnostics, d)
		})
		found[i].placed, results[f.rule.Analyzer] = nil, nil
	}
	out.Diagnostics = suppress(def, sortDedupe(dropRemoteRepeats(out.Diagnostics)))
	return out, nil
}

// pointer is a finding's JSON Pointer, or "" for a linter that writes none.
func (l *Linter) pointer(p *rules.Placement) string {
	if l.noPaths {
		return ""
	}
	return p.PointerOf()
}

// convert turns what a rule found into a finding: positions in the
// token.File become the file's lines and columns, once, here.
func (l *Linter) convert(sf *source.File, tf *token.File, def *definition.Definition, r *rules.Rule, p *rules.Placed) diag.Diagnostic {
	at := func(pos token.Pos) source.Position {
		if off, ok := def.InParametersFile(tf.Offset(pos)); ok {
			return def.ParametersFrom.Position(off)
		}
		return sf.Position(tf.Offset(pos))
	}
	file := sf.Name // the file the finding starts in
	if _, ok := def.InParametersFile(tf.Offset(p.Pos)); ok {
		file = def.ParametersFrom.Name
	}
	end := p.Pos
	if p.End.IsValid() {
		end = p.End
	}
	sev := r.Severity
	if s, ok := l.severity[r]; ok {
		sev = s
	}
	var rare rules.Rare
	if p.Rare != nil {
		rare = *p.Rare
	}
	ch := r.Channel
	if rare.Channel != "" {
		ch = rare.Channel
	}
	out := diag.Diagnostic{
		File: file, Definition: def.Name,
		Start: at(p.Pos), End: at(end),
		Pointer: l.pointer(&p.Placement), Object: p.Object,
		Rule: &r.Meta, Severity: sev, Channel: ch,
		Message: p.Message, AWSText: rare.AWSText, AWSStage: rare.AWSStage, AWSPath: rare.AWSPath,
		Missing: rare.Missing, Leaves: rare.Leaves,
	}
	if len(p.SuggestedFixes) > 0 && len(p.SuggestedFixes[0].TextEdits) == 1 {
		fix, te := p.SuggestedFixes[0], p.SuggestedFixes[0].TextEdits[0]
		out.Fix = &diag.Fix{Message: fix.Message, Start: at(te.Pos), End: at(te.End), NewText: string(te.NewText)}
	}
	for _, rel := range p.Related {
		rend := rel.Pos
		if rel.End.IsValid() {
			rend = rel.End
		}
		out.Related = append(out.Related, diag.Related{Start: at(rel.Pos), End: at(rend), Message: rel.Message})
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
			if o.disable[d.Rule.ID] && !d.Rule.Unsuppressible {
				continue
			}
			if s, ok := o.severity[d.Rule.ID]; ok {
				d.Severity = s
			}
			out = append(out, d)
		}
		ds = out
	}
	return ds
}

// suppress drops the findings an object excuses itself from with its
// myDplintIgnore field, but those of rules that cannot be suppressed there.
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
		if ignored[d.Object][d.Rule.ID] && !d.Rule.Unsuppressible && !d.Rule.InlineUnsuppressible {
			continue
		}
		out = append(out, d)
	}
	return out
}

// dropRemoteRepeats drops what the real service said (remote origin) when
// one of dplint's own checks already says it on the same object: the
// finding is then shown once, where dplint placed it, and the agreement is
// in the comparison report.
func dropRemoteRepeats(ds []diag.Diagnostic) []diag.Diagnostic {
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Rule.Origin == diag.Remote }) {
		return ds // nothing was asked of the service
	}
	ours := map[[2]string]bool{}
	for _, d := range ds {
		if d.Rule.Origin == diag.Service {
			ours[[2]string{d.Object, d.Message}] = true
		}
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Rule.Origin == diag.Remote && ours[[2]string{d.Object, d.Message}] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// sortDedupe orders findings by place, then rule, then message, and drops
// exact repeats.
func sortDedupe(ds []diag.Diagnostic) []diag.Diagnostic {
	// An index is sorted, not the findings: a finding is about 300 bytes,
	// and a sort that moved them (and a comparison that took them by
	// value) was a tenth of a findings-heavy lint. The index breaks ties
	// by place in the list, so this unstable sort gives the stable order.
	idx := make([]int32, len(ds))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &ds[i], &ds[j]
		if c := cmp.Compare(a.Start.Offset, b.Start.Offset); c != 0 {
			return c
		}
		if c := cmp.Compare(a.End.Offset, b.End.Offset); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule.ID, b.Rule.ID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Message, b.Message); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	// The findings are put in that order in place, one cycle of the
	// permutation at a time (each moved once, no second list), then the
	// repeats dropped.
	for start := range idx {
		if idx[start] < 0 {
			continue
		}
		first := ds[start]
		k := start
		for {
			from := int(idx[k])
			idx[k] = -1 - idx[k] // done; the original stays readable as -1-idx
			if from == start {
				ds[k] = first
				break
			}
			ds[k] = ds[from]
			k = from
		}
	}
	out := ds[:0]
	for i := range ds {
		if i > 0 {
			p, d := &ds[len(out)-1], &ds[i]
			if p.Start == d.Start && p.End == d.End && p.Rule.ID == d.Rule.ID && p.Message == d.Message {
				continue
			}
		}
		out = append(out, ds[i])
	}
	return out
}
