package source

import "fmt"

// FirstFatal is the first problem that makes the file invalid JSON even
// for lenient readers (Problem.Fatal), or nil.
func (f *File) FirstFatal() *Problem {
	for i := range f.Problems {
		if f.Problems[i].Fatal() {
			return &f.Problems[i]
		}
	}
	return nil
}

// HasFatal reports whether the file has a fatal problem.
func (f *File) HasFatal() bool { return f.FirstFatal() != nil }

// FatalError is the first fatal problem as "name:line:col: message", for
// side files (values, saved responses) that must be JSON; nil when none.
func (f *File) FatalError() error {
	p := f.FirstFatal()
	if p == nil {
		return nil
	}
	pos := f.Position(p.Start)
	return fmt.Errorf("%s:%d:%d: %s", f.Name, pos.Line, pos.Column, p.Message)
}
