package cli

import (
	"slices"
	"testing"
)

// TestGCTunerOrder: the target goes back once, at the first big file's
// read (before its lint), and not again at the end; without a big file
// it goes back at the end.
func TestGCTunerOrder(t *testing.T) {
	var calls []int
	set := func(p int) int { calls = append(calls, p); return 100 }
	l := &lintRun{env: Env{SetGCPercent: set}}
	g := l.tuneGC()
	g.read(10)
	g.read(bigFile - 1)
	if !slices.Equal(calls, []int{smallFilesGC}) {
		t.Fatalf("after small files: %v", calls)
	}
	g.read(bigFile)
	if !slices.Equal(calls, []int{smallFilesGC, 100}) {
		t.Fatalf("after the big file's read: %v, want the target back", calls)
	}
	g.read(bigFile * 2)
	g.done()
	if !slices.Equal(calls, []int{smallFilesGC, 100}) {
		t.Fatalf("at the end: %v, want no more calls", calls)
	}
	calls = nil
	g = l.tuneGC()
	g.read(10)
	g.done()
	if !slices.Equal(calls, []int{smallFilesGC, 100}) {
		t.Fatalf("small files only: %v", calls)
	}
	var none *gcTuner // no collector to tune (tests sharing a process)
	none.read(bigFile)
	none.done()
}
