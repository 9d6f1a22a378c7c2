package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// EmptyValue reports fields whose value is the empty string.
var EmptyValue = &Rule{
	Meta: Meta{
		ID: "DP1006", Name: "empty-value", Severity: diag.Error, Origin: diag.Service,
		Summary: "a field's string or reference value is empty",
		Doc: "PutPipelineDefinition refuses a definition with an empty field value as a FATAL error " +
			"(\"Could not save the pipeline definition due to FATAL errors\"). Remove the field or give it a value.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "workerGroup": ""}`)
	}},
	Check: checkEmptyValue,
}

func checkEmptyValue(pass *Pass) {
	d := pass.Def
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Text != "" || v.Kind == definition.Invalid {
					continue
				}
				fd := Finding{Object: o.ID, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
					Message: fmt.Sprintf("%s has an empty value", quote(f.Key))}
				if v.Kind == definition.Ref {
					// refValue has a minimum length of 1 in the API model,
					// which botocore checks before sending.
					fd.Message = fmt.Sprintf("%s has an empty reference", quote(f.Key))
					if path := requestPath(pass.Def, v.Node); path != "" {
						fd.Channel, fd.AWSStage, fd.AWSPath = diag.Client, diag.StageValidate, path
						fd.AWSText = fmt.Sprintf("Invalid length for parameter %s, value: 0, valid min length: 1", path)
					}
				}
				pass.Report(fd)
			}
		}
	}
}
