package playground

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dplint/dplint/internal/testenv"
)

// FuzzRun: any text, in any form, gives a result that is valid JSON whose
// ranges lie inside the text, never a panic (which in the browser would
// end the module).
func FuzzRun(f *testing.F) {
	for _, name := range []string{"broken.json", "template.yaml", "main.tf"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	testenv.AddFuzzSeeds(f)
	p, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text := string(data)
		if !utf8.ValidString(text) {
			return // a browser's text is always valid: syscall/js makes UTF-16 into valid UTF-8
		}
		n := len(utf16.Encode([]rune(text)))
		for _, form := range Forms {
			req, err := json.Marshal(Request{Text: text, Form: form, At: "2026-03-15T10:30:00"})
			if err != nil {
				t.Fatal(err)
			}
			var res Result
			if err := json.Unmarshal(p.RunJSON(req), &res); err != nil {
				t.Fatalf("%s: the result is not JSON: %v", form, err)
			}
			if strings.HasPrefix(res.Error, "internal error") {
				t.Fatalf("%s: %s", form, res.Error)
			}
			for _, fd := range res.Findings {
				if fd.From < 0 || fd.From > fd.To || fd.To > n {
					t.Errorf("%s: %s: range [%d,%d) outside the text (%d units)", form, fd.Rule, fd.From, fd.To, n)
				}
			}
			for _, g := range res.Graphs {
				for _, o := range g.Objects {
					if o.From < 0 || o.From > o.To || o.To > n {
						t.Errorf("%s: object %s: range [%d,%d) outside the text (%d units)", form, o.ID, o.From, o.To, n)
					}
				}
			}
		}
	})
}
