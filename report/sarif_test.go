package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dplint/dplint/internal/testenv"
)

// compileSARIFSchema is the OASIS schema the SARIF output is held to.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema { return testenv.SARIFSchema(t) }

func validateSARIF(t *testing.T, sch *jsonschema.Schema, doc string) error {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	return sch.Validate(v)
}

func decodeSARIF(t *testing.T, doc string) sarifLog {
	t.Helper()
	var log sarifLog
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("decoding: %v\n%s", err, doc)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

// TestSARIFSchema: every run renders to one document the SARIF 2.1.0 schema
// accepts; and the validation bites.
func TestSARIFSchema(t *testing.T) {
	withBase(t, "/repo")
	sch := compileSARIFSchema(t)
	all := runs(t)
	names := make([]string, 0, len(all))
	for name := range all {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			out := render(t, SARIF, all[name])
			if err := validateSARIF(t, sch, out); err != nil {
				t.Errorf("invalid SARIF: %v\n%s", err, out)
			}
			if again := render(t, SARIF, all[name]); again != out {
				t.Error("two renderings differ")
			}
		})
	}
	t.Run("broken documents are refused", func(t *testing.T) {
		good := render(t, SARIF, all["findings"])
		for _, bad := range []struct{ from, to string }{
			{`"level": "warning"`, `"level": "info"`},
			{`"startColumn": 10`, `"startColumn": 0`},
			{`"version": "2.1.0"`, `"version": "2.0.0"`},
			{`"ruleId"`, `"rule"`},
		} {
			doc := strings.Replace(good, bad.from, bad.to, 1)
			if doc == good {
				t.Fatalf("%s is not in the document", bad.from)
			}
			if validateSARIF(t, sch, doc) == nil {
				t.Errorf("the schema accepts %s", bad.to)
			}
		}
	})
}

func TestSARIFContent(t *testing.T) {
	withBase(t, "/repo")
	all := runs(t)

	t.Run("empty", func(t *testing.T) {
		log := decodeSARIF(t, render(t, SARIF, all["empty"]))
		r := log.Runs[0]
		if log.Version != "2.1.0" || r.Results == nil || len(r.Results) != 0 {
			t.Errorf("version %q, results %v", log.Version, r.Results)
		}
		d := r.Tool.Driver
		if d.Name != "dplint" || d.Version != "1.2.3" || d.InformationURI != "https://github.com/dplint/dplint" {
			t.Errorf("driver %+v", d)
		}
		if len(d.Rules) != 3 {
			t.Fatalf("%d rules, want 3", len(d.Rules))
		}
		want := []sarifRule{
			{ID: "DP0002", Name: "duplicate-key", ShortDescription: sarifMessage{"a key is repeated"}, FullDescription: sarifMessage{"a key is repeated\n\nThe last value wins."},
				HelpURI: helpBase + "DP0002.md", DefaultConfiguration: sarifConfiguration{"warning"}},
			{ID: "DP0005", Name: "unrendered-template", ShortDescription: sarifMessage{"a template not rendered yet"}, FullDescription: sarifMessage{"a template not rendered yet"},
				HelpURI: helpBase + "DP0005.md", DefaultConfiguration: sarifConfiguration{"note"}},
			{ID: "DP1005", Name: "duplicate-object-id", ShortDescription: sarifMessage{"an id is used twice"}, FullDescription: sarifMessage{"an id is used twice\n\nIds must be unique."},
				HelpURI: helpBase + "DP1005.md", DefaultConfiguration: sarifConfiguration{"error"}},
		}
		for i := range want {
			if d.Rules[i] != want[i] {
				t.Errorf("rule %d: %+v, want %+v", i, d.Rules[i], want[i])
			}
		}
		if len(r.Invocations) != 1 || !r.Invocations[0].ExecutionSuccessful || len(r.Invocations[0].ToolExecutionNotifications) != 0 {
			t.Errorf("invocations %+v", r.Invocations)
		}
		if got := r.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///repo/" {
			t.Errorf("%%SRCROOT%% is %q, want file:///repo/", got)
		}
		if r.ColumnKind != "utf16CodeUnits" {
			t.Errorf("columnKind %q", r.ColumnKind)
		}
	})

	t.Run("findings", func(t *testing.T) {
		r := decodeSARIF(t, render(t, SARIF, all["findings"])).Runs[0]
		if len(r.Results) != 3 {
			t.Fatalf("%d results, want 3", len(r.Results))
		}
		res := r.Results[0]
		if res.RuleID != "DP1005" || res.RuleIndex == nil || *res.RuleIndex != 2 || res.Level != "error" || res.Message.Text != "object id 'Copy' is already used by the object at line 2" {
			t.Errorf("result %+v", res)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation != (sarifArtifactLocation{URI: "pipelines/a.json", URIBaseID: "%SRCROOT%"}) {
			t.Errorf("artifact %+v", loc.ArtifactLocation)
		}
		want := sarifRegion{StartLine: 3, StartColumn: 10, EndLine: 3, EndColumn: 16, Snippet: &sarifSnippet{`  {"id": "Copy", "type": "CopyActivity",`}}
		if *loc.Region.Snippet != *want.Snippet || regionCols(*loc.Region) != regionCols(want) {
			t.Errorf("region %+v %q, want %+v %q", *loc.Region, loc.Region.Snippet.Text, want, want.Snippet.Text)
		}
		if len(res.RelatedLocations) != 1 {
			t.Fatalf("related %+v", res.RelatedLocations)
		}
		rel := res.RelatedLocations[0]
		if rel.Message == nil || rel.Message.Text != "first object with this id" || rel.PhysicalLocation.ArtifactLocation.URI != "pipelines/a.json" ||
			regionCols(*rel.PhysicalLocation.Region) != [4]int{2, 10, 2, 16} {
			t.Errorf("related %+v %+v", rel, rel.PhysicalLocation.Region)
		}
		if r.Results[1].Level != "warning" || *r.Results[1].RuleIndex != 0 {
			t.Errorf("second result %+v", r.Results[1])
		}
		multi := r.Results[2]
		if multi.Level != "note" || *multi.RuleIndex != 1 {
			t.Errorf("third result %+v", multi)
		}
		reg := multi.Locations[0].PhysicalLocation.Region
		if regionCols(*reg) != [4]int{3, 3, 4, 18} || reg.Snippet.Text != "  {\"id\": \"Copy\", \"type\": \"CopyActivity\",\n   \"scheduleType\": \"cron\", \"scheduleType\": \"ondemand\"}" {
			t.Errorf("multi-line region %+v %q", *reg, reg.Snippet.Text)
		}
	})

	t.Run("UTF-16 columns", func(t *testing.T) {
		r := decodeSARIF(t, render(t, SARIF, all["wide"])).Runs[0]
		loc := r.Results[0].Locations[0].PhysicalLocation
		// "bad" is at byte column 18, rune column 14, UTF-16 column 15.
		if got := regionCols(*loc.Region); got != [4]int{2, 15, 2, 20} {
			t.Errorf("region %v, want [2 15 2 20] (UTF-16 code units)", got)
		}
		if loc.Region.Snippet.Text != `  "k": "é😀", "bad": 1,` {
			t.Errorf("snippet %q", loc.Region.Snippet.Text)
		}
		// Outside the base directory: an absolute URI, no base id.
		if loc.ArtifactLocation != (sarifArtifactLocation{URI: "file:///elsewhere/wide.json"}) {
			t.Errorf("artifact %+v", loc.ArtifactLocation)
		}
		if got := r.Results[1].Locations[0].PhysicalLocation.Region.Snippet.Text; got != `  "*password": "****"}]}` {
			t.Errorf("secret's snippet %q, want it masked", got)
		}
	})

	t.Run("failed", func(t *testing.T) {
		r := decodeSARIF(t, render(t, SARIF, all["failed"])).Runs[0]
		inv := r.Invocations[0]
		if inv.ExecutionSuccessful {
			t.Error("executionSuccessful is true with failed files")
		}
		if len(inv.ToolExecutionNotifications) != 2 {
			t.Fatalf("notifications %+v", inv.ToolExecutionNotifications)
		}
		n := inv.ToolExecutionNotifications[0]
		if n.Level != "error" || n.Message.Text != "missing.json: no such file or directory" || n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "missing.json" {
			t.Errorf("notification %+v", n)
		}
		if n := inv.ToolExecutionNotifications[1]; n.Message.Text != "internal error in rule DP9999: boom" || n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "pipelines/broken.json" {
			t.Errorf("notification %+v", n)
		}
		if len(r.Results) != 1 || r.Results[0].Message.Text != "found before the failure" {
			t.Errorf("results %+v", r.Results)
		}
	})
}

func regionCols(r sarifRegion) [4]int {
	return [4]int{r.StartLine, r.StartColumn, r.EndLine, r.EndColumn}
}

func TestSARIFPaths(t *testing.T) {
	withBase(t, "/work/my repo")
	b := newBase()
	for _, c := range []struct {
		path string
		want sarifArtifactLocation
	}{
		{"a.json", sarifArtifactLocation{URI: "a.json", URIBaseID: "%SRCROOT%"}},
		{"./dir/../pipelines/b c.json", sarifArtifactLocation{URI: "pipelines/b%20c.json", URIBaseID: "%SRCROOT%"}},
		{"/work/my repo/x/y.json", sarifArtifactLocation{URI: "x/y.json", URIBaseID: "%SRCROOT%"}},
		{"../other/z.json", sarifArtifactLocation{URI: "file:///work/other/z.json"}},
		{"/work/my repository/z.json", sarifArtifactLocation{URI: "file:///work/my%20repository/z.json"}},
		{"<stdin>", sarifArtifactLocation{URI: "%3Cstdin%3E", URIBaseID: "%SRCROOT%"}},
		{"a:b.json", sarifArtifactLocation{URI: "./a:b.json", URIBaseID: "%SRCROOT%"}},
	} {
		if got := b.sarifArtifact(c.path); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.path, got, c.want)
		}
	}
	log := decodeSARIF(t, render(t, SARIF, &Run{}))
	if got := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///work/my%20repo/" {
		t.Errorf("%%SRCROOT%% is %q", got)
	}
}

// TestSARIFGoldens: the sarif goldens of testdata/format (dplint's real
// rules, rendered by the command) are valid too, and each result's
// ruleIndex points at its rule.
func TestSARIFGoldens(t *testing.T) {
	sch := compileSARIFSchema(t)
	files, err := filepath.Glob("../testdata/format/*.sarif.golden")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sarif goldens (%v)", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, doc, ok := strings.Cut(string(data), "--- stdout\n")
		doc, _, ok2 := strings.Cut(doc, "--- stderr\n")
		if !ok || !ok2 {
			t.Fatalf("%s: not a golden of the command's output", file)
		}
		doc = strings.ReplaceAll(doc, "$ROOT", "/root")
		if err := validateSARIF(t, sch, doc); err != nil {
			t.Errorf("%s: invalid SARIF: %v", file, err)
		}
		r := decodeSARIF(t, doc).Runs[0]
		for i, res := range r.Results {
			if res.RuleIndex == nil || *res.RuleIndex >= len(r.Tool.Driver.Rules) || r.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID {
				t.Errorf("%s: result %d (%s) has a wrong ruleIndex", file, i, res.RuleID)
			}
		}
	}
}
