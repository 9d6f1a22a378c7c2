package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
)

// RequiresField reports "if you provide X, you must also provide Y" pairs
// (the catalog's requires) where X is set and Y is not.
var RequiresField = &Rule{
	Meta: Meta{
		ID: "DP1111", Name: "requires-field", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a field that needs another is set without it (onLateAction without lateAfterTimeout, coreInstanceBidPrice without coreInstanceCount)",
		Doc: "The Terminate page: when you provide an action for onLateAction, you must also provide lateAfterTimeout, the time after " +
			"the scheduled start at which the object counts as late; without it the action has nothing to measure against. The object " +
			"pages add that lateAfterTimeout \"is triggered only when the schedule type is not set to ondemand\", so on an object whose " +
			"scheduleType (own, parent's or Default's, any case) is ondemand the pair is not checked: the late action never fires there. " +
			"The EmrCluster page: coreInstanceBidPrice \"must be used together with coreInstanceCount\". " +
			"Both fields count when inherited. The finding is placed once, where the first field is written, even when several " +
			"objects inherit it. Whether the service refuses the definition is not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "role": "DataPipelineDefaultRole", "resourceRole": "DataPipelineDefaultResourceRole", "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startAt": "FIRST_ACTIVATION_DATE_TIME"},
  ` + exWorker + `,
  {"id": "Alarm", "type": "SnsAlarm", "topicArn": "arn:aws:sns:us-east-1:111122223333:late", "subject": "late", "message": "late", "role": "DataPipelineDefaultRole"},
  {"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "onLateAction": {"ref": "Alarm"}}
]}
`
	}},
	Requires: needsGraph,
	Check:    checkRequiresField,
}

func checkRequiresField(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	type home struct {
		o *definition.Object
		f *definition.Field
	}
	reported := map[home]bool{}
	for _, o := range g.Def.Objects {
		t := ty.objectType(o)
		if t == nil || t.Name == "Default" || !concrete(g, o) || g.Unresolved(o) {
			continue // a missing parent may supply the second field
		}
		onDemand := isOnDemand(g, o)
		for _, r := range t.Requires {
			if onDemand && latePair(r) {
				continue // lateAfterTimeout is never triggered on demand
			}
			f, from := g.Lookup(o, r.If)
			if f == nil || reported[home{from, f}] {
				continue
			}
			var missing []string
			for _, n := range r.Then {
				if got, _ := g.Lookup(o, n); got == nil {
					missing = append(missing, n)
				}
			}
			if len(missing) > 0 {
				reported[home{from, f}] = true
				fd := keyFinding(from, f, fmt.Sprintf("%s is set without %s", quote(r.If), listAnd(missing)))
				fd.Missing = missing // a misspelt lateAfterTimeout explains it
				pass.Report(fd)
			}
		}
	}
}

// isOnDemand reports an object whose scheduleType, own or inherited, is
// ondemand (in any case).
func isOnDemand(g *graph.Graph, o *definition.Object) bool {
	f, _ := g.Lookup(o, "scheduleType")
	return f != nil && len(f.Values) > 0 && f.Values[0].Kind == definition.Str && strings.EqualFold(strings.TrimSpace(f.Values[0].Text), "ondemand")
}

// latePair reports a requires pair about lateness: what lateAfterTimeout
// measures, which the service ignores on demand.
func latePair(r catalog.Requires) bool {
	return r.If == "lateAfterTimeout" || r.If == "onLateAction" || slices.Contains(r.Then, "lateAfterTimeout")
}
