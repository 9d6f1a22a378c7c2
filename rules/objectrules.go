package rules

// Area 1, objects against the catalog: types, fields, required fields and
// groups, exclusive fields, repeated values, enumerations and numbers.

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	suggestpkg "github.com/dplint/dplint/internal/suggest"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/schema"
)

// GraphAnalyzer resolves the definition's references and inheritance once
// for every rule that needs them.
var GraphAnalyzer = &analysis.Analyzer{
	Name:       "graph",
	Doc:        "resolves references, parent/Default inheritance and cycles",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf((*graph.Graph)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		in := input(pass)
		if in.Def == nil {
			return graph.Build(&definition.Definition{}), nil
		}
		return graph.Build(in.Def), nil
	},
}

// graphRule builds a rule over the graph and the catalog.
func graphRule(r *Rule, run func(rep Reporter, g *graph.Graph, cat *schema.Catalog)) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer, GraphAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			if rep.in.Def != nil {
				run(rep, pass.ResultOf[GraphAnalyzer].(*graph.Graph), schema.Objects())
			}
			return nil, nil
		},
	}
	return register(r)
}

// opaque reports a value whose text is not known offline: it holds a
// #{...} expression (evaluated by the service) or a ${...} placeholder (a
// template not rendered yet). Kind checks skip such values.
func opaque(s string) bool { return strings.Contains(s, "#{") || strings.Contains(s, "${") }

// userField reports a user-defined field: "my" then an upper-case letter or
// "_" (the guide's rule); the service ignores their values.
var userField = regexp.MustCompile(`^my[A-Z_]`)

// catalogType returns the catalog type of an object, or nil when it has
// none or an unknown one.
func catalogType(g *graph.Graph, cat *schema.Catalog, o *definition.Object) *schema.Type {
	if o.ID == graph.DefaultID && o.Type() == "" {
		return cat.Type("Default")
	}
	return cat.Type(g.Type(o))
}

// keyFinding places a finding on a field's key.
func keyFinding(o *definition.Object, f *definition.Field, msg string) Finding {
	return Finding{Object: o.ID, Start: f.KeyStart, End: f.KeyEnd, Pointer: f.Pointer, Message: msg}
}

// anchorFinding places a finding on an object as a whole (its id).
func anchorFinding(o *definition.Object, msg string) Finding {
	a := o.Anchor()
	return Finding{Object: o.ID, Start: a.Start, End: a.End, Pointer: a.Pointer(), Message: msg}
}

// valueFinding places a finding on one value.
func valueFinding(o *definition.Object, v *definition.Value, msg string) Finding {
	return Finding{Object: o.ID, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(), Message: msg}
}

// suggest returns ` (did you mean 'x'?)` for the closest candidate within
// a small edit distance, or "".
func suggest(word string, candidates []string) string {
	if best := suggestpkg.Closest(word, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", quote(best))
	}
	return ""
}

func typeNames(cat *schema.Catalog) []string {
	var out []string
	for _, t := range cat.Types {
		out = append(out, t.Name)
	}
	return out
}

func fieldNames(t *schema.Type) []string {
	var out []string
	for _, f := range t.Fields {
		if !f.ReadOnly() {
			out = append(out, f.Name)
		}
	}
	return out
}

// anyField finds a field by name in any type (for Default and untyped
// templates, whose fields are inherited by objects of every type).
func anyField(cat *schema.Catalog, name string) *schema.Field {
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
func typedField(g *graph.Graph, cat *schema.Catalog, o *definition.Object, key string) *schema.Field {
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

func listOf(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = quote(v)
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

var (
	// UnknownType reports a type the service does not know.
	UnknownType = graphRule(&Rule{
		ID: "DP1101", Name: "unknown-type", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object's 'type' is not a Data Pipeline object type",
		Doc:     "Types are case-sensitive: Ec2Resource, not EC2Resource. `dplint explain` lists them.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			f := o.Field("type")
			if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Str {
				continue
			}
			v := f.Values[0]
			if opaque(v.Text) || cat.Type(v.Text) != nil {
				continue
			}
			rep.Report(valueFinding(o, v, fmt.Sprintf("unknown object type %s%s", quote(v.Text), suggest(v.Text, typeNames(cat)))))
		}
	})

	// MissingType reports objects that have no type and are not templates.
	MissingType = graphRule(&Rule{
		ID: "DP1102", Name: "missing-type", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object has no 'type' (only Default and objects used as a 'parent' may go without)",
		Doc:     "An object without a type is a template only when another object names it as its parent.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			if o.ID == graph.DefaultID || o.IDNode == nil || g.UsedAsParent(o) || g.Type(o) != "" {
				continue
			}
			if f := o.Field("type"); f != nil {
				continue // a type of the wrong shape: other rules report it
			}
			rep.Report(anchorFinding(o, "object has no 'type'"))
		}
	})

	// UnknownField reports fields the object's type does not have.
	UnknownField = graphRule(&Rule{
		ID: "DP1103", Name: "unknown-field", Severity: diag.Error, Origin: diag.Service,
		Summary: "a field that the object's type does not have (user-defined fields start with 'my' and an upper-case letter or '_')",
		Doc: "Fields are case-sensitive. Your own fields must be named my + an upper-case letter or underscore (myNote, my_note); " +
			"the service keeps them and ignores their values. On Default and on untyped templates, any field of any type is allowed, " +
			"since every object inherits them.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			typ := g.Type(o)
			if typ != "" && cat.Type(typ) == nil {
				continue // unknown type: DP1101
			}
			t := catalogType(g, cat, o)
			for _, f := range o.Fields {
				if f.Key == "type" || userField.MatchString(f.Key) || f.Key == "" {
					continue
				}
				if typedField(g, cat, o, f.Key) != nil {
					continue
				}
				what := "any object type"
				candidates := []string{}
				if t != nil && t.Name != "Default" {
					what = quote(t.Name)
					candidates = fieldNames(t)
				} else {
					for _, t := range cat.Types {
						candidates = append(candidates, fieldNames(t)...)
					}
				}
				hint := suggest(f.Key, candidates)
				if hint == "" && strings.HasPrefix(strings.ToLower(f.Key), "my") {
					hint = " (a user-defined field needs 'my' followed by an upper-case letter or '_')"
				}
				rep.Report(keyFinding(o, f, fmt.Sprintf("%s is not a field of %s%s", quote(f.Key), what, hint)))
			}
		}
	})

	// ReadOnlyField reports runtime and system fields set in a definition.
	ReadOnlyField = graphRule(&Rule{
		ID: "DP1104", Name: "read-only-field", Severity: diag.Error, Origin: diag.Service,
		Summary: "a runtime or system field (set by the service, such as '@status' or '@pipelineId') is set in the definition",
		Doc:     "Runtime and system fields are the service's to set while the pipeline runs; a definition cannot give them.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			for _, f := range o.Fields {
				sf := typedField(g, cat, o, f.Key)
				if sf == nil && strings.HasPrefix(f.Key, "@") {
					sf = anyField(cat, f.Key)
				}
				if sf != nil && sf.ReadOnly() {
					what := "a runtime field"
					if sf.System {
						what = "a system field"
					}
					rep.Report(keyFinding(o, f, fmt.Sprintf("%s is %s that the service sets; it cannot be set in a definition", quote(f.Key), what)))
				} else if sf == nil && strings.HasPrefix(f.Key, "@") {
					rep.Report(keyFinding(o, f, fmt.Sprintf("%s: fields starting with '@' are set by the service; it cannot be set in a definition", quote(f.Key))))
				}
			}
		}
	})

	// MissingRequired reports required fields and unmet one-of groups.
	MissingRequired = graphRule(&Rule{
		ID: "DP1105", Name: "missing-required", Severity: diag.Error, Origin: diag.Service,
		Summary: "a required field is missing, or none of a required group is set (own, inherited from a parent, or from Default)",
		Doc:     "Required fields may come from the object itself, from its parent chain or from the Default object.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			t := catalogType(g, cat, o)
			if t == nil || t.Name == "Default" || g.UsedAsParent(o) && o.Type() == "" {
				continue // templates are checked through the objects that use them
			}
			has := func(key string) bool { f, _ := g.Lookup(o, key); return f != nil }
			for _, f := range t.Fields {
				if f.Required && !has(f.Name) {
					rep.Report(anchorFinding(o, fmt.Sprintf("required field %s is missing", quote(f.Name))))
				}
			}
			for _, grp := range t.Groups {
				if len(grp.OneOf) > 0 {
					found := false
					for _, n := range grp.OneOf {
						found = found || has(n)
					}
					if !found {
						rep.Report(anchorFinding(o, fmt.Sprintf("one of %s is required", listOf(grp.OneOf))))
					}
				}
				for _, n := range grp.AllOf {
					if !has(n) {
						rep.Report(anchorFinding(o, fmt.Sprintf("required field %s is missing", quote(n))))
					}
				}
			}
		}
	})

	// ExclusiveFields reports fields that must not be set together.
	ExclusiveFields = graphRule(&Rule{
		ID: "DP1106", Name: "exclusive-fields", Severity: diag.Error, Origin: diag.Service,
		Summary: "fields that cannot be used together are both set (startAt and startDateTime, endDateTime and occurrences, ...)",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			t := catalogType(g, cat, o)
			if t == nil {
				continue
			}
			for _, x := range t.Exclusive {
				var set []string
				var own *definition.Field
				for _, n := range x.Fields {
					if f, from := g.Lookup(o, n); f != nil {
						set = append(set, n)
						if from == o && own == nil {
							own = f
						}
					}
				}
				if len(set) > 1 && own != nil { // reported where one of them is written
					rep.Report(keyFinding(o, own, fmt.Sprintf("%s cannot be used together", listAnd(set))))
				}
			}
		}
	})

	// RepeatedValue reports several values in a single-valued field.
	RepeatedValue = graphRule(&Rule{
		ID: "DP1107", Name: "repeated-value", Severity: diag.Error, Origin: diag.Service,
		Summary: "a field that takes one value is given several (a JSON list, or a repeated key in the API form)",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			for _, f := range o.Fields {
				if len(f.Values) < 2 || userField.MatchString(f.Key) {
					continue
				}
				if sf := typedField(g, cat, o, f.Key); sf != nil && !sf.List {
					rep.Report(keyFinding(o, f, fmt.Sprintf("%s takes one value; found %d", quote(f.Key), len(f.Values))))
				}
			}
		}
	})

	// InvalidEnum reports values outside an enumeration.
	InvalidEnum = graphRule(&Rule{
		ID: "DP1108", Name: "invalid-enum", Severity: diag.Error, Origin: diag.Service,
		Summary: "a value is not one of the field's allowed values",
		Doc:     "Case does not matter unless the catalog says so (the service accepts CRON and ONDEMAND).",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		eachTyped(g, cat, func(o *definition.Object, f *definition.Field, v *definition.Value, sf *schema.Field) {
			if sf.Kind != schema.KindEnum {
				return
			}
			for _, allowed := range sf.Values {
				if v.Text == allowed || (!sf.CaseSensitive && strings.EqualFold(v.Text, allowed)) {
					return
				}
			}
			rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be %s; found %s", quote(f.Key), listOf(sf.Values), quote(v.Text))))
		})
	})

	// InvalidNumber reports integers, doubles and booleans that are not.
	InvalidNumber = graphRule(&Rule{
		ID: "DP1109", Name: "invalid-number", Severity: diag.Error, Origin: diag.Service,
		Summary: "an integer, double or boolean field holds something else, or a number outside the field's limits",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		eachTyped(g, cat, func(o *definition.Object, f *definition.Field, v *definition.Value, sf *schema.Field) {
			text := strings.TrimSpace(v.Text)
			var n float64
			switch sf.Kind {
			case schema.KindInteger:
				i, err := strconv.ParseInt(text, 10, 64)
				if err != nil {
					rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be an integer; found %s", quote(f.Key), quote(v.Text))))
					return
				}
				n = float64(i)
			case schema.KindDouble:
				d, err := strconv.ParseFloat(text, 64)
				if err != nil {
					rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be a number; found %s", quote(f.Key), quote(v.Text))))
					return
				}
				n = d
			case schema.KindBoolean:
				if !strings.EqualFold(text, "true") && !strings.EqualFold(text, "false") {
					rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be true or false; found %s", quote(f.Key), quote(v.Text))))
				}
				return
			default:
				return
			}
			if sf.Min != nil && n < *sf.Min {
				rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be at least %s; found %s", quote(f.Key), num(*sf.Min), quote(v.Text))))
			}
			if sf.Max != nil && n > *sf.Max {
				rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be at most %s; found %s", quote(f.Key), num(*sf.Max), quote(v.Text))))
			}
		})
	})
)

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func listAnd(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = quote(v)
	}
	if len(q) == 2 {
		return q[0] + " and " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// eachTyped calls fn for every known string value of a field the catalog
// types, skipping values not known offline (#{...}, ${...}).
func eachTyped(g *graph.Graph, cat *schema.Catalog, fn func(o *definition.Object, f *definition.Field, v *definition.Value, sf *schema.Field)) {
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			if userField.MatchString(f.Key) {
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
