package suggest

import "testing"

func TestClosest(t *testing.T) {
	cands := []string{"StringValue", "RefValue", "Key"}
	for _, c := range []struct{ word, want string }{
		{"tringValue", "StringValue"},
		{"stringvalue", "StringValue"},
		{"RefV", ""}, // four edits away
		{"RefVal", "RefValue"},
		{"RefValu", "RefValue"},
		{"Kye", "Key"},
		{"Nothing", ""},
	} {
		if got := Closest(c.word, cands); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
