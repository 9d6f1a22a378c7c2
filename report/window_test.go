package report

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/dplint/dplint/source"
)

func TestWindowShortLineUnchanged(t *testing.T) {
	line := `  "id": "Hello",`
	shown, a, z := window(line, 9, 16)
	if shown != line || a != 9 || z != 16 {
		t.Errorf("window = %q %d %d", shown, a, z)
	}
}

func TestWindowLongLine(t *testing.T) {
	prefix := strings.Repeat("x", 5000)
	span := `"Nope"`
	line := prefix + span + strings.Repeat("y", 5000)
	shown, a, z := window(line, len(prefix), len(prefix)+len(span))
	if w := uniseg.StringWidth(shown); w > windowWidth+2 {
		t.Errorf("window is %d columns wide", w)
	}
	if !strings.HasPrefix(shown, ellipsis) || !strings.HasSuffix(shown, ellipsis) {
		t.Errorf("cuts not marked: %q", shown)
	}
	if shown[a:z] != span {
		t.Errorf("span in window = %q, want %q", shown[a:z], span)
	}
	if before := uniseg.StringWidth(shown[:a]); before > windowBefore+1 {
		t.Errorf("%d columns before the span", before)
	}
	// A span longer than the window is cut, from its start.
	long := strings.Repeat("z", 1000)
	shown, a, z = window(prefix+long, len(prefix), len(prefix)+len(long))
	if z-a != windowSpan || !strings.HasPrefix(shown[a:], "zzz") {
		t.Errorf("long span: %d bytes shown of it", z-a)
	}
	// The span at the very end of the line.
	shown, a, z = window(prefix, len(prefix), len(prefix))
	if a != len(shown) || z != a || strings.HasSuffix(shown, ellipsis) {
		t.Errorf("span at the end: %q %d %d", shown, a, z)
	}
}

func TestWindowCutsBetweenGraphemes(t *testing.T) {
	// Emoji with skin tone, CJK and a combining accent: never split.
	unit := "👍🏽日é"
	line := strings.Repeat(unit, 200) + `"X"` + strings.Repeat(unit, 200)
	from := len(strings.Repeat(unit, 200))
	shown, a, z := window(line, from, from+3)
	if shown[a:z] != `"X"` {
		t.Fatalf("span = %q", shown[a:z])
	}
	body := strings.TrimSuffix(strings.TrimPrefix(shown, ellipsis), ellipsis)
	g := uniseg.NewGraphemes(body)
	for g.Next() {
		if s := g.Str(); s != "👍🏽" && s != "日" && s != "é" && !strings.Contains(`"X`, s) {
			t.Fatalf("window splits a grapheme: %q in %q", s, shown)
		}
	}
}

func TestCaretLine(t *testing.T) {
	for _, tc := range []struct {
		line, span string
		pad        string
		carets     int
	}{
		{"\t\"id\": \"A\"", `"A"`, "\t      ", 3},
		{`"日本": "値"`, `"値"`, strings.Repeat(" ", 8), 4}, // CJK: two columns each
		{"\"e\u0301\"", `"`, "  ", 1},                   // a combining accent takes no column of its own
		{`"é": "👍🏽"`, `"👍🏽"`, strings.Repeat(" ", 5), 4},
		{`"x": ""`, `""`, strings.Repeat(" ", 5), 2},
	} {
		from := strings.LastIndex(tc.line, tc.span)
		pad, carets := caretLine(tc.line, from, from+len(tc.span))
		if pad != tc.pad || carets != tc.carets {
			t.Errorf("%q under %q: pad %q, %d carets; want %q, %d", tc.line, tc.span, pad, carets, tc.pad, tc.carets)
		}
	}
}

// TestSnippetCaretsAfterASecret: a secret's text is shown as "****"
// whatever its length, and carets on it or after it stay under their text.
func TestSnippetCaretsAfterASecret(t *testing.T) {
	text := `{"*password": "hunter2-long", "type": "Nope"}`
	f := source.Parse("f.json", []byte(text))
	secretAt := strings.Index(text, "hunter2")
	secrets := [][2]int{{secretAt, secretAt + len("hunter2-long")}}
	var b strings.Builder
	nope := strings.Index(text, `"Nope"`)
	snippet(&b, f, secrets, f.Position(nope), f.Position(nope+len(`"Nope"`)), func(_, s string) string { return s }, "")
	want := "    1 | {\"*password\": \"****\", \"type\": \"Nope\"}\n" +
		"      | " + strings.Repeat(" ", 30) + "^^^^^^\n"
	if b.String() != want {
		t.Errorf("snippet after a secret:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	snippet(&b, f, secrets, f.Position(secretAt-1), f.Position(secretAt+len("hunter2-long")+1), func(_, s string) string { return s }, "")
	if want := "      | " + strings.Repeat(" ", 14) + "^^^^^^\n"; !strings.HasSuffix(b.String(), want) {
		t.Errorf("snippet on a secret:\n%s\nwant carets %q", b.String(), want)
	}
}

// TestPlainASCIIAsSegmented: for printable ASCII and tabs, the fast paths
// give what segmenting with uniseg gives.
func TestPlainASCIIAsSegmented(t *testing.T) {
	chars := " \t!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~"
	lines := []string{"", "\t", "  \"id\": \"Hello\",", strings.Repeat("ab\t", 100)}
	for n := 0; n < 200; n++ {
		var b strings.Builder
		for i := 0; i < n*3%257; i++ {
			b.WriteByte(chars[(i*7+n*13)%len(chars)])
		}
		lines = append(lines, b.String())
	}
	for _, line := range lines {
		if !plainASCII(line) {
			t.Fatalf("%q: not plain ASCII", line)
		}
		fast, slow := cells(line), segmented(line)
		if len(fast) != len(slow) {
			t.Fatalf("%q: %d cells, segmented %d", line, len(fast), len(slow))
		}
		for i := range fast {
			if fast[i] != slow[i] {
				t.Fatalf("%q: cell %d is %v, segmented %v", line, i, fast[i], slow[i])
			}
		}
		for _, r := range [][2]int{{0, 0}, {0, len(line)}, {len(line) / 3, len(line) / 2}, {len(line) / 2, len(line) / 3}, {1, len(line) + 5}} {
			pad, carets := caretLine(line, r[0], r[1])
			wantPad, wantCarets := caretCells(line, slow, r[0], r[1])
			if pad != wantPad || carets != wantCarets {
				t.Fatalf("%q %v: caret line %q %d, segmented %q %d", line, r, pad, carets, wantPad, wantCarets)
			}
		}
	}
	for _, s := range []string{"é", "\r", "\x00", "\x7f", "a\u200bb"} {
		if plainASCII(s) {
			t.Errorf("%q is plain ASCII", s)
		}
	}
}
