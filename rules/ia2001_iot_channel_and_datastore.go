package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
)

// IoTChannelAndDatastore reports a pipeline that does not read one channel
// first and write one datastore last.
var IoTChannelAndDatastore = &Rule{
	Meta: Meta{
		ID: "IA2001", Name: "iot-channel-and-datastore", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a pipeline lacks its channel activity (first) or its datastore activity (last), or has more than one of either",
		Doc: "The model's documentation of pipelineActivities: the list must contain both a channel and a datastore activity. " +
			"Messages enter a pipeline from its one channel and leave it into its one datastore, so the channel comes first and the datastore last. " +
			"The model's shapes do not say it, so the origin is lint.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "keep"}},
  {"filter": {"name": "keep", "filter": "temp > 20"}}
]}
`},
	Check: checkIoTChannelAndDatastore,
}

func checkIoTChannelAndDatastore(pass *Pass) {
	doc := pass.IoT
	acts := doc.Activities()
	if len(acts) == 0 || iotMalformed(acts) {
		// No list, or an empty one (IA1002, IA1003, IA7003's), or an entry
		// without one kind (IA1004's, or made at deploy time in a
		// template): the kinds in place are not known.
		return
	}
	for _, kind := range []struct{ name, place string }{{"channel", "first"}, {"datastore", "last"}} {
		var found []*iotanalytics.Activity
		for _, a := range acts {
			if a.Kind == kind.name {
				found = append(found, a)
			}
		}
		if len(found) == 0 {
			m := doc.Member(doc.Root, "pipelineActivities")
			f := Finding{Start: m.KeyStart, End: m.KeyEnd, Pointer: m.Value.Pointer(),
				Message: fmt.Sprintf("the pipeline has no %s activity; it needs one, %s", doc.Key(kind.name), kind.place)}
			pass.Report(iotException(doc, f, ""))
			continue
		}
		want := acts[0]
		if kind.place == "last" {
			want = acts[len(acts)-1]
		}
		for i, a := range found {
			start, end := a.Anchor()
			f := Finding{Object: a.Owner(), Start: start, End: end, Pointer: a.Entry.Pointer()}
			switch {
			case i > 0:
				f.Message = fmt.Sprintf("a second %s activity; a pipeline has one", doc.Key(kind.name))
				fs, fe := found[0].Anchor()
				f.Related = append(f.Related, pass.Related(fs, fe, "the first"))
			case a != want && len(found) == 1:
				f.Message = fmt.Sprintf("the %s activity must come %s", doc.Key(kind.name), kind.place)
			default:
				continue
			}
			pass.Report(iotException(doc, f, ""))
		}
	}
}

// iotMalformed reports whether some entry holds no single activity (or,
// in a template, one made by an intrinsic function).
func iotMalformed(acts []*iotanalytics.Activity) bool {
	for _, a := range acts {
		if a.Kind == "" {
			return true
		}
	}
	return false
}
