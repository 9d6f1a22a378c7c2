package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
)

// UnknownSuppression warns about rule ids in myDplintIgnore that name no rule.
var UnknownSuppression = &Rule{
	Meta: Meta{
		ID: "DP0006", Name: "unknown-suppression", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		// It reports mistakes in myDplintIgnore itself.
		InlineUnsuppressible: true,
		Summary:              "'myDplintIgnore' names a rule id that does not exist",
		Doc: "An object's \"myDplintIgnore\" field lists the rules (ids such as DP2001, or names such as missing-reference) " +
			"that dplint does not report for that object, then the reason. Syntax errors (DP0001) are never suppressed.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "dependsOn": {"ref": "Elsewhere"}, "myDplintIgnore": "DP2010 defined in another file"}`)
	}},
	Check: checkUnknownSuppression,
}

func checkUnknownSuppression(pass *Pass) {
	d := pass.Def
	for _, o := range d.Objects {
		_, unknown := Suppressed(o)
		for _, v := range unknown {
			var bad []string
			for _, tok := range strings.Fields(strings.ReplaceAll(v.Text, ",", " ")) {
				if Lookup(tok) == nil && !ruleIDPattern().MatchString(tok) {
					break
				}
				if Lookup(tok) == nil {
					bad = append(bad, quote(tok))
				}
			}
			pass.Report(valueFinding(o, v, fmt.Sprintf("%s names no rule: %s (see `dplint rules`)", quote(IgnoreField), strings.Join(bad, ", "))))
		}
	}
}
