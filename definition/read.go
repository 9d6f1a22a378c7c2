package definition

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/dplint/dplint/source"
)

// companionKeys are the only top-level keys a parameters/values file has.
var companionKeys = map[string]bool{
	"parameters": true, "values": true, "parameterObjects": true, "parameterValues": true, "metadata": true,
}

// brokenKeys spots our top-level keys in text that is not JSON, quoted
// either way or not at all.
var brokenKeys = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`["']?\b(objects|pipelineObjects|parameterObjects|parameterValues)\b["']?\s*:`)
}) // compiled on first use, not at every start

// mentionsKeys reports whether text holds one of brokenKeys' words.
func mentionsKeys(text []byte) bool {
	for _, w := range []string{"objects", "pipelineObjects", "parameterObjects", "parameterValues"} {
		if bytes.Contains(text, []byte(w)) {
			return true
		}
	}
	return false
}

// Detect says which form a parsed file is in. The rule (DESIGN.md): a top
// level with "objects" or "pipelineObjects" is a definition; one whose keys
// are only parameters/values (either form) and "metadata" is a companion
// file; anything else is not ours. A file that could not be parsed at all is
// ours when its text names one of our top-level keys, so a broken definition
// is reported while a broken package.json is still skipped.
func Detect(f *source.File) Form {
	root := f.Root
	if root == nil {
		// The regular expression reads a few MB/s: only text that holds one
		// of its words, as written (a template's PipelineObjects is not
		// one), is given to it.
		if mentionsKeys(f.Content) && brokenKeys().Match(f.Content) {
			return CLI
		}
		return NotOurs
	}
	if root.Kind != source.Object {
		return NotOurs
	}
	if root.Member("pipelineObjects") != nil {
		return API
	}
	if objs := root.Get("objects"); objs != nil || root.Member("objects") != nil {
		if objs != nil && objs.Kind == source.Array {
			for _, e := range objs.Elems {
				if fl := e.Get("fields"); fl != nil && fl.Kind == source.Array {
					return Hybrid
				}
			}
		}
		return CLI
	}
	keys := root.Keys()
	for _, k := range keys {
		// A misspelt objects list ("Objects", "object") is still a
		// definition, so the user hears about it instead of a silent skip.
		// Only a list counts: other JSON has an "object" key too (Stripe's
		// API objects name their type in one).
		switch strings.ToLower(k) {
		case "objects", "object", "pipelineobjects", "pipelineobject":
			if v := root.Get(k); v != nil && v.Kind == source.Array {
				return CLI
			}
		}
	}
	found := false
	for _, k := range keys {
		if !companionKeys[k] {
			return NotOurs
		}
		if k != "metadata" {
			found = true
		}
	}
	if !found {
		return NotOurs
	}
	if root.Member("parameterObjects") != nil || root.Member("parameterValues") != nil {
		return API // an API-form companion reads like the API form
	}
	return Companion
}

// Read builds the model of a file that Detect calls ours. It is tolerant:
// parts of the wrong shape are left out of the model (the schema check
// reports them), so every other rule still sees the rest.
func Read(name string, f *source.File) *Definition {
	form := Detect(f)
	d := &Definition{Name: name, File: f, Form: form}
	root := f.Root
	if root == nil || root.Kind != source.Object {
		return d
	}
	if m := root.Member("values"); m != nil {
		d.ValuesKey = m
	} else if m := root.Member("parameterValues"); m != nil {
		d.ValuesKey = m
	}
	var a blocks
	switch form {
	case CLI, Companion, Hybrid:
		d.ObjectsKey = root.Member("objects")
		list := elems(root.Get("objects"))
		if len(list) > 0 {
			d.Objects = make([]*Object, 0, len(list))
		}
		for _, o := range list {
			if form == Hybrid {
				if obj := readAPIObject(o); obj != nil {
					d.Objects = append(d.Objects, obj)
				}
			} else if obj := a.readCLIObject(o); obj != nil {
				d.Objects = append(d.Objects, obj)
			}
		}
		for _, p := range elems(root.Get("parameters")) {
			if par := a.readParameter(p, form == Hybrid); par != nil {
				d.Parameters = append(d.Parameters, par)
			}
		}
		d.Values = append(d.Values, readAPIValues(root.Get("parameterValues"))...)
		if vals := root.Get("values"); vals != nil && vals.Kind == source.Object {
			for _, key := range vals.Keys() {
				m := vals.Member(key)
				for _, n := range m.Value.Items() {
					d.Values = append(d.Values, &ParamValue{ID: key, Value: stringValue(n), KeyStart: m.KeyStart, KeyEnd: m.KeyEnd})
				}
			}
		}
	case API:
		d.ObjectsKey = root.Member("pipelineObjects")
		for _, o := range elems(root.Get("pipelineObjects")) {
			if obj := readAPIObject(o); obj != nil {
				d.Objects = append(d.Objects, obj)
			}
		}
		for _, p := range elems(root.Get("parameterObjects")) {
			if par := a.readParameter(p, true); par != nil {
				d.Parameters = append(d.Parameters, par)
			}
		}
		d.Values = readAPIValues(root.Get("parameterValues"))
	}
	for i := len(d.Objects) - 1; i >= 0; i-- {
		d.Objects[i].seq = i // backwards: an object listed twice is at its first place
	}
	return d
}

// readParameter reads a parameter object: CLI style (attributes as keys) or
// API style (an "attributes" list of key/stringValue).
func (a *blocks) readParameter(p *source.Node, api bool) *Parameter {
	if p.Kind != source.Object {
		return nil
	}
	par := &Parameter{Node: p, IDNode: p.Get("id")}
	if par.IDNode != nil && par.IDNode.Kind == source.String {
		par.ID = par.IDNode.Text
	}
	if api {
		par.Attributes = apiFields(p.Get("attributes"))
	} else {
		par.Attributes = a.cliFields(p, "id")
	}
	return par
}

// readAPIValues reads a parameterValues list of {id, stringValue}.
func readAPIValues(list *source.Node) []*ParamValue {
	var out []*ParamValue
	for _, v := range elems(list) {
		if v.Kind != source.Object {
			continue
		}
		pv := &ParamValue{IDNode: v.Get("id")}
		if pv.IDNode != nil {
			if pv.IDNode.Kind == source.String {
				pv.ID = pv.IDNode.Text
			}
			pv.KeyStart, pv.KeyEnd = pv.IDNode.Start, pv.IDNode.End
		} else {
			pv.KeyStart, pv.KeyEnd = v.Start, v.Start+1
		}
		if sv := v.Get("stringValue"); sv != nil {
			pv.Value = stringValue(sv)
			pv.Value.Whole = v
		} else {
			pv.Value = &Value{Kind: Invalid, Node: v, Whole: v}
		}
		out = append(out, pv)
	}
	return out
}

func elems(n *source.Node) []*source.Node {
	if n == nil || n.Kind != source.Array {
		return nil
	}
	return n.Elems
}

// blocks hands out the model of a CLI-form file in blocks, as the source
// reader does its tree (source/parse.go): an object, each of its fields and
// values and their lists were an allocation each, most of what reading the
// model cost.
type blocks struct {
	objects   slab[Object]
	fields    slab[Field]
	fieldList slab[*Field]
	values    slab[Value]
	valueList slab[*Value]
}

// slab hands out values from blocks that grow with use (16, then twice the
// last, up to 1,024), so a small file allocates little and a large one few
// times. A list taken from it has its capacity cut to its length: appending
// to it copies rather than overwrite its neighbour.
type slab[T any] struct {
	block []T
	size  int // of the last block
}

func (s *slab[T]) one() *T { return &s.take(1)[0] }

func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.block) < n {
		s.size = min(max(2*s.size, 16), 1024)
		s.block = make([]T, max(n, s.size))
	}
	out := s.block[:n:n]
	s.block = s.block[n:]
	return out
}

func (a *blocks) readCLIObject(n *source.Node) *Object {
	if n.Kind != source.Object {
		return nil
	}
	o := a.objects.one()
	*o = Object{Node: n, IDNode: n.Get("id"), NameNode: n.Get("name")}
	if o.IDNode != nil && o.IDNode.Kind == source.String {
		o.ID = o.IDNode.Text
	}
	o.Name = o.ID
	if o.NameNode != nil && o.NameNode.Kind == source.String {
		o.Name = o.NameNode.Text
	}
	o.Fields = a.cliFields(n, "id", "name")
	return o
}

// cliFields reads the members of a CLI-form object as fields, skipping the
// given keys. Duplicate keys collapse to the last, as the AWS CLI's JSON
// reader does; the first appearance fixes the order.
func (a *blocks) cliFields(n *source.Node, skip ...string) []*Field {
	winners := n.Winners()
	skipped := func(key string) bool {
		for _, s := range skip {
			if key == s {
				return true
			}
		}
		return false
	}
	// Counted first, so each list is taken at its size.
	nf, nv := 0, 0
	for _, m := range winners {
		if !skipped(m.Key) {
			nf++
			nv += valueCount(m.Value)
		}
	}
	fs, fields := a.fields.take(nf), a.fieldList.take(nf)
	vs, values := a.values.take(nv), a.valueList.take(nv)
	i := 0
	for _, m := range winners {
		if skipped(m.Key) {
			continue
		}
		f := &fs[i]
		fields[i] = f
		i++
		*f = Field{Key: m.Key, KeyStart: m.KeyStart, KeyEnd: m.KeyEnd, At: m.Value}
		k := valueCount(m.Value)
		if k == 0 {
			f.List = true // an empty list: no values
			continue
		}
		f.Values, values = values[:k:k], values[k:]
		for j := range f.Values {
			f.Values[j] = &vs[j]
		}
		if m.Value.Kind != source.Array {
			cliValue(&vs[0], m.Value)
		} else {
			f.List = true
			for j, e := range m.Value.Elems {
				if e.Kind == source.Array {
					vs[j] = Value{Kind: Invalid, Node: e, Whole: e}
				} else {
					cliValue(&vs[j], e)
				}
			}
		}
		vs = vs[k:]
	}
	return fields
}

// valueCount is how many values a field's value node gives: its elements
// when it is a list, else one.
func valueCount(n *source.Node) int {
	if n.Kind == source.Array {
		return len(n.Elems)
	}
	return 1
}

// cliValue converts one value the way the AWS CLI's translator does, into
// v: an object whose only key is "ref" is a reference, anything else a
// string.
func cliValue(v *Value, n *source.Node) {
	if n.Kind == source.Object {
		if ms := n.Winners(); len(ms) == 1 && ms[0].Key == "ref" {
			ref := ms[0].Value
			if ref.Kind == source.String {
				*v = Value{Kind: Ref, Text: ref.Text, Node: ref, Whole: n}
			} else {
				*v = Value{Kind: Invalid, Node: ref, Whole: n}
			}
			return
		}
	}
	if n.Kind == source.String {
		*v = Value{Kind: Str, Text: n.Text, Node: n, Whole: n}
	} else {
		*v = Value{Kind: Invalid, Node: n, Whole: n}
	}
}

func stringValue(n *source.Node) *Value {
	if n.Kind == source.String {
		return &Value{Kind: Str, Text: n.Text, Node: n, Whole: n}
	}
	return &Value{Kind: Invalid, Node: n, Whole: n}
}

func readAPIObject(n *source.Node) *Object {
	if n.Kind != source.Object {
		return nil
	}
	o := &Object{Node: n, IDNode: n.Get("id"), NameNode: n.Get("name")}
	if o.IDNode != nil && o.IDNode.Kind == source.String {
		o.ID = o.IDNode.Text
	}
	o.Name = o.ID
	if o.NameNode != nil && o.NameNode.Kind == source.String {
		o.Name = o.NameNode.Text
	}
	o.Fields = apiFields(n.Get("fields"))
	return o
}

// apiFields groups API-form field entries by key, in order of first
// appearance; each value keeps its own entry's position.
func apiFields(list *source.Node) []*Field {
	var fields []*Field
	byKey := map[string]*Field{}
	for _, e := range elems(list) {
		if e.Kind != source.Object {
			continue
		}
		keyNode := e.Get("key")
		if keyNode == nil || keyNode.Kind != source.String {
			continue
		}
		f := byKey[keyNode.Text]
		if f == nil {
			f = &Field{Key: keyNode.Text, KeyStart: keyNode.Start, KeyEnd: keyNode.End, At: e}
			byKey[keyNode.Text] = f
			fields = append(fields, f)
		} else {
			f.List = true
		}
		var v *Value
		switch sv, rv := e.Get("stringValue"), e.Get("refValue"); {
		case rv != nil && rv.Kind == source.String && sv == nil:
			v = &Value{Kind: Ref, Text: rv.Text, Node: rv, Whole: e}
		case sv != nil && rv == nil:
			v = stringValue(sv)
			v.Whole = e
		default:
			v = &Value{Kind: Invalid, Node: e, Whole: e}
		}
		f.Values = append(f.Values, v)
	}
	return fields
}
