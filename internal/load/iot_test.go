package load

import (
	"slices"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/iotanalytics"
)

// TestReadIoT: which files hold IoT Analytics documents, of which kind and
// form, and which of them reports the file's own problems; a template
// with Data Pipeline and IoT Analytics resources gives both, unchanged.
func TestReadIoT(t *testing.T) {
	const iotYAML = "Resources:\n  A:\n    Type: AWS::IoTAnalytics::Pipeline\n    Properties: {PipelineActivities: []}\n  B:\n    Type: AWS::IoTAnalytics::Pipeline\n"
	for _, c := range []struct {
		name, path, text string
		form             definition.Form // of the Data Pipeline side
		defs             int
		docs             []string // IoT document names
		kind             iotanalytics.Kind
		docForm          iotanalytics.Form
		reports          []bool // ReportsFile of each document
	}{
		{"pipeline request", "p.json", `{"pipelineName": "p", "pipelineActivities": []}`, definition.NotOurs, 0, []string{"p.json"}, iotanalytics.Pipeline, iotanalytics.CLI, []bool{true}},
		{"reprocessing request", "r.json", `{"pipelineName": "p", "endTime": 5}`, definition.NotOurs, 0, []string{"r.json"}, iotanalytics.Reprocessing, iotanalytics.CLI, []bool{true}},
		{"request with a comment", "r.json", "{\"pipelineName\": \"p\", // x\n \"endTime\": 5}", definition.NotOurs, 0, []string{"r.json"}, iotanalytics.Reprocessing, iotanalytics.CLI, []bool{true}},
		{"broken request", "r.json", `{"pipelineName": "p", "endTime": }`, definition.NotOurs, 0, nil, 0, 0, nil},
		{"template YAML", "t.yaml", iotYAML, definition.NotOurs, 0, []string{"t.yaml#A", "t.yaml#B"}, iotanalytics.Pipeline, iotanalytics.CloudFormation, []bool{true, false}},
		{"template YAML on stdin", "<stdin>", iotYAML, definition.NotOurs, 0, []string{"<stdin>#A", "<stdin>#B"}, iotanalytics.Pipeline, iotanalytics.CloudFormation, []bool{true, false}},
		{"template JSON", "t.json", `{"Resources": {"A": {"Type": "AWS::IoTAnalytics::Pipeline", "Properties": {}}}}`, definition.NotOurs, 0, []string{"t.json#A"}, iotanalytics.Pipeline, iotanalytics.CloudFormation, []bool{true}},
		{"broken template JSON", "t.json", `{"Resources": {"A": {"Type": "AWS::IoTAnalytics::Pipeline"`, definition.NotOurs, 0, []string{"t.json"}, iotanalytics.Pipeline, iotanalytics.CloudFormation, []bool{true}},
		{"unreadable template YAML", "t.yaml", "Resources:\n  A:\n    Type: AWS::IoTAnalytics::Pipeline\n   x: [\n", definition.NotOurs, 0, []string{"t.yaml"}, iotanalytics.Pipeline, iotanalytics.CloudFormation, []bool{true}},
		{"both services", "t.yaml", "Resources:\n  D:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: {Name: d, PipelineObjects: []}\n  I:\n    Type: AWS::IoTAnalytics::Pipeline\n",
			definition.CloudFormation, 1, []string{"t.yaml#I"}, iotanalytics.Pipeline, iotanalytics.CloudFormation, []bool{false}},
		{"other IoT Analytics resource", "t.yaml", "Resources:\n  C:\n    Type: AWS::IoTAnalytics::Channel\n", definition.NotOurs, 0, nil, 0, 0, nil},
		{"a definition naming the type", "d.json", `{"objects": [{"id": "A", "note": "AWS::IoTAnalytics::Pipeline"}]}`, definition.CLI, 1, nil, 0, 0, nil},
		{"name only", "n.json", `{"pipelineName": "p"}`, definition.NotOurs, 0, nil, 0, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := Read(c.path, []byte(c.text))
			if f.Form != c.form || len(f.Definitions) != c.defs {
				t.Errorf("form %v with %d definitions, want %v with %d", f.Form, len(f.Definitions), c.form, c.defs)
			}
			var names []string
			var reports []bool
			for _, d := range f.IoT {
				names = append(names, d.Name)
				reports = append(reports, d.ReportsFile)
				if d.Kind != c.kind || d.Form != c.docForm {
					t.Errorf("%s: kind %v form %v, want %v %v", d.Name, d.Kind, d.Form, c.kind, c.docForm)
				}
				if d.File == nil {
					t.Errorf("%s: no file", d.Name)
				}
			}
			if !slices.Equal(names, c.docs) || !slices.Equal(reports, c.reports) {
				t.Errorf("documents %v (reporting %v), want %v (%v)", names, reports, c.docs, c.reports)
			}
			if f.Ours() != (c.form != definition.NotOurs || len(c.docs) > 0) {
				t.Errorf("Ours() = %v", f.Ours())
			}
		})
	}
}
