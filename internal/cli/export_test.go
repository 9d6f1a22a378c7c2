package cli

import "github.com/dplint/dplint/internal/load"

// SetMaxFileSize lets tests lower the file size cap; it returns a restore
// function.
func SetMaxFileSize(n int64) func() {
	old := load.MaxFileSize
	load.MaxFileSize = n
	return func() { load.MaxFileSize = old }
}
