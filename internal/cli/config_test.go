package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/config"
	"github.com/dplint/dplint/internal/testenv"
)

// TestConfigPrecedence covers the configuration file and every precedence
// case: built-in defaults < .dplint.yaml < its per-path overrides < the
// command line; myDplintIgnore drops findings per object; DP0001 is never
// turned off by a path override.
func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// One definition with: an unused resource (DP2006 warning), a dangling
	// reference (DP2001 error), a runsOn+workerGroup pair (DP5003 warning).
	def := `{"objects": [
  {"id": "Default", "scheduleType": "ondemand", "role": "R", "resourceRole": "RR", "pipelineLogUri": "s3://l/"},
  {"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour"},
  {"id": "Spare", "type": "Ec2Resource", "terminateAfter": "1 Hour"},
  {"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "workerGroup": "wg", "dependsOn": {"ref": "Elsewhere"}}
]}
`
	write("pipelines/main.json", def)
	write("pipelines/fragments/step.json", def)
	write("pipelines/fragments/broken.json", `{"objects": [,]}`)
	write(".dplint.yaml", `rules:
  disable: [runs-on-and-worker-group]
  severity: {unused-object: error}
fail-level: warning
overrides:
  - paths: ["pipelines/fragments/**"]
    disable: [DP2001, invalid-json]
    severity: {DP2006: info}
`)
	sub := filepath.Join(dir, "pipelines")
	t.Chdir(sub) // found by walking up
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    []string
		notStdout []string
		stderr    []string
	}{
		{"config disables and changes severity", []string{"lint", "--oneline", "main.json"}, cli.ExitFindings,
			[]string{"main.json:4:10: error: a resource is not used by any object [DP2006 unused-object]", "[DP2001 missing-reference]"},
			[]string{"DP5003"}, nil},
		{"command line re-enables", []string{"lint", "--oneline", "--enable", "DP5003", "main.json"}, cli.ExitFindings,
			[]string{"[DP5003 runs-on-and-worker-group]"}, nil, nil},
		{"command line disables more", []string{"lint", "--oneline", "--disable", "DP2001", "main.json"}, cli.ExitFindings,
			[]string{"DP2006"}, []string{"DP2001"}, nil},
		{"path override", []string{"lint", "--oneline", "fragments/step.json"}, cli.ExitOK,
			[]string{"info: a resource is not used by any object [DP2006 unused-object]"}, []string{"DP2001", "DP5003"}, nil},
		{"override does not beat --enable", []string{"lint", "--oneline", "--enable", "missing-reference", "fragments/step.json"}, cli.ExitFindings,
			[]string{"[DP2001 missing-reference]"}, nil, nil},
		{"syntax errors are never turned off", []string{"lint", "--oneline", "fragments/broken.json"}, cli.ExitFindings,
			[]string{"[DP0001 invalid-json]"}, nil, nil},
		{"fail-level from the file", []string{"lint", "--oneline", "--disable", "DP2001,DP2006", "--enable", "DP5003", "main.json"}, cli.ExitFindings,
			[]string{"warning:"}, nil, nil},
		{"fail-level on the command line wins", []string{"lint", "--oneline", "--disable", "DP2001,DP2006", "--enable", "DP5003", "--fail-level", "error", "main.json"}, cli.ExitOK,
			[]string{"warning:"}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := run(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			expectOutput(t, out, errOut, tc.stdout, tc.notStdout, tc.stderr)
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"rules:\n  disabel: [DP2001]\n", `.dplint.yaml:2:3: unknown key "disabel" (expected one of disable, enable, only, severity)`},
		{"fail-level: fatal\n", `.dplint.yaml:1:13: fail-level must be error, warning, info or none; found "fatal"`},
		{"rules:\n  severity: {DP2001: loud}\n", `.dplint.yaml:2:22: severity must be error, warning or info; found "loud"`},
		{"max-objects: many\n", `.dplint.yaml:1:14: max-objects must be a whole number of at least 1`},
		{"overrides:\n  - disable: [DP2001]\n", `.dplint.yaml:2:5: an override needs paths`},
		{"rules: [a\n", `.dplint.yaml: `},
		{"rules:\n  disable: [DP9999]\n", ".dplint.yaml:2:13: unknown rule \"DP9999\" (see `dplint rules`)"},
		{"strict: maybe\n", `.dplint.yaml:1:9: strict must be true or false; found "maybe"`},
		{"rules:\n  severity: {DP9999: info}\n", ".dplint.yaml:2:14: unknown rule \"DP9999\" (see `dplint rules`)"},
		{"overrides:\n  - paths: [a]\n    disable: [nope]\n", ".dplint.yaml:3:15: unknown rule \"nope\" (see `dplint rules`)"},
		// Every problem is reported, each at its place.
		{"fail-level: fatal\nrules:\n  disable: [DP2001, DP9999]\n  severity: {DP2001: loud}\n",
			".dplint.yaml:1:13: fail-level must be error, warning, info or none; found \"fatal\"\n" +
				".dplint.yaml:3:21: unknown rule \"DP9999\" (see `dplint rules`)\n" +
				".dplint.yaml:4:22: severity must be error, warning or info; found \"loud\""},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".dplint.yaml"), []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		_, errOut, code := run(t, "", "lint", ".")
		// One stderr line per problem, in the file's order.
		lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
		wants := strings.Split(tc.want, "\n")
		ok := code == cli.ExitUsage && len(lines) == len(wants)
		for i := 0; ok && i < len(wants); i++ {
			ok = strings.HasPrefix(lines[i], "dplint: ") && strings.Contains(lines[i], wants[i])
		}
		if !ok {
			t.Errorf("%q: exit %d, stderr %q; want %q", tc.text, code, errOut, tc.want)
		}
	}
}

func TestConfigFlagValuesAndInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out, _, code := run(t, "", "init")
	if code != cli.ExitOK || !strings.Contains(out, "wrote .dplint.yaml") {
		t.Fatalf("init: exit %d, %q", code, out)
	}
	if _, errOut, code := run(t, "", "init"); code != cli.ExitUsage || !strings.Contains(errOut, "already exists") {
		t.Errorf("second init: exit %d, %q", code, errOut)
	}
	if _, err := config.Load(".dplint.yaml", nil); err != nil {
		t.Errorf("the starter does not load: %v", err)
	}
	// --config names a file elsewhere; its values and template variables apply.
	cfg := filepath.Join(dir, "other.yaml")
	if err := os.WriteFile(cfg, []byte("values: {myGreeting: hi}\ntemplate-vars: {env: prod}\nat: \"2026-02-03T00:00:00\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	def := filepath.Join(dir, "p.json")
	if err := os.WriteFile(def, []byte(`{"objects": [{"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "myEnv": "${env}"},
  {"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "echo #{myGreeting} #{format(@scheduledStartTime, 'YYYY-MM-dd')}"}],
  "parameters": [{"id": "myGreeting", "type": "String"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "", "lint", "--config", cfg, "--show-values", "--oneline", def)
	if code != cli.ExitOK || !strings.Contains(out, "Hello.command = echo hi 2026-02-03") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code := run(t, "", "lint", "--config", "nope.yaml", def); code != cli.ExitUsage || !strings.Contains(errOut, "nope.yaml") {
		t.Errorf("missing --config: exit %d %q", code, errOut)
	}
}

// TestStarterKeepsValues: the starter `dplint init` writes (values: {},
// template-vars: {}) sets nothing, so a clean definition with parameters
// and its own values lints clean beside it.
func TestStarterKeepsValues(t *testing.T) {
	root := testenv.RepoRoot(t)
	def, err := os.ReadFile(filepath.Join(root, "testdata", "ok", "daily-copy-with-parameters.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("p.json", def, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := run(t, "", "init"); code != cli.ExitOK {
		t.Fatalf("init: exit %d", code)
	}
	out, errOut, code := run(t, "", "lint", "--oneline", "--fail-level", "info", "p.json")
	if code != cli.ExitOK || out != "" {
		t.Errorf("beside the starter config: exit %d\n%s%s", code, out, errOut)
	}
}

// TestConfigStrict: strict: true in .dplint.yaml is --strict.
func TestConfigStrict(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("empty.json", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := run(t, "", "lint", "empty.json"); code != cli.ExitOK {
		t.Fatalf("without a config: exit %d", code)
	}
	if err := os.WriteFile(".dplint.yaml", []byte("strict: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "", "lint", "--oneline", "empty.json")
	if code != cli.ExitFindings || !strings.Contains(out, "[DP0007 not-a-definition]") {
		t.Errorf("strict: true: exit %d\n%s", code, out)
	}
}
