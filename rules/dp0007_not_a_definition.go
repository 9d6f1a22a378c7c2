package rules

import "github.com/dplint/dplint/diag"

// NotADefinition reports, under lint --strict, a file the user named that
// holds no pipeline: by default such files are skipped without a word, so
// that a hook can run on every JSON or YAML file of a repository, but a CI
// step that names its pipelines wants to know when one of them is not.
var NotADefinition = &Rule{
	Meta: Meta{
		ID: "DP0007", Name: "not-a-definition", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "with --strict, a file named on the command line holds no pipeline definition",
		Doc: "Without --strict (or strict: true in .dplint.yaml) such a file is skipped silently, as files walked in a directory always are. " +
			"A definition has \"objects\" or \"pipelineObjects\"; a parameters/values file, a CloudFormation template with an " +
			"AWS::DataPipeline::Pipeline or a Terraform file with an aws_datapipeline_pipeline_definition also count.",
	},
	Example:           Example{Build: func() string { return `{"name": "not a pipeline"}` + "\n" }},
	ForNonDefinitions: true,
	Check:             checkNotADefinition,
}

func checkNotADefinition(pass *Pass) {
	if !pass.Options.NotADefinition {
		return
	}
	end := 0
	if len(pass.File.Content) > 0 {
		end = 1
	}
	pass.Report(Finding{Start: 0, End: end,
		Message: "not a pipeline definition: no objects or pipelineObjects, no parameters or values, no pipeline resource (--strict)"})
}
