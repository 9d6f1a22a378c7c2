package definition

import (
	"errors"
	"fmt"
	"sort"

	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/source"
)

// ErrNotTranslatable is returned for a file that cannot be translated:
// not parsed, or not a definition.
var ErrNotTranslatable = errors.New("not a pipeline definition that can be translated")

// ToAPI renders a CLI-form definition exactly as the AWS CLI's translator
// sends it to PutPipelineDefinition: the name defaults to the id, fields are
// sorted by key, a JSON list becomes repeated fields with one key, an object
// whose only key is "ref" becomes a refValue and anything else a
// stringValue, passed through as is (the SDK then refuses what is not a
// string; dplint reports it). It works on the JSON tree, not the model, so
// even values of the wrong type come out where the CLI would put them.
// An API-form file is returned in the same layout.
func ToAPI(d *Definition) (ojson.Object, error) {
	out, err := toAPI(d)
	if err != nil {
		return nil, err
	}
	if d.ParametersFrom != nil {
		// Parameter objects from their own file replace the definition's,
		// as the AWS CLI's --parameter-objects does.
		var list []any
		for _, e := range nodeElems(d.ParametersFrom.Root.Get("parameters")) {
			list = append(list, translateElement(e, false))
		}
		out = replaceMember(out, "parameterObjects", orEmpty(list))
	}
	if d.ValuesGiven != nil {
		ids := make([]string, 0, len(d.ValuesGiven))
		for id := range d.ValuesGiven {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		list := []any{}
		for _, id := range ids {
			for _, v := range d.ValuesGiven[id] {
				list = append(list, ojson.Object{{Key: "id", Value: id}, {Key: "stringValue", Value: v}})
			}
		}
		out = replaceMember(out, "parameterValues", list)
	}
	return out, nil
}

// replaceMember sets key in place, or appends it.
func replaceMember(o ojson.Object, key string, v any) ojson.Object {
	for i, m := range o {
		if m.Key == key {
			o[i].Value = v
			return o
		}
	}
	return append(o, ojson.Member{Key: key, Value: v})
}

func toAPI(d *Definition) (ojson.Object, error) {
	root := d.File.Root
	if root == nil || root.Kind != source.Object || d.Form == NotOurs {
		return nil, ErrNotTranslatable
	}
	switch d.Form {
	case API:
		return apiCopy(root), nil
	case Hybrid:
		return hybridToAPI(root), nil
	}
	if root.Member("objects") == nil && d.Form != Companion {
		return nil, errors.New(`missing "objects" key`)
	}
	var out ojson.Object
	if objs := root.Get("objects"); objs != nil {
		var list []any
		for _, e := range nodeElems(objs) {
			list = append(list, translateElement(e, true))
		}
		out = append(out, ojson.Member{Key: "pipelineObjects", Value: orEmpty(list)})
	}
	if params := root.Get("parameters"); params != nil {
		var list []any
		for _, e := range nodeElems(params) {
			list = append(list, translateElement(e, false))
		}
		out = append(out, ojson.Member{Key: "parameterObjects", Value: orEmpty(list)})
	}
	if vals := root.Get("values"); vals != nil {
		// Python loops over whatever "values" holds: an empty list or
		// string gives an empty list (anything else that is not an object
		// makes the CLI fail, and dplint reports it).
		var list []any
		for _, key := range vals.Keys() {
			v := vals.Get(key)
			for _, it := range v.Items() {
				list = append(list, ojson.Object{{Key: "id", Value: key}, {Key: "stringValue", Value: plain(it)}})
			}
		}
		out = append(out, ojson.Member{Key: "parameterValues", Value: orEmpty(list)})
	}
	return out, nil
}

func orEmpty(list []any) []any {
	if list == nil {
		return []any{}
	}
	return list
}

func nodeElems(n *source.Node) []*source.Node {
	if n.Kind == source.Array {
		return n.Elems
	}
	return nil
}

// translateElement converts one object (withName) or parameter.
func translateElement(e *source.Node, withName bool) any {
	if e.Kind != source.Object {
		return plain(e)
	}
	out := ojson.Object{{Key: "id", Value: plainOrNil(e.Get("id"))}}
	if withName {
		name := e.Get("name")
		if name == nil {
			name = e.Get("id")
		}
		out = append(out, ojson.Member{Key: "name", Value: plainOrNil(name)})
	}
	keys := e.Keys()
	sort.Strings(keys) // Python sorts str keys by code point: the same order as Go's byte order on UTF-8
	var fields []any
	for _, k := range keys {
		if k == "id" || (withName && k == "name") {
			continue
		}
		v := e.Get(k)
		for _, it := range v.Items() {
			fields = append(fields, convertField(k, it))
		}
	}
	key := "fields"
	if !withName {
		key = "attributes"
	}
	return append(out, ojson.Member{Key: key, Value: orEmpty(fields)})
}

func convertField(key string, v *source.Node) ojson.Object {
	if v.Kind == source.Object {
		if keys := v.Keys(); len(keys) == 1 && keys[0] == "ref" {
			return ojson.Object{{Key: "key", Value: key}, {Key: "refValue", Value: plain(v.Get("ref"))}}
		}
	}
	return ojson.Object{{Key: "key", Value: key}, {Key: "stringValue", Value: plain(v)}}
}

func plainOrNil(n *source.Node) any {
	if n == nil {
		return nil
	}
	return plain(n)
}

// plain converts a node to ojson values, keeping member order (duplicate
// keys collapse to the last value at the first key's place, as in Python).
func plain(n *source.Node) any {
	switch n.Kind {
	case source.Object:
		var o ojson.Object
		for _, k := range n.Keys() {
			o = append(o, ojson.Member{Key: k, Value: plain(n.Get(k))})
		}
		if o == nil {
			o = ojson.Object{}
		}
		return o
	case source.Array:
		list := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			list[i] = plain(e)
		}
		return list
	case source.String:
		return n.Text
	case source.Number, source.Bool, source.Null:
		return ojson.Raw(n.Text)
	}
	return nil
}

// hybridToAPI converts "objects" whose entries carry API-style fields (and
// API-style "parameters" and "parameterValues") to the API form; an object
// without a name gets its id as the name, as the CLI form does.
func hybridToAPI(root *source.Node) ojson.Object {
	var objs []any
	for _, e := range nodeElems(root.Get("objects")) {
		o, ok := plain(e).(ojson.Object)
		if !ok {
			objs = append(objs, plain(e))
			continue
		}
		if e.Member("name") == nil && e.Member("id") != nil {
			named := ojson.Object{}
			for _, m := range o {
				named = append(named, m)
				if m.Key == "id" {
					named = append(named, ojson.Member{Key: "name", Value: m.Value})
				}
			}
			o = named
		}
		objs = append(objs, o)
	}
	out := ojson.Object{{Key: "pipelineObjects", Value: orEmpty(objs)}}
	if p := root.Get("parameters"); p != nil {
		out = append(out, ojson.Member{Key: "parameterObjects", Value: plain(p)})
	}
	if v := root.Get("parameterValues"); v != nil {
		out = append(out, ojson.Member{Key: "parameterValues", Value: plain(v)})
	}
	return out
}

// apiCopy returns an API-form document with just the three lists.
func apiCopy(root *source.Node) ojson.Object {
	var out ojson.Object
	for _, k := range []string{"pipelineObjects", "parameterObjects", "parameterValues"} {
		if v := root.Get(k); v != nil {
			out = append(out, ojson.Member{Key: k, Value: plain(v)})
		}
	}
	return out
}

// ToCLI renders a definition in the CLI file form, the way
// `aws datapipeline get-pipeline-definition` prints one: id and name first,
// then each field in order, repeated keys gathered into a list and
// references written as {"ref": id}.
func ToCLI(d *Definition) (ojson.Object, error) {
	root := d.File.Root
	if root == nil || root.Kind != source.Object || d.Form == NotOurs {
		return nil, ErrNotTranslatable
	}
	if d.Form == CLI || d.Form == Companion {
		return plain(root).(ojson.Object), nil
	}
	var out ojson.Object
	if d.ObjectsKey != nil {
		objs := make([]any, 0, len(d.Objects))
		for _, o := range d.Objects {
			cur := ojson.Object{{Key: "id", Value: o.ID}, {Key: "name", Value: o.Name}}
			for _, f := range o.Fields {
				cur = addValues(cur, f)
			}
			objs = append(objs, cur)
		}
		out = append(out, ojson.Member{Key: "objects", Value: objs})
	}
	if root.Member("parameterObjects") != nil {
		params := make([]any, 0, len(d.Parameters))
		for _, p := range d.Parameters {
			cur := ojson.Object{{Key: "id", Value: p.ID}}
			for _, f := range p.Attributes {
				cur = addValues(cur, f)
			}
			params = append(params, cur)
		}
		out = append(out, ojson.Member{Key: "parameters", Value: params})
	}
	if root.Member("parameterValues") != nil {
		vals := ojson.Object{}
		for _, v := range d.Values {
			vals = vals.Add(v.ID, cliValueOut(v.Value))
		}
		out = append(out, ojson.Member{Key: "values", Value: vals})
	}
	return out, nil
}

func cliValueOut(v *Value) any {
	switch v.Kind {
	case Ref:
		return ojson.Object{{Key: "ref", Value: v.Text}}
	case Str:
		return v.Text
	}
	return plain(v.Node)
}

func addValues(cur ojson.Object, f *Field) ojson.Object {
	for _, v := range f.Values {
		cur = cur.Add(f.Key, cliValueOut(v))
	}
	return cur
}

// ToCFN renders a definition as the properties of a CloudFormation
// AWS::DataPipeline::Pipeline resource: PipelineObjects (Id, Name, Fields
// of Key and StringValue or RefValue, one entry per value, in the order
// written), then ParameterObjects and ParameterValues when the definition
// has them. Values of the wrong type are passed through as they are.
func ToCFN(d *Definition) (ojson.Object, error) {
	if d.File == nil || d.File.Root == nil || d.Form == NotOurs {
		return nil, ErrNotTranslatable
	}
	cfnValue := func(key string, v *Value) ojson.Object {
		switch v.Kind {
		case Ref:
			return ojson.Object{{Key: "Key", Value: key}, {Key: "RefValue", Value: v.Text}}
		case Str:
			return ojson.Object{{Key: "Key", Value: key}, {Key: "StringValue", Value: v.Text}}
		}
		return ojson.Object{{Key: "Key", Value: key}, {Key: "StringValue", Value: plain(v.Node)}}
	}
	objs := make([]any, 0, len(d.Objects))
	for _, o := range d.Objects {
		fields := []any{}
		for _, f := range o.Fields {
			for _, v := range f.Values {
				fields = append(fields, cfnValue(f.Key, v))
			}
		}
		objs = append(objs, ojson.Object{{Key: "Id", Value: o.ID}, {Key: "Name", Value: o.Name}, {Key: "Fields", Value: fields}})
	}
	out := ojson.Object{{Key: "PipelineObjects", Value: objs}}
	if len(d.Parameters) > 0 {
		params := make([]any, 0, len(d.Parameters))
		for _, p := range d.Parameters {
			attrs := []any{}
			for _, a := range p.Attributes {
				for _, v := range a.Values {
					attr := cfnValue(a.Key, v)
					attr[1].Key = "StringValue" // attributes are never references
					attrs = append(attrs, attr)
				}
			}
			params = append(params, ojson.Object{{Key: "Id", Value: p.ID}, {Key: "Attributes", Value: attrs}})
		}
		out = append(out, ojson.Member{Key: "ParameterObjects", Value: params})
	}
	if len(d.Values) > 0 {
		vals := make([]any, 0, len(d.Values))
		for _, v := range d.Values {
			sv := any(v.Value.Text)
			if v.Value.Kind == Invalid {
				sv = plain(v.Value.Node)
			}
			vals = append(vals, ojson.Object{{Key: "Id", Value: v.ID}, {Key: "StringValue", Value: sv}})
		}
		out = append(out, ojson.Member{Key: "ParameterValues", Value: vals})
	}
	return out, nil
}

// Translate converts a definition to another form: "api" (the request
// body the AWS CLI sends), "cli" (the file get-pipeline-definition prints),
// "cfn" or "cfn-yaml" (the properties of an AWS::DataPipeline::Pipeline
// resource, as JSON or YAML). Out of a template, values dplint resolved for
// checking are written back as the placeholders they stand for.
func Translate(d *Definition, to string) ([]byte, error) {
	d.AsWritten()
	var out ojson.Object
	var err error
	switch to {
	case "api":
		out, err = ToAPI(d)
	case "cli":
		out, err = ToCLI(d)
	case "cfn", "cfn-yaml":
		out, err = ToCFN(d)
	default:
		return nil, fmt.Errorf("unknown form %q (api, cli, cfn or cfn-yaml)", to)
	}
	if err != nil {
		return nil, err
	}
	if to == "cfn-yaml" {
		return ojson.YAML(out)
	}
	return ojson.Marshal(out), nil
}
