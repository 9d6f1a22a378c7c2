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

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"feild", "field", 1}, // a transposition is one edit
		{"str_value", "string_value", 3},
		{"", "key", 3},
		{"é", "e", 1}, // characters, not bytes
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
