package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// JSONVersion is the version of the json format's document. It changes only
// when a field changes meaning or goes away; new fields may be added.
const JSONVersion = 1

type jsonDoc struct {
	Version     int              `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      []jsonError      `json:"errors"`
	// Baseline is present only when the run had one.
	Baseline *jsonBaseline `json:"baseline,omitempty"`
}

// jsonBaseline is what the baseline did: the findings it holds are not in
// diagnostics (they neither fail the run nor need a look), baselined counts
// them, and gone counts the findings it holds for the files linted that
// no longer occur.
type jsonBaseline struct {
	File      string `json:"file"`
	Baselined int    `json:"baselined"`
	Gone      int    `json:"gone"`
}

type jsonPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

type jsonRange struct {
	Start jsonPosition `json:"start"`
	End   jsonPosition `json:"end"`
}

type jsonRule struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type jsonRelated struct {
	Range   jsonRange `json:"range"`
	Message string    `json:"message"`
}

type jsonDiagnostic struct {
	File       string        `json:"file"`
	Definition string        `json:"definition"`
	Range      jsonRange     `json:"range"`
	Pointer    string        `json:"pointer"`
	Object     string        `json:"object"`
	Rule       jsonRule      `json:"rule"`
	Severity   string        `json:"severity"`
	Origin     diag.Origin   `json:"origin"`
	Message    string        `json:"message"`
	Related    []jsonRelated `json:"related,omitempty"`
	Fix        *jsonFix      `json:"fix,omitempty"`
	// Folded are findings this one explains, each with its own range (present
	// only when there are some; version 1 only gains fields).
	Folded []jsonDiagnostic `json:"folded,omitempty"`
}

// jsonFix is an edit that repairs the finding: the range's text becomes
// newText.
type jsonFix struct {
	Message string    `json:"message"`
	Range   jsonRange `json:"range"`
	NewText string    `json:"newText"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

func pos(p source.Position) jsonPosition { return jsonPosition(p) }

func jsonDiagnosticOf(dg diag.Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{
		File: dg.File, Definition: dg.Definition,
		Range:   jsonRange{Start: pos(dg.Start), End: pos(dg.End)},
		Pointer: dg.Pointer, Object: dg.Object,
		Rule:     jsonRule{ID: dg.Rule.ID, Name: dg.Rule.Name},
		Severity: dg.Severity.String(), Origin: dg.Rule.Origin, Message: dg.Message,
	}
	if fx := dg.Fix; fx != nil {
		jd.Fix = &jsonFix{Message: fx.Message, Range: jsonRange{Start: pos(fx.Start), End: pos(fx.End)}, NewText: fx.NewText}
	}
	for _, r := range dg.Related {
		jd.Related = append(jd.Related, jsonRelated{Range: jsonRange{Start: pos(r.Start), End: pos(r.End)}, Message: r.Message})
	}
	return jd
}

// JSON writes {"version": 1, "diagnostics": [...], "errors": [...]}: every
// finding with its file, byte range (1-based line and byte column, 0-based
// offset), JSON Pointer, object id, rule, severity, origin, message and,
// when the rule has one, a fix;
// errors lists files that could not be linted at all; with a baseline,
// baseline says what it did (the findings it holds are not in diagnostics).
//
// The document is written a finding at a time, byte for byte what encoding
// the whole jsonDoc with a two-space indent would give: a big definition's
// 240,000 findings made a 150 MB document that was built, then indented, in
// memory (TestJSONStreamsTheDocument holds the two equal).
func JSON(w, _ io.Writer, run *Run, _ Options) error {
	out := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(out, "{\n  \"version\": %d,\n  \"diagnostics\": [", JSONVersion)
	list := newJSONList(out, "    ")
	for _, f := range run.Files {
		for _, d := range f.Definitions {
			for _, dg := range d.Diagnostics {
				jd := jsonDiagnosticOf(dg)
				for _, fd := range dg.Folded {
					jd.Folded = append(jd.Folded, jsonDiagnosticOf(fd))
				}
				if err := list.add(jd); err != nil {
					return fmt.Errorf("json: %w", err)
				}
			}
		}
	}
	list.end()
	out.WriteString("],\n  \"errors\": [")
	list = newJSONList(out, "    ")
	for _, f := range run.Files {
		if f.Err != nil {
			if err := list.add(jsonError{File: f.Path, Message: f.Err.Error()}); err != nil {
				return fmt.Errorf("json: %w", err)
			}
		}
	}
	list.end()
	out.WriteString("]")
	if bs := run.Baseline; bs != nil {
		item, err := newIndentedEncoder("  ").encode(jsonBaseline{File: bs.Path, Baselined: bs.Baselined, Gone: bs.Gone})
		if err != nil {
			return fmt.Errorf("json: %w", err)
		}
		out.WriteString(",\n  \"baseline\": ")
		out.Write(bytes.TrimSuffix(item, []byte("\n")))
	}
	out.WriteString("\n}\n")
	return out.Flush()
}
