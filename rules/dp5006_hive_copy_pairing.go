package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// HiveCopyPairing checks HiveCopyActivity's input/output combinations.
var HiveCopyPairing = &Rule{
	Meta: Meta{
		ID: "DP5006", Name: "hive-copy-pairing", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a HiveCopyActivity copies S3 to S3, or uses a DynamoDBDataNode without a DynamoDBExportDataFormat",
		Doc: "The HiveCopyActivity page: with an S3DataNode input the output must be a DynamoDBDataNode, and a DynamoDBDataNode " +
			"input or output needs a DynamoDBExportDataFormat. Whether the service checks this before running is not known.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Cluster", "type": "EmrCluster", "terminateAfter": "1 Hour"}`,
			`{"id": "In", "type": "S3DataNode", "directoryPath": "s3://my-in/"}`, `{"id": "Out", "type": "S3DataNode", "directoryPath": "s3://my-out/"}`,
			`{"id": "Copy", "type": "HiveCopyActivity", "runsOn": {"ref": "Cluster"}, "input": {"ref": "In"}, "output": {"ref": "Out"}}`)
	}},
	Requires: needsGraph,
	Check:    checkHiveCopyPairing,
}

func checkHiveCopyPairing(pass *Pass) {
	g := pass.Graph()
	target := func(o *definition.Object, key string) (*definition.Object, *definition.Value) {
		f, _ := g.Lookup(o, key)
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Ref {
			return nil, nil
		}
		return g.Object(f.Values[0].Text), f.Values[0]
	}
	for _, o := range g.Def.Objects {
		if g.Type(o) != "HiveCopyActivity" || !concrete(g, o) {
			continue
		}
		in, _ := target(o, "input")
		out, outVal := target(o, "output")
		if in != nil && out != nil && g.Type(in) == "S3DataNode" && g.Type(out) == "S3DataNode" && outVal != nil {
			pass.Report(valueFinding(o, outVal, "with an S3DataNode input, 'output' must be a DynamoDBDataNode"))
		}
		for _, key := range []string{"input", "output"} {
			n, v := target(o, key)
			if n == nil || g.Type(n) != "DynamoDBDataNode" {
				continue
			}
			df, _ := target(n, "dataFormat")
			if df == nil || g.Type(df) != "DynamoDBExportDataFormat" {
				pass.Report(valueFinding(o, v, fmt.Sprintf("%s %s is a DynamoDBDataNode: HiveCopyActivity needs it to have a DynamoDBExportDataFormat 'dataFormat'", quote(key), quote(n.ID))))
			}
		}
	}
}
