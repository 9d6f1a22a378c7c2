package ruledocs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/ruledocs"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/rules"
)

// TestRulesDoc: docs/rules.md is what `dplint rules --markdown` prints now.
func TestRulesDoc(t *testing.T) {
	root := testenv.RepoRoot(t)
	want, err := ruledocs.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "docs/rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is stale: run `go run ./cmd/dplint rules --markdown > docs/rules.md`")
	}
}

// TestRuleExamples: every rule has an example, and dplint reports that
// rule on it.
func TestRuleExamples(t *testing.T) {
	for _, r := range rules.All() {
		if r.Example.Text() == "" {
			t.Errorf("%s %s has no example", r.ID, r.Name)
			continue
		}
		out, err := ruledocs.ExampleFindings(r)
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		if !strings.Contains(out, "["+r.ID+" "+r.Name+"]") {
			t.Errorf("%s's example does not trigger it; dplint says:\n%s", r.ID, out)
		}
	}
}

// TestRulePages: docs/rules/<ID>.md exists for every rule and is what
// `dplint rules --docs docs/rules` writes now (each re-runs its example).
func TestRulePages(t *testing.T) {
	root := testenv.RepoRoot(t)
	for _, r := range rules.All() {
		want, err := ruledocs.Page(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, "docs/rules", r.ID+".md"))
		if err != nil || string(got) != want {
			t.Errorf("docs/rules/%s.md is missing or stale: run `go run ./cmd/dplint rules --docs docs/rules`", r.ID)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, "docs/rules"))
	if len(entries) != len(rules.All()) {
		t.Errorf("docs/rules has %d pages for %d rules", len(entries), len(rules.All()))
	}
}
