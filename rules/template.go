package rules

// Area 9: pipelines inside CloudFormation templates and Terraform
// configurations. The readers (cfn, terraform) find what is wrong with the
// resource in its own format's terms; these rules report it. Everything
// else about such a pipeline is checked by the other rules, on the API form
// built from the resource.

import (
	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/diag"
)

// templateRule builds a rule that reports the embedded reader's problems
// filed under its id.
func templateRule(r *Rule) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			e := rep.in.Def.Embedded
			if e == nil {
				return nil, nil
			}
			for _, p := range e.Problems {
				if p.Rule != r.ID {
					continue
				}
				fd := Finding{Object: p.Object, Start: p.Start, End: p.End, Message: p.Message}
				if n := rep.in.nodeAt(p.Start); n != nil {
					fd.Pointer = n.Pointer()
				}
				if r.Channel == diag.Client {
					// Nothing is deployed from a file that cannot be read:
					// --format aws prints this instead of a response.
					fd.AWSStage = diag.StageJSON
				}
				if p.Fix != nil {
					fd.Fix = &Fix{Message: p.Fix.Message, Start: p.Start, End: p.End, NewText: p.Fix.NewText}
				}
				rep.Report(fd)
			}
			return nil, nil
		},
	}
	return register(r)
}

var (
	// TemplateUnreadable reports a template or configuration that cannot
	// be parsed.
	TemplateUnreadable = templateRule(&Rule{
		ID: "DP9001", Name: "template-unreadable", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "a CloudFormation template (YAML) or Terraform file that names a pipeline resource cannot be parsed",
		Doc: "The file names AWS::DataPipeline::Pipeline or aws_datapipeline_pipeline_definition but is not valid YAML or HCL, " +
			"so no pipeline in it can be checked. A JSON template with a syntax error is reported by the JSON rules (DP0001).",
	})

	// TemplateProperty reports the resource's own shape.
	TemplateProperty = templateRule(&Rule{
		ID: "DP9002", Name: "template-property", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a pipeline resource has an unknown (misspelt) property or argument, lacks a required one, or has one of the wrong type",
		Doc: "CloudFormation checks AWS::DataPipeline::Pipeline against its resource schema (Name required; every pipeline object needs Id, Name and Fields; " +
			"a field needs Key and one of StringValue or RefValue; parameter objects need Id and Attributes; at most 10 PipelineTags). " +
			"Terraform checks aws_datapipeline_pipeline_definition's blocks the same way. The stack or plan fails on these before the pipeline is ever validated. " +
			"A misspelt value property (tringValue) leaves the field out, so rules about the pipeline see it as missing.",
	})

	// TemplateStringType reports a number or boolean where a string is
	// wanted.
	TemplateStringType = templateRule(&Rule{
		ID: "DP9003", Name: "template-string-type", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a YAML or JSON number or boolean stands where CloudFormation wants a string (StringValue: 5): quote it",
		Doc: "CloudFormation's resource schema types Id, Name, Key, StringValue and RefValue as strings. A YAML plain scalar such as 5, 1.10, 0755 or true " +
			"is a number or boolean, and what reaches the pipeline is its converted text (1.10 becomes 1.1), not what was written. " +
			"dplint checks the text as written and offers a fix that quotes it.",
	})

	// TemplateRefValue reports a RefValue the template builds at deploy
	// time.
	TemplateRefValue = templateRule(&Rule{
		ID: "DP9004", Name: "template-ref-value", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a RefValue (ref_value) is an intrinsic function or interpolation known only at deploy time, so the reference cannot be checked",
		Doc: "A reference names the id of another object of the same pipeline; ids are written in the template, so a reference should be too. " +
			"A !Ref to a template parameter with a Default is resolved and checked; anything else (!GetAtt, !ImportValue, var.x) is not, and " +
			"checks that follow references stay quiet for the pipeline. A #{...} expression in a reference is DP3004.",
	})

	// TemplateActivate reports an Activate that is not a boolean.
	TemplateActivate = templateRule(&Rule{
		ID: "DP9005", Name: "activate-not-boolean", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a pipeline resource's Activate is neither true nor false",
		Doc:     "Activate is a boolean in CloudFormation's resource schema; the strings \"true\" and \"false\" are converted, anything else fails the stack.",
	})

	// TemplateDeployTime notes the parts of a pipeline built at deploy or
	// plan time.
	TemplateDeployTime = templateRule(&Rule{
		ID: "DP9006", Name: "template-deploy-time", Severity: diag.Info, Origin: diag.Lint, Channel: diag.None,
		Summary: "part of the pipeline (a list, an object, a Terraform dynamic block) is built at deploy or plan time and is not checked",
		Doc: "An intrinsic function in place of PipelineObjects or one of its entries (!If, !FindInMap), or a Terraform dynamic block, builds objects " +
			"dplint cannot see. They are left out, and checks that need every object (references to ids not found, unused objects) stay quiet for the pipeline.",
	})
)

// TemplateIntrinsic reports intrinsic functions that name what the
// template does not have.
var TemplateIntrinsic = templateRule(&Rule{
	ID: "DP9007", Name: "template-intrinsic", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
	Summary: "an intrinsic function in a pipeline resource names a parameter, resource, condition or mapping the template does not have",
	Doc: "CloudFormation refuses a template whose !Ref, !GetAtt, !Sub variable, !If or !FindInMap names nothing it defines " +
		"(pseudo parameters such as AWS::Region are always there). dplint checks these inside AWS::DataPipeline::Pipeline resources only.",
})
