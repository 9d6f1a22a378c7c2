package catalog_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dplint/dplint/schema/catalog"
)

// TestCatalog loads the embedded catalog, which checks every type file
// (known kinds and categories, targets that exist, groups naming fields).
func TestCatalog(t *testing.T) {
	c := catalog.Objects()
	if len(c.Types) == 0 {
		t.Fatal("the catalog is empty")
	}
}

// TestUnknownGrammar: a grammar the rules do not know, or one on a field
// that is not a string, is refused when the catalog loads.
func TestUnknownGrammar(t *testing.T) {
	for name, field := range map[string]string{
		"unknown name": `{"name": "price", "kind": "string", "grammar": "money", "description": "d"}`,
		"not a string": `{"name": "price", "kind": "integer", "grammar": "bidPrice", "description": "d"}`,
	} {
		fsys := fstest.MapFS{"Thing.json": {Data: []byte(`{"type": "Thing", "category": "Utility", "page": "p.md", "description": "d", "fields": [` + field + `]}`)}}
		if _, err := catalog.Load(fsys, "."); err == nil || !strings.Contains(err.Error(), "grammar") {
			t.Errorf("%s: Load = %v, want an error about the grammar", name, err)
		}
	}
	ok := fstest.MapFS{"Thing.json": {Data: []byte(`{"type": "Thing", "category": "Utility", "page": "p.md", "description": "d", "fields": [{"name": "price", "kind": "string", "grammar": "bidPrice", "description": "d"}]}`)}}
	if _, err := catalog.Load(ok, "."); err != nil {
		t.Errorf("a known grammar on a string field: %v", err)
	}
}
