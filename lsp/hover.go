package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/internal/explain"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/schema/catalog"
)

func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.HoverParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	snap, sp, off, err := s.at(ctx, p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	text, pl := s.hoverText(snap, sp, off)
	if text == "" {
		return nil, nil
	}
	r := snap.text.span(pl.start, pl.end)
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.PlainText, Value: text}, Range: &r}, nil
}

// hoverText is what a hover shows at the spot, and the range it is about.
func (s *Server) hoverText(snap *snapshot, sp spot, off int) (string, place) {
	cat := catalog.Objects()
	var b strings.Builder
	switch {
	case sp.inExpr:
		return s.hoverExpr(snap, sp), place{sp.exprStart, sp.exprEnd}
	case sp.value != nil && sp.value.Node != nil && sp.field != nil && sp.obj != nil && sp.field.Key == "type":
		if t := cat.Type(sp.value.Text); t != nil {
			explain.Type(&b, t, false)
		}
	case sp.value != nil && sp.value.Node != nil && sp.field != nil && sp.field.Key == rules.IgnoreField:
		return hoverRules(sp.value.Text, off-sp.value.Node.Start), place{sp.value.Node.Start, sp.value.Node.End}
	case sp.value != nil && sp.value.Kind == definition.Ref && sp.value.Node != nil:
		if o := object(sp.def, sp.value.Text); o != nil {
			fmt.Fprintf(&b, "%s: %s\n", o.ID, snap.graph(sp.def).Type(o))
		} else {
			fmt.Fprintf(&b, "%s: no object has this id\n", sp.value.Text)
		}
	case sp.onKey && sp.obj != nil:
		g := snap.graph(sp.def)
		typ := g.Type(sp.obj)
		t := cat.Type(typ)
		switch f := fieldOf(t, sp.field.Key); {
		case f != nil:
			explain.Field(&b, t, f, true)
		case sp.field.Key == rules.IgnoreField:
			b.WriteString("myDplintIgnore: rule ids (or names) dplint does not report on this object, each with a reason\n")
		case t != nil:
			fmt.Fprintf(&b, "%s is not a field of %s", sp.field.Key, t.Name)
			if strings.HasPrefix(sp.field.Key, "my") {
				b.Reset()
				fmt.Fprintf(&b, "%s: a user-defined field (my…): the service keeps it and does not check it", sp.field.Key)
			}
			b.WriteByte('\n')
		}
		return b.String(), place{sp.field.KeyStart, sp.field.KeyEnd}
	case sp.paramID || (sp.param != nil && sp.onKey):
		id := ""
		if sp.param != nil {
			id = sp.param.ID
		} else if sp.pval != nil {
			id = sp.pval.ID
		}
		return s.hoverParam(sp.def, id), s.spotRange(sp)
	}
	return b.String(), s.spotRange(sp)
}

// spotRange is the range of the thing under the cursor.
func (s *Server) spotRange(sp spot) place {
	switch {
	case sp.value != nil && sp.value.Node != nil:
		return place{sp.value.Node.Start, sp.value.Node.End}
	case sp.objID:
		return idRange(sp.obj.IDNode)
	case sp.param != nil && sp.param.IDNode != nil && sp.paramID:
		return idRange(sp.param.IDNode)
	case sp.field != nil:
		return place{sp.field.KeyStart, sp.field.KeyEnd}
	case sp.pval != nil:
		return place{sp.pval.KeyStart, sp.pval.KeyEnd}
	}
	return place{}
}

func fieldOf(t *catalog.Type, key string) *catalog.Field {
	if t == nil {
		return nil
	}
	return t.Field(key)
}

// hoverRules explains the rule id under the cursor in a myDplintIgnore
// value (at counts from the value's first byte, its opening quote in
// JSON), or the first one when the cursor is on no rule id.
func hoverRules(value string, at int) string {
	var first, under *rules.Rule
	for i := 0; i < len(value); {
		if value[i] == ' ' || value[i] == ',' || value[i] == '\t' {
			i++
			continue
		}
		j := i
		for j < len(value) && value[j] != ' ' && value[j] != ',' && value[j] != '\t' {
			j++
		}
		if r := rules.Lookup(value[i:j]); r != nil {
			if first == nil {
				first = r
			}
			if at-1 >= i && at-1 <= j {
				under = r
			}
		}
		i = j
	}
	if under == nil {
		under = first
	}
	if under == nil {
		return ""
	}
	var b strings.Builder
	explain.Rule(&b, under)
	return b.String()
}

// hoverExpr evaluates the expression under the cursor for one run: the
// run time of the initialization options, or now.
func (s *Server) hoverExpr(snap *snapshot, sp spot) string {
	s.mu.Lock()
	at := s.runAt
	s.mu.Unlock()
	if at.IsZero() {
		at = time.Now().UTC().Truncate(time.Second)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#{%s}\n", sp.exprSource)
	if sp.obj != nil {
		ev := &evalenv.Env{G: snap.graph(sp.def), Cat: catalog.Objects(), Object: sp.obj, At: at, Params: sp.def.ValuesGiven}
		got := evalenv.Evaluate(ev, "#{"+sp.exprSource+"}")
		if sp.field != nil && definition.SecretField(sp.field.Key) || masksParam(sp.exprSource) {
			got = evalenv.Mask
		}
		fmt.Fprintf(&b, "= %s (for a run scheduled at %s)\n", got, at.Format("2006-01-02T15:04:05"))
	}
	for _, f := range expr.Lookup(sp.call) {
		fmt.Fprintf(&b, "%s: %s\n", f.Signature(), f.Description)
	}
	if sp.name != nil && len(sp.name.Parts) == 1 && parameter(sp.def, sp.name.Parts[0].Text) != nil {
		b.WriteString(s.hoverParam(sp.def, sp.name.Parts[0].Text))
	}
	return b.String()
}

// masksParam says whether an expression names a masked (*my…) parameter:
// its value is never shown.
func masksParam(src string) bool { return strings.Contains(src, "*my") }

// hoverParam shows a parameter's declaration and the value the lint used.
func (s *Server) hoverParam(d *definition.Definition, id string) string {
	p := parameter(d, id)
	if p == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "parameter %s", p.ID)
	for _, a := range p.Attributes {
		if a.Key == "id" || len(a.Values) == 0 {
			continue
		}
		v := a.Values[0].Text
		if masked := strings.HasPrefix(p.ID, "*"); masked && a.Key == "default" {
			v = evalenv.Mask // a masked parameter's default is as secret as its value
		}
		fmt.Fprintf(&b, "\n  %s: %s", a.Key, v)
	}
	masked := strings.HasPrefix(p.ID, "*")
	var vals []string
	if given, ok := d.ValuesGiven[p.ID]; ok {
		vals = given
	} else {
		for _, pv := range d.Values {
			if paramKey(pv.ID) == paramKey(p.ID) && pv.Value != nil {
				vals = append(vals, pv.Value.Text)
			}
		}
	}
	if len(vals) > 0 {
		shown := strings.Join(vals, ", ")
		if masked {
			shown = evalenv.Mask
		}
		fmt.Fprintf(&b, "\n  value: %s", shown)
	}
	return b.String() + "\n"
}
