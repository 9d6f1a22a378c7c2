package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// wholeDocument is the json format as it was written before it streamed:
// the whole jsonDoc built, then encoded with a two-space indent.
func wholeDocument(t *testing.T, run *Run) string {
	t.Helper()
	doc := jsonDoc{Version: JSONVersion, Diagnostics: []jsonDiagnostic{}, Errors: []jsonError{}}
	for _, f := range run.Files {
		if f.Err != nil {
			doc.Errors = append(doc.Errors, jsonError{File: f.Path, Message: f.Err.Error()})
		}
		for _, d := range f.Definitions {
			for _, dg := range d.Diagnostics {
				jd := jsonDiagnosticOf(dg)
				for _, fd := range dg.Folded {
					jd.Folded = append(jd.Folded, jsonDiagnosticOf(fd))
				}
				doc.Diagnostics = append(doc.Diagnostics, jd)
			}
		}
	}
	if bs := run.Baseline; bs != nil {
		doc.Baseline = &jsonBaseline{File: bs.Path, Baselined: bs.Baselined, Gone: bs.Gone}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestJSONStreamsTheDocument: the json format, written a finding at a time,
// is byte for byte the document encoding/json makes of the whole, for every
// run the formats are tried on and one with folded findings, a fix and
// characters encoding/json would escape as HTML by default.
func TestJSONStreamsTheDocument(t *testing.T) {
	all := runs(t)
	f := source.Parse("<a&b>.json", []byte(dupContent))
	outer := finding(t, f, "DP1005", "duplicate-object-id", diag.Error, `"Copy"`, 1, "explains <two> & more")
	outer.Folded = []diag.Diagnostic{finding(t, f, "DP0002", "duplicate-key", diag.Warning, `"scheduleType"`, 0, "folded")}
	s, e := span(t, f, `"Copy"`, 1)
	outer.Fix = &diag.Fix{Message: "rename", Start: s, End: e, NewText: `"Copy2"`}
	all["folded"] = &Run{Rules: testRules, Version: "1.2.3", Files: []*diag.File{fileOf(f, outer)},
		Baseline: &diag.BaselineSummary{Path: "<base>.json", Baselined: 3}}
	for name, run := range all {
		if got, want := render(t, JSON, run), wholeDocument(t, run); got != want {
			t.Errorf("%s: streamed document differs\n got: %s\nwant: %s", name, got, want)
		}
	}
}
