package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTUnknownAttribute reports an attribute an activity names that no
// message can have at that point of the chain.
var IoTUnknownAttribute = &Rule{
	Meta: Meta{
		ID: "IA2005", Name: "iot-unknown-attribute", Service: diag.IoTAnalytics, Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an addAttributes, removeAttributes or selectAttributes activity names an attribute that an earlier activity of the chain has removed or not selected",
		Doc: "Where it is knowable from the pipeline alone: after a selectAttributes activity a message has only the attributes it selected " +
			"and those later activities add (addAttributes' new names, math's, deviceRegistryEnrich's and deviceShadowEnrich's attribute); " +
			"after removeAttributes it lacks the removed ones until one is added again. A lambda activity may change anything, so what follows it is not judged, " +
			"nor are the attributes filter and math expressions read (the model gives their language no grammar). Checked along the chain from the channel, when it is whole (IA2004).",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "pick"}},
  {"selectAttributes": {"name": "pick", "attributes": ["device", "temp"], "next": "drop"}},
  {"removeAttributes": {"name": "drop", "attributes": ["humidity"], "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTUnknownAttribute,
}

func checkIoTUnknownAttribute(pass *Pass) {
	doc := pass.IoT
	chain := iotChain(doc, doc.Activities())
	var present map[string]bool // nil: any attribute may be there
	removed := map[string]*source.Node{}
	gone := func(name string) (string, *source.Node) {
		if at, ok := removed[name]; ok {
			return "an earlier removeAttributes removes it", at
		}
		if present != nil && !present[name] {
			return "an earlier selectAttributes does not select it and no activity since adds it", nil
		}
		return "", nil
	}
	check := func(a *iotanalytics.Activity, name string, n *source.Node) {
		why, at := gone(name)
		if why == "" {
			return
		}
		f := Finding{Object: a.Owner(), Start: n.Start, End: n.End, Pointer: n.Pointer(),
			Message: fmt.Sprintf("%s names attribute %q, which no message has here: %s", a.Kind, name, why)}
		if at != nil {
			f.Related = append(f.Related, pass.Related(at.Start, at.End, "removed here"))
		}
		pass.Report(f)
	}
	add := func(name string) {
		delete(removed, name)
		if present != nil {
			present[name] = true
		}
	}
	for _, a := range chain {
		attrs := doc.Get(a.Body, "attributes")
		switch a.Kind {
		case "lambda":
			return // it may add, remove or rename anything
		case "selectAttributes", "removeAttributes":
			names := iotStrings(attrs)
			for _, n := range names {
				check(a, n.Text, n)
			}
			if a.Kind == "selectAttributes" {
				present, removed = map[string]bool{}, map[string]*source.Node{}
				for _, n := range names {
					present[n.Text] = true
				}
				continue
			}
			for _, n := range names {
				removed[n.Text] = n
				if present != nil {
					delete(present, n.Text)
				}
			}
		case "addAttributes":
			if attrs == nil || attrs.Kind != source.Object {
				continue
			}
			for _, m := range attrs.Members {
				check(a, m.Key, &source.Node{Kind: source.String, Start: m.KeyStart, End: m.KeyEnd, Text: m.Key})
			}
			for _, m := range attrs.Members {
				if m.Value.IsString() {
					add(m.Value.Text)
				}
			}
		case "math", "deviceRegistryEnrich", "deviceShadowEnrich":
			if n := doc.Get(a.Body, "attribute"); n.IsString() {
				add(n.Text)
			}
		}
	}
}

// iotChain is the activities in the order of their next links from the
// channel to the datastore, or nil when they do not form one chain.
func iotChain(doc *iotanalytics.Document, acts []*iotanalytics.Activity) []*iotanalytics.Activity {
	byName := map[string]*iotanalytics.Activity{}
	var start *iotanalytics.Activity
	for _, a := range acts {
		if a.Kind == "" || a.NameNode == nil || byName[a.Name] != nil || a.NextNode == nil && doc.Get(a.Body, "next") != nil {
			return nil
		}
		byName[a.Name] = a
		if a.Kind == "channel" {
			start = a
		}
	}
	var chain []*iotanalytics.Activity
	on := map[*iotanalytics.Activity]bool{}
	for a := start; a != nil; a = byName[a.Next] {
		if on[a] {
			return nil
		}
		on[a] = true
		chain = append(chain, a)
		if a.NextNode == nil {
			break
		}
	}
	if len(chain) != len(acts) || len(chain) == 0 || chain[len(chain)-1].Kind != "datastore" {
		return nil
	}
	return chain
}

// iotStrings are the string items of a list node.
func iotStrings(n *source.Node) []*source.Node {
	if n == nil || n.Kind != source.Array {
		return nil
	}
	var out []*source.Node
	for _, e := range n.Elems {
		if e.IsString() {
			out = append(out, e)
		}
	}
	return out
}
