package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
)

// HiveDynamoDBStaging reports a HiveActivity script that names a
// DynamoDBDataNode by its staged table variable, which it never gets.
var HiveDynamoDBStaging = &Rule{
	Meta: Meta{
		ID: "DP5012", Name: "hive-dynamodb-staging", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a HiveActivity's hiveScript uses ${inputN} or ${outputN} for a DynamoDBDataNode, which is not staged as a Hive table",
		Doc: "dp-concepts-staging.md: HiveActivity stages its S3 and MySQL inputs and outputs as Hive tables named ${input1}, " +
			"${output1}, ... (numbered in the order of the input and output fields), but \"Table staging is not supported for " +
			"DynamoDBDataNode\": the script must create the table itself and refer to the DynamoDB table as #{input.tableName} or " +
			"#{output.tableName}. The finding is placed on the hiveScript value (own or inherited). A variable the activity defines " +
			"itself in scriptVariable (input1=...) is not reported; a script in scriptUri is not read. Whether the service refuses the " +
			"definition or the script fails at run time is not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Cluster", "type": "EmrCluster", "terminateAfter": "1 Hour", "releaseLabel": "emr-5.36.0"}`,
			`{"id": "Items", "type": "DynamoDBDataNode", "tableName": "items"}`,
			`{"id": "Out", "type": "S3DataNode", "directoryPath": "s3://my-out/"}`,
			`{"id": "Export", "type": "HiveActivity", "runsOn": {"ref": "Cluster"}, "input": {"ref": "Items"}, "output": {"ref": "Out"}, "hiveScript": "INSERT OVERWRITE TABLE ${output1} SELECT * FROM ${input1};"}`)
	}},
	Requires: needsGraph,
	Check:    checkHiveDynamoDBStaging,
}

// stagedTable is a HiveActivity staged-table variable: ${input1}, ${output2}.
var stagedTable = lazyRegexp(`\$\{(input|output)(\d+)\}`)

func checkHiveDynamoDBStaging(pass *Pass) {
	g := pass.Graph()
	reported := map[*definition.Value]bool{}
	for _, o := range g.Def.Objects {
		if g.Type(o) != "HiveActivity" || !concrete(g, o) {
			continue
		}
		script, from := g.Lookup(o, "hiveScript")
		if script == nil {
			continue
		}
		for _, v := range script.Values {
			if v.Kind != definition.Str || reported[v] {
				continue
			}
			for _, m := range stagedTable().FindAllStringSubmatch(v.Text, -1) {
				n := stagedNode(g, o, m[1], m[2])
				if n == nil || g.Type(n) != "DynamoDBDataNode" || definesVariable(g, o, m[1]+m[2]) {
					continue
				}
				reported[v] = true
				pass.Report(valueFinding(from, v, fmt.Sprintf("'hiveScript' uses %s, but %s %s %s is a DynamoDBDataNode, which is not staged as a Hive table: "+
					"create the table in the script and name it with #{%s.tableName}", m[0], m[1], m[2], quote(n.ID), m[1])))
				break
			}
		}
	}
}

// stagedNode is the data node a staged-table variable stands for: the
// n-th value (from 1) of the activity's input or output.
func stagedNode(g *graph.Graph, o *definition.Object, key, num string) *definition.Object {
	i, err := strconv.Atoi(num)
	f, _ := g.Lookup(o, key)
	if err != nil || f == nil || i < 1 || i > len(f.Values) || f.Values[i-1].Kind != definition.Ref {
		return nil
	}
	return g.Object(f.Values[i-1].Text)
}

// definesVariable reports a scriptVariable (own or inherited) that sets
// the Hive variable name itself.
func definesVariable(g *graph.Graph, o *definition.Object, name string) bool {
	f, _ := g.Lookup(o, "scriptVariable")
	if f == nil {
		return false
	}
	for _, v := range f.Values {
		if k, _, ok := strings.Cut(v.Text, "="); ok && strings.TrimSpace(k) == name {
			return true
		}
	}
	return false
}
