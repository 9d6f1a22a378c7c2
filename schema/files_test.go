package schema_test

import (
	"strings"
	"testing"

	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/source"
)

// TestViolationsLandOnTheirNode: every violation is placed on the node the
// validator meant, whatever the keys on the way hold (the validator
// URL-escapes them in instance locations) and however long they are
// (long keys are aliased while validating).
func TestViolationsLandOnTheirNode(t *testing.T) {
	long := strings.Repeat("k", 5000)
	tests := []struct {
		shape schema.Shape
		in    string
		want  []string // class:pointer
	}{
		{schema.CLIFile, `{"objects": [{"id": "a", "my field": [1]}]}`, []string{"2:/objects/0/my field/0"}},
		{schema.CLIFile, `{"objects": [{"id": "a", "café/ü~x%20": 2}]}`, []string{"2:/objects/0/café~1ü~0x%20"}},
		{schema.CLIFile, `{"objects": [{"id": "a", "` + long + `": ["x", {"ref": 3}]}]}`, []string{"2:/objects/0/" + long + "/1/ref"}},
		{schema.CLIFile, `{"objects": [{"id": "a", "` + long + `": {"` + long + `": true}}]}`, []string{"2:/objects/0/" + long}},
		{schema.CLIFile, `{"objects": [{"name": "x"}], "parameters": [{"id": 5}]}`, []string{"1:/objects/0", "4:/parameters/0/id"}},
		{schema.CLIFile, `{"Objects": []}`, []string{"1:"}},
		{schema.APIFile, `{"pipelineObjects": [{"id": "a", "name": "a", "fields": [{"key": "k", "stringValue": "v", "refValue": "r"}, {"key": "x", "extra": 1}]}]}`,
			[]string{"5:/pipelineObjects/0/fields/0", "5:/pipelineObjects/0/fields/1", "3:/pipelineObjects/0/fields/1/extra"}},
		{schema.CLIFile, `{"objects": [], "values": {"a b": [true]}}`, []string{"2:/values/a b/0"}},
		{schema.CLIFile, `{"objects": [{"id": "fine", "type": "Default", "list": ["a", {"ref": "b"}]}]}`, nil},
	}
	for _, tt := range tests {
		f := source.Parse("t.json", []byte(tt.in))
		vs, err := schema.Check(tt.shape, f.Root)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, string(rune('0'+int(v.Class)))+":"+v.Node.Pointer())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%.80s\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestSchemaIsEmbedded: the embedded schema is the committed file.
func TestSchemaIsEmbedded(t *testing.T) {
	if !strings.Contains(string(schema.FilesSchema()), `"$schema": "https://json-schema.org/draft/2020-12/schema"`) {
		t.Error("the embedded files schema is not draft 2020-12")
	}
}
