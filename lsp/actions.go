package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/source"
)

// codeAction offers, for each finding in the range: its rule's fix, when
// it has one, and "ignore this rule on this object" (a myDplintIgnore
// entry), where the object is written as JSON this server can edit safely.
func (s *Server) codeAction(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CodeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, _, err := s.current(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if len(p.Context.Only) > 0 && !onlyQuickFix(p.Context.Only) {
		return []protocol.CodeAction{}, nil
	}
	from, to := snap.text.offset(p.Range.Start), snap.text.offset(p.Range.End)
	out := []protocol.CodeAction{}
	ignored := map[[2]string]bool{}
	for i, d := range snap.from {
		if d.End.Offset < from || d.Start.Offset > to {
			continue
		}
		diags := []protocol.Diagnostic{snap.diags[i]}
		if f := d.Fix; f != nil && !secretEdit(snap, f.Start.Offset, f.End.Offset) {
			out = append(out, protocol.CodeAction{
				Title: f.Message, Kind: protocol.QuickFix, Diagnostics: diags, IsPreferred: true,
				Edit: s.edit(snap, protocol.TextEdit{Range: snap.text.span(f.Start.Offset, f.End.Offset), NewText: f.NewText}),
			})
		}
		key := [2]string{d.Object, d.Rule.ID}
		if d.Object == "" || ignored[key] {
			continue
		}
		ignored[key] = true
		if te, ok := ignoreEdit(snap, d.Definition, d.Object, d.Rule.ID); ok {
			out = append(out, protocol.CodeAction{
				Title: "Ignore " + d.Rule.ID + " on " + d.Object + " (myDplintIgnore)", Kind: protocol.QuickFix,
				Diagnostics: diags, Edit: s.edit(snap, te),
			})
		}
	}
	return out, nil
}

func onlyQuickFix(kinds []protocol.CodeActionKind) bool {
	for _, k := range kinds {
		if k == protocol.QuickFix || strings.HasPrefix(string(protocol.QuickFix), string(k)+".") {
			return true
		}
	}
	return false
}

func (s *Server) edit(snap *snapshot, te protocol.TextEdit) *protocol.WorkspaceEdit {
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{snap.uri: {te}}}
}

// secretEdit says whether an edit touches a secret's value: a fix never
// writes one (nor moves one into a message).
func secretEdit(snap *snapshot, start, end int) bool {
	for _, sec := range snap.file.Secrets {
		if start < sec[1] && sec[0] < end {
			return true
		}
	}
	return false
}

// ignoreEdit is the edit that adds rule to object id's myDplintIgnore: the
// id goes first in an existing value, or a new field is added as the
// object's first, indented like the one it precedes. Offered for the JSON
// forms only: a template's object is not edited in its own syntax here.
func ignoreEdit(snap *snapshot, defName, id, rule string) (protocol.TextEdit, bool) {
	for _, d := range snap.defs() {
		if d.Name != defName || d.Embedded != nil || (d.Form != definition.CLI && d.Form != definition.API && d.Form != definition.Hybrid) {
			continue
		}
		o := object(d, id)
		if o == nil || o.Node == nil || o.Node.Kind != source.Object {
			return protocol.TextEdit{}, false
		}
		if f := o.Field(rules.IgnoreField); f != nil {
			for _, v := range f.Values {
				if v.Kind == definition.Str && v.Node != nil && v.Node.Map == source.JSONText {
					at := v.Node.Start + 1
					return protocol.TextEdit{Range: snap.text.span(at, at), NewText: rule + " "}, true
				}
			}
			return protocol.TextEdit{}, false
		}
		value := `"` + rule + ` reason: …"`
		if fields := o.Node.Get("fields"); fields != nil && fields.Kind == source.Array {
			// The API form and objects with fields: one more field entry.
			entry := `{"key": "` + rules.IgnoreField + `", "stringValue": ` + value + `}`
			return insertFirst(snap, fields.Start+1, firstStart(fields), entry), true
		}
		return insertFirst(snap, o.Node.Start+1, firstStart(o.Node), `"`+rules.IgnoreField+`": `+value), true
	}
	return protocol.TextEdit{}, false
}

// firstStart is where a container's first member or element starts (-1
// when it is empty).
func firstStart(n *source.Node) int {
	switch {
	case len(n.Members) > 0:
		return n.Members[0].KeyStart
	case len(n.Elems) > 0:
		return n.Elems[0].Start
	}
	return -1
}

// insertFirst inserts item before the first entry of a container that
// opens at open-1: on its own line with the first entry's indentation when
// that one is on a line of its own, else inline.
func insertFirst(snap *snapshot, open, first int, item string) protocol.TextEdit {
	data := snap.text.data
	if first < 0 {
		return protocol.TextEdit{Range: snap.text.span(open, open), NewText: item}
	}
	lineStart := first
	for lineStart > 0 && data[lineStart-1] != '\n' {
		lineStart--
	}
	indent := data[lineStart:first]
	if strings.TrimLeft(string(indent), " \t") == "" && lineStart > open {
		return protocol.TextEdit{Range: snap.text.span(first, first), NewText: item + ",\n" + string(indent)}
	}
	return protocol.TextEdit{Range: snap.text.span(first, first), NewText: item + ", "}
}
