package editorschema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dplint/dplint/internal/editorschema"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/schema/catalog"
)

var update = flag.Bool("update", false, "rewrite schema/dplint.schema.json from the catalog")

// editorFile is the committed schema, in schema/ (editors are pointed there).
var editorFile = filepath.Join("..", "..", "schema", "dplint.schema.json")

// TestEditorSchema: the committed editor schema is what the catalog
// generates, byte for byte.
func TestEditorSchema(t *testing.T) {
	got, err := editorschema.EditorSchema(catalog.Objects())
	if err != nil {
		t.Fatal(err)
	}
	again, err := editorschema.EditorSchema(catalog.Objects())
	if err != nil || !bytes.Equal(got, again) {
		t.Fatalf("EditorSchema is not deterministic (err %v)", err)
	}
	if *update {
		if err := os.WriteFile(editorFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(editorFile)
	if err != nil {
		t.Fatalf("%v; run: go test ./internal/editorschema -run TestEditorSchema -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with the catalog (first difference at line %d); run: go test ./internal/editorschema -run TestEditorSchema -update",
			editorFile, firstDiffLine(got, want))
	}
}

func firstDiffLine(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

// editorSchema compiles the committed editor schema.
func editorSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(editorFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(editorschema.EditorURL, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(editorschema.EditorURL)
	if err != nil {
		t.Fatalf("compiling %s: %v", editorFile, err)
	}
	return sch
}

func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// failures lists a validation error's leaves as "pointer: message".
func failures(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{err.Error()}
	}
	var out []string
	for _, e := range ve.BasicOutput().Errors {
		if e.Error != "" && !strings.HasPrefix(e.Error, "doesn't validate with") && !strings.HasPrefix(e.Error, "if-") &&
			!strings.HasPrefix(e.Error, "anyOf failed") && !strings.HasPrefix(e.Error, "allOf failed") {
			out = append(out, e.InstanceLocation+": "+e.Error)
		}
	}
	sort.Strings(out)
	return out
}

// TestEditorSchemaAcceptsOK: every file under testdata/ok with an
// "objects" key validates.
func TestEditorSchemaAcceptsOK(t *testing.T) {
	sch := editorSchema(t)
	root := filepath.Join(testenv.RepoRoot(t), "testdata", "ok")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		v, err := decode(data)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		if m, ok := v.(map[string]any); !ok || m["objects"] == nil {
			return nil
		}
		n++
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s does not validate:\n  %s", path, strings.Join(failures(err), "\n  "))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no file under testdata/ok has an objects key")
	}
}

// corpusDefects are the corpus files the editor schema rejects, each for a
// real defect of the file (dplint reports the same, see
// testdata/corpus-expectations.txt). TestEditorSchemaCorpus fails if one of
// them starts to validate, so the list stays minimal.
var corpusDefects = map[string]string{
	"awslabs__data-pipeline-samples/at-51e47fd__samples__sqoop__SampleSqoopRDSToRedshift.json": "'password' on a RedshiftDatabase, whose field is '*password' (a later version of the sample fixes it)",
	"awslabs__data-pipeline-samples/samples__kinesis__kinesis-to-s3.json":                      "'15 Period' is not a period (a whole number and minutes, hours, days, ...): a slip in the sample",
}

// TestEditorSchemaCorpus: every CLI-form definition in the shared corpus
// that encoding/json reads validates, but for corpusDefects.
func TestEditorSchemaCorpus(t *testing.T) {
	dir := filepath.Join(testenv.SharedDir(t), "corpus")
	sch := editorSchema(t)
	n := 0
	failed := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		v, err := decode(data)
		if err != nil {
			return nil // not JSON encoding/json reads: dplint's own parser's business
		}
		if m, ok := v.(map[string]any); !ok {
			return nil
		} else if _, ok := m["objects"].([]any); !ok {
			return nil // not the CLI form
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		n++
		err = sch.Validate(v)
		if err != nil {
			failed[rel] = true
		}
		if _, known := corpusDefects[rel]; err != nil && !known {
			t.Errorf("%s does not validate:\n  %s", rel, strings.Join(failures(err), "\n  "))
		} else if err != nil {
			t.Logf("%s: rejected as expected:\n  %s", rel, strings.Join(failures(err), "\n  "))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no CLI-form definition found in the corpus")
	}
	for rel, why := range corpusDefects {
		if !failed[rel] {
			t.Errorf("%s validates now (or is gone); drop it from corpusDefects (%s)", rel, why)
		}
	}
	t.Logf("%d CLI-form corpus files checked, %d of them rejected as listed in corpusDefects", n, len(failed))
}

// TestEditorSchemaCases: inline files, each wrong in one place (which must
// be among the failures) or right in a way the schema must allow.
func TestEditorSchemaCases(t *testing.T) {
	sch := editorSchema(t)
	obj := func(fields string) string { return `{"objects": [` + fields + `]}` }
	bad := []struct {
		name, in, at string
	}{
		{"unknown type", obj(`{"id": "a", "type": "Ec2Instance"}`), "/objects/0/type"},
		{"type in the wrong case", obj(`{"id": "a", "type": "EC2Resource"}`), "/objects/0/type"},
		{"ref field given a number", obj(`{"id": "a", "type": "ShellCommandActivity", "command": "x", "runsOn": 3}`), "/objects/0/runsOn"},
		{"ref whose id is a number", obj(`{"id": "a", "type": "ShellCommandActivity", "runsOn": {"ref": 3}}`), "/objects/0/runsOn/ref"},
		{"ref field given a plain string", obj(`{"id": "a", "type": "ShellCommandActivity", "runsOn": "Worker"}`), "/objects/0/runsOn"},
		{"reference in a string field", obj(`{"id": "a", "type": "ShellCommandActivity", "command": {"ref": "b"}}`), "/objects/0/command"},
		{"misspelt enum value", obj(`{"id": "a", "type": "ShellCommandActivity", "scheduleType": "crom"}`), "/objects/0/scheduleType"},
		{"misspelt enum value on Default", obj(`{"id": "Default", "failureAndRerunMode": "cascades"}`), "/objects/0/failureAndRerunMode"},
		{"unknown field on a typed object", obj(`{"id": "a", "type": "RedshiftDatabase", "password": "x"}`), "/objects/0"},
		{"user field without an upper-case letter", obj(`{"id": "a", "type": "Schedule", "mynote": "x"}`), "/objects/0"},
		{"runtime field", obj(`{"id": "a", "type": "ShellCommandActivity", "@status": "RUNNING"}`), "/objects/0"},
		{"bad period", obj(`{"id": "a", "type": "Schedule", "period": "15 Period"}`), "/objects/0/period"},
		{"bad datetime", obj(`{"id": "a", "type": "Schedule", "startDateTime": "2026-01-01 00:00:00"}`), "/objects/0/startDateTime"},
		{"bad integer", obj(`{"id": "a", "type": "ShellCommandActivity", "maximumRetries": "three"}`), "/objects/0/maximumRetries"},
		{"number not a string", obj(`{"id": "a", "type": "ShellCommandActivity", "maximumRetries": 3}`), "/objects/0/maximumRetries"},
		{"bad boolean", obj(`{"id": "a", "type": "ShellCommandActivity", "stage": "yes"}`), "/objects/0/stage"},
		{"list in a single-valued field", obj(`{"id": "a", "type": "ShellCommandActivity", "command": ["a", "b"]}`), "/objects/0/command"},
		{"no id", obj(`{"type": "Schedule"}`), "/objects/0"},
		{"number in a template", obj(`{"id": "t", "myX": 1}`), "/objects/0/myX"},
		{"parameter attribute not a string", `{"parameters": [{"id": "myX", "optional": true}]}`, "/parameters/0/optional"},
		{"value not a string", `{"values": {"myX": 5}}`, "/values/myX"},
	}
	for _, tt := range bad {
		v, err := decode([]byte(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		err = sch.Validate(v)
		if err == nil {
			t.Errorf("%s: validates, want a failure at %s", tt.name, tt.at)
			continue
		}
		got := failures(err)
		found := false
		for _, f := range got {
			found = found || strings.HasPrefix(f, tt.at+": ")
		}
		if !found {
			t.Errorf("%s: no failure at %s:\n  %s", tt.name, tt.at, strings.Join(got, "\n  "))
		}
	}

	good := []struct{ name, in string }{
		{"enum in upper case", obj(`{"id": "a", "type": "ShellCommandActivity", "scheduleType": "CRON", "failureAndRerunMode": "Cascade"}`)},
		{"expressions in typed fields", obj(`{"id": "a", "type": "Schedule", "period": "#{myPeriod}", "startDateTime": "${start}", "occurrences": "#{myN}"}`)},
		{"expression in an enum and a ref field", obj(`{"id": "a", "type": "ShellCommandActivity", "scheduleType": "${type}", "runsOn": "#{myRes}"}`)},
		{"expression as the type", obj(`{"id": "a", "type": "${kind}", "anything": "x"}`)},
		{"lists", obj(`{"id": "a", "type": "ShellCommandActivity", "dependsOn": [{"ref": "b"}], "onFail": {"ref": "c"}, "scriptArgument": ["1", "#{x}"]}`)},
		{"periods and datetimes", obj(`{"id": "a", "type": "Schedule", "period": " 1 Day ", "startDateTime": "2026-02-28T23:59:59"}`)},
		{"user fields", obj(`{"id": "a", "type": "Schedule", "myNote": "x", "my_list": ["a", {"ref": "b"}]}`)},
		{"template with fields of several types", obj(`{"id": "t", "runsOn": {"ref": "r"}, "command": "x", "period": "1 hour", "whatever": "y"}`)},
		{"Default with a type and fields of other types", obj(`{"id": "Default", "type": "Default", "terminateAfter": "1 hour", "region": "us-east-1"}`)},
		{"hybrid object", obj(`{"id": "a", "name": "a", "fields": [{"key": "type", "stringValue": "Schedule"}, {"key": "x", "refValue": "b"}]}`)},
		{"parameters and values", `{"objects": [], "parameters": [{"id": "myX", "type": "String", "allowedValues": ["a", "b"]}], "values": {"myX": "a", "myY": ["1", "2"]}, "metadata": {"a": [1]}, "other": 1}`},
	}
	for _, tt := range good {
		v, err := decode([]byte(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: does not validate:\n  %s", tt.name, strings.Join(failures(err), "\n  "))
		}
	}
}

// TestEditorSchemaSmallCatalog: a case-sensitive enumeration takes its
// values as written only, and a field two types give different kinds keeps
// only the generic shape on untyped objects.
func TestEditorSchemaSmallCatalog(t *testing.T) {
	fsys := fstest.MapFS{
		"c/A.json": {Data: []byte(`{"type": "A", "category": "Activity", "page": "a.md", "description": "A.", "fields": [
			{"name": "x", "kind": "enum", "values": ["a", "b"], "caseSensitive": true, "description": "X."},
			{"name": "y", "kind": "string", "description": "Y as a string."}]}`)},
		"c/B.json": {Data: []byte(`{"type": "B", "category": "Activity", "page": "b.md", "description": "B.", "fields": [
			{"name": "y", "kind": "integer", "description": "Y as a number."}]}`)},
	}
	c, err := catalog.Load(fsys, "c")
	if err != nil {
		t.Fatal(err)
	}
	data, err := editorschema.EditorSchema(c)
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft2020
	if err := comp.AddResource(editorschema.EditorURL, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	sch, err := comp.Compile(editorschema.EditorURL)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]bool{
		`{"objects": [{"id": "1", "type": "A", "x": "a", "y": "text"}]}`: true,
		`{"objects": [{"id": "1", "type": "A", "x": "A"}]}`:              false,
		`{"objects": [{"id": "1", "type": "A", "x": "#{myX}"}]}`:         true,
		`{"objects": [{"id": "1", "type": "B", "y": "text"}]}`:           false,
		`{"objects": [{"id": "1", "y": {"ref": "2"}}]}`:                  true, // no shape: the types disagree
		`{"objects": [{"id": "1", "type": "C"}]}`:                        false,
	} {
		v, err := decode([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); (err == nil) != want {
			t.Errorf("%s: valid = %v, want %v (%v)", in, err == nil, want, err)
		}
	}
}
