package rules

// Suppression inside a definition: a user-defined field on an object
// names the rules that object is excused from.

import (
	"strings"

	"github.com/dplint/dplint/definition"
)

// IgnoreField is the user-defined field that suppresses rules for its
// object: "myDplintIgnore": "DP2003 unknown-field reason…". A my… field, so
// the service keeps it and ignores its value.
const IgnoreField = "myDplintIgnore"

var ruleIDPattern = lazyRegexp(`^DP\d{4}$`)

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
			} else if ruleIDPattern().MatchString(tok) {
				unknown = append(unknown, v)
			} else {
				break // the reason starts here
			}
		}
	}
	return ids, unknown
}
