package rules

import "github.com/dplint/dplint/diag"

// TemplateDeployTime notes the parts of a pipeline built at deploy or
// plan time.
var TemplateDeployTime = &Rule{
	Meta: Meta{
		ID: "DP9006", Name: "template-deploy-time", Severity: diag.Info, Origin: diag.Lint, Channel: diag.None,
		Summary: "part of the pipeline (a list, an object, a Terraform dynamic block) is built at deploy or plan time and is not checked",
		Doc: "An intrinsic function in place of PipelineObjects or one of its entries (!If, !FindInMap), or a Terraform dynamic block, builds objects " +
			"dplint cannot see. They are left out, and checks that need every object (references to ids not found, unused objects) stay quiet for the pipeline.",
	},
	Example: Example{Input: "Conditions:\n  Prod: !Equals [!Ref \"AWS::Region\", us-east-1]\n" + cfnExample("", `        - !If
          - Prod
          - Id: Hello
            Name: Hello
            Fields:
              - {Key: type, StringValue: ShellCommandActivity}
              - {Key: command, StringValue: echo hello}
          - !Ref AWS::NoValue
`)},
	Check: checkTemplateDeployTime,
}

func checkTemplateDeployTime(pass *Pass) { reportEmbeddedProblems(pass) }
