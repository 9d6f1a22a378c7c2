package source

// HasFatal reports whether the file has a problem that makes it invalid
// JSON even for lenient readers (Problem.Fatal).
func (f *File) HasFatal() bool {
	for _, p := range f.Problems {
		if p.Fatal() {
			return true
		}
	}
	return false
}
