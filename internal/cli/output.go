package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dplint/dplint/internal/atomicfile"
	"github.com/dplint/dplint/report"
)

// outputFlag collects lint --output FORMAT=PATH, in the order given. Unlike
// listFlag it does not split on commas: a path may hold one.
type outputFlag []string

func (o *outputFlag) String() string { return strings.Join(*o, " ") }
func (o *outputFlag) Set(v string) error {
	*o = append(*o, v)
	return nil
}

// writer is one report the run writes: a format, its formatter, and where
// it goes ("-" for stdout).
type writer struct {
	format    string
	formatter report.Formatter
	path      string
	opt       report.Options
}

// writers checks --format and every --output, and sets the run's stdout
// writer and file writers. At most one writer has stdout: --format's,
// unless an --output names "-", which then takes its place (so giving
// --format as well is a mistake).
func (o *lintOptions) writers(s *lintSettings, color bool) error {
	opt := report.Options{Oneline: o.oneline, All: o.all}
	f, err := report.Lookup(o.format)
	if err != nil {
		return usagef("--format: %v", err)
	}
	stdoutOpt := opt
	stdoutOpt.Color = color && !o.noColor
	s.stdout = writer{format: o.format, formatter: f, path: "-", opt: stdoutOpt}
	// A file is no terminal: only --color always colours it, as it would
	// colour a separate run's output redirected to that file.
	fileOpt := opt
	fileOpt.Color = o.color == "always" && !o.noColor
	seen := map[string]bool{}
	for _, v := range o.outputs {
		w, err := parseOutput(v)
		if err != nil {
			return err
		}
		if w.path == "-" {
			if s.stdoutOutput || o.given["format"] {
				return usagef("--output %s: only one report can go to stdout (- is stdout; --format's report goes there unless an --output takes it)", v)
			}
			s.stdoutOutput = true
			w.opt = stdoutOpt
			s.stdout = w
			continue
		}
		key := filepath.Clean(w.path)
		if seen[key] {
			return usagef("--output %s: %s is written twice", v, w.path)
		}
		seen[key] = true
		if err := outputDirExists(w.path); err != nil {
			return usagef("--output %s: %v", v, err)
		}
		w.opt = fileOpt
		s.files = append(s.files, w)
	}
	return nil
}

// parseOutput reads one --output value, FORMAT=PATH.
func parseOutput(v string) (writer, error) {
	valid := strings.Join(report.Names(), ", ")
	name, path, ok := strings.Cut(v, "=")
	if !ok || name == "" || path == "" {
		return writer{}, usagef("--output %q: want FORMAT=PATH (PATH - for stdout), FORMAT one of %s", v, valid)
	}
	f, ok := report.Formats[name]
	if !ok {
		return writer{}, usagef("--output %q: unknown format %q (one of %s)", v, name, valid)
	}
	return writer{format: name, formatter: f, path: path}, nil
}

// outputDirExists checks, before anything is linted, that a report's
// directory is there and the report is not a directory: a typo there is a
// usage error, not a run lost at the end.
func outputDirExists(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("its directory: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	return nil
}

// needsText reports whether one of the run's reports reads the files'
// text (report.NeedsText).
func (s *lintSettings) needsText() bool {
	if report.NeedsText(s.stdout.format, s.stdout.opt) {
		return true
	}
	for _, w := range s.files {
		if report.NeedsText(w.format, w.opt) {
			return true
		}
	}
	return false
}

// writeReports prints the stdout report to out, then writes each --output
// file whole (atomically), all of them whatever the findings. What a format
// sends to stderr (the aws format's refusals) is said once per format.
func (l *lintRun) writeReports(s *lintSettings, out io.Writer) {
	said := map[string]bool{s.stdout.format: true}
	if err := s.stdout.formatter(out, l.env.Stderr, l.run, s.stdout.opt); err != nil {
		fmt.Fprintf(l.env.Stderr, "dplint: writing output: %v\n", err)
		l.raise(ExitFailed)
	}
	for _, w := range s.files {
		stderr := io.Discard
		if !said[w.format] {
			stderr, said[w.format] = l.env.Stderr, true
		}
		var buf bytes.Buffer
		err := w.formatter(&buf, stderr, l.run, w.opt)
		if err == nil {
			err = atomicfile.Write(w.path, buf.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(l.env.Stderr, "dplint: --output %s=%s: %v\n", w.format, w.path, err)
			l.raise(ExitFailed)
		}
	}
}
