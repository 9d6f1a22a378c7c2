package cli

import (
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/fix"
	"github.com/dplint/dplint/internal/load"
)

// A lint run's paths become jobs, in the order the files are named and
// walked: each job is a file to read and lint, or a message to print at
// its place. Files are linted in parallel, and their results recorded in
// that order, so output is the same whatever the number of workers.
type job struct {
	name  string
	named bool   // a file named on the command line, not found in a directory
	data  []byte // set for standard input, read before anything else
	// fail is a path that could not be read or walked: its message
	// is printed, and its exit code raised, in its place.
	fail     error
	failCode int
	// endOf, on the last job of a directory, is that directory: with
	// --strict, one with no pipeline is a finding.
	endOf string
	// first marks the first job of a directory, so the strict check knows
	// how many files were recorded before it.
	first bool
	// empty marks a directory with no file to lint: a job only for the
	// strict check.
	empty bool
	stdin bool // data is standard input's (--fix prints it fixed)
}

// outcome is what linting a job gave.
type outcome struct {
	res   *diag.File
	fixed *fix.Result // with --fix: what fixing did (res is then unset)
	err   error       // the file could not be read
}

// The collector's target while small files are linted, and the size from
// which a file counts as big. Each file's tree is released once it is
// linted, so linting many small files keeps a small live heap (about 15
// MB on the corpus x20), and the default target (GOGC=100) ran the
// collector every 15 MB allocated: 32 times, 12% of the run. With 400 the
// corpus x20 took 211 ms instead of 284 and peaked at 80 MB instead of 50.
// A big file's tree is most of the heap, and there a high target means
// hundreds of megabytes more to fault in (docs/performance.md), so the
// first big file brings the default back for the rest of the run.
const (
	smallFilesGC = 400
	bigFile      = 1 << 20
)

// gcTuner raises the collector's target for a run and puts it back.
type gcTuner struct {
	set     func(int) int
	prev    int
	lowered atomic.Bool
}

// tuneGC raises the target, unless the environment sets GOGC (the user's
// choice) or the run has no collector to tune (Env.SetGCPercent).
func (l *lintRun) tuneGC() *gcTuner {
	set := l.env.SetGCPercent
	if set == nil || l.env.Getenv != nil && l.env.Getenv("GOGC") != "" {
		return nil
	}
	return &gcTuner{set: set, prev: set(smallFilesGC)}
}

// read is told the size of each file before it is linted.
func (t *gcTuner) read(size int) {
	if t != nil && size >= bigFile && t.lowered.CompareAndSwap(false, true) {
		t.set(t.prev)
	}
}

// done puts the target back; every file has been linted.
func (t *gcTuner) done() {
	if t != nil && t.lowered.CompareAndSwap(false, true) {
		t.set(t.prev)
	}
}

// lintJobs lints the jobs' files, directories and standard input.
func (l *lintRun) lintJobs(jobs []job) {
	l.gc = l.tuneGC()
	defer l.gc.done()
	workers := runtime.GOMAXPROCS(0)
	if l.remote || workers < 2 || len(jobs) < 2 {
		// Remote mode asks the service one definition at a time.
		workers = 1
	}
	results := make([]chan outcome, len(jobs))
	for i := range results {
		results[i] = make(chan outcome, 1)
	}
	// At most this many files are read ahead of the one being recorded:
	// memory stays bounded however many files there are.
	window := make(chan struct{}, 2*workers)
	// Workers take the next job themselves (a token of the window, then
	// an index): a goroutine handing out indexes cost a switch per file.
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		go func() {
			for {
				window <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					<-window
					return
				}
				results[i] <- l.lintJob(jobs[i])
			}
		}()
	}
	before := 0
	for i, j := range jobs {
		out := <-results[i]
		<-window
		if j.first {
			before = len(l.run.Files)
		}
		switch {
		case j.fail != nil:
			fmt.Fprintf(l.env.Stderr, "dplint: %v\n", j.fail)
			l.failed(j.failCode, j.name, j.fail)
		case out.err != nil:
			fmt.Fprintf(l.env.Stderr, "dplint: %v\n", out.err)
			l.failed(ExitUsage, j.name, out.err)
		case out.fixed != nil:
			res := l.fixed(j, out.fixed)
			l.record(j.name, res)
			l.release(res)
		case out.res != nil:
			l.record(j.name, out.res)
			l.release(out.res)
		}
		if j.endOf != "" && l.strict && len(l.run.Files) == before {
			fmt.Fprintf(l.env.Stderr, "dplint: %s: no pipeline definition in this directory (--strict)\n", j.endOf)
			l.raise(ExitFindings)
		}
	}
}

// lintJob reads and lints one job's file; jobs that are messages give
// nothing.
func (l *lintRun) lintJob(j job) outcome {
	if j.fail != nil || j.empty {
		return outcome{}
	}
	data := j.data
	if data == nil {
		var err error
		if data, err = load.ReadFile(j.name); err != nil {
			return outcome{err: err}
		}
	}
	l.gc.read(len(data))
	if l.fix.on {
		return outcome{fixed: fix.File(l.lintFunc(j), j.name, data)}
	}
	return outcome{res: l.lintFunc(j)(j.name, data)}
}

// jobs lists the run's files in order: standard input (read now), each
// named file, each directory's files as walked.
func (l *lintRun) jobs(paths []string, stdinName string) []job {
	var jobs []job
	for _, p := range paths {
		if p == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			data, err := load.ReadCapped(l.env.Stdin, name)
			if err != nil {
				err = fmt.Errorf("reading standard input: %w", err)
				jobs = append(jobs, job{name: name, fail: err, failCode: ExitUsage})
				continue
			}
			if data == nil {
				data = []byte{} // empty standard input is still read, not a file to open
			}
			jobs = append(jobs, job{name: name, named: true, data: data, stdin: true})
			continue
		}
		files, err := load.Expand(p)
		if err != nil {
			jobs = append(jobs, job{name: p, fail: err, failCode: ExitUsage})
			continue
		}
		named := len(files) == 1 && files[0] == p // a file, not a directory walked
		if !named && len(files) == 0 {
			jobs = append(jobs, job{name: p, endOf: p, first: true, empty: true})
			continue
		}
		for i, f := range files {
			j := job{name: f, named: named, first: i == 0}
			if !named && i == len(files)-1 {
				j.endOf = p
			}
			jobs = append(jobs, j)
		}
	}
	return jobs
}
