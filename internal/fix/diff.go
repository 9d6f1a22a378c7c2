package fix

import (
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// Diff returns the change from the file as read to the file as fixed, as
// a unified diff with three lines of context (`patch -p0` applies it), or
// "" when fixing changed nothing. A last line without a line break is
// marked as diff and patch expect.
func (r *Result) Diff() string {
	return Unified(r.Path, r.Original, r.Fixed)
}

// Unified is the unified diff of a and b under one path, "" when they are
// equal.
func Unified(path string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	text, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: lines(string(a)), B: lines(string(b)), FromFile: path, ToFile: path, Context: 3,
	})
	if err != nil { // writes to memory do not fail
		return ""
	}
	return text
}

// lines splits text after each line break; a last line without one gets
// the break and the "\ No newline at end of file" marker, so it prints as
// a line of its own and compares equal only to a last line like it.
func lines(text string) []string {
	if text == "" {
		return nil
	}
	out := strings.SplitAfter(text, "\n")
	if out[len(out)-1] == "" {
		return out[:len(out)-1]
	}
	out[len(out)-1] += "\n\\ No newline at end of file\n"
	return out
}
