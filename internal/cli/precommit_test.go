package cli_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/dplint/dplint/internal/testenv"
)

// TestPreCommitHooksFile checks .pre-commit-hooks.yaml without pre-commit:
// the two hooks, on JSON files, many files per call, one line per finding.
func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Name          string   `yaml:"name"`
		Description   string   `yaml:"description"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		Types         []string `yaml:"types"`
		Files         string   `yaml:"files"`
		Args          []string `yaml:"args"`
		RequireSerial *bool    `yaml:"require_serial"`
		PassFilenames *bool    `yaml:"pass_filenames"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	languages := map[string]string{}
	for _, h := range hooks {
		languages[h.ID] = h.Language
		if h.Name == "" || h.Entry != "dplint lint" {
			t.Errorf("hook %s: name %q, entry %q; want a name and entry 'dplint lint'", h.ID, h.Name, h.Entry)
		}
		if !slices.Equal(h.Types, []string{"file"}) || h.Files != `\.(json|ya?ml|template|tf)$` {
			t.Errorf("hook %s: types %v, files %q; want [file] and the extensions a directory walk picks up", h.ID, h.Types, h.Files)
		}
		if !slices.Contains(h.Args, "--oneline") {
			t.Errorf("hook %s: args %v lack --oneline", h.ID, h.Args)
		}
		if h.RequireSerial == nil || *h.RequireSerial || (h.PassFilenames != nil && !*h.PassFilenames) {
			t.Errorf("hook %s: want require_serial: false and file names passed", h.ID)
		}
	}
	if len(hooks) != 2 || languages["dplint"] != "golang" || languages["dplint-system"] != "system" {
		t.Errorf("want the hooks dplint (golang) and dplint-system (system), have %v", languages)
	}
}

// gitEnv is the environment for git and pre-commit in a scratch repository:
// no GIT_* variables that would point them elsewhere (as when the tests run
// inside a git hook), no PRE_COMMIT* ones, a fixed identity.
func gitEnv(pathDirs []string, set ...string) []string {
	var base []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") || strings.HasPrefix(kv, "PRE_COMMIT") || strings.HasPrefix(kv, "SKIP=") {
			continue
		}
		base = append(base, kv)
	}
	return actionEnv(base, pathDirs, append([]string{
		"GIT_AUTHOR_NAME=dplint test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=dplint test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
	}, set...)...)
}

func gitRun(t *testing.T, git, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(git, args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(nil)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			stderr = exit.Stderr
		}
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr)
	}
	return string(out)
}

// hookRepo copies the repository's working tree (tracked and untracked
// files, not ignored ones) into a new git repository and commits it.
// pre-commit installs hooks from a commit: try-repo on a dirty repository
// commits its tracked changes in a shadow clone, but leaves out untracked
// files, such as a .pre-commit-hooks.yaml not yet committed.
func hookRepo(t *testing.T, git string) string {
	t.Helper()
	root := testenv.RepoRoot(t)
	list := gitRun(t, git, root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	dst := t.TempDir()
	copied := 0
	for _, name := range strings.Split(list, "\x00") {
		if name == "" {
			continue
		}
		src := filepath.Join(root, filepath.FromSlash(name))
		info, err := os.Lstat(src)
		if err != nil {
			continue // deleted in the working tree
		}
		to := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(src)
			if err != nil {
				t.Fatal(err)
			}
			err = os.Symlink(target, to)
			if err != nil {
				t.Fatal(err)
			}
		case info.Mode().IsRegular():
			if err := copyFile(src, to, info.Mode().Perm()); err != nil {
				t.Fatal(err)
			}
		default:
			continue
		}
		copied++
	}
	if _, err := os.Stat(filepath.Join(dst, ".pre-commit-hooks.yaml")); err != nil || copied < 10 {
		t.Fatalf("copying the repository for pre-commit: %d files, .pre-commit-hooks.yaml: %v", copied, err)
	}
	gitRun(t, git, dst, "init", "-q")
	gitRun(t, git, dst, "add", "-A")
	gitRun(t, git, dst, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "dplint as it is in the working tree")
	return dst
}

func copyFile(src, dst string, perm os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// The scratch project's files: a clean definition, one with a dangling
// reference, and a JSON file that is not a definition.
const (
	precommitBad = `{
  "objects": [
    {
      "id": "Default",
      "name": "Default",
      "scheduleType": "ondemand",
      "role": "DataPipelineDefaultRole",
      "resourceRole": "DataPipelineDefaultResourceRole",
      "pipelineLogUri": "s3://example-logs/dplint/"
    },
    {
      "id": "SayHello",
      "name": "SayHello",
      "type": "ShellCommandActivity",
      "command": "echo hello",
      "workerGroup": "workers",
      "dependsOn": {"ref": "Nowhere"}
    }
  ]
}
`
	precommitPackageJSON = `{"name": "not-a-pipeline", "version": "1.0.0", "objects2": []}
`
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml with the real
// pre-commit, as `pre-commit try-repo` on a copy of this repository, in a
// scratch project holding a good definition, a bad one and a package.json.
func TestPreCommit(t *testing.T) {
	precommit := testenv.Tool(t, "pre-commit")
	git := testenv.Tool(t, "git")
	// The slowest test here (pre-commit builds dplint from source): it runs
	// beside the others, so it never changes the working directory.
	t.Parallel()
	root := testenv.RepoRoot(t)
	repo := hookRepo(t, git)
	bin := actionBuildDplint(t) // for dplint-system

	project := t.TempDir()
	good, err := os.ReadFile(filepath.Join(root, "testdata", "ok", "hello-ondemand.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"good.json":    string(good),
		"bad.json":     precommitBad,
		"package.json": precommitPackageJSON,
		"stack.yaml":   precommitBadStack,
		"workflow.yml": precommitWorkflow,
	} {
		if err := os.WriteFile(filepath.Join(project, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun(t, git, project, "init", "-q")
	gitRun(t, git, project, "add", "-A")

	// What dplint itself says about bad.json, run from the project as the
	// hook is: each of these lines must be in the hook's output.
	runIn := func(args ...string) (string, int) {
		cmd := exec.Command(filepath.Join(bin, "dplint"), args...)
		cmd.Dir = project
		out, err := cmd.Output()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("dplint %s: %v", strings.Join(args, " "), err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}
	want, code := runIn("lint", "--oneline", "bad.json", "stack.yaml")
	if code != 1 || !strings.Contains(want, "bad.json:17:") || !strings.Contains(want, "[DP2001 missing-reference]") ||
		!strings.Contains(want, "stack.yaml:10:40: error: Nightly: unknown object type") {
		t.Fatalf("dplint on bad.json and stack.yaml: exit %d, want 1 with DP2001 at line 17 and DP1101 in the template:\n%s", code, want)
	}
	if out, code := runIn("lint", "good.json", "package.json", "workflow.yml"); code != 0 {
		t.Fatalf("dplint on good.json, package.json and workflow.yml: exit %d, want 0:\n%s", code, out)
	}
	wantLines := strings.Split(strings.TrimSpace(want), "\n")

	tryRepo := func(t *testing.T, hook string, env []string, timeout time.Duration, files ...string) (string, int) {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), timeout)
		defer cancel()
		args := append([]string{"try-repo", "--color", "never", repo, hook, "--files"}, files...)
		cmd := exec.CommandContext(ctx, precommit, args...)
		cmd.Dir = project
		cmd.Env = env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		t.Logf("pre-commit %s (%.1fs)", strings.Join(args, " "), time.Since(start).Seconds())
		var exit *exec.ExitError
		switch {
		case ctx.Err() != nil:
			t.Fatalf("pre-commit try-repo %s: no answer in %s\n%s", hook, timeout, out)
		case errors.As(err, &exit):
			return string(out), exit.ExitCode()
		case err != nil:
			t.Fatalf("pre-commit try-repo %s: %v\n%s", hook, err, out)
		}
		return string(out), 0
	}
	check := func(t *testing.T, hook string, env []string, timeout time.Duration) {
		out, code := tryRepo(t, hook, env, timeout, "good.json", "package.json", "workflow.yml")
		if code != 0 || !strings.Contains(out, "Passed") {
			t.Errorf("%s on good.json, package.json and workflow.yml: exit %d, want 0 and Passed\n%s", hook, code, out)
		}
		out, code = tryRepo(t, hook, env, timeout, "bad.json", "good.json", "package.json", "stack.yaml", "workflow.yml")
		t.Logf("%s on bad.json, good.json and package.json:\n%s", hook, out)
		if code == 0 || !strings.Contains(out, "Failed") || !strings.Contains(out, "- hook id: "+hook) {
			t.Errorf("%s on bad.json: exit %d, want non-zero and Failed\n%s", hook, code, out)
		}
		for _, line := range wantLines {
			if !strings.Contains(out, "\n"+line+"\n") {
				t.Errorf("%s: the output lacks dplint's line\n  %s\n%s", hook, line, out)
			}
		}
		if strings.Contains(out, "package.json") || strings.Contains(out, "good.json:") || strings.Contains(out, "workflow.yml") {
			t.Errorf("%s: the output names a file with nothing to report\n%s", hook, out)
		}
	}

	// PRE_COMMIT_HOME: pre-commit's cache and log, out of the user's home.
	home := "PRE_COMMIT_HOME=" + t.TempDir()

	t.Run("dplint-system", func(t *testing.T) {
		check(t, "dplint-system", gitEnv([]string{bin}, home), 2*time.Minute)
	})

	// The golang hook: pre-commit runs `go install ./...` in its clone with
	// the machine's Go (language_version system, as go is on PATH). Modules
	// come from the module cache the tests were built with (GOMODCACHE), so
	// it needs no network when that holds them.
	t.Run("dplint-golang", func(t *testing.T) {
		if testing.Short() {
			t.Skip("skipping in -short mode: pre-commit builds dplint from source")
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			t.Fatalf("go is not on PATH: %v", err)
		}
		modcache, err := exec.Command(goTool, "env", "GOMODCACHE").Output()
		if err != nil {
			t.Fatalf("go env GOMODCACHE: %v", err)
		}
		// No dplint of ours on PATH: pre-commit puts the one it built first.
		noDplint := gitEnv(nil, home, "GOMODCACHE="+strings.TrimSpace(string(modcache)))
		check(t, "dplint", noDplint, 5*time.Minute)
	})
}

// precommitBadStack is a CloudFormation template whose pipeline has a
// misspelt object type on line 10.
const precommitBadStack = `Resources:
  Nightly:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
      PipelineObjects:
        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellComandActivity}
`

// precommitWorkflow is YAML that holds no pipeline: the hooks pass it.
const precommitWorkflow = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`
