package cli_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/testenv"
)

// editorFixture has one mistake with a fix (DP1103: comand → command), so
// a real editor gets a diagnostic, a hover on the type and a code action
// whose edit the editor applies itself.
const editorFixture = `{
  "objects": [
    {
      "id": "Default",
      "name": "Default",
      "scheduleType": "ondemand",
      "failureAndRerunMode": "CASCADE",
      "role": "DataPipelineDefaultRole",
      "resourceRole": "DataPipelineDefaultResourceRole",
      "pipelineLogUri": "s3://my-bucket/logs/"
    },
    {
      "id": "Worker",
      "name": "Worker",
      "type": "Ec2Resource",
      "terminateAfter": "1 Hour"
    },
    {
      "id": "Hello",
      "name": "Hello",
      "type": "ShellCommandActivity",
      "comand": "echo hello",
      "runsOn": {"ref": "Worker"}
    }
  ]
}
`

// editorStep is one line the editor scripts under testdata/editors write.
type editorStep struct {
	Kind  string          `json:"kind"`
	Value json.RawMessage `json:"value"`
}

// runEditor starts an editor on the fixture with dplint lsp attached: args
// are the editor's command line, which runs a script that writes its steps
// to $DPLINT_OUT. It returns the steps, in order.
func runEditor(t *testing.T, args ...string) []editorStep {
	t.Helper()
	bin := filepath.Join(actionBuildDplint(t), "dplint")
	dir := t.TempDir()
	file := filepath.Join(dir, "pipeline.json")
	out := filepath.Join(dir, "steps.jsonl")
	if err := os.WriteFile(file, []byte(editorFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir() // no user configuration, logs kept out of $HOME
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home,
		"XDG_STATE_HOME="+home, "XDG_CACHE_HOME="+home,
		"DPLINT_BIN="+bin, "DPLINT_FILE="+file, "DPLINT_OUT="+out)
	output, err := cmd.CombinedOutput()
	steps := readSteps(t, out)
	if err != nil {
		t.Fatalf("%s: %v\nsteps: %+v\noutput:\n%s", args[0], err, steps, output)
	}
	return steps
}

func readSteps(t *testing.T, path string) []editorStep {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return nil // the editor died before its first step: the caller reports its output
	}
	defer f.Close()
	var steps []editorStep
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var s editorStep
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("%s: %v: %s", path, err, sc.Bytes())
		}
		steps = append(steps, s)
	}
	return steps
}

// checkEditorSteps asserts what every editor must have seen: the DP1103
// diagnostic at the misspelt key, a hover with the type's fields, the fix
// and the ignore action, the fixed text and, after it, no DP1103.
func checkEditorSteps(t *testing.T, steps []editorStep) {
	t.Helper()
	var diags, actions []string
	var hover, text string
	var after []string
	done := false
	for _, s := range steps {
		switch s.Kind {
		case "diagnostic":
			var d struct {
				Line, Col     int
				Code, Message string
			}
			if err := json.Unmarshal(s.Value, &d); err != nil {
				t.Fatal(err)
			}
			diags = append(diags, fmt.Sprintf("%s %d:%d %s", d.Code, d.Line, d.Col, d.Message))
		case "hover":
			_ = json.Unmarshal(s.Value, &hover)
		case "action":
			var title string
			_ = json.Unmarshal(s.Value, &title)
			actions = append(actions, title)
		case "text":
			_ = json.Unmarshal(s.Value, &text)
		case "after":
			_ = json.Unmarshal(s.Value, &after)
		case "done":
			done = true
		case "error":
			t.Errorf("editor script: %s", s.Value)
		}
	}
	want := "DP1103 21:6 'comand' is not a field of 'ShellCommandActivity' (did you mean 'command'?)"
	if !slices.Equal(diags, []string{want}) {
		t.Errorf("diagnostics %q, want [%q]", diags, want)
	}
	if !strings.HasPrefix(hover, "ShellCommandActivity (Activity)") || !strings.Contains(hover, "\n  command: string") {
		t.Errorf("hover on the type: %.200q", hover)
	}
	if !slices.Equal(actions, []string{"rename the field", "Ignore DP1103 on Hello (myDplintIgnore)"}) {
		t.Errorf("code actions %q", actions)
	}
	if fixed := strings.Replace(editorFixture, `"comand"`, `"command"`, 1); strings.TrimSuffix(text, "\n") != strings.TrimSuffix(fixed, "\n") {
		t.Errorf("text after the fix:\n%s", text)
	}
	if len(after) != 0 || !done {
		t.Errorf("after the fix: diagnostics %q, script finished %v", after, done)
	}
}

// TestNeovimClient runs Neovim 0.7's built-in LSP client (Debian's neovim)
// headless against dplint lsp: testdata/editors/nvim.lua.
func TestNeovimClient(t *testing.T) {
	nvim := testenv.Tool(t, "nvim")
	script, err := filepath.Abs("testdata/editors/nvim.lua")
	if err != nil {
		t.Fatal(err)
	}
	checkEditorSteps(t, runEditor(t, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script))
}

// TestEglotClient runs Emacs's eglot (Debian's emacs-nox and elpa-eglot)
// in batch mode against dplint lsp: testdata/editors/eglot.el.
func TestEglotClient(t *testing.T) {
	emacs := testenv.Tool(t, "emacs")
	if out, err := exec.Command(emacs, "--batch", "--eval", "(require 'eglot)").CombinedOutput(); err != nil {
		testenv.Missing(t, "emacs has no eglot (Debian's elpa-eglot; .ci/run installs it): "+strings.TrimSpace(string(out)))
	}
	script, err := filepath.Abs("testdata/editors/eglot.el")
	if err != nil {
		t.Fatal(err)
	}
	checkEditorSteps(t, runEditor(t, emacs, "--batch", "-l", script))
}
