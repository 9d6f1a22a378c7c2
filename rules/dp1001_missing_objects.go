package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/source"
)

// MissingObjects reports a definition without its objects list.
var MissingObjects = &Rule{
	Meta: Meta{
		ID: "DP1001", Name: "missing-objects", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "the definition has no 'objects' list",
		Doc:     "The AWS CLI refuses such a file with `Missing \"objects\" key`. Keys are case-sensitive.",
	},
	Example:  Example{Build: func() string { return "{\"Objects\": [\n  " + exampleDefault + "\n]}\n" }},
	Requires: needsShape,
	Check:    checkMissingObjects,
}

func checkMissingObjects(pass *Pass) {
	for _, v := range pass.Violations() {
		if v.Class != schema.MissingKey || v.Node.Pointer() != "" {
			continue
		}
		msg := fmt.Sprintf("the definition has no %s list", quote(v.Key))
		if near := nearKey(v.Node, v.Key); near != nil {
			msg += fmt.Sprintf(" (found %s: keys are case-sensitive)", quote(near.Key))
			pass.Report(Finding{Start: near.KeyStart, End: near.KeyEnd, Pointer: near.Value.Pointer(), Message: msg,
				AWSText: cliError(`Missing "objects" key`), AWSStage: diag.StageTranslate})
			continue
		}
		pass.Report(Finding{Start: v.Node.Start, End: v.Node.Start + 1, Message: msg,
			AWSText: cliError(`Missing "objects" key`), AWSStage: diag.StageTranslate})
	}
}

// nearKey finds a top-level key that is a misspelling of the objects list
// (case, singular, or the API form's name in the wrong case), the usual
// ways it goes missing.
func nearKey(root *source.Node, want string) *source.Member {
	for _, m := range root.Members {
		switch strings.ToLower(m.Key) {
		case "objects", "object", "pipelineobjects", "pipelineobject":
			if m.Key != want {
				return m
			}
		}
	}
	return nil
}
