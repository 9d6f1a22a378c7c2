package iotanalytics

import (
	"strconv"
	"strings"

	"github.com/dplint/dplint/source"
)

// Value is one value of a document with the model shape it must have.
type Value struct {
	Node  *source.Node
	Shape *Shape
	// Path is botocore's parameter path ("pipelineActivities[0].channel.name"),
	// "" for the request itself.
	Path string
	// Key is the member holding the value, nil for list items and the root.
	Key *source.Member
	// MapKey is set when the value is a map's key (Node spans the key).
	MapKey bool
	// Activity is the index of the activity the value is in, or -1.
	Activity int
	// Order places the value in the order botocore validates a request
	// (lint.AWSOutcome sorts client refusals by it): a structure's missing
	// members ("[0]" after its own Order), then its unknown members
	// ("[1]"), then its members in the document's order ("[2]", "[3]",
	// ...); list items by index; a map entry's key, then its value.
	Order string
	owner *source.Node // for a map key: the value it names
}

// Pointer is the value's JSON Pointer in the file.
func (v Value) Pointer() string {
	if v.owner != nil {
		return v.owner.Pointer()
	}
	return v.Node.Pointer()
}

// Intrinsic reports whether n is a CloudFormation intrinsic function
// ({"Ref": ...}, {"Fn::Sub": ...}): its value is known only at deploy time.
func Intrinsic(n *source.Node) bool {
	if n == nil || n.Kind != source.Object || len(n.Members) != 1 {
		return false
	}
	k := n.Members[0].Key
	return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
}

// Walk calls fn on every value of the document that has a model shape, the
// request first, a structure before its members (in the document's
// order), and a map's keys before their values. Members the model does not
// have are not walked (fn sees them in their structure), nor are intrinsic
// functions of a template.
func (d *Document) Walk(fn func(Value)) {
	if d.Root == nil {
		return
	}
	d.walk(Value{Node: d.Root, Shape: d.Shape(), Activity: -1}, fn)
}

func (d *Document) walk(v Value, fn func(Value)) {
	if d.Form == CloudFormation && Intrinsic(v.Node) {
		return
	}
	fn(v)
	n, s := v.Node, v.Shape
	switch {
	case s.Type == Structure && n.Kind == source.Object:
		for i, m := range n.Members {
			mem := d.member(s, m.Key)
			if mem == nil {
				continue
			}
			d.walk(Value{Node: m.Value, Shape: mem.Shape, Path: join(v.Path, mem.Name), Key: m, Activity: v.Activity, Order: index(v.Order, 2+i)}, fn)
		}
	case s.Type == List && n.Kind == source.Array:
		for i, e := range n.Elems {
			act := v.Activity
			if s == PipelineActivities {
				act = i
			}
			d.walk(Value{Node: e, Shape: s.Elem, Path: v.Path + "[" + strconv.Itoa(i) + "]", Activity: act, Order: index(v.Order, i)}, fn)
		}
	case s.Type == Map && n.Kind == source.Object:
		for i, m := range n.Members {
			key := &source.Node{Kind: source.String, Start: m.KeyStart, End: m.KeyEnd, Text: m.Key}
			entry := index(v.Order, 2+i)
			fn(Value{Node: key, Shape: s.Key, Path: v.Path + " (key: " + m.Key + ")", MapKey: true, Activity: v.Activity, owner: m.Value, Order: index(entry, 0)})
			d.walk(Value{Node: m.Value, Shape: s.Elem, Path: v.Path + "." + m.Key, Key: m, Activity: v.Activity, Order: index(entry, 1)}, fn)
		}
	}
}

// member is the structure's member that key spells in the document.
func (d *Document) member(s *Shape, key string) *Member {
	for i := range s.Members {
		if d.Key(s.Members[i].Name) == key {
			return &s.Members[i]
		}
	}
	return nil
}

// Known reports whether key names a member of the structure s, as the
// document spells members.
func (d *Document) Known(s *Shape, key string) bool { return d.member(s, key) != nil }

// Keys lists the structure's members as the document spells them.
func (d *Document) Keys(s *Shape) []string {
	out := make([]string, len(s.Members))
	for i, m := range s.Members {
		out[i] = d.Key(m.Name)
	}
	return out
}

// Missing and Unknown are the Order of a structure's missing and unknown
// members' findings.
func (v Value) Missing() string { return index(v.Order, 0) }

// Unknown: see Missing.
func (v Value) Unknown() string { return index(v.Order, 1) }

func index(order string, i int) string { return order + "[" + strconv.Itoa(i) + "]" }

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// CoralPath is a botocore path as the service writes it in a validation
// error: list indexes become 1-based ".N.member" parts.
func CoralPath(path string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(path, '[')
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.IndexByte(path[i:], ']')
		if j < 0 {
			b.WriteString(path)
			return b.String()
		}
		n, _ := strconv.Atoi(path[i+1 : i+j])
		b.WriteString(path[:i])
		b.WriteString("." + strconv.Itoa(n+1) + ".member")
		path = path[i+j+1:]
	}
}
