package lint

import (
	"slices"
	"sort"
	"strings"

	"github.com/dplint/dplint/definition"
)

// fields names the field a finding is in (Diagnostic.Field), by byte
// offset: the field or parameter attribute whose key or values hold it.
// A place is found among a definition's objects by binary search, so a
// large definition with many findings costs no scan per finding; the
// objects are in file order, and only when they are not (a reader that
// gives them otherwise) is a sorted copy made.
type fields struct {
	objects []*definition.Object // sorted by start
	params  []*definition.Parameter
	// cli is a definition in the CLI file form, whose object nodes'
	// members are its fields as written (an API-form object's are id, name
	// and fields; a template's nodes are built).
	cli bool
	// last is the object the previous finding was in: a rule reports in
	// object order, so the next finding is most often in the same object
	// or the next, where a binary search over 10,000 objects took a cache
	// miss a step.
	last int
}

func newFields(def *definition.Definition) *fields {
	byStart := func(a, b *definition.Object) int { return a.Node.Start - b.Node.Start }
	objs := def.Objects
	if !slices.IsSortedFunc(objs, byStart) {
		objs = slices.SortedStableFunc(slices.Values(objs), byStart)
	}
	return &fields{objects: objs, params: def.Parameters, cli: def.Form == definition.CLI && def.Embedded == nil}
}

// at is the field holding offset off, else the fields a finding says are
// missing (comma-separated), else "" (the object or the file as a whole).
func (f *fields) at(off int, missing []string) string {
	objs := f.objects
	i := f.object(off)
	if i >= 0 && off < objs[i].Node.End {
		if k := fieldAt(objs[i].Fields, off); k != "" {
			return k
		}
		if f.cli {
			if k := memberAt(objs[i], off); k != "" {
				return k
			}
		}
	} else {
		for _, p := range f.params {
			if off >= p.Node.Start && off < p.Node.End {
				if k := fieldAt(p.Attributes, off); k != "" {
					return k
				}
				break
			}
		}
	}
	return strings.Join(missing, ",")
}

// object is the index of the last object that starts at or before off
// (-1 for none), found from last when it or the next one is that object.
func (f *fields) object(off int) int {
	objs := f.objects
	isIt := func(i int) bool {
		return i >= 0 && i < len(objs) && objs[i].Node.Start <= off && (i+1 == len(objs) || objs[i+1].Node.Start > off)
	}
	for _, i := range [2]int{f.last, f.last + 1} {
		if isIt(i) {
			f.last = i
			return i
		}
	}
	i := sort.Search(len(objs), func(i int) bool { return objs[i].Node.Start > off }) - 1
	if i >= 0 {
		f.last = i
	}
	return i
}

// fieldAt is the key of the field among fs whose key, pointer node or
// values hold off.
func fieldAt(fs []*definition.Field, off int) string {
	in := func(start, end int) bool { return off >= start && off < end }
	for _, fd := range fs {
		if in(fd.KeyStart, fd.KeyEnd) || fd.At != nil && in(fd.At.Start, fd.At.End) {
			return fd.Key
		}
		for _, v := range fd.Values {
			if v.Whole != nil && in(v.Whole.Start, v.Whole.End) || v.Node != nil && in(v.Node.Start, v.Node.End) {
				return fd.Key
			}
		}
	}
	return ""
}

// memberAt is the key of the CLI-form object member that holds off, where
// the model has no field for it: a repeated key's earlier occurrence (the
// model keeps the last). The id is the object itself, not a field.
func memberAt(o *definition.Object, off int) string {
	for _, m := range o.Node.Members {
		if off >= m.KeyStart && off < m.Value.End {
			if m.Key == "id" {
				return ""
			}
			return m.Key
		}
	}
	return ""
}
