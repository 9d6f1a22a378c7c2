package definition_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/source"
)

// TestAWSCLIPutPipelineDefinition proves that ToAPI gives exactly what the
// real AWS CLI (v1) sends for
//
//	aws datapipeline put-pipeline-definition --pipeline-id df-TEST --pipeline-definition file://FILE
//
// and that dplint knows when the CLI sends nothing. The CLI talks to a local
// recorder (awsfake), on every CLI-form file under the repository's
// testdata/ and rules/testdata/ and in the shared corpus that Python's json module reads. For
// each file, dplint's own lint.AWSOutcome says whether the CLI refuses it:
//   - If the CLI sent a request, dplint must not have predicted a refusal,
//     the request must be one PutPipelineDefinition, and its body, less
//     "pipelineId", must equal ToAPI's output as a JSON value.
//   - If the CLI sent nothing, dplint must have predicted a refusal, and the
//     CLI's stderr must be exactly that refusal, as the CLI prints it.
func TestAWSCLIPutPipelineDefinition(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	root := testenv.RepoRoot(t)
	linter, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// One kept-running CLI per CPU: starting the AWS CLI for every file was
	// nearly all of this test's time.
	r := &cliRunner{cli: awsfake.NewCLI(t, aws, max(2, runtime.NumCPU())), linter: linter}
	start := time.Now()

	var testdata, corpus cliCounts
	corpusPresent := false
	t.Run("testdata", func(t *testing.T) {
		r.runAll(t, filepath.Join(root, "testdata"), &testdata)
	})
	t.Run("rules-testdata", func(t *testing.T) {
		r.runAll(t, filepath.Join(root, "rules", "testdata"), &testdata)
	})
	t.Run("corpus", func(t *testing.T) {
		dir := filepath.Join(testenv.SharedDir(t), "corpus")
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			t.Fatalf("the shared folder has no corpus/: %v", err)
		}
		corpusPresent = true
		r.runAll(t, dir, &corpus)
	})
	t.Logf("compared %d testdata and %d corpus files with the AWS CLI's request; "+
		"%d testdata and %d corpus files refused by it; in %s",
		testdata.compared.Load(), corpus.compared.Load(), testdata.refused.Load(), corpus.refused.Load(),
		time.Since(start).Round(100*time.Millisecond))

	// The test must not pass by comparing nothing. A -run pattern that picks
	// single files legitimately compares fewer.
	if f := flag.Lookup("test.run"); f != nil && strings.Contains(f.Value.String(), "/") {
		return
	}
	if n := testdata.compared.Load() + corpus.compared.Load(); n < 5 {
		t.Errorf("only %d files were compared with the AWS CLI's request; want at least 5", n)
	}
	if corpusPresent && corpus.compared.Load() < 5 {
		t.Errorf("only %d corpus files were compared with the AWS CLI's request; want at least 5", corpus.compared.Load())
	}
}

// cliRunner runs the AWS CLI on each file.
type cliRunner struct {
	cli    *awsfake.CLI
	linter *lint.Linter
}

// cliCounts counts the files of one directory whose request was compared
// with ToAPI's output, and those the CLI refused.
type cliCounts struct{ compared, refused atomic.Int64 }

// runAll runs one parallel subtest per CLI-form file under dir, named by
// its path below dir.
func (r *cliRunner) runAll(t *testing.T, dir string, counts *cliCounts) {
	files := cliFormFiles(t, dir)
	if len(files) == 0 {
		t.Fatalf("no CLI-form definition under %s", dir)
	}
	for _, rel := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			if r.check(t, path) {
				counts.compared.Add(1)
			} else {
				counts.refused.Add(1)
			}
		})
	}
}

// cliFormFiles walks dir for *.json files that Python's json module reads
// (source.Parse finds no problem but duplicate keys) and that Detect calls
// the CLI form. It returns slash-separated paths relative to dir, sorted.
func cliFormFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sf := source.Parse(path, data)
		for _, p := range sf.Problems {
			if p.Fatal() || p.Kind != source.DuplicateKey {
				return nil
			}
		}
		if definition.Detect(sf) != definition.CLI {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	sort.Strings(out)
	return out
}

// check runs the CLI on one file and reports whether the CLI sent a request
// (which was then compared with ToAPI's output).
func (r *cliRunner) check(t *testing.T, path string) (sent bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res := r.linter.Lint(path, data)
	if res.Err != nil || len(res.Definitions) != 1 {
		t.Fatalf("lint: %d definitions, error %v", len(res.Definitions), res.Err)
	}
	refusal, _ := lint.AWSOutcome(res.Definitions[0].Diagnostics)

	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := awsfake.New(t)
	stdout, stderr, code := r.cli.Run(t, srv, "datapipeline", "put-pipeline-definition",
		"--pipeline-id", "df-TEST", "--pipeline-definition", "file://"+abs)
	reqs := srv.Requests()

	if len(reqs) == 0 {
		if refusal == "" {
			t.Fatalf("the AWS CLI sent nothing (exit %d), but dplint says it sends the file; stderr:\n%s", code, stderr)
		}
		if code == 0 {
			t.Errorf("the AWS CLI sent nothing, yet exited 0; stdout:\n%s", stdout)
		}
		if want := "\n" + refusal + "\n"; stderr != want {
			t.Errorf("the AWS CLI's refusal differs from dplint's (exit %d)\n dplint: %q\nAWS CLI: %q", code, want, stderr)
		}
		return false
	}

	if refusal != "" {
		t.Errorf("dplint says the AWS CLI refuses the file, but it sent a request\ndplint's refusal:\n%s\nthe AWS CLI sent:\n%s", refusal, reqs[0].Body)
	}
	if code != 0 {
		t.Fatalf("the AWS CLI failed (exit %d); stderr:\n%s", code, stderr)
	}
	if len(reqs) != 1 {
		t.Fatalf("the AWS CLI made %d calls; want exactly 1 (stderr:\n%s)", len(reqs), stderr)
	}
	if q := reqs[0]; q.Method != "POST" || q.Target != "DataPipeline.PutPipelineDefinition" ||
		!strings.HasPrefix(q.ContentType, "application/x-amz-json-1.1") {
		t.Fatalf("unexpected request: %s, X-Amz-Target %q, Content-Type %q", q.Method, q.Target, q.ContentType)
	}
	sentJSON, err := trDecode(reqs[0].Body)
	if err != nil {
		t.Fatalf("the recorded body is not JSON: %v\n%s", err, reqs[0].Body)
	}
	body, ok := sentJSON.(map[string]any)
	if !ok {
		t.Fatalf("the recorded body is not a JSON object:\n%s", reqs[0].Body)
	}
	if body["pipelineId"] != "df-TEST" {
		t.Errorf("pipelineId = %v; want df-TEST", body["pipelineId"])
	}
	delete(body, "pipelineId")

	// ToAPI refuses some files the CLI refuses too (no "objects" list); it
	// must not fail on any file the CLI sends.
	ours, err := definition.ToAPI(definition.Read(path, res.Source))
	if err != nil {
		t.Fatalf("ToAPI: %v", err)
	}
	// Both sides go through encoding/json, which reads a lone UTF-16
	// surrogate escape ("\ud800", which Python writes for one) as U+FFFD:
	// the comparison cannot tell those apart.
	got, err := trDecode(ojson.Marshal(ours))
	if err != nil {
		t.Fatalf("ToAPI's output is not JSON: %v", err)
	}
	if !reflect.DeepEqual(got, any(body)) {
		t.Errorf("ToAPI differs from the AWS CLI's request body at %s\nthe AWS CLI sent (less pipelineId):\n%s\nToAPI gives:\n%s",
			trFirstDiff(any(body), got, ""), trIndent(body), trIndent(got))
	}
	return true
}

// trDecode parses one JSON value, numbers as json.Number.
func trDecode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

func trIndent(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// trFirstDiff names the first place, as a JSON Pointer, where two
// decoded JSON values differ, to point at in a long definition.
func trFirstDiff(a, b any, at string) string {
	switch a := a.(type) {
	case map[string]any:
		if b, ok := b.(map[string]any); ok {
			keys := map[string]bool{}
			for k := range a {
				keys[k] = true
			}
			for k := range b {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				av, aok := a[k]
				bv, bok := b[k]
				if aok != bok {
					return at + "/" + source.PointerToken(k) + " (present on one side only)"
				}
				if !reflect.DeepEqual(av, bv) {
					return trFirstDiff(av, bv, at+"/"+source.PointerToken(k))
				}
			}
		}
	case []any:
		if b, ok := b.([]any); ok {
			for i := range min(len(a), len(b)) {
				if !reflect.DeepEqual(a[i], b[i]) {
					return trFirstDiff(a[i], b[i], fmt.Sprintf("%s/%d", at, i))
				}
			}
			if len(a) != len(b) {
				return fmt.Sprintf("%s (%d elements against %d)", at, len(a), len(b))
			}
		}
	}
	if at == "" {
		return "the top level"
	}
	return at
}
