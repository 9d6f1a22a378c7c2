package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// WrongReferenceType reports references to objects of the wrong type.
var WrongReferenceType = &Rule{
	Meta: Meta{
		ID: "DP2004", Name: "wrong-reference-type", Severity: diag.Error, Origin: diag.Service, VerifiedText: true,
		Summary: "a reference names an object of a type the field does not take",
		Doc: "The service's own words: `'schedule' values must be of type 'Schedule'. Found values of type 'Default'` " +
			"(an untyped object is of type Default). For a field that takes several types, dplint names their category; unverified.",
	},
	Example: Example{Input: `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "DefaultSchedule"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "DefaultSchedule", "type": "Default", "period": "1 Day", "startAt": "FIRST_ACTIVATION_DATE_TIME"}
]}
`},
	Requires: needsGraph,
	Check:    checkWrongReferenceType,
}

func checkWrongReferenceType(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	ty := pass.Typing()
	for _, e := range g.Edges {
		if e.To == nil {
			continue
		}
		sf := ty.field(e.From, e.Field.Key)
		if sf == nil || sf.Kind != catalog.KindRef {
			continue
		}
		found := foundTypeName(g, e.To)
		if t := g.Type(e.To); t != "" && cat.Type(t) == nil {
			continue // an unknown type: DP1101
		}
		if cat.Accepts(sf, found) {
			continue
		}
		pass.Report(valueFinding(e.From, e.Value, fmt.Sprintf("'%s' values must be of type '%s'. Found values of type '%s'", e.Field.Key, slotTypeName(cat, sf), found)))
	}
}
