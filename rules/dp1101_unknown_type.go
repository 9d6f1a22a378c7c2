package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
)

// UnknownType reports a type the service does not know.
var UnknownType = &Rule{
	Meta: Meta{
		ID: "DP1101", Name: "unknown-type", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object's 'type' is not a Data Pipeline object type",
		Doc: "Types are case-sensitive: Ec2Resource, not EC2Resource. `dplint explain` lists them. " +
			"When one type is close, the finding offers a fix that writes it (`dplint lint --fix` applies it).",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivty", "command": "echo hello", "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkUnknownType,
}

func checkUnknownType(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	for _, o := range g.Def.Objects {
		f := o.Field("type")
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Str {
			continue
		}
		v := f.Values[0]
		if opaque(v.Text) || cat.Type(v.Text) != nil {
			continue
		}
		best := suggestpkg.Closest(v.Text, typeNames(cat))
		fd := valueFinding(o, v, fmt.Sprintf("unknown object type %s%s", quote(v.Text), didYouMean(best)))
		fd.Fix = pass.nameFix(v.Node, v.Text, best, "correct the type")
		pass.Report(fd)
	}
}
