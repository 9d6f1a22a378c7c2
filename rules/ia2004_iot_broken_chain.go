package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
)

// IoTBrokenChain reports next links that do not make one chain from the
// channel to the datastore.
var IoTBrokenChain = &Rule{
	Meta: Meta{
		ID: "IA2004", Name: "iot-broken-chain", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "the activities' next links do not form one chain from the channel to the datastore: a loop, a chain that stops early, or an activity never reached",
		Doc: "Messages go from the channel activity along each activity's next until the datastore activity stores them. " +
			"An activity that next leads back to makes a loop; one without next that is not the datastore ends the chain before the datastore; " +
			"one that no next on the way leads to never sees a message. The origin is lint: the model's prose (\"the next activity in the pipeline\") is the only source.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "out"}},
  {"filter": {"name": "keep", "filter": "temp > 20", "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTBrokenChain,
}

func checkIoTBrokenChain(pass *Pass) {
	doc := pass.IoT
	acts := doc.Activities()
	byName := map[string]*iotanalytics.Activity{}
	var start *iotanalytics.Activity
	for _, a := range acts {
		if a.Kind == "" || a.NameNode == nil || a.NextNode == nil && doc.Get(a.Body, "next") != nil {
			return // an entry without one activity, a name, or a next that is text: the chain cannot be known
		}
		if _, dup := byName[a.Name]; dup {
			return // IA2002's: next cannot say which
		}
		byName[a.Name] = a
		if a.Kind == "channel" && start == nil {
			start = a
		}
	}
	if start == nil {
		return // IA2001's
	}
	reached := map[*iotanalytics.Activity]bool{}
	report := func(a *iotanalytics.Activity, s, e int, n interface{ Pointer() string }, msg string, missing ...string) {
		pass.Report(iotException(doc, Finding{Object: a.Owner(), Start: s, End: e, Pointer: n.Pointer(), Message: msg, Missing: missing}, ""))
	}
	complete := false // the chain reached the datastore
	for a := start; a != nil; {
		reached[a] = true
		if a.NextNode == nil {
			complete = a.Kind == "datastore"
			if !complete {
				s, e := a.Anchor()
				report(a, s, e, a.Entry, fmt.Sprintf("the chain from the channel ends at %q, which is not the datastore activity; give it a next", a.Name), doc.Key("next"))
			}
			break
		}
		next, ok := byName[a.Next]
		if !ok {
			break // IA2003's
		}
		if reached[next] {
			report(a, a.NextNode.Start, a.NextNode.End, a.NextNode, fmt.Sprintf("next leads back to %q: the activities loop", a.Next))
			break
		}
		a = next
	}
	if !complete {
		return // what follows a broken link is not known to be unreached
	}
	for _, a := range acts {
		if !reached[a] {
			report(a, a.NameNode.Start, a.NameNode.End, a.NameNode, fmt.Sprintf("activity %q is not on the chain from the channel: no next on the way names it", a.Name))
		}
	}
}
