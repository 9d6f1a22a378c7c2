package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
)

// FieldNotAllowed reports a field an object page lists only to say it is
// not allowed on that object (runsOn and workerGroup on a resource).
var FieldNotAllowed = &Rule{
	Meta: Meta{
		ID: "DP1110", Name: "field-not-allowed", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a field the object's page marks as not allowed on this object is set on it",
		Doc: "The Ec2Resource and EmrCluster pages list runsOn and workerGroup with \"This field is not allowed on this object\". " +
			"Only a value written on the object itself is reported: the guide puts workerGroup on Default, which resources inherit too. " +
			"Whether the service refuses the definition is not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "workerGroup": "my-workers"}`)
	}},
	Requires: needsGraph,
	Check:    checkFieldNotAllowed,
}

func checkFieldNotAllowed(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	for _, o := range g.Def.Objects {
		t := ty.objectType(o)
		if t == nil || t.Name == "Default" {
			continue
		}
		for _, f := range o.Fields {
			if sf := t.Field(f.Key); sf != nil && sf.NotAllowed {
				pass.Report(keyFinding(o, f, fmt.Sprintf("%s is not allowed on %s", quote(f.Key), t.Name)))
			}
		}
	}
}
