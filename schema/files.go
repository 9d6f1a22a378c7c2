// Package schema is the JSON Schema of the definition file forms (the CLI
// form, its companion parameters/values files, the API and hybrid forms),
// embedded as files.schema.json and checked with
// santhosh-tekuri/jsonschema/v5. Check maps every violation back to the
// node of the file it is about, for the structure rules (DP1001-DP1004) to
// report. The object catalog is schema/catalog; the editor schema
// (dplint.schema.json) is generated from it by internal/editorschema.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dplint/dplint/source"
)

//go:embed files.schema.json
var filesSchema []byte

const filesURL = "https://dplint.dev/schema/files.schema.json"

// FilesSchema returns the embedded JSON Schema of the file forms.
func FilesSchema() []byte { return append([]byte(nil), filesSchema...) }

// Shape names a top-level shape in the schema's $defs.
type Shape string

// The shapes files are checked against.
const (
	CLIFile      Shape = "cliFile"
	CLICompanion Shape = "cliCompanion"
	HybridFile   Shape = "hybridFile"
	APIFile      Shape = "apiFile"
)

// Class says what kind of shape problem a violation is, so rules can pick
// their own.
type Class int

// Violation classes.
const (
	// MissingKey: a required key is absent (Key names it).
	MissingKey Class = iota + 1
	// InvalidValue: a field, attribute or parameter value is not a string
	// (or, for object fields, a reference or a list of those).
	InvalidValue
	// UnknownKey: a key the form does not allow (API form only).
	UnknownKey
	// WrongType: a container or id of the wrong JSON type (Want says what
	// was expected).
	WrongType
	// ValueChoice: an API field entry without exactly one of
	// stringValue/refValue.
	ValueChoice
)

// Violation is one shape problem, placed on a node.
type Violation struct {
	Class Class
	Node  *source.Node // the node at fault (for MissingKey, the object missing it)
	Slot  *source.Node // for InvalidValue: the whole value of the field
	Key   string       // MissingKey / UnknownKey: the key
	// KeyStart/KeyEnd cover the unknown key's text (UnknownKey).
	KeyStart, KeyEnd int
	Want             string // WrongType: the expected JSON type
}

// compiled are the shapes' schemas, and doc the schema as a tree, made on
// first use: a command that checks no file does not pay for them.
var compiled = sync.OnceValues(func() (map[Shape]*jsonschema.Schema, map[string]any) {
	var doc map[string]any
	if err := json.Unmarshal(filesSchema, &doc); err != nil {
		panic(fmt.Sprintf("schema: embedded files.schema.json: %v", err))
	}
	out := map[Shape]*jsonschema.Schema{}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(filesURL, bytes.NewReader(filesSchema)); err != nil {
		panic(fmt.Sprintf("schema: adding files.schema.json: %v", err))
	}
	for _, s := range []Shape{CLIFile, CLICompanion, HybridFile, APIFile} {
		sch, err := c.Compile(filesURL + "#/$defs/" + string(s))
		if err != nil {
			panic(fmt.Sprintf("schema: compiling %s: %v", s, err))
		}
		out[s] = sch
	}
	return out, doc
})

// Check validates root against a shape and returns the violations in
// document order, each placed on a node of root.
func Check(shape Shape, root *source.Node) ([]Violation, error) {
	if _, known := objectLists[shape]; (known || shape == CLICompanion) && plainFile(shape, root) {
		return nil, nil // nothing for the validator to find (plain.go)
	}
	schemas, _ := compiled()
	sch := schemas[shape]
	if sch == nil {
		return nil, fmt.Errorf("schema: unknown shape %q", shape)
	}
	aliases := map[string]string{}
	err := sch.Validate(rootInstance(shape, root, aliases))
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, fmt.Errorf("schema: validating: %w", err)
	}
	var out []Violation
	loc := locator{root: root, aliases: aliases}
	loc.collect(ve, &out)
	sort.SliceStable(out, func(i, j int) bool { return start(out[i]) < start(out[j]) })
	// One violation per place and class: anyOf branches repeat themselves.
	uniq := out[:0]
	seen := map[string]bool{}
	for _, v := range out {
		k := fmt.Sprintf("%d|%d|%d|%s", v.Class, v.Node.Start, v.KeyStart, v.Key)
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, v)
		}
	}
	return uniq, nil
}

func start(v Violation) int {
	if v.Class == UnknownKey {
		return v.KeyStart
	}
	return v.Node.Start
}

// longKey is the key length past which instance() gives a key a short
// alias. The validator writes the instance location of every value it
// visits, so one 10 KB key above 100,000 list items would cost a gigabyte.
const longKey = 64

// instance converts the tree to the values the validator takes (numbers as
// json.Number; the last of duplicate keys wins), replacing long keys by
// short aliases recorded in aliases (alias -> key).
func instance(n *source.Node, aliases map[string]string) any {
	switch n.Kind {
	case source.Object:
		m := make(map[string]any, len(n.Members))
		for _, mem := range n.Members {
			m[aliasFor(mem.Key, aliases)] = instance(mem.Value, aliases)
		}
		return m
	case source.Array:
		a := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			a[i] = instance(e, aliases)
		}
		return a
	}
	return n.Value(func(s string) any { return json.Number(s) })
}

// rootInstance is instance for the whole file, with each plain object of
// its objects list replaced by a stand-in (plain.go).
func rootInstance(shape Shape, root *source.Node, aliases map[string]string) any {
	list, ok := objectLists[shape]
	if !ok || root.Kind != source.Object {
		return instance(root, aliases)
	}
	m := make(map[string]any, len(root.Members))
	for _, mem := range root.Members {
		if mem.Key != list.key || mem.Value.Kind != source.Array {
			m[aliasFor(mem.Key, aliases)] = instance(mem.Value, aliases)
			continue
		}
		a := make([]any, len(mem.Value.Elems))
		for i, e := range mem.Value.Elems {
			if plainObject(list.def, e) {
				a[i] = standIn(list.def)
			} else {
				a[i] = instance(e, aliases)
			}
		}
		m[mem.Key] = a
	}
	return m
}

// aliasFor is the key as the validator gets it: a long key is aliased.
func aliasFor(key string, aliases map[string]string) string {
	if len(key) <= longKey {
		return key
	}
	alias := fmt.Sprintf("\x00dplint-key-%d", len(aliases))
	aliases[alias] = key
	return alias
}

// locator finds the node an instance location names. The validator
// writes locations as JSON Pointers whose tokens are also URL-path-escaped
// (a key "my field" appears as "my%20field"), with long keys aliased.
type locator struct {
	root    *source.Node
	aliases map[string]string
}

func (l locator) node(loc string) *source.Node {
	if loc == "" {
		return l.root
	}
	toks := strings.Split(loc, "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			t = u
		}
		if k, ok := l.aliases[t]; ok {
			t = source.PointerToken(k)
		}
		toks[i] = t
	}
	return l.root.Lookup(strings.Join(toks, "/"))
}

// location splits an absolute keyword location into its $defs name and the
// pointer inside the schema document.
func location(abs string) (def, ptr string) {
	_, ptr, _ = strings.Cut(abs, "#")
	if rest, ok := strings.CutPrefix(ptr, "/$defs/"); ok {
		def, _, _ = strings.Cut(rest, "/")
	}
	return def, ptr
}

func (l locator) collect(ve *jsonschema.ValidationError, out *[]Violation) {
	def, ptr := location(ve.AbsoluteKeywordLocation)
	node := l.node(ve.InstanceLocation)
	if node == nil {
		return
	}
	switch def {
	case "cliFieldValue", "cliStrings", "apiString":
		// The value of one field: report it once, at the deepest place
		// any branch of the anyOf reached (the bad list item, the
		// non-string ref), with the whole value as the slot.
		deepest, depth := node, strings.Count(ve.InstanceLocation, "/")
		var walk func(e *jsonschema.ValidationError)
		walk = func(e *jsonschema.ValidationError) {
			if d := strings.Count(e.InstanceLocation, "/"); d > depth {
				if n := l.node(e.InstanceLocation); n != nil {
					deepest, depth = n, d
				}
			}
			for _, c := range e.Causes {
				walk(c)
			}
		}
		walk(ve)
		*out = append(*out, Violation{Class: InvalidValue, Node: deepest, Slot: node})
		return
	}
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			l.collect(c, out)
		}
		return
	}
	keyword := ptr[strings.LastIndex(ptr, "/")+1:]
	switch keyword {
	case "required":
		if strings.Contains(ptr, "/oneOf/") {
			*out = append(*out, Violation{Class: ValueChoice, Node: node})
			return
		}
		for _, k := range strings2(pointer(ptr)) {
			if node.Member(k) == nil {
				*out = append(*out, Violation{Class: MissingKey, Node: node, Key: k})
			}
		}
	case "oneOf":
		*out = append(*out, Violation{Class: ValueChoice, Node: node})
	case "additionalProperties":
		props, _ := pointer(strings.TrimSuffix(ptr, "additionalProperties") + "properties").(map[string]any)
		for _, m := range node.Members {
			if _, ok := props[m.Key]; !ok {
				*out = append(*out, Violation{Class: UnknownKey, Node: m.Value, Key: m.Key, KeyStart: m.KeyStart, KeyEnd: m.KeyEnd})
			}
		}
	case "type":
		want, _ := pointer(ptr).(string)
		*out = append(*out, Violation{Class: WrongType, Node: node, Want: want})
	default:
		*out = append(*out, Violation{Class: WrongType, Node: node, Want: keyword})
	}
}

// pointer resolves a JSON Pointer in the schema document.
func pointer(ptr string) any {
	_, doc := compiled()
	var cur any = doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

func strings2(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
