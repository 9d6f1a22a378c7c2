package rules

import "github.com/dplint/dplint/diag"

// TemplateProperty reports the resource's own shape.
var TemplateProperty = &Rule{
	Meta: Meta{
		ID: "DP9002", Name: "template-property", Explains: []string{"DP1105", "DP1111", "DP5001", "DP5002"}, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a pipeline resource has an unknown (misspelt) property or argument, lacks a required one, or has one of the wrong type",
		Doc: "CloudFormation checks AWS::DataPipeline::Pipeline against its resource schema (Name required; every pipeline object needs Id, Name and Fields; " +
			"a field needs Key and one of StringValue or RefValue; parameter objects need Id and Attributes; at most 10 PipelineTags). " +
			"Terraform checks aws_datapipeline_pipeline_definition's blocks the same way. The stack or plan fails on these before the pipeline is ever validated. " +
			"A misspelt value property (tringValue) leaves the field out, so rules about the pipeline see it as missing. " +
			"A misspelt Terraform argument or block with a close match of its kind comes with a fix that renames it (`dplint lint --fix` applies it).",
	},
	Example: Example{Build: func() string {
		return cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, tringValue: echo hello}
`)
	}},
	Check: checkTemplateProperty,
}

func checkTemplateProperty(pass *Pass) { reportEmbeddedProblems(pass) }
