package lint

import (
	"fmt"
	"go/token"
	"runtime"
	"runtime/debug"
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

// levels groups analyzers so that each one's requirements are all in
// earlier groups: the analyzers of one group can run at the same time.
// Each group keeps the order of order (dependencies first).
func levels(order []*analysis.Analyzer) [][]*analysis.Analyzer {
	level := make(map[*analysis.Analyzer]int, len(order))
	var out [][]*analysis.Analyzer
	for _, a := range order {
		n := 0
		for _, req := range a.Requires {
			n = max(n, level[req]+1)
		}
		level[a] = n
		if n == len(out) {
			out = append(out, nil)
		}
		out[n] = append(out[n], a)
	}
	return out
}

// runAnalyzers runs the analyzers a definition gets, group by group (see
// levels), and returns each one's result. A big definition's groups run
// on up to GOMAXPROCS goroutines, each with its own analysis.Pass; what
// they share (the input and the base analyzers' results) is read-only
// once made, or guarded where it fills in lazily (the graph's inherited
// values, an expression's offsets). The results do not depend on which
// goroutine ran what: findings are gathered in the analyzers' order.
func (l *Linter) runAnalyzers(path string, data []byte, fset *token.FileSet, in *rules.Input, objects int) (map[*analysis.Analyzer]any, error) {
	results := make(map[*analysis.Analyzer]any, len(l.order))
	results[rules.InputAnalyzer] = in
	workers := 1
	if objects >= parallelFrom {
		workers = runtime.GOMAXPROCS(0)
	}
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
	// One pass per goroutine serves its analyzers in turn (a rule's pass
	// lives only while it runs): made afresh for each of eighty analyzers
	// they were nearly half of what a small file's lint allocated.
	passes := make([]*analysis.Pass, workers)
	for i := range passes {
		passes[i] = newPass()
	}
	var (
		todo []*analysis.Analyzer
		res  []any
		errs []error
	)
	for _, group := range l.levels {
		todo = todo[:0]
		for _, a := range group {
			if a != rules.InputAnalyzer && rules.Runs(l.enabled[a], in) {
				todo = append(todo, a) // else a file with no pipeline, or an IoT document: it gets only the rules made for it
			}
		}
		if len(todo) == 0 {
			continue
		}
		res = append(res[:0], make([]any, len(todo))...)
		errs = append(errs[:0], make([]error, len(todo))...)
		run := func(pass *analysis.Pass, i int) {
			res[i], errs[i] = l.runOne(pass, todo[i], results)
		}
		if n := min(workers, len(todo)); n == 1 {
			for i := range todo {
				run(passes[0], i)
				if errs[i] != nil {
					break
				}
			}
		} else {
			// Each goroutine takes the next analyzer not yet taken: the
			// rules' costs differ by a hundred times, so a fixed split
			// would leave one goroutine with most of the work.
			var next atomic.Int64
			var wg sync.WaitGroup
			for w := range n {
				wg.Go(func() {
					for i := int(next.Add(1) - 1); i < len(todo); i = int(next.Add(1) - 1) {
						run(passes[w], i)
					}
				})
			}
			wg.Wait()
		}
		// The first failure in the analyzers' order, whichever goroutine
		// met it first, so the error is the same on every run.
		for i, err := range errs {
			if err != nil {
				return results, err
			}
			results[todo[i]] = res[i]
		}
	}
	return results, nil
}

// runOne runs one analyzer on pass, its requirements' results taken from
// results (which this group's analyzers only read). A panic in a rule
// becomes its error: the lint of the file fails, the process does not.
func (l *Linter) runOne(pass *analysis.Pass, a *analysis.Analyzer, results map[*analysis.Analyzer]any) (res any, err error) {
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
		pass.ResultOf[req] = results[req]
	}
	res, err = a.Run(pass)
	if err != nil {
		return nil, fmt.Errorf("rule %s: %w", a.Name, err)
	}
	return res, nil
}
