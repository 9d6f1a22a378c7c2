package picture

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
)

// FuzzGraph: any bytes, read as a definition, a template or a Terraform
// file, are drawn in every format or refused with an error, never a
// panic; the SVG is well-formed with a node group per object.
func FuzzGraph(f *testing.F) {
	testenv.AddFuzzSeeds(f,
		`{"objects": [{"id": "A", "type": "ShellCommandActivity", "dependsOn": {"ref": "A"}, "parent": {"ref": "B"}}, {"id": "B", "parent": {"ref": "A"}}]}`,
		`Resources: {P: {Type: AWS::DataPipeline::Pipeline, Properties: {Name: p, PipelineObjects: [{Id: A, Name: A, Fields: [{Key: type, StringValue: Schedule}]}]}}}`,
		`resource "aws_datapipeline_pipeline_definition" "p" { pipeline_id = "df-1" pipeline_object { id = "A" name = "A" } }`)
	l := linter(f, lint.Config{})
	names := []string{"f.json", "f.yaml", "f.tf"}
	f.Fuzz(func(t *testing.T, data []byte) {
		name := names[len(data)%len(names)]
		if bytes.Contains(data, []byte("AWS::DataPipeline")) && !strings.HasSuffix(name, ".tf") {
			name = "f.yaml"
		}
		opt := Options{}
		if len(data)%2 == 1 {
			opt = Options{Focus: "A", Depth: len(data) % 3}
		}
		p, err := Read(l, name, data, opt)
		if err != nil {
			var input *InputError
			if errors.Is(err, ErrIncomplete) || (errors.As(err, &input) && input.Line < 1) {
				t.Fatalf("%s: %v", name, err)
			}
			return
		}
		for _, format := range Formats {
			var out bytes.Buffer
			if err := Write(&out, p, format); err != nil || out.Len() == 0 {
				t.Fatalf("%s: %v", format, err)
			}
		}
		nodes := 0
		for _, pl := range p.Pipelines {
			nodes += len(pl.Nodes)
		}
		if got := len(svgNodes(t, SVG(p))); got != nodes {
			t.Fatalf("%d node groups in the SVG for %d objects", got, nodes)
		}
	})
}
