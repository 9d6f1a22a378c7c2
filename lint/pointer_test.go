package lint

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// TestPointers lints every fixture twice, with pointers and field names
// and with Config.NoPaths (the language server's linter). Without them
// every finding must be the same but for an empty Pointer and Field. With
// them,
// every finding of a JSON file must name, through its pointer, a node of
// that file that holds the finding's start or whose key does: most
// rules leave the pointer to be written from the finding's node when an
// output asks (rules.Placement.PointerOf), and a wrong node would show
// here.
func TestPointers(t *testing.T) {
	inputs := fixtures(t)
	with, err := New(Config{MaxObjects: 100000})
	if err != nil {
		t.Fatal(err)
	}
	without, err := New(Config{MaxObjects: 100000, NoPaths: true})
	if err != nil {
		t.Fatal(err)
	}
	checked, fields := 0, 0
	for _, in := range inputs {
		a, b := flat(with.Lint(in.name, in.data)), flat(without.Lint(in.name, in.data))
		if len(a) != len(b) {
			t.Errorf("%s: %d findings with pointers, %d without", in.name, len(a), len(b))
			continue
		}
		var tree *source.File
		if strings.EqualFold(filepath.Ext(in.name), ".json") {
			tree = source.Parse(in.name, in.data)
		}
		for i := range a {
			if b[i].Pointer != "" || b[i].Field != "" {
				t.Errorf("%s: %s has pointer %q and field %q under NoPaths", in.name, b[i].Rule.ID, b[i].Pointer, b[i].Field)
			}
			got, want := b[i], a[i]
			want.Pointer, want.Field = "", ""
			if render(one(got)) != render(one(want)) {
				t.Errorf("%s: finding %d differs without pointers:\n%s\nwith:\n%s", in.name, i, render(one(got)), render(one(want)))
			}
			if a[i].Field != "" {
				fields++
			}
			if tree == nil || tree.Root == nil || a[i].File != in.name || a[i].Pointer == "" {
				continue
			}
			checked++
			ns := lookupAll(tree.Root, a[i].Pointer)
			if len(ns) == 0 {
				t.Errorf("%s: %s %q at %d:%d: the pointer names no node of the file", in.name, a[i].Rule.ID, a[i].Pointer, a[i].Start.Line, a[i].Start.Column)
				continue
			}
			if !slices.ContainsFunc(ns, func(n *source.Node) bool { return holds(n, a[i].Start.Offset) }) {
				t.Errorf("%s: %s %q names bytes %d..%d, not the finding's start %d:%d (byte %d)", in.name, a[i].Rule.ID, a[i].Pointer, ns[0].Start, ns[0].End, a[i].Start.Line, a[i].Start.Column, a[i].Start.Offset)
			}
		}
	}
	if fields < 1000 {
		t.Errorf("only %d findings name a field: the comparison saw too little to mean anything", fields)
	}
	if checked < 1000 {
		t.Errorf("only %d pointers checked against their files: too few to mean anything", checked)
	}
	t.Logf("%d pointers checked against their files", checked)
}

// flat lists a result's findings, folded ones after theirs.
func flat(f *diag.File) []diag.Diagnostic {
	var out []diag.Diagnostic
	var add func(d diag.Diagnostic)
	add = func(d diag.Diagnostic) {
		out = append(out, d)
		for _, fd := range d.Folded {
			add(fd)
		}
	}
	for _, def := range f.Definitions {
		for _, d := range def.Diagnostics {
			add(d)
		}
	}
	return out
}

// one wraps a finding, without its folded ones, as a result render takes.
func one(d diag.Diagnostic) *diag.File {
	d.Folded = nil
	return &diag.File{Definitions: []*diag.Definition{{Diagnostics: []diag.Diagnostic{d}}}}
}

// lookupAll is every node a pointer names: under a repeated key, each of
// the key's values (source.Node.Lookup takes one of them).
func lookupAll(root *source.Node, pointer string) []*source.Node {
	cur := []*source.Node{root}
	if pointer == "" {
		return cur
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		var next []*source.Node
		for _, n := range cur {
			for _, m := range n.Members {
				if m.Key == tok {
					next = append(next, m.Value)
				}
			}
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Elems) {
				next = append(next, n.Elems[i])
			}
		}
		cur = next
	}
	return cur
}

// holds tells whether off lies in n or in the key it is the value of.
func holds(n *source.Node, off int) bool {
	if off >= n.Start && off <= n.End {
		return true
	}
	if p := n.Parent(); p != nil && p.Kind == source.Object {
		for _, m := range p.Members {
			if m.Value == n && off >= m.KeyStart && off <= m.KeyEnd {
				return true
			}
		}
	}
	return false
}
