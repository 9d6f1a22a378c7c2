package cli

// SetMaxFileSize lets tests lower the file size cap; it returns a restore
// function.
func SetMaxFileSize(n int64) func() {
	old := maxFileSize
	maxFileSize = n
	return func() { maxFileSize = old }
}
