package source_test

import (
	"testing"

	"github.com/dplint/dplint/source"
)

// TestStringOffsets: every decoded byte maps to where its source starts,
// whatever escapes come before it.
func TestStringOffsets(t *testing.T) {
	for _, tc := range []struct {
		json string
		// want: for each substring of the decoded text, its source text
		sub, src string
	}{
		{`"plain #{x}"`, "#{x}", "#{x}"},
		{`"a \"q\" #{x}"`, "#{x}", "#{x}"},
		{`"caf\u00e9 #{node.@id}"`, "#{node.@id}", "#{node.@id}"},
		{`"caf\u00e9"`, "é", `\u00e9`},
		{`"😀 \ud83d\ude00 #{y}"`, "#{y}", "#{y}"},
		{`"x\ud83d\ude00y"`, "😀", `\ud83d\ude00`},
		{`"tab\there"`, "\there", `\there`},
		{`"é#{z}"`, "#{z}", "#{z}"},
		{`"lone \ud800 #{w}"`, "#{w}", "#{w}"},
	} {
		f := source.Parse("s.json", []byte(tc.json))
		n := f.Root
		m := source.StringOffsets(f.Content, n)
		if len(m) != len(n.Text)+1 {
			t.Fatalf("%s: %d offsets for %d bytes", tc.json, len(m), len(n.Text))
		}
		i := indexOf(n.Text, tc.sub)
		if i < 0 {
			t.Fatalf("%s: %q not in %q", tc.json, tc.sub, n.Text)
		}
		got := string(f.Content[m[i]:m[i+len(tc.sub)]])
		if got != tc.src {
			t.Errorf("%s: %q maps to %q, want %q", tc.json, tc.sub, got, tc.src)
		}
		if m[len(n.Text)] != n.End-1 {
			t.Errorf("%s: the end maps to %d, want the closing quote at %d", tc.json, m[len(n.Text)], n.End-1)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
