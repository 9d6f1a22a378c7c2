package lint_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/benchdata"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
)

// BenchmarkLintSynthetic lints one large definition: about 5,000 objects
// of about ten fields each.
func BenchmarkLintSynthetic(b *testing.B) {
	data := benchdata.Synthetic(5000)
	l, err := lint.New(lint.Config{MaxObjects: 100000})
	if err != nil {
		b.Fatal(err)
	}
	// Once outside the timer: the input must be read as a definition.
	res := l.Lint("synthetic.json", data)
	if res.Err != nil || res.Skipped || len(res.Definitions) != 1 || len(res.Definitions[0].IDs) != 5002 {
		b.Fatalf("synthetic definition not linted: err %v, skipped %v, %d definitions", res.Err, res.Skipped, len(res.Definitions))
	}
	for _, p := range res.Source.Problems {
		b.Fatalf("synthetic definition is not clean JSON: %s at %d", p.Message, p.Start)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		l, err := lint.New(lint.Config{MaxObjects: 100000})
		if err != nil {
			b.Fatal(err)
		}
		if res := l.Lint("synthetic.json", data); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// TestCleanIsClean holds benchdata.Clean to its word: the big definition
// of real shape that BenchmarkDiagnostics10kClean and scripts/bench use
// gets no finding but its object count.
func TestCleanIsClean(t *testing.T) {
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := l.Lint("clean.json", benchdata.Clean(1000))
	if res.Err != nil || len(res.Definitions) != 1 {
		t.Fatalf("not linted: err %v, %d definitions", res.Err, len(res.Definitions))
	}
	var ids []string
	for _, d := range res.Definitions[0].Diagnostics {
		ids = append(ids, d.Rule.ID)
	}
	if len(ids) != 1 || ids[0] != "DP7005" {
		t.Errorf("findings %v, want only DP7005 (the object count)", ids)
	}
	if n := len(res.Definitions[0].IDs); n != 1003 {
		t.Errorf("%d ids, want 1,002 objects and a parameter", n)
	}
}

// BenchmarkLintCorpus lints every definition of the shared corpus per
// iteration.
func BenchmarkLintCorpus(b *testing.B) {
	dir := filepath.Join(testenv.SharedDir(b), "corpus")
	type file struct {
		path string
		data []byte
	}
	var files []file
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, file{path, data})
		total += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Skipf("no *.json under %s", dir)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	l, err := lint.New(lint.Config{MaxObjects: 100000})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if res := l.Lint(f.path, f.data); res.Err != nil {
				b.Fatalf("%s: %v", f.path, res.Err)
			}
		}
	}
	b.ReportMetric(float64(len(files)), "files/op")
}

// BenchmarkLintTemplate lints the synthetic definition written as a YAML
// template: the cost of reading YAML and building the pipeline's tree on
// top of linting it.
func BenchmarkLintTemplate(b *testing.B) {
	data, err := benchdata.Template(5000)
	if err != nil {
		b.Fatal(err)
	}
	l, err := lint.New(lint.Config{MaxObjects: 100000})
	if err != nil {
		b.Fatal(err)
	}
	res := l.Lint("synthetic.yaml", data)
	if res.Err != nil || res.Skipped || len(res.Definitions) != 1 || len(res.Definitions[0].IDs) != 5002 {
		b.Fatalf("synthetic template not linted: err %v, skipped %v, %d definitions", res.Err, res.Skipped, len(res.Definitions))
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if res := l.Lint("synthetic.yaml", data); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
