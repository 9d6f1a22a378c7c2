package cli_test

// TestMutations is a mutation test of the rules: it takes definitions that
// lint clean, plants one known defect at a time and requires dplint to
// report it on the right object.
//
// Baseline files. Every *.json file of testdata/ok and every *.json file
// under the corpus (../shared/corpus, walked recursively; the corpus part is
// skipped when the shared folder is absent) that
//   - is valid JSON (encoding/json's json.Valid),
//   - is in the CLI form: definition.Detect says CLI and the top level has an
//     "objects" array (API-form and objects-with-fields files are not
//     mutated: the defects below are written for CLI-form objects),
//   - and lints, with lint.New(lint.Config{}), with no internal error and no
//     finding of severity error.
//
// The model the eligibility rules use is built here, independently of
// dplint's definition and graph packages, from the file decoded with
// encoding/json into an ordered tree (duplicate keys kept; the last one
// wins, as in the AWS CLI). For each object of the "objects" array:
//   - id: its "id" string; objects without a string id are never targets;
//   - own fields: its keys other than "id" and "name";
//   - parent: the object named by its "parent" reference ({"ref": X}, or the
//     first reference of a list); the parent chain follows parents and stops
//     before repeating an object;
//   - effective type: its own "type" string, else the nearest parent's
//     (types never come from Default);
//   - catalog type: the catalog type named by the effective type; for the
//     object with id "Default" and no own type, the catalog's Default type;
//   - inherited value of a field: held by an object of its parent chain, or
//     by the Default object (when the object is not Default itself);
//   - template: an object that some object's "parent" names and that has no
//     own "type";
//   - catalog field of a key: for an object whose catalog type is not
//     Default, that type's field; for Default and untyped templates (which
//     pass their fields to objects of any type), the fields of that name in
//     all catalog types (a kind is taken only when they all agree);
//   - opaque value: any string in the value (a reference's id included)
//     holding "#{" or "${".
//
// Mutants. At most one mutant per (file, defect, target object): the first
// eligible place in the object's field order. Each is the baseline tree
// with one edit, encoded compactly, and linted in-process with the same
// linter. It is detected when a finding of the expected rule has the
// expected object id (Diagnostic.Object).
//
//  1. drop-required (DP1105 on the object). Targets: objects with a catalog
//     type other than Default that are not templates. The field is one the
//     object sets itself (own key) and that it does not inherit (no object
//     of its parent chain and not Default holds the key), and is either
//     `required: true` in the catalog type (not a runtime/system field), a
//     member of an allOf group, or the only member of a oneOf group that
//     the object has at all (own or inherited). Edit: remove every member
//     with that key.
//  2. dangling-ref (DP2001 on the object). Targets: objects with an own
//     field (any key) whose value, or an element of whose list, is a
//     reference {"ref": "<non-empty string>"}. Edit: the first such
//     reference names an id no object of the file has ("dplintMissing", with
//     a number appended while taken).
//  3. schedule-wrong-type (DP2004 on the object). Targets: objects whose
//     own "schedule" holds a reference (first one of a list) and whose
//     catalog field 'schedule' is a ref field. Edit: that reference names
//     the first other object of the file whose effective type is a catalog
//     type that the field's targets do not accept (not a Schedule). Skipped
//     when the file has no such object.
//  4. misspell-field (DP1103 on the object). Targets: objects whose own
//     field is known to the catalog for the object (a non runtime/system
//     field of its catalog type; for Default and templates, a field of any
//     catalog type), whose key is not "type" and does not start with "my",
//     and whose value is not opaque. Edit: rename every member with that key
//     to the key with one letter dropped, trying the last letter first, then
//     the ones before it; a spelling is taken only when it is not empty, is
//     no field of the object's catalog type (runtime and system fields
//     included; for Default and templates, no field of any catalog type), is
//     not already a key of the object, is not "id", "name" or "type", does
//     not start with "@" and is not a user field (my + upper case or "_").
//  5. misspell-type (DP1101 on the object). Targets: objects whose own "type"
//     is a string naming a catalog type. Edit: drop one letter (the last
//     first, then earlier ones) so that the result names no catalog type.
//  6. bad-period (DP4001 on the object). Targets: objects with an own field
//     (key not "type", not starting with "my") whose catalog field is of
//     kind period (not runtime/system) and whose value is one string that is
//     not opaque. Edit: the value, trimmed, with "z" appended ("1 Hour" ->
//     "1 Hourz").
//  7. bad-datetime (DP4002 on the object). As 6 for kind datetime. Edit: the
//     value becomes "2024-13-45 99:99".
//  8. depends-on-cycle (DP2005 on A or B). The activities of the file are
//     the objects whose catalog type has category Activity, in file order;
//     with n >= 2 of them, each activity A is paired with the next one B
//     (the last with the first; with exactly two, one pair). Edit: every
//     "dependsOn" member of A is replaced by one "dependsOn": {"ref": B} and
//     every one of B by "dependsOn": {"ref": A}.
//
// The bar is 100% detection. The test also fails when testdata/ok alone
// gives fewer than 10 eligible mutants, or, with the corpus present, when
// fewer than 50 are eligible overall or a defect has none.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/schema/catalog"
	"github.com/dplint/dplint/source"
)

// The defects, in the order of the table.
var mutDefects = []struct{ name, rule string }{
	{"drop-required", "DP1105"},
	{"dangling-ref", "DP2001"},
	{"schedule-wrong-type", "DP2004"},
	{"misspell-field", "DP1103"},
	{"misspell-type", "DP1101"},
	{"bad-period", "DP4001"},
	{"bad-datetime", "DP4002"},
	{"depends-on-cycle", "DP2005"},
}

const (
	mutDropRequired = iota
	mutDanglingRef
	mutScheduleWrongType
	mutMisspellField
	mutMisspellType
	mutBadPeriod
	mutBadDatetime
	mutDependsOnCycle
)

var mutUserField = regexp.MustCompile(`^my[A-Z_]`)

func TestMutations(t *testing.T) {
	root := testenv.RepoRoot(t)
	linter, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.Objects()

	type input struct{ name, path string }
	var okFiles, corpusFiles []input
	okDir := filepath.Join(root, "testdata", "ok")
	entries, err := os.ReadDir(okDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			okFiles = append(okFiles, input{"testdata/ok/" + e.Name(), filepath.Join(okDir, e.Name())})
		}
	}
	corpusDir := ""
	t.Run("corpus", func(t *testing.T) { corpusDir = filepath.Join(testenv.SharedDir(t), "corpus") })
	if corpusDir != "" {
		err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
				return nil
			}
			rel, _ := filepath.Rel(corpusDir, p)
			corpusFiles = append(corpusFiles, input{"corpus/" + filepath.ToSlash(rel), p})
			return nil
		})
		if err != nil {
			t.Fatalf("walking %s: %v", corpusDir, err)
		}
	}

	eligible := make([]int, len(mutDefects))
	detected := make([]int, len(mutDefects))
	okEligible, baselineFiles := 0, 0
	var misses []string
	check := func(in input, fromOK bool) {
		data, err := os.ReadFile(in.path)
		if err != nil {
			t.Fatal(err)
		}
		def := mutBaseline(linter, cat, in.name, data)
		if def == nil {
			return
		}
		baselineFiles++
		for _, m := range def.mutants() {
			eligible[m.defect]++
			if fromOK {
				okEligible++
			}
			rule := mutDefects[m.defect].rule
			res := linter.Lint(in.name, m.data)
			owners := map[string]bool{}
			for _, o := range m.owners {
				owners[o] = true
			}
			found := false
			var onObject []string
			if res.Err == nil && !res.Skipped {
				for _, d := range res.Definitions {
					for _, dg := range d.Diagnostics {
						if !owners[dg.Object] {
							continue
						}
						if dg.Rule.ID == rule {
							found = true
						}
						onObject = append(onObject, fmt.Sprintf("%s on %q: %s", dg.Rule.ID, dg.Object, dg.Message))
					}
				}
			}
			if found {
				detected[m.defect]++
				continue
			}
			got := strings.Join(onObject, "; ")
			switch {
			case res.Err != nil:
				got = "lint error: " + res.Err.Error()
			case res.Skipped:
				got = "the mutant was skipped as not a definition"
			case got == "":
				got = "nothing"
			}
			misses = append(misses, fmt.Sprintf("%s: %s (want %s) on %s: %s; dplint reported for the object: %s",
				in.name, mutDefects[m.defect].name, rule, strings.Join(m.owners, " or "), m.change, got))
		}
	}
	for _, in := range okFiles {
		check(in, true)
	}
	for _, in := range corpusFiles {
		check(in, false)
	}

	var table strings.Builder
	fmt.Fprintf(&table, "baseline files (CLI form, no error): %d of %d (testdata/ok %d, corpus %d)\n",
		baselineFiles, len(okFiles)+len(corpusFiles), len(okFiles), len(corpusFiles))
	fmt.Fprintf(&table, "%-20s %-7s %9s %9s\n", "defect", "rule", "eligible", "detected")
	total, totalDetected := 0, 0
	for i, d := range mutDefects {
		fmt.Fprintf(&table, "%-20s %-7s %9d %9d\n", d.name, d.rule, eligible[i], detected[i])
		total += eligible[i]
		totalDetected += detected[i]
	}
	fmt.Fprintf(&table, "%-20s %-7s %9d %9d (testdata/ok alone: %d eligible)", "overall", "", total, totalDetected, okEligible)
	t.Logf("mutation results:\n%s", table.String())

	if len(misses) > 0 {
		sort.Strings(misses)
		t.Errorf("%d of %d eligible mutants were not detected:\n  %s", len(misses), total, strings.Join(misses, "\n  "))
	}
	if okEligible < 10 {
		t.Errorf("testdata/ok gave only %d eligible mutants; want at least 10", okEligible)
	}
	if corpusDir != "" {
		if total < 50 {
			t.Errorf("only %d eligible mutants with the corpus; want at least 50", total)
		}
		for i, d := range mutDefects {
			if eligible[i] == 0 {
				t.Errorf("defect %s had no eligible mutant with the corpus", d.name)
			}
		}
	}
}

// mutBaseline returns the model of a file that qualifies as a baseline, or
// nil.
func mutBaseline(linter *lint.Linter, cat *catalog.Catalog, name string, data []byte) *mutDef {
	if !json.Valid(data) {
		return nil
	}
	if definition.Detect(source.Parse(name, data)) != definition.CLI {
		return nil
	}
	root, err := mutDecode(data)
	if err != nil || root.kind != 'o' {
		return nil
	}
	objs := root.get("objects")
	if objs == nil || objs.kind != 'a' {
		return nil
	}
	res := linter.Lint(name, data)
	if res.Err != nil || res.Skipped || res.Count(diag.Error) > 0 {
		return nil
	}
	return newMutDef(cat, root)
}

// ---- the ordered JSON tree ----

// mutNode is a JSON value with object members in order, duplicates kept.
type mutNode struct {
	kind    byte // 'o' object, 'a' array, 's' string, 'l' other literal (number, true, false, null)
	members []*mutMember
	elems   []*mutNode
	text    string // the string, or the literal's text
}

type mutMember struct {
	key string
	val *mutNode
}

func mutDecode(data []byte) (*mutNode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := mutDecodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the document")
	}
	return n, nil
}

func mutDecodeValue(dec *json.Decoder) (*mutNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		n := &mutNode{kind: 'a'}
		if v == '{' {
			n.kind = 'o'
		}
		for dec.More() {
			if n.kind == 'o' {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := mutDecodeValue(dec)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, &mutMember{key: kt.(string), val: val})
			} else {
				val, err := mutDecodeValue(dec)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, val)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &mutNode{kind: 's', text: v}, nil
	case json.Number:
		return &mutNode{kind: 'l', text: string(v)}, nil
	case bool:
		return &mutNode{kind: 'l', text: fmt.Sprint(v)}, nil
	case nil:
		return &mutNode{kind: 'l', text: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

func (n *mutNode) clone() *mutNode {
	c := &mutNode{kind: n.kind, text: n.text}
	for _, m := range n.members {
		c.members = append(c.members, &mutMember{key: m.key, val: m.val.clone()})
	}
	for _, e := range n.elems {
		c.elems = append(c.elems, e.clone())
	}
	return c
}

func (n *mutNode) encode(b *bytes.Buffer) {
	switch n.kind {
	case 'o':
		b.WriteByte('{')
		for i, m := range n.members {
			if i > 0 {
				b.WriteByte(',')
			}
			mutQuote(b, m.key)
			b.WriteByte(':')
			m.val.encode(b)
		}
		b.WriteByte('}')
	case 'a':
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.encode(b)
		}
		b.WriteByte(']')
	case 's':
		mutQuote(b, n.text)
	default:
		b.WriteString(n.text)
	}
}

func mutQuote(b *bytes.Buffer, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// get returns the value of the last member with key (the one that wins).
func (n *mutNode) get(key string) *mutNode {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].key == key {
			return n.members[i].val
		}
	}
	return nil
}

// keys returns the distinct keys in order of first appearance.
func (n *mutNode) keys() []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range n.members {
		if !seen[m.key] {
			seen[m.key] = true
			out = append(out, m.key)
		}
	}
	return out
}

// remove drops every member with key.
func (n *mutNode) remove(key string) {
	kept := n.members[:0]
	for _, m := range n.members {
		if m.key != key {
			kept = append(kept, m)
		}
	}
	n.members = kept
}

// ref returns the id a {"ref": id} value names.
func (n *mutNode) ref() (string, bool) {
	if n == nil || n.kind != 'o' {
		return "", false
	}
	if k := n.keys(); len(k) != 1 || k[0] != "ref" {
		return "", false
	}
	if r := n.get("ref"); r.kind == 's' {
		return r.text, true
	}
	return "", false
}

// firstRef returns the reference node of a value: the value itself, or the
// first element of a list that is a reference.
func (n *mutNode) firstRef() *mutNode {
	if _, ok := n.ref(); ok {
		return n
	}
	if n != nil && n.kind == 'a' {
		for _, e := range n.elems {
			if _, ok := e.ref(); ok {
				return e
			}
		}
	}
	return nil
}

// opaque reports a value holding #{...} or ${...} anywhere.
func (n *mutNode) opaque() bool {
	if n.kind == 's' && (strings.Contains(n.text, "#{") || strings.Contains(n.text, "${")) {
		return true
	}
	for _, m := range n.members {
		if m.val.opaque() {
			return true
		}
	}
	for _, e := range n.elems {
		if e.opaque() {
			return true
		}
	}
	return false
}

// ---- the model ----

type mutObj struct {
	index   int // in the objects array
	node    *mutNode
	id      string
	ownType string
}

func (o *mutObj) has(key string) bool { return o.node.get(key) != nil }

// fields lists the object's own field keys (not id or name).
func (o *mutObj) fields() []string {
	var out []string
	for _, k := range o.node.keys() {
		if k != "id" && k != "name" {
			out = append(out, k)
		}
	}
	return out
}

type mutDef struct {
	cat      *catalog.Catalog
	root     *mutNode
	objs     []*mutObj // objects with a string id
	byID     map[string]*mutObj
	parentOf map[*mutObj]bool // named by some object's "parent"
}

func newMutDef(cat *catalog.Catalog, root *mutNode) *mutDef {
	d := &mutDef{cat: cat, root: root, byID: map[string]*mutObj{}, parentOf: map[*mutObj]bool{}}
	for i, n := range root.get("objects").elems {
		id := n.get("id")
		if n.kind != 'o' || id == nil || id.kind != 's' || id.text == "" {
			continue
		}
		o := &mutObj{index: i, node: n, id: id.text}
		if ty := n.get("type"); ty != nil && ty.kind == 's' {
			o.ownType = ty.text
		}
		d.objs = append(d.objs, o)
		if d.byID[o.id] == nil {
			d.byID[o.id] = o
		}
	}
	for _, o := range d.objs {
		p := o.node.get("parent")
		if p == nil {
			continue
		}
		vals := []*mutNode{p}
		if p.kind == 'a' {
			vals = p.elems
		}
		for _, v := range vals {
			if id, ok := v.ref(); ok && d.byID[id] != nil {
				d.parentOf[d.byID[id]] = true
			}
		}
	}
	return d
}

// parents returns o's parent chain, nearest first.
func (d *mutDef) parents(o *mutObj) []*mutObj {
	var out []*mutObj
	seen := map[*mutObj]bool{o: true}
	cur := o
	for {
		r := cur.node.get("parent").firstRef()
		if r == nil {
			return out
		}
		id, _ := r.ref()
		p := d.byID[id]
		if p == nil || seen[p] {
			return out
		}
		seen[p] = true
		out = append(out, p)
		cur = p
	}
}

func (d *mutDef) effType(o *mutObj) string {
	if o.ownType != "" {
		return o.ownType
	}
	for _, p := range d.parents(o) {
		if p.ownType != "" {
			return p.ownType
		}
	}
	return ""
}

// catType is o's catalog type: Default's for the untyped Default object.
func (d *mutDef) catType(o *mutObj) *catalog.Type {
	if o.id == "Default" && o.ownType == "" {
		return d.cat.Type("Default")
	}
	return d.cat.Type(d.effType(o))
}

// generic reports an object whose fields are checked against every type:
// Default and untyped templates.
func (d *mutDef) generic(o *mutObj) bool {
	t := d.catType(o)
	return t == nil || t.Name == "Default"
}

func (d *mutDef) isTemplate(o *mutObj) bool { return d.parentOf[o] && o.ownType == "" }

// inherited reports whether o gets key from its parent chain or Default.
func (d *mutDef) inherited(o *mutObj, key string) bool {
	for _, p := range d.parents(o) {
		if p.has(key) {
			return true
		}
	}
	def := d.byID["Default"]
	return def != nil && def != o && def.has(key)
}

func (d *mutDef) hasAny(o *mutObj, key string) bool { return o.has(key) || d.inherited(o, key) }

// catFields returns the catalog fields a key of o is checked against.
func (d *mutDef) catFields(o *mutObj, key string) []*catalog.Field {
	if !d.generic(o) {
		if f := d.catType(o).Field(key); f != nil {
			return []*catalog.Field{f}
		}
		return nil
	}
	var out []*catalog.Field
	for _, t := range d.cat.Types {
		if f := t.Field(key); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// known reports a key the catalog knows for o (settable: not runtime or
// system).
func (d *mutDef) known(o *mutObj, key string) bool {
	for _, f := range d.catFields(o, key) {
		if !f.ReadOnly() {
			return true
		}
	}
	return false
}

// kind returns the kind of key on o when every catalog field agrees on it
// and none is read-only, else "".
func (d *mutDef) kind(o *mutObj, key string) catalog.Kind {
	var k catalog.Kind
	for _, f := range d.catFields(o, key) {
		if f.ReadOnly() || (k != "" && f.Kind != k) {
			return ""
		}
		k = f.Kind
	}
	return k
}

// ---- the mutants ----

type mutant struct {
	defect int
	owners []string // object ids a finding may be placed on
	change string
	data   []byte
}

// edit returns the file with one edit made to a copy of the tree; fn gets
// the copies of the objects at the given indexes.
func (d *mutDef) edit(fn func(objs []*mutNode), indexes ...int) []byte {
	root := d.root.clone()
	arr := root.get("objects")
	var objs []*mutNode
	for _, i := range indexes {
		objs = append(objs, arr.elems[i])
	}
	fn(objs)
	var b bytes.Buffer
	root.encode(&b)
	return b.Bytes()
}

// dropLetter returns s with one letter dropped, the last first, such that
// ok accepts it.
func dropLetter(s string, ok func(string) bool) (string, bool) {
	r := []rune(s)
	for i := len(r) - 1; i >= 0; i-- {
		if !unicode.IsLetter(r[i]) {
			continue
		}
		cand := string(r[:i]) + string(r[i+1:])
		if cand != "" && ok(cand) {
			return cand, true
		}
	}
	return "", false
}

func (d *mutDef) mutants() []mutant {
	var out []mutant
	add := func(defect int, owners []string, change string, data []byte) {
		out = append(out, mutant{defect: defect, owners: owners, change: change, data: data})
	}
	ids := map[string]bool{}
	for _, o := range d.objs {
		ids[o.id] = true
	}
	missing := "dplintMissing"
	for i := 2; ids[missing]; i++ {
		missing = fmt.Sprintf("dplintMissing%d", i)
	}

	for _, o := range d.objs {
		t := d.catType(o)
		own := o.fields()

		// 1. drop-required.
		if t != nil && t.Name != "Default" && !d.isTemplate(o) {
			required := map[string]bool{}
			for _, f := range t.Fields {
				if f.Required && !f.ReadOnly() {
					required[f.Name] = true
				}
			}
			for _, g := range t.Groups {
				for _, n := range g.AllOf {
					required[n] = true
				}
				var present []string
				for _, n := range g.OneOf {
					if d.hasAny(o, n) {
						present = append(present, n)
					}
				}
				if len(present) == 1 {
					required[present[0]] = true
				}
			}
			for _, k := range own {
				if required[k] && !d.inherited(o, k) {
					add(mutDropRequired, []string{o.id}, fmt.Sprintf("removed the field %q", k),
						d.edit(func(n []*mutNode) { n[0].remove(k) }, o.index))
					break
				}
			}
		}

		// 2. dangling-ref.
		for _, k := range own {
			if r := o.node.get(k).firstRef(); r != nil {
				old, _ := r.ref()
				pos := indexOfRef(o.node.get(k), r)
				add(mutDanglingRef, []string{o.id}, fmt.Sprintf("%q: ref %q -> %q", k, old, missing),
					d.edit(func(n []*mutNode) { setRef(n[0].get(k), pos, missing) }, o.index))
				break
			}
		}

		// 3. schedule-wrong-type.
		if r := o.node.get("schedule").firstRef(); r != nil {
			var sf *catalog.Field
			if sfs := d.catFields(o, "schedule"); len(sfs) > 0 && !d.generic(o) {
				sf = sfs[0]
			} else if d.generic(o) {
				sf = d.cat.Type("Default").Field("schedule")
			}
			if sf != nil && sf.Kind == catalog.KindRef {
				for _, x := range d.objs {
					xt := d.cat.Type(d.effType(x))
					if x == o || xt == nil || d.cat.Accepts(sf, xt.Name) {
						continue
					}
					old, _ := r.ref()
					pos := indexOfRef(o.node.get("schedule"), r)
					add(mutScheduleWrongType, []string{o.id}, fmt.Sprintf("\"schedule\": ref %q -> %q (a %s)", old, x.id, xt.Name),
						d.edit(func(n []*mutNode) { setRef(n[0].get("schedule"), pos, x.id) }, o.index))
					break
				}
			}
		}

		// 4. misspell-field.
		for _, k := range own {
			if k == "type" || strings.HasPrefix(k, "my") || !d.known(o, k) || o.node.get(k).opaque() {
				continue
			}
			mis, ok := dropLetter(k, func(c string) bool {
				return len(d.catFields(o, c)) == 0 && !o.has(c) && c != "id" && c != "name" && c != "type" &&
					!strings.HasPrefix(c, "@") && !mutUserField.MatchString(c)
			})
			if !ok {
				continue
			}
			add(mutMisspellField, []string{o.id}, fmt.Sprintf("renamed the field %q to %q", k, mis),
				d.edit(func(n []*mutNode) {
					for _, m := range n[0].members {
						if m.key == k {
							m.key = mis
						}
					}
				}, o.index))
			break
		}

		// 5. misspell-type.
		if ty := o.node.get("type"); ty != nil && ty.kind == 's' && d.cat.Type(ty.text) != nil {
			if mis, ok := dropLetter(ty.text, func(c string) bool { return d.cat.Type(c) == nil }); ok {
				add(mutMisspellType, []string{o.id}, fmt.Sprintf("type %q -> %q", ty.text, mis),
					d.edit(func(n []*mutNode) { n[0].get("type").text = mis }, o.index))
			}
		}

		// 6 and 7. bad-period, bad-datetime.
		for _, c := range []struct {
			defect int
			kind   catalog.Kind
			value  func(string) string
		}{
			{mutBadPeriod, catalog.KindPeriod, func(v string) string { return strings.TrimSpace(v) + "z" }},
			{mutBadDatetime, catalog.KindDateTime, func(string) string { return "2024-13-45 99:99" }},
		} {
			for _, k := range own {
				v := o.node.get(k)
				if k == "type" || strings.HasPrefix(k, "my") || v.kind != 's' || v.opaque() || d.kind(o, k) != c.kind {
					continue
				}
				nv := c.value(v.text)
				add(c.defect, []string{o.id}, fmt.Sprintf("%q: %q -> %q", k, v.text, nv),
					d.edit(func(n []*mutNode) { n[0].get(k).text = nv }, o.index))
				break
			}
		}
	}

	// 8. depends-on-cycle.
	var acts []*mutObj
	for _, o := range d.objs {
		if t := d.catType(o); t != nil && t.Category == "Activity" {
			acts = append(acts, o)
		}
	}
	pairs := len(acts)
	if pairs == 2 {
		pairs = 1
	}
	if len(acts) < 2 {
		pairs = 0
	}
	for i := 0; i < pairs; i++ {
		a, b := acts[i], acts[(i+1)%len(acts)]
		add(mutDependsOnCycle, []string{a.id, b.id}, fmt.Sprintf("set %q.dependsOn = %q and %q.dependsOn = %q", a.id, b.id, b.id, a.id),
			d.edit(func(n []*mutNode) {
				for j, other := range []string{b.id, a.id} {
					n[j].remove("dependsOn")
					ref := &mutNode{kind: 'o', members: []*mutMember{{key: "ref", val: &mutNode{kind: 's', text: other}}}}
					n[j].members = append(n[j].members, &mutMember{key: "dependsOn", val: ref})
				}
			}, a.index, b.index))
	}
	return out
}

// indexOfRef returns where r sits in a field's value: -1 for the value
// itself, else its index in the list.
func indexOfRef(v, r *mutNode) int {
	for i, e := range v.elems {
		if e == r {
			return i
		}
	}
	return -1
}

// setRef points the reference at pos (see indexOfRef) of a copied value at id.
func setRef(v *mutNode, pos int, id string) {
	r := v
	if pos >= 0 {
		r = v.elems[pos]
	}
	r.get("ref").text = id
}
