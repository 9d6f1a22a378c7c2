package lsp

import (
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dplint/dplint/internal/benchdata"
)

// openBig opens a synthetic definition of n objects in a server whose
// debounce is a millisecond, and waits for its first diagnostics.
func openBig(tb testing.TB, n int) (*client, protocol.DocumentURI) {
	tb.Helper()
	return openText(tb, benchdata.Synthetic(n))
}

// openText opens text as big.json the same way.
func openText(tb testing.TB, text []byte) (*client, protocol.DocumentURI) {
	tb.Helper()
	return openTextWith(tb, text, false)
}

func openTextWith(tb testing.TB, text []byte, light bool) (*client, protocol.DocumentURI) {
	tb.Helper()
	c := newClientWith(tb, New(Options{Debounce: time.Millisecond}), light)
	dir := tb.TempDir()
	c.initialize(dir, nil)
	u := uri.File(filepath.Join(dir, "big.json"))
	c.open(u, string(text))
	c.waitDiags(u, 1)
	return c, u
}

// edit makes the version-th change of the document: a space inserted at
// its start, or taken away again, so the text stays the same size and a
// definition.
func edit(c *client, u protocol.DocumentURI, version int32) {
	start := protocol.Position{}
	if version%2 == 0 {
		c.change(u, version, protocol.Range{Start: start, End: start}, " ")
	} else {
		c.change(u, version, protocol.Range{Start: start, End: protocol.Position{Character: 1}}, "")
	}
}

// BenchmarkDiagnostics10k is the goal for big documents: a change
// to a 10,000-object definition gets its diagnostics within 100 ms after
// the debounce ends. One op is a ranged change sent and its
// publishDiagnostics received (with the 1 ms debounce), over the pipe
// an editor would use. ms/published is the goal's own measure: from the
// end of the debounce to the notification written (ms/diagnostics adds
// the pipe and the client's reading of the frame).
func BenchmarkDiagnostics10k(b *testing.B) {
	benchmarkChanges(b, benchdata.Synthetic(10000))
}

// BenchmarkDiagnostics10kClean is the same goal on a 10,000-object
// definition of the shape real pipelines have, whose one finding is its
// object count (DP7005). BenchmarkDiagnostics10k's document is
// findings-heavy on purpose: its 24,000 diagnostics cost about as much to
// encode and decode as the lint.
func BenchmarkDiagnostics10kClean(b *testing.B) {
	benchmarkChanges(b, benchdata.Clean(10000))
}

// benchmarkChanges makes b.N changes of text. Its client decodes of each
// publishDiagnostics only the version it waits for: an editor decodes the
// diagnostics in its own process, while this client shares the server's,
// and decoding 24,000 diagnostics into Go structs (about 90 ms of CPU and
// 30 MB of garbage each time) weighed on the server's next lint through
// the garbage collector it shares.
func benchmarkChanges(b *testing.B, text []byte) {
	c, u := openTextWith(b, text, true)
	var (
		mu        sync.Mutex
		started   = map[int32]time.Time{}
		published time.Duration
	)
	c.srv.mu.Lock()
	c.srv.debounced = func(_ protocol.DocumentURI, v int32) { mu.Lock(); started[v] = time.Now(); mu.Unlock() }
	c.srv.linted = func(_ protocol.DocumentURI, v int32) {
		mu.Lock()
		if t, ok := started[v]; ok {
			published += time.Since(t)
			delete(started, v)
		}
		mu.Unlock()
	}
	c.srv.mu.Unlock()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := int32(i + 2)
		edit(c, u, v)
		c.waitDiags(u, v)
	}
	b.StopTimer()
	mu.Lock()
	defer mu.Unlock()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/diagnostics")
	b.ReportMetric(float64(published.Milliseconds())/float64(b.N), "ms/published")
}

// TestMemoryDoesNotGrowWithEdits edits a 1,000-object definition (about
// 190 KB) 250 times, each change linted and published, and compares the
// live heap after the first 50 edits and after all of them: keeping one
// old text, snapshot or lint per edit would add about 50 MB.
func TestMemoryDoesNotGrowWithEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: 250 lints")
	}
	c, u := openBig(t, 1000)
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var early uint64
	for v := int32(2); v <= 251; v++ {
		edit(c, u, v)
		c.waitDiags(u, v)
		if v == 51 {
			early = heap()
		}
	}
	late := heap()
	const slack = 8 << 20
	if late > early+slack {
		t.Errorf("live heap grew from %d KB after 50 edits to %d KB after 250 (allowed %d KB more)", early>>10, late>>10, slack>>10)
	}
	t.Logf("live heap: %d KB after 50 edits, %d KB after 250", early>>10, late>>10)
}

// TestLightClientReadsTheHead checks the benchmarks' light client against
// the full decode: the same document and version from the same change,
// and every other message still decoded (the initialize answer).
func TestLightClientReadsTheHead(t *testing.T) {
	text := benchdata.Synthetic(20)
	light, lu := openTextWith(t, text, true)
	full, fu := openTextWith(t, text, false)
	edit(light, lu, 2)
	edit(full, fu, 2)
	lp, fp := light.waitDiags(lu, 2), full.waitDiags(fu, 2)
	if lp.Version != fp.Version || lp.Version != 2 || lp.URI != lu || len(fp.Diagnostics) == 0 {
		t.Errorf("light client read version %d of %s, full client version %d of %s with %d diagnostics",
			lp.Version, lp.URI, fp.Version, fp.URI, len(fp.Diagnostics))
	}
	if lp.Diagnostics != nil {
		t.Errorf("light client decoded %d diagnostics; it reads only the head", len(lp.Diagnostics))
	}
}
