package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/schema/catalog"
)

// at answers "what is at this position" from the current text's lint.
func (s *Server) at(ctx context.Context, p protocol.TextDocumentPositionParams) (*snapshot, spot, int, error) {
	snap, _, err := s.current(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, spot{}, 0, err
	}
	off := snap.text.offset(p.Position)
	return snap, locate(snap.defs(), snap.text.data, off), off, nil
}

func (s *Server) loc(snap *snapshot, p place) protocol.Location {
	return protocol.Location{URI: snap.uri, Range: snap.text.span(p.start, p.end)}
}

// target is the object or parameter the spot names: a reference, a parent,
// an object id, a parameter in an expression or its declaration.
type target struct {
	objectID string // an object id
	paramID  string // or a parameter id
}

func (sp spot) target() (target, bool) {
	switch {
	case sp.objID:
		return target{objectID: sp.obj.ID}, true
	case sp.value != nil && sp.value.Kind == definition.Ref:
		return target{objectID: sp.value.Text}, true
	case sp.paramID && sp.param != nil:
		return target{paramID: sp.param.ID}, true
	case sp.paramID && sp.pval != nil:
		return target{paramID: sp.pval.ID}, true
	case sp.name != nil && len(sp.name.Parts) == 1 && sp.def != nil && parameter(sp.def, sp.name.Parts[0].Text) != nil:
		return target{paramID: sp.name.Parts[0].Text}, true
	}
	return target{}, false
}

// named is what a position request names: the lint it answers from, the
// spot and offset, and the object or parameter there (ok: there is one).
type named struct {
	snap *snapshot
	sp   spot
	off  int
	t    target
	ok   bool
}

// nameAt decodes a position request into v, whose position is at, and
// finds what it names.
func (s *Server) nameAt(ctx context.Context, params json.RawMessage, v any, at *protocol.TextDocumentPositionParams) (named, error) {
	if err := decode(params, v); err != nil {
		return named{}, err
	}
	snap, sp, off, err := s.at(ctx, *at)
	if err != nil {
		return named{}, err
	}
	n := named{snap: snap, sp: sp, off: off}
	n.t, n.ok = sp.target()
	return n, nil
}

func (s *Server) definition(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DefinitionParams
	n, err := s.nameAt(ctx, params, &p, &p.TextDocumentPositionParams)
	if err != nil || !n.ok {
		return []protocol.Location{}, err
	}
	snap, sp, t := n.snap, n.sp, n.t
	if t.objectID != "" {
		if o := object(sp.def, t.objectID); o != nil && o.IDNode != nil {
			return []protocol.Location{s.loc(snap, idRange(o.IDNode))}, nil
		}
		return []protocol.Location{}, nil
	}
	if prm := parameter(sp.def, t.paramID); prm != nil {
		return []protocol.Location{s.loc(snap, paramDecl(prm))}, nil
	}
	return []protocol.Location{}, nil
}

// occurrences are every place the target is written: its declaration
// first (when asked), then the references or expression uses, then the
// values given for a parameter.
func occurrences(sp spot, t target, content []byte, decl bool) []place {
	var out []place
	if t.objectID != "" {
		if o := object(sp.def, t.objectID); o != nil && o.IDNode != nil && decl {
			out = append(out, idRange(o.IDNode))
		}
		return append(out, refsTo(sp.def, t.objectID)...)
	}
	if prm := parameter(sp.def, t.paramID); prm != nil && decl {
		out = append(out, paramDecl(prm))
	}
	out = append(out, usesOf(sp.def, content, t.paramID)...)
	return append(out, valueKeys(sp.def, t.paramID)...)
}

func (s *Server) references(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.ReferenceParams
	n, err := s.nameAt(ctx, params, &p, &p.TextDocumentPositionParams)
	if err != nil || !n.ok {
		return []protocol.Location{}, err
	}
	out := []protocol.Location{}
	for _, pl := range occurrences(n.sp, n.t, n.snap.text.data, p.Context.IncludeDeclaration) {
		out = append(out, s.loc(n.snap, pl))
	}
	return out, nil
}

func (s *Server) prepareRename(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.PrepareRenameParams
	n, err := s.nameAt(ctx, params, &p, &p.TextDocumentPositionParams)
	if err != nil || !n.ok {
		return nil, err // nil, nil: nothing to rename here
	}
	for _, pl := range occurrences(n.sp, n.t, n.snap.text.data, true) {
		if pl.start <= n.off && n.off <= pl.end {
			r := n.snap.text.span(pl.start, pl.end)
			return &r, nil
		}
	}
	return nil, nil
}

// plainID is what a rename may write without escaping: the id is then the
// same text in JSON, YAML and HCL.
var plainID = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:@/+-]*$`)

func (s *Server) rename(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.RenameParams
	n, err := s.nameAt(ctx, params, &p, &p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	snap, sp, t := n.snap, n.sp, n.t
	if !n.ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "nothing to rename here: put the cursor on an object id, a reference or a parameter")
	}
	name := p.NewName
	if !plainID.MatchString(name) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q is not an id that can be written as it is (letters, digits and _ . : @ / + -)", name)
	}
	if t.paramID != "" {
		// The * of a masked parameter stays where it is written (below):
		// only the text after it is replaced.
		name = strings.TrimPrefix(name, "*")
		if !strings.HasPrefix(name, "my") {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q: a parameter id must start with my", name)
		}
		if parameter(sp.def, name) != nil && paramKey(name) != paramKey(t.paramID) {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "a parameter %s exists already", name)
		}
	} else if o := object(sp.def, name); o != nil && name != t.objectID {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "an object %s exists already", name)
	}
	var edits []protocol.TextEdit
	for _, pl := range occurrences(sp, t, snap.text.data, true) {
		old := string(snap.text.data[pl.start:pl.end])
		newText := name
		if t.paramID != "" && strings.HasPrefix(old, "*") {
			newText = "*" + name
		}
		edits = append(edits, protocol.TextEdit{Range: snap.text.span(pl.start, pl.end), NewText: newText})
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{snap.uri: edits}}, nil
}

// documentSymbol is the outline: objects grouped by category, each with
// its type; then the parameters.
func (s *Server) documentSymbol(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DocumentSymbolParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, _, err := s.current(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	cat := catalog.Objects()
	out := []protocol.DocumentSymbol{}
	for _, d := range snap.defs() {
		groups := map[string][]protocol.DocumentSymbol{}
		var order []string
		for _, o := range d.Objects {
			if o.Node == nil {
				continue
			}
			typ := o.Type()
			category := "Other"
			if t := cat.Type(typ); t != nil {
				category = t.Category
			} else if o.ID == "Default" {
				category = "Default"
			}
			sel := place{o.Node.Start, o.Node.Start}
			if o.IDNode != nil {
				sel = idRange(o.IDNode)
			}
			name := o.ID
			if name == "" {
				name = "(no id)"
			}
			if _, ok := groups[category]; !ok {
				order = append(order, category)
			}
			groups[category] = append(groups[category], protocol.DocumentSymbol{
				Name: name, Detail: typ, Kind: protocol.SymbolKindObject,
				Range: snap.text.span(o.Node.Start, o.Node.End), SelectionRange: snap.text.span(sel.start, sel.end),
			})
		}
		sort.Strings(order)
		var syms []protocol.DocumentSymbol
		for _, c := range order {
			kids := groups[c]
			syms = append(syms, protocol.DocumentSymbol{Name: c, Kind: protocol.SymbolKindNamespace,
				Detail: fmt.Sprintf("%d objects", len(kids)), Range: cover(kids), SelectionRange: cover(kids), Children: kids})
		}
		if len(d.Parameters) > 0 {
			var kids []protocol.DocumentSymbol
			for _, prm := range d.Parameters {
				sel := paramDecl(prm)
				kids = append(kids, protocol.DocumentSymbol{Name: prm.ID, Kind: protocol.SymbolKindVariable,
					Detail: paramType(prm), Range: snap.text.span(prm.Node.Start, prm.Node.End), SelectionRange: snap.text.span(sel.start, sel.end)})
			}
			syms = append(syms, protocol.DocumentSymbol{Name: "Parameters", Kind: protocol.SymbolKindNamespace,
				Detail: fmt.Sprintf("%d parameters", len(kids)), Range: cover(kids), SelectionRange: cover(kids), Children: kids})
		}
		if len(snap.defs()) > 1 {
			// A template with several pipelines: one level more, per pipeline.
			syms = []protocol.DocumentSymbol{{Name: strings.TrimPrefix(d.Name, snap.file.Path+"#"), Kind: protocol.SymbolKindModule,
				Range: cover(syms), SelectionRange: cover(syms), Children: syms}}
		}
		out = append(out, syms...)
	}
	return out, nil
}

// cover is the range from the first symbol's start to the last one's end.
func cover(syms []protocol.DocumentSymbol) protocol.Range {
	if len(syms) == 0 {
		return protocol.Range{}
	}
	r := syms[0].Range
	for _, s := range syms[1:] {
		if before(s.Range.Start, r.Start) {
			r.Start = s.Range.Start
		}
		if before(r.End, s.Range.End) {
			r.End = s.Range.End
		}
	}
	return r
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// paramType is a parameter's type attribute ("String" when not given).
func paramType(p *definition.Parameter) string {
	for _, a := range p.Attributes {
		if a.Key == "type" && len(a.Values) > 0 {
			return a.Values[0].Text
		}
	}
	return "String"
}
