package rules

import "github.com/dplint/dplint/diag"

// TemplateIntrinsic reports intrinsic functions that name what the
// template does not have.
var TemplateIntrinsic = &Rule{
	Meta: Meta{
		ID: "DP9007", Name: "template-intrinsic", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "an intrinsic function in a pipeline resource names a parameter, resource, condition or mapping the template does not have",
		Doc: "CloudFormation refuses a template whose !Ref, !GetAtt, !Sub variable, !If or !FindInMap names nothing it defines " +
			"(pseudo parameters such as AWS::Region are always there). dplint checks these inside AWS::DataPipeline::Pipeline resources only.",
	},
	Example: Example{Build: func() string {
		return cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, StringValue: !Sub "echo ${Enviroment}"}
`)
	}},
	Check: checkTemplateIntrinsic,
}

func checkTemplateIntrinsic(pass *Pass) { reportEmbeddedProblems(pass) }
