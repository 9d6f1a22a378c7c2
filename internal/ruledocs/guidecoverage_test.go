package ruledocs_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/rules"
)

// normativePhrases is the fixed list of words that make a sentence of the
// Developer Guide normative (docs/guide-coverage.md repeats it). Matching is
// case-insensitive and on word boundaries.
var normativePhrases = []string{
	"must", "required", "is not allowed", "not allowed", "only", "cannot", "can't",
	"at most", "at least", "no more than", "maximum", "minimum", "is not supported",
	"not supported", "you must also", "causes an error", "values are", "in the format",
	"in the form", "the format", "valid values",
}

// coverageReasons are the ways a statement can be covered without a rule.
var coverageReasons = []string{
	"run time", "outside the definition", "unclear", "contradicted", "not normative",
}

var (
	phraseRE = func() *regexp.Regexp {
		alts := make([]string, len(normativePhrases))
		for i, p := range normativePhrases {
			alts[i] = regexp.QuoteMeta(p)
		}
		return regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
	}()
	codeBlockRE = regexp.MustCompile("(?s)```.*?```")
	anchorRE    = regexp.MustCompile(`<a name="[^"]*"></a>`)
	linkRE      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	sentenceRE  = regexp.MustCompile(`[.!?](?:\s+|$)|\s*\|\s*|\n`)
	spaceRE     = regexp.MustCompile(`\s+`)
	ruleIDRE    = regexp.MustCompile(`\bDP\d{4}\b`)
)

// normalize removes the markdown the guide's conversion left in (escapes,
// anchors, links, emphasis, code ticks) and collapses white space, so a
// quote in the coverage table can be written as the page reads.
func normalize(s string) string {
	s = anchorRE.ReplaceAllString(s, "")
	s = linkRE.ReplaceAllString(s, "$1")
	s = strings.NewReplacer(`\`, "", "**", "", "`", "", "&nbsp;", " ", "’", "'", "“", `"`, "”", `"`).Replace(s)
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}

// guideSentence is one normative sentence (or table cell) of a page.
type guideSentence struct {
	page, text string
}

// normativeSentences reads a page and returns every sentence that holds a
// normative phrase. Headings and code blocks are skipped: a heading such as
// "Required Fields" names a table, whose rows the catalog is built from.
func normativeSentences(page, text string) []guideSentence {
	text = codeBlockRE.ReplaceAllString(text, "\n")
	var out []guideSentence
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "| ---") || strings.HasPrefix(trimmed, "|---") {
			continue
		}
		for _, s := range sentenceRE.Split(normalize(line), -1) {
			s = strings.TrimSpace(s)
			if s != "" && phraseRE.MatchString(s) {
				out = append(out, guideSentence{page, s})
			}
		}
	}
	return out
}

// coverageRow is one row of docs/guide-coverage.md.
type coverageRow struct {
	page, quote, by string
	line            int
	used            bool
}

// readCoverage reads the rows of docs/guide-coverage.md: a "## page.md"
// heading, then a table of | quote | checked by |.
func readCoverage(t *testing.T, path string) (rows []*coverageRow, skipped map[string]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	skipped = map[string]string{}
	page := ""
	for i, line := range strings.Split(string(data), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			page = strings.Trim(strings.TrimSpace(h), "`")
			if !strings.HasSuffix(page, ".md") {
				page = ""
			}
			continue
		}
		if page == "" || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| ---") || strings.HasPrefix(line, "| statement |") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), " | ")
		if len(cells) != 2 {
			t.Errorf("docs/guide-coverage.md:%d: a row has two cells, statement and checked by: %q", i+1, line)
			continue
		}
		quote := normalize(strings.Trim(strings.TrimSpace(cells[0]), `"`))
		by := strings.TrimSpace(cells[1])
		if quote == "*" {
			skipped[page] = by
			continue
		}
		rows = append(rows, &coverageRow{page: page, quote: quote, by: by, line: i + 1})
	}
	return rows, skipped
}

// checkCoveredBy: a row names rules that exist, or starts with a reason.
func checkCoveredBy(row *coverageRow) error {
	ids := ruleIDRE.FindAllString(row.by, -1)
	for _, id := range ids {
		if rules.Lookup(id) == nil {
			return fmt.Errorf("names %s, which is not a rule", id)
		}
	}
	if len(ids) > 0 {
		return nil
	}
	for _, r := range coverageReasons {
		if rest, ok := strings.CutPrefix(row.by, r+": "); ok && len(rest) > 3 {
			return nil
		}
	}
	return fmt.Errorf("names neither a rule nor a reason (%s: why)", strings.Join(coverageReasons, ", "))
}

// TestGuideCoverage: every normative sentence of the Developer Guide has a
// row in docs/guide-coverage.md naming the rule that checks it or the reason
// it is not checked, and every row still quotes a sentence of its page.
func TestGuideCoverage(t *testing.T) {
	guide := filepath.Join(testenv.SharedDir(t), "reference", "datapipeline-guide")
	rows, skipped := readCoverage(t, filepath.Join(testenv.RepoRoot(t), "docs", "guide-coverage.md"))
	byPage := map[string][]*coverageRow{}
	for _, r := range rows {
		byPage[r.page] = append(byPage[r.page], r)
		if err := checkCoveredBy(r); err != nil {
			t.Errorf("docs/guide-coverage.md:%d (%s): %v", r.line, r.page, err)
		}
		if strings.Contains(strings.ToLower(r.by), "no rule yet") {
			t.Errorf("docs/guide-coverage.md:%d (%s): says \"no rule yet\": name the rule that checks it, or give a final reason (%s: why)",
				r.line, r.page, strings.Join(coverageReasons, ", "))
		}
	}
	pages, err := filepath.Glob(filepath.Join(guide, "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in %s (%v)", guide, err)
	}
	var missing []string
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		sentences := normativeSentences(name, string(data))
		if reason, ok := skipped[name]; ok {
			if !hasReason(reason) {
				t.Errorf("docs/guide-coverage.md: the whole of %s is left out without a reason: %q", name, reason)
			}
			continue
		}
		for _, s := range sentences {
			if !covered(byPage[name], s.text) {
				missing = append(missing, fmt.Sprintf("%s\t%s", name, s.text))
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no row in docs/guide-coverage.md for: %s", m)
	}
	for _, r := range rows {
		if !r.used {
			t.Errorf("docs/guide-coverage.md:%d: %q is not a normative sentence of %s (stale row?)", r.line, r.quote, r.page)
		}
	}
}

func hasReason(s string) bool {
	for _, r := range coverageReasons {
		if strings.HasPrefix(s, r+": ") {
			return true
		}
	}
	return false
}

// covered reports whether a row of the page quotes part of the sentence.
func covered(rows []*coverageRow, sentence string) bool {
	ok := false
	low := strings.ToLower(sentence)
	for _, r := range rows {
		if strings.Contains(low, strings.ToLower(r.quote)) {
			r.used = true
			ok = true
		}
	}
	return ok
}

// TestGuideCoveragePhrases: the phrase list in docs/guide-coverage.md is the
// one the test uses.
func TestGuideCoveragePhrases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "docs", "guide-coverage.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range normativePhrases {
		if !strings.Contains(string(data), "`"+p+"`") {
			t.Errorf("docs/guide-coverage.md does not list the phrase `%s`", p)
		}
	}
	for _, r := range coverageReasons {
		if !strings.Contains(string(data), "`"+r+"`") {
			t.Errorf("docs/guide-coverage.md does not explain the reason `%s`", r)
		}
	}
}

// TestNormativeSentences: the extractor finds table cells and sentences and
// skips headings and code.
func TestNormativeSentences(t *testing.T) {
	page := "# Required Fields<a name=\"x\"></a>\n" +
		"Some text\\. You must set `period`\\. Nothing here\\.\n" +
		"| runsOn | This field is not allowed on this object\\. | Reference |\n" +
		"```\n\"must\": 1\n```\n"
	got := normativeSentences("p.md", page)
	want := []string{"You must set period", "This field is not allowed on this object"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].text != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, got[i].text, want[i])
		}
	}
}
