package rules

// Area 2, references and the graph.

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/schema"
)

// slotTypeName names the type a ref field takes, as the service names it
// in "'<slot>' values must be of type '<Type>'": the one target type, or
// for a slot taking several, their common category (unverified: the
// service's word for those is not known); any object is 'Default'.
func slotTypeName(cat *schema.Catalog, sf *schema.Field) string {
	if len(sf.Targets) == 1 {
		if sf.Targets[0] == schema.AnyTarget {
			return "Default"
		}
		return sf.Targets[0]
	}
	category := ""
	for _, t := range sf.Targets {
		c := t
		if ct := cat.Type(t); ct != nil {
			c = ct.Category
		}
		if category != "" && c != category {
			return sf.Targets[0]
		}
		category = c
	}
	return category
}

// foundTypeName is the type the service names for a referenced object: its
// effective type, or 'Default' for an untyped one.
func foundTypeName(g *graph.Graph, o *definition.Object) string {
	if t := g.Type(o); t != "" {
		return t
	}
	return "Default"
}

func ids(g *graph.Graph) []string {
	var out []string
	for _, o := range g.Def.Objects {
		if o.ID != "" {
			out = append(out, o.ID)
		}
	}
	return out
}

var (
	// MissingReference reports references to ids no object has.
	MissingReference = graphRule(&Rule{
		ID: "DP2001", Name: "missing-reference", Severity: diag.Error, Origin: diag.Service,
		Summary: "a reference names an object that is not in the definition",
		Doc: "Ids are case-sensitive. A fragment file whose references live in another file can mark this rule off " +
			"for itself (see the README).",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		if incomplete(g.Def) {
			return // the id may be one built at deploy time (DP9006)
		}
		for _, e := range g.Edges {
			if e.To != nil || e.Value.Text == "" || opaque(e.Value.Text) {
				continue // empty references are empty-value's (DP1006)
			}
			rep.Report(valueFinding(e.From, e.Value, fmt.Sprintf("%s refers to %s, which is not defined%s",
				quote(e.Field.Key), quote(e.Value.Text), suggest(e.Value.Text, ids(g)))))
		}
	})

	// StringForReference reports plain strings in reference fields.
	StringForReference = graphRule(&Rule{
		ID: "DP2002", Name: "string-for-reference", Severity: diag.Error, Origin: diag.Service, VerifiedText: true,
		Summary: "a reference field holds a plain string: write {\"ref\": \"<id>\"}",
		Doc: "The service's own words: `'schedule' values must be of type 'Schedule'. Found values of type 'String'`. " +
			"For a field that takes several types, dplint names their category (Resource, DataNode, ...); the service's word there is not known.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		eachKnownField(g, cat, func(o *definition.Object, f *definition.Field, sf *schema.Field) {
			if sf.Kind != schema.KindRef {
				return
			}
			for _, v := range f.Values {
				if v.Kind == definition.Str && !opaque(v.Text) && v.Text != "" {
					rep.Report(valueFinding(o, v, fmt.Sprintf("'%s' values must be of type '%s'. Found values of type 'String'", f.Key, slotTypeName(cat, sf))))
				}
			}
		})
	})

	// ReferenceForString reports references in fields that take values.
	ReferenceForString = graphRule(&Rule{
		ID: "DP2003", Name: "reference-for-string", Severity: diag.Error, Origin: diag.Service,
		Summary: "a field that takes a value holds a reference",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		eachKnownField(g, cat, func(o *definition.Object, f *definition.Field, sf *schema.Field) {
			if sf.Kind == schema.KindRef {
				return
			}
			for _, v := range f.Values {
				if v.Kind == definition.Ref {
					rep.Report(valueFinding(o, v, fmt.Sprintf("%s takes a %s value, not a reference", quote(f.Key), sf.Kind)))
				}
			}
		})
	})

	// WrongReferenceType reports references to objects of the wrong type.
	WrongReferenceType = graphRule(&Rule{
		ID: "DP2004", Name: "wrong-reference-type", Severity: diag.Error, Origin: diag.Service, VerifiedText: true,
		Summary: "a reference names an object of a type the field does not take",
		Doc: "The service's own words: `'schedule' values must be of type 'Schedule'. Found values of type 'Default'` " +
			"(an untyped object is of type Default). For a field that takes several types, dplint names their category; unverified.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, e := range g.Edges {
			if e.To == nil {
				continue
			}
			sf := typedField(g, cat, e.From, e.Field.Key)
			if sf == nil || sf.Kind != schema.KindRef {
				continue
			}
			found := foundTypeName(g, e.To)
			if t := g.Type(e.To); t != "" && cat.Type(t) == nil {
				continue // an unknown type: DP1101
			}
			if cat.Accepts(sf, found) {
				continue
			}
			rep.Report(valueFinding(e.From, e.Value, fmt.Sprintf("'%s' values must be of type '%s'. Found values of type '%s'", e.Field.Key, slotTypeName(cat, sf), found)))
		}
	})

	// ReferenceCycle reports parent and dependsOn loops, once each.
	ReferenceCycle = graphRule(&Rule{
		ID: "DP2005", Name: "reference-cycle", Severity: diag.Error, Origin: diag.Service,
		Summary: "objects inherit from each other in a loop (parent), or depend on each other in a loop (dependsOn)",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, c := range g.Cycles() {
			names := make([]string, 0, len(c.Objects)+1)
			for _, o := range c.Objects {
				names = append(names, quote(o.ID))
			}
			names = append(names, quote(c.Objects[0].ID))
			e := c.Edges[0]
			f := valueFinding(e.From, e.Value, fmt.Sprintf("%s cycle: %s", c.Slot, strings.Join(names, " → ")))
			for _, other := range c.Edges[1:] {
				f.Related = append(f.Related, rep.Related(other.Value.Node.Start, other.Value.Node.End,
					fmt.Sprintf("%s %s %s", quote(other.From.ID), c.Slot, quote(other.Value.Text))))
			}
			rep.Report(f)
		}
	})

	// UnusedObject reports objects nothing refers to.
	UnusedObject = graphRule(&Rule{
		ID: "DP2006", Name: "unused-object", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an object that nothing refers to (a data node, resource, schedule, precondition, action, database or format no object uses)",
		Doc:     "Activities are what runs, so they are never unused; everything else matters only when referenced.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		if incomplete(g.Def) {
			return // a user may be built at deploy time (DP9006)
		}
		for _, o := range g.Def.Objects {
			if o.ID == graph.DefaultID || o.IDNode == nil || g.UsedAsParent(o) {
				continue
			}
			t := cat.Type(g.Type(o))
			if t == nil || t.Category == "Activity" || t.Category == "Default" {
				continue
			}
			used := false
			for _, e := range g.In(o) {
				if e.From != o {
					used = true
					break
				}
			}
			if !used {
				what := map[string]string{"DataNode": "data node", "DataFormat": "data format", "Utility": "object"}[t.Category]
				if what == "" {
					what = strings.ToLower(t.Category)
				}
				rep.Report(anchorFinding(o, fmt.Sprintf("%s %s is not used by any object", article(what), what)))
			}
		}
	})
)

// eachKnownField calls fn for each field of each object the catalog knows.
func eachKnownField(g *graph.Graph, cat *schema.Catalog, fn func(o *definition.Object, f *definition.Field, sf *schema.Field)) {
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			if userField.MatchString(f.Key) {
				continue
			}
			if sf := typedField(g, cat, o, f.Key); sf != nil && !sf.ReadOnly() {
				fn(o, f, sf)
			}
		}
	}
}

// incomplete reports whether part of the definition is built only at
// deploy or plan time (a template's intrinsic function or dynamic block), so
// checks that need every object cannot be sure.
func incomplete(d *definition.Definition) bool { return d.Embedded != nil && d.Embedded.Incomplete }
