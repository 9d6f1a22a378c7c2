package baseline

import (
	"fmt"
	"strconv"

	"github.com/dplint/dplint/source"
)

// Error is a problem in a baseline file, at a line and column.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// Parse reads a baseline file's content. It is strict: anything but the
// document Encode writes (a comment, a trailing comma, an unknown key, a
// key listed twice, another version) is an error at its place, since a
// baseline that is read wrong hides findings or fails a run for nothing.
func Parse(path string, data []byte) (*Baseline, error) {
	f := source.Parse(path, data)
	at := func(off int, format string, a ...any) error {
		p := f.Position(off)
		return &Error{Path: path, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, a...)}
	}
	if len(f.Problems) > 0 {
		pr := f.Problems[0]
		return nil, at(pr.Start, "%s", pr.Message)
	}
	root := f.Root
	if root == nil || root.Kind != source.Object {
		return nil, at(0, `a baseline is a JSON object {"version": %d, "findings": [...]}`, Version)
	}
	b := New(path)
	var version, findings *source.Node
	for _, m := range root.Members {
		switch m.Key {
		case "version":
			version = m.Value
		case "findings":
			findings = m.Value
		default:
			return nil, at(m.KeyStart, "unknown key %q (expected version, findings)", m.Key)
		}
	}
	switch {
	case version == nil:
		return nil, at(root.Start, "no version: not a baseline dplint wrote")
	case version.Kind != source.Number || version.Text != strconv.Itoa(Version):
		return nil, at(version.Start, "version %s: this dplint reads version %d (write the baseline again with dplint lint --write-baseline)", version.Text, Version)
	case findings == nil:
		return nil, at(root.Start, "no findings list")
	case findings.Kind != source.Array:
		return nil, at(findings.Start, "findings must be a list")
	}
	where := map[Key]int{}
	for _, e := range findings.Elems {
		k, n, err := entry(e, at)
		if err != nil {
			return nil, err
		}
		if first, ok := where[k]; ok {
			return nil, at(e.Start, "this finding's key is listed already at line %d (one entry per key, with a count)", f.Position(first).Line)
		}
		where[k] = e.Start
		b.counts[k] = n
	}
	return b, nil
}

// entry reads one finding of the list: its key and count.
func entry(e *source.Node, at func(int, string, ...any) error) (Key, int, error) {
	var k Key
	if e.Kind != source.Object {
		return k, 0, at(e.Start, `a finding is an object {"file": ..., "object": ..., "field": ..., "rule": ..., "count": N}`)
	}
	count := 0
	str := map[string]*string{"file": &k.File, "pipeline": &k.Pipeline, "object": &k.Object, "field": &k.Field, "rule": &k.Rule}
	for _, m := range e.Members {
		if m.Key == "count" {
			n, err := strconv.Atoi(m.Value.Text)
			if m.Value.Kind != source.Number || err != nil || n < 1 {
				return k, 0, at(m.Value.Start, "count must be a whole number of at least 1")
			}
			count = n
			continue
		}
		p, ok := str[m.Key]
		if !ok {
			return k, 0, at(m.KeyStart, "unknown key %q (expected file, pipeline, object, field, rule, count)", m.Key)
		}
		if m.Value.Kind != source.String {
			return k, 0, at(m.Value.Start, "%s must be a string", m.Key)
		}
		*p = m.Value.Text
	}
	switch {
	case k.File == "":
		return k, 0, at(e.Start, "a finding needs its file")
	case k.Rule == "":
		return k, 0, at(e.Start, "a finding needs its rule")
	case count == 0:
		return k, 0, at(e.Start, "a finding needs its count")
	}
	return k, count, nil
}
