package playground

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/dplint/dplint/internal/testenv"
)

const chromium = "/usr/bin/chromium"

// browserResult is what scripts/playground-test/playground.test.mjs prints.
type browserResult struct {
	LoadMs      float64 `json:"loadMs"`
	FirstLintMs float64 `json:"firstLintMs"`
	// PastedLintMs is the run on the pasted fixture, the module warm.
	PastedLintMs float64  `json:"pastedLintMs"`
	Requests     []string `json:"requests"`
}

// TestBrowser runs the playground in Debian's chromium (playwright-core,
// kept off the network): the site is built by scripts/playground-build
// into a scratch directory and served by httptest; the broken fixture is
// pasted, and the page must show what this package finds natively — the
// finding at its position, selected when clicked; the graph's nodes, each
// selecting its object's id when clicked; the value of an expression for a
// new run time; a template opened and a .tf file dropped, each read as its
// form; the finding gone once its fix is typed over it — having
// fetched nothing but its own files. It logs the wasm's size and the first lint's time
// (docs/performance.md). Set DPLINT_PLAYGROUND_SCREENSHOT to keep the
// screenshot.
func TestBrowser(t *testing.T) {
	node := testenv.Tool(t, "node")
	bash := testenv.Tool(t, "bash")
	if _, err := os.Stat(chromium); err != nil {
		testenv.Missing(t, chromium+" is missing (Debian's chromium; .ci/run installs it)")
	}
	root := testenv.RepoRoot(t)
	script := filepath.Join(root, "scripts", "playground-test", "playground.test.mjs")
	if _, err := os.Stat(filepath.Join(root, "scripts", "playground-test", "node_modules", "playwright-core", "package.json")); err != nil {
		testenv.Missing(t, "playwright-core is not installed: npm ci in scripts/playground-test (.ci/run does it)")
	}

	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, bash, filepath.Join(root, "scripts", "playground-build"), site)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("scripts/playground-build: %v\n%s", err, out)
	} else {
		t.Logf("%s", bytes.TrimSpace(out))
	}

	srv := httptest.NewServer(wasmMIME(http.FileServer(http.Dir(site))))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/dplint.wasm")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/wasm" {
		t.Fatalf("dplint.wasm is served as %q, want application/wasm (instantiateStreaming needs it)", ct)
	}

	config, want := browserConfig(t, srv.URL+"/", tmp)
	ctx, cancel = context.WithTimeout(context.Background(), 180*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script, config)
	cmd.Dir = filepath.Dir(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		t.Fatalf("the browser test failed: %v\nstdout: %s\nstderr: %s", err, stdout.Bytes(), stderr.Bytes())
	}
	var got browserResult
	lines := bytes.Split(bytes.TrimSpace(stdout.Bytes()), []byte("\n"))
	if err := json.Unmarshal(lines[len(lines)-1], &got); err != nil {
		t.Fatalf("reading the script's result: %v\n%s", err, stdout.Bytes())
	}
	sawWasm := false
	for _, u := range got.Requests {
		if !strings.HasPrefix(u, srv.URL+"/") {
			t.Errorf("the page requested %s, outside the local server", u)
		}
		sawWasm = sawWasm || strings.HasSuffix(u, "/dplint.wasm")
	}
	if !sawWasm {
		t.Errorf("no request for dplint.wasm recorded: %v", got.Requests)
	}
	if got.FirstLintMs <= 0 || got.LoadMs <= 0 || got.PastedLintMs <= 0 {
		t.Errorf("timings not measured: %+v", got)
	}
	t.Logf("in the browser: module loaded and started in %.0f ms, first lint %.1f ms, the pasted fixture's %.1f ms", got.LoadMs, got.FirstLintMs, got.PastedLintMs)

	png, err := os.ReadFile(want.screenshot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 20<<10 {
		t.Errorf("the screenshot is not a PNG of a page (%d bytes)", len(png))
	}
	if keep := os.Getenv("DPLINT_PLAYGROUND_SCREENSHOT"); keep != "" {
		if err := os.WriteFile(keep, png, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// wasmMIME sends .wasm as application/wasm whatever the machine's MIME
// table says.
func wasmMIME(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		h.ServeHTTP(w, r)
	})
}

type expected struct{ screenshot string }

// browserConfig writes the script's config: the fixture, and what the
// native build finds in it, which the page must show.
func browserConfig(t *testing.T, url, tmp string) (string, expected) {
	t.Helper()
	text := fixture(t, "broken.json")
	const at = "2026-03-15T10:30" // as a datetime-local input holds it
	res := newPlayground(t).Run(Request{Text: text, At: at})
	f := find(res, "DP2001")
	if f == nil {
		t.Fatalf("the fixture has no DP2001 finding: %+v", res.Findings)
	}
	var value *Value
	for i := range res.Values {
		if res.Values[i].Object == "Nightly" && res.Values[i].Field == "command" {
			value = &res.Values[i]
		}
	}
	if value == nil || !strings.Contains(value.Value, "2026-03-14") {
		t.Fatalf("the fixture's Nightly.command for a run at %s: %+v, want the day before", at, value)
	}
	if len(res.Graphs) != 1 || len(res.Graphs[0].Objects) < 2 {
		t.Fatalf("the fixture's graph: %+v (%s), want one with its objects", res.Graphs, res.GraphNote)
	}
	// The fix typed over the finding's range, and what the text is then:
	// the browser must see the finding go, as the native build does.
	u := utf16.Encode([]rune(text))
	fix := strings.Replace(string(utf16.Decode(u[f.From:f.To])), "Wroker", "Worker", 1)
	fixed := string(utf16.Decode(u[:f.From])) + fix + string(utf16.Decode(u[f.To:]))
	if find(newPlayground(t).Run(Request{Text: fixed, At: at}), f.Rule) != nil || fixed == text {
		t.Fatalf("the fixed fixture still has %s (or is unchanged): %q", f.Rule, fix)
	}
	var files []map[string]any
	for _, c := range []struct{ name, form string }{{"template.yaml", "cloudformation"}, {"main.tf", "terraform"}} {
		ft := fixture(t, c.name)
		fr := find(newPlayground(t).Run(Request{Text: ft, Form: c.form, At: at}), "DP2001")
		if fr == nil {
			t.Fatalf("%s has no DP2001 finding", c.name)
		}
		files = append(files, map[string]any{"name": c.name, "text": ft, "form": c.form, "rule": fr.Rule, "position": fmt.Sprintf("%d:%d", fr.Line, fr.Column)})
	}
	shot := filepath.Join(tmp, "playground.png")
	cfg := map[string]any{
		"url":         url,
		"userDataDir": filepath.Join(tmp, "chromium-profile"),
		"screenshot":  shot,
		"text":        text,
		"finding": map[string]any{
			"rule": f.Rule, "position": fmt.Sprintf("%d:%d", f.Line, f.Column), "from": f.From, "to": f.To,
		},
		"objects": res.Graphs[0].Objects,
		"fix":     fix,
		"fixed":   fixed,
		"files":   files,
		"at":      at,
		"value":   value,
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(tmp, "config.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, expected{screenshot: shot}
}
