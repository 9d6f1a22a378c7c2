package definition

import (
	"testing"

	"github.com/dplint/dplint/source"
)

// TestIndexOf: each object Read makes is found at its place in Objects;
// an object of another definition, or one made by hand, is not.
func TestIndexOf(t *testing.T) {
	read := func(s string) *Definition { return Read("d.json", source.Parse("d.json", []byte(s))) }
	for _, text := range []string{
		`{"objects": [{"id": "A"}, {"id": "B"}, {"id": "A"}, {"id": "C"}]}`,
		`{"pipelineObjects": [{"id": "A", "name": "A", "fields": []}, {"id": "B", "name": "B", "fields": []}]}`,
	} {
		d := read(text)
		if len(d.Objects) < 2 {
			t.Fatalf("read %d objects from %s", len(d.Objects), text)
		}
		for i, o := range d.Objects {
			if got, ok := d.IndexOf(o); !ok || got != i {
				t.Errorf("%s: object %d (%s) found at %d, %v", text, i, o.ID, got, ok)
			}
		}
		other := read(text)
		if _, ok := d.IndexOf(other.Objects[1]); ok {
			t.Errorf("%s: another definition's object is found in this one", text)
		}
		if _, ok := d.IndexOf(&Object{ID: d.Objects[0].ID}); ok {
			t.Errorf("%s: an object made by hand (its place unset) is found at 0", text)
		}
	}
}
