package lint

import (
	"fmt"
	"go/token"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/rules"
)

// parallelFrom is the number of objects from which a definition's
// analyzers run on every core rather than one after another. Below it a
// lint takes a millisecond or two, which goroutines would not shorten,
// and a command linting many files already keeps every core busy with
// one file each. Tests lower it to run every fixture in parallel.
var parallelFrom = 1000

// schedule is what running the analyzers in parallel needs of their
// graph: each one's place in the order, how many requirements it waits
// for, and which analyzers wait for it.
type schedule struct {
	index      map[*analysis.Analyzer]int
	waits      []int32
	dependents [][]int
}

func newSchedule(order []*analysis.Analyzer) schedule {
	s := schedule{index: make(map[*analysis.Analyzer]int, len(order)), waits: make([]int32, len(order)), dependents: make([][]int, len(order))}
	for i, a := range order {
		s.index[a] = i
	}
	for i, a := range order {
		seen := map[int]bool{}
		for _, req := range a.Requires {
			if r := s.index[req]; !seen[r] {
				seen[r] = true
				s.waits[i]++
				s.dependents[r] = append(s.dependents[r], i)
			}
		}
	}
	return s
}

// runAnalyzers runs the analyzers a definition gets and returns each
// one's result. A small definition's run one after another, in order. A
// big definition's run on up to GOMAXPROCS goroutines, each with its own
// analysis.Pass, every analyzer as soon as all it requires is done (a
// rule that needs only the input runs while the graph is built). What
// they share (the input and the base analyzers' results) is read-only
// once made, or guarded where it fills in lazily (the graph's inherited
// values, an expression's offsets). The results do not depend on which
// goroutine ran what: findings are gathered in the analyzers' order, and
// a failure is the first in that order.
func (l *Linter) runAnalyzers(path string, data []byte, fset *token.FileSet, in *rules.Input, objects int) (map[*analysis.Analyzer]any, error) {
	newPass := func() *analysis.Pass {
		return &analysis.Pass{
			Fset:       fset,
			OtherFiles: []string{path},
			ReadFile: func(name string) ([]byte, error) {
				if name != path {
					return nil, fmt.Errorf("%s: not part of this pass", name)
				}
				return data, nil
			},
			ResultOf: make(map[*analysis.Analyzer]any, 8),
			// Rules report through rules.Pass.Report, whose findings are
			// their analyzer's result (rules.Placed); a bare Diagnostic
			// has no object to belong to.
			Report: func(d analysis.Diagnostic) {
				panic(fmt.Sprintf("reported %q through analysis.Pass.Report; rules report through rules.Pass.Report", d.Message))
			},
		}
	}
	n := len(l.order)
	res := make([]any, n)
	ran := make([]bool, n)
	errs := make([]error, n)
	runs := func(i int) bool {
		a := l.order[i]
		// Else a file with no pipeline, or an IoT document: it gets only
		// the rules made for it.
		return a != rules.InputAnalyzer && rules.Runs(l.enabled[a], in)
	}
	run := func(pass *analysis.Pass, i int) {
		a := l.order[i]
		if a == rules.InputAnalyzer {
			res[i], ran[i] = in, true
			return
		}
		if !runs(i) {
			return
		}
		res[i], errs[i] = l.runOne(pass, a, func(req *analysis.Analyzer) any { return res[l.sched.index[req]] })
		ran[i] = errs[i] == nil
	}
	workers := 1
	if objects >= parallelFrom {
		workers = min(runtime.GOMAXPROCS(0), n)
	}
	if workers == 1 {
		// One pass serves every analyzer in turn (a rule's pass lives only
		// while it runs): made afresh for each of eighty analyzers they
		// were nearly half of what a small file's lint allocated.
		pass := newPass()
		for i := range l.order {
			if run(pass, i); errs[i] != nil {
				return nil, errs[i]
			}
		}
	} else {
		l.runParallel(workers, newPass, run)
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}
	results := make(map[*analysis.Analyzer]any, n)
	for i, a := range l.order {
		if ran[i] {
			results[a] = res[i]
		}
	}
	return results, nil
}

// runParallel calls run for every analyzer, on workers goroutines, each
// analyzer once all it requires has been run. An analyzer that failed
// still counts as run: its dependents run without its result, and the
// caller reports the failure.
func (l *Linter) runParallel(workers int, newPass func() *analysis.Pass, run func(*analysis.Pass, int)) {
	n := len(l.order)
	waits := slices.Clone(l.sched.waits)
	ready := make(chan int, n)
	var left atomic.Int64
	left.Store(int64(n))
	for i, w := range waits {
		if w == 0 {
			ready <- i
		}
	}
	var wg sync.WaitGroup
	for range workers {
		pass := newPass()
		wg.Go(func() {
			for i := range ready {
				run(pass, i)
				for _, d := range l.sched.dependents[i] {
					if atomic.AddInt32(&waits[d], -1) == 0 {
						ready <- d
					}
				}
				if left.Add(-1) == 0 {
					close(ready)
				}
			}
		})
	}
	wg.Wait()
}

// runOne runs one analyzer on pass, with its requirements' results. A panic in a rule
// becomes its error: the lint of the file fails, the process does not.
func (l *Linter) runOne(pass *analysis.Pass, a *analysis.Analyzer, result func(*analysis.Analyzer) any) (res any, err error) {
	if l.ctx != nil && l.ctx.Err() != nil {
		return nil, l.ctx.Err()
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in rule %s: %v\n%s", a.Name, r, debug.Stack())
		}
	}()
	pass.Analyzer = a
	clear(pass.ResultOf)
	for _, req := range a.Requires {
		pass.ResultOf[req] = result(req)
	}
	res, err = a.Run(pass)
	if err != nil {
		return nil, fmt.Errorf("rule %s: %w", a.Name, err)
	}
	return res, nil
}
