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

// Walk gives fn the files to lint for a path: the path itself when it is
// not a directory (named true), or every file below a directory that a walk
// lints (*.json and the template extensions), one by one as they are found,
// in the lexical order of their paths, so a run can lint the first while
// the rest are still being found. Directories whose name starts with "."
// and node_modules are not entered, nor links to directories below the
// one named; links to regular files are followed, devices and pipes never
// read. A path that cannot be read is Walk's error; a directory below it
// that cannot be read goes to fail, in its place, and the walk goes on.
func Walk(p string, fn func(path string, named bool), fail func(error)) error {
	st, err := os.Stat(p)
	if err != nil {
		return describe(err)
	}
	if !st.IsDir() {
		fn(p, true)
		return nil
	}
	entries, err := readDir(p)
	if err != nil {
		return describe(err)
	}
	walkEntries(p, entries, func(path string) { fn(path, false) }, fail)
	return nil
}

// readDir is os.ReadDir; tests make it fail.
var readDir = os.ReadDir

// walkEntries walks a directory's entries in the order of the paths below
// them: a directory's own go after its name and a "/", so "a/x.json"
// comes after "a-b.json" ('-' sorts before '/') and before "a0.json", as
// sorting the whole list of paths would put them.
func walkEntries(dir string, entries []fs.DirEntry, fn func(string), fail func(error)) {
	key := func(e fs.DirEntry) string {
		if e.IsDir() {
			return e.Name() + "/"
		}
		return e.Name()
	}
	sort.SliceStable(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		name := e.Name()
		switch {
		case e.IsDir():
			if strings.HasPrefix(name, ".") || name == "node_modules" {
				continue
			}
			below, err := readDir(path)
			if err != nil {
				fail(describe(err))
				continue
			}
			walkEntries(path, below, fn, fail)
		case !walked(path):
		case e.Type().IsRegular():
			fn(path)
		case e.Type()&fs.ModeSymlink != 0:
			// A link to a regular file; never a device or a pipe, which
			// could block the walk.
			if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
				fn(path)
			}
		}
	}
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
