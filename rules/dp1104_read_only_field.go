package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
)

// ReadOnlyField reports runtime and system fields set in a definition.
var ReadOnlyField = &Rule{
	Meta: Meta{
		ID: "DP1104", Name: "read-only-field", Severity: diag.Error, Origin: diag.Service,
		Summary: "a runtime or system field (set by the service, such as '@status' or '@pipelineId') is set in the definition",
		Doc:     "Runtime and system fields are the service's to set while the pipeline runs; a definition cannot give them.",
	},
	Example: Example{Build: func() string {
		return example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "@status": "RUNNING"}`)
	}},
	Requires: needsGraph,
	Check:    checkReadOnlyField,
}

func checkReadOnlyField(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	ty := pass.Typing()
	for _, o := range g.Def.Objects {
		for _, f := range o.Fields {
			sf := ty.field(o, f.Key)
			if sf == nil && strings.HasPrefix(f.Key, "@") {
				sf = anyField(cat, f.Key)
			}
			if sf != nil && sf.ReadOnly() {
				what := "a runtime field"
				if sf.System {
					what = "a system field"
				}
				pass.Report(keyFinding(o, f, fmt.Sprintf("%s is %s that the service sets; it cannot be set in a definition", quote(f.Key), what)))
			} else if sf == nil && strings.HasPrefix(f.Key, "@") {
				pass.Report(keyFinding(o, f, fmt.Sprintf("%s: fields starting with '@' are set by the service; it cannot be set in a definition", quote(f.Key))))
			}
		}
	}
}
