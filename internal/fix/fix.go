// Package fix applies the edits the rules offer (diag.Fix, a SuggestedFix)
// to a file's bytes, for `dplint lint --fix`: the edits of a file's
// findings, sorted, an edit that overlaps one kept before it dropped, are
// applied from the end, so every byte outside the edited spans (formatting,
// comments, the rest of a template) stays as it was. An edit that touches
// a secret's value (a *-prefixed field, a masked parameter: the ranges the
// formats print as ****) is refused. File lints, fixes and lints again
// until nothing more is fixed, so applying it twice changes nothing the
// second time; Diff shows the change as a unified diff and Write puts the
// fixed bytes in place atomically.
package fix

import (
	"bytes"
	"sort"
	"strings"

	"github.com/dplint/dplint/diag"
)

// Edit is one fix as a byte edit of the file: Start..End becomes NewText.
type Edit struct {
	Start, End int
	NewText    string
	Rule       string // the id of the rule whose finding offers it
	Message    string
}

// Edits returns the fixes the findings of a file offer (folded findings'
// too) as edits of that file's bytes, in the order found, and how many it
// refused because they would write a secret's value. Fixes of findings
// that lie in another file (a parameter objects file read with the
// definition) are not the file's and are left out: they are that file's
// result's (diag.File.Companions), whose own Edits gives them.
func Edits(f *diag.File) (edits []Edit, refused int) {
	if f == nil || f.Source == nil {
		return nil, 0
	}
	size := len(f.Source.Content)
	var add func(d diag.Diagnostic)
	add = func(d diag.Diagnostic) {
		for _, fd := range d.Folded {
			add(fd)
		}
		fx := d.Fix
		if fx == nil || d.File != f.Path {
			return
		}
		e := Edit{Start: fx.Start.Offset, End: fx.End.Offset, NewText: fx.NewText, Message: fx.Message}
		if d.Rule != nil {
			e.Rule = d.Rule.ID
		}
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return
		}
		if secret(e, f.Secrets) || strings.HasPrefix(d.Object, "*") {
			refused++
			return
		}
		edits = append(edits, e)
	}
	for _, def := range f.Definitions {
		for _, d := range def.Diagnostics {
			add(d)
		}
	}
	return edits, refused
}

// secret reports whether an edit touches a secret's text: replaces part
// of it, or inserts inside it.
func secret(e Edit, secrets [][2]int) bool {
	for _, s := range secrets {
		a, z := s[0], s[1]
		if e.Start < z && a < e.End || e.Start == e.End && a < e.Start && e.Start < z {
			return true
		}
	}
	return false
}

// Apply applies edits to data and returns the result, the edits applied
// (in the order of the file) and those dropped. Edits are sorted by where
// they start (then end; ties keep their order); one that overlaps an edit
// kept before it is dropped, as is a second insertion at the same place,
// whose order against the first would be a guess. An edit given twice
// (two findings offering the same repair) is applied once. An edit that
// changes nothing is not counted as applied.
func Apply(data []byte, edits []Edit) (out []byte, applied, dropped []Edit) {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].End < sorted[j].End
	})
	var kept []Edit
	for _, e := range sorted {
		if e.Start < 0 || e.End < e.Start || e.End > len(data) {
			dropped = append(dropped, e)
			continue
		}
		if n := len(kept); n > 0 {
			last := kept[n-1]
			if e.Start == last.Start && e.End == last.End && e.NewText == last.NewText {
				continue // the same repair, offered twice
			}
			if e.Start < last.End || e.Start == last.Start && e.Start == e.End && last.Start == last.End {
				dropped = append(dropped, e)
				continue
			}
		}
		kept = append(kept, e)
	}
	out = append([]byte(nil), data...)
	for i := len(kept) - 1; i >= 0; i-- {
		e := kept[i]
		if string(out[e.Start:e.End]) == e.NewText {
			continue
		}
		out = append(out[:e.Start], append([]byte(e.NewText), out[e.End:]...)...)
		applied = append(applied, e)
	}
	for i, j := 0, len(applied)-1; i < j; i, j = i+1, j-1 {
		applied[i], applied[j] = applied[j], applied[i]
	}
	return out, applied, dropped
}

// maxRounds bounds File's lint-and-fix rounds: a repair can bring new
// findings into view (an object whose type is corrected has its fields
// checked), but a few rounds settle every file.
const maxRounds = 8

// Result is what fixing one file did.
type Result struct {
	Path     string
	Original []byte
	Fixed    []byte
	// Applied are the edits applied, round by round; Refused counts the
	// fixes left out because they would write a secret's value (in the
	// last round, where they are still offered).
	Applied []Edit
	Refused int
	// Lint is the lint of Fixed: the findings that remain.
	Lint *diag.File
}

// Changed reports whether fixing changed the file.
func (r *Result) Changed() bool { return !bytes.Equal(r.Original, r.Fixed) }

// File lints a file's bytes with lint, applies the fixes its findings
// offer and lints the result again, round after round until a round
// applies nothing. A file that is skipped (not a definition) or could not
// be linted in full is left as it is.
func File(lint func(path string, data []byte) *diag.File, path string, data []byte) *Result {
	r := &Result{Path: path, Original: data, Fixed: data}
	r.Lint = lint(path, data)
	for round := 0; round < maxRounds; round++ {
		if r.Lint == nil || r.Lint.Skipped || r.Lint.Err != nil {
			break
		}
		edits, refused := Edits(r.Lint)
		r.Refused = refused
		out, applied, _ := Apply(r.Fixed, edits)
		if len(applied) == 0 {
			break
		}
		r.Fixed = out
		r.Applied = append(r.Applied, applied...)
		r.Lint = lint(path, out)
	}
	return r
}
