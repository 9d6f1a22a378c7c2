package rules

// Suppression inside a definition: a user-defined field on an object
// names the rules that object is excused from.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// IgnoreField is the user-defined field that suppresses rules for its
// object: "myDplintIgnore": "DP2003 unknown-field reason…". A my… field, so
// the service keeps it and ignores its value.
const IgnoreField = "myDplintIgnore"

var ruleIDPattern = regexp.MustCompile(`^DP\d{4}$`)

// Suppressed returns the rule ids an object suppresses, and the values
// holding ids that name no rule. The value lists rule ids (DP2001) or
// names (missing-reference), separated by spaces or commas; the first
// word that is neither starts the reason.
func Suppressed(o *definition.Object) (ids []string, unknown []*definition.Value) {
	f := o.Field(IgnoreField)
	if f == nil {
		return nil, nil
	}
	for _, v := range f.Values {
		if v.Kind != definition.Str {
			continue
		}
		for _, tok := range strings.Fields(strings.ReplaceAll(v.Text, ",", " ")) {
			if r := Lookup(tok); r != nil {
				ids = append(ids, r.ID)
			} else if ruleIDPattern.MatchString(tok) {
				unknown = append(unknown, v)
			} else {
				break // the reason starts here
			}
		}
	}
	return ids, unknown
}

// Unsuppressible rules can never be turned off inside a definition: a
// file that is not JSON cannot be trusted to say what to ignore.
var Unsuppressible = map[string]bool{"DP0001": true}

// UnknownSuppression warns about rule ids in myDplintIgnore that name no rule.
var UnknownSuppression = simpleRule(&Rule{
	ID: "DP0006", Name: "unknown-suppression", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
	Summary: "'myDplintIgnore' names a rule id that does not exist",
	Doc: "An object's \"myDplintIgnore\" field lists the rules (ids such as DP2001, or names such as missing-reference) " +
		"that dplint does not report for that object, then the reason. Syntax errors (DP0001) are never suppressed.",
}, func(rep Reporter, d *definition.Definition) {
	for _, o := range d.Objects {
		_, unknown := Suppressed(o)
		for _, v := range unknown {
			var bad []string
			for _, tok := range strings.Fields(strings.ReplaceAll(v.Text, ",", " ")) {
				if Lookup(tok) == nil && !ruleIDPattern.MatchString(tok) {
					break
				}
				if Lookup(tok) == nil {
					bad = append(bad, quote(tok))
				}
			}
			rep.Report(valueFinding(o, v, fmt.Sprintf("%s names no rule: %s (see `dplint rules`)", quote(IgnoreField), strings.Join(bad, ", "))))
		}
	}
})
