package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/testenv"
)

// TestFixGoldens fixes each testdata/fix/<case> (a definition, template or
// Terraform file written for one kind of fix) in a scratch copy and
// compares, with testdata/fix/<case>.<what>.golden:
//   - diff: what `lint --fix --diff` prints, which writes nothing, and
//     which, applied to the case, gives the fixed file;
//   - fixed: the file `lint --fix` leaves, its mode kept;
//   - output: the exit code, the findings that remain and what stderr says.
//
// Fixing the fixed file again changes nothing, and `lint --fix -` prints the
// same fixed text with the findings on stderr.
func TestFixGoldens(t *testing.T) {
	dir := filepath.Join(testenv.RepoRoot(t), "testdata", "fix")
	g := goldie.New(t, goldie.WithFixtureDir(dir), goldie.WithNameSuffix(".golden"))
	cases := lintableFiles(t, dir)
	if len(cases) < 6 {
		t.Fatalf("only %d cases in %s", len(cases), dir)
	}
	for _, in := range cases {
		name := filepath.Base(in)
		base := strings.TrimSuffix(name, filepath.Ext(name))
		t.Run(base, func(t *testing.T) {
			orig, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			t.Chdir(t.TempDir()) // output names the file as given: name
			if err := os.WriteFile(name, orig, 0o640); err != nil {
				t.Fatal(err)
			}

			diff, _, _ := run(t, "", "lint", "--fix", "--diff", "--no-color", name)
			if got := readFile(t, name); !bytes.Equal(got, orig) {
				t.Errorf("--fix --diff wrote the file")
			}
			g.Assert(t, base+".diff", []byte(diff))

			out, errOut, code := run(t, "", "lint", "--fix", "--no-color", name)
			fixed := readFile(t, name)
			g.Assert(t, base+".fixed", fixed)
			g.Assert(t, base+".output", []byte(fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", code, out, errOut)))
			if st, err := os.Stat(name); err != nil || st.Mode().Perm() != 0o640 {
				t.Errorf("the fixed file's mode is not kept: %v %v", st.Mode(), err)
			}
			if patched := applyUnified(t, orig, diff); !bytes.Equal(patched, fixed) {
				t.Errorf("the diff, applied, does not give the fixed file:\n%s", patched)
			}

			again, againErr, againCode := run(t, "", "lint", "--fix", "--no-color", name)
			if got := readFile(t, name); !bytes.Equal(got, fixed) || strings.Contains(againErr, "applied") {
				t.Errorf("fixing twice changed the file the second time:\n%s\nstderr: %s", got, againErr)
			}
			if again != out || againCode != code {
				t.Errorf("fixing twice: the findings differ the second time:\n%s", again)
			}

			stdout, stderr, _ := run(t, string(orig), "lint", "--fix", "--no-color", "--stdin-filename", name, "-")
			if stdout != string(fixed) {
				t.Errorf("--fix - printed:\n%s\nwant the fixed text:\n%s", stdout, fixed)
			}
			if stderr != errOut+out {
				t.Errorf("--fix -: stderr is\n%s\nwant what --fix says, then the findings:\n%s%s", stderr, errOut, out)
			}
		})
	}
}

// TestFixFlags: --diff goes with --fix, and --fix not with remote mode.
func TestFixFlags(t *testing.T) {
	inRepoRoot(t)
	for _, args := range [][]string{
		{"--diff"},
		{"--fix", "--remote-response", "x.json"},
		{"--fix", "--remote"},
		{"--fix", "--show-values"},
	} {
		_, errOut, code := run(t, "", append(append([]string{"lint"}, args...), "testdata/format/clean.json")...)
		if code != cli.ExitUsage || !strings.Contains(errOut, "--") {
			t.Errorf("lint %v: exit %d, stderr %q; want a usage error", args, code, errOut)
		}
	}
	// A file that cannot be written: exit 3, and the findings of the file
	// as it is.
	dir := t.TempDir()
	p := filepath.Join(dir, "p.json")
	if err := os.WriteFile(p, []byte(`{"objects": [{"id": "A", "type": "Ec2Resourc"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if f, err := os.CreateTemp(dir, "probe"); err == nil { // running as root
		f.Close()
		os.Remove(f.Name())
		return
	}
	out, errOut, code := run(t, "", "lint", "--fix", "--oneline", p)
	if code != cli.ExitFailed || !strings.Contains(errOut, "the fixes were not written") || !strings.Contains(out, "Ec2Resourc'") {
		t.Errorf("unwritable directory: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@`)

// applyUnified applies a unified diff of one file to text, checking every
// context and removed line, as patch would.
func applyUnified(t *testing.T, text []byte, diff string) []byte {
	t.Helper()
	if diff == "" {
		return text
	}
	old := strings.SplitAfter(string(text), "\n")
	var out []string
	next := 0 // the first old line not yet copied
	lines := strings.SplitAfter(diff, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		m := hunkHeader.FindStringSubmatch(l)
		switch {
		case strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "+++ ") || l == "":
			continue
		case m != nil:
			start, _ := strconv.Atoi(m[1])
			if m[2] == "0" {
				start++ // an empty old range names the line before it
			}
			out = append(out, old[next:start-1]...)
			next = start - 1
			continue
		}
		body := l[1:]
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline at end of file`) {
			body = strings.TrimSuffix(body, "\n")
			i++
		}
		switch l[0] {
		case ' ', '-':
			if next >= len(old) || old[next] != body {
				t.Fatalf("the diff does not apply at old line %d: %q", next+1, l)
			}
			if l[0] == ' ' {
				out = append(out, body)
			}
			next++
		case '+':
			out = append(out, body)
		default:
			t.Fatalf("not a line of a unified diff: %q", l)
		}
	}
	return []byte(strings.Join(append(out, old[next:]...), ""))
}

// TestFixParametersFile: with --parameters, the fixes of findings that
// lie in that file are applied to it, once however many definitions were
// checked with it (testdata/fix/parameters: two definitions, a
// parameters file with a misspelt type and attribute, and a masked
// parameter, which is not edited); the definitions are then fixed and
// reported with the fixed parameters. Goldens: the diff, the fixed
// parameters file and the output.
func TestFixParametersFile(t *testing.T) {
	dir := filepath.Join(testenv.RepoRoot(t), "testdata", "fix", "parameters")
	g := goldie.New(t, goldie.WithFixtureDir(dir), goldie.WithNameSuffix(".golden"))
	names := []string{"hello.json", "bye.json", "params.json"}
	orig := map[string][]byte{}
	t.Chdir(t.TempDir())
	for _, n := range names {
		orig[n] = readFile(t, filepath.Join(dir, n))
		if err := os.WriteFile(n, orig[n], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"lint", "--fix", "--no-color", "--parameters", "params.json", "hello.json", "bye.json"}
	diff, diffErr, _ := run(t, "", append(args[:2:2], append([]string{"--diff"}, args[2:]...)...)...)
	for _, n := range names {
		if !bytes.Equal(readFile(t, n), orig[n]) {
			t.Errorf("--fix --diff wrote %s", n)
		}
	}
	g.Assert(t, "diff", []byte(diff+"--- stderr\n"+diffErr))
	out, errOut, code := run(t, "", args...)
	fixed := readFile(t, "params.json")
	g.Assert(t, "params.fixed", fixed)
	g.Assert(t, "output", []byte(fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", code, out, errOut)))
	if strings.Count(errOut, "params.json: 2 fixes applied") != 1 || !strings.Contains(string(fixed), `"*myToken", "type": "Strng"`) || strings.Contains(out+errOut, "s3cr3t") {
		t.Errorf("the parameters file's fixes: stderr\n%s", errOut)
	}
	if !strings.Contains(string(readFile(t, "hello.json")), `"command": "echo`) {
		t.Errorf("hello.json's own fix was not applied")
	}
	again, againErr, _ := run(t, "", args...)
	if !bytes.Equal(readFile(t, "params.json"), fixed) || strings.Contains(againErr, " applied") || again != out {
		t.Errorf("fixing twice changed something the second time:\n%s\n%s", again, againErr)
	}
}
