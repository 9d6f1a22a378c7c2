package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dplint/dplint/internal/atomicfile"
	"github.com/dplint/dplint/internal/baseline"
	"github.com/dplint/dplint/internal/config"
)

// baselineFlags are lint's --baseline and --write-baseline.
type baselineFlags struct{ use, write string }

func (bf *baselineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&bf.use, "baseline", "", "report and fail only on findings not in the baseline `FILE` (default: the configuration's baseline), and say how many it held and how many are gone")
	fs.StringVar(&bf.write, "write-baseline", "", "record today's findings in the baseline `FILE` (by rule, file, object and field, counted), then report as with --baseline FILE")
}

// settings reads the baseline a run filters with: --baseline, else the
// configuration's. With --write-baseline none is read: the run records
// every finding, and giving --baseline as well is a mistake.
func (bf *baselineFlags) settings(s *lintSettings, o *lintOptions, cfg *config.Config) error {
	if bf.write != "" {
		switch {
		case bf.use != "":
			return usagef("--write-baseline and --baseline: give one (--write-baseline records every finding of the run; --baseline filters with a baseline)")
		case o.fix.diff:
			return usagef("--write-baseline records the findings of the files as they are: not with --fix --diff")
		}
		if err := outputDirExists(bf.write); err != nil {
			return usagef("--write-baseline %s: %v", bf.write, err)
		}
		s.writeBaseline = bf.write
		return nil
	}
	path, from := bf.use, "--baseline"
	if path == "" && cfg != nil && cfg.Baseline != "" {
		path, from = shownPath(cfg.Baseline), cfg.Path+": baseline"
	}
	if path == "" {
		return nil
	}
	b, err := baseline.Load(path)
	if err != nil {
		return usagef("%s: %v", from, err)
	}
	s.baseline = b
	return nil
}

// shownPath is a path as the output names it: relative to the working
// directory when it lies below it.
func shownPath(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// baseline writes the baseline (--write-baseline), then sets the findings
// the baseline holds aside and says on stderr what it did. A run that could
// not lint every file writes none: the findings of the files it missed
// would all be new next time.
func (l *lintRun) baseline(s *lintSettings) {
	b := s.baseline
	if s.writeBaseline != "" {
		if l.code >= ExitUsage {
			fmt.Fprintf(l.env.Stderr, "dplint: --write-baseline %s: not written: not every file could be linted\n", s.writeBaseline)
			return
		}
		b = baseline.Record(s.writeBaseline, l.run.Files)
		if err := atomicfile.Write(s.writeBaseline, b.Encode(), 0o644); err != nil {
			fmt.Fprintf(l.env.Stderr, "dplint: --write-baseline %s: %v\n", s.writeBaseline, err)
			l.raise(ExitFailed)
			return
		}
		fmt.Fprintf(l.env.Stderr, "dplint: %s: recorded %s\n", s.writeBaseline, plural(b.Len(), "finding", "findings"))
	}
	if b == nil {
		return
	}
	sum := b.Apply(l.run.Files)
	l.run.Baseline = &sum
	occur := "occur"
	if sum.Gone == 1 {
		occur = "occurs"
	}
	fmt.Fprintf(l.env.Stderr, "dplint: %s baselined, %s no longer %s (baseline %s)\n",
		plural(sum.Baselined, "finding", "findings"), plural(sum.Gone, "baselined finding", "baselined findings"), occur, b.Path)
}
