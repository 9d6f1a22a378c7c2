package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/internal/testenv"
)

// cfnLintResult is the part of cfn-lint's JSON output the test reads.
type cfnLintResult struct {
	Filename string
	Level    string
	Message  string
	Rule     struct {
		ID string `json:"Id"`
	}
	Location struct {
		Start struct{ LineNumber, ColumnNumber int }
		Path  []any
	}
}

// cfnLintOutsideDplint are cfn-lint rules that may fire on a pipeline
// resource without being a defect of the pipeline dplint checks, each with
// the reason. Nothing else is let through.
var cfnLintOutsideDplint = map[string]string{
	"W1020": "style advice: a !Sub without variables could be a plain string; the value is the same",
}

// cfnTemplates are the CloudFormation templates of testdata: every file
// below it that names the pipeline resource type.
func cfnTemplates(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".template", ".json":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte("AWS::DataPipeline::Pipeline")) && bytes.Contains(data, []byte("Resources")) {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestCFNLintPeer runs cfn-lint and dplint on the same CloudFormation
// templates (testdata's, then the corpus's) and asserts that every defect
// cfn-lint reports on a pipeline resource, dplint reports too, on the same
// line (a template cfn-lint cannot parse: dplint reports it unreadable, on
// the line cfn-lint names).
// What only dplint finds on testdata's templates is listed in
// testdata/cfn/peer.golden, so a change in either tool's coverage shows in
// review.
func TestCFNLintPeer(t *testing.T) {
	cfnLint := testenv.Tool(t, "cfn-lint")
	root := inRepoRoot(t)
	t.Run("testdata", func(t *testing.T) {
		files := append(cfnTemplates(t, "rules/testdata"), cfnTemplates(t, "testdata")...)
		if len(files) < 8 {
			t.Fatalf("only %d templates found in testdata", len(files))
		}
		list := peerCompare(t, cfnLint, files)
		goldie.New(t, goldie.WithFixtureDir("testdata/cfn"), goldie.WithNameSuffix(".golden")).Assert(t, "peer", []byte(list))
	})
	t.Run("corpus", func(t *testing.T) {
		corpus := filepath.Join(testenv.SharedDir(t), "corpus")
		t.Chdir(corpus)
		files := cfnTemplates(t, ".")
		if len(files) == 0 {
			t.Fatal("no CloudFormation template in the corpus")
		}
		t.Logf("what only dplint finds on the corpus's templates:\n%s", peerCompare(t, cfnLint, files))
		t.Chdir(root)
	})
}

// peerCompare runs both tools on files, fails the test for each cfn-lint
// finding on a pipeline resource dplint does not make, and returns the
// findings only dplint makes, one per line.
func peerCompare(t *testing.T, cfnLint string, files []string) string {
	t.Helper()
	cmd := exec.Command(cfnLint, append([]string{"--format", "json", "--"}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok || len(out) == 0 {
			t.Fatalf("cfn-lint: %v\n%s", err, stderr.String())
		}
	}
	var peer []cfnLintResult
	if err := json.Unmarshal(out, &peer); err != nil {
		t.Fatalf("cfn-lint output: %v\n%s", err, out)
	}

	// dplint's findings, by file and line.
	stdout, errOut, code := run(t, "", append([]string{"lint", "--format", "json", "--fail-level", "info"}, files...)...)
	if code > 1 {
		t.Fatalf("dplint exit %d: %s", code, errOut)
	}
	var doc struct {
		Diagnostics []struct {
			File       string
			Definition string
			Range      struct{ Start struct{ Line, Column int } }
			Rule       struct{ ID string }
			Message    string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("dplint output: %v", err)
	}
	type key struct {
		file string
		line int
	}
	ours := map[key][]string{}
	unreadable := map[key]bool{}
	for _, d := range doc.Diagnostics {
		k := key{d.File, d.Range.Start.Line}
		ours[k] = append(ours[k], d.Rule.ID)
		if d.Rule.ID == "DP9001" || d.Rule.ID == "DP0001" {
			unreadable[k] = true
		}
	}

	matched := map[key]bool{}
	for _, p := range peer {
		file := filepath.ToSlash(p.Filename)
		if p.Rule.ID == "E0000" {
			k := key{file, p.Location.Start.LineNumber}
			if !unreadable[k] {
				t.Errorf("%s:%d: cfn-lint cannot parse the template (%s); dplint does not say so on that line", file, k.line, p.Message)
			}
			matched[k] = true
			continue
		}
		if len(p.Location.Path) < 2 || p.Location.Path[0] != "Resources" || !isPipelineResource(t, file, fmt.Sprint(p.Location.Path[1])) {
			continue // not on a pipeline resource
		}
		if why, ok := cfnLintOutsideDplint[p.Rule.ID]; ok {
			t.Logf("%s:%d: cfn-lint %s left to cfn-lint (%s)", file, p.Location.Start.LineNumber, p.Rule.ID, why)
			continue
		}
		k := key{file, p.Location.Start.LineNumber}
		if len(ours[k]) == 0 {
			t.Errorf("%s:%d:%d: cfn-lint %s %q; dplint reports nothing on that line",
				file, k.line, p.Location.Start.ColumnNumber, p.Rule.ID, p.Message)
			continue
		}
		matched[k] = true
	}
	var only []string
	for _, d := range doc.Diagnostics {
		if !matched[key{d.File, d.Range.Start.Line}] {
			only = append(only, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Rule.ID, d.Message))
		}
	}
	sort.Strings(only)
	return strings.Join(only, "\n") + "\n"
}

var pipelineResources = map[string]map[string]bool{}

// isPipelineResource reports whether the template's resource is one of the
// pipelines dplint reads out of it.
func isPipelineResource(t *testing.T, file, logicalID string) bool {
	t.Helper()
	if pipelineResources[file] == nil {
		pipelineResources[file] = map[string]bool{}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range load.Read(file, data).Definitions {
			if d.Embedded != nil {
				pipelineResources[file][d.Embedded.Resource] = true
			}
		}
	}
	return pipelineResources[file][logicalID]
}
