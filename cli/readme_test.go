package cli_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

// TestReadmeIsTrue keeps the README's rule table, flag table and format
// list in step with the code.
func TestReadmeIsTrue(t *testing.T) {
	root := inRepoRoot(t)
	data, err := os.ReadFile(root + "/README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, r := range rules.All() {
		row := regexp.MustCompile(`(?m)^\| ` + r.ID + ` \| ` + regexp.QuoteMeta(r.Name) + ` \| ` + r.Severity.String() + ` \| ` + string(r.Origin) + ` \|`)
		if !row.MatchString(readme) {
			t.Errorf("README's rule table lacks the row for %s %s (%s, %s)", r.ID, r.Name, r.Severity, r.Origin)
		}
	}
	rows := regexp.MustCompile(`(?m)^\| (DP\d{4}) \|`).FindAllStringSubmatch(readme, -1)
	if len(rows) != len(rules.All()) {
		t.Errorf("README lists %d rules, dplint has %d", len(rows), len(rules.All()))
	}
	_, help, _ := run(t, "", "lint", "--help")
	flags := regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(help, -1)
	if len(flags) < 10 {
		t.Fatalf("found only %d flags in `dplint lint --help`:\n%s", len(flags), help)
	}
	for _, m := range flags {
		if !strings.Contains(readme, "`--"+m[1]) {
			t.Errorf("README does not document the lint flag --%s", m[1])
		}
	}
	for _, f := range report.Names() {
		if !strings.Contains(readme, "**"+f+"**") {
			t.Errorf("README does not describe the %s format", f)
		}
	}
}
