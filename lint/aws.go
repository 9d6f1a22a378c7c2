package lint

import (
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/rules"
)

// AWSOutcome says what the AWS CLI would print instead of a
// ValidatePipelineDefinition response, if anything: refusal is its error
// for a file it will not send, exception the service's exception line.
//
// The CLI works in stages and stops at the first that fails: Python's
// json.loads (the first syntax problem in the file), then its translator
// (a missing "objects" list, then the first object or parameter without an
// id), then botocore's parameter validation (every wrong type and missing
// member at once, under "Parameter validation failed:").
func AWSOutcome(ds []diag.Diagnostic) (refusal, exception string) {
	text := func(d diag.Diagnostic) string {
		if d.AWSText != "" {
			return d.AWSText
		}
		return d.Message
	}
	var validation []string
	var translator *diag.Diagnostic
	for i, d := range ds {
		switch d.Channel {
		case diag.Client:
			switch {
			case strings.HasPrefix(d.RuleID, "DP0"):
				if refusal == "" {
					refusal = text(d) // ds is in file order: the first is where Python stops
				}
			case d.RuleID == rules.MissingObjects.ID:
				translator = &ds[i]
			case d.RuleID == rules.MissingID.ID:
				if translator == nil {
					translator = &ds[i]
				}
			default:
				validation = append(validation, text(d))
			}
		case diag.Exception:
			if exception == "" {
				exception = text(d)
			}
		}
	}
	switch {
	case refusal != "":
	case translator != nil:
		refusal = text(*translator)
	case len(validation) > 0:
		refusal = "Parameter validation failed:\n" + strings.Join(validation, "\n")
	}
	return refusal, exception
}
