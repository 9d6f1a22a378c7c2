package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

const lintHelp = `Usage: dplint lint [flags] PATH...

Lints pipeline definitions. PATH is a file, a directory (every *.json,
*.yaml, *.yml, *.template and *.tf below it, recursively; directories whose
name starts with "." and node_modules are not entered) or - for standard
input. Every AWS::DataPipeline::Pipeline resource of a CloudFormation
template and every aws_datapipeline_pipeline_definition of a Terraform file
is linted as a pipeline of its own (file#LogicalId). Files that hold no
pipeline, definition or companion parameters/values file are skipped (said
with --verbose). Flags may come before or after the paths.

Exit codes: 0 nothing at or above --fail-level; 1 findings; 2 usage or
configuration error, or a path that cannot be read; 3 could not complete.

Flags:
`

func runLint(args []string, env Env) int {
	fs := newFlagSet("lint", env, lintHelp)
	o := &lintOptions{}
	o.register(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	o.given = givenFlags(fs)
	s, err := o.settings(paths, env)
	if err != nil {
		// One line per problem (a configuration file reports them all).
		fmt.Fprintf(env.Stderr, "dplint: %s\n", strings.ReplaceAll(err.Error(), "\n", "\ndplint: "))
		return codeOf(err)
	}
	if s.stop != nil {
		defer s.stop()
	}
	linter, err := lint.New(s.lint)
	if err != nil {
		if s.configPath != "" {
			return usage(env, "%s: %v", s.configPath, err)
		}
		return usage(env, "%v", err)
	}
	l := &lintRun{linter: linter, env: env, verbose: o.verbose, strict: o.strict, remote: s.remote != nil, keepModels: o.showValues,
		keepText: s.needsText(), fix: o.fix, run: &report.Run{Rules: ruleMetas(), Version: Version()}}
	// The files are walked as they are linted, except where fixing a
	// parameters file first lints every one of them.
	feed := func(emit func(job)) { l.walk(paths, o.stdinName, emit) }
	if o.fix.on && s.lint.Parameters != nil {
		jobs := l.jobs(paths, o.stdinName)
		l.fixParameters(s.lint, jobs)
		feed = list(jobs)
	}
	l.lintJobs(feed)
	l.deployed(s)
	l.baseline(s)
	if s.strict && l.disagree {
		fmt.Fprintf(env.Stderr, "dplint: remote: --remote-strict: the service and dplint disagree\n")
		l.raise(ExitFindings)
	}
	for _, f := range l.run.Files {
		if !s.neverFail && f.Count(s.failLevel) > 0 {
			l.raise(ExitFindings)
		}
	}
	l.writeReports(s, o.fix.reportTo(env, paths))
	if l.remote && l.linted == 0 {
		fmt.Fprintf(env.Stderr, "dplint: remote: no definition was linted, nothing to compare with the service\n")
		l.raise(ExitFailed)
	}
	if o.showValues {
		for _, f := range l.run.Files {
			for _, d := range f.Definitions {
				printValues(env.Stdout, d.Model, s.at, s.lint.Values)
			}
		}
	}
	return l.code
}

// lintRun is one lint command's progress: the linter, what it found so far
// and the exit code it calls for.
type lintRun struct {
	linter   *lint.Linter
	env      Env
	verbose  bool
	strict   bool // --strict: a named path with no pipeline is a finding
	remote   bool // remote mode: say how each definition compares
	run      *report.Run
	code     int
	linted   int  // definitions linted
	disagree bool // the service and dplint disagree on one of them
	// keepModels keeps each definition's model after it is linted
	// (--show-values prints from it); otherwise only findings are kept.
	keepModels bool
	// keepText keeps each file's text after it is linted, for the
	// reports that read it (report.NeedsText).
	keepText bool
	fix      fixFlags // --fix, --diff
	gc       *gcTuner // the collector's target while files are linted (paths.go)
}

func (l *lintRun) raise(c int) { l.code = max(l.code, c) }

// failed records a file that could not be read.
func (l *lintRun) failed(code int, path string, err error) {
	l.raise(code)
	l.run.Files = append(l.run.Files, &diag.File{Path: path, Err: err})
}

// deployed lints the definitions deployed in pipelines (--deployed).
func (l *lintRun) deployed(s *lintSettings) {
	for _, id := range s.deployed {
		name := "deployed:" + id
		data, err := pullDeployed(s.api, id, s.timeout)
		if err != nil {
			fmt.Fprintf(l.env.Stderr, "dplint: --deployed %s: %v\n", id, err)
			l.failed(ExitFailed, name, fmt.Errorf("fetching the deployed definition: %w", err))
			continue
		}
		l.file(name, data, true)
	}
}

// file lints one file's bytes and records the result.
func (l *lintRun) file(name string, data []byte, named bool) {
	lint := l.linter.Lint
	if named {
		lint = l.linter.LintNamed
	}
	res := lint(name, data)
	l.record(name, res)
	l.release(res)
}

// record keeps what a file's lint found and says what only stderr
// carries: a skipped file (--verbose), a file that could not be linted, and
// in remote mode how each definition compares with the service's answer.
func (l *lintRun) record(name string, res *diag.File) {
	if res.Skipped {
		if l.verbose {
			fmt.Fprintf(l.env.Stderr, "dplint: %s: skipped: not a pipeline definition (no \"objects\" or \"pipelineObjects\", and not a parameters/values file)\n", name)
		}
		return
	}
	l.run.Files = append(l.run.Files, res)
	l.run.Files = append(l.run.Files, res.Companions...)
	if res.Err != nil {
		fmt.Fprintf(l.env.Stderr, "dplint: %s: %v\n", name, res.Err)
		l.raise(ExitFailed)
	}
	if !l.remote {
		return
	}
	for _, d := range res.Definitions {
		l.linted++
		report.RemoteComparison(l.env.Stderr, name, d)
		if r := d.Remote; r != nil && r.Answer != nil && !r.Agree() {
			l.disagree = true
		}
	}
}

// release drops what a linted file no longer needs: its tree and its
// definitions' models, and its text too unless a report reads it (the
// findings stay), so memory grows with the findings kept, not with the
// files read.
func (l *lintRun) release(res *diag.File) {
	if l.keepModels {
		return
	}
	for _, d := range res.Definitions {
		d.Model = nil
	}
	if !l.keepText {
		res.Source = nil
		for _, c := range res.Companions {
			c.Source = nil
		}
	} else if res.Source != nil {
		res.Source.Root = nil
	}
}

// ruleMetas is every rule's metadata, for the formats that list rules.
func ruleMetas() []*diag.Rule {
	var out []*diag.Rule
	for _, r := range rules.All() {
		out = append(out, &r.Meta)
	}
	return out
}

// printValues prints, for --show-values, what every field holding #{...}
// evaluates to for one run, object by object.
func printValues(w io.Writer, def *definition.Definition, at time.Time, values map[string][]string) {
	if def == nil {
		return
	}
	fmt.Fprintf(w, "values of %s for a run at %s:\n", def.Name, at.Format(expr.DateTimeLayout))
	vals := evalenv.Values(def, at, values)
	for _, v := range vals {
		fmt.Fprintf(w, "  %s.%s = %s\n", v.Object, v.Field, v.Value)
	}
	if len(vals) == 0 {
		fmt.Fprintln(w, "  (no field holds an expression)")
	}
}
