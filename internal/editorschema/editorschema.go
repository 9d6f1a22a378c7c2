// Package editorschema generates the editor JSON Schema
// (schema/dplint.schema.json) from the object catalog: a JSON Schema
// (draft 2020-12) of the CLI definition file form for editors (VS Code:
// "$schema" in the file, or the json.schemas setting). `dplint schema`
// prints it; TestEditorSchema keeps the committed file and the catalog in
// step (go test ./internal/editorschema -run TestEditorSchema -update
// rewrites it).
package editorschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/dplint/dplint/schema/catalog"
)

// EditorURL is the $id of the editor JSON Schema (dplint.schema.json).
const EditorURL = "https://dplint.dev/schema/dplint.schema.json"

// The schema's design:
//
//   - Patterns are written so Go's regexp (RE2, what santhosh-tekuri/jsonschema
//     uses by default) and ECMAScript with the u flag (what VS Code uses)
//     read them alike: no inline flags such as (?i), which ECMAScript lacks,
//     and no escapes of characters that are not regex syntax, which the u
//     flag refuses. Case-insensitive words are spelt letter by letter with
//     classes ([Cc][Rr][Oo][Nn]).
//   - An enumeration is an anyOf of the exact values (an enum, which editors
//     offer as completions), a case-insensitive pattern of them (unless the
//     catalog marks the field caseSensitive), and an expression.
//   - An expression is any string holding "#{" (evaluated by the service) or
//     "${" (a template not rendered yet). It is accepted wherever a typed
//     value (enum, period, datetime, number, boolean) or a reference is, as
//     dplint's own checks skip such values; plain string fields take any
//     string anyway.
//   - Pattern schemas carry a patternErrorMessage (a VS Code keyword, which
//     other validators ignore), so editors say what was expected instead of
//     showing the pattern.
//   - Periods, datetimes, integers, doubles and booleans are checked with the
//     same forms dplint's rules accept (rules/values.go, rules/dp1109_invalid_number.go);
//     numeric limits (min, max) are not, a pattern being a poor way to say them.
//   - Required fields and required groups are not checked: objects inherit
//     them from their parent and from Default, which a schema of one object
//     cannot see.
//   - Objects with a known type accept only that type's fields (runtime and
//     system fields excluded: the service sets them) and user fields, which
//     start with "my" and an upper-case letter or "_". Objects without a type
//     (Default and parent templates) and Default itself accept any field, as
//     they pass their fields to objects of every type: the fields some type
//     has are given that field's shape and description, anything else only
//     the CLI form's generic shape (a string, a reference, or a list of them).
//     An object whose type is an expression gets the generic shape only.
//   - Objects written in the hybrid form ("fields": [{"key", "stringValue" or
//     "refValue"}]) and parameters with API-style "attributes" are accepted
//     in their API shape, so every file dplint reads with an "objects" key
//     validates.

// jobj is a JSON object that keeps its keys in the order they were added,
// so the generated file reads schema keywords in a conventional order.
type jobj []member

type member struct {
	key string
	val any
}

// EditorSchema generates the editor JSON Schema from the catalog: indented
// with two spaces, keys in a fixed order (property names and $defs sorted),
// ending with a newline. The same catalog always gives the same bytes.
func EditorSchema(c *catalog.Catalog) ([]byte, error) {
	g := &editorGen{c: c, defs: map[string]any{}}
	root, err := g.root()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := writeJSON(&b, root, ""); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	if !json.Valid(b.Bytes()) {
		return nil, fmt.Errorf("editor schema: generated invalid JSON")
	}
	return b.Bytes(), nil
}

type editorGen struct {
	c    *catalog.Catalog
	defs map[string]any
}

func ref(def string) jobj { return jobj{{"$ref", "#/$defs/" + def}} }

// Patterns shared by Go regexp and ECMAScript (see the design notes).
const (
	expressionPattern = `#\{|\$\{`
	periodPrefix      = `^\s*[0-9]+\s+(?:` // then the units, an optional s, spaces
	datetimePattern   = `^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$`
	integerPattern    = `^\s*[+-]?[0-9]+\s*$`
	doublePattern     = `^\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$`
	userFieldPattern  = `^my[A-Z_]`
)

// periodUnits are the units of a period, singular (rules/schedule.go).
var periodUnits = []string{"minute", "hour", "day", "week", "month", "year"}

func (g *editorGen) root() (jobj, error) {
	if err := g.sharedDefs(); err != nil {
		return nil, err
	}
	if err := g.objectDefs(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(g.defs))
	for n := range g.defs {
		names = append(names, n)
	}
	sort.Strings(names)
	defs := jobj{}
	for _, n := range names {
		defs = append(defs, member{n, g.defs[n]})
	}
	return jobj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", EditorURL},
		{"$comment", "Generated by dplint from its object catalog (schema/catalog); do not edit. Regenerate with: go test ./internal/editorschema -run TestEditorSchema -update. " +
			"Patterns are written for both Go regexp and ECMAScript: case-insensitive words are spelt with letter classes ([Cc][Rr][Oo][Nn]) instead of (?i). " +
			"Values holding #{ or ${ (expressions, unrendered templates) are accepted wherever a typed value or reference is. " +
			"Objects with a type take that type's fields and my... user fields only; Default and objects without a type (templates) take any field."},
		{"title", "AWS Data Pipeline definition (dplint)"},
		{"description", "A pipeline definition file in the AWS CLI form: objects, parameters and values. Field names, kinds and descriptions come from dplint's object catalog."},
		{"type", "object"},
		{"properties", jobj{
			{"$schema", jobj{{"description", "The JSON Schema this file is checked against; the AWS CLI ignores it."}, {"type", "string"}}},
			{"metadata", jobj{{"description", "Free-form information about the definition (template name, description ...); not part of the pipeline."}}},
			{"objects", jobj{{"description", "The pipeline objects."}, {"type", "array"}, {"items", ref("object")}}},
			{"parameterValues", jobj{{"description", "Parameter values in the API form (id and stringValue), as some hybrid files carry them."}, {"type", "array"}, {"items", ref("apiParameterValue")}}},
			{"parameters", jobj{{"description", "Parameters the objects use as #{myParameter}."}, {"type", "array"}, {"items", ref("parameter")}}},
			{"values", jobj{{"description", "Values for the parameters, by parameter id: a string, or a list of strings for an array parameter."}, {"type", "object"}, {"additionalProperties", ref("strings")}}},
		}},
		{"$defs", defs},
	}, nil
}

// sharedDefs adds the value shapes every object schema refers to. Those a
// field refers to with $ref carry $comment, never description: VS Code
// merges a $ref'd schema into the referring one, overwriting its keys, and
// would show the shape's description instead of the field's.
func (g *editorGen) sharedDefs() error {
	expr := ref("expression")
	g.defs["expression"] = jobj{
		{"$comment", "A value holding an expression (#{...}) or an unrendered template placeholder (${...}), known only when the pipeline runs or the template is rendered."},
		{"type", "string"},
		{"pattern", expressionPattern},
		{"patternErrorMessage", "Expected a #{...} expression or a ${...} placeholder."},
	}
	g.defs["refObject"] = jobj{
		{"$comment", "A reference to another object, by its id."},
		{"type", "object"},
		{"required", []any{"ref"}},
		{"properties", jobj{{"ref", jobj{{"description", "The id of the object referred to."}, {"type", "string"}}}}},
		{"additionalProperties", false},
	}
	g.defs["strings"] = jobj{{"anyOf", []any{
		jobj{{"type", "string"}},
		jobj{{"type", "array"}, {"items", jobj{{"type", "string"}}}},
	}}}
	g.defs["anyValue"] = jobj{
		{"description", "A field value in the CLI form: a string, a reference, or a list of them."},
		{"anyOf", []any{
			jobj{{"type", "string"}},
			ref("refObject"),
			jobj{{"type", "array"}, {"items", jobj{{"anyOf", []any{jobj{{"type", "string"}}, ref("refObject")}}}}},
		}},
	}
	// Value kinds; the list variants are added on demand (kindSchema).
	g.defs[string(catalog.KindString)] = jobj{{"type", "string"}}
	g.defs[string(catalog.KindRef)] = jobj{{"anyOf", []any{ref("refObject"), expr}}}
	units := make([]string, len(periodUnits))
	for i, u := range periodUnits {
		units[i] = caseless(u)
	}
	g.defs[string(catalog.KindPeriod)] = jobj{
		{"$comment", "A period: a whole number and minutes, hours, days, weeks, months or years, singular or plural, any case (\"15 minutes\", \"1 Day\")."},
		{"anyOf", []any{
			jobj{{"type", "string"}, {"pattern", periodPrefix + strings.Join(units, "|") + `)[Ss]?\s*$`}, {"patternErrorMessage", "Expected a period: a whole number and minutes, hours, days, weeks, months or years, such as \"15 minutes\" or \"1 day\"."}},
			expr,
		}},
	}
	g.defs[string(catalog.KindDateTime)] = jobj{
		{"$comment", "A date and time, YYYY-MM-DDTHH:MM:SS (UTC)."},
		{"anyOf", []any{jobj{{"type", "string"}, {"pattern", datetimePattern}, {"patternErrorMessage", "Expected a date and time, YYYY-MM-DDTHH:MM:SS."}}, expr}},
	}
	g.defs[string(catalog.KindInteger)] = jobj{
		{"$comment", "A whole number, written as a string."},
		{"anyOf", []any{jobj{{"type", "string"}, {"pattern", integerPattern}, {"patternErrorMessage", "Expected a whole number."}}, expr}},
	}
	g.defs[string(catalog.KindDouble)] = jobj{
		{"$comment", "A number, written as a string."},
		{"anyOf", []any{jobj{{"type", "string"}, {"pattern", doublePattern}, {"patternErrorMessage", "Expected a number."}}, expr}},
	}
	g.defs[string(catalog.KindBoolean)] = jobj{
		{"$comment", "true or false, written as a string (any case)."},
		{"anyOf", []any{
			jobj{{"enum", []any{"true", "false"}}},
			jobj{{"type", "string"}, {"pattern", `^\s*(?:` + caseless("true") + "|" + caseless("false") + `)\s*$`}, {"patternErrorMessage", "Expected true or false."}},
			expr,
		}},
	}
	g.defs["apiField"] = jobj{
		{"description", "A field in the API form, as hybrid files write it: a key and exactly one of stringValue and refValue."},
		{"type", "object"},
		{"required", []any{"key"}},
		{"properties", jobj{
			{"key", jobj{{"description", "The field name."}, {"type", "string"}}},
			{"refValue", jobj{{"description", "The id of the object referred to."}, {"type", "string"}}},
			{"stringValue", jobj{{"description", "The value."}, {"type", "string"}}},
		}},
		{"oneOf", []any{jobj{{"required", []any{"stringValue"}}}, jobj{{"required", []any{"refValue"}}}}},
		{"additionalProperties", false},
	}
	g.defs["apiParameterValue"] = jobj{
		{"type", "object"},
		{"required", []any{"id", "stringValue"}},
		{"properties", jobj{
			{"id", jobj{{"description", "The parameter's id."}, {"type", "string"}}},
			{"stringValue", jobj{{"description", "The value."}, {"type", "string"}}},
		}},
		{"additionalProperties", false},
	}
	boolExamples := []any{"true", "false"}
	attr := func(desc string, examples []any) jobj {
		o := jobj{{"description", desc}, {"$ref", "#/$defs/strings"}}
		if examples != nil {
			o = append(o, member{"examples", examples})
		}
		return o
	}
	g.defs["parameter"] = jobj{
		{"description", "A parameter: an id starting with my, and attributes (strings, or lists of strings)."},
		{"type", "object"},
		{"required", []any{"id"}},
		{"properties", jobj{
			{"allowedValues", attr("The values the parameter may take.", nil)},
			{"attributes", jobj{
				{"description", "The attributes in the API form (key and stringValue), as hybrid files write them."},
				{"type", "array"},
				{"items", jobj{
					{"type", "object"},
					{"required", []any{"key", "stringValue"}},
					{"properties", jobj{{"key", jobj{{"type", "string"}}}, {"stringValue", jobj{{"type", "string"}}}}},
					{"additionalProperties", false},
				}},
			}},
			{"default", attr("The value used when none is given.", nil)},
			{"description", attr("What the parameter is for.", nil)},
			{"helpText", attr("Help shown for the parameter in the console.", nil)},
			{"id", jobj{{"description", "The parameter's id, as #{...} expressions name it."}, {"type", "string"}}},
			{"isArray", attr("Whether the parameter holds a list of values.", boolExamples)},
			{"optional", attr("Whether the parameter may be left without a value.", boolExamples)},
			{"type", attr("The parameter's type: String, Integer, Double or AWS::S3::ObjectKey.", []any{"String", "Integer", "Double", "AWS::S3::ObjectKey"})},
			{"watermark", attr("Placeholder text shown for the parameter in the console.", nil)},
		}},
		{"additionalProperties", ref("strings")},
	}
	return nil
}

// objectDefs adds the object schema, one schema per type and the schema of
// untyped objects.
func (g *editorGen) objectDefs() error {
	var typeNames, typeDescs []any
	var branches []any
	branches = append(branches, jobj{
		{"if", jobj{{"required", []any{"type"}}}},
		{"else", ref("untypedObject")},
	})
	for _, t := range g.c.Types {
		if _, taken := g.defs[t.Name]; taken {
			return fmt.Errorf("editor schema: type %s collides with a shared definition", t.Name)
		}
		typeNames = append(typeNames, t.Name)
		typeDescs = append(typeDescs, t.Description)
		branches = append(branches, jobj{
			{"if", jobj{{"properties", jobj{{"type", jobj{{"const", t.Name}}}}}, {"required", []any{"type"}}}},
			{"then", ref(t.Name)},
		})
		if t.Name == "Default" {
			g.defs[t.Name] = jobj{
				{"$comment", "Default passes its fields to every object: it takes any field, like an untyped template."},
				{"$ref", "#/$defs/untypedObject"},
			}
			continue
		}
		props := jobj{{"id", true}, {"name", true}, {"type", true}}
		fields := writable(t.Fields)
		sort.Slice(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
		for _, f := range fields {
			if f.Name == "id" || f.Name == "name" || f.Name == "type" {
				return fmt.Errorf("editor schema: %s has a field named %q", t.Name, f.Name)
			}
			props = append(props, member{f.Name, g.fieldSchema(f)})
		}
		g.defs[t.Name] = jobj{
			{"description", t.Description},
			{"properties", props},
			{"patternProperties", jobj{{userFieldPattern, jobj{{"description", "A field of your own: my followed by an upper-case letter or _. The service keeps it and does not read it."}}}}},
			{"additionalProperties", false},
		}
	}
	untyped, err := g.untyped()
	if err != nil {
		return err
	}
	g.defs["untypedObject"] = untyped
	g.defs["object"] = jobj{
		{"description", "A pipeline object."},
		{"type", "object"},
		{"required", []any{"id"}},
		{"properties", jobj{
			// The shape of hybrid objects' fields list; doNotSuggest (VS
			// Code) leaves it out of completions on typed objects, and
			// untypedObject gives it its description.
			{"fields", jobj{{"type", "array"}, {"items", ref("apiField")}, {"doNotSuggest", true}}},
			{"id", jobj{{"description", "The object's id, unique in the pipeline; references name it."}, {"type", "string"}}},
			{"name", jobj{{"description", "The object's display name."}, {"type", "string"}}},
			{"type", jobj{
				{"description", "The object's type. Default and templates other objects name as their parent may go without one."},
				{"anyOf", []any{
					jobj{{"enum", typeNames}, {"enumDescriptions", typeDescs}},
					ref("expression"),
				}},
			}},
		}},
		{"additionalProperties", ref("anyValue")},
		{"allOf", branches},
	}
	return nil
}

// untyped is the schema of Default and objects without a type (hybrid
// objects among them: their "fields" list is checked in its API shape).
// Every field some type has gets its shape (a list when any type takes a
// list; only the generic shape if types disagree on its kind or values) and
// a description (Default's own, else the one most types share); other keys
// are not limited.
func (g *editorGen) untyped() (jobj, error) {
	type merged struct {
		f          *catalog.Field // the field on the first type that has it
		list       bool
		conflict   bool
		deprecated bool // on every type that has it
		descs      map[string]int
		own        string // Default's description
	}
	byName := map[string]*merged{}
	for _, t := range g.c.Types {
		for _, f := range writable(t.Fields) {
			m := byName[f.Name]
			if m == nil {
				m = &merged{f: f, deprecated: true, descs: map[string]int{}}
				byName[f.Name] = m
			}
			m.list = m.list || f.List
			m.deprecated = m.deprecated && f.Deprecated
			m.conflict = m.conflict || f.Kind != m.f.Kind || f.CaseSensitive != m.f.CaseSensitive ||
				strings.Join(f.Values, "\x00") != strings.Join(m.f.Values, "\x00")
			m.descs[f.Description]++
			if t.Name == "Default" {
				m.own = f.Description
			}
		}
	}
	if byName["fields"] != nil {
		return nil, fmt.Errorf("editor schema: a catalog field is named fields, which the schema keeps for hybrid objects")
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	props := jobj{{"fields", jobj{{"description", "The object's fields in the API form, as hybrid files write them (the type among them); such an object has only id, name and fields."}}}}
	for _, n := range names {
		m := byName[n]
		desc := m.own
		if desc == "" {
			best := 0
			for d, k := range m.descs {
				if k > best || k == best && d < desc {
					desc, best = d, k
				}
			}
		}
		if m.conflict {
			props = append(props, member{n, jobj{{"description", desc}}})
			continue
		}
		f := *m.f
		f.Description, f.List, f.Deprecated = desc, m.list, m.deprecated
		props = append(props, member{n, g.fieldSchema(&f)})
	}
	return jobj{
		{"$comment", "Default and templates (objects without a type) pass their fields to objects of any type, so they take any field: those some type has get its shape, others the generic one."},
		{"properties", props},
	}, nil
}

// writable lists the fields a definition may set: not runtime, not system.
func writable(fields []*catalog.Field) []*catalog.Field {
	var out []*catalog.Field
	for _, f := range fields {
		if !f.ReadOnly() {
			out = append(out, f)
		}
	}
	return out
}

// fieldSchema is the schema of one field: its description, value shape and
// default.
func (g *editorGen) fieldSchema(f *catalog.Field) jobj {
	desc, list := f.Description, f.List
	if f.Deprecated {
		// In the description, not as deprecated/deprecationMessage: VS Code
		// turns those into a warning on every use, and dplint does not warn
		// (Schedule's startAt is deprecated yet common and still accepted).
		// The note is written for maintainers; the word is enough here.
		desc += " Deprecated."
	}
	o := jobj{{"description", desc}}
	if f.Kind == catalog.KindEnum {
		one := jobj{{"anyOf", enumBranches(f)}}
		if list {
			o = append(o, member{"anyOf", []any{one, jobj{{"type", "array"}, {"items", one}}}})
		} else {
			o = append(o, one...)
		}
	} else {
		o = append(o, member{"$ref", "#/$defs/" + g.kindDef(f.Kind, list)})
	}
	if f.Default != "" {
		o = append(o, member{"default", f.Default})
	}
	return o
}

// kindDef names the $defs entry of a kind, adding the list variant (one
// value or a list of them) when first asked for.
func (g *editorGen) kindDef(k catalog.Kind, list bool) string {
	if !list {
		return string(k)
	}
	name := string(k) + "List"
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = jobj{{"anyOf", []any{ref(string(k)), jobj{{"type", "array"}, {"items", ref(string(k))}}}}}
	}
	return name
}

// enumBranches accepts the values as written, in any case unless the field
// is case-sensitive, and expressions.
func enumBranches(f *catalog.Field) []any {
	vals := make([]any, len(f.Values))
	alts := make([]string, len(f.Values))
	for i, v := range f.Values {
		vals[i] = v
		alts[i] = caseless(v)
	}
	out := []any{jobj{{"enum", vals}}}
	if !f.CaseSensitive {
		out = append(out, jobj{{"type", "string"}, {"pattern", "^(?:" + strings.Join(alts, "|") + ")$"},
			{"patternErrorMessage", "Expected one of " + strings.Join(f.Values, ", ") + " (in any case)."}})
	}
	return append(out, ref("expression"))
}

// caseless spells a word as a pattern matching it in any case, in a syntax
// Go regexp and ECMAScript (u flag) share: letters become [Xx] classes,
// regex syntax characters are escaped, everything else is kept.
func caseless(s string) string {
	var b strings.Builder
	for _, r := range s {
		lo, up := unicode.ToLower(r), unicode.ToUpper(r)
		switch {
		case lo != up:
			b.WriteString("[" + string(up) + string(lo) + "]")
		case strings.ContainsRune(`\^$.|?*+()[]{}`, r):
			b.WriteString(`\` + string(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeJSON writes v indented by two spaces per level, without HTML
// escaping (descriptions hold <, > and &).
func writeJSON(b *bytes.Buffer, v any, indent string) error {
	inner := indent + "  "
	switch v := v.(type) {
	case jobj:
		if len(v) == 0 {
			b.WriteString("{}")
			return nil
		}
		seen := map[string]bool{}
		b.WriteString("{\n")
		for i, m := range v {
			if seen[m.key] {
				return fmt.Errorf("editor schema: key %q written twice", m.key)
			}
			seen[m.key] = true
			b.WriteString(inner)
			if err := writeScalar(b, m.key); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := writeJSON(b, m.val, inner); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteString("[\n")
		for i, e := range v {
			b.WriteString(inner)
			if err := writeJSON(b, e, inner); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		return writeScalar(b, v)
	}
	return nil
}

func writeScalar(b *bytes.Buffer, v any) error {
	switch v.(type) {
	case string, bool, int:
	default:
		return fmt.Errorf("editor schema: cannot write %T", v)
	}
	var s bytes.Buffer
	enc := json.NewEncoder(&s)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Write(bytes.TrimSuffix(s.Bytes(), []byte("\n")))
	return nil
}
