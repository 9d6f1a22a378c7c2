package definition_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// TestAWSCLIPutPipelineDefinition proves that ToAPI gives exactly what the
// real AWS CLI (v1) sends for
//
//	aws datapipeline put-pipeline-definition --pipeline-id df-TEST --pipeline-definition file://FILE
//
// The CLI talks to a local recorder; the recorded request body, less its
// "pipelineId", must equal ToAPI's output as a JSON value. It runs on every
// CLI-form file under the repository's testdata/ and in the shared corpus
// that Python's json module reads. Where the CLI refuses a file before
// sending anything (botocore's parameter validation, or its translator
// failing on the file's shape), the test predicts that from the file and
// checks that the CLI indeed fails and sends nothing.
func TestAWSCLIPutPipelineDefinition(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	root := testenv.RepoRoot(t)
	r := &cliRunner{aws: aws, slots: make(chan struct{}, max(2, runtime.NumCPU()))}
	start := time.Now()

	var fromTestdata, fromCorpus atomic.Int64
	corpusPresent := false
	t.Run("testdata", func(t *testing.T) {
		dir := filepath.Join(root, "testdata")
		r.runAll(t, dir, &fromTestdata)
	})
	t.Run("corpus", func(t *testing.T) {
		dir := filepath.Join(testenv.SharedDir(t), "corpus")
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			t.Fatalf("the shared folder has no corpus/: %v", err)
		}
		corpusPresent = true
		r.runAll(t, dir, &fromCorpus)
	})
	t.Logf("compared %d testdata and %d corpus files with the AWS CLI's request in %s",
		fromTestdata.Load(), fromCorpus.Load(), time.Since(start).Round(100*time.Millisecond))

	// The test must not pass by comparing nothing. A -run pattern that picks
	// single files legitimately compares fewer.
	if f := flag.Lookup("test.run"); f != nil && strings.Contains(f.Value.String(), "/") {
		return
	}
	if n := fromTestdata.Load() + fromCorpus.Load(); n < 5 {
		t.Errorf("only %d files were compared with the AWS CLI's request; want at least 5", n)
	}
	if corpusPresent && fromCorpus.Load() < 5 {
		t.Errorf("only %d corpus files were compared with the AWS CLI's request; want at least 5", fromCorpus.Load())
	}
}

// cliRunner runs the AWS CLI, at most cap(slots) processes at a time.
type cliRunner struct {
	aws   string
	slots chan struct{}
}

// runAll runs one parallel subtest per CLI-form file under dir, named by
// its path below dir, and counts the files whose request was compared.
func (r *cliRunner) runAll(t *testing.T, dir string, compared *atomic.Int64) {
	files := cliFormFiles(t, dir)
	if len(files) == 0 {
		t.Fatalf("no CLI-form definition under %s", dir)
	}
	for _, rel := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			if r.check(t, path) {
				compared.Add(1)
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

// cliRequest is one request the recorder saw.
type cliRequest struct {
	method, path, target, contentType string
	body                              []byte
}

// cliRecorder is a PutPipelineDefinition endpoint that keeps every request and
// answers as the service does when it finds nothing wrong.
type cliRecorder struct {
	mu   sync.Mutex
	reqs []cliRequest
}

func (rec *cliRecorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, cliRequest{
		method: req.Method, path: req.URL.Path, target: req.Header.Get("X-Amz-Target"),
		contentType: req.Header.Get("Content-Type"), body: body,
	})
	rec.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	io.WriteString(w, `{"errored": false, "validationErrors": [], "validationWarnings": []}`)
}

func (rec *cliRecorder) requests() []cliRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]cliRequest(nil), rec.reqs...)
}

// check runs the CLI on one file and reports whether its request was
// compared with ToAPI's output.
func (r *cliRunner) check(t *testing.T, path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sf := source.Parse(path, data)
	def := definition.Read(path, sf)
	// ToAPI must not fail on any CLI-form file, whatever the CLI does with it.
	ours, err := definition.ToAPI(def)
	if err != nil {
		t.Fatalf("ToAPI: %v", err)
	}
	want := predictCLI(sf.Root)

	rec := &cliRecorder{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on 127.0.0.1: %v", err)
	}
	srv := httptest.NewUnstartedServer(rec)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	defer srv.Close()

	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	r.slots <- struct{}{}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	cmd := exec.CommandContext(ctx, r.aws, "datapipeline", "put-pipeline-definition",
		"--pipeline-id", "df-TEST", "--pipeline-definition", "file://"+abs,
		"--endpoint-url", srv.URL, "--region", "us-east-1", "--output", "json")
	home := t.TempDir()
	cmd.Dir = home
	cmd.Env = cliEnv(home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	timedOut := ctx.Err() != nil
	cancel()
	<-r.slots
	if timedOut {
		t.Fatalf("the AWS CLI did not finish within 60s; stderr:\n%s", stderr.String())
	}
	reqs := rec.requests()

	if want.outcome != cliSends {
		if runErr == nil {
			t.Errorf("the AWS CLI accepted the file, but it should refuse it (%s); stdout:\n%s", want.why, stdout.String())
		} else if _, ok := runErr.(*exec.ExitError); !ok {
			t.Fatalf("running the AWS CLI: %v", runErr)
		}
		if !strings.Contains(stderr.String(), want.stderr) {
			t.Errorf("the AWS CLI's error does not say %q (%s); stderr:\n%s", want.stderr, want.why, stderr.String())
		}
		if len(reqs) != 0 {
			t.Errorf("expected no request (%s); the recorder saw %d:\n%s", want.why, len(reqs), reqs[0].body)
		}
		t.Logf("refused as predicted: %s", want.why)
		return false
	}

	if runErr != nil {
		t.Fatalf("the AWS CLI failed: %v\nstderr:\n%s", runErr, stderr.String())
	}
	if len(reqs) != 1 {
		t.Fatalf("the recorder saw %d requests; want exactly 1 (stderr:\n%s)", len(reqs), stderr.String())
	}
	req := reqs[0]
	if req.method != http.MethodPost || req.target != "DataPipeline.PutPipelineDefinition" ||
		!strings.HasPrefix(req.contentType, "application/x-amz-json-1.1") {
		t.Fatalf("unexpected request: %s %s, X-Amz-Target %q, Content-Type %q", req.method, req.path, req.target, req.contentType)
	}
	sent, err := trDecode(req.body)
	if err != nil {
		t.Fatalf("the recorded body is not JSON: %v\n%s", err, req.body)
	}
	body, ok := sent.(map[string]any)
	if !ok {
		t.Fatalf("the recorded body is not a JSON object:\n%s", req.body)
	}
	if body["pipelineId"] != "df-TEST" {
		t.Errorf("pipelineId = %v; want df-TEST", body["pipelineId"])
	}
	delete(body, "pipelineId")

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

// cliEnv is the CLI's environment: the test's own, less every AWS_ variable,
// plus fake credentials, a fixed region, no config or credentials files, no
// instance metadata lookups, and an empty home.
func cliEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "HOME=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"AWS_ACCESS_KEY_ID=testing",
		"AWS_SECRET_ACCESS_KEY=testing",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
		"AWS_EC2_METADATA_DISABLED=true",
		"HOME="+home,
	)
}

// cliOutcome is what the AWS CLI does with a file.
type cliOutcome int

const (
	// cliSends: the CLI sends PutPipelineDefinition.
	cliSends cliOutcome = iota
	// cliRefusesParams: botocore's parameter validation refuses the
	// translated request ("Parameter validation failed"): a value that is
	// not a string where the API wants one, an empty id, key or reference,
	// or a reference among a parameter's attributes.
	cliRefusesParams
	// cliTranslatorFails: the CLI's own translator raises on the file's
	// shape (no "objects", an object without "id", a list that is not a
	// list) before anything is validated or sent.
	cliTranslatorFails
)

// cliPrediction is what predictCLI expects of the AWS CLI.
type cliPrediction struct {
	outcome cliOutcome
	why     string // every reason found, for messages
	// stderr is text the CLI's error message must hold: "Parameter
	// validation failed", or the translator's first error where it has its
	// own words (Python's AttributeError or TypeError text is not checked).
	stderr string
}

// predictCLI tells from a parsed CLI-form file what the AWS CLI does with
// it, following awscli/customizations/datapipeline/translator.py and the
// botocore service model of PutPipelineDefinition (ids, names, keys and
// references are strings of at least one character; string values are
// strings; attributes carry only key and stringValue). The translator runs
// over the whole file (objects, then parameters, then values) before
// validation, and its first error stops the CLI.
func predictCLI(root *source.Node) cliPrediction {
	var translator, params []string
	firstWords := "" // the translator's first error, where it has its own words
	fail := func(words, why string) {
		if len(translator) == 0 {
			firstWords = words
		}
		translator = append(translator, why)
	}
	// iterable mirrors Python's `for e in x`: a list gives its elements; an
	// empty dict or string gives nothing; a non-empty dict or string gives
	// keys or characters that the translator then fails on; anything else
	// is not iterable.
	iterable := func(n *source.Node, what string) []*source.Node {
		switch {
		case n.Kind == source.Array:
			return n.Elems
		case n.Kind == source.Object && len(n.Members) == 0, n.Kind == source.String && n.Text == "":
			return nil
		}
		fail("", what+" is "+n.Describe()+", not a list")
		return nil
	}
	str := func(n *source.Node, min int, where string) {
		switch {
		case n.Kind != source.String:
			params = append(params, where+" is "+n.Describe())
		case len([]rune(n.Text)) < min:
			params = append(params, where+" is empty")
		}
	}
	// element reads one object (withName) or parameter the way the
	// translator does: pop "id" (and "name"), then every other key sorted.
	element := func(e *source.Node, where string, withName bool) {
		if e.Kind != source.Object {
			fail("", where+" is "+e.Describe()+", not an object")
			return
		}
		id := e.Get("id")
		if id == nil {
			if withName {
				fail(`Missing "id" key of element`, where+` has no "id"`)
			} else {
				fail(`Missing "id" key of parameter`, where+` has no "id"`)
			}
			return
		}
		str(id, 1, where+".id")
		if name := e.Get("name"); withName && name != nil {
			str(name, 1, where+".name")
		}
		for _, k := range e.Keys() {
			if k == "id" || (withName && k == "name") {
				continue
			}
			if k == "" {
				params = append(params, where+" has an empty key")
			}
			v := e.Get(k)
			items := []*source.Node{v}
			if v.Kind == source.Array {
				items = v.Elems
			}
			for _, it := range items {
				if keys := it.Keys(); it.Kind == source.Object && len(keys) == 1 && keys[0] == "ref" {
					if withName {
						str(it.Get("ref"), 1, where+"."+k+" reference")
					} else {
						params = append(params, where+"."+k+" is a reference, and attributes take only strings")
					}
					continue
				}
				str(it, 0, where+"."+k)
			}
		}
	}

	if objs := root.Get("objects"); objs == nil {
		fail(`Missing "objects" key`, `no "objects" key`)
	} else {
		for i, e := range iterable(objs, "objects") {
			element(e, fmt.Sprintf("objects[%d]", i), true)
		}
	}
	if ps := root.Get("parameters"); ps != nil {
		for i, e := range iterable(ps, "parameters") {
			element(e, fmt.Sprintf("parameters[%d]", i), false)
		}
	}
	if vals := root.Get("values"); vals != nil {
		switch {
		case vals.Kind == source.Object:
			for _, k := range vals.Keys() {
				if k == "" {
					params = append(params, "values has an empty key")
				}
				v := vals.Get(k)
				items := []*source.Node{v}
				if v.Kind == source.Array {
					items = v.Elems
				}
				for _, it := range items {
					str(it, 0, "values."+k)
				}
			}
		case vals.Kind == source.Array && len(vals.Elems) == 0, vals.Kind == source.String && vals.Text == "":
			// `for key in values` gives nothing: the CLI sends
			// "parameterValues": [].
		default:
			// values[key] on a list or string, or iterating a scalar.
			fail("", "values is "+vals.Describe()+", not an object")
		}
	}
	switch {
	case len(translator) > 0:
		return cliPrediction{cliTranslatorFails, strings.Join(translator, "; "), firstWords}
	case len(params) > 0:
		return cliPrediction{cliRefusesParams, strings.Join(params, "; "), "Parameter validation failed"}
	}
	return cliPrediction{outcome: cliSends}
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
