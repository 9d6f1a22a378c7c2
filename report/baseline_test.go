package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBaselineInFormats: with a baseline, SARIF lists every finding with its
// baselineState and the run's properties.baseline; json leaves the known
// ones out of diagnostics and says what the baseline did; the formats that
// show findings to fix (text, github, lsp, aws) leave them out.
func TestBaselineInFormats(t *testing.T) {
	withBase(t, "/repo")
	run := runs(t)["baselined"]

	log := decodeSARIF(t, render(t, SARIF, run))
	var states []string
	for _, r := range log.Runs[0].Results {
		states = append(states, r.RuleID+" "+r.BaselineState)
	}
	if got := strings.Join(states, ","); got != "DP1005 new,DP0005 new,DP0002 unchanged" {
		t.Errorf("SARIF results %s, want the new ones, then the baselined one as unchanged", got)
	}
	if p := log.Runs[0].Properties; p == nil || *p.Baseline != (sarifBaseline{File: "dplint-baseline.json", Baselined: 1, Gone: 2}) {
		t.Errorf("SARIF run properties %+v", p)
	}
	for _, r := range decodeSARIF(t, render(t, SARIF, runs(t)["findings"])).Runs[0].Results {
		if r.BaselineState != "" {
			t.Errorf("a baselineState without a baseline: %+v", r)
		}
	}

	var doc jsonDoc
	if err := json.Unmarshal([]byte(render(t, JSON, run)), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Diagnostics) != 2 || doc.Baseline == nil || *doc.Baseline != (jsonBaseline{File: "dplint-baseline.json", Baselined: 1, Gone: 2}) {
		t.Errorf("json: %d diagnostics, baseline %+v; want 2 and the summary", len(doc.Diagnostics), doc.Baseline)
	}
	if out := render(t, JSON, runs(t)["findings"]); strings.Contains(out, `"baseline"`) {
		t.Errorf("json has a baseline without one:\n%s", out)
	}
	for name, f := range map[string]Formatter{"text": Text, "github": GitHub, "lsp": LSP} {
		if out := render(t, f, run); strings.Contains(out, "is repeated at line 4") {
			t.Errorf("%s shows the baselined finding:\n%s", name, out)
		}
	}
}
