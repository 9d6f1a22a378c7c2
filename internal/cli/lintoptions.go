package cli

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/baseline"
	"github.com/dplint/dplint/internal/config"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

// lintOptions are the lint command's flags as given.
type lintOptions struct {
	format, failLevel, stdinName, color, now, templateVars, at, values, config string
	remoteResponse, parameters                                                 string
	oneline, noColor, all, verbose, showValues, strict                         bool
	maxObjects                                                                 int
	disable, enable, only                                                      listFlag
	params                                                                     paramFlag
	remote                                                                     remoteFlags
	fix                                                                        fixFlags
	outputs                                                                    outputFlag
	baseline                                                                   baselineFlags
	// given names the flags set on the command line, which win over the
	// configuration file.
	given map[string]bool
}

func (o *lintOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(report.Names(), ", "))
	fs.Var(&o.outputs, "output", "also write this run's report in FORMAT to PATH, atomically, given as `FORMAT=PATH` (repeatable; FORMAT one of "+strings.Join(report.Names(), ", ")+"; PATH - is stdout, in place of --format's report)")
	fs.StringVar(&o.failLevel, "fail-level", "error", "lowest severity that makes the exit code 1: error, warning or info; none: findings never do")
	fs.StringVar(&o.stdinName, "stdin-filename", "", "name to report for standard input (-)")
	fs.BoolVar(&o.oneline, "oneline", false, "text format: one line per finding, no source snippet")
	fs.BoolVar(&o.noColor, "no-color", false, "text format: never use colour (default: colour when stdout is a terminal and NO_COLOR is unset)")
	fs.StringVar(&o.color, "color", "auto", "text format: auto, always or never")
	fs.BoolVar(&o.all, "all", false, "aws format: include dplint's own (lint-origin) findings, not only the service's checks")
	fs.BoolVar(&o.verbose, "verbose", false, "say which files were skipped and why, on stderr")
	fs.BoolVar(&o.strict, "strict", false, "a file named on the command line that holds no pipeline is a finding (DP0007), and so is a named directory with none")
	fs.IntVar(&o.maxObjects, "max-objects", rules.DefaultMaxObjects, "objects-per-pipeline limit of your account (the service default is 100, adjustable)")
	fs.Var(&o.disable, "disable", "rules to turn off, by id or name (comma-separated, repeatable)")
	fs.Var(&o.enable, "enable", "rules to turn back on after --disable (comma-separated, repeatable)")
	fs.Var(&o.only, "only", "run only these rules (comma-separated, repeatable)")
	fs.StringVar(&o.templateVars, "template-vars", "", "fill ${name} placeholders from FILE (a flat JSON object, or key=value lines) before linting")
	fs.StringVar(&o.config, "config", "", "the configuration file (default: .dplint.yaml in the working directory or the nearest directory above it)")
	fs.StringVar(&o.values, "values", "", `parameter values from FILE ({"values": {...}}, as for the AWS CLI's --parameter-values-uri); they replace the file's own values`)
	fs.StringVar(&o.parameters, "parameters", "", `parameter objects from FILE ({"parameters": [...]}, as the AWS CLI's --parameter-objects takes them); they replace the file's own parameters, and findings on them point into FILE`)
	fs.Var(&o.params, "param", "a parameter value, id=value (repeat an id for an array), as the AWS CLI's --parameter-values; replaces the file's own values")
	fs.BoolVar(&o.showValues, "show-values", false, "text format: after the findings, print what every field holding #{...} evaluates to for one run (--at)")
	fs.StringVar(&o.at, "at", "", "with --show-values: the run's scheduled start time, YYYY-MM-DDTHH:MM:SS in UTC (default: now)")
	fs.StringVar(&o.now, "now", "", "the current time for time-dependent checks, as YYYY-MM-DDTHH:MM:SS in UTC (default: the clock)")
	o.fix.register(fs)
	o.baseline.register(fs)
	o.remote.register(fs)
	fs.StringVar(&o.remoteResponse, "remote-response", "", "compare with a ValidatePipelineDefinition response saved in `FILE` (as aws datapipeline validate-pipeline-definition prints it): report its messages (DP8001, DP8002) and where it and dplint disagree; one definition only")
}

// lintSettings is what the flags and the configuration file together ask
// of a lint run.
type lintSettings struct {
	lint       lint.Config
	configPath string // the configuration file read, "" for none
	stdout     writer // the report on stdout: --format's, or an --output to -
	// stdoutOutput is set when an --output to - took stdout from --format.
	stdoutOutput bool
	files        []writer // the --output files
	failLevel    diag.Severity
	neverFail    bool      // --fail-level none
	at           time.Time // --show-values' run
	now          time.Time // --now
	// remote mode
	remote   *remote.Session // nil without --remote or --remote-response
	strict   bool
	api      remote.API // with --remote or --deployed
	deployed []string
	timeout  time.Duration
	stop     func() // releases the signal handling of --remote; nil without
	// baseline filters the findings (--baseline, the configuration's);
	// writeBaseline is --write-baseline's file.
	baseline      *baseline.Baseline
	writeBaseline string
}

// usageError is a mistake in the flags or the configuration (exit 2);
// codedError carries another exit code.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

type codedError struct {
	err  error
	code int
}

func (e codedError) Error() string { return e.err.Error() }

// codeOf is the exit code an error of settings calls for.
func codeOf(err error) int {
	if c, ok := err.(codedError); ok {
		return c.code
	}
	return ExitUsage
}

// settings turns the flags and .dplint.yaml into the run's settings; the
// command line wins over the file.
func (o *lintOptions) settings(paths []string, env Env) (*lintSettings, error) {
	if len(paths) == 0 && len(o.remote.deployed) == 0 {
		return nil, usagef("lint: no paths given (try: dplint lint .)")
	}
	stdin := 0
	for _, p := range paths {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, usagef("- (standard input) given more than once")
	}
	cfg, err := loadConfig(o.config)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	o.defaultsFrom(cfg)
	s := &lintSettings{}
	if err := o.output(s, env); err != nil {
		return nil, err
	}
	if s.lint, err = o.linterConfig(cfg); err != nil {
		return nil, err
	}
	s.lint.Now = s.now
	if cfg != nil {
		s.configPath = cfg.Path
	}
	if err := o.fix.check(o); err != nil {
		return nil, err
	}
	if err := o.baseline.settings(s, o, cfg); err != nil {
		return nil, err
	}
	if o.fix.ownsStdout(paths) && s.stdoutOutput {
		return nil, usagef("--output ...=-: stdout carries the fix (--diff, or the fixed standard input); write the report to a file")
	}
	if err := o.remote.check(o, len(paths)); err != nil {
		return nil, err
	}
	if err := o.remote.session(s, o.remoteResponse, paths, env); err != nil {
		return nil, err
	}
	if s.remote != nil {
		s.lint.Remote = s.remote.Reply
	}
	return s, nil
}

// defaultsFrom takes from the configuration file what the command line did
// not set.
func (o *lintOptions) defaultsFrom(cfg *config.Config) {
	if cfg == nil {
		return
	}
	if !o.given["strict"] && cfg.Strict {
		o.strict = true
	}
	if !o.given["fail-level"] && cfg.FailLevel != "" {
		o.failLevel = cfg.FailLevel
	}
	if !o.given["max-objects"] && cfg.MaxObjects > 0 {
		o.maxObjects = cfg.MaxObjects
	}
	if !o.given["at"] && cfg.At != "" {
		o.at = cfg.At
	}
}

// output checks the flags of the output: format, fail level, colour,
// times.
func (o *lintOptions) output(s *lintSettings, env Env) error {
	var err error
	var ok bool
	if o.failLevel == "none" {
		s.neverFail = true
	} else if s.failLevel, ok = diag.ParseSeverity(o.failLevel); !ok {
		return usagef("--fail-level: %q is not error, warning, info or none", o.failLevel)
	}
	if o.maxObjects < 1 {
		return usagef("--max-objects: must be at least 1, got %d", o.maxObjects)
	}
	color := env.IsTerminal && env.Getenv("NO_COLOR") == ""
	switch o.color {
	case "always":
		color = true
	case "never":
		color = false
	case "auto":
	default:
		return usagef("--color: %q is not auto, always or never", o.color)
	}
	if err := o.writers(s, color); err != nil {
		return err
	}
	if o.now != "" {
		if s.now, err = time.Parse("2006-01-02T15:04:05", o.now); err != nil {
			return usagef("--now: %q is not YYYY-MM-DDTHH:MM:SS", o.now)
		}
	}
	if s.at, err = parseAt(o.at); err != nil {
		return usagef("--at: %v", err)
	}
	if o.showValues && s.stdout.format != "text" {
		return usagef("--show-values goes with the text format only (on stdout)")
	}
	return nil
}

// linterConfig builds the linter's configuration: rules, severities and
// overrides from the file, then the command line; parameter values and
// template variables from the flags, else the file.
func (o *lintOptions) linterConfig(cfg *config.Config) (lint.Config, error) {
	c := lint.Config{Only: o.only, Disable: o.disable, Enable: o.enable, MaxObjects: o.maxObjects, Strict: o.strict,
		KeepOn: append(append([]string{}, o.only...), o.enable...)}
	if msg := o.params.check(); msg != "" {
		return c, usagef("%s", msg)
	}
	var err error
	switch {
	case o.values != "" && len(o.params.values) > 0:
		return c, usagef("Only parameter-values or parameter-values-uri is allowed (--param or --values, not both)")
	case o.values != "":
		if c.Values, err = readInput(o.values, config.ParameterValues); err != nil {
			return c, usagef("--values: %v", err)
		}
	case len(o.params.values) > 0:
		c.Values = o.params.values
	}
	if o.parameters != "" {
		data, err := load.ReadFile(o.parameters)
		if err != nil {
			return c, usagef("--parameters: %v", err)
		}
		c.Parameters = &lint.SideFile{Path: o.parameters, Data: data}
	}
	if o.templateVars != "" {
		if c.TemplateVars, err = readInput(o.templateVars, config.TemplateVars); err != nil {
			return c, usagef("--template-vars: %v", err)
		}
	} else if cfg != nil && cfg.TemplateVars != nil {
		c.TemplateVars = cfg.TemplateVars
	}
	if cfg == nil {
		return c, nil
	}
	file, err := lint.ConfigFrom(cfg) // the file's own settings, under the flags
	if err != nil {
		return c, usagef("%v", err)
	}
	if c.Values == nil {
		c.Values = file.Values
	}
	if len(o.only) == 0 {
		c.Only = file.Only
	}
	c.Disable = append(file.Disable, o.disable...)
	c.Enable = append(file.Enable, o.enable...)
	c.Severity, c.Overrides = file.Severity, file.Overrides
	return c, nil
}

// readInput reads a file the flags name and parses it.
func readInput[T any](path string, parse func(string, []byte) (T, error)) (T, error) {
	data, err := load.ReadFile(path)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(path, data)
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
	return lint.LoadConfig(path)
}
