// Package catalog is dplint's object catalog: every Data Pipeline object
// type of the Developer Guide, its fields, each field's kind (string,
// reference with the types it may name, datetime, period, enumeration,
// integer, double, boolean), required fields and groups, fields that
// exclude each other, list fields, and the runtime and system fields the
// service sets. It is data (one JSON file per type in this folder, format
// in README.md, compiled into catalog_gen.go), and the one source of truth
// for types and fields:
// the rules check against it and the editor schema is generated from it.
package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Kind is a field's value kind.
type Kind string

// Field kinds, as the Developer Guide's "Slot Type" column names them.
const (
	KindString   Kind = "string"
	KindRef      Kind = "ref"
	KindDateTime Kind = "datetime"
	KindPeriod   Kind = "period"
	KindEnum     Kind = "enum"
	KindInteger  Kind = "integer"
	KindDouble   Kind = "double"
	KindBoolean  Kind = "boolean"
)

// Categories of object types.
var Categories = []string{"Activity", "DataNode", "Resource", "Precondition", "Action", "Database", "DataFormat", "Schedule", "Utility", "Default"}

// AnyTarget in a ref field's targets accepts an object of any type
// (parent: any object, typed or not, may be a template).
const AnyTarget = "Any"

// Type is one object type.
type Type struct {
	Name        string      `json:"type"`
	Category    string      `json:"category"`
	Page        string      `json:"page"`
	Description string      `json:"description"`
	Groups      []Group     `json:"groups,omitempty"`
	Exclusive   []Exclusive `json:"exclusive,omitempty"`
	Requires    []Requires  `json:"requires,omitempty"`
	Fields      []*Field    `json:"fields"`
	Notes       []string    `json:"notes,omitempty"`

	byName map[string]*Field
}

// Group is a required group: exactly one of OneOf, or all of AllOf.
type Group struct {
	OneOf []string `json:"oneOf,omitempty"`
	AllOf []string `json:"allOf,omitempty"`
	Note  string   `json:"note,omitempty"`
}

// Exclusive lists fields that must not be set together.
type Exclusive struct {
	Fields []string `json:"fields"`
	Note   string   `json:"note"`
}

// Requires is a pair the guide states as "if you provide X, you must also
// provide Y": when If is set (own or inherited), every field of Then must be.
type Requires struct {
	If   string   `json:"if"`
	Then []string `json:"then"`
	Note string   `json:"note"`
}

// Field is one field of a type.
type Field struct {
	Name          string   `json:"name"`
	Kind          Kind     `json:"kind"`
	Targets       []string `json:"targets,omitempty"`
	Values        []string `json:"values,omitempty"`
	CaseSensitive bool     `json:"caseSensitive,omitempty"`
	List          bool     `json:"list,omitempty"`
	Required      bool     `json:"required,omitempty"`
	Invocation    bool     `json:"invocation,omitempty"`
	Runtime       bool     `json:"runtime,omitempty"`
	System        bool     `json:"system,omitempty"`
	Deprecated    bool     `json:"deprecated,omitempty"`
	NotAllowed    bool     `json:"notAllowed,omitempty"`
	Min           *float64 `json:"min,omitempty"`
	Max           *float64 `json:"max,omitempty"`
	Default       string   `json:"default,omitempty"`
	Grammar       string   `json:"grammar,omitempty"`
	Description   string   `json:"description"`
	Note          string   `json:"note,omitempty"`
}

// Grammars a string field's value may be held to (Field.Grammar), as a
// page states them; DP1112 checks them.
const (
	// GrammarBidPrice: a decimal strictly between 0 and 20.00.
	GrammarBidPrice = "bidPrice"
	// GrammarBidPriceOrOnDemandPrice: a bid price, or OnDemandPrice.
	GrammarBidPriceOrOnDemandPrice = "bidPriceOrOnDemandPrice"
	// GrammarSingleCharacter: exactly one character (after JSON unescaping).
	GrammarSingleCharacter = "singleCharacter"
	// GrammarSQLPredicate: SQL predicates that do not begin with WHERE.
	GrammarSQLPredicate = "sqlPredicate"
)

// Grammars lists every known grammar name.
var Grammars = []string{GrammarBidPrice, GrammarBidPriceOrOnDemandPrice, GrammarSingleCharacter, GrammarSQLPredicate}

// ReadOnly reports a field the service sets: runtime or system.
func (f *Field) ReadOnly() bool { return f.Runtime || f.System }

// Field returns the type's field by name, or nil.
func (t *Type) Field(name string) *Field { return t.byName[name] }

// Catalog is every object type.
type Catalog struct {
	Types  []*Type // sorted by name
	byName map[string]*Type
}

// Type returns a type by its exact name, or nil.
func (c *Catalog) Type(name string) *Type { return c.byName[name] }

// InCategory lists the types of a category, sorted.
func (c *Catalog) InCategory(cat string) []*Type {
	var out []*Type
	for _, t := range c.Types {
		if t.Category == cat {
			out = append(out, t)
		}
	}
	return out
}

// Accepts reports whether a reference to an object of type typ may fill a
// ref field: its targets name the type or the type's category.
func (c *Catalog) Accepts(f *Field, typ string) bool {
	t := c.byName[typ]
	for _, target := range f.Targets {
		if target == AnyTarget || target == typ || (t != nil && target == t.Category) {
			return true
		}
	}
	return false
}

var (
	embeddedOnce sync.Once
	embedded     *Catalog
	embeddedErr  error
)

// Objects returns the catalog: the JSON files as compiled into
// catalog_gen.go (TestGeneratedCatalog keeps the two the same), so no JSON
// is decoded when dplint runs. It panics if the data is invalid, which
// TestCatalog prevents from ever shipping.
func Objects() *Catalog {
	embeddedOnce.Do(func() {
		embedded = generatedCatalog()
		embeddedErr = embedded.check()
	})
	if embeddedErr != nil {
		panic(embeddedErr)
	}
	return embedded
}

// generatedCatalog indexes the generated types as Load indexes decoded ones.
func generatedCatalog() *Catalog {
	c := &Catalog{Types: generatedTypes(), byName: map[string]*Type{}}
	for _, t := range c.Types {
		t.byName = make(map[string]*Field, len(t.Fields))
		for _, f := range t.Fields {
			t.byName[f.Name] = f
		}
		c.byName[t.Name] = t
	}
	return c
}

// number is a pointer to a limit, for the generated catalog's Min and Max.
func number(v float64) *float64 { return &v }

// Load reads and checks every *.json file in dir of fsys.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c := &Catalog{byName: map[string]*Type{}}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		t, err := decodeType(data)
		if err != nil {
			return nil, fmt.Errorf("catalog/%s: %w", e.Name(), err)
		}
		if t.Name+".json" != e.Name() {
			return nil, fmt.Errorf("catalog/%s: holds type %q; the file must be named %s.json", e.Name(), t.Name, t.Name)
		}
		c.Types = append(c.Types, t)
		c.byName[t.Name] = t
	}
	sort.Slice(c.Types, func(i, j int) bool { return c.Types[i].Name < c.Types[j].Name })
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

func decodeType(data []byte) (*Type, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var t Type
	if err := dec.Decode(&t); err != nil {
		return nil, err
	}
	t.byName = map[string]*Field{}
	for _, f := range t.Fields {
		if t.byName[f.Name] != nil {
			return nil, fmt.Errorf("field %q listed twice", f.Name)
		}
		t.byName[f.Name] = f
	}
	return &t, nil
}

// check validates the catalog as a whole: known kinds and categories,
// targets that name a type or category, enum values, known grammars on
// string fields, groups and exclusive sets that name fields of the type.
func (c *Catalog) check() error {
	cats := map[string]bool{}
	for _, cat := range Categories {
		cats[cat] = true
	}
	grammars := map[string]bool{}
	for _, g := range Grammars {
		grammars[g] = true
	}
	kinds := map[Kind]bool{KindString: true, KindRef: true, KindDateTime: true, KindPeriod: true, KindEnum: true, KindInteger: true, KindDouble: true, KindBoolean: true}
	var errs []string
	bad := func(t *Type, format string, a ...any) {
		errs = append(errs, t.Name+": "+fmt.Sprintf(format, a...))
	}
	for _, t := range c.Types {
		if !cats[t.Category] {
			bad(t, "unknown category %q", t.Category)
		}
		if t.Page == "" || t.Description == "" {
			bad(t, "page and description are required")
		}
		for _, f := range t.Fields {
			if !kinds[f.Kind] {
				bad(t, "field %s: unknown kind %q", f.Name, f.Kind)
			}
			if f.Description == "" {
				bad(t, "field %s: no description", f.Name)
			}
			if (f.Kind == KindRef) != (len(f.Targets) > 0) {
				bad(t, "field %s: targets are for (and required on) ref fields", f.Name)
			}
			for _, target := range f.Targets {
				if !cats[target] && c.byName[target] == nil && target != AnyTarget {
					bad(t, "field %s: target %q is neither a type nor a category", f.Name, target)
				}
			}
			if (f.Kind == KindEnum) != (len(f.Values) > 0) {
				bad(t, "field %s: values are for (and required on) enum fields", f.Name)
			}
			if f.NotAllowed && (f.Required || f.ReadOnly()) {
				bad(t, "field %s: a field that is not allowed cannot be required, runtime or system", f.Name)
			}
			if f.ReadOnly() && (f.Required || f.Invocation) {
				bad(t, "field %s: a runtime or system field cannot be required", f.Name)
			}
			if f.Grammar != "" && (f.Kind != KindString || !grammars[f.Grammar]) {
				bad(t, "field %s: grammar %q is not one of %s, or the field is not a string", f.Name, f.Grammar, strings.Join(Grammars, ", "))
			}
		}
		names := func(list []string, what string) {
			for _, n := range list {
				if t.byName[n] == nil {
					bad(t, "%s names %q, which is not a field of the type", what, n)
				}
			}
		}
		for _, g := range t.Groups {
			if (len(g.OneOf) == 0) == (len(g.AllOf) == 0) {
				bad(t, "a group has exactly one of oneOf and allOf")
			}
			names(g.OneOf, "a oneOf group")
			names(g.AllOf, "an allOf group")
		}
		for _, x := range t.Exclusive {
			if len(x.Fields) < 2 || x.Note == "" {
				bad(t, "an exclusive set needs two or more fields and a note")
			}
			names(x.Fields, "an exclusive set")
		}
		for _, r := range t.Requires {
			if r.If == "" || len(r.Then) == 0 || r.Note == "" {
				bad(t, "a requires pair needs if, then and a note")
			}
			names(append([]string{r.If}, r.Then...), "a requires pair")
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("catalog:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}
