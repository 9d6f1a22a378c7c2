package report

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

func decodeLSP(t *testing.T, doc string) lspDoc {
	t.Helper()
	var d lspDoc
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("decoding: %v\n%s", err, doc)
	}
	if dec.More() {
		t.Fatalf("more than one document:\n%s", doc)
	}
	return d
}

func TestLSP(t *testing.T) {
	withBase(t, "/repo")
	all := runs(t)

	if got, want := render(t, LSP, all["empty"]), "{\n  \"version\": 1,\n  \"files\": [],\n  \"errors\": []\n}\n"; got != want {
		t.Errorf("empty run:\n%s\nwant\n%s", got, want)
	}
	clean := decodeLSP(t, render(t, LSP, all["clean"]))
	if len(clean.Files) != 1 || clean.Files[0].URI != "file:///repo/pipelines/clean.json" || clean.Files[0].Diagnostics == nil || len(clean.Files[0].Diagnostics) != 0 {
		t.Errorf("a clean file is listed with no diagnostics: %+v", clean)
	}

	d := decodeLSP(t, render(t, LSP, all["findings"]))
	uri := "file:///repo/pipelines/a.json"
	rng := func(l1, c1, l2, c2 int) lspRange { return lspRange{lspPosition{l1, c1}, lspPosition{l2, c2}} }
	want := []lspDiagnostic{
		{Range: rng(2, 9, 2, 15), Severity: 1, Code: "DP1005", CodeDescription: &lspCodeDescription{helpBase + "DP1005.md"}, Source: "dplint",
			Message:            "object id 'Copy' is already used by the object at line 2",
			RelatedInformation: []lspRelated{{Location: lspLocation{URI: uri, Range: rng(1, 9, 1, 15)}, Message: "first object with this id"}}},
		{Range: rng(3, 3, 3, 17), Severity: 2, Code: "DP0002", CodeDescription: &lspCodeDescription{helpBase + "DP0002.md"}, Source: "dplint",
			Message:            "key \"scheduleType\" is repeated at line 4",
			RelatedInformation: []lspRelated{{Location: lspLocation{URI: uri, Range: rng(3, 27, 3, 41)}, Message: "the value that wins"}}},
		{Range: rng(2, 2, 3, 17), Severity: 3, Code: "DP0005", CodeDescription: &lspCodeDescription{helpBase + "DP0005.md"}, Source: "dplint",
			Message: "50% done,\r\nsee: here"},
	}
	if len(d.Files) != 1 || d.Files[0].URI != uri || !reflect.DeepEqual(d.Files[0].Diagnostics, want) {
		t.Errorf("findings:\n%+v\nwant\n%+v", d.Files, want)
	}

	// "bad" is at byte column 18, UTF-16 column 15: character 14.
	w := decodeLSP(t, render(t, LSP, all["wide"]))
	if got := w.Files[0].Diagnostics[0].Range; got != rng(1, 14, 1, 19) {
		t.Errorf("UTF-16 range %+v, want line 1, characters 14 to 19", got)
	}
	if w.Files[0].URI != "file:///elsewhere/wide.json" {
		t.Errorf("uri %q", w.Files[0].URI)
	}

	f := decodeLSP(t, render(t, LSP, all["failed"]))
	wantErrs := []jsonError{
		{File: "missing.json", Message: "missing.json: no such file or directory"},
		{File: "pipelines/broken.json", Message: "internal error in rule DP9999: boom"},
	}
	if !reflect.DeepEqual(f.Errors, wantErrs) {
		t.Errorf("errors %+v, want %+v", f.Errors, wantErrs)
	}
	// The unreadable file has no diagnostics to publish; the one that
	// failed half-way has what was found.
	if len(f.Files) != 1 || f.Files[0].URI != "file:///repo/pipelines/broken.json" || len(f.Files[0].Diagnostics) != 1 {
		t.Errorf("files %+v", f.Files)
	}

	// A rule without a page has no codeDescription.
	dup := source.Parse("pipelines/a.json", []byte(dupContent))
	r := &Run{Files: []*diag.File{fileOf(dup, finding(t, dup, "DP0001", "no-page", diag.Error, `"Copy"`, 0, "m"))}}
	for _, dg := range decodeLSP(t, render(t, LSP, r)).Files[0].Diagnostics {
		if dg.CodeDescription != nil {
			t.Errorf("codeDescription %+v without a rule page", dg.CodeDescription)
		}
	}
}
