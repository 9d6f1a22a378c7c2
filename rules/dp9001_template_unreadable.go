package rules

import "github.com/dplint/dplint/diag"

// TemplateUnreadable reports a template or configuration that cannot
// be parsed.
var TemplateUnreadable = &Rule{
	Meta: Meta{
		ID: "DP9001", Name: "template-unreadable", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "a CloudFormation template (YAML) or Terraform file that names a pipeline resource cannot be parsed",
		Doc: "The file names AWS::DataPipeline::Pipeline or aws_datapipeline_pipeline_definition but is not valid YAML or HCL, " +
			"so no pipeline in it can be checked. A JSON template with a syntax error is reported by the JSON rules (DP0001).",
	},
	Example: Example{Input: "Resources:\n  Nightly:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      Name: [nightly\n"},
	Check:   checkTemplateUnreadable,
}

func checkTemplateUnreadable(pass *Pass) { reportEmbeddedProblems(pass) }
