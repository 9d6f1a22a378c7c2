package testenv

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// SARIFSchema compiles the OASIS SARIF 2.1.0 schema kept in
// testdata/sarif, in the draft its own "$schema" names (the OASIS file
// says draft-04, the SchemaStore copy draft-07).
func SARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(RepoRoot(t), "testdata", "sarif", "sarif-schema-2.1.0.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		Schema string `json:"$schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	switch strings.TrimSuffix(head.Schema, "#") {
	case "http://json-schema.org/draft-04/schema":
		c.Draft = jsonschema.Draft4
	case "http://json-schema.org/draft-07/schema":
		c.Draft = jsonschema.Draft7
	default:
		t.Fatalf("%s: unexpected $schema %q", path, head.Schema)
	}
	const url = "file:///sarif-schema-2.1.0.json"
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}
