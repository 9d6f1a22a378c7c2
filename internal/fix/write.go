package fix

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dplint/dplint/internal/atomicfile"
)

// Write replaces the file at path with data atomically (atomicfile.Write:
// a temporary file in the same directory takes the file's place with its
// mode; through a symbolic link, the file it points to). Unlike
// atomicfile.Write it never creates a file: --fix rewrites files that were
// just read.
func Write(path string, data []byte) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	return atomicfile.Write(target, data, st.Mode().Perm())
}
