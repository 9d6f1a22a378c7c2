package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
)

// S3DataNodeUse reports S3DataNode settings that the activity using the
// node does not support, as the S3DataNode page states them.
var S3DataNodeUse = &Rule{
	Meta: Meta{
		ID: "DP5011", Name: "s3-data-node-use", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an S3DataNode sets manifestFilePath but no RedshiftCopyActivity uses it, or is the input of a CopyActivity with a dataFormat other than CSV or TSV",
		Doc: "The S3DataNode page: manifestFilePath \"is valid only when a RedShiftCopyActivity references the S3DataNode\", and " +
			"\"When you use an S3DataNode as input to CopyActivity, only the CSV and TSV data formats are supported\". The first is " +
			"reported on manifestFilePath when every object that refers to the node is typed and none is a RedshiftCopyActivity (a node " +
			"no one refers to is DP2006's; one used through an untyped template, or in a definition that is only partly known, is " +
			"skipped). The second is reported on the CopyActivity's input, when the node's dataFormat (own or inherited) names an " +
			"object of another known type. Whether the service refuses the definition or ignores the setting is not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return example(exWorker,
			`{"id": "Lines", "type": "RegEx", "inputRegEx": "(.*)", "outputFormat": "%1$s"}`,
			`{"id": "In", "type": "S3DataNode", "directoryPath": "s3://my-in/", "dataFormat": {"ref": "Lines"}}`,
			`{"id": "Out", "type": "S3DataNode", "directoryPath": "s3://my-out/"}`,
			`{"id": "Copy", "type": "CopyActivity", "input": {"ref": "In"}, "output": {"ref": "Out"}, "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkS3DataNodeUse,
}

func checkS3DataNodeUse(pass *Pass) {
	g := pass.Graph()
	if !incomplete(g.Def) {
		reportStrayManifests(pass, g)
	}
	reported := map[*definition.Value]bool{}
	for _, o := range g.Def.Objects {
		if g.Type(o) != "CopyActivity" || !concrete(g, o) {
			continue
		}
		in, from := g.Lookup(o, "input")
		if in == nil {
			continue
		}
		for _, v := range in.Values {
			n := g.Object(v.Text)
			if v.Kind != definition.Ref || n == nil || g.Type(n) != "S3DataNode" || reported[v] {
				continue
			}
			df, _ := g.Lookup(n, "dataFormat")
			if df == nil || len(df.Values) == 0 || df.Values[0].Kind != definition.Ref {
				continue
			}
			format := g.Object(df.Values[0].Text)
			if format == nil {
				continue
			}
			if t := g.Type(format); t != "" && t != "CSV" && t != "TSV" {
				reported[v] = true
				fd := valueFinding(from, v, fmt.Sprintf("input %s of a CopyActivity has a %s dataFormat: CopyActivity reads only CSV and TSV from an S3DataNode", quote(n.ID), t))
				fd.Related = append(fd.Related, pass.Related(df.Values[0].Node.Start, df.Values[0].Node.End, fmt.Sprintf("the dataFormat of %s", quote(n.ID))))
				pass.Report(fd)
			}
		}
	}
}

// reportStrayManifests reports manifestFilePath on S3DataNodes that only
// objects other than a RedshiftCopyActivity refer to.
func reportStrayManifests(pass *Pass, g *graph.Graph) {
	reported := map[*definition.Field]bool{}
	for _, n := range g.Def.Objects {
		if g.Type(n) != "S3DataNode" || !concrete(g, n) || g.UsedAsParent(n) || g.Unresolved(n) {
			continue
		}
		f, from := g.Lookup(n, "manifestFilePath")
		if f == nil || reported[f] {
			continue
		}
		users, sure := 0, true
		for _, e := range g.In(n) {
			if e.Field.Key == "parent" {
				continue
			}
			users++
			switch t := g.Type(e.From); {
			case t == "" || g.Unresolved(e.From):
				sure = false
			case t == "RedshiftCopyActivity":
				sure = false // used as the page asks
			}
		}
		if users == 0 || !sure {
			continue
		}
		reported[f] = true
		pass.Report(keyFinding(from, f, fmt.Sprintf("'manifestFilePath' is set on %s, but no RedshiftCopyActivity refers to it: the field is valid only for a RedshiftCopyActivity's node", quote(n.ID))))
	}
}
