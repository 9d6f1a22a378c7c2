package schema

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// defSchemas compiles each object $def on its own, to ask the validator
// about one object.
func defSchemas(t testing.TB) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(filesURL, bytes.NewReader(filesSchema)); err != nil {
		t.Fatal(err)
	}
	out := map[string]*jsonschema.Schema{}
	for _, def := range []string{"cliObject", "hybridObject", "apiObject"} {
		s, err := c.Compile(filesURL + "#/$defs/" + def)
		if err != nil {
			t.Fatal(err)
		}
		out[def] = s
	}
	return out
}

// checkPlain fails when plainObject calls an object plain that the
// validator refuses (the one way the shortcut could change an answer).
func checkPlain(t testing.TB, schemas map[string]*jsonschema.Schema, n *source.Node) (plain int) {
	t.Helper()
	for def, s := range schemas {
		if !plainObject(def, n) {
			continue
		}
		plain++
		if err := s.Validate(instance(n, map[string]string{})); err != nil {
			t.Errorf("plainObject(%s) accepts an object the schema refuses: %v\n%s", def, err, n.Describe())
		}
	}
	return plain
}

// mutations are objects made from a plain one by breaking one thing in
// the ways files go wrong.
func mutations(text string) []string {
	var out []string
	for _, bad := range []string{`1`, `null`, `true`, `{}`, `{"ref": 1}`, `{"ref": "a", "x": "b"}`, `[1]`, `[["a"]]`, `[{"ref": null}]`, `{"Ref": "a"}`} {
		out = append(out,
			strings.Replace(text, `"id": "A"`, `"id": `+bad, 1),
			strings.Replace(text, `"name": "A"`, `"name": `+bad, 1),
			strings.Replace(text, `"x": "v"`, `"x": `+bad, 1),
			strings.Replace(text, `"stringValue": "v"`, `"stringValue": `+bad, 1),
			strings.Replace(text, `"key": "x"`, `"key": `+bad, 1),
		)
	}
	return append(out,
		strings.Replace(text, `"id": "A", `, ``, 1),
		strings.Replace(text, `"name": "A", `, ``, 1),
		strings.Replace(text, `"x": "v"`, `"x": "v", "x": 1`, 1),
		strings.Replace(text, `"stringValue": "v"`, `"stringValue": "v", "refValue": "w"`, 1),
		strings.Replace(text, `"stringValue": "v"`, `"other": "v"`, 1),
		strings.Replace(text, `"fields": [`, `"extra": "e", "fields": [`, 1),
		strings.Replace(text, `"fields": [`, `"fields": "not a list", "f": [`, 1),
	)
}

// TestPlainObjectsAreValid: every object plainObject lets skip the
// validator, the validator accepts — over hand-made mutations, every
// object of the repository's test files, and the shared corpus.
func TestPlainObjectsAreValid(t *testing.T) {
	schemas := defSchemas(t)
	seeds := []string{
		`{"id": "A", "name": "A", "x": "v", "y": {"ref": "B"}, "z": ["a", {"ref": "C"}]}`,
		`{"id": "A", "name": "A", "fields": [{"key": "x", "stringValue": "v"}, {"key": "y", "refValue": "B"}]}`,
	}
	plain := 0
	for _, seed := range seeds {
		for _, text := range append([]string{seed}, mutations(seed)...) {
			f := source.Parse("m.json", []byte(text))
			if f.Root != nil {
				plain += checkPlain(t, schemas, f.Root)
			}
		}
	}
	if plain < 3 {
		t.Fatalf("only %d plain objects among the seeds: the test would check nothing", plain)
	}
	root := testenv.RepoRoot(t)
	if n := checkObjectsUnder(t, schemas, filepath.Join(root, "testdata"), filepath.Join(root, "rules", "testdata")); n < 100 {
		t.Errorf("only %d objects read from the test files", n)
	}
}

// TestPlainCorpusObjectsAreValid is the same over the shared corpus.
func TestPlainCorpusObjectsAreValid(t *testing.T) {
	if n := checkObjectsUnder(t, defSchemas(t), filepath.Join(testenv.SharedDir(t), "corpus")); n < 100 {
		t.Errorf("only %d objects read from the corpus", n)
	}
}

// FuzzPlainObject: no object the fuzzer makes is plain and refused.
func FuzzPlainObject(f *testing.F) {
	for _, s := range mutations(`{"id": "A", "name": "A", "x": "v", "fields": [{"key": "x", "stringValue": "v"}]}`) {
		f.Add([]byte(s))
	}
	schemas := defSchemas(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if sf := source.Parse("f.json", data); sf.Root != nil {
			checkPlain(t, schemas, sf.Root)
			checkPlainFile(t, sf.Root)
		}
	})
}

// checkObjectsUnder checks every object of every JSON file under dirs and
// returns how many it read.
func checkObjectsUnder(t *testing.T, schemas map[string]*jsonschema.Schema, dirs ...string) int {
	objects := 0
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil || !json.Valid(data) {
				return nil
			}
			f := source.Parse(path, data)
			checkPlainFile(t, f.Root)
			for _, key := range []string{"objects", "pipelineObjects"} {
				if list := f.Root.Get(key); list != nil && list.Kind == source.Array {
					for _, e := range list.Elems {
						objects++
						checkPlain(t, schemas, e)
					}
				}
			}
			return nil
		})
	}
	return objects
}

// checkPlainFile fails when plainFile calls a file plain for a shape that
// the validator finds something wrong with.
func checkPlainFile(t testing.TB, root *source.Node) {
	t.Helper()
	schemas, _ := compiled()
	for shape, sch := range schemas {
		if plainFile(shape, root) {
			if err := sch.Validate(instance(root, map[string]string{})); err != nil {
				t.Errorf("plainFile(%s) accepts a file the schema refuses: %v", shape, err)
			}
		}
	}
}

// TestPlainFiles: whole files, plain or broken in one place.
func TestPlainFiles(t *testing.T) {
	for _, text := range []string{
		`{"objects": [{"id": "A", "x": ["a", {"ref": "B"}]}], "parameters": [{"id": "myA", "type": "String"}], "values": {"myA": ["1", "2"]}}`,
		`{"objects": [{"id": "A"}], "values": {"myA": 1}}`,
		`{"objects": [{"id": "A"}], "parameters": [{"id": 1}]}`,
		`{"objects": {"id": "A"}}`,
		`{"parameters": [{"id": "myA", "type": ["a", 1]}]}`,
		`{"pipelineObjects": [{"id": "A", "name": "A", "fields": []}], "parameterObjects": [{"id": "p", "attributes": [{"key": "type", "stringValue": "String"}]}], "parameterValues": [{"id": "p", "stringValue": "v"}]}`,
		`{"pipelineObjects": [], "parameterObjects": [{"id": "p", "attributes": [{"key": "type"}]}]}`,
		`{"pipelineObjects": [], "parameterValues": [{"id": "p", "stringValue": "v", "x": 1}]}`,
		`{"objects": [{"id": "A", "fields": [{"key": "k", "refValue": "B"}]}], "parameters": [{"id": "p", "attributes": []}], "parameterValues": []}`,
	} {
		checkPlainFile(t, source.Parse("f.json", []byte(text)).Root)
	}
	if !plainFile(CLIFile, source.Parse("f.json", []byte(`{"objects": [{"id": "A"}], "values": {"myA": "1"}}`)).Root) {
		t.Error("a plain CLI file is not seen as plain: the shortcut would never be taken")
	}
}
