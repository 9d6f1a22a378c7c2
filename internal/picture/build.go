package picture

import (
	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/schema/catalog"
)

// build makes the picture of one linted definition.
func build(d *diag.Definition) *Pipeline {
	def := d.Model
	p := &Pipeline{Name: d.Name}
	g := graph.Build(def)
	cat := catalog.Objects()
	byObj := map[*definition.Object]*Node{}
	for _, o := range def.Objects {
		// Default is what the others inherit from, not a step of the
		// pipeline: what it gives them is drawn as inherited edges. An
		// object without an id cannot be referred to or sent.
		if o.ID == "" || o.ID == graph.DefaultID || byObj[o] != nil {
			continue
		}
		n := &Node{ID: o.ID, Type: g.Type(o), Category: Other, obj: o}
		if t := cat.Type(n.Type); t != nil {
			n.Category = categoryOf(t.Category)
		}
		byObj[o] = n
		p.Nodes = append(p.Nodes, n)
	}
	cycles := cycleMembers(g)
	for _, n := range p.Nodes {
		for _, e := range g.Out(n.obj) {
			to := byObj[e.To]
			if to == nil {
				continue // a dangling reference (an error on n), or Default
			}
			kind := Ref
			if e.Field.Key == "parent" {
				kind = Parent
			}
			on := cycles[e.Field.Key]
			ci, fromOn := on[n.obj]
			cj, toOn := on[e.To]
			inCycle := fromOn && toOn && ci == cj
			p.Edges = append(p.Edges, &Edge{From: n, To: to, Slot: e.Field.Key, Kind: kind, Cycle: inCycle})
		}
		p.Edges = append(p.Edges, inherited(g, cat, n, byObj)...)
	}
	p.mark(d.Diagnostics)
	return p
}

// cycleMembers gives, for each slot, the objects on one of its cycles and
// which cycle: an edge of that slot between two objects of one cycle lies
// on a cycle (both are in one strongly connected component).
func cycleMembers(g *graph.Graph) map[string]map[*definition.Object]int {
	out := map[string]map[*definition.Object]int{}
	for i, c := range g.Cycles() {
		m := out[c.Slot]
		if m == nil {
			m = map[*definition.Object]int{}
			out[c.Slot] = m
		}
		for _, o := range c.Objects {
			m[o] = i
		}
	}
	return out
}

// inherited are the references n gets from Default: for each reference
// field Default holds that n's type has (by the catalog) and that n takes
// from Default (neither n nor its parents set it), an edge to each object
// it names.
func inherited(g *graph.Graph, cat *catalog.Catalog, n *Node, byObj map[*definition.Object]*Node) []*Edge {
	if g.Default == nil {
		return nil
	}
	t := cat.Type(n.Type)
	if t == nil {
		return nil
	}
	var out []*Edge
	for _, f := range g.Default.Fields {
		if f.Key == "parent" {
			continue
		}
		if tf := t.Field(f.Key); tf == nil || tf.Kind != catalog.KindRef {
			continue
		}
		if _, from := g.Lookup(n.obj, f.Key); from != g.Default {
			continue
		}
		for _, v := range f.Values {
			if v.Kind != definition.Ref {
				continue
			}
			if to := byObj[g.Object(v.Text)]; to != nil {
				out = append(out, &Edge{From: n, To: to, Slot: f.Key, Kind: Inherited})
			}
		}
	}
	return out
}

// mark counts each finding on the node it is about: the object with the
// finding's id whose text holds the finding (ids may repeat), else the
// first with that id; findings on nothing drawn count as Elsewhere.
func (p *Pipeline) mark(ds []diag.Diagnostic) {
	byID := map[string][]*Node{}
	for _, n := range p.Nodes {
		byID[n.ID] = append(byID[n.ID], n)
	}
	for _, dg := range ds {
		if dg.Severity != diag.Error && dg.Severity != diag.Warning {
			continue
		}
		count := &p.Elsewhere
		if ns := byID[dg.Object]; dg.Object != "" && len(ns) > 0 {
			n := ns[0]
			for _, c := range ns {
				if on := c.obj.Node; on != nil && dg.Start.Offset >= on.Start && dg.Start.Offset < on.End {
					n = c
					break
				}
			}
			count = &n.Findings
			if dg.Rule != nil && dg.Rule.ID == rules.UnusedObject.ID {
				n.Unused = true
			}
		}
		if dg.Severity == diag.Error {
			count.Errors++
		} else {
			count.Warnings++
		}
	}
}
