package apimodel

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
)

func models(t *testing.T) string {
	return filepath.Join(testenv.SharedDir(t), "reference", "api-models")
}

// The committed facts are what the generator makes of the model in the
// shared folder: run `go generate ./internal/apimodel` after it changes.
func TestFactsAreGenerated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(models(t), "datapipeline-2012-10-29.service-2.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, dataPipelineFacts) {
		t.Fatal("internal/apimodel/datapipeline.json is stale: run go generate ./internal/apimodel")
	}
	if u := DataPipeline().Unchecked; len(u) > 0 {
		t.Fatalf("patterns Go cannot check: %v", u)
	}
	if bytes.Contains(dataPipelineFacts, []byte("documentation")) {
		t.Fatal("the facts hold documentation strings")
	}
}

// Every model of the shared folder extracts and loads (the generator is not
// Data Pipeline's alone: IoT Analytics is next).
func TestEveryModelLoads(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(models(t), "*.service-2.json"))
	if len(paths) < 2 {
		t.Fatalf("expected at least two models, found %v", paths)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		facts, err := Extract(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		m, err := Load(facts)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(m.Operations) == 0 || m.Metadata.Protocol == "" {
			t.Fatalf("%s: no operations or protocol", p)
		}
	}
}

func TestGoPattern(t *testing.T) {
	got := GoPattern(`[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*`)
	want := `[\x{20}-\x{D7FF}\x{E000}-\x{FFFD}\x{10000}-\x{10FFFF}\r\n\t]*`
	if got != want {
		t.Fatalf("GoPattern = %s, want %s", got, want)
	}
}

func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCheck(t *testing.T) {
	m := DataPipeline()
	cases := []struct {
		shape, in, want string
	}{
		{"CreatePipelineInput", `{"name": "a", "uniqueId": "b"}`, ""},
		{"CreatePipelineInput", `{"name": "a"}`,
			"1 validation error detected: Value null at 'uniqueId' failed to satisfy constraint: Member must not be null"},
		{"CreatePipelineInput", `{"name": "", "uniqueId": "b\u0001"}`,
			"2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value 'b\x01' at 'uniqueId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*"},
		{"PutPipelineDefinitionInput", `{"pipelineId": "df-1", "pipelineObjects": [{"id": "a", "name": "a", "fields": [{"stringValue": "x"}]}]}`,
			"1 validation error detected: Value null at 'pipelineObjects.1.member.fields.1.member.key' failed to satisfy constraint: Member must not be null"},
		{"QueryObjectsInput", `{"pipelineId": "df-1", "sphere": "COMPONENT", "query": {"selectors": [{"fieldName": "name", "operator": {"type": "NE"}}]}}`,
			"1 validation error detected: Value 'NE' at 'query.selectors.1.member.operator.type' failed to satisfy constraint: Member must satisfy enum value set: [EQ, REF_EQ, LE, GE, BETWEEN]"},
		{"CreatePipelineInput", `{"name": "😀", "uniqueId": "b"}`, ""}, // beyond the BMP: allowed
	}
	for _, c := range cases {
		vs, err := m.Check(c.shape, decode(t, c.in))
		if err != nil {
			t.Fatalf("%s %s: %v", c.shape, c.in, err)
		}
		got := ""
		if len(vs) > 0 {
			got = Message(vs)
		}
		if got != c.want {
			t.Errorf("%s %s:\n got %s\nwant %s", c.shape, c.in, got, c.want)
		}
	}
	tags := `{"name": "a", "uniqueId": "b", "tags": [` + strings.Repeat(`{"key": "k", "value": "v"},`, 10) + `{"key": "k", "value": "v"}]}`
	vs, _ := m.Check("CreatePipelineInput", decode(t, tags))
	if len(vs) != 1 || vs[0].String() != "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 10" {
		t.Errorf("11 tags: %v", vs)
	}
	if _, err := m.Check("CreatePipelineInput", decode(t, `{"name": 3, "uniqueId": "b"}`)); err == nil || err.Error() != "name: expected a string, got a number" {
		t.Errorf("a number for a string: %v", err)
	}
}

func TestConform(t *testing.T) {
	m := DataPipeline()
	ok := `{"pipelineIdList": [{"id": "df-1", "name": "n"}], "hasMoreResults": false}`
	if d := m.Conform("ListPipelinesOutput", decode(t, ok)); len(d) != 0 {
		t.Fatalf("conforming output: %v", d)
	}
	bad := `{"pipelineIdList": [{"id": 1, "nam": "n"}], "hasMoreResults": "no"}`
	d := m.Conform("ListPipelinesOutput", decode(t, bad))
	if len(d) != 3 {
		t.Fatalf("want 3 differences, got %v", d)
	}
}
