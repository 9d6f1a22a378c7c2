package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/dplint/dplint/internal/benchdata"
	"github.com/dplint/dplint/internal/cli"
)

// TestCollectorTarget: a lint of small files raises the collector's
// target and puts it back when it ends; the first big file (1 MiB or
// more) puts it back before it is linted; a GOGC in the environment is
// left alone (TestGCTunerOrder checks when the big file puts it back).
func TestCollectorTarget(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	small := write("small.json", benchdata.Synthetic(30))
	small2 := write("small2.json", benchdata.Synthetic(40))
	big := write("big.json", benchdata.Synthetic(5000))
	if st, _ := os.Stat(big); st.Size() < 1<<20 {
		t.Fatalf("big.json is %d bytes, not big", st.Size())
	}
	lint := func(gogc string, files ...string) []int {
		var mu sync.Mutex
		var calls []int
		target := 100
		var out, errb bytes.Buffer
		env := cli.Env{Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string {
				if k == "GOGC" {
					return gogc
				}
				return ""
			},
			SetGCPercent: func(p int) int {
				mu.Lock()
				defer mu.Unlock()
				calls = append(calls, p)
				prev := target
				target = p
				return prev
			}}
		if code := cli.Run(append([]string{"lint", "--oneline", "--max-objects", "10000"}, files...), env); code != 1 {
			t.Fatalf("exit %d, want 1 (findings)\n%s", code, errb.String())
		}
		if target != 100 {
			t.Errorf("%v: the target is %d after the run, not put back to 100", files, target)
		}
		return calls
	}
	if got := lint("", small, small2); !slices.Equal(got, []int{400, 100}) {
		t.Errorf("small files: calls %v, want [400 100]", got)
	}
	if got := lint("", small, big, small2); !slices.Equal(got, []int{400, 100}) {
		t.Errorf("with a big file: calls %v, want [400 100]", got)
	}
	if got := lint("50", small, small2); len(got) != 0 {
		t.Errorf("with GOGC=50: calls %v, want none", got)
	}
}
