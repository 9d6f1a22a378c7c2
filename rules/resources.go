package rules

// Area 5, activities and resources; area 6, parameters; area 0, templates.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/schema"
)

// maxRetries is dp-limits.md's "Retries of a pipeline activity: 5 per task".
const maxRetries = 5

// concrete reports an object that is itself checked: typed (own or through
// its parent) and not a template that only lends fields to others.
func concrete(g *graph.Graph, o *definition.Object) bool {
	return o.IDNode != nil && g.Type(o) != "" && !(g.UsedAsParent(o) && o.Type() == "")
}

func ownValue(o *definition.Object, key string) *definition.Value {
	if f := o.Field(key); f != nil && len(f.Values) > 0 {
		return f.Values[0]
	}
	return nil
}

var (
	// TerminateAfter warns about resources that may run forever.
	TerminateAfter = graphRule(&Rule{
		ID: "DP5001", Name: "terminate-after", Severity: diag.Warning, Origin: diag.Service, VerifiedText: true,
		Summary: "an Ec2Resource or EmrCluster has no 'terminateAfter' (own or inherited)",
		Doc:     "The service's warning, word for word. Without terminateAfter a resource left behind by a failure keeps running, and billing.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			if t := g.Type(o); (t != "Ec2Resource" && t != "EmrCluster") || !concrete(g, o) {
				continue
			}
			if f, _ := g.Lookup(o, "terminateAfter"); f == nil {
				rep.Report(anchorFinding(o, "'terminateAfter' is missing. It is recommended to set this to avoid leaving resource running for long duration."))
			}
		}
	})

	// PipelineLogURI warns when Default has no pipelineLogUri.
	PipelineLogURI = graphRule(&Rule{
		ID: "DP5002", Name: "pipeline-log-uri", Severity: diag.Warning, Origin: diag.Service, VerifiedText: true,
		Summary: "the Default object has no 'pipelineLogUri'",
		Doc:     "The service's warning, word for word (its missing space included), on the id Default.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		const msg = "'pipelineLogUri'is missing. It is recommended to set this value on Default object for better troubleshooting."
		if g.Default != nil {
			if f, _ := g.Lookup(g.Default, "pipelineLogUri"); f == nil {
				rep.Report(anchorFinding(g.Default, msg))
			}
			return
		}
		if k := g.Def.ObjectsKey; k != nil && len(g.Def.Objects) > 0 {
			rep.Report(Finding{Object: graph.DefaultID, Start: k.KeyStart, End: k.KeyEnd, Pointer: k.Value.Pointer(), Message: msg})
		}
	})

	// RunsOnAndWorkerGroup warns when both are set.
	RunsOnAndWorkerGroup = graphRule(&Rule{
		ID: "DP5003", Name: "runs-on-and-worker-group", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an object sets both 'runsOn' and 'workerGroup'; workerGroup is then ignored",
		Doc:     "The activity pages: if runsOn is given, workerGroup is ignored. Whether the service warns is not known.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			wg := o.Field("workerGroup")
			if wg == nil || !concrete(g, o) {
				continue
			}
			if f, _ := g.Lookup(o, "runsOn"); f != nil {
				rep.Report(keyFinding(o, wg, "'workerGroup' is ignored when 'runsOn' is set"))
			}
		}
	})

	// OutputOnS3 reports local stdout/stderr paths on a resource.
	OutputOnS3 = graphRule(&Rule{
		ID: "DP5004", Name: "stdout-stderr-on-s3", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "'stdout' or 'stderr' is not an S3 path although the object runs on a resource ('runsOn')",
		Doc:     "The resource is gone when the task ends; only a worker group's host keeps local files. The guide says these must be S3 paths with runsOn.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			if !concrete(g, o) {
				continue
			}
			if f, _ := g.Lookup(o, "runsOn"); f == nil {
				continue
			}
			for _, key := range []string{"stdout", "stderr"} {
				v := ownValue(o, key)
				if v == nil || v.Kind != definition.Str || opaque(v.Text) || v.Text == "" {
					continue
				}
				if !strings.HasPrefix(strings.ToLower(v.Text), "s3://") {
					rep.Report(valueFinding(o, v, fmt.Sprintf("%s must be an S3 path (s3://...) when 'runsOn' is set; found %s", quote(key), quote(v.Text))))
				}
			}
		}
	})

	// MaximumRetries warns beyond the service's retry limit.
	MaximumRetries = graphRule(&Rule{
		ID: "DP5005", Name: "maximum-retries", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "'maximumRetries' is above 5, the service's limit of retries per task",
		Doc:     "dp-limits.md: 5 retries per task, not adjustable. Whether the service rejects more or caps them is not known.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			v := ownValue(o, "maximumRetries")
			if v == nil || v.Kind != definition.Str {
				continue
			}
			if n, err := strconv.Atoi(strings.TrimSpace(v.Text)); err == nil && n > maxRetries {
				rep.Report(valueFinding(o, v, fmt.Sprintf("'maximumRetries' is %d; the service allows at most %d retries per task", n, maxRetries)))
			}
		}
	})

	// UndeclaredParameter warns about values for parameters never declared.
	UndeclaredParameter = simpleRule(&Rule{
		ID: "DP6001", Name: "undeclared-parameter", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a value is given for a parameter the definition does not declare",
		Doc:     "Whether the service refuses such a value is not known. A companion values file is not checked against a definition here.",
	}, func(rep Reporter, d *definition.Definition) {
		if len(d.Objects) == 0 && d.Form == definition.Companion {
			return // a values file on its own: its parameters are declared elsewhere
		}
		declared := map[string]bool{}
		for _, p := range d.Parameters {
			declared[p.ID] = true
		}
		seen := map[string]bool{}
		for _, v := range d.Values {
			if declared[v.ID] || seen[v.ID] || v.ID == "" {
				continue
			}
			seen[v.ID] = true
			rep.Report(Finding{Object: v.ID, Start: v.KeyStart, End: v.KeyEnd, Pointer: v.Value.Whole.Pointer(),
				Message: fmt.Sprintf("a value is given for %s, which is not a declared parameter", quote(v.ID))})
		}
	})

	// ParameterType warns about parameter types outside the guide's list.
	ParameterType = simpleRule(&Rule{
		ID: "DP6002", Name: "parameter-type", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a parameter's 'type' is not String, Integer, Double or AWS::S3::ObjectKey as the guide spells them",
		Doc:     "dp-custom-templates.md lists the types. Lowercase spellings appear in real files; whether the service accepts them is not known.",
	}, func(rep Reporter, d *definition.Definition) {
		known := []string{"String", "Integer", "Double", "AWS::S3::ObjectKey"}
		for _, p := range d.Parameters {
			for _, a := range p.Attributes {
				if a.Key != "type" || len(a.Values) == 0 || a.Values[0].Kind != definition.Str || opaque(a.Values[0].Text) {
					continue
				}
				v := a.Values[0]
				ok := false
				for _, k := range known {
					ok = ok || v.Text == k
				}
				if !ok {
					rep.Report(Finding{Object: p.ID, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
						Message: fmt.Sprintf("parameter type %s is not one of %s%s", quote(v.Text), listOf(known), suggest(v.Text, known))})
				}
			}
		}
	})

	// UnrenderedTemplate notes, once per file, ${...} placeholders in
	// places dplint checks.
	UnrenderedTemplate = graphRule(&Rule{
		ID: "DP0005", Name: "unrendered-template", Severity: diag.Info, Origin: diag.Lint, Channel: diag.None,
		Summary: "the file holds ${...} placeholders in typed fields, ids or references: it looks like a template not rendered yet",
		Doc: "Values holding ${ are unknown, not wrong: type, period, datetime, number and reference checks skip them. " +
			"Plain strings (commands, scripts, S3 paths) are never checked for ${, which shells and staging variables use. " +
			"Pipelines in CloudFormation templates and Terraform files are not reported: there ${...} is the host's own substitution, known at deploy time.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		if g.Def.Embedded != nil {
			return
		}
		for _, o := range g.Def.Objects {
			if o.IDNode != nil && strings.Contains(o.ID, "${") {
				rep.Report(Finding{Object: o.ID, Start: o.IDNode.Start, End: o.IDNode.End, Pointer: o.IDNode.Pointer(),
					Message: "this file looks like an unrendered template (${...} in an id); checks skip those values"})
				return
			}
			for _, f := range o.Fields {
				sf := typedField(g, cat, o, f.Key)
				for _, v := range f.Values {
					if !strings.Contains(v.Text, "${") {
						continue
					}
					if v.Kind == definition.Ref || f.Key == "type" || (sf != nil && sf.Kind != schema.KindString) {
						rep.Report(valueFinding(o, v, fmt.Sprintf("this file looks like an unrendered template (${...} in %s); checks skip those values", quote(f.Key))))
						return
					}
				}
			}
		}
	})
)

// HiveCopyPairing checks HiveCopyActivity's input/output combinations.
var HiveCopyPairing = graphRule(&Rule{
	ID: "DP5006", Name: "hive-copy-pairing", Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
	Summary: "a HiveCopyActivity copies S3 to S3, or uses a DynamoDBDataNode without a DynamoDBExportDataFormat",
	Doc: "The HiveCopyActivity page: with an S3DataNode input the output must be a DynamoDBDataNode, and a DynamoDBDataNode " +
		"input or output needs a DynamoDBExportDataFormat. Whether the service checks this before running is not known.",
}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
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
			rep.Report(valueFinding(o, outVal, "with an S3DataNode input, 'output' must be a DynamoDBDataNode"))
		}
		for _, key := range []string{"input", "output"} {
			n, v := target(o, key)
			if n == nil || g.Type(n) != "DynamoDBDataNode" {
				continue
			}
			df, _ := target(n, "dataFormat")
			if df == nil || g.Type(df) != "DynamoDBExportDataFormat" {
				rep.Report(valueFinding(o, v, fmt.Sprintf("%s %s is a DynamoDBDataNode: HiveCopyActivity needs it to have a DynamoDBExportDataFormat 'dataFormat'", quote(key), quote(n.ID))))
			}
		}
	}
})
