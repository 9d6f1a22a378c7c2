package rules

import "github.com/dplint/dplint/diag"

// TemplateDeployTime notes the parts of a pipeline built at deploy or
// plan time.
var TemplateDeployTime = &Rule{
	Meta: Meta{
		ID: "DP9006", Name: "template-deploy-time", Severity: diag.Info, Origin: diag.Lint, Channel: diag.None,
		Summary: "part of the pipeline (a list, an object, a Terraform dynamic block) is built at deploy or plan time and is not checked",
		Doc: "An intrinsic function in place of PipelineObjects or one of its entries (!FindInMap, !GetAtt), or a Terraform dynamic block, builds objects " +
			"dplint cannot see. They are left out, and checks that need every object (references to ids not found, unused objects) stay quiet for the pipeline. " +
			"An !If is not among them: a condition the parameters' defaults settle is taken, and one left to the deploy is checked on each branch " +
			"(docs/cloudformation-terraform.md), up to 6 such conditions per pipeline; past that, the !If entries are reported here.",
	},
	Example: Example{Build: func() string {
		return "Mappings:\n  Steps:\n    us-east-1: {Id: Hello, Name: Hello}\n" + cfnExample("", "        - !FindInMap [Steps, !Ref \"AWS::Region\", Hello]\n")
	}},
	Check: checkTemplateDeployTime,
}

func checkTemplateDeployTime(pass *Pass) { reportEmbeddedProblems(pass) }
