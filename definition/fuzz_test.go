package definition_test

import (
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// fuzzReadSeeds are hand-written inputs for the model's corners.
var fuzzReadSeeds = []string{
	``,
	`{}`,
	`[]`,
	`{"objects": [`,
	`{"objects": null}`,
	`{"objects": [1, "x", null, [], {}]}`,
	`{"objects": [{"id": 1, "name": {}, "a": {"ref": 2}, "b": [[{"ref": "x"}]], "c": {"ref": "x", "ref": "y"}}]}`,
	`{"objects": [{"id": "a", "fields": [1, {"key": 2}, {"key": "k"}, {"key": "k", "stringValue": "v", "refValue": "r"}]}]}`,
	`{"pipelineObjects": [{"fields": null}], "parameterObjects": [{"attributes": 1}], "parameterValues": [1, {}, {"id": 2, "stringValue": []}]}`,
	`{"parameters": [{"id": "p", "default": [1, "a"]}], "values": {"p": [null, "x"], "q": {}}}`,
	`{"values": 1}`,
	`{"parameterValues": {"id": "x"}}`,
	`{"Objects": [{"id": "a"}]}`,
	`{"objects": [{"id": "a", "fields": []}], "parameters": [{"id": "p", "attributes": [{"key": "type"}]}], "values": {"p": "v"}}`,
	"\xef\xbb\xbf// c\n{\"objects\": [{\"id\": \"a\",},],}",
	`{"objects": [{"id": "a", "x": "` + "\xff" + `"}]}`,
}

// FuzzRead checks that reading any input into the model, and translating
// it, never panics, and that every place the model keeps is in the file.
func FuzzRead(f *testing.F) {
	testenv.AddFuzzSeeds(f, fuzzReadSeeds...)
	f.Fuzz(func(t *testing.T, data []byte) {
		sf := source.Parse("fuzz.json", data)
		form := definition.Detect(sf)
		d := definition.Read("fuzz.json", sf)
		if d == nil {
			t.Fatal("Read returned nil")
		}
		if d.Form != form || d.File != sf {
			t.Fatalf("Read: Form %v File %p, Detect said %v", d.Form, d.File, form)
		}
		checkDefinition(t, data, d)

		// ToAPI and ToCLI give a value or an error, never both, and do
		// not panic; what they give can be written out.
		for name, translate := range map[string]func(*definition.Definition) (ojson.Object, error){
			"ToAPI": definition.ToAPI, "ToCLI": definition.ToCLI,
		} {
			out, err := translate(d)
			if err != nil {
				if out != nil {
					t.Fatalf("%s returned both a value and an error", name)
				}
				continue
			}
			ojson.Marshal(out) // must not panic either
		}
	})
}

func checkDefinition(t *testing.T, data []byte, d *definition.Definition) {
	t.Helper()
	rng := func(what string, start, end int) {
		t.Helper()
		if start < 0 || start > end || end > len(data) {
			t.Fatalf("%s at %d..%d, outside 0..%d", what, start, end, len(data))
		}
	}
	node := func(what string, n *source.Node) {
		t.Helper()
		if n != nil {
			rng(what, n.Start, n.End)
		}
	}
	value := func(what string, v *definition.Value) {
		t.Helper()
		if v == nil || v.Node == nil || v.Whole == nil {
			t.Fatalf("%s: value or its nodes missing: %+v", what, v)
		}
		node(what+" value", v.Node)
		node(what+" whole value", v.Whole)
		if v.Node.Start < v.Whole.Start || v.Node.End > v.Whole.End {
			t.Fatalf("%s: value node %d..%d outside its whole %d..%d", what, v.Node.Start, v.Node.End, v.Whole.Start, v.Whole.End)
		}
		switch v.Kind {
		case definition.Str, definition.Ref:
			if v.Node.Kind != source.String || v.Node.Text != v.Text {
				t.Fatalf("%s: %v value %q on a %v node %q", what, v.Kind, v.Text, v.Node.Kind, v.Node.Text)
			}
		case definition.Invalid:
		default:
			t.Fatalf("%s: value kind %d", what, v.Kind)
		}
	}
	fields := func(what string, fs []*definition.Field) {
		t.Helper()
		seen := map[string]bool{}
		for _, f := range fs {
			rng(what+" field "+f.Key, f.KeyStart, f.KeyEnd)
			if seen[f.Key] {
				t.Fatalf("%s: field %q twice", what, f.Key)
			}
			seen[f.Key] = true
			if !f.List && len(f.Values) != 1 {
				t.Fatalf("%s: field %q is not a list but has %d values", what, f.Key, len(f.Values))
			}
			for _, v := range f.Values {
				value(what+" field "+f.Key, v)
			}
		}
	}
	if d.ObjectsKey != nil {
		rng("objects key", d.ObjectsKey.KeyStart, d.ObjectsKey.KeyEnd)
	}
	for _, o := range d.Objects {
		if o.Node == nil || o.Node.Kind != source.Object {
			t.Fatalf("object %q without an object node", o.ID)
		}
		node("object "+o.ID, o.Node)
		node("object id", o.IDNode)
		node("object name", o.NameNode)
		if o.Anchor() == nil {
			t.Fatalf("object %q has no anchor", o.ID)
		}
		fields("object "+o.ID, o.Fields)
		o.Type()
	}
	for _, p := range d.Parameters {
		if p.Node == nil || p.Node.Kind != source.Object {
			t.Fatalf("parameter %q without an object node", p.ID)
		}
		node("parameter "+p.ID, p.Node)
		node("parameter id", p.IDNode)
		fields("parameter "+p.ID, p.Attributes)
	}
	for _, v := range d.Values {
		rng("parameter value "+v.ID, v.KeyStart, v.KeyEnd)
		node("parameter value id", v.IDNode)
		value("parameter value "+v.ID, v.Value)
	}
}
