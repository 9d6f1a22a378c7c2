package rules

// Typed-field lookup: which catalog field an object's field is checked
// against, and the questions rules ask of objects, fields and parameters.

import (
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
)

// opaque reports a value whose text is not known offline: it holds a
// #{...} expression (evaluated by the service) or a ${...} placeholder (a
// template not rendered yet). Kind checks skip such values.
func opaque(s string) bool { return strings.Contains(s, "#{") || strings.Contains(s, "${") }

// userField reports a user-defined field: "my" then an upper-case letter or
// "_" (the guide's rule); the service ignores their values.
var userField = lazyRegexp(`^my[A-Z_]`)

// catalogType returns the catalog type of an object, or nil when it has
// none or an unknown one.
func catalogType(g *graph.Graph, cat *catalog.Catalog, o *definition.Object) *catalog.Type {
	if o.ID == graph.DefaultID && o.Type() == "" {
		return cat.Type("Default")
	}
	return cat.Type(g.Type(o))
}

// anyField finds a field by name in any type (for Default and untyped
// templates, whose fields are inherited by objects of every type).
func anyField(cat *catalog.Catalog, name string) *catalog.Field {
	for _, t := range cat.Types {
		if f := t.Field(name); f != nil {
			return f
		}
	}
	return nil
}

// typedField returns the catalog field a field of o is checked against:
// the type's own for typed objects; for Default and untyped templates, the
// field as any type defines it. nil when unknown.
func typedField(g *graph.Graph, cat *catalog.Catalog, o *definition.Object, key string) *catalog.Field {
	if t := catalogType(g, cat, o); t != nil && t.Name != "Default" {
		return t.Field(key)
	}
	if g.Type(o) != "" && cat.Type(g.Type(o)) == nil {
		return nil // an unknown type: its own rule reports it
	}
	if t := cat.Type("Default"); t != nil && t.Field(key) != nil {
		return t.Field(key)
	}
	return anyField(cat, key)
}

// eachTyped calls fn for every known string value of a field the catalog
// types, skipping values not known offline (#{...}, ${...}).
func eachTyped(g *graph.Graph, cat *catalog.Catalog, fn func(o *definition.Object, f *definition.Field, v *definition.Value, sf *catalog.Field)) {
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			if userField().MatchString(f.Key) {
				continue
			}
			sf := typedField(g, cat, o, f.Key)
			if sf == nil || sf.ReadOnly() {
				continue
			}
			for _, v := range f.Values {
				if v.Kind == definition.Str && !opaque(v.Text) {
					fn(o, f, v, sf)
				}
			}
		}
	}
}

// eachKnownField calls fn for each field of each object the catalog knows.
func eachKnownField(g *graph.Graph, cat *catalog.Catalog, fn func(o *definition.Object, f *definition.Field, sf *catalog.Field)) {
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			if userField().MatchString(f.Key) {
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

// concrete reports an object that is itself checked: typed (own or through
// its parent) and not a template that only lends fields to others.
func concrete(g *graph.Graph, o *definition.Object) bool {
	return o.IDNode != nil && g.Type(o) != "" && !(g.UsedAsParent(o) && o.Type() == "")
}

func ownValue(o *definition.Object, key string) *definition.Value {
	if f := o.Field(key); f != nil && len(f.Values) > 0 {
		return f.Values[0]
	}
	return nil
}

func attr(p *definition.Parameter, key string) *definition.Field {
	for _, a := range p.Attributes {
		if a.Key == key {
			return a
		}
	}
	return nil
}

func attrText(p *definition.Parameter, key string) (string, bool) {
	if a := attr(p, key); a != nil && len(a.Values) > 0 && a.Values[0].Kind == definition.Str {
		return a.Values[0].Text, true
	}
	return "", false
}

// unknownExpressions reports whether a value known only at deploy time
// (a !Sub, a Terraform interpolation) holds #{...} expressions, which
// dplint cannot read until the template is rendered.
func unknownExpressions(d *definition.Definition) bool {
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Unknown != "" && strings.Contains(v.Text, "#{") {
					return true
				}
			}
		}
	}
	return false
}
