package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
)

// StagingNotEnabled reports a ShellCommandActivity that relies on data
// staging without turning it on, or stages output into a file path.
var StagingNotEnabled = &Rule{
	Meta: Meta{
		ID: "DP5008", Name: "staging-not-enabled", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a ShellCommandActivity uses ${INPUTn_STAGING_DIR} or ${OUTPUTn_STAGING_DIR} while 'stage' is not true, or stages its output into an S3DataNode that has a filePath and no directoryPath",
		Doc: "dp-concepts-staging.md: \"Staging only functions when the stage field is set to true\"; only then does the activity " +
			"get the ${INPUT1_STAGING_DIR}, ${OUTPUT1_STAGING_DIR}, ... directories. The ShellCommandActivity page gives stage no " +
			"default, so a missing stage counts as not true, like an explicit \"false\". Every string field of the activity is read " +
			"(command, each scriptArgument, stdout, ...), own or inherited, and the finding is placed on the value that uses the " +
			"variable. The same page: \"output data staging is allowed only when directoryPath is set on the output S3DataNode\", so " +
			"a staged activity whose output S3DataNode sets filePath and no directoryPath is reported too, on the output reference. " +
			"A stage written as an expression is not known offline, and a missing one on an activity whose parent is not in the " +
			"definition may come from that parent: both are skipped. What the service does in either case " +
			"(refuse, or run with empty variables) is not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "In", "type": "S3DataNode", "directoryPath": "s3://my-in/"}`,
			`{"id": "Count", "type": "ShellCommandActivity", "command": "wc -l ${INPUT1_STAGING_DIR}/*", "input": {"ref": "In"}, "runsOn": {"ref": "Worker"}}`)
	}},
	Requires: needsGraph,
	Check:    checkStagingNotEnabled,
}

// stagingVariable is a staging directory variable of ShellCommandActivity.
var stagingVariable = lazyRegexp(`\$\{(?:INPUT|OUTPUT)\d+_STAGING_DIR\}`)

func checkStagingNotEnabled(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	t := cat.Type("ShellCommandActivity")
	if t == nil {
		return
	}
	reported := map[*definition.Value]bool{}
	for _, o := range g.Def.Objects {
		if g.Type(o) != "ShellCommandActivity" || !concrete(g, o) {
			continue
		}
		staged, state, known := stageOf(g, o)
		if f, _ := g.Lookup(o, "stage"); f == nil && g.Unresolved(o) {
			known = false // a parent not in the definition may turn staging on
		}
		switch {
		case !known:
		case !staged:
			for _, sf := range t.Fields {
				if sf.Kind != catalog.KindString || sf.ReadOnly() {
					continue
				}
				f, from := g.Lookup(o, sf.Name)
				if f == nil {
					continue
				}
				for _, v := range f.Values {
					m := stagingVariable().FindString(v.Text)
					if v.Kind != definition.Str || m == "" || reported[v] {
						continue
					}
					reported[v] = true
					pass.Report(valueFinding(from, v, fmt.Sprintf("%s uses %s, but %s: staging and its variables work only when 'stage' is true", quote(f.Key), m, state)))
				}
			}
		default:
			reportFileOutputs(pass, g, o, reported)
		}
	}
}

// stageOf reads an activity's stage, own or inherited: whether it is true,
// how to say what it is, and whether it is known offline.
func stageOf(g *graph.Graph, o *definition.Object) (staged bool, state string, known bool) {
	f, _ := g.Lookup(o, "stage")
	if f == nil || len(f.Values) == 0 {
		return false, "'stage' is not set", true
	}
	v := f.Values[0]
	if v.Kind != definition.Str || opaque(v.Text) {
		return false, "", false
	}
	if strings.EqualFold(strings.TrimSpace(v.Text), "true") {
		return true, "", true
	}
	return false, "'stage' is " + quote(v.Text), true
}

// reportFileOutputs reports the output S3DataNodes of a staged activity
// that have a filePath and no directoryPath.
func reportFileOutputs(pass *Pass, g *graph.Graph, o *definition.Object, reported map[*definition.Value]bool) {
	f, from := g.Lookup(o, "output")
	if f == nil {
		return
	}
	for _, v := range f.Values {
		n := g.Object(v.Text)
		if v.Kind != definition.Ref || n == nil || g.Type(n) != "S3DataNode" || g.Unresolved(n) || reported[v] {
			continue
		}
		fp, fpFrom := g.Lookup(n, "filePath")
		if dp, _ := g.Lookup(n, "directoryPath"); fp == nil || dp != nil {
			continue
		}
		reported[v] = true
		fd := valueFinding(from, v, fmt.Sprintf("output %s of a staged activity is an S3DataNode with 'filePath' and no 'directoryPath': output staging needs 'directoryPath'", quote(n.ID)))
		fd.Related = append(fd.Related, pass.Related(fp.KeyStart, fp.KeyEnd, fmt.Sprintf("'filePath' of %s", quote(fpFrom.ID))))
		pass.Report(fd)
	}
}
