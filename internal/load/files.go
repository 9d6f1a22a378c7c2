package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// walked reports whether a directory walk lints the file: *.json, and the
// template and configuration files that may hold pipelines (*.yaml, *.yml,
// *.template, *.tf; those without one are skipped like other JSON).
func walked(path string) bool {
	ext := filepath.Ext(path)
	if strings.EqualFold(ext, ".json") {
		return true
	}
	for _, e := range TemplateExts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// Expand turns a path into the files to lint: the file itself, or every
// file below a directory that a walk lints (*.json and the template
// extensions), in lexical order. Directories whose name starts with "."
// and node_modules are not entered; symlinks to regular files are
// followed, devices and pipes are never read.
func Expand(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, describe(err)
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var out []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return describe(err)
		}
		if d.IsDir() {
			name := d.Name()
			if path != p && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !walked(path) {
			return nil
		}
		// Regular files, and symlinks to regular files; never devices or
		// pipes, which could block a walk.
		if d.Type().IsRegular() {
			out = append(out, path)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				out = append(out, path)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// MaxFileSize caps what ReadFile and ReadCapped read from one file or
// stdin: definitions are kilobytes (the service allows 100 objects of 15 KiB
// by default), and the cap keeps a device or an endless pipe named by
// mistake from hanging dplint. Tests lower it.
var MaxFileSize int64 = 64 << 20

// ReadFile reads a file, refusing directories and anything over
// MaxFileSize; errors read "PATH: reason".
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describe(err)
	}
	defer f.Close()
	size := 0 // a regular file says how big it is: read it into one buffer
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() <= MaxFileSize {
		size = int(st.Size())
	}
	return readCapped(f, path, size)
}

// ReadCapped reads all of r (standard input, named name in errors) up to
// MaxFileSize.
func ReadCapped(r io.Reader, name string) ([]byte, error) { return readCapped(r, name, 0) }

// readCapped is ReadCapped with the size expected, when known.
func readCapped(r io.Reader, name string, size int) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, MaxFileSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, describe(err)
	}
	if int64(len(data)) > MaxFileSize {
		return nil, fmt.Errorf("%s: larger than %d MiB, too large to be a pipeline definition", name, MaxFileSize>>20)
	}
	return data, nil
}

// describe rewrites filesystem errors as "PATH: reason".
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason := pe.Err.Error()
		switch {
		case os.IsNotExist(err):
			reason = "no such file or directory"
		case os.IsPermission(err):
			reason = "permission denied"
		}
		return fmt.Errorf("%s: %s", pe.Path, reason)
	}
	return err
}
