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
// (It is tested byte by byte: a regular expression here was a tenth of
// the field rules' time on a large definition.)
func isUserField(key string) bool {
	return len(key) > 2 && key[0] == 'm' && key[1] == 'y' && (key[2] == '_' || 'A' <= key[2] && key[2] <= 'Z')
}

// typing answers, for every object of a definition, its catalog type and
// the catalog field each of its fields is checked against. It is worked
// out once per definition (typingAnalyzer): a dozen rules walk every field
// and asked the same map lookups each time, about a sixth of a large lint.
type typing struct {
	g     *graph.Graph
	cat   *catalog.Catalog
	types []*catalog.Type
	// fields holds, by object index and field index, the field's catalog
	// field; nil for a user field or one the catalog does not know.
	fields [][]*catalog.Field
}

func newTyping(g *graph.Graph, cat *catalog.Catalog) *typing {
	objs := g.Def.Objects
	n := 0
	for _, o := range objs {
		n += len(o.Fields)
	}
	ty := &typing{g: g, cat: cat,
		types: make([]*catalog.Type, len(objs)), fields: make([][]*catalog.Field, len(objs))}
	flat := make([]*catalog.Field, n)
	for i, o := range objs {
		ty.types[i] = ty.lookupType(o)
		fs := flat[:len(o.Fields):len(o.Fields)]
		flat = flat[len(o.Fields):]
		for j, f := range o.Fields {
			if !isUserField(f.Key) {
				fs[j] = ty.lookupField(o, ty.types[i], f.Key)
			}
		}
		ty.fields[i] = fs
	}
	return ty
}

func (ty *typing) lookupType(o *definition.Object) *catalog.Type {
	if o.ID == graph.DefaultID && o.Type() == "" {
		return ty.cat.Type("Default")
	}
	return ty.cat.Type(ty.g.Type(o))
}

// lookupField is typedField's answer for an object of catalog type t (nil
// when it has none or an unknown one).
func (ty *typing) lookupField(o *definition.Object, t *catalog.Type, key string) *catalog.Field {
	if t != nil && t.Name != "Default" {
		return t.Field(key)
	}
	if t == nil && ty.g.Type(o) != "" {
		return nil // an unknown type: its own rule reports it
	}
	if d := ty.cat.Type("Default"); d != nil {
		if f := d.Field(key); f != nil {
			return f
		}
	}
	return anyField(ty.cat, key)
}

// objectType returns the catalog type of an object, or nil when it has
// none or an unknown one.
func (ty *typing) objectType(o *definition.Object) *catalog.Type {
	if i, ok := ty.g.Index(o); ok {
		return ty.types[i]
	}
	return ty.lookupType(o)
}

// field returns the catalog field a field of o is checked against: the
// type's own for typed objects; for Default and untyped templates, the
// field as any type defines it. nil when unknown.
func (ty *typing) field(o *definition.Object, key string) *catalog.Field {
	i, ok := ty.g.Index(o)
	if !ok {
		return ty.lookupField(o, ty.lookupType(o), key)
	}
	for j, f := range o.Fields {
		if f.Key == key && !isUserField(key) {
			return ty.fields[i][j]
		}
	}
	return ty.lookupField(o, ty.types[i], key)
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

// eachTyped calls fn for every known string value of a field the catalog
// types, skipping values not known offline (#{...}, ${...}).
func (ty *typing) eachTyped(fn func(o *definition.Object, f *definition.Field, v *definition.Value, sf *catalog.Field)) {
	ty.eachKnownField(func(o *definition.Object, f *definition.Field, sf *catalog.Field) {
		for _, v := range f.Values {
			if v.Kind == definition.Str && !opaque(v.Text) {
				fn(o, f, v, sf)
			}
		}
	})
}

// eachKnownField calls fn for each field of each object the catalog knows.
func (ty *typing) eachKnownField(fn func(o *definition.Object, f *definition.Field, sf *catalog.Field)) {
	for i, o := range ty.g.Def.Objects {
		for j, f := range o.Fields {
			if sf := ty.fields[i][j]; sf != nil && !sf.ReadOnly() {
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
