package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// TooManyObjects reports definitions over the objects-per-pipeline limit.
var TooManyObjects = &Rule{
	Meta: Meta{
		ID: "DP7005", Name: "too-many-objects", Severity: diag.Error, Origin: diag.Service, Channel: diag.Exception,
		Summary: "the definition has more objects than the account's limit (100 by default, adjustable; see --max-objects)",
		Doc: "The service answers with an InvalidRequestException, \"Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline\". " +
			"100 is the default; AWS raises it on request. If your account's limit is higher, pass --max-objects.",
	},
	Example: Example{Build: func() string { return manyObjects(100) }},
	Check:   checkTooManyObjects,
}

func checkTooManyObjects(pass *Pass) {
	d := pass.Def
	limit := pass.Options.MaxObjects
	if limit <= 0 {
		limit = DefaultMaxObjects
	}
	if len(d.Objects) <= limit || d.ObjectsKey == nil {
		return
	}
	k := d.ObjectsKey
	adjust := "the default limit, adjustable on request: if your account's limit is higher, pass --max-objects"
	if limit != DefaultMaxObjects {
		adjust = "the limit set with --max-objects"
	}
	pass.Report(Finding{Start: k.KeyStart, End: k.KeyEnd, Pointer: k.Value.Pointer(),
		Message: fmt.Sprintf("Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline (%d objects; %d is %s)",
			len(d.Objects), limit, adjust),
		AWSText: "An error occurred (InvalidRequestException) when calling the ValidatePipelineDefinition operation: " +
			"Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline"})
}
