package lsp

import (
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dplint/dplint/diag"
)

// convert turns a lint's findings on this document into LSP diagnostics:
// the rule id as code with its page, related places, and each finding it
// explains (folded) as related information, so one mistake is one
// diagnostic here too. Findings placed in a companion file (a parameters
// file) belong to that file, not this document.
func convert(snap *snapshot, res *diag.File) ([]protocol.Diagnostic, []*diag.Diagnostic) {
	if res == nil {
		return nil, nil
	}
	// Sized once: a published finding is large, and growing the slice
	// finding by finding copied the whole list over and over (a tenth of
	// a big document's lint time).
	n := 0
	for _, d := range res.Definitions {
		n += len(d.Diagnostics)
	}
	out := make([]protocol.Diagnostic, 0, n)
	from := make([]*diag.Diagnostic, 0, n)
	// A rule's code and page are made once for all its findings: as an
	// interface value and a pointer they were two allocations a finding.
	perRule := map[*diag.Rule]ruleCode{}
	many := len(res.Definitions) > 1
	for _, d := range res.Definitions {
		for i := range d.Diagnostics {
			dg := &d.Diagnostics[i]
			if dg.File != "" && dg.File != res.Path {
				continue
			}
			rc, ok := perRule[dg.Rule]
			if !ok {
				rc = ruleCode{code: dg.Rule.ID}
				if dg.Rule.URL != "" {
					rc.page = &protocol.CodeDescription{Href: uri.URI(dg.Rule.URL)}
				}
				perRule[dg.Rule] = rc
			}
			out = append(out, toLSP(snap, dg, rc, many))
			from = append(from, dg)
		}
	}
	return out, from
}

// ruleCode is what every diagnostic of one rule shares (read only).
type ruleCode struct {
	code any
	page *protocol.CodeDescription
}

func toLSP(snap *snapshot, dg *diag.Diagnostic, rc ruleCode, many bool) protocol.Diagnostic {
	msg := dg.Message
	if many && dg.Definition != "" && dg.Definition != dg.File {
		msg = strings.TrimPrefix(dg.Definition, dg.File+"#") + ": " + msg
	}
	ld := protocol.Diagnostic{
		Range:           snap.text.span(dg.Start.Offset, dg.End.Offset),
		Severity:        severity(dg.Severity),
		Code:            rc.code,
		CodeDescription: rc.page,
		Source:          "dplint",
		Message:         msg,
	}
	for _, r := range dg.Related {
		ld.RelatedInformation = append(ld.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: snap.uri, Range: snap.text.span(r.Start.Offset, r.End.Offset)},
			Message:  r.Message,
		})
	}
	for _, f := range dg.Folded {
		ld.RelatedInformation = append(ld.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: snap.uri, Range: snap.text.span(f.Start.Offset, f.End.Offset)},
			Message:  f.Rule.ID + ": " + f.Message,
		})
	}
	return ld
}

func severity(s diag.Severity) protocol.DiagnosticSeverity {
	switch s {
	case diag.Error:
		return protocol.DiagnosticSeverityError
	case diag.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}

// encodedSize is about how many bytes a diagnostic takes in JSON, a little
// more than most: the keys and numbers of a range are about 100 bytes, the
// other keys 80, and a message with a few escapes a tenth more than its
// length. publishDiagnostics sizes its buffer with it once.
func encodedSize(d *protocol.Diagnostic, u protocol.DocumentURI) int {
	n := 200 + len(d.Source) + len(d.Message)*11/10
	if c, ok := d.Code.(string); ok {
		n += len(c)
	}
	if d.CodeDescription != nil {
		n += 32 + len(d.CodeDescription.Href)
	}
	for _, r := range d.RelatedInformation {
		n += 160 + len(u) + len(r.Message)*11/10
	}
	return n
}
