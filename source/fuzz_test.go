package source_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// trickySeeds are hand-written inputs that reach the reader's corners.
var trickySeeds = []string{
	"",
	" ",
	"\xef\xbb\xbf{}",
	"\xef\xbb\xbf",
	`{"a":1,"a":2}`,
	`{"a":[1,2,],}`,
	"// c\n{/* d */\"a\"/**/:/**/1/**/,/**/}// e",
	"[1, /* unterminated",
	"\"a\tb\x01\"",
	"\"\xff\xfe\"",
	"[\xff]",
	`"\ud83d\ude00\ud800\udc00\ude00"`,
	`"\ud83d\ude00`,
	`"\u12`,
	`"\x"`,
	`"a\`,
	"01", "[1.]", "1e+", "-", "-0.0e-0", "1E400",
	"tru", "nulll", "[true,false,null]",
	strings.Repeat("[", source.MaxDepth),
	strings.Repeat("[", source.MaxDepth) + strings.Repeat("]", source.MaxDepth),
	strings.Repeat("[", source.MaxDepth+1) + strings.Repeat("]", source.MaxDepth+1),
	`{"objects":[{"id":"Default","name":"Default","fields":[{"key":"k","stringValue":"v"},{"key":"r","refValue":"x"}]}]}`,
	`{"a/b":{"~":{"":[{"x":"y"}]}}} trailing`,
	"{\r\n  \"a\": \"b\"\r\n}\r\n",
}

// FuzzParse checks that Parse never panics and that what it returns is
// consistent: ranges inside the input, problems sorted, a nil root only
// after a fatal problem, and, for JSON that encoding/json accepts, the
// same value encoding/json reads.
func FuzzParse(f *testing.F) {
	testenv.AddFuzzSeeds(f, trickySeeds...)
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		sf := source.Parse("fuzz.json", data)
		if !bytes.Equal(data, orig) {
			t.Fatal("Parse modified its input")
		}
		checkFile(t, data, sf)

		if !json.Valid(data) {
			return
		}
		for _, p := range sf.Problems {
			switch p.Kind {
			case source.DuplicateKey, source.InvalidUTF8:
				// encoding/json accepts these silently.
			case source.TooDeep:
				// encoding/json reads deeper than MaxDepth.
				if d := nesting(data); d < source.MaxDepth {
					t.Fatalf("TooDeep on valid JSON nested only %d levels: %+v", d, p)
				}
				return
			default:
				t.Fatalf("valid JSON %q gave problem %+v", data, p)
			}
		}
		if sf.Root == nil {
			t.Fatalf("valid JSON %q gave no root", data)
		}
		for _, p := range sf.Problems {
			if p.Kind == source.DuplicateKey || p.Kind == source.InvalidUTF8 {
				return // the libraries legitimately differ here
			}
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json cannot decode what it called valid: %v", err)
		}
		// encoding/json reads a lone surrogate escape as U+FFFD; the reader
		// keeps it (as WTF-8): compare after the same replacement.
		got := fffd(sf.Root.Value(func(s string) any { return json.Number(s) }))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("value of %q:\n got  %#v\n want %#v", data, got, want)
		}
		// Without duplicate keys, every pointer leads back to its node.
		sf.Root.Walk(func(n *source.Node) {
			if got := sf.Root.Lookup(n.Pointer()); got != n {
				t.Fatalf("Lookup(%q) does not find the node at %d", n.Pointer(), n.Start)
			}
		})
	})
}

// checkFile checks the invariants of any parse result.
func checkFile(t *testing.T, data []byte, sf *source.File) {
	t.Helper()
	inside := func(what string, start, end int) {
		t.Helper()
		if start < 0 || start > end || end > len(data) {
			t.Fatalf("%s range %d..%d outside 0..%d", what, start, end, len(data))
		}
	}
	fatal := 0
	for i, p := range sf.Problems {
		inside("problem "+p.Message, p.Start, p.End)
		if p.Other >= 0 {
			inside("related place of "+p.Message, p.Other, p.OtherEnd)
		} else if p.Other != -1 {
			t.Fatalf("problem %q: Other = %d", p.Message, p.Other)
		}
		if i > 0 && sf.Problems[i-1].Start > p.Start {
			t.Fatalf("problems not sorted: %d after %d", p.Start, sf.Problems[i-1].Start)
		}
		if p.Message == "" {
			t.Fatalf("problem without a message: %+v", p)
		}
		if p.Fatal() {
			fatal++
		}
	}
	if fatal > 1 {
		t.Fatalf("%d fatal problems, want at most one", fatal)
	}
	if (sf.Root == nil) != (fatal == 1) {
		t.Fatalf("Root nil = %v with %d fatal problems", sf.Root == nil, fatal)
	}
	depth := map[*source.Node]int{}
	sf.Root.Walk(func(n *source.Node) {
		inside("node "+n.Pointer(), n.Start, n.End)
		if n.Kind < source.Object || n.Kind > source.Null {
			t.Fatalf("node %q has kind %d", n.Pointer(), n.Kind)
		}
		if depth[n] >= source.MaxDepth {
			t.Fatalf("node %q at depth %d", n.Pointer(), depth[n])
		}
		if n.Kind == source.String {
			// Every decoded byte maps into the string's source, in order.
			m := source.StringOffsets(sf.Content, n)
			if len(m) != len(n.Text)+1 {
				t.Fatalf("string %q: %d offsets for %d bytes", n.Pointer(), len(m), len(n.Text))
			}
			for i, off := range m {
				if off <= n.Start || off >= n.End || (i > 0 && off < m[i-1]) {
					t.Fatalf("string %q: offset %d of byte %d is outside %d..%d or out of order", n.Pointer(), off, i, n.Start, n.End)
				}
			}
		}
		prev := n.Start
		for _, m := range n.Members {
			inside("key "+m.Key, m.KeyStart, m.KeyEnd)
			if m.KeyStart < prev || m.KeyEnd > m.Value.Start || m.Value.End > n.End {
				t.Fatalf("member %q of %q out of order: key %d..%d value %d..%d", m.Key, n.Pointer(), m.KeyStart, m.KeyEnd, m.Value.Start, m.Value.End)
			}
			if m.Value.Pointer() != n.Pointer()+"/"+source.PointerToken(m.Key) {
				t.Fatalf("member %q of %q has pointer %q", m.Key, n.Pointer(), m.Value.Pointer())
			}
			prev = m.Value.End
			depth[m.Value] = depth[n] + 1
		}
		for _, e := range n.Elems {
			if e.Start < prev || e.End > n.End {
				t.Fatalf("element %q of %q out of order", e.Pointer(), n.Pointer())
			}
			prev = e.End
			depth[e] = depth[n] + 1
		}
		switch n.Kind {
		case source.Number, source.Bool, source.Null:
			if string(data[n.Start:n.End]) != n.Text {
				t.Fatalf("literal %q at %d..%d has Text %q", data[n.Start:n.End], n.Start, n.End, n.Text)
			}
		case source.String:
			if data[n.Start] != '"' || data[n.End-1] != '"' || n.End-n.Start < 2 {
				t.Fatalf("string at %d..%d is %q", n.Start, n.End, data[n.Start:n.End])
			}
		case source.Object:
			if data[n.Start] != '{' || data[n.End-1] != '}' {
				t.Fatalf("object at %d..%d is %q", n.Start, n.End, data[n.Start:n.End])
			}
		case source.Array:
			if data[n.Start] != '[' || data[n.End-1] != ']' {
				t.Fatalf("array at %d..%d is %q", n.Start, n.End, data[n.Start:n.End])
			}
		}
	})
	// Positions work everywhere in the file.
	for _, off := range []int{0, len(data) / 2, len(data)} {
		pos := sf.Position(off)
		if pos.Offset != off || pos.Line < 1 || pos.Line > sf.LineCount() || pos.Column < 1 {
			t.Fatalf("Position(%d) = %+v", off, pos)
		}
	}
}

// nesting is how deeply containers nest in valid JSON.
func nesting(data []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// fffd replaces lone surrogates (kept as WTF-8) by U+FFFD throughout a value.
func fffd(v any) any {
	str := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); {
			r, n := source.DecodeRune(s[i:])
			if r >= 0xD800 && r <= 0xDFFF {
				r = utf8.RuneError
			}
			b.WriteRune(r)
			i += n
		}
		return b.String()
	}
	switch v := v.(type) {
	case string:
		return str(v)
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[str(k)] = fffd(e)
		}
		return m
	case []any:
		for i := range v {
			v[i] = fffd(v[i])
		}
	}
	return v
}
