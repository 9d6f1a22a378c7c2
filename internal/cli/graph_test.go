package cli_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/testenv"
)

// TestGraphGoldens draws each testdata/graph fixture in every format and
// compares the output with testdata/graph/<case>.<format>.golden; a few
// more goldens hold --focus and --pipeline. Drawing exits 0 with nothing
// on stderr, findings or not.
func TestGraphGoldens(t *testing.T) {
	inRepoRoot(t)
	g := goldie.New(t, goldie.WithFixtureDir("testdata/graph"), goldie.WithNameSuffix(".golden"))
	type variant struct {
		name string
		args []string
	}
	cases := map[string][]variant{}
	for _, f := range lintableFiles(t, "testdata/graph") {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		for _, format := range []string{"mermaid", "dot", "svg"} {
			cases[f] = append(cases[f], variant{base + "." + format, []string{"--format", format}})
		}
	}
	if len(cases) < 6 {
		t.Fatalf("only %d fixtures in testdata/graph", len(cases))
	}
	cases["testdata/graph/cycle.json"] = append(cases["testdata/graph/cycle.json"],
		variant{"cycle.focus-report.mermaid", []string{"--focus", "Report", "--depth", "1"}})
	cases["testdata/graph/two-pipelines.yaml"] = append(cases["testdata/graph/two-pipelines.yaml"],
		variant{"two-pipelines.pipeline-ondemand.mermaid", []string{"--pipeline", "OnDemand"}},
		variant{"two-pipelines.pipeline-ondemand.dot", []string{"--pipeline", "OnDemand", "--format", "dot"}})
	for f, variants := range cases {
		for _, v := range variants {
			t.Run(v.name, func(t *testing.T) {
				out, errOut, code := run(t, "", append(append([]string{"graph"}, v.args...), f)...)
				if code != cli.ExitOK || errOut != "" {
					t.Fatalf("exit %d, stderr:\n%s", code, errOut)
				}
				g.Assert(t, v.name, []byte(out))
			})
		}
	}
}

func TestGraphCommand(t *testing.T) {
	inRepoRoot(t)
	scratch := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(scratch, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	broken := write("broken.json", "{\"objects\": [\n  {\"id\": \"A\",, }\n")
	brokenYAML := write("stack.yaml", "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: [a\n")
	pkg := write("package.json", `{"name": "web"}`)
	quiet := write("quiet.yaml", "rules:\n  disable: [invalid-number]\n")
	badConfig := write("bad.yaml", "rules:\n  disable: [no-such-rule]\n")
	small := "testdata/graph/small.json"
	tests := []struct {
		name      string
		args      []string
		stdin     string
		code      int
		stdout    []string
		notStdout []string
		stderr    []string
	}{
		{name: "default format is mermaid", args: []string{small}, stdout: []string{"flowchart LR\n", `p0_n5["Copy<br/>CopyActivity<br/>1 error"]`}},
		{name: "findings do not fail it", args: []string{"--format", "svg", small}, stdout: []string{"<svg ", "<title>Copy</title>"}},
		{name: "flags after the file", args: []string{small, "--format", "dot"}, stdout: []string{"digraph dplint {"}},
		{name: "stdin", args: []string{"-"}, stdin: `{"objects": [{"id": "A", "type": "Ec2Resource"}]}`, stdout: []string{`"#60;stdin#62;`, `A<br/>Ec2Resource`}},
		{name: "config disables a rule", args: []string{"--config", quiet, small}, stdout: []string{`p0_n5["Copy<br/>CopyActivity"]`}},
		{name: "bad config", args: []string{"--config", badConfig, small}, code: cli.ExitUsage, stderr: []string{"no-such-rule"}},
		{name: "unknown format", args: []string{"--format", "png", small}, code: cli.ExitUsage, stderr: []string{"--format must be mermaid, dot, svg"}},
		{name: "depth without focus", args: []string{"--depth", "2", small}, code: cli.ExitUsage, stderr: []string{"--depth goes with --focus"}},
		{name: "negative depth", args: []string{"--focus", "Copy", "--depth", "-1", small}, code: cli.ExitUsage, stderr: []string{"--depth must be 0 or more"}},
		{name: "focus", args: []string{"--focus", "Rows", small}, stdout: []string{"Rows<br/>CSV", "Input<br/>S3DataNode"}, notStdout: []string{"Copy"}},
		{name: "unknown focus names the closest", args: []string{"--focus", "Wroker", small}, code: cli.ExitUsage,
			stderr: []string{`dplint: testdata/graph/small.json: --focus: no object "Wroker" (did you mean "Worker"?)`}},
		{name: "no file", args: nil, code: cli.ExitUsage, stderr: []string{"give exactly one FILE"}},
		{name: "two files", args: []string{small, small}, code: cli.ExitUsage, stderr: []string{"give exactly one FILE"}},
		{name: "missing file", args: []string{"nope.json"}, code: cli.ExitUsage, stderr: []string{"nope.json"}},
		{name: "broken JSON", args: []string{broken}, code: cli.ExitUsage, stderr: []string{"broken.json:2:", ": error: ", "cannot draw"}},
		{name: "broken YAML", args: []string{brokenYAML}, code: cli.ExitUsage, stderr: []string{"stack.yaml:4:", ": error: "}},
		{name: "not a definition", args: []string{pkg}, code: cli.ExitUsage, stderr: []string{"package.json holds no pipeline definition"}},
		{name: "unknown pipeline", args: []string{"--pipeline", "Weekly", "testdata/graph/two-pipelines.yaml"}, code: cli.ExitUsage,
			stderr: []string{`has no pipeline "Weekly"`}},
		{name: "help", args: []string{"--help"}, stderr: []string{"Usage: dplint graph", "--focus ID", "--depth"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := run(t, tc.stdin, append([]string{"graph"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errOut)
			}
			expectOutput(t, out, errOut, tc.stdout, tc.notStdout, tc.stderr)
			if strings.Contains(errOut, "panic") {
				t.Errorf("panic:\n%s", errOut)
			}
		})
	}
}

// TestGraphDocExample: the Mermaid example in docs/commands.md is what
// dplint graph prints for testdata/graph/small.json.
func TestGraphDocExample(t *testing.T) {
	inRepoRoot(t)
	doc := section(readDoc(t, "docs/commands.md"), "`dplint graph`")
	_, block, ok := strings.Cut(doc, "```mermaid\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatal("docs/commands.md's graph section has no mermaid block")
	}
	out, _, code := run(t, "", "graph", "testdata/graph/small.json")
	if code != cli.ExitOK || out != block {
		t.Errorf("the example differs from what dplint graph prints (exit %d):\n%s", code, out)
	}
}

// TestGraphCorpus draws every file of ../shared/corpus that lint reads,
// in every format: each must be drawn (exit 0). The one exception is a
// file whose text the reader could not get through (lint's DP0001 at the
// place it stopped, and nothing else): there is no pipeline to draw, and
// graph must say where, as lint does, and exit 2.
func TestGraphCorpus(t *testing.T) {
	inRepoRoot(t)
	corpus := filepath.Join(testenv.SharedDir(t), "corpus")
	drawn, refused := 0, 0
	err := filepath.WalkDir(corpus, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".json", ".yaml", ".yml", ".template", ".tf":
		default:
			return nil
		}
		lintOut, lintErr, lintCode := run(t, "", "lint", "--oneline", "--verbose", path)
		if strings.Contains(lintErr, "skipped") || lintCode > cli.ExitFindings {
			return nil // not a file lint reads
		}
		rel, _ := filepath.Rel(corpus, path)
		for _, format := range []string{"mermaid", "dot", "svg"} {
			out, errOut, code := run(t, "", "graph", "--format", format, path)
			if code == cli.ExitUsage && strings.HasSuffix(errOut, "(cannot draw a file that cannot be read)\n") {
				where, _, _ := strings.Cut(errOut, ": error: ")
				if strings.TrimSpace(lintOut) == "" || !strings.HasPrefix(lintOut, where+": error: ") ||
					!strings.HasSuffix(strings.TrimSpace(lintOut), "[DP0001 invalid-json]") || strings.Count(lintOut, "\n") != 1 {
					t.Errorf("%s (%s): refused as unreadable, but lint reads it:\n%s\nlint:\n%s", rel, format, errOut, lintOut)
				}
				refused++
				return nil
			}
			if code != cli.ExitOK || errOut != "" || out == "" {
				t.Errorf("%s (%s): exit %d, stderr:\n%s", rel, format, code, errOut)
			}
		}
		drawn++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if drawn < 50 {
		t.Errorf("only %d corpus files drawn", drawn)
	}
	t.Logf("drew %d corpus files in every format; %d could not be read", drawn, refused)
}
