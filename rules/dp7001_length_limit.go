package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// LengthLimit reports ids, names, keys and values outside the API's lengths.
var LengthLimit = &Rule{
	Meta: Meta{
		ID: "DP7001", Name: "length-limit", Severity: diag.Error, Origin: diag.Service, Channel: diag.Exception,
		Summary: "an id, name, field name or value is empty where the API forbids it, or longer than the API allows",
		Doc: "Ids and names: 1-1,024 characters. Field names, parameter ids and references: 1-256 (field names: 256 UTF-8 bytes, dp-limits.md). " +
			"Values: at most 10,240 UTF-8 bytes. The AWS CLI refuses an empty id or key before sending; the service refuses the rest.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "` + strings.Repeat("echo hello; ", 860) + `"}`)
	}},
	Requires: needsStrings,
	Check:    checkLengthLimit,
}

func checkLengthLimit(pass *Pass) {
	d, checks := pass.Def, pass.Strings()
	for c := range checks {
		n, unit := length(c)
		path := ""
		if n < c.min || n > c.max {
			// Where the value goes in the request: costly, so only for findings.
			path = c.path(d)
		}
		switch {
		case n < c.min:
			f := Finding{Object: c.owner, Start: c.start, End: c.end, At: c.at(),
				Message: fmt.Sprintf("%s must not be empty", c.describe())}
			if path != "" {
				// botocore checks minimum lengths before sending.
				f.AWSText = fmt.Sprintf("Invalid length for parameter %s, value: 0, valid min length: %d", path, c.min)
				f.Channel, f.AWSStage, f.AWSPath = diag.Client, diag.StageValidate, path
				if strings.HasSuffix(path, ".id") && strings.HasPrefix(path, "pipelineObjects[") {
					if nameDefaults(pass.Def, c.node) {
						f.AWSText += "\n" + fmt.Sprintf("Invalid length for parameter %s.name, value: 0, valid min length: %d", strings.TrimSuffix(path, ".id"), c.min)
					}
				}
			}
			pass.Report(f)
		case n > c.max:
			f := Finding{Object: c.owner, Start: c.start, End: c.end, At: c.at(),
				Message: fmt.Sprintf("%s is %d %s long; the limit is %d", c.describe(), n, unit, c.max)}
			if path != "" {
				f.AWSText = validationPrefix + fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", coralPath(path), c.max)
			} else {
				f.AWSText = exceptionPrefix + f.Message
			}
			pass.Report(f)
		}
	}
}

// nameDefaults reports whether the object whose id node is given has no
// name of its own in the CLI form, so the AWS CLI sends the id as its name.
func nameDefaults(d *definition.Definition, id *source.Node) bool {
	if d.Form != definition.CLI {
		return false
	}
	for _, o := range d.Objects {
		if o.IDNode == id {
			return o.NameNode == nil
		}
	}
	return false
}

func length(c *limitCheck) (int, string) {
	if c.bytes {
		return len(c.text), "bytes"
	}
	return utf8.RuneCountInString(c.text), "characters"
}
