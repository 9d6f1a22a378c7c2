package catalog_test

import (
	"testing"

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
