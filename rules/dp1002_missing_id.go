package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/schema"
)

// MissingID reports objects and parameters without an id.
var MissingID = &Rule{
	Meta: Meta{
		ID: "DP1002", Name: "missing-id", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "an object, parameter or parameter value has no 'id'",
		Doc:     "Every object and parameter needs an id; the AWS CLI refuses the file with `Missing \"id\" key of element`.",
	},
	Example: Example{Build: func() string {
		return example(`{"type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg"}`)
	}},
	Requires: needsShape,
	Check:    checkMissingID,
}

func checkMissingID(pass *Pass) {
	for _, v := range pass.Violations() {
		if v.Class != schema.MissingKey || v.Key != "id" {
			continue
		}
		f := Finding{Start: v.Node.Start, End: v.Node.Start + 1, Pointer: v.Node.Pointer(),
			Message: elementKind(v.Node.Pointer()) + " has no 'id'", AWSPath: botoPath(v.Node.Pointer())}
		cliForm := pass.Def.Form == definition.CLI || pass.Def.Form == definition.Companion
		switch {
		case cliForm && strings.HasPrefix(v.Node.Pointer(), "/objects/"):
			f.AWSText, f.AWSStage = cliError(`Missing "id" key of element: `+pyjson.Dumps(v.Node)), diag.StageTranslate
		case cliForm && strings.HasPrefix(v.Node.Pointer(), "/parameters/"):
			f.AWSText, f.AWSStage = cliError(`Missing "id" key of parameter: `+pyjson.Dumps(v.Node)), diag.StageTranslate
		default:
			f.AWSText, f.AWSStage = fmt.Sprintf(`Missing required parameter in %s: "id"`, botoPath(v.Node.Pointer())), diag.StageValidate
		}
		pass.Report(f)
	}
}
