package cli_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
)

// TestCorpus lints every real definition in ../shared/corpus and compares
// the findings with testdata/corpus-expectations.txt, both ways: a finding
// not listed is a false alarm to fix (or a defect to list, with its
// reason), and a listed one that is gone means the list is stale.
func TestCorpus(t *testing.T) {
	root := inRepoRoot(t)
	corpus := filepath.Join(testenv.SharedDir(t), "corpus")
	want := map[string]string{} // "path<TAB>line:col RULE" -> reason
	f, err := os.Open(filepath.Join(root, "testdata/corpus-expectations.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || strings.TrimSpace(parts[2]) == "" {
			t.Fatalf("corpus-expectations.txt:%d: want path<TAB>line:col RULE<TAB>reason", n)
		}
		want[parts[0]+"\t"+parts[1]] = parts[2]
	}

	t.Chdir(corpus)
	out, errOut, code := run(t, "", "lint", "--oneline", "--no-color", "--fail-level", "info", ".")
	if code == 3 || code == 2 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	line := regexp.MustCompile(`^(.+):(\d+):(\d+): (?:error|warning|info): .* \[(DP\d{4}) [a-z0-9-]+\]$`)
	got := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("unparsable output line: %q", l)
			continue
		}
		key := strings.TrimPrefix(m[1], "./") + "\t" + m[2] + ":" + m[3] + " " + m[4]
		got[key] = true
		if _, ok := want[key]; !ok {
			t.Errorf("unexpected finding (fix the false alarm, or list the defect with its reason):\n  %s", l)
		}
	}
	var missing []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		t.Errorf("listed finding no longer reported: %s", k)
	}
	// The files SOURCES.md marks as invalid JSON must each get a syntax finding.
	sources, err := os.ReadFile("SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	invalid := regexp.MustCompile("(?m)^\\| `([^`]+)` .*\\| cli \\(invalid JSON\\) \\|")
	named := invalid.FindAllStringSubmatch(string(sources), -1)
	if len(named) == 0 {
		t.Error("SOURCES.md lists no invalid JSON file: has its table format changed?")
	}
	for _, m := range named {
		matches, _ := filepath.Glob("*/" + m[1])
		if len(matches) != 1 {
			t.Errorf("SOURCES.md names %s, not found once in the corpus", m[1])
			continue
		}
		found := false
		for k := range got {
			if strings.HasPrefix(k, matches[0]+"\t") && strings.HasSuffix(k, " DP0001") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s is invalid JSON but got no DP0001 finding", matches[0])
		}
	}
}
