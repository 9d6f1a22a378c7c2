package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/dplint/dplint/config"
	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/load"
	"github.com/dplint/dplint/remote"
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

type lintFlags struct {
	format, failLevel, stdinName, color, now, templateVars, at, values, config string
	remoteResponse                                                             string
	oneline, noColor, all, verbose, showValues                                 bool
	maxObjects                                                                 int
	disable, enable, only                                                      listFlag
}

func runLint(args []string, env Env) int {
	fset := newFlagSet("lint", env, lintHelp)
	var lf lintFlags
	params := &paramFlag{}
	fset.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Names(), ", "))
	fset.StringVar(&lf.failLevel, "fail-level", "error", "lowest severity that makes the exit code 1: error, warning or info")
	fset.StringVar(&lf.stdinName, "stdin-filename", "", "name to report for standard input (-)")
	fset.BoolVar(&lf.oneline, "oneline", false, "text format: one line per finding, no source snippet")
	fset.BoolVar(&lf.noColor, "no-color", false, "text format: never use colour (default: colour when stdout is a terminal and NO_COLOR is unset)")
	fset.StringVar(&lf.color, "color", "auto", "text format: auto, always or never")
	fset.BoolVar(&lf.all, "all", false, "aws format: include dplint's own (lint-origin) findings, not only the service's checks")
	fset.BoolVar(&lf.verbose, "verbose", false, "say which files were skipped and why, on stderr")
	fset.IntVar(&lf.maxObjects, "max-objects", rules.DefaultMaxObjects, "objects-per-pipeline limit of your account (the service default is 100, adjustable)")
	fset.Var(&lf.disable, "disable", "rules to turn off, by id or name (comma-separated, repeatable)")
	fset.Var(&lf.enable, "enable", "rules to turn back on after --disable (comma-separated, repeatable)")
	fset.Var(&lf.only, "only", "run only these rules (comma-separated, repeatable)")
	fset.StringVar(&lf.templateVars, "template-vars", "", "fill ${name} placeholders from FILE (a flat JSON object, or key=value lines) before linting")
	fset.StringVar(&lf.config, "config", "", "the configuration file (default: .dplint.yaml in the working directory or the nearest directory above it)")
	fset.StringVar(&lf.values, "values", "", `parameter values from FILE ({"values": {...}}, as for the AWS CLI's --parameter-values-uri); they replace the file's own values`)
	fset.Var(params, "param", "a parameter value, id=value (repeat an id for an array), as the AWS CLI's --parameter-values; replaces the file's own values")
	fset.BoolVar(&lf.showValues, "show-values", false, "text format: after the findings, print what every field holding #{...} evaluates to for one run (--at)")
	fset.StringVar(&lf.at, "at", "", "with --show-values: the run's scheduled start time, YYYY-MM-DDTHH:MM:SS in UTC (default: now)")
	fset.StringVar(&lf.now, "now", "", "the current time for time-dependent checks, as YYYY-MM-DDTHH:MM:SS in UTC (default: the clock)")
	var rf remoteFlags
	fset.BoolVar(&rf.on, "remote", false, "also ask the real service (ValidatePipelineDefinition, AWS credentials from the standard chain) and report its answer (DP8001, DP8002) and where it and dplint disagree")
	fset.BoolVar(&rf.strict, "remote-strict", false, "with --remote or --remote-response: any disagreement between the service and dplint makes the exit code 1")
	fset.BoolVar(&rf.optional, "remote-optional", false, "with --remote: a failed call to the service is a warning on stderr, not exit 3 (the offline findings still count)")
	fset.Var(&rf.deployed, "deployed", "lint the definition deployed in this pipeline (df-…, comma-separated, repeatable), fetched with GetPipelineDefinition")
	fset.StringVar(&rf.pipelineID, "pipeline-id", "", "with --remote: validate against this existing pipeline (unchanged); default: a scratch pipeline dplint creates and deletes")
	rf.register(fset, "with --remote or --deployed: ")
	fset.StringVar(&lf.remoteResponse, "remote-response", "", "compare with a ValidatePipelineDefinition response saved in FILE (as `aws datapipeline validate-pipeline-definition` prints it): report its messages (DP8001, DP8002) and where it and dplint disagree; one definition only")
	paths, err := parseInterspersed(fset, args)
	if err != nil {
		return usageCode(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, "dplint: "+format+"\n", a...)
		return ExitUsage
	}
	if len(paths) == 0 && len(rf.deployed) == 0 {
		return fail("lint: no paths given (try: dplint lint .)")
	}
	set := map[string]bool{}
	fset.Visit(func(f *flag.Flag) { set[f.Name] = true })
	cfg, err := loadConfig(lf.config)
	if err != nil {
		return fail("%v", err)
	}
	if cfg != nil {
		// The command line wins over the file.
		if !set["fail-level"] && cfg.FailLevel != "" {
			lf.failLevel = cfg.FailLevel
		}
		if !set["max-objects"] && cfg.MaxObjects > 0 {
			lf.maxObjects = cfg.MaxObjects
		}
		if !set["at"] && cfg.At != "" {
			lf.at = cfg.At
		}
	}
	formatter, err := report.Lookup(lf.format)
	if err != nil {
		return fail("--format: %v", err)
	}
	failLevel, ok := diag.ParseSeverity(lf.failLevel)
	if !ok {
		return fail("--fail-level: %q is not error, warning or info", lf.failLevel)
	}
	if lf.maxObjects < 1 {
		return fail("--max-objects: must be at least 1, got %d", lf.maxObjects)
	}
	color := env.IsTerminal && env.Getenv("NO_COLOR") == ""
	switch lf.color {
	case "always":
		color = true
	case "never":
		color = false
	case "auto":
	default:
		return fail("--color: %q is not auto, always or never", lf.color)
	}
	if lf.noColor {
		color = false
	}
	var now time.Time
	if lf.now != "" {
		if now, err = time.Parse("2006-01-02T15:04:05", lf.now); err != nil {
			return fail("--now: %q is not YYYY-MM-DDTHH:MM:SS", lf.now)
		}
	}
	when, err := parseAt(lf.at)
	if err != nil {
		return fail("--at: %v", err)
	}
	if lf.showValues && lf.format != "text" {
		return fail("--show-values goes with the text format only")
	}
	if msg := params.check(); msg != "" {
		return fail("%s", msg)
	}
	var values map[string][]string
	switch {
	case lf.values != "" && len(params.values) > 0:
		return fail("Only parameter-values or parameter-values-uri is allowed (--param or --values, not both)")
	case lf.values != "":
		if values, err = readValuesFile(lf.values); err != nil {
			return fail("--values: %v", err)
		}
	case len(params.values) > 0:
		values = params.values
	}
	var vars map[string]string
	if lf.templateVars != "" {
		if vars, err = readTemplateVars(lf.templateVars); err != nil {
			return fail("--template-vars: %v", err)
		}
	} else if cfg != nil && cfg.TemplateVars != nil {
		vars = cfg.TemplateVars
	}
	if values == nil && cfg != nil && cfg.Values != nil {
		values = cfg.Values
	}
	lcfg := lint.Config{Only: lf.only, Disable: lf.disable, Enable: lf.enable, MaxObjects: lf.maxObjects, Now: now, TemplateVars: vars, Values: values,
		KeepOn: append(append([]string{}, lf.only...), lf.enable...)}
	if cfg != nil {
		if len(lf.only) == 0 {
			lcfg.Only = cfg.Only
		}
		lcfg.Disable = append(append([]string{}, cfg.Disable...), lf.disable...)
		lcfg.Enable = append(append([]string{}, cfg.Enable...), lf.enable...)
		if lcfg.Severity, err = severities(cfg.Severity); err != nil {
			return fail("%s: %v", cfg.Path, err)
		}
		for i := range cfg.Overrides {
			o := &cfg.Overrides[i]
			sev, err := severities(o.Severity)
			if err != nil {
				return fail("%s: %v", cfg.Path, err)
			}
			lcfg.Overrides = append(lcfg.Overrides, lint.Override{Match: o.Matches, Disable: o.Disable, Severity: sev})
		}
	}
	var session *remoteSession
	var api remote.API
	online := rf.on || len(rf.deployed) > 0
	if !online && (rf.region != "" || rf.profile != "" || rf.url != "" || set["remote-timeout"]) {
		return fail("--region, --profile, --endpoint-url and --remote-timeout go with --remote or --deployed")
	}
	if !rf.on && (rf.pipelineID != "" || rf.optional) {
		return fail("--pipeline-id and --remote-optional go with --remote")
	}
	if rf.strict && !rf.on && lf.remoteResponse == "" {
		return fail("--remote-strict goes with --remote or --remote-response")
	}
	if rf.timeout <= 0 {
		return fail("--remote-timeout: must be positive, got %s", rf.timeout)
	}
	if rf.on && lf.remoteResponse != "" {
		return fail("--remote and --remote-response: give one (the service's answer, asked now or saved)")
	}
	if n := len(paths) + len(rf.deployed); rf.pipelineID != "" && n != 1 {
		return fail("--pipeline-id: validating against one pipeline takes one path, not %d", n)
	}
	if online {
		if api, err = rf.client(); err != nil {
			fmt.Fprintf(env.Stderr, "dplint: remote: %v\n", err)
			return remoteClientCode(err)
		}
	}
	switch {
	case rf.on:
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		session = &remoteSession{ask: serviceAnswer(ctx, api, rf, env.Stderr), optional: rf.optional}
	case lf.remoteResponse != "":
		if len(paths) != 1 {
			return fail("--remote-response: a saved response answers one definition; give one path, not %d", len(paths))
		}
		saved, err := readRemoteResponse(lf.remoteResponse)
		if err != nil {
			return fail("--remote-response: %v", err)
		}
		session = &remoteSession{saved: saved}
	}
	if session != nil {
		lcfg.Remote = session.answer
	}
	linter, err := lint.New(lcfg)
	if err != nil {
		if cfg != nil {
			return fail("%s: %v", cfg.Path, err)
		}
		return fail("%v", err)
	}

	code := ExitOK
	raise := func(c int) {
		if c > code {
			code = c
		}
	}
	run := &report.Run{Rules: ruleInfos(), Version: Version()}
	var models []*definition.Definition
	strictFail := false
	lintOne := func(l *lint.Linter, name string, data []byte, run *report.Run, env Env, verbose bool) int {
		res, code := lintFile(l, name, data, run, env, verbose)
		if res != nil {
			// lintFile appended this file's report last, one report
			// definition per linted one, in the same order.
			for i, d := range res.Definitions {
				models = append(models, d.Model)
				if session != nil && session.compare(env.Stderr, name, d, &run.Files[len(run.Files)-1].Definitions[i], res.Err) && rf.strict {
					strictFail = true
				}
			}
		}
		return code
	}
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				return fail("- (standard input) given more than once")
			}
			stdinUsed = true
			name := lf.stdinName
			if name == "" {
				name = "<stdin>"
			}
			data, err := readCapped(env.Stdin, name)
			if err != nil {
				fmt.Fprintf(env.Stderr, "dplint: reading standard input: %v\n", err)
				raise(ExitUsage)
				run.Files = append(run.Files, report.File{Path: name, Err: fmt.Errorf("reading standard input: %w", err)})
				continue
			}
			raise(lintOne(linter, name, data, run, env, lf.verbose))
			continue
		}
		files, err := expand(p)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
			raise(ExitUsage)
			run.Files = append(run.Files, report.File{Path: p, Err: err})
			continue
		}
		for _, f := range files {
			data, err := readFile(f)
			if err != nil {
				fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
				raise(ExitUsage)
				run.Files = append(run.Files, report.File{Path: f, Err: err})
				continue
			}
			raise(lintOne(linter, f, data, run, env, lf.verbose))
		}
	}
	for _, id := range rf.deployed {
		name := "deployed:" + id
		data, err := pullDeployed(api, id, rf.timeout)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: --deployed %s: %v\n", id, err)
			raise(ExitFailed)
			run.Files = append(run.Files, report.File{Path: name, Err: fmt.Errorf("fetching the deployed definition: %w", err)})
			continue
		}
		raise(lintOne(linter, name, data, run, env, lf.verbose))
	}
	if strictFail {
		fmt.Fprintf(env.Stderr, "dplint: remote: --remote-strict: the service and dplint disagree\n")
		raise(ExitFindings)
	}
	for _, f := range run.Files {
		for _, d := range f.Definitions {
			for _, dg := range d.Diagnostics {
				if dg.Severity.AtLeast(failLevel) {
					raise(ExitFindings)
				}
			}
		}
	}
	if err := formatter(env.Stdout, env.Stderr, run, report.Options{Oneline: lf.oneline, Color: color, All: lf.all}); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: writing output: %v\n", err)
		raise(ExitFailed)
	}
	if session != nil && session.linted == 0 {
		fmt.Fprintf(env.Stderr, "dplint: remote: no definition was linted, nothing to compare with the service\n")
		raise(ExitFailed)
	}
	if lf.showValues {
		for _, m := range models {
			showValues(env.Stdout, m, when, values)
		}
	}
	return code
}

// loadConfig reads --config, or the nearest .dplint.yaml; nil when none.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil
		}
		if path = config.Find(wd); path == "" {
			return nil, nil
		}
	}
	return config.Load(path)
}

func severities(m map[string]string) (map[string]diag.Severity, error) {
	if len(m) == 0 {
		return nil, nil
	}
	out := map[string]diag.Severity{}
	for k, v := range m {
		s, ok := diag.ParseSeverity(v)
		if !ok {
			return nil, fmt.Errorf("severity of %s: %q is not error, warning or info", k, v)
		}
		out[k] = s
	}
	return out, nil
}

// ruleInfos describes every rule for the formats.
func ruleInfos() []report.RuleInfo {
	var out []report.RuleInfo
	for _, r := range rules.All() {
		out = append(out, report.RuleInfo{ID: r.ID, Name: r.Name, Summary: r.Summary, Doc: r.Doc,
			Severity: r.Severity.String(), Origin: string(r.Origin), HelpURI: report.HelpBase + r.ID + ".md"})
	}
	return out
}

// lintFile lints one file's bytes into run and returns the result and the
// exit code it calls for on its own (3 when a rule failed).
func lintFile(l *lint.Linter, name string, data []byte, run *report.Run, env Env, verbose bool) (*lint.File, int) {
	res := l.Lint(name, data)
	if res.Skipped {
		if verbose {
			fmt.Fprintf(env.Stderr, "dplint: %s: skipped: not a pipeline definition (no \"objects\" or \"pipelineObjects\", and not a parameters/values file)\n", name)
		}
		return nil, ExitOK
	}
	rf := report.File{Path: name, Source: res.Source, Err: res.Err, Secrets: res.Secrets}
	for _, d := range res.Definitions {
		refusal, exception := lint.AWSOutcome(d.Diagnostics)
		rf.Definitions = append(rf.Definitions, report.Definition{
			Name: d.Name, IDs: d.IDs, Diagnostics: d.Diagnostics, Refusal: refusal, Exception: exception,
		})
	}
	run.Files = append(run.Files, rf)
	if res.Err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %s: %v\n", name, res.Err)
		return res, ExitFailed
	}
	return res, ExitOK
}

// walked reports whether a directory walk lints the file: *.json, and the
// template and configuration files that may hold pipelines (*.yaml, *.yml,
// *.template, *.tf; those without one are skipped like other JSON).
func walked(path string) bool {
	ext := filepath.Ext(path)
	if strings.EqualFold(ext, ".json") {
		return true
	}
	for _, e := range load.TemplateExts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// expand turns a path into the files to lint: the file itself, or every
// file below a directory that walked accepts, in lexical order.
func expand(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, describe(err)
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var out []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return describe(err)
		}
		if d.IsDir() {
			name := d.Name()
			if path != p && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !walked(path) {
			return nil
		}
		// Regular files, and symlinks to regular files; never devices or
		// pipes, which could block a walk.
		if d.Type().IsRegular() {
			out = append(out, path)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				out = append(out, path)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// maxFileSize caps what dplint reads from one file or stdin: definitions are
// kilobytes (the service allows 100 objects of 15 KiB by default), and the
// cap keeps a device or an endless pipe named by mistake from hanging dplint.
var maxFileSize int64 = 64 << 20

// readFile reads a file, refusing directories and anything over maxFileSize.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describe(err)
	}
	defer f.Close()
	return readCapped(f, path)
}

func readCapped(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, describe(err)
	}
	if int64(len(data)) > maxFileSize {
		return nil, fmt.Errorf("%s: larger than %d MiB, too large to be a pipeline definition", name, maxFileSize>>20)
	}
	return data, nil
}

// describe rewrites filesystem errors as "PATH: reason".
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason := pe.Err.Error()
		switch {
		case os.IsNotExist(err):
			reason = "no such file or directory"
		case os.IsPermission(err):
			reason = "permission denied"
		}
		return fmt.Errorf("%s: %s", pe.Path, reason)
	}
	return err
}
