package lsp

import (
	"strings"
	"testing"
)

// FuzzTemplateSlots runs completion's tolerant readers of YAML and
// Terraform over any text and any cursor: they read half-typed templates
// no parser accepts, so they must never panic, and the slot they find
// must lie in the text, with its prefix the text from its start to the
// cursor. (.ci/run runs it bounded.)
func FuzzTemplateSlots(f *testing.F) {
	for _, seed := range []string{
		stackYAML, halfYAML,
		"Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      PipelineObjects:\n        - Id: A\n          Fields: [{Key: type, StringValue: \"Sh}, {Key: 'x\n",
		"Fields: [{Key: a, StringValue: b}, {Key: \"c\\\"\", RefValue: d}, x, {",
		"- {Key: type, StringValue: 'a'', RefValue: }\n  - - [",
		"resource \"aws_datapipeline_pipeline_definition\" \"d\" {\n  pipeline_object {\n    field {\n      key = \"ty",
	} {
		f.Add(seed, len(seed)/2)
	}
	f.Fuzz(func(t *testing.T, text string, off int) {
		data := []byte(text)
		if off < 0 || off > len(data) {
			off = len(data)
		}
		for name, find := range map[string]func([]byte, int) slot{"yaml": yamlSlot, "hcl": hclSlot} {
			s := find(data, off)
			if s.kind == slotNone {
				continue
			}
			if s.from < 0 || s.from > off {
				t.Fatalf("%s: the slot starts at %d, outside [0, %d]", name, s.from, off)
			}
			if !strings.HasPrefix(text[s.from:], s.prefix) || s.from+len(s.prefix) != off {
				t.Fatalf("%s: prefix %q does not run from %d to the cursor %d", name, s.prefix, s.from, off)
			}
		}
	})
}
