package definition

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/dplint/dplint/source"
)

// companionKeys are the only top-level keys a parameters/values file has.
var companionKeys = map[string]bool{
	"parameters": true, "values": true, "parameterObjects": true, "parameterValues": true, "metadata": true,
}

// brokenKeys spots our top-level keys in text that is not JSON, quoted
// either way or not at all.
var brokenKeys = regexp.MustCompile(`["']?\b(objects|pipelineObjects|parameterObjects|parameterValues)\b["']?\s*:`)

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
		if mentionsKeys(f.Content) && brokenKeys.Match(f.Content) {
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
	switch form {
	case CLI, Companion, Hybrid:
		d.ObjectsKey = root.Member("objects")
		for _, o := range elems(root.Get("objects")) {
			if form == Hybrid {
				if obj := readAPIObject(o); obj != nil {
					d.Objects = append(d.Objects, obj)
				}
			} else if obj := readCLIObject(o); obj != nil {
				d.Objects = append(d.Objects, obj)
			}
		}
		for _, p := range elems(root.Get("parameters")) {
			if par := readParameter(p, form == Hybrid); par != nil {
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
			if par := readParameter(p, true); par != nil {
				d.Parameters = append(d.Parameters, par)
			}
		}
		d.Values = readAPIValues(root.Get("parameterValues"))
	}
	return d
}

// readParameter reads a parameter object: CLI style (attributes as keys) or
// API style (an "attributes" list of key/stringValue).
func readParameter(p *source.Node, api bool) *Parameter {
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
		par.Attributes = cliFields(p, "id")
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

func readCLIObject(n *source.Node) *Object {
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
	o.Fields = cliFields(n, "id", "name")
	return o
}

// cliFields reads the members of a CLI-form object as fields, skipping the
// given keys. Duplicate keys collapse to the last, as the AWS CLI's JSON
// reader does; the first appearance fixes the order.
func cliFields(n *source.Node, skip ...string) []*Field {
	var fields []*Field
outer:
	for _, key := range n.Keys() {
		for _, s := range skip {
			if key == s {
				continue outer
			}
		}
		m := n.Member(key)
		f := &Field{Key: key, KeyStart: m.KeyStart, KeyEnd: m.KeyEnd, At: m.Value}
		if m.Value.Kind == source.Array {
			f.List = true
			for _, e := range m.Value.Elems {
				v := cliValue(e)
				if e.Kind == source.Array {
					v = &Value{Kind: Invalid, Node: e, Whole: e}
				}
				f.Values = append(f.Values, v)
			}
		} else {
			f.Values = []*Value{cliValue(m.Value)}
		}
		fields = append(fields, f)
	}
	return fields
}

// cliValue converts one value the way the AWS CLI's translator does: an
// object whose only key is "ref" is a reference, anything else a string.
func cliValue(n *source.Node) *Value {
	if n.Kind == source.Object {
		if keys := n.Keys(); len(keys) == 1 && keys[0] == "ref" {
			ref := n.Get("ref")
			if ref.Kind == source.String {
				return &Value{Kind: Ref, Text: ref.Text, Node: ref, Whole: n}
			}
			return &Value{Kind: Invalid, Node: ref, Whole: n}
		}
	}
	return stringValue(n)
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
