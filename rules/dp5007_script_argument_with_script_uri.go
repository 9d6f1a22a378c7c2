package rules

import "github.com/dplint/dplint/diag"

// ScriptArgumentWithScriptURI warns where a ShellCommandActivity passes
// scriptArgument to a scriptUri, which its page calls an error.
var ScriptArgumentWithScriptURI = &Rule{
	Meta: Meta{
		ID: "DP5007", Name: "script-argument-with-script-uri", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a ShellCommandActivity sets scriptArgument with scriptUri, which its page says causes an error",
		Doc: "The ShellCommandActivity page says scriptArgument can only be used with command and that using it with scriptUri " +
			"causes an error. Real definitions do it, AWS's own samples among them (kinesis-to-s3, HadoopTerasort, python-template), " +
			"and pass the arguments to the script, so this is a warning and not an error: pass the script's arguments in " +
			"'command' (for example `aws s3 cp` the script, then run it with $1 $2) to follow the guide.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "scriptUri": "s3://my-scripts/run.sh", "scriptArgument": ["a"], "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkScriptArgumentWithScriptURI,
}

func checkScriptArgumentWithScriptURI(pass *Pass) {
	g := pass.Graph()
	for _, o := range g.Def.Objects {
		if g.Type(o) != "ShellCommandActivity" || !concrete(g, o) {
			continue
		}
		arg, argFrom := g.Lookup(o, "scriptArgument")
		uri, uriFrom := g.Lookup(o, "scriptUri")
		if arg == nil || uri == nil || argFrom != o && uriFrom != o {
			continue // both inherited: reported on the object that writes them, if it is checked
		}
		at := arg
		if argFrom != o {
			at = uri
		}
		pass.Report(keyFinding(o, at, scriptArgumentQuote))
	}
}

// scriptArgumentQuote quotes the page, since the warning rests on its words.
const scriptArgumentQuote = "'scriptArgument' is set with 'scriptUri'; the ShellCommandActivity page says: " +
	"\"The scriptArgument can only be used with command; Using it with scriptUri causes an error.\""
