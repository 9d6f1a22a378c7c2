package definition

import (
	"strings"
	"testing"
)

// TestIndexFoldIsIndexOfLower checks IndexFold against what it stands
// for, strings.Index of the lower-cased key, on the words rules ask it
// for and on keys with upper-case, non-ASCII and look-alike characters
// (the Kelvin sign lower-cases to k, the long s does not to s, İ to i).
func TestIndexFoldIsIndexOfLower(t *testing.T) {
	keys := []string{"", "p", "password", "PASSWORD", "myDbPassword", "*password", "passwor", "xPassWordy",
		"paſsword", "PAßWORD", "İpassword", "\u212Apassword", "myField", "MyField", "mY", "m", "émy", "passwordpassword"}
	for _, k := range keys {
		for _, w := range []string{"password", "my"} {
			want := strings.Contains(strings.ToLower(k), w)
			if got := IndexFold(k, w) >= 0; got != want {
				t.Errorf("IndexFold(%q, %q) found: %v, strings.Index of the lower-case key: %v", k, w, got, want)
			}
			wantPrefix := strings.HasPrefix(strings.ToLower(k), w)
			if got := len(k) >= len(w) && IndexFold(k[:len(w)], w) == 0; got != wantPrefix {
				t.Errorf("prefix %q of %q: %v, want %v", w, k, got, wantPrefix)
			}
		}
		if got, want := SecretField(k), len(k) > 1 && k[0] == '*' || strings.HasSuffix(strings.ToLower(k), "password"); got != want {
			t.Errorf("SecretField(%q) = %v, want %v", k, got, want)
		}
	}
}

// FuzzIndexFold holds the same on any key.
func FuzzIndexFold(f *testing.F) {
	f.Add("myDbPassword")
	f.Fuzz(func(t *testing.T, k string) {
		for _, w := range []string{"password", "my"} {
			if got, want := IndexFold(k, w) >= 0, strings.Contains(strings.ToLower(k), w); got != want {
				t.Errorf("IndexFold(%q, %q) found: %v, want %v", k, w, got, want)
			}
		}
	})
}
