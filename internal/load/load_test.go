package load

import (
	"testing"

	"github.com/dplint/dplint/definition"
)

const cfnYAML = "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: {Name: p, PipelineObjects: []}\n"

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name, path, text string
		form             definition.Form
		defs             []string // definition names
	}{
		{"definition file", "p.json", `{"objects": [{"id": "A"}]}`, definition.CLI, []string{"p.json"}},
		{"API form", "p.json", `{"pipelineObjects": []}`, definition.API, []string{"p.json"}},
		{"other JSON", "package.json", `{"name": "x"}`, definition.NotOurs, nil},
		{"broken definition", "p.json", `{"objects": [}`, definition.CLI, []string{"p.json"}},
		{"broken other JSON", "x.json", `{"a": }`, definition.NotOurs, nil},
		{"CloudFormation JSON", "stack.json", `{"Resources": {"A": {"Type": "AWS::DataPipeline::Pipeline"}, "B": {"Type": "AWS::DataPipeline::Pipeline"}}}`,
			definition.CloudFormation, []string{"stack.json#A", "stack.json#B"}},
		{"broken CloudFormation JSON", "stack.template", `{"Resources": {"A": {"Type": "AWS::DataPipeline::Pipeline"}`, definition.CloudFormation, []string{"stack.template"}},
		{"CloudFormation YAML", "stack.yaml", cfnYAML, definition.CloudFormation, []string{"stack.yaml#P"}},
		{"CloudFormation YAML as .template", "stack.template", cfnYAML, definition.CloudFormation, []string{"stack.template#P"}},
		{"CloudFormation YAML on stdin", "<stdin>", cfnYAML, definition.CloudFormation, []string{"<stdin>#P"}},
		{"other YAML", "ci.yml", "on: push\n", definition.NotOurs, nil},
		{"broken YAML naming a pipeline", "s.yml", "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n   x: [\n", definition.CloudFormation, []string{"s.yml"}},
		{"Terraform", "main.tf", `resource "aws_datapipeline_pipeline_definition" "a" {` + "\n" + `pipeline_id = "df-1"` + "\n" + `pipeline_object {` + "\nid = \"A\"\nname = \"A\"\n}\n}\n",
			definition.Terraform, []string{"main.tf#aws_datapipeline_pipeline_definition.a"}},
		{"Terraform on stdin", "<stdin>", `resource "aws_datapipeline_pipeline_definition" "a" {` + "\npipeline_id = \"df-1\"\n}\n",
			definition.Terraform, []string{"<stdin>#aws_datapipeline_pipeline_definition.a"}},
		{"other Terraform", "s3.tf", `resource "aws_s3_bucket" "b" {}`, definition.NotOurs, nil},
		{"YAML file that is JSON", "p.yaml", `{"objects": [{"id": "A"}]}`, definition.CLI, []string{"p.yaml"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := Read(c.path, []byte(c.text))
			var names []string
			for _, d := range f.Definitions {
				names = append(names, d.Name)
			}
			if f.Form != c.form || len(names) != len(c.defs) || f.Source == nil || string(f.Source.Content) != c.text {
				t.Fatalf("form %v, definitions %q; want %v, %q", f.Form, names, c.form, c.defs)
			}
			for i := range names {
				if names[i] != c.defs[i] {
					t.Errorf("definition %d is %q, want %q", i, names[i], c.defs[i])
				}
			}
		})
	}
}
