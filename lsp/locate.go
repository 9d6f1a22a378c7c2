package lsp

import (
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/source"
)

// spot is what lies at an offset of a definition.
type spot struct {
	def   *definition.Definition
	obj   *definition.Object // the object holding the offset
	field *definition.Field  // the field whose key or value holds it
	onKey bool               // on the field's key
	value *definition.Value  // the value holding it
	objID bool               // on the object's id
	param *definition.Parameter
	pval  *definition.ParamValue
	// on the id of a parameter (its declaration or its value's key)
	paramID bool
	// name, when set, is the expression name part under the offset (in a
	// string value holding #{...}), with its range in the file.
	name       *expr.Name
	namePart   int
	nameStart  int
	nameEnd    int
	call       string // the function whose name is under the offset
	inExpr     bool   // the offset is inside a #{...}
	exprSource string // the whole #{...} expression's source
	exprStart  int    // where the expression (its #) starts in the file
	exprEnd    int
}

func inside(n *source.Node, off int) bool { return n != nil && n.Start <= off && off <= n.End }

// locate finds what is at off in any of the definitions.
func locate(defs []*definition.Definition, content []byte, off int) spot {
	for _, d := range defs {
		if sp, ok := locateIn(d, content, off); ok {
			return sp
		}
	}
	return spot{}
}

func locateIn(d *definition.Definition, content []byte, off int) (spot, bool) {
	sp := spot{def: d}
	for _, o := range d.Objects {
		if inside(o.IDNode, off) {
			sp.obj, sp.objID = o, true
			return sp, true
		}
		for _, f := range o.Fields {
			if f.KeyStart <= off && off <= f.KeyEnd && f.KeyEnd > f.KeyStart {
				sp.obj, sp.field, sp.onKey = o, f, true
				return sp, true
			}
			for _, v := range f.Values {
				if inside(v.Node, off) {
					sp.obj, sp.field, sp.value = o, f, v
					sp.findName(content, off)
					return sp, true
				}
			}
		}
		if inside(o.Node, off) && sp.obj == nil {
			sp.obj = o // inside the object, on nothing in particular
		}
	}
	if sp.obj != nil {
		return sp, true
	}
	for _, p := range d.Parameters {
		if inside(p.IDNode, off) {
			sp.param, sp.paramID = p, true
			return sp, true
		}
		for _, a := range p.Attributes {
			if a.KeyStart <= off && off <= a.KeyEnd && a.KeyEnd > a.KeyStart {
				sp.param, sp.field, sp.onKey = p, a, true
				return sp, true
			}
			for _, v := range a.Values {
				if inside(v.Node, off) {
					sp.param, sp.field, sp.value = p, a, v
					return sp, true
				}
			}
		}
	}
	for _, pv := range d.Values {
		if (pv.KeyStart <= off && off <= pv.KeyEnd && pv.KeyEnd > pv.KeyStart) || inside(pv.IDNode, off) {
			sp.pval, sp.paramID = pv, true
			return sp, true
		}
		if pv.Value != nil && inside(pv.Value.Node, off) {
			sp.pval, sp.value = pv, pv.Value
			return sp, true
		}
	}
	return sp, false
}

// findName sets the expression name under off, when the value holds one.
func (sp *spot) findName(content []byte, off int) {
	v := sp.value
	if v.Kind != definition.Str || !expr.HasExpr(v.Text) {
		return
	}
	m := source.StringOffsets(content, v.Node)
	if m == nil {
		return
	}
	tmpl, _ := expr.ParseTemplate(v.Text)
	for _, seg := range tmpl.Segments {
		if seg.Expr == nil && !strings.HasPrefix(v.Text[seg.Start:], "#{") {
			continue
		}
		if off < m[seg.Start] || off > m[seg.End] {
			continue
		}
		sp.inExpr = true
		sp.exprSource, sp.exprStart, sp.exprEnd = seg.Text, m[seg.Start], m[seg.End]
		expr.Walk(seg.Expr, func(n expr.Node) {
			if c, ok := n.(*expr.Call); ok && m[c.FuncStart] <= off && off <= m[c.FuncEnd] {
				sp.call = c.Func
			}
			name, ok := n.(*expr.Name)
			if !ok {
				return
			}
			for i, p := range name.Parts {
				if s, e := m[p.Start], m[p.End]; s <= off && off <= e {
					sp.name, sp.namePart, sp.nameStart, sp.nameEnd = name, i, s, e
				}
			}
		})
		return
	}
}

// place is a range of the file.
type place struct{ start, end int }

// idRange is where an id string's text is, without its quotes.
func idRange(n *source.Node) place {
	s, e := n.TextSpan()
	return place{s, e}
}

// refsTo lists every reference to object id: {"ref": id} values (parent
// included), in definition order.
func refsTo(d *definition.Definition, id string) []place {
	var out []place
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind == definition.Ref && v.Text == id && v.Node != nil {
					out = append(out, idRange(v.Node))
				}
			}
		}
	}
	return out
}

// paramKey is a parameter id without the * that masks it: #{*myX} and
// #{myX} name the same parameter.
func paramKey(id string) string { return strings.TrimPrefix(id, "*") }

// usesOf lists every expression name that is the parameter id (in any
// string value of an object), as ranges of the file.
func usesOf(d *definition.Definition, content []byte, id string) []place {
	var out []place
	want := paramKey(id)
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind != definition.Str || !expr.HasExpr(v.Text) || !strings.Contains(v.Text, want) {
					continue
				}
				m := source.StringOffsets(content, v.Node)
				if m == nil {
					continue
				}
				tmpl, _ := expr.ParseTemplate(v.Text)
				for _, seg := range tmpl.Segments {
					expr.Walk(seg.Expr, func(n expr.Node) {
						if name, ok := n.(*expr.Name); ok && len(name.Parts) == 1 && paramKey(name.Parts[0].Text) == want {
							p := name.Parts[0]
							start := m[p.Start]
							if strings.HasPrefix(p.Text, "*") {
								start = m[p.Start+1]
							}
							out = append(out, place{start, m[p.End]})
						}
					})
				}
			}
		}
	}
	return out
}

// object finds an object by id.
func object(d *definition.Definition, id string) *definition.Object {
	for _, o := range d.Objects {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// parameter finds a parameter by id, masked or not.
func parameter(d *definition.Definition, id string) *definition.Parameter {
	for _, p := range d.Parameters {
		if paramKey(p.ID) == paramKey(id) {
			return p
		}
	}
	return nil
}

// paramDecl is where a parameter's id is written in its declaration.
func paramDecl(p *definition.Parameter) place {
	if p.IDNode != nil {
		return idRange(p.IDNode)
	}
	return place{p.Node.Start, p.Node.Start}
}

// valueKeys lists where values are given for parameter id.
func valueKeys(d *definition.Definition, id string) []place {
	var out []place
	for _, pv := range d.Values {
		if paramKey(pv.ID) != paramKey(id) {
			continue
		}
		if pv.IDNode != nil {
			out = append(out, idRange(pv.IDNode))
		} else if pv.KeyEnd > pv.KeyStart {
			out = append(out, place{pv.KeyStart + 1, pv.KeyEnd - 1}) // inside the key's quotes
		}
	}
	return out
}
