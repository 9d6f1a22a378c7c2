package definition_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/source"
)

// trDir holds the translator's fixtures and their goldens, relative
// to this package.
const trDir = "../testdata/translate"

// trFixtureNames returns the names (without .json) of every fixture in
// testdata/translate, sorted.
func trFixtureNames(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(trDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			names = append(names, strings.TrimSuffix(e.Name(), ".json"))
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatalf("no fixtures in %s", trDir)
	}
	return names
}

// trRead parses data as the file name and reads its model. The
// fixtures must be JSON that Python reads: duplicate keys are the only
// problem allowed.
func trRead(t *testing.T, name string, data []byte) *definition.Definition {
	t.Helper()
	sf := source.Parse(name, data)
	for _, p := range sf.Problems {
		if p.Kind != source.DuplicateKey {
			t.Fatalf("%s: %s", name, p.Message)
		}
	}
	return definition.Read(name, sf)
}

func trFixture(t *testing.T, name string) ([]byte, *definition.Definition) {
	t.Helper()
	path := filepath.Join(trDir, name+".json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data, trRead(t, path, data)
}

// TestTranslate compares ToAPI and ToCLI on every fixture in
// testdata/translate with <name>.api.golden and <name>.cli.golden (update
// them with -update, then read every changed golden).
func TestTranslate(t *testing.T) {
	g := goldie.New(t, goldie.WithFixtureDir(trDir), goldie.WithNameSuffix(".golden"))
	for _, name := range trFixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			_, def := trFixture(t, name)
			api, err := definition.ToAPI(def)
			if err != nil {
				t.Fatalf("ToAPI: %v", err)
			}
			g.Assert(t, name+".api", ojson.Marshal(api))
			cli, err := definition.ToCLI(def)
			if err != nil {
				t.Fatalf("ToCLI: %v", err)
			}
			g.Assert(t, name+".cli", ojson.Marshal(cli))
		})
	}
}

// TestTranslateRoundTrip checks, for every CLI-form fixture, that
// translating to the API form and back loses nothing but what the API form
// cannot hold. Precisely: let F be the fixture decoded as Python's json
// module does (the last of duplicate keys wins), A the text of
// ojson.Marshal(ToAPI(F)), and B = ToCLI(Read(A)), A read as an API-form
// file. Then B equals norm(F) as a JSON value (object members unordered,
// array elements in order), where norm
//   - gives each element of "objects" a "name" equal to its "id" when it
//     has none (the CLI sends the id as the name);
//   - in every object and parameter, and in "values", replaces a list
//     value by its only element when it has one and drops the key when the
//     list is empty (repeated fields cannot tell a one-element list from a
//     single value, and an empty list sends no field at all);
//   - makes "values" an empty object when it is not an object (the CLI
//     sends no parameter value for an empty list or string);
//
// and leaves everything else, including values of the wrong type, as is.
func TestTranslateRoundTrip(t *testing.T) {
	tested := 0
	for _, name := range trFixtureNames(t) {
		data, def := trFixture(t, name)
		if def.Form != definition.CLI {
			continue
		}
		tested++
		t.Run(name, func(t *testing.T) {
			api, err := definition.ToAPI(def)
			if err != nil {
				t.Fatalf("ToAPI: %v", err)
			}
			apiText := ojson.Marshal(api)
			apiDef := trRead(t, name+".api", apiText)
			if apiDef.Form != definition.API {
				t.Fatalf("ToAPI's output reads as the %s form; want api:\n%s", apiDef.Form, apiText)
			}
			back, err := definition.ToCLI(apiDef)
			if err != nil {
				t.Fatalf("ToCLI: %v", err)
			}
			got := trMustDecode(t, ojson.Marshal(back))
			want := trNormalize(trMustDecode(t, data))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip differs at %s\nwant:\n%s\ngot:\n%s\nvia the API form:\n%s",
					trFirstDiff(want, got, ""), trIndent(want), trIndent(got), apiText)
			}
		})
	}
	if tested < 5 {
		t.Errorf("only %d CLI-form fixtures in %s; want at least 5", tested, trDir)
	}
}

func trMustDecode(t *testing.T, data []byte) any {
	t.Helper()
	v, err := trDecode(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return v
}

// trNormalize is norm in TestTranslateRoundTrip's comment.
func trNormalize(v any) any {
	root, ok := v.(map[string]any)
	if !ok {
		return v
	}
	if objs, ok := root["objects"].([]any); ok {
		for _, o := range objs {
			if o, ok := o.(map[string]any); ok {
				if _, named := o["name"]; !named {
					o["name"] = o["id"]
				}
				trUnlist(o)
			}
		}
	}
	if params, ok := root["parameters"].([]any); ok {
		for _, p := range params {
			if p, ok := p.(map[string]any); ok {
				trUnlist(p)
			}
		}
	}
	if vals, present := root["values"]; present {
		if vals, ok := vals.(map[string]any); ok {
			trUnlist(vals)
		} else {
			root["values"] = map[string]any{}
		}
	}
	return root
}

// trUnlist replaces one-element list values by their element and drops
// empty-list values.
func trUnlist(m map[string]any) {
	for k, v := range m {
		list, ok := v.([]any)
		if !ok {
			continue
		}
		switch len(list) {
		case 0:
			delete(m, k)
		case 1:
			m[k] = list[0]
		}
	}
}

// trCompact renders v with ojson and removes the layout, keeping member
// order, so a test can spell the expected document on one line.
func trCompact(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, ojson.Marshal(v)); err != nil {
		t.Fatalf("ojson output is not JSON: %v", err)
	}
	return b.String()
}

// TestToAPIOnAPIForm: an API-form file is returned as is, with only the
// three lists, in the order pipelineObjects, parameterObjects,
// parameterValues, each only when the file has it. Nothing is sorted,
// defaulted, grouped or checked.
func TestToAPIOnAPIForm(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "three lists in order, other keys dropped",
			in: `{"ResponseMetadata": {"HTTPStatusCode": 200},
				"parameterValues": [{"id": "p", "stringValue": "v1"}, {"id": "p", "stringValue": "v2"}],
				"pipelineId": "df-0123",
				"parameterObjects": [{"id": "p", "attributes": [{"key": "type", "stringValue": "String"}]}],
				"pipelineObjects": [{"id": "A", "name": "A", "fields": [{"key": "type", "stringValue": "Default"}]}]}`,
			want: `{"pipelineObjects":[{"id":"A","name":"A","fields":[{"key":"type","stringValue":"Default"}]}],` +
				`"parameterObjects":[{"id":"p","attributes":[{"key":"type","stringValue":"String"}]}],` +
				`"parameterValues":[{"id":"p","stringValue":"v1"},{"id":"p","stringValue":"v2"}]}`,
		},
		{
			name: "objects only",
			in:   `{"pipelineObjects": []}`,
			want: `{"pipelineObjects":[]}`,
		},
		{
			name: "fields unsorted, name not defaulted, repeated keys and member order kept",
			in: `{"pipelineObjects": [{"fields": [{"stringValue": "z", "key": "zeta"}, {"key": "dependsOn", "refValue": "B"},
				{"key": "alpha", "stringValue": "a"}, {"key": "dependsOn", "refValue": "C"}], "id": "A"}]}`,
			want: `{"pipelineObjects":[{"fields":[{"stringValue":"z","key":"zeta"},{"key":"dependsOn","refValue":"B"},` +
				`{"key":"alpha","stringValue":"a"},{"key":"dependsOn","refValue":"C"}],"id":"A"}]}`,
		},
		{
			name: "wrong types passed through",
			in:   `{"pipelineObjects": [{"id": 1, "name": null, "fields": [{"key": "n", "stringValue": 2.50}, {"key": "b", "stringValue": true}]}]}`,
			want: `{"pipelineObjects":[{"id":1,"name":null,"fields":[{"key":"n","stringValue":2.50},{"key":"b","stringValue":true}]}]}`,
		},
		{
			name: "duplicate keys: the last wins at the first place",
			in:   `{"pipelineObjects": [{"id": "Old", "name": "A", "id": "New", "fields": []}], "parameterValues": [], "pipelineObjects": []}`,
			want: `{"pipelineObjects":[],"parameterValues":[]}`,
		},
		{
			name: "a parameters file in the API form",
			in:   `{"parameterObjects": [{"id": "p", "attributes": []}], "parameterValues": [{"id": "p", "stringValue": "x"}]}`,
			want: `{"parameterObjects":[{"id":"p","attributes":[]}],"parameterValues":[{"id":"p","stringValue":"x"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := trRead(t, "in.json", []byte(tt.in))
			if def.Form != definition.API {
				t.Fatalf("the input reads as the %s form; want api", def.Form)
			}
			out, err := definition.ToAPI(def)
			if err != nil {
				t.Fatalf("ToAPI: %v", err)
			}
			if got := trCompact(t, out); got != tt.want {
				t.Errorf("ToAPI\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// TestToAPIOnHybridForm: "objects" whose entries carry API-style "fields"
// arrays become "pipelineObjects", the entries passed on as they are except
// that a missing name is filled in from the id (as in the CLI form), and
// API-style "parameters"/"parameterValues" come along.
func TestToAPIOnHybridForm(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "objects renamed, entries as is",
			in: `{"objects": [{"id": "A", "name": "Named", "fields": [{"key": "type", "stringValue": "Default"},
				{"key": "dependsOn", "refValue": "B"}, {"key": "dependsOn", "refValue": "C"}]}]}`,
			want: `{"pipelineObjects":[{"id":"A","name":"Named","fields":[{"key":"type","stringValue":"Default"},` +
				`{"key":"dependsOn","refValue":"B"},{"key":"dependsOn","refValue":"C"}]}]}`,
		},
		{
			name: "unsorted fields are not touched, a missing name becomes the id",
			in:   `{"objects": [{"fields": [{"key": "z", "stringValue": "1"}, {"key": "a", "stringValue": "2"}], "id": "A"}]}`,
			want: `{"pipelineObjects":[{"fields":[{"key":"z","stringValue":"1"},{"key":"a","stringValue":"2"}],"id":"A","name":"A"}]}`,
		},
		{
			name: "one entry with fields makes the whole list hybrid",
			in:   `{"objects": [{"id": "A", "type": "Default"}, {"id": "B", "fields": []}]}`,
			want: `{"pipelineObjects":[{"id":"A","name":"A","type":"Default"},{"id":"B","name":"B","fields":[]}]}`,
		},
		{
			name: "API-style parameters and values come along",
			in: `{"objects": [{"id": "A", "name": "A", "fields": []}], "parameters": [{"id": "myP", "attributes": [{"key": "type", "stringValue": "String"}]}],
				"parameterValues": [{"id": "myP", "stringValue": "v"}]}`,
			want: `{"pipelineObjects":[{"id":"A","name":"A","fields":[]}],"parameterObjects":[{"id":"myP","attributes":[{"key":"type","stringValue":"String"}]}],` +
				`"parameterValues":[{"id":"myP","stringValue":"v"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := trRead(t, "in.json", []byte(tt.in))
			if def.Form != definition.Hybrid {
				t.Fatalf("the input reads as the %s form; want objects-with-fields", def.Form)
			}
			out, err := definition.ToAPI(def)
			if err != nil {
				t.Fatalf("ToAPI: %v", err)
			}
			if got := trCompact(t, out); got != tt.want {
				t.Errorf("ToAPI\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// TestTranslateRefusesWhatIsNotADefinition: a file that did not parse, or
// whose top level is not an object, cannot be translated.
func TestTranslateRefusesWhatIsNotADefinition(t *testing.T) {
	for _, in := range []string{`{"objects": [`, `[{"objects": []}]`, `"objects"`, `{"name": "package"}`} {
		def := definition.Read("in.json", source.Parse("in.json", []byte(in)))
		if _, err := definition.ToAPI(def); !errors.Is(err, definition.ErrNotTranslatable) {
			t.Errorf("ToAPI(%s) error = %v; want ErrNotTranslatable", in, err)
		}
		if _, err := definition.ToCLI(def); !errors.Is(err, definition.ErrNotTranslatable) {
			t.Errorf("ToCLI(%s) error = %v; want ErrNotTranslatable", in, err)
		}
	}
}

// TestToAPIWithoutObjects: a CLI-form file whose objects list is misspelt
// cannot be sent, as the AWS CLI says (Missing "objects" key); a companion
// file translates to its parameter lists alone.
func TestToAPIWithoutObjects(t *testing.T) {
	def := definition.Read("in.json", source.Parse("in.json", []byte(`{"Objects": [{"id": "A"}]}`)))
	if _, err := definition.ToAPI(def); err == nil || !strings.Contains(err.Error(), `missing "objects" key`) {
		t.Errorf("ToAPI of a misspelt objects list: err = %v", err)
	}
	def = definition.Read("in.json", source.Parse("in.json", []byte(`{"values": {"myP": ["a", "b"]}}`)))
	out, err := definition.ToAPI(def)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := trCompact(t, out), `{"parameterValues":[{"id":"myP","stringValue":"a"},{"id":"myP","stringValue":"b"}]}`; got != want {
		t.Errorf("companion: got %s, want %s", got, want)
	}
}

// TestToAPIWithParametersFile: parameter objects from their own file
// replace the definition's in what is sent, in either form, and their
// nodes lie past the definition's last byte.
func TestToAPIWithParametersFile(t *testing.T) {
	params := `{"parameters": [{"id": "myB", "type": "String", "default": "b"}], "values": {"myB": "ignored"}}`
	wantParams := `"parameterObjects":[{"id":"myB","attributes":[{"key":"default","stringValue":"b"},{"key":"type","stringValue":"String"}]}]`
	for _, tc := range []struct{ name, in, want string }{
		{"CLI form with its own parameters", `{"objects": [{"id": "A"}], "parameters": [{"id": "myA", "type": "String"}], "values": {"myA": "v"}}`,
			`{"pipelineObjects":[{"id":"A","name":"A","fields":[]}],` + wantParams + `,"parameterValues":[{"id":"myA","stringValue":"v"}]}`},
		{"CLI form without", `{"objects": [{"id": "A"}]}`, `{"pipelineObjects":[{"id":"A","name":"A","fields":[]}],` + wantParams + `}`},
		{"API form", `{"pipelineObjects": [], "parameterObjects": [{"id": "myA", "attributes": []}]}`, `{"pipelineObjects":[],` + wantParams + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := definition.Read("def.json", source.Parse("def.json", []byte(tc.in)))
			if err := d.UseParameters("params.json", []byte(params)); err != nil {
				t.Fatal(err)
			}
			api, err := definition.ToAPI(d)
			if err != nil {
				t.Fatal(err)
			}
			if got := compact(t, api); got != tc.want {
				t.Errorf("ToAPI =\n%s\nwant\n%s", got, tc.want)
			}
			if len(d.Parameters) != 1 || d.Parameters[0].ID != "myB" {
				t.Fatalf("parameters = %v, want myB only", d.Parameters)
			}
			off, in := d.InParametersFile(d.Parameters[0].IDNode.Start)
			if !in || params[off:off+5] != `"myB"` {
				t.Errorf("myB's id node maps to %d in the parameters file (%v), not to its text", off, in)
			}
		})
	}
}

// TestToAPIWithValuesGiven: values given outside the file replace its own.
func TestToAPIWithValuesGiven(t *testing.T) {
	d := definition.Read("def.json", source.Parse("def.json", []byte(`{"objects": [], "values": {"myA": "own"}}`)))
	d.ValuesGiven = map[string][]string{"myB": {"1", "2"}, "myA": {"given"}}
	api, err := definition.ToAPI(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"pipelineObjects":[],"parameterValues":[{"id":"myA","stringValue":"given"},{"id":"myB","stringValue":"1"},{"id":"myB","stringValue":"2"}]}`
	if got := compact(t, api); got != want {
		t.Errorf("ToAPI = %s, want %s", got, want)
	}
}

// compact is the API form as one line of JSON.
func compact(t *testing.T, api ojson.Object) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, ojson.Marshal(api)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
