package ojson

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func TestYAML(t *testing.T) {
	doc := Object{
		{Key: "PipelineObjects", Value: []any{Object{{Key: "Id", Value: "Default"}, {Key: "Fields", Value: []any{
			Object{{Key: "Key", Value: "maximumRetries"}, {Key: "StringValue", Value: "5"}},
			Object{{Key: "Key", Value: "flag"}, {Key: "StringValue", Value: "true"}},
			Object{{Key: "Key", Value: "command"}, {Key: "StringValue", Value: "echo 'a: b'\nexit 1"}},
		}}}}},
		{Key: "n", Value: 3}, {Key: "b", Value: false}, {Key: "z", Value: nil}, {Key: "raw", Value: Raw("1.50")},
	}
	out, err := YAML(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `PipelineObjects:
  - Id: Default
    Fields:
      - Key: maximumRetries
        StringValue: "5"
      - Key: flag
        StringValue: "true"
      - Key: command
        StringValue: |-
          echo 'a: b'
          exit 1
n: 3
b: false
z: null
raw: 1.50
`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// What a YAML reader gets back is the same data: strings stay strings.
	var back map[string]any
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	f := back["PipelineObjects"].([]any)[0].(map[string]any)["Fields"].([]any)
	if f[0].(map[string]any)["StringValue"] != "5" || f[1].(map[string]any)["StringValue"] != "true" {
		t.Errorf("strings did not stay strings: %v", f)
	}
}
