package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
)

// TestAppendIndentedAsJSONIndent: over values encoding/json writes (every
// JSON file of the repository's testdata and of the shared corpus, read
// and written again, and values chosen for their strings and empty
// containers), appendIndented gives json.Indent's bytes.
func TestAppendIndentedAsJSONIndent(t *testing.T) {
	indentedAsJSON(t, []any{
		nil, true, 1.5, "", `a "quoted" \ back\slash \\" and \u2028 < > &`, "\x00\x1f\t\n",
		[]any{}, map[string]any{}, []any{[]any{}, map[string]any{"": []any{map[string]any{}}}},
		map[string]any{"k,:{}[]": "v,:{}[]", "n": []any{1, 2, []any{3}}},
	}, "../testdata", "../rules/testdata")
	t.Run("corpus", func(t *testing.T) { indentedAsJSON(t, nil, filepath.Join(testenv.SharedDir(t), "corpus")) })
}

func indentedAsJSON(t *testing.T, values []any, roots ...string) {
	t.Helper()
	var files []string
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d JSON files found below %q", len(files), roots)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if json.Unmarshal(data, &v) == nil {
			values = append(values, v)
		}
	}
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	for i, v := range values {
		compact.Reset()
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		for _, pi := range [][2]string{{"", "  "}, {"    ", "  "}, {"\t", "\t"}} {
			var want bytes.Buffer
			if err := json.Indent(&want, compact.Bytes(), pi[0], pi[1]); err != nil {
				t.Fatal(err)
			}
			if got := appendIndented(nil, compact.Bytes(), pi[0], pi[1]); !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("value %d, prefix %q indent %q:\n%s\nwant\n%s", i, pi[0], pi[1], got, want.Bytes())
			}
		}
	}
}
