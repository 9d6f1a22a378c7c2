package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/benchdata"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/source"
)

// TestParallelMatchesSerial lints every fixture of the repository, the
// shared corpus and two big synthetic definitions twice: with the
// analyzers one after another, and with every definition's analyzers run
// in parallel (parallelFrom lowered to 0). The findings must be the same,
// in the same order. Under the race detector (.ci/run runs this test with
// -race) it also checks that what the rules share is safe to share.
func TestParallelMatchesSerial(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Logf("GOMAXPROCS is 1: the parallel lint runs on one goroutine at a time")
	}
	inputs := fixtures(t)

	l, err := New(Config{MaxObjects: 100000})
	if err != nil {
		t.Fatal(err)
	}
	lintAll := func(from int) []string {
		saved := parallelFrom
		parallelFrom = from
		defer func() { parallelFrom = saved }()
		out := make([]string, len(inputs))
		for i, in := range inputs {
			out[i] = render(l.Lint(in.name, in.data))
		}
		return out
	}
	serial := lintAll(1 << 30)
	parallel := lintAll(0)
	findings := 0
	for i, in := range inputs {
		findings += strings.Count(serial[i], "\n")
		if serial[i] != parallel[i] {
			t.Errorf("%s: the parallel lint differs from the serial one\nserial:\n%s\nparallel:\n%s", in.name, serial[i], parallel[i])
		}
	}
	if findings < 1000 {
		t.Errorf("%d findings over %d inputs: the comparison saw too little to mean anything", findings, len(inputs))
	}
	t.Logf("%d inputs, %d findings each way", len(inputs), findings)
}

// input is one file a whole-repository test lints.
type input struct {
	name string
	data []byte
}

// fixtures are every fixture of the repository, the shared corpus when it
// is there, and two big synthetic definitions.
func fixtures(t *testing.T) []input {
	t.Helper()
	root := testenv.RepoRoot(t)
	var inputs []input
	read := func(dir string) {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".json", ".yaml", ".yml", ".template", ".tf":
			default:
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			inputs = append(inputs, input{p, data})
			return nil
		})
		if err != nil {
			t.Fatalf("reading %s: %v", dir, err)
		}
	}
	read(filepath.Join(root, "testdata"))
	read(filepath.Join(root, "rules", "testdata"))
	if n := len(inputs); n < 200 {
		t.Fatalf("found %d fixtures under testdata and rules/testdata; expected hundreds", n)
	}
	if os.Getenv("DPLINT_SHARED") != "" || dirExists(filepath.Join(root, "..", "shared")) {
		read(filepath.Join(testenv.SharedDir(t), "corpus"))
	}
	inputs = append(inputs, input{"synthetic.json", benchdata.Synthetic(3000)}, input{"clean.json", benchdata.Clean(3000)})

	return inputs
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// render writes a file's result one finding a line, with what the
// formatters read of it (folded findings indented below theirs).
func render(f *diag.File) string {
	var b strings.Builder
	if f.Err != nil {
		fmt.Fprintf(&b, "error: %v\n", f.Err)
	}
	var one func(d diag.Diagnostic, indent string)
	one = func(d diag.Diagnostic, indent string) {
		fix := ""
		if d.Fix != nil {
			fix = fmt.Sprintf(" fix=%+v", *d.Fix)
		}
		fmt.Fprintf(&b, "%s%s %s %d:%d-%d:%d %s %s %s %s %v %s %q %s %v %v%s\n", indent, d.File, d.Definition,
			d.Start.Line, d.Start.Column, d.End.Line, d.End.Column, d.Rule.ID, d.Pointer, d.Object, d.Field,
			d.Severity, d.Channel, d.Message, d.AWSText, d.Related, d.Missing, fix)
		for _, fd := range d.Folded {
			one(fd, indent+"  ")
		}
	}
	for _, def := range f.Definitions {
		for _, d := range def.Diagnostics {
			one(d, "")
		}
	}
	for _, c := range f.Companions {
		b.WriteString(render(c))
	}
	return b.String()
}

// TestParallelFailureIsTheFirst runs two failing rules and a sound one in
// parallel many times: the lint's error is always the failure of the
// first failing rule in the analyzers' order, whichever goroutine met
// which failure first.
func TestParallelFailureIsTheFirst(t *testing.T) {
	saved := parallelFrom
	parallelFrom = 0
	defer func() { parallelFrom = saved }()
	broken := func(id, name string, run func(*analysis.Pass) (any, error)) *rules.Rule {
		return &rules.Rule{Meta: rules.Meta{ID: id, Name: name, Severity: diag.Error, Origin: diag.Lint},
			Analyzer: &analysis.Analyzer{Name: name, Doc: name, Requires: []*analysis.Analyzer{rules.InputAnalyzer}, Run: run}}
	}
	sound := broken("DP9001", "sound", func(*analysis.Pass) (any, error) { return (*rules.Found)(nil), nil })
	first := broken("DP9002", "first", func(*analysis.Pass) (any, error) {
		time.Sleep(time.Millisecond) // the later failure usually happens first
		panic("boom")
	})
	second := broken("DP9003", "second", func(*analysis.Pass) (any, error) { return nil, errors.New("cannot") })
	l, err := NewWith([]*rules.Rule{sound, first, second}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		res := l.Lint("p.json", []byte(`{"objects": [{"id": "A"}]}`))
		if res.Err == nil || !strings.Contains(res.Err.Error(), "internal error in rule first: boom") {
			t.Fatalf("Err = %v, want the first rule's panic", res.Err)
		}
	}
}

// TestSortDedupe checks sortDedupe against the plain way of doing it (a
// stable sort of the findings themselves, then dropping each finding equal
// to the one before in place, rule and message) on lists with many ties:
// the same findings kept, in the same order, the first of equals kept.
func TestSortDedupe(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ruleA, ruleB := &diag.Rule{ID: "DP1001"}, &diag.Rule{ID: "DP1002"}
	key := func(d diag.Diagnostic) string {
		return fmt.Sprintf("%d-%d %s %s", d.Start.Offset, d.End.Offset, d.Rule.ID, d.Message)
	}
	for trial := range 200 {
		n := rng.IntN(300)
		ds := make([]diag.Diagnostic, n)
		for i := range ds {
			r := ruleA
			if rng.IntN(2) == 0 {
				r = ruleB
			}
			start := rng.IntN(20)
			ds[i] = diag.Diagnostic{Start: source.Position{Offset: start}, End: source.Position{Offset: start + rng.IntN(3)},
				Rule: r, Message: []string{"a", "b"}[rng.IntN(2)], Pointer: fmt.Sprint(i)}
		}
		want := slices.Clone(ds)
		slices.SortStableFunc(want, func(a, b diag.Diagnostic) int { return cmpKeys(a, b) })
		want = slices.CompactFunc(want, func(a, b diag.Diagnostic) bool { return key(a) == key(b) })
		got := sortDedupe(slices.Clone(ds))
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d findings kept, want %d", trial, len(got), len(want))
		}
		for i := range got {
			if got[i].Pointer != want[i].Pointer {
				t.Fatalf("trial %d: finding %d is #%s (%s), want #%s (%s)", trial, i, got[i].Pointer, key(got[i]), want[i].Pointer, key(want[i]))
			}
		}
	}
}

func cmpKeys(a, b diag.Diagnostic) int {
	if c := a.Start.Offset - b.Start.Offset; c != 0 {
		return c
	}
	if c := a.End.Offset - b.End.Offset; c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule.ID, b.Rule.ID); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}
