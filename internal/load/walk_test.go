package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestWalkOrder: Walk gives a directory's files in the order of their
// sorted paths, names chosen so that a walk in each directory's own order
// would not ('-' and '.' sort before '/', '0' after it), and skips what a
// walk skips.
func TestWalkOrder(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"a/x.json", "a/b/y.json", "a-b.json", "a.json", "a0.json", "a/b-c/z.json", "a/b.json",
		"b.yaml", "c.tf", "d.template", "e.yml", "f.txt", "G.JSON",
		".git/h.json", "node_modules/i.json", "sub/.hidden/j.json", "sub/node_modules/k.json", "sub/.l.json",
	} {
		write(t, filepath.Join(root, f))
	}
	if err := os.Symlink(filepath.Join(root, "a.json"), filepath.Join(root, "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "dirlink.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "dirlink")); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := Walk(root, func(p string, named bool) {
		if named {
			t.Errorf("%s: named, in a directory walked", p)
		}
		got = append(got, strings.TrimPrefix(p, root+"/"))
	}, func(err error) { t.Errorf("fail: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"G.JSON", "a-b.json", "a.json", "a/b-c/z.json", "a/b.json", "a/b/y.json", "a/x.json", "a0.json",
		"b.yaml", "c.tf", "d.template", "e.yml", "link.json", "sub/.l.json"}
	if !slices.Equal(got, want) {
		t.Errorf("walked\n%q\nwant\n%q", got, want)
	}
	if !sort.StringsAreSorted(got) {
		t.Errorf("not in the order of the paths: %q", got)
	}
	var named []string
	if err := Walk(filepath.Join(root, "f.txt"), func(p string, n bool) {
		if !n {
			t.Errorf("%s: a file named is not named", p)
		}
		named = append(named, p)
	}, nil); err != nil || len(named) != 1 {
		t.Errorf("a named file: %q, %v", named, err)
	}
	if err := Walk(filepath.Join(root, "nope"), func(string, bool) { t.Error("walked a missing path") }, nil); err == nil ||
		!strings.Contains(err.Error(), "nope: no such file or directory") {
		t.Errorf("a missing path: %v", err)
	}
}

// TestWalkGoesOnPastAnUnreadableDirectory: a directory below the one
// named that cannot be read is reported in its place and the rest walked.
func TestWalkGoesOnPastAnUnreadableDirectory(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"a.json", "b/c.json", "d.json"} {
		write(t, filepath.Join(root, f))
	}
	saved := readDir
	defer func() { readDir = saved }()
	readDir = func(dir string) ([]os.DirEntry, error) {
		if filepath.Base(dir) == "b" {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: fs.ErrPermission}
		}
		return saved(dir)
	}
	var got []string
	err := Walk(root, func(p string, _ bool) { got = append(got, filepath.Base(p)) }, func(err error) {
		got = append(got, "fail: "+strings.TrimPrefix(err.Error(), root+"/"))
	})
	want := []string{"a.json", "fail: b: permission denied", "d.json"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("walked %q (%v), want %q", got, err, want)
	}
	readDir = func(string) ([]os.DirEntry, error) { return nil, errors.New("unreadable") }
	if err := Walk(root, func(string, bool) { t.Error("walked an unreadable root") }, nil); err == nil {
		t.Error("an unreadable root is not an error")
	}
}

func write(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
}
