package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
)

// ParameterInScriptURI reports parameters in scriptUri.
var ParameterInScriptURI = &Rule{
	Meta: Meta{
		ID: "DP3007", Name: "parameter-in-script-uri", Severity: diag.Info, Origin: diag.Lint, Channel: diag.None,
		Summary: "a shell command's 'scriptUri' uses a parameter, which the guide's wording seems to rule out",
		Doc: "ShellCommandActivity and ShellCommandPrecondition pages: scriptUri \"cannot use parameters\". Most likely the sentence " +
			"is about passing positional arguments to the script (scriptArgument is for that), not #{...} in the path: " +
			"AWS's own samples put a parameter there (HadoopTerasort) and nothing shows the service refusing it. " +
			"So this is information, not a warning.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `, ` + exWorker + `, {"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "scriptUri": "#{myScripts}/run.sh"}], "parameters": [{"id": "myScripts", "type": "AWS::S3::ObjectKey"}], "values": {"myScripts": "s3://my-scripts"}}` + "\n"
	}},
	Requires: needsExprs,
	Check:    checkParameterInScriptURI,
}

func checkParameterInScriptURI(pass *Pass) {
	uses, g := pass.Exprs(), pass.Graph()
	declared := map[string]bool{}
	for _, p := range g.Def.Parameters {
		declared[p.ID], declared[strings.TrimPrefix(p.ID, "*")] = true, true
	}
	for _, v := range g.Def.Values {
		declared[v.ID] = true
	}
	for _, u := range uses {
		if t := g.Type(u.Object); u.Field.Key != "scriptUri" || (t != "ShellCommandActivity" && t != "ShellCommandPrecondition") {
			continue
		}
		for _, seg := range u.Template.Segments {
			expr.Walk(seg.Expr, func(n expr.Node) {
				name, ok := n.(*expr.Name)
				if !ok {
					return
				}
				first := name.Parts[0].Text
				if declared[first] || (strings.HasPrefix(first, "my") && len(name.Parts) == 1) || strings.HasPrefix(first, "*my") {
					p := name.Parts[0]
					pass.Report(u.at(p.Start, p.End, fmt.Sprintf("'scriptUri' cannot use parameters (%s); put the script's location in 'command' instead", quote(first))))
				}
			})
		}
	}
}
