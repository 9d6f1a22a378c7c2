package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/source"
)

// InvalidValue reports values that are neither strings nor references.
var InvalidValue = &Rule{
	Meta: Meta{
		ID: "DP1003", Name: "invalid-value", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "a value is not a string, a {\"ref\": ...} reference or a list of those",
		Doc: "The AWS CLI passes numbers, booleans and other objects through as stringValue, and the SDK then refuses the call. " +
			"Quote numbers and booleans (\"maximumRetries\": \"3\"); a reference is an object with the single key \"ref\".",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg", "maximumRetries": 3}`)
	}},
	Requires: needsShape,
	Check:    checkInvalidValue,
}

func checkInvalidValue(pass *Pass) {
	for _, v := range pass.Violations() {
		if v.Class != schema.InvalidValue {
			continue
		}
		owner := pass.ownerAt(v.Node.Start)
		text, path := invalidTypeText(pass.Def, v.Node, "str")
		if isRef(v.Node) && strings.HasSuffix(path, ".stringValue") && strings.HasPrefix(path, "parameterObjects") {
			// The CLI's translator turns {"ref": x} into a refValue, which a
			// parameter attribute does not have.
			path = strings.TrimSuffix(path, ".stringValue")
			text = fmt.Sprintf("Missing required parameter in %s: \"stringValue\"\nUnknown parameter in %s: \"refValue\", must be one of: key, stringValue", path, path)
		}
		pass.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
			Message: invalidValueMessage(v), AWSText: text, AWSPath: path, AWSStage: diag.StageValidate})
	}
}

func invalidValueMessage(v schema.Violation) string {
	segs := strings.Split(strings.TrimPrefix(v.Slot.Pointer(), "/"), "/")
	found := v.Node.Describe()
	switch segs[0] {
	case "objects":
		key := quote(source.UnescapeToken(segs[len(segs)-1]))
		if len(segs) == 3 {
			if v.Node != v.Slot && strings.HasSuffix(v.Node.Pointer(), "/ref") {
				return fmt.Sprintf("the reference in %s must be an object id string; found %s", key, found)
			}
			if v.Node.Kind == source.Object {
				return fmt.Sprintf(`%s value is an object but not a reference: a reference has the single key "ref"`, key)
			}
			return fmt.Sprintf(`%s must be a string, a reference {"ref": "<id>"} or a list of those; found %s`, key, found)
		}
	case "parameters":
		if len(segs) == 3 {
			return fmt.Sprintf("parameter attribute %s must be a string or a list of strings; found %s", quote(source.UnescapeToken(segs[2])), found)
		}
	case "values":
		return fmt.Sprintf("the value of parameter %s must be a string or a list of strings; found %s", quote(source.UnescapeToken(segs[1])), found)
	}
	return fmt.Sprintf("%s must be a string; found %s", quote(source.UnescapeToken(segs[len(segs)-1])), found)
}
