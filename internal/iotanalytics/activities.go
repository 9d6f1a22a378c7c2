package iotanalytics

import (
	"strconv"

	"github.com/dplint/dplint/source"
)

// Activity is one entry of a pipeline's activity list.
type Activity struct {
	Index int
	Entry *source.Node // the list item
	// Kinds are the entry's members that name an activity kind; an entry
	// holds exactly one.
	Kinds []*source.Member
	// Kind is the model's name of the entry's one activity ("channel"),
	// "" unless it holds exactly one; Body is that activity's object.
	Kind string
	Body *source.Node
	// Name and Next are the activity's name and next activity, with their
	// nodes (nil when absent or not a string).
	Name, Next         string
	NameNode, NextNode *source.Node
}

// Activities is a pipeline's activity list, in order (nil for a
// reprocessing request, or a list that is not one). It is read once per
// document: rules ask for it for every finding they place.
func (d *Document) Activities() []*Activity {
	d.actsOnce.Do(func() { d.acts = d.activities() })
	return d.acts
}

func (d *Document) activities() []*Activity {
	if d.Kind != Pipeline || d.Root == nil {
		return nil
	}
	list := d.Get(d.Root, "pipelineActivities")
	if list == nil || list.Kind != source.Array {
		return nil
	}
	out := make([]*Activity, 0, len(list.Elems))
	for i, e := range list.Elems {
		a := &Activity{Index: i, Entry: e}
		out = append(out, a)
		if e.Kind != source.Object {
			continue
		}
		for _, m := range e.Members {
			if d.Known(PipelineActivity, m.Key) {
				a.Kinds = append(a.Kinds, m)
			}
		}
		if len(a.Kinds) != 1 {
			continue
		}
		m := a.Kinds[0]
		a.Kind = d.member(PipelineActivity, m.Key).Name
		if m.Value.Kind != source.Object {
			continue
		}
		a.Body = m.Value
		if n := d.Get(a.Body, "name"); n.IsString() {
			a.Name, a.NameNode = n.Text, n
		}
		if n := d.Get(a.Body, "next"); n.IsString() && PipelineActivity.Lookup(a.Kind).Shape.Lookup("next") != nil {
			// A datastore has no next: one written is unknown (IA1001), not a link.
			a.Next, a.NextNode = n.Text, n
		}
	}
	return out
}

// Anchor is where a finding on the activity as a whole goes: its kind's
// key, or the entry.
func (a *Activity) Anchor() (start, end int) {
	if len(a.Kinds) > 0 {
		return a.Kinds[0].KeyStart, a.Kinds[0].KeyEnd
	}
	return a.Entry.Start, min(a.Entry.Start+1, a.Entry.End)
}

// Owner is the name findings in the activity are filed under: its name,
// or its position when it has none.
func (a *Activity) Owner() string {
	if a.Name != "" {
		return a.Name
	}
	return "activity " + strconv.Itoa(a.Index+1)
}
