package lsp

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/schema/catalog"
)

// paramAttributes are the attributes of a parameter object the guide
// lists (dp-custom-templates.md), and those the console adds.
var paramAttributes = []string{"id", "type", "description", "optional", "allowedValues", "default", "isArray", "watermark", "helpText", "helpLink"}

// The names that mean the same in each JSON form: the CLI form's member,
// the API form's field entry, CloudFormation's PipelineObjects.
var (
	objectLists = map[string]bool{"objects": true, "pipelineObjects": true, "PipelineObjects": true}
	fieldLists  = map[string]bool{"fields": true, "Fields": true}
	entryKey    = map[string]bool{"key": true, "Key": true}
	entryString = map[string]bool{"stringValue": true, "StringValue": true}
	entryRef    = map[string]bool{"refValue": true, "RefValue": true}
	paramLists  = map[string]bool{"parameters": true, "parameterObjects": true, "ParameterObjects": true}
)

func (s *Server) completion(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CompletionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	var t *text
	var good *snapshot
	path := ""
	if d != nil {
		t, good, path = d.text, d.good, d.path
	}
	s.mu.Unlock()
	if d == nil {
		return nil, nil
	}
	c := completer{t: t, off: t.offset(p.Position), cat: catalog.Objects()}
	if good != nil {
		c.defs, c.snap = good.defs(), good
	}
	var items []protocol.CompletionItem
	switch formOf(path, t.data) {
	case formYAML:
		items = c.slotItems(yamlSlot(t.data, c.off))
	case formHCL:
		items = c.slotItems(hclSlot(t.data, c.off))
	default:
		c.cur = scan(t.data, c.off)
		items = c.items()
	}
	if items == nil {
		items = []protocol.CompletionItem{}
	}
	return &protocol.CompletionList{IsIncomplete: false, Items: items}, nil
}

// completer works out the items at one offset of one text; defs are the
// last definitions that parsed (for ids and types not in the text's
// current container).
type completer struct {
	t    *text
	off  int
	cur  cursor // the JSON scanner's answer (JSON documents)
	cat  *catalog.Catalog
	defs []*definition.Definition
	snap *snapshot // the lint defs come from
	// obj is the pipeline object at the cursor, for expressions.
	obj *pipelineObject
	// In a template's YAML or HCL, an item replaces from..off (the value
	// typed so far); quote is how a value is written where no quote is
	// open: `"` in HCL, in YAML only where a plain scalar would not read
	// as the string.
	slotted bool
	from    int
	quote   func(string) string
	// typed are the pipeline objects a template scanner read in the text.
	typed []*pipelineObject
}

func (c *completer) items() []protocol.CompletionItem {
	cur, f := c.cur, c.cur.frame
	if f == nil {
		return nil
	}
	obj, slot := c.object(f)
	c.obj = obj
	if cur.inString && !cur.isKey {
		if i := strings.LastIndex(cur.prefix, "#{"); i >= 0 && !strings.Contains(cur.prefix[i:], "}") {
			return c.inExpression(cur.prefix[i+2:])
		}
	}
	switch {
	case obj != nil && cur.isKey && slot == "":
		return c.fieldNames(obj)
	case obj != nil && slot == "entry" && entryKey[cur.valueOf]:
		return c.fieldNames(obj)
	case obj != nil && slot == "entry" && entryString[cur.valueOf]:
		return c.values(obj, entryField(f))
	case obj != nil && slot == "entry" && entryRef[cur.valueOf]:
		return c.refTargets(obj, entryField(f))
	case obj != nil && slot == "" && !cur.isKey:
		return c.values(obj, cur.valueOf)
	case obj != nil && slot != "" && slot != "entry" && cur.valueOf == "ref":
		return c.refTargets(obj, slot)
	case c.inParameter(f) && f.parent.key == "parameters" && cur.isKey:
		return c.words(paramAttributes, f.keys, protocol.CompletionItemKindProperty)
	case c.inParameter(f) && f.parent.key == "parameters":
		return c.attrValues(cur.valueOf)
	case attributeEntry(f) && !cur.isKey && entryKey[cur.valueOf]:
		present := map[string]string{}
		for _, e := range f.parent.kids {
			if k := entryField(e); e != f && k != "" {
				present[k] = ""
			}
		}
		return c.words(paramAttributes[1:], present, protocol.CompletionItemKindProperty) // id is the object's own
	case attributeEntry(f) && !cur.isKey && entryString[cur.valueOf]:
		return c.attrValues(entryField(f))
	case valueEntry(f, cur):
		return c.paramIDs()
	}
	return nil
}

// attributeEntry says whether f is an attribute entry of a parameter
// object in the API form or a CloudFormation template.
func attributeEntry(f *frame) bool {
	return !f.array && f.parent != nil && f.parent.array && (f.parent.key == "attributes" || f.parent.key == "Attributes") &&
		isParameter(f.parent.parent)
}

// isParameter says whether f is an element of parameterObjects.
func isParameter(f *frame) bool {
	return f != nil && !f.array && f.parent != nil && f.parent.array && (f.parent.key == "parameterObjects" || f.parent.key == "ParameterObjects")
}

// valueEntry says whether the cursor is where a parameter value names its
// parameter: a key of the CLI form's "values", the id of an API-form or
// CloudFormation parameter value.
func valueEntry(f *frame, cur cursor) bool {
	if !f.array && f.key == "values" && f.parent != nil && f.parent.parent == nil {
		return cur.isKey
	}
	return !cur.isKey && (cur.valueOf == "id" || cur.valueOf == "Id") && !f.array && f.parent != nil && f.parent.array &&
		(f.parent.key == "parameterValues" || f.parent.key == "ParameterValues")
}

// keyOfEntry is the field name of an API or CloudFormation field entry.
func keyOfEntry(f *frame) string {
	for k := range entryKey {
		if v, ok := f.keys[k]; ok {
			return k + "=" + v
		}
	}
	return ""
}

// entryField is the field name a field entry's key gives.
func entryField(e *frame) string {
	if k := keyOfEntry(e); k != "" {
		return k[strings.IndexByte(k, '=')+1:]
	}
	return ""
}

// pipelineObject is what completion knows of the object at the cursor.
type pipelineObject struct {
	id  string
	typ string
	set map[string]bool // fields already set
	cli bool            // its fields are its members (the CLI form)
}

// object finds the pipeline object holding the cursor: f itself (slot
// ""), the {"ref": …} of one of its fields (slot = the field), or a field
// entry of the API or CloudFormation form (slot "entry").
func (c *completer) object(f *frame) (*pipelineObject, string) {
	switch {
	case isPipelineObject(f):
		return c.describe(f, nil), ""
	case !f.array && f.parent != nil && f.parent.array && fieldLists[f.parent.key] && isPipelineObject(f.parent.parent):
		return c.describe(f.parent.parent, f), "entry"
	case !f.array && isPipelineObject(f.parent):
		return c.describe(f.parent, nil), f.key
	case !f.array && f.parent != nil && f.parent.array && isPipelineObject(f.parent.parent):
		return c.describe(f.parent.parent, nil), f.key // a list of references
	}
	return nil, ""
}

// describe reads an object's type and set fields from the text: its
// members (CLI form) or its field entries (API form, CloudFormation JSON),
// leaving out the entry at the cursor (whose key is being typed). Where
// the text does not say the type (a parent gives it), the last parsed
// definitions do.
func (c *completer) describe(f, at *frame) *pipelineObject {
	id := f.keys["id"]
	if id == "" {
		id = f.keys["Id"]
	}
	o := &pipelineObject{id: id, set: map[string]bool{}, typ: f.keys["type"], cli: c.cliForm(f)}
	if o.cli {
		for k := range f.keys {
			o.set[k] = true
		}
	} else {
		for k := range f.keys {
			if k == "id" || k == "name" || k == "Id" || k == "Name" {
				o.set[strings.ToLower(k)] = true
			}
		}
		for _, list := range f.kids {
			if !list.array || !fieldLists[list.key] {
				continue
			}
			for _, e := range list.kids {
				k := entryField(e)
				if e == at || k == "" {
					continue
				}
				o.set[k] = true
				if k == "type" && o.typ == "" {
					o.typ = e.keys["stringValue"] + e.keys["StringValue"]
				}
			}
		}
	}
	c.typeFromDefs(o)
	return o
}

// typeFromDefs takes the object's type from the last parsed definitions
// when the text does not say it.
func (c *completer) typeFromDefs(o *pipelineObject) {
	if o.typ != "" || o.id == "" {
		return
	}
	for _, d := range c.defs {
		if m := object(d, o.id); m != nil {
			o.typ = c.snap.graph(d).Type(m)
			return
		}
	}
}

// cliForm says whether the object's fields are its members.
func (c *completer) cliForm(f *frame) bool {
	_, api := f.keys["fields"]
	_, cfn := f.keys["Fields"]
	return !api && !cfn
}

// inParameter says whether f is a parameter object.
func (c *completer) inParameter(f *frame) bool {
	return !f.array && f.parent != nil && f.parent.array && paramLists[f.parent.key]
}

// fieldNames are the fields of the object's type not set yet; a
// reference field inserts {"ref": …} in the CLI form.
func (c *completer) fieldNames(o *pipelineObject) []protocol.CompletionItem {
	t := c.cat.Type(o.typ)
	var out []protocol.CompletionItem
	add := func(name, detail, doc string, ref bool) {
		if o.set[name] {
			return
		}
		it := c.item(name, protocol.CompletionItemKindField, detail, doc)
		if ref && c.cur.inString && c.cur.isKey && o.cli {
			// Replace the whole key, quotes included, by the member.
			end := c.closeQuote()
			it.TextEdit = &protocol.TextEdit{Range: c.t.span(c.cur.strStart, end),
				NewText: `"` + name + `": {"ref": "$1"}`}
			it.InsertTextFormat = protocol.InsertTextFormatSnippet
		}
		out = append(out, it)
	}
	if t == nil {
		names := []string{"id", "name", "type", "parent"}
		if !o.cli {
			names = []string{"type", "parent"} // an entry's key: id and name are the object's own
		}
		for _, name := range names {
			add(name, "", "", name == "parent")
		}
		return out
	}
	if o.cli {
		add("id", "string", "The object's id, unique in the pipeline.", false)
		add("name", "string", "The object's name (default: its id).", false)
	}
	for _, f := range t.Fields {
		if f.ReadOnly() || f.NotAllowed {
			continue
		}
		detail := string(f.Kind)
		if f.Kind == catalog.KindRef {
			detail = "ref to " + strings.Join(f.Targets, " | ")
		}
		if f.Required {
			detail += ", required"
		}
		add(f.Name, detail, f.Description, f.Kind == catalog.KindRef)
	}
	return out
}

// closeQuote is the offset just past the string's closing quote, or the
// cursor's string end when it has none.
func (c *completer) closeQuote() int {
	if e := c.cur.strEnd; e < len(c.t.data) && c.t.data[e] == '"' {
		return e + 1
	}
	return c.cur.strEnd
}

// values are the allowed values of field key.
func (c *completer) values(o *pipelineObject, key string) []protocol.CompletionItem {
	if key == "type" {
		var out []protocol.CompletionItem
		for _, t := range c.cat.Types {
			out = append(out, c.item(t.Name, protocol.CompletionItemKindClass, t.Category, t.Description))
		}
		return out
	}
	t := c.cat.Type(o.typ)
	f := fieldOf(t, key)
	if f == nil {
		return nil
	}
	switch f.Kind {
	case catalog.KindEnum:
		return c.words(f.Values, nil, protocol.CompletionItemKindEnumMember)
	case catalog.KindBoolean:
		return c.words([]string{"true", "false"}, nil, protocol.CompletionItemKindValue)
	case catalog.KindRef:
		return c.refTargets(o, key)
	}
	return nil
}

// refTargets are the ids of objects whose type the field accepts.
func (c *completer) refTargets(o *pipelineObject, key string) []protocol.CompletionItem {
	var f *catalog.Field
	if key == "parent" {
		f = &catalog.Field{Targets: []string{catalog.AnyTarget}}
	} else if f = fieldOf(c.cat.Type(o.typ), key); f == nil {
		return nil
	}
	var out []protocol.CompletionItem
	seen := map[string]bool{}
	for _, d := range c.defs {
		g := c.snap.graph(d)
		for _, m := range d.Objects {
			if m.ID == "" || m.ID == o.id || seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			typ := g.Type(m)
			if c.cat.Accepts(f, typ) || (key == "parent") {
				out = append(out, c.item(m.ID, protocol.CompletionItemKindReference, typ, ""))
			}
		}
	}
	// Objects the text has and the last parsed version has not (being
	// typed), by the type their own entries give.
	for _, m := range c.typed {
		if m.id != "" && m.id != o.id && !seen[m.id] && (key == "parent" || m.typ != "" && c.cat.Accepts(f, m.typ)) {
			seen[m.id] = true
			out = append(out, c.item(m.id, protocol.CompletionItemKindReference, m.typ, ""))
		}
	}
	return out
}

// inExpression completes inside #{…}: function names with their
// signatures, parameter ids, @ runtime fields, and the fields of the
// object a node./input./output. path leads to.
func (c *completer) inExpression(src string) []protocol.CompletionItem {
	word := src
	if i := strings.LastIndexAny(src, " (,+-*/^"); i >= 0 {
		word = src[i+1:]
	}
	var out []protocol.CompletionItem
	replace := func(label, detail, doc string, kind protocol.CompletionItemKind, text string) {
		it := c.item(label, kind, detail, doc)
		it.TextEdit = &protocol.TextEdit{Range: c.t.span(c.off-len(lastPart(word)), c.off), NewText: text}
		out = append(out, it)
	}
	if dot := strings.LastIndexByte(word, '.'); dot >= 0 {
		head := word[:dot]
		for _, f := range c.pathFields(head) {
			replace(f.Name, string(f.Kind), f.Description, protocol.CompletionItemKindField, f.Name)
		}
		return out
	}
	for _, name := range expr.Names() {
		fs := expr.Lookup(name)
		replace(name, fs[0].Signature(), fs[0].Description, protocol.CompletionItemKindFunction, name)
	}
	seen := map[string]bool{}
	for _, d := range c.defs {
		for _, p := range d.Parameters {
			if !seen[p.ID] {
				seen[p.ID] = true
				replace(p.ID, "parameter", "", protocol.CompletionItemKindVariable, p.ID)
			}
		}
	}
	if t := c.typeOf(c.obj); t != nil {
		for _, f := range t.Fields {
			if f.Runtime {
				replace(f.Name, string(f.Kind), f.Description, protocol.CompletionItemKindField, f.Name)
			}
		}
	}
	for _, p := range []string{"node", "input", "output"} {
		replace(p+".", "path", "the fields of the "+p+" object", protocol.CompletionItemKindModule, p+".")
	}
	return out
}

func lastPart(word string) string {
	if i := strings.LastIndexByte(word, '.'); i >= 0 {
		return word[i+1:]
	}
	return word
}

func (c *completer) typeOf(o *pipelineObject) *catalog.Type {
	if o == nil {
		return nil
	}
	return c.cat.Type(o.typ)
}

// pathFields are the fields an expression path's head leads to: node. is
// the object that refers to this one (only its @ runtime fields are
// known); input./output. (or any reference field) the object referenced.
func (c *completer) pathFields(head string) []*catalog.Field {
	obj := c.obj
	var out []*catalog.Field
	if head == "node" {
		seen := map[string]bool{}
		for _, t := range c.cat.Types {
			for _, f := range t.Fields {
				if f.Runtime && !seen[f.Name] {
					seen[f.Name] = true
					out = append(out, f)
				}
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		return out
	}
	if obj == nil {
		return nil
	}
	id := obj.id
	for _, d := range c.defs {
		g := c.snap.graph(d)
		m := object(d, id)
		if m == nil {
			continue
		}
		f, _ := g.Lookup(m, head)
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Ref {
			continue
		}
		if target := g.Object(f.Values[0].Text); target != nil {
			if t := c.cat.Type(g.Type(target)); t != nil {
				return t.Fields
			}
		}
	}
	return nil
}

// words are plain items, without those already present.
func (c *completer) words(ws []string, present map[string]string, kind protocol.CompletionItemKind) []protocol.CompletionItem {
	var out []protocol.CompletionItem
	for _, w := range ws {
		if _, ok := present[w]; ok {
			continue
		}
		out = append(out, c.item(w, kind, "", ""))
	}
	return out
}

// item is a completion that replaces the string's text up to the cursor
// (or, outside a string, inserts a quoted string).
func (c *completer) item(label string, kind protocol.CompletionItemKind, detail, doc string) protocol.CompletionItem {
	it := protocol.CompletionItem{Label: label, Kind: kind, Detail: detail}
	if doc != "" {
		it.Documentation = doc
	}
	switch {
	case c.slotted:
		it.TextEdit = &protocol.TextEdit{Range: c.t.span(c.from, c.off), NewText: c.quote(label)}
	case c.cur.inString:
		it.TextEdit = &protocol.TextEdit{Range: c.t.span(c.cur.strStart+1, c.off), NewText: label}
	default:
		it.InsertText = `"` + label + `"`
	}
	return it
}
