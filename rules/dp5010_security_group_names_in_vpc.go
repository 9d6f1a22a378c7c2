package rules

import (
	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// SecurityGroupNamesInVPC warns where an Ec2Resource launched into a
// subnet names its security groups instead of giving their ids.
var SecurityGroupNamesInVPC = &Rule{
	Meta: Meta{
		ID: "DP5010", Name: "security-group-names-in-vpc", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an Ec2Resource with a subnetId gives its security groups by name (securityGroups), which a nondefault VPC does not accept",
		Doc: "dp-concepts-resources.md and dp-resources-vpc.md: in a nondefault VPC you must give an instance's security groups by " +
			"their IDs, not their names, which on Ec2Resource means securityGroupIds rather than securityGroups. A subnetId puts " +
			"the instance in a VPC; whether that VPC is the account's default one is known only in the account, so this is a warning " +
			"and not an error: in a default VPC names still work. Both fields count when inherited; the finding is placed once, on " +
			"securityGroups where it is written. The values are not read, since names are names whatever they say.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "subnetId": "subnet-12345678", "securityGroups": ["my-group"]}`, exHello)
	}},
	Requires: needsGraph,
	Check:    checkSecurityGroupNamesInVPC,
}

func checkSecurityGroupNamesInVPC(pass *Pass) {
	g := pass.Graph()
	reported := map[*definition.Field]bool{}
	for _, o := range g.Def.Objects {
		if g.Type(o) != "Ec2Resource" || !concrete(g, o) {
			continue
		}
		names, from := g.Lookup(o, "securityGroups")
		subnet, _ := g.Lookup(o, "subnetId")
		if names == nil || len(names.Values) == 0 || subnet == nil || reported[names] {
			continue
		}
		reported[names] = true
		pass.Report(keyFinding(from, names, "'securityGroups' names security groups and 'subnetId' is set: in a nondefault VPC "+
			"security groups must be given by id, in 'securityGroupIds' (whether this VPC is the default one is known only in the account)"))
	}
}
