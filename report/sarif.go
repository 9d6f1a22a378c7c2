package report

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// SARIF 2.1.0 (OASIS), the subset dplint writes. Field order is the
// document's order.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// SARIFBaseID is the uriBaseId of repository-relative artifact URIs.
	SARIFBaseID = "%SRCROOT%"
	// InformationURI is dplint's home page.
	InformationURI = "https://github.com/dplint/dplint"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
	Properties         *sarifRunProperties              `json:"properties,omitempty"`
}

// sarifRunProperties is the run's property bag: what the baseline did,
// which SARIF has no place of its own for (it knows a result's
// baselineState, not the findings gone).
type sarifRunProperties struct {
	Baseline *sarifBaseline `json:"baseline,omitempty"`
}

type sarifBaseline struct {
	File      string `json:"file"`
	Baselined int    `json:"baselined"`
	Gone      int    `json:"gone"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

// sarifMessage is a message or a multiformatMessageString: both hold text.
type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        *int            `json:"ruleIndex,omitempty"`
	Level            string          `json:"level"`
	Message          sarifMessage    `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
	BaselineState    string          `json:"baselineState,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	Message          *sarifMessage          `json:"message,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

// sarifLogicalLocation names the pipeline of a template a result is in.
type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion       `json:"deletedRegion"`
	InsertedContent sarifArtifactText `json:"insertedContent"`
}

type sarifArtifactText struct {
	Text string `json:"text"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int           `json:"startLine"`
	StartColumn int           `json:"startColumn"`
	EndLine     int           `json:"endLine"`
	EndColumn   int           `json:"endColumn"`
	Snippet     *sarifSnippet `json:"snippet,omitempty"`
}

type sarifSnippet struct {
	Text string `json:"text"`
}

// SARIF writes one SARIF 2.1.0 log with one run: the tool (dplint, its
// version and every rule), one invocation (executionSuccessful is false
// when a file could not be linted; each such file is a notification) and
// every finding as a result; with a baseline, the findings it holds too,
// each result's baselineState "new" or "unchanged", and the run's
// properties.baseline saying how many were baselined and how many are
// gone. Artifact URIs are relative to the working
// directory (uriBaseId %SRCROOT%, which originalUriBaseIds maps to the
// working directory's file: URI) when the file lies below it, absolute
// file: URIs otherwise. Columns count UTF-16 code units, 1-based (SARIF's
// default columnKind, stated in the run); snippets hold the region's
// lines, secrets masked.
func SARIF(w, _ io.Writer, run *Run, _ Options) error {
	b := newBase()
	ruleIndex := map[string]int{}
	driver := sarifDriver{Name: "dplint", Version: run.Version, InformationURI: InformationURI, Rules: []sarifRule{}}
	// The IoT Analytics rules are listed only in a run that linted an IoT
	// Analytics document: a Data Pipeline run's list stays the one of the
	// rules that can apply to it.
	iot := false
	for _, f := range run.Files {
		for _, d := range f.Definitions {
			iot = iot || d.Service == diag.IoTAnalytics
		}
	}
	for _, r := range run.Rules {
		if r.Service == diag.IoTAnalytics && !iot {
			continue
		}
		ruleIndex[r.ID] = len(driver.Rules)
		full := r.Summary
		if r.Doc != "" {
			full += "\n\n" + r.Doc
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, Name: r.Name,
			ShortDescription:     sarifMessage{Text: r.Summary},
			FullDescription:      sarifMessage{Text: full},
			HelpURI:              r.URL,
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		})
	}
	// With a baseline, every result says whether it is new or known
	// (SARIF's baselineState): viewers and code scanning can tell the two
	// apart, and the known ones stay on record.
	state := func(s string) string {
		if run.Baseline == nil {
			return ""
		}
		return s
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, f := range run.Files {
		if f.Err != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level:     "error",
				Message:   sarifMessage{Text: f.Err.Error()},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: b.sarifArtifact(f.Path)}}},
			})
		}
	}
	sr := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{inv},
		ColumnKind:  "utf16CodeUnits",
		Results:     []sarifResult{},
	}
	if bs := run.Baseline; bs != nil {
		sr.Properties = &sarifRunProperties{Baseline: &sarifBaseline{File: bs.Path, Baselined: bs.Baselined, Gone: bs.Gone}}
	}
	if b.dir != "" {
		sr.OriginalURIBaseIDs = map[string]sarifArtifactLocation{SARIFBaseID: {URI: strings.TrimSuffix(fileURI(b.dir), "/") + "/"}}
	}
	// The log is written around its results, and they one at a time
	// (writeAround): SARIF was the slowest format by far.
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{sr}}
	err := writeAround(w, log, `"results": []`, "        ", func(element func(any) error) error {
		for _, f := range run.Files {
			art := b.sarifArtifact(f.Path)
			for _, d := range f.Definitions {
				for _, dg := range d.Diagnostics {
					if err := element(sarifResultOf(f, art, dg, ruleIndex, state("new"))); err != nil {
						return err
					}
				}
				for _, dg := range d.Baselined {
					if err := element(sarifResultOf(f, art, dg, ruleIndex, state("unchanged"))); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	return nil
}

// sarifResultOf is one finding as a result; baselineState is "" without a
// baseline.
func sarifResultOf(f *diag.File, art sarifArtifactLocation, dg diag.Diagnostic, ruleIndex map[string]int, baselineState string) sarifResult {
	res := sarifResult{
		RuleID:  dg.Rule.ID,
		Level:   sarifLevel(dg.Severity),
		Message: sarifMessage{Text: dg.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: art, Region: sarifRegionOf(f, dg.Start, dg.End),
		}}},
		BaselineState: baselineState,
	}
	if dg.Definition != "" && dg.Definition != dg.File {
		res.Locations[0].LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: dg.Definition, Kind: "resource"}}
	}
	if fx := dg.Fix; fx != nil {
		res.Fixes = []sarifFix{{Description: sarifMessage{Text: fx.Message}, ArtifactChanges: []sarifArtifactChange{{
			ArtifactLocation: art,
			Replacements: []sarifReplacement{{DeletedRegion: sarifRegion{StartLine: fx.Start.Line, StartColumn: utf16Column(f.Source, fx.Start),
				EndLine: fx.End.Line, EndColumn: utf16Column(f.Source, fx.End)}, InsertedContent: sarifArtifactText{Text: fx.NewText}}},
		}}}}
	}
	if i, ok := ruleIndex[dg.Rule.ID]; ok {
		res.RuleIndex = &i
	}
	for _, r := range dg.Related {
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: art, Region: sarifRegionOf(f, r.Start, r.End)},
			Message:          &sarifMessage{Text: r.Message},
		})
	}
	return res
}

// sarifLevel maps dplint's severities to SARIF levels (info is "note").
func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// sarifRegionOf places a range: columns in UTF-16 code units, and as
// snippet the text of the lines it covers, secrets masked.
func sarifRegionOf(f *diag.File, start, end source.Position) *sarifRegion {
	r := &sarifRegion{
		StartLine: start.Line, StartColumn: utf16Column(f.Source, start),
		EndLine: end.Line, EndColumn: utf16Column(f.Source, end),
	}
	if f.Source == nil {
		return r
	}
	last := end.Line
	if last > start.Line && end.Column == 1 {
		last-- // the range stops at the start of that line
	}
	// Each line is cut to a window as in the text format: the start line
	// around the range, the others from their start.
	var lines []string
	for n := start.Line; n <= last; n++ {
		line := mask(f.Source, f.Secrets, n)
		from := 0
		if n == start.Line {
			from = min(start.Column-1, len(line))
		}
		shown, _, _ := window(line, from, from)
		lines = append(lines, shown)
	}
	r.Snippet = &sarifSnippet{Text: strings.Join(lines, "\n")}
	return r
}

// utf16Column converts a position's 1-based byte column into a 1-based
// column counting UTF-16 code units (as SARIF, LSP and GitHub's toolkit
// count): the units of the line's bytes before the column, an invalid byte
// counting one. A column past the line's text (its terminator) counts one
// per byte. Without the source, the byte column is returned.
func utf16Column(f *source.File, p source.Position) int {
	if f == nil || p.Column < 1 {
		return max(p.Column, 1)
	}
	line := f.LineText(p.Line)
	n := p.Column - 1
	extra := 0
	if n > len(line) {
		extra, n = n-len(line), len(line)
	}
	units := 0
	for i := 0; i < n; {
		r, size := utf8.DecodeRuneInString(line[i:n])
		if k := utf16.RuneLen(r); k > 0 {
			units += k
		} else {
			units++
		}
		i += size
	}
	return units + extra + 1
}

// getwd is where the SARIF, LSP and github formats take the base directory
// from; tests replace it.
var getwd = os.Getwd

// base is the directory paths are made relative to: the working directory
// at run time ("" when it cannot be had).
type base struct{ dir string }

func newBase() base {
	dir, err := getwd()
	if err != nil || !filepath.IsAbs(dir) {
		return base{}
	}
	return base{dir: filepath.Clean(dir)}
}

// abs is path made absolute against the base ("" when it cannot be).
func (b base) abs(path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	if b.dir == "" {
		return ""
	}
	return filepath.Join(b.dir, path)
}

// rel is path relative to the base with "/" separators, and whether the
// file lies below the base.
func (b base) rel(path string) (string, bool) {
	abs := b.abs(path)
	if abs == "" || b.dir == "" {
		return filepath.ToSlash(path), false
	}
	r, err := filepath.Rel(b.dir, abs)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path), false
	}
	return filepath.ToSlash(r), true
}

// sarifArtifact locates a file: relative to %SRCROOT% when below the base,
// else by absolute file: URI (or, failing that, the path as given).
func (b base) sarifArtifact(path string) sarifArtifactLocation {
	if r, ok := b.rel(path); ok {
		return sarifArtifactLocation{URI: (&url.URL{Path: r}).String(), URIBaseID: SARIFBaseID}
	}
	if abs := b.abs(path); abs != "" {
		return sarifArtifactLocation{URI: fileURI(abs)}
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(path)}).String()}
}

// fileURI is the file: URI of an absolute path: file:///work/x.json,
// file:///C:/work/x.json; characters a URI path cannot hold are
// percent-encoded.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
