package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/fix"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/lint"
)

// fixFlags are lint's --fix and --diff.
type fixFlags struct{ on, diff bool }

func (ff *fixFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&ff.on, "fix", false, "apply the fixes the findings offer, in place (standard input: print the fixed text), then report the findings that remain")
	fs.BoolVar(&ff.diff, "diff", false, "with --fix: print the fixes as a unified diff on stdout instead of writing them")
}

// check refuses --fix and --diff with flags they do not go with.
func (ff *fixFlags) check(o *lintOptions) error {
	switch {
	case ff.diff && !ff.on:
		return usagef("--diff goes with --fix")
	case !ff.on:
		return nil
	case o.remote.on || o.remoteResponse != "" || len(o.remote.deployed) > 0:
		return usagef("--fix fixes files: not with --remote, --remote-response or --deployed")
	case o.showValues:
		return usagef("--fix does not go with --show-values")
	}
	return nil
}

// reportTo is where the findings go: stdout, unless stdout carries the
// fixed text of standard input or the diff (then stderr).
func (ff *fixFlags) reportTo(env Env, paths []string) io.Writer {
	if ff.ownsStdout(paths) {
		return env.Stderr
	}
	return env.Stdout
}

// ownsStdout says whether stdout carries the diff or the fixed text of
// standard input.
func (ff *fixFlags) ownsStdout(paths []string) bool {
	if ff.on {
		for _, p := range paths {
			if ff.diff || p == "-" {
				return true
			}
		}
	}
	return false
}

// lintFunc is how a job's file is linted: as named on the command line,
// or as found in a directory.
func (l *lintRun) lintFunc(j job) func(string, []byte) *diag.File {
	if j.named {
		return l.linter.LintNamed
	}
	return l.linter.Lint
}

// fixed puts a file's fixes where --fix sends them (put); it returns the
// lint to record: of the fixed bytes, or of the file as it is when it
// could not be written.
func (l *lintRun) fixed(j job, r *fix.Result) *diag.File {
	if err := l.put(j.name, j.stdin, r); err != nil {
		return l.lintFunc(j)(j.name, r.Original)
	}
	return r.Lint
}

// put puts a file's fixes where --fix sends them (the diff, the fixed
// text of standard input, the file rewritten) and says on stderr how many
// were applied and how many refused; it returns why the file could not be
// written (said on stderr too).
func (l *lintRun) put(name string, stdin bool, r *fix.Result) error {
	n := len(r.Applied)
	switch {
	case l.fix.diff:
		_, _ = io.WriteString(l.env.Stdout, r.Diff())
		if n > 0 {
			fmt.Fprintf(l.env.Stderr, "dplint: %s: %s in the diff, not written\n", name, plural(n, "fix", "fixes"))
		}
	case stdin:
		_, _ = l.env.Stdout.Write(r.Fixed)
	case r.Changed():
		if err := fix.Write(name, r.Fixed); err != nil {
			fmt.Fprintf(l.env.Stderr, "dplint: %s: the fixes were not written: %v\n", name, err)
			l.raise(ExitFailed)
			return err
		}
	}
	if n > 0 && !l.fix.diff {
		fmt.Fprintf(l.env.Stderr, "dplint: %s: %s applied\n", name, plural(n, "fix", "fixes"))
	}
	if r.Refused > 0 {
		fmt.Fprintf(l.env.Stderr, "dplint: %s: %s not applied: a secret's value would be written\n", name, plural(r.Refused, "fix", "fixes"))
	}
	return nil
}

// fixParameters fixes the --parameters file before the definitions:
// every job's file is linted with it, the fixes of the findings that lie
// in it are applied to its text (the same fix offered by several files
// once), round after round, and the file is written (or its diff printed).
// The definitions are then linted, and fixed, with the fixed text.
func (l *lintRun) fixParameters(cfg lint.Config, jobs []job) {
	side := cfg.Parameters
	r := &fix.Result{Path: side.Path, Original: side.Data, Fixed: side.Data}
	for round := 0; round < 8; round++ {
		edits, refused := l.parameterEdits(side.Path, jobs)
		r.Refused = refused
		out, applied, _ := fix.Apply(r.Fixed, edits)
		if len(applied) == 0 {
			break
		}
		r.Fixed, r.Applied = out, append(r.Applied, applied...)
		cfg.Parameters = &lint.SideFile{Path: side.Path, Data: r.Fixed}
		linter, err := lint.New(cfg)
		if err != nil {
			break // the configuration made a linter before: not expected
		}
		l.linter = linter
	}
	if l.put(side.Path, false, r) != nil {
		// Not written: the definitions are linted with the file as it is.
		cfg.Parameters = side
		if linter, err := lint.New(cfg); err == nil {
			l.linter = linter
		}
	}
}

// parameterEdits lints every job's file and returns the edits its
// findings offer in the parameters file at path, and the most fixes one
// file's lint refused there (each file sees the same parameters).
func (l *lintRun) parameterEdits(path string, jobs []job) ([]fix.Edit, int) {
	var edits []fix.Edit
	refused := 0
	for _, j := range jobs {
		if j.fail != nil || j.empty {
			continue
		}
		data := j.data
		if data == nil {
			var err error
			if data, err = load.ReadFile(j.name); err != nil {
				continue // reported when the file is linted
			}
		}
		for _, c := range l.lintFunc(j)(j.name, data).Companions {
			if c.Path == path {
				e, n := fix.Edits(c)
				edits, refused = append(edits, e...), max(refused, n)
			}
		}
	}
	return edits, refused
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
