package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

// caseExts are the inputs a rule's testdata folder may hold: definitions,
// CloudFormation templates and Terraform files.
var caseExts = []string{".json", ".yaml", ".yml", ".template", ".tf"}

// cases lists the inputs of testdata/<ID>: every file with a case
// extension but the saved service answers (<case>.response.json).
func cases(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".response.json") {
			continue
		}
		for _, ext := range caseExts {
			if strings.HasSuffix(name, ext) {
				out = append(out, filepath.Join(dir, name))
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestGoldens lints every testdata/<ID>/<case> with every rule on and
// compares the exact one-line text output (what `dplint lint --oneline
// --no-color` prints) with <case>.golden. Each case must trigger the rule
// its folder names. A sibling <case>.response.json is a saved answer of the
// service (the remote rules), given to the linter as remote mode would.
// Update with `go test ./rules -update` and review the diff like code.
func TestGoldens(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		id := d.Name()
		if !d.IsDir() || strings.HasPrefix(id, "fuzz") {
			continue
		}
		if rules.Lookup(id) == nil {
			t.Errorf("testdata/%s: no rule has this id", id)
			continue
		}
		dir := filepath.Join("testdata", id)
		g := goldie.New(t, goldie.WithFixtureDir(dir), goldie.WithNameSuffix(".golden"))
		for _, file := range cases(t, dir) {
			name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
			t.Run(id+"/"+name, func(t *testing.T) {
				out := lintCase(t, file)
				if !strings.Contains(out, "["+id+" ") {
					t.Errorf("%s does not trigger %s; output:\n%s", file, id, out)
				}
				g.Assert(t, name, []byte(out))
			})
		}
	}
}

// lintCase lints one case as the command line does and renders its
// findings in the one-line text format.
func lintCase(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cfg := lint.Config{Strict: true} // a case is named, as on the command line; --strict shows DP0007
	response := strings.TrimSuffix(file, ".json") + ".response.json"
	if saved, err := os.ReadFile(response); err == nil {
		answer, err := remote.ReadAnswer(response, saved)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Remote = func(*definition.Definition) (remote.Reply, error) { return remote.Reply{Answer: answer}, nil }
	}
	l, err := lint.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := l.LintNamed(file, data)
	if res.Err != nil {
		t.Fatalf("%s could not be linted: %v", file, res.Err)
	}
	run := &report.Run{}
	if !res.Skipped {
		run.Files = []*diag.File{res}
	}
	var out bytes.Buffer
	if err := report.Text(&out, &out, run, report.Options{Oneline: true}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var (
	idPattern   = regexp.MustCompile(`^(DP|IA)\d{4}$`)
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// TestEveryRuleHasItsHome: each registered rule has a well-formed id and
// name, both unique, and everything that belongs to it where CONTRIBUTING.md
// says: its file rules/dpNNNN_<name>.go, an example, a testdata folder with
// at least one case, and its docs page.
func TestEveryRuleHasItsHome(t *testing.T) {
	root := testenv.RepoRoot(t)
	seen := map[string]bool{}
	for _, r := range rules.All() {
		if !idPattern.MatchString(r.ID) || !namePattern.MatchString(r.Name) {
			t.Errorf("%s %s: ids are DP or IA + 4 digits, names kebab-case", r.ID, r.Name)
		}
		if seen[r.ID] || seen[r.Name] {
			t.Errorf("%s %s: id or name used twice", r.ID, r.Name)
		}
		seen[r.ID], seen[r.Name] = true, true
		if rules.Lookup(r.ID) != r || rules.Lookup(r.Name) != r {
			t.Errorf("%s: Lookup does not find it by id and name", r.ID)
		}
		file := strings.ToLower(r.ID) + "_" + strings.ReplaceAll(r.Name, "-", "_") + ".go"
		if _, err := os.Stat(file); err != nil {
			t.Errorf("%s: its file rules/%s is missing", r.ID, file)
		}
		if r.Summary == "" || r.Severity == 0 || r.Origin == "" || r.Check == nil || r.Analyzer == nil {
			t.Errorf("%s: summary, severity, origin, check and analyzer are required", r.ID)
		}
		if r.Example.Text() == "" {
			t.Errorf("%s: no example", r.ID)
		}
		if _, err := os.Stat(filepath.Join("testdata", r.ID)); err != nil {
			t.Errorf("%s: no testdata folder rules/testdata/%s", r.ID, r.ID)
		} else if len(cases(t, filepath.Join("testdata", r.ID))) == 0 {
			t.Errorf("%s: rules/testdata/%s has no case", r.ID, r.ID)
		}
		if _, err := os.Stat(filepath.Join(root, "docs", "rules", r.ID+".md")); err != nil {
			t.Errorf("%s: no docs page docs/rules/%s.md (go run ./cmd/dplint rules --docs docs/rules)", r.ID, r.ID)
		}
		if r.Analyzer.URL != r.URL || !strings.HasSuffix(r.URL, "/docs/rules/"+r.ID+".md") {
			t.Errorf("%s: URL %q, analyzer URL %q", r.ID, r.URL, r.Analyzer.URL)
		}
	}
}
