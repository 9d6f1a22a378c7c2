package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/fix"
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

// fixed puts a file's fixes where --fix sends them (the diff, the fixed
// text of standard input, the file rewritten) and says on stderr how many
// were applied and how many refused; it returns the lint to record: of
// the fixed bytes, or of the file as it is when it could not be written.
func (l *lintRun) fixed(j job, r *fix.Result) *diag.File {
	n := len(r.Applied)
	switch {
	case l.fix.diff:
		_, _ = io.WriteString(l.env.Stdout, r.Diff())
		if n > 0 {
			fmt.Fprintf(l.env.Stderr, "dplint: %s: %s in the diff, not written\n", j.name, plural(n, "fix", "fixes"))
		}
	case j.stdin:
		_, _ = l.env.Stdout.Write(r.Fixed)
	case r.Changed():
		if err := fix.Write(j.name, r.Fixed); err != nil {
			fmt.Fprintf(l.env.Stderr, "dplint: %s: the fixes were not written: %v\n", j.name, err)
			l.raise(ExitFailed)
			return l.lintFunc(j)(j.name, r.Original)
		}
	}
	if n > 0 && !l.fix.diff {
		fmt.Fprintf(l.env.Stderr, "dplint: %s: %s applied\n", j.name, plural(n, "fix", "fixes"))
	}
	if r.Refused > 0 {
		fmt.Fprintf(l.env.Stderr, "dplint: %s: %s not applied: a secret's value would be written\n", j.name, plural(r.Refused, "fix", "fixes"))
	}
	return r.Lint
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
