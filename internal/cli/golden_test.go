package cli_test

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/testenv"
)

// run drives the command in-process from the repository root, so paths in
// the output read "testdata/...".
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code = cli.Run(args, env)
	return out.String(), errb.String(), code
}

// expectOutput checks substrings that must (or must not) be in a command's
// output.
func expectOutput(t *testing.T, out, errOut string, stdout, notStdout, stderr []string) {
	t.Helper()
	for _, s := range stdout {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	for _, s := range notStdout {
		if strings.Contains(out, s) {
			t.Errorf("stdout has %q:\n%s", s, out)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
}

func inRepoRoot(t *testing.T) string {
	root := testenv.RepoRoot(t)
	t.Chdir(root)
	return root
}

func jsonFiles(t *testing.T, dir string) []string {
	return filesWith(t, dir, ".json")
}

// lintableFiles are the files a directory walk lints: definitions,
// CloudFormation templates and Terraform files.
func lintableFiles(t *testing.T, dir string) []string {
	return filesWith(t, dir, ".json", ".yaml", ".yml", ".template", ".tf")
}

func filesWith(t *testing.T, dir string, exts ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	var out []string
	for _, e := range entries {
		for _, ext := range exts {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ext) {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestRemoteResponseGoldens runs `lint --remote-response` on every rule
// case with a saved service answer (rules/testdata/<ID>/<case>.json beside
// <case>.response.json) and compares the whole output, the comparison
// report on stderr included, with internal/cli/testdata/remote-response/<ID>/<case>.golden.
// The findings alone are the rule's own goldens (go test ./rules).
func TestRemoteResponseGoldens(t *testing.T) {
	inRepoRoot(t)
	responses, err := filepath.Glob("rules/testdata/*/*.response.json")
	if err != nil || len(responses) == 0 {
		t.Fatalf("no saved answers in rules/testdata: %v", err)
	}
	for _, response := range responses {
		file := strings.TrimSuffix(response, ".response.json") + ".json"
		id := filepath.Base(filepath.Dir(file))
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		g := goldie.New(t, goldie.WithFixtureDir(filepath.Join("internal/cli/testdata/remote-response", id)), goldie.WithNameSuffix(".golden"))
		t.Run(id+"/"+name, func(t *testing.T) {
			out, errOut, code := run(t, "", "lint", "--oneline", "--no-color", file, "--remote-response", response)
			if !strings.Contains(errOut, "dplint: remote: ") {
				t.Errorf("no comparison report on stderr: %q", errOut)
			}
			if !strings.Contains(out, "["+id+" ") {
				t.Errorf("%s does not trigger %s; output:\n%s", file, id, out)
			}
			if code != cli.ExitFindings && strings.Contains(out, ": error: ") {
				t.Errorf("exit code %d with errors in the output", code)
			}
			g.Assert(t, name, []byte(out+"--- stderr\n"+errOut))
		})
	}
}

// TestOK: the definitions in testdata/ok give no finding at all and are
// not skipped.
func TestOK(t *testing.T) {
	inRepoRoot(t)
	files := lintableFiles(t, "testdata/ok")
	if len(files) == 0 {
		t.Fatal("testdata/ok is empty")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, errOut, code := run(t, "", "lint", "--oneline", "--fail-level", "info", "--verbose", f)
			if code != cli.ExitOK || out != "" || errOut != "" {
				t.Errorf("want no finding; exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
		})
	}
}

// TestFormatGoldens renders each testdata/format fixture in every format;
// a golden holds the exit code, stdout and stderr.
func TestFormatGoldens(t *testing.T) {
	root := inRepoRoot(t)
	g := goldie.New(t, goldie.WithFixtureDir("testdata/format"), goldie.WithNameSuffix(".golden"))
	variants := []struct {
		name string
		args []string
	}{
		{"text", []string{"--no-color"}},
		{"text-color", []string{"--color", "always"}},
		{"oneline", []string{"--oneline", "--no-color"}},
		{"aws", []string{"--format", "aws"}},
		{"aws-all", []string{"--format", "aws", "--all"}},
		{"json", []string{"--format", "json"}},
		{"sarif", []string{"--format", "sarif"}},
		{"github", []string{"--format", "github"}},
		{"lsp", []string{"--format", "lsp"}},
	}
	for _, f := range lintableFiles(t, "testdata/format") {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		for _, v := range variants {
			t.Run(base+"/"+v.name, func(t *testing.T) {
				args := append([]string{"lint"}, v.args...)
				out, errOut, code := run(t, "", append(args, f)...)
				if v.name == "sarif" || v.name == "lsp" {
					// They hold the working directory's file: URI.
					slash := filepath.ToSlash(root)
					out = strings.ReplaceAll(out, (&url.URL{Path: slash}).EscapedPath(), "$ROOT")
					out = strings.ReplaceAll(out, slash, "$ROOT")
				}
				got := "exit: " + itoa(code) + "\n--- stdout\n" + out + "--- stderr\n" + errOut
				g.Assert(t, base+"."+v.name, []byte(got))
			})
		}
	}
}

func itoa(i int) string {
	return string(rune('0' + i))
}
