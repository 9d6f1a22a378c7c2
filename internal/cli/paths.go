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
	// endOf, on the job after a directory's last file, is that
	// directory: with --strict, one with no pipeline is a finding.
	endOf string
	// first marks the first job of a directory, so the strict check knows
	// how many files were recorded before it.
	first bool
	// empty marks a job with no file: the strict check's, at a
	// directory's end.
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

// lintJobs lints the files, directories and standard input that feed
// sends, in its order. The feed runs beside the workers: a command line
// of many paths (a pre-commit hook's list of files) starts linting with
// the first, not after every directory has been walked, which on two cores
// was a twentieth of the corpus x20's time spent with one core idle.
func (l *lintRun) lintJobs(feed func(emit func(job))) {
	l.gc = l.tuneGC()
	defer l.gc.done()
	workers := runtime.GOMAXPROCS(0)
	if l.remote {
		// Remote mode asks the service one definition at a time.
		workers = 1
	}
	// At most this many files are read ahead of the one being recorded:
	// memory stays bounded however many files there are. The feed puts
	// each job in order (for the recorder) before work (for the workers),
	// so the job the recorder waits for is always in work or taken.
	window := 2 * workers
	order := make(chan *pending, window)
	work := make(chan *pending, window)
	go func() {
		feed(func(j job) {
			p := &pending{job: j, out: make(chan outcome, 1)}
			order <- p
			work <- p
		})
		close(order)
		close(work)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for p := range work {
				p.out <- l.lintJob(p.job)
			}
		}()
	}
	before := 0
	for p := range order {
		j, out := p.job, <-p.out
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

// pending is a job on its way: the recorder waits on out.
type pending struct {
	job job
	out chan outcome
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

// jobs lists the run's files in order (walk).
func (l *lintRun) jobs(paths []string, stdinName string) []job {
	var jobs []job
	l.walk(paths, stdinName, func(j job) { jobs = append(jobs, j) })
	return jobs
}

// list feeds lintJobs jobs already listed.
func list(jobs []job) func(func(job)) {
	return func(emit func(job)) {
		for _, j := range jobs {
			emit(j)
		}
	}
}

// walk gives emit the run's files in order: standard input (read when its
// turn comes), each named file, each directory's files as they are found
// (load.Walk), and a directory below one named that cannot be read in its
// place among them.
func (l *lintRun) walk(paths []string, stdinName string, emit func(job)) {
	for _, p := range paths {
		if p == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			data, err := load.ReadCapped(l.env.Stdin, name)
			if err != nil {
				err = fmt.Errorf("reading standard input: %w", err)
				emit(job{name: name, fail: err, failCode: ExitUsage})
				continue
			}
			if data == nil {
				data = []byte{} // empty standard input is still read, not a file to open
			}
			emit(job{name: name, named: true, data: data, stdin: true})
			continue
		}
		// A directory's files go to the workers as they are found; a
		// job after the last one marks its end for --strict.
		n, named := 0, false
		err := load.Walk(p, func(f string, file bool) {
			emit(job{name: f, named: file, first: n == 0})
			n, named = n+1, file
		}, func(err error) {
			emit(job{name: p, fail: err, failCode: ExitUsage})
		})
		if err != nil {
			emit(job{name: p, fail: err, failCode: ExitUsage})
		} else if !named {
			emit(job{name: p, endOf: p, first: n == 0, empty: true})
		}
	}
}
