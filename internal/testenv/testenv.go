// Package testenv is how tests reach what lies outside the repository: the
// shared reference folder (../shared beside the checkout, or $DPLINT_SHARED)
// and outside tools (the AWS CLI, moto_server, pre-commit, ...).
//
// Both skip with a clear message when missing, so `go test ./...` passes on
// a fresh machine; CI sets DPLINT_REQUIRE_SHARED=1 and DPLINT_REQUIRE_TOOLS=1,
// which turn those skips into failures.
package testenv

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// RepoRoot returns the module root (the directory holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// SharedDir returns the shared reference folder: $DPLINT_SHARED if set,
// else ../shared next to the repository. It is the one path through which
// tests read it.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("DPLINT_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(t), "..", "shared")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		msg := "shared reference folder not found at " + dir + " (set DPLINT_SHARED to its path)"
		if os.Getenv("DPLINT_REQUIRE_SHARED") == "1" {
			t.Fatal(msg)
		}
		t.Skip("skipping: " + msg)
	}
	return dir
}

// Tool returns the path of an outside command, or skips the test (fails
// under DPLINT_REQUIRE_TOOLS=1) when it is not installed.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed (on PATH); .ci/run installs it")
	}
	return p
}

// Missing skips the test because an outside tool (or a part of one, such
// as an editor's package) is missing, or fails it under
// DPLINT_REQUIRE_TOOLS=1. msg says what is missing and what installs it.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("DPLINT_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg)
	}
	t.Skip("skipping: " + msg)
}

// maxSeed leaves out the few large fixtures (limits tests of 10-50 KB):
// every execution and minimization on them is slow, and the fuzzer mutates
// small inputs better.
const maxSeed = 8 << 10

// AddFuzzSeeds adds every *.json file under the repository's testdata/
// and rules/testdata/ (fuzz corpora and files over 8 KiB excepted) and the
// given inputs to a fuzz target's seeds.
func AddFuzzSeeds(f *testing.F, extra ...string) {
	f.Helper()
	for _, dir := range []string{"testdata", filepath.Join("rules", "testdata")} {
		addSeeds(f, filepath.Join(RepoRoot(f), dir))
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

func addSeeds(f *testing.F, root string) {
	f.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && strings.HasPrefix(d.Name(), "fuzz"):
			return filepath.SkipDir // fuzz caches and corpora are not seeds
		case d.IsDir() || !strings.HasSuffix(d.Name(), ".json"):
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if len(data) <= maxSeed {
			f.Add(data)
		}
		return nil
	})
	if err != nil {
		f.Fatalf("walking %s: %v", root, err)
	}
}
