package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// EmrReleaseField reports EmrCluster fields that apply only to EMR 4.0
// and later set on a cluster chosen by AMI version.
var EmrReleaseField = &Rule{
	Meta: Meta{
		ID: "DP5009", Name: "emr-release-field", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an EmrCluster that sets amiVersion and no releaseLabel (an AMI release before EMR 4.0) sets a field that applies only to EMR 4.0 and later",
		Doc: "The EmrCluster page says applications, configuration, coreGroupConfiguration, masterGroupConfiguration and " +
			"taskGroupConfiguration are \"applicable only for Amazon EMR version 4.0 and later\", and that clusters from emr-4.0.0 on are " +
			"chosen with releaseLabel while older AMI releases use amiVersion instead. A cluster with amiVersion and no releaseLabel " +
			"(own, parent's or Default's) is an AMI release, so those fields do not apply to it. The finding is placed where the " +
			"field is written, once. A cluster that sets both amiVersion and releaseLabel is DP1106's; one whose parent is not in " +
			"the definition is skipped. Whether the service refuses the definition or ignores the field is not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Cluster", "type": "EmrCluster", "terminateAfter": "1 Hour", "amiVersion": "3.11.0", "applications": ["spark"]}`,
			`{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Cluster"}}`)
	}},
	Requires: needsGraph,
	Check:    checkEmrReleaseField,
}

// releaseOnlyFields are the EmrCluster fields its page says apply only to
// EMR 4.0 and later, in the page's order.
var releaseOnlyFields = []string{"applications", "configuration", "coreGroupConfiguration", "masterGroupConfiguration", "taskGroupConfiguration"}

func checkEmrReleaseField(pass *Pass) {
	g := pass.Graph()
	reported := map[*definition.Field]bool{}
	for _, o := range g.Def.Objects {
		if g.Type(o) != "EmrCluster" || !concrete(g, o) || g.Unresolved(o) {
			continue // a missing parent may give the cluster a releaseLabel
		}
		ami, _ := g.Lookup(o, "amiVersion")
		if label, _ := g.Lookup(o, "releaseLabel"); ami == nil || label != nil {
			continue
		}
		for _, name := range releaseOnlyFields {
			f, from := g.Lookup(o, name)
			if f == nil || reported[f] {
				continue
			}
			reported[f] = true
			who := "this cluster"
			if from != o {
				who = "cluster " + quote(o.ID)
			}
			pass.Report(keyFinding(from, f, fmt.Sprintf("%s applies only to EMR 4.0 and later (releaseLabel), but %s sets 'amiVersion' and no 'releaseLabel'", quote(name), who)))
		}
	}
}
