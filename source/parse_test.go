package source_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// prob is the part of a source.Problem the tests pin down exactly.
type prob struct {
	Kind            source.ProblemKind
	Start, End      int
	Message, CLI    string
	Other, OtherEnd int
}

func (p prob) String() string {
	s := fmt.Sprintf("{%s %d..%d %q cli=%q", kindName(p.Kind), p.Start, p.End, p.Message, p.CLI)
	if p.Other >= 0 {
		s += fmt.Sprintf(" other=%d..%d", p.Other, p.OtherEnd)
	}
	return s + "}"
}

func kindName(k source.ProblemKind) string {
	switch k {
	case source.SyntaxError:
		return "SyntaxError"
	case source.TooDeep:
		return "TooDeep"
	case source.Comment:
		return "Comment"
	case source.TrailingComma:
		return "TrailingComma"
	case source.ControlCharacter:
		return "ControlCharacter"
	case source.TrailingData:
		return "TrailingData"
	case source.DuplicateKey:
		return "DuplicateKey"
	case source.ByteOrderMark:
		return "ByteOrderMark"
	case source.InvalidUTF8:
		return "InvalidUTF8"
	}
	return fmt.Sprintf("ProblemKind(%d)", k)
}

// pr is a problem with no second place.
func pr(k source.ProblemKind, start, end int, msg, cli string) prob {
	return prob{Kind: k, Start: start, End: end, Message: msg, CLI: cli, Other: -1}
}

// prOther is a problem with a second place.
func prOther(k source.ProblemKind, start, end int, msg, cli string, other, otherEnd int) prob {
	return prob{Kind: k, Start: start, End: end, Message: msg, CLI: cli, Other: other, OtherEnd: otherEnd}
}

func probs(f *source.File) []prob {
	out := []prob{}
	for _, p := range f.Problems {
		q := prob{Kind: p.Kind, Start: p.Start, End: p.End, Message: p.Message, CLI: p.CLIMessage, Other: p.Other}
		if p.Other >= 0 {
			q.OtherEnd = p.OtherEnd
		}
		out = append(out, q)
	}
	return out
}

func checkProblems(t *testing.T, in string, f *source.File, want []prob) {
	t.Helper()
	if want == nil {
		want = []prob{}
	}
	got := probs(f)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse(%q) problems:\n got  %v\n want %v", in, got, want)
	}
	fatal := false
	for _, p := range f.Problems {
		fatal = fatal || p.Fatal()
	}
	if fatal != (f.Root == nil) {
		t.Errorf("Parse(%q): fatal problem = %v but Root == nil is %v", in, fatal, f.Root == nil)
	}
}

func parse(s string) *source.File { return source.Parse("test.json", []byte(s)) }

// Messages used in many cases.
const (
	cliValue    = "Expecting value"
	cliProperty = "Expecting property name enclosed in double quotes"
	cliColon    = "Expecting ':' delimiter"
	cliComma    = "Expecting ',' delimiter"
	cliExtra    = "Extra data"
	cliUnterm   = "Unterminated string starting at"
	cliControl  = "Invalid control character at"
	cliEscape   = `Invalid \escape`
	cliUEscape  = `Invalid \uXXXX escape`
	msgComment  = "comments are not allowed in JSON"
	msgTrailing = "unexpected data after the end of the JSON document"
	msgUnterm   = "unterminated string"
	msgBadU     = `invalid \u escape: expected four hex digits`
)

func TestKinds(t *testing.T) {
	tests := []struct {
		in         string
		kind       source.Kind
		start, end int
		text       string
	}{
		{`{}`, source.Object, 0, 2, ""},
		{` { } `, source.Object, 1, 4, ""},
		{`[]`, source.Array, 0, 2, ""},
		{"[\n]", source.Array, 0, 3, ""},
		{` "hi" `, source.String, 1, 5, "hi"},
		{`""`, source.String, 0, 2, ""},
		{`0`, source.Number, 0, 1, "0"},
		{`-0`, source.Number, 0, 2, "-0"},
		{`-12.5e+3`, source.Number, 0, 8, "-12.5e+3"},
		{`1E-2`, source.Number, 0, 4, "1E-2"},
		{`10e5`, source.Number, 0, 4, "10e5"},
		{`0.000`, source.Number, 0, 5, "0.000"},
		{"\n\t 42 \r\n", source.Number, 3, 5, "42"},
		{`true`, source.Bool, 0, 4, "true"},
		{`false`, source.Bool, 0, 5, "false"},
		{`null`, source.Null, 0, 4, "null"},
	}
	for _, tt := range tests {
		f := parse(tt.in)
		checkProblems(t, tt.in, f, nil)
		n := f.Root
		if n == nil {
			continue
		}
		if n.Kind != tt.kind || n.Start != tt.start || n.End != tt.end || n.Text != tt.text || n.Pointer() != "" {
			t.Errorf("Parse(%q).Root = {%v %d..%d %q ptr=%q}, want {%v %d..%d %q ptr=\"\"}",
				tt.in, n.Kind, n.Start, n.End, n.Text, n.Pointer(), tt.kind, tt.start, tt.end, tt.text)
		}
		if len(n.Members) != 0 || len(n.Elems) != 0 {
			t.Errorf("Parse(%q): unexpected children", tt.in)
		}
	}
}

func TestKindNames(t *testing.T) {
	for _, tt := range []struct {
		kind      source.Kind
		name, art string
	}{
		{source.Object, "object", "an object"},
		{source.Array, "array", "an array"},
		{source.String, "string", "a string"},
		{source.Number, "number", "a number"},
		{source.Bool, "boolean", "a boolean"},
		{source.Null, "null", "null"},
		{0, "invalid", "nothing"},
	} {
		if got := tt.kind.String(); got != tt.name {
			t.Errorf("Kind(%d).String() = %q, want %q", tt.kind, got, tt.name)
		}
		if got := (&source.Node{Kind: tt.kind}).Describe(); got != tt.art {
			t.Errorf("Kind(%d) Describe() = %q, want %q", tt.kind, got, tt.art)
		}
	}
	if !(&source.Node{Kind: source.String}).IsString() || (&source.Node{Kind: source.Number}).IsString() || (*source.Node)(nil).IsString() {
		t.Error("IsString is wrong")
	}
}

type nodeRow struct {
	ptr        string
	kind       source.Kind
	start, end int
	text       string
}

func walkRows(root *source.Node) []nodeRow {
	var rows []nodeRow
	root.Walk(func(n *source.Node) {
		rows = append(rows, nodeRow{n.Pointer(), n.Kind, n.Start, n.End, n.Text})
	})
	return rows
}

func TestNestedPointers(t *testing.T) {
	const in = `{"a":{"b":[1,{"c/d":true,"e~f":null,"~1":"x","":0}]},"z":[]}`
	f := parse(in)
	checkProblems(t, in, f, nil)
	want := []nodeRow{
		{"", source.Object, 0, 60, ""},
		{"/a", source.Object, 5, 52, ""},
		{"/a/b", source.Array, 10, 51, ""},
		{"/a/b/0", source.Number, 11, 12, "1"},
		{"/a/b/1", source.Object, 13, 50, ""},
		{"/a/b/1/c~1d", source.Bool, 20, 24, "true"},
		{"/a/b/1/e~0f", source.Null, 31, 35, "null"},
		{"/a/b/1/~01", source.String, 41, 44, "x"},
		{"/a/b/1/", source.Number, 48, 49, "0"},
		{"/z", source.Array, 57, 59, ""},
	}
	if got := walkRows(f.Root); !reflect.DeepEqual(got, want) {
		t.Fatalf("Walk:\n got  %v\n want %v", got, want)
	}
	// Every pointer leads back to its node.
	f.Root.Walk(func(n *source.Node) {
		if got := f.Root.Lookup(n.Pointer()); got != n {
			t.Errorf("Lookup(%q) = %p, want the node at %d", n.Pointer(), got, n.Start)
		}
	})
	type keyRow struct {
		key        string
		start, end int
	}
	keys := func(n *source.Node) []keyRow {
		var out []keyRow
		for _, m := range n.Members {
			out = append(out, keyRow{m.Key, m.KeyStart, m.KeyEnd})
		}
		return out
	}
	if got, want := keys(f.Root), []keyRow{{"a", 1, 4}, {"z", 53, 56}}; !reflect.DeepEqual(got, want) {
		t.Errorf("root members = %v, want %v", got, want)
	}
	inner := f.Root.Lookup("/a/b/1")
	if got, want := keys(inner), []keyRow{{"c/d", 14, 19}, {"e~f", 25, 30}, {"~1", 36, 40}, {"", 45, 47}}; !reflect.DeepEqual(got, want) {
		t.Errorf("inner members = %v, want %v", got, want)
	}
	if got := inner.Keys(); !reflect.DeepEqual(got, []string{"c/d", "e~f", "~1", ""}) {
		t.Errorf("inner.Keys() = %q", got)
	}
	if source.PointerToken("a/b~c") != "a~1b~0c" || source.PointerToken("plain") != "plain" {
		t.Errorf("PointerToken: %q %q", source.PointerToken("a/b~c"), source.PointerToken("plain"))
	}
}

func TestLookup(t *testing.T) {
	const in = `{"a":[10,{"b":"x"}],"c":3,"m~n/o":4}`
	root := parse(in).Root
	for _, tt := range []struct {
		ptr  string
		want string // Text of the node found, "<nil>" for none, "<root>" for the root
	}{
		{"", "<root>"},
		{"/a/0", "10"},
		{"/a/1/b", "x"},
		{"/c", "3"},
		{"/m~0n~1o", "4"},
		{"a", "<nil>"},        // not a pointer
		{"/x", "<nil>"},       // no such key
		{"/a/2", "<nil>"},     // index out of range
		{"/a/-1", "<nil>"},    // negative index
		{"/a/b", "<nil>"},     // not an index
		{"/c/d", "<nil>"},     // below a scalar
		{"/a/1/b/c", "<nil>"}, // below a string
		{"/a/1/z/q", "<nil>"}, // below nothing
	} {
		got := root.Lookup(tt.ptr)
		var gotText string
		switch {
		case got == nil:
			gotText = "<nil>"
		case got == root:
			gotText = "<root>"
		default:
			gotText = got.Text
		}
		if gotText != tt.want {
			t.Errorf("Lookup(%q) = %s, want %s", tt.ptr, gotText, tt.want)
		}
	}
}

func TestWalkOrder(t *testing.T) {
	const in = `{"a":[1,{"b":2,"c":[]}],"d":{"e":null},"f":"g"}`
	var got []string
	parse(in).Root.Walk(func(n *source.Node) { got = append(got, n.Pointer()) })
	want := []string{"", "/a", "/a/0", "/a/1", "/a/1/b", "/a/1/c", "/d", "/d/e", "/f"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Walk order = %q, want %q", got, want)
	}
	var nilCalls int
	(*source.Node)(nil).Walk(func(*source.Node) { nilCalls++ })
	if nilCalls != 0 {
		t.Errorf("Walk on nil called fn %d times", nilCalls)
	}
}

func TestValue(t *testing.T) {
	const in = `{"a":[1,2.5,"s",true,false,null,{},[]],"b":{"c":-0},"b":{"d":"last"}}`
	got := parse(in).Root.Value(func(s string) any { return json.Number(s) })
	want := map[string]any{
		"a": []any{json.Number("1"), json.Number("2.5"), "s", true, false, nil, map[string]any{}, []any{}},
		"b": map[string]any{"d": "last"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Value = %#v\nwant %#v", got, want)
	}
	// The number function sees the literal text.
	var seen []string
	parse(`[1e3,-0.5]`).Root.Value(func(s string) any { seen = append(seen, s); return nil })
	if !reflect.DeepEqual(seen, []string{"1e3", "-0.5"}) {
		t.Errorf("number func saw %q", seen)
	}
}

func TestStringEscapes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"\u00e9\u00E9"`, "éé"},
		{`"a\u002fb"`, "a/b"},
		{`"\u0000"`, "\x00"},
		{`"\ud83d\ude00"`, "\U0001F600"},
		{`"\uD83D\uDE00"`, "\U0001F600"},
		{`"x\ud83d\ude00y"`, "x\U0001F600y"},
		{`"\ud800"`, "\xed\xa0\x80"},                   // lone high surrogate, kept as WTF-8
		{`"\ud800x"`, "\xed\xa0\x80x"},                 // followed by a plain char
		{`"\udc00"`, "\xed\xb0\x80"},                   // lone low surrogate
		{`"\udc00\ud800"`, "\xed\xb0\x80\xed\xa0\x80"}, // pair in the wrong order
		{`"\ud83d\u0041"`, "\xed\xa0\xbdA"},            // high surrogate then a non-surrogate escape
		{`"\ud83d\ud83d\ude00"`, "\xed\xa0\xbd😀"},      // two highs then a low
		{`"é😀"`, "é😀"},                                 // raw UTF-8
		{"\"\xef\xbf\xbd\"", "\uFFFD"},                 // a real U+FFFD is not invalid UTF-8
		{`"tab\tand\u0009"`, "tab\tand\t"},             // escaped, not raw
		{`"\\u00e9"`, `\u00e9`},                        // an escaped backslash
		{`"\/\/"`, "//"},                               // escaped solidus
		{`"\u0041\u0042\u0043"`, "ABC"},                // consecutive
		{`"\uffff"`, "\uffff"},                         // a noncharacter is fine
		{`"\u12345"`, "\u1234" + "5"},                  // four digits only
		{"\"\u2028\u2029\"", "\u2028\u2029"},           // JS line separators are fine in JSON
		{`"a" `, "a"},                                  // whitespace after
		{"\"\x7f\"", "\x7f"},                           // DEL is not a control character for JSON
		{`"\"\""`, `""`},                               // only quotes
		{`"\ud83d\ude00\ud83d\ude00"`, "😀😀"},           // two pairs
		{`"\uDBFF\uDFFF"`, "\U0010FFFF"},               // the last code point
		{`"\uD800\uDC00"`, "\U00010000"},               // the first supplementary one
		{`"\u00e9\ud83d"`, "é\xed\xa0\xbd"},            // lone high surrogate at the end
		{`"\ud83d\\"`, "\xed\xa0\xbd\\"},               // lone high surrogate then an escaped backslash
		{`"\ud83d\n"`, "\xed\xa0\xbd\n"},               // ... then another escape
		{`"\\"`, `\`},                                  // one backslash
		{`"\b\f"`, "\b\f"},                             // controls by escape
		{`"\u0022"`, `"`},                              // a quote by \u
		{`"\u005c"`, `\`},                              // a backslash by \u
		{`"\u005C\u0022"`, `\"`},                       // both
		{`"€"`, "€"},                                   // three-byte UTF-8
		{`"\u20AC"`, "€"},                              // the same by escape
		{`"\u20ac"`, "€"},                              // lower case
		{`"𝄞"`, "𝄞"},                                   // four-byte UTF-8
		{`"\uD834\uDD1E"`, "𝄞"},                        // the same by escape
		{`"\ud834\udd1e"`, "𝄞"},                        // lower case
		{`"a\u0000b"`, "a\x00b"},                       // NUL inside
		{`"   "`, "   "},                               // spaces
		{`"{}[],:"`, "{}[],:"},                         // punctuation is text
		{`"// not a comment"`, "// not a comment"},
		{`"/* not a comment */"`, "/* not a comment */"},
	} {
		f := parse(tt.in)
		checkProblems(t, tt.in, f, nil)
		if f.Root == nil {
			continue
		}
		if f.Root.Kind != source.String || f.Root.Text != tt.want {
			t.Errorf("Parse(%q).Root.Text = %q, want %q", tt.in, f.Root.Text, tt.want)
		}
		if end := len(strings.TrimRight(tt.in, " ")); f.Root.Start != 0 || f.Root.End != end {
			t.Errorf("Parse(%q): string at %d..%d, want 0..%d", tt.in, f.Root.Start, f.Root.End, end)
		}
	}
}

func TestDuplicateKeys(t *testing.T) {
	const in = `{"a":1,"b":2,"a":3}`
	f := parse(in)
	checkProblems(t, in, f, []prob{
		prOther(source.DuplicateKey, 1, 4,
			`key "a" is repeated at line 1; the last one wins (as in the AWS CLI), so this value is ignored`, "", 13, 16),
	})
	root := f.Root
	var order []string
	for _, m := range root.Members {
		order = append(order, m.Key+"="+m.Value.Text)
	}
	if !reflect.DeepEqual(order, []string{"a=1", "b=2", "a=3"}) {
		t.Errorf("Members = %q, want a=1 b=2 a=3 (duplicates kept in order)", order)
	}
	if got := root.Get("a").Text; got != "3" {
		t.Errorf("Get(a) = %s, want the last value 3", got)
	}
	if root.Member("a") != root.Members[2] {
		t.Error("Member(a) is not the last member with key a")
	}
	if got := root.Keys(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("Keys() = %q, want [a b]", got)
	}
	if root.Members[0].Value.Pointer() != "/a" || root.Members[2].Value.Pointer() != "/a" {
		t.Error("both duplicates should have pointer /a")
	}
	if root.Lookup("/a") != root.Members[2].Value {
		t.Error("Lookup(/a) should find the winning value")
	}
	if got := root.Get("missing"); got != nil {
		t.Errorf("Get(missing) = %v", got)
	}

	// Three times, over lines: each earlier key points at the next one.
	const in3 = "{\"k\":1,\n\"k\":2,\n\"k\":3}"
	f = parse(in3)
	checkProblems(t, in3, f, []prob{
		prOther(source.DuplicateKey, 1, 4,
			`key "k" is repeated at line 2; the last one wins (as in the AWS CLI), so this value is ignored`, "", 8, 11),
		prOther(source.DuplicateKey, 8, 11,
			`key "k" is repeated at line 3; the last one wins (as in the AWS CLI), so this value is ignored`, "", 15, 18),
	})
	if got := f.Root.Get("k").Text; got != "3" || len(f.Root.Members) != 3 || len(f.Root.Keys()) != 1 {
		t.Errorf("triple duplicate: Get=%s members=%d keys=%d", got, len(f.Root.Members), len(f.Root.Keys()))
	}

	// Duplicates in a nested object, and keys equal after unescaping.
	const in4 = `[{"x":{"a":1,"\u0061":2}}]`
	f = parse(in4)
	checkProblems(t, in4, f, []prob{
		prOther(source.DuplicateKey, 7, 10,
			`key "a" is repeated at line 1; the last one wins (as in the AWS CLI), so this value is ignored`, "", 13, 21),
	})

	// Get, Member and Keys on things that are not objects.
	arr := parse(`[1]`).Root
	if arr.Get("a") != nil || arr.Member("a") != nil || arr.Keys() != nil {
		t.Error("Get/Member/Keys on an array should be nil")
	}
	var nilNode *source.Node
	if nilNode.Get("a") != nil || nilNode.Member("a") != nil || nilNode.Keys() != nil {
		t.Error("Get/Member/Keys on a nil node should be nil")
	}
}

// parseCase is one input and every problem it must give.
type parseCase struct {
	name string
	in   string
	want []prob
}

func runCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, tt.in, parse(tt.in), tt.want)
		})
	}
}

func TestByteOrderMark(t *testing.T) {
	const bomMsg = "the file starts with a UTF-8 byte order mark (BOM); JSON text must not"
	const bomCLI = "Unexpected UTF-8 BOM (decode using utf-8-sig)"
	in := "\xef\xbb\xbf{\"a\":1}"
	f := parse(in)
	checkProblems(t, in, f, []prob{pr(source.ByteOrderMark, 0, 3, bomMsg, bomCLI)})
	if f.Root == nil || f.Root.Start != 3 || f.Root.End != 10 || f.Root.Get("a").Text != "1" {
		t.Errorf("reading should go on after the BOM: %+v", f.Root)
	}
	runCases(t, []parseCase{
		{"bom then error", "\xef\xbb\xbf[1,", []prob{
			pr(source.ByteOrderMark, 0, 3, bomMsg, bomCLI),
			pr(source.SyntaxError, 6, 6, "expected a value, found the end of the file", cliValue),
		}},
		{"bom only", "\xef\xbb\xbf", []prob{
			pr(source.ByteOrderMark, 0, 3, bomMsg, bomCLI),
			pr(source.SyntaxError, 3, 3, "the file holds no JSON value", cliValue),
		}},
		{"partial bom", "\xef\xbb{}", []prob{
			pr(source.SyntaxError, 0, 1, "expected a value, found byte 0xEF", cliValue),
		}},
		{"bom later", "[\"a\", \xef\xbb\xbf1]", []prob{
			pr(source.SyntaxError, 6, 9, `expected a value, found '\ufeff'`, cliValue),
		}},
	})
}

func TestInvalidUTF8(t *testing.T) {
	in := "\"a\xffb\xfe\""
	f := parse(in)
	checkProblems(t, in, f, []prob{pr(source.InvalidUTF8, 2, 3, "invalid UTF-8 byte 0xFF in a string", "")})
	if f.Root.Text != "a\uFFFDb\uFFFD" {
		t.Errorf("Text = %q, want each bad byte as U+FFFD", f.Root.Text)
	}
	in = "[\"\xff\",\"\xc3\"]"
	f = parse(in)
	checkProblems(t, in, f, []prob{
		pr(source.InvalidUTF8, 2, 3, "invalid UTF-8 byte 0xFF in a string", ""),
		pr(source.InvalidUTF8, 6, 7, "invalid UTF-8 byte 0xC3 in a string", ""),
	})
	if f.Root.Elems[1].Text != "\uFFFD" {
		t.Errorf("truncated sequence: Text = %q", f.Root.Elems[1].Text)
	}
	// A UTF-8-encoded surrogate is not valid UTF-8.
	in = "\"\xed\xa0\x80\""
	f = parse(in)
	checkProblems(t, in, f, []prob{pr(source.InvalidUTF8, 1, 2, "invalid UTF-8 byte 0xED in a string", "")})
	if f.Root.Text != "\uFFFD\uFFFD\uFFFD" {
		t.Errorf("encoded surrogate: Text = %q", f.Root.Text)
	}
	// In a key.
	in = "{\"k\xe9y\":1}"
	f = parse(in)
	checkProblems(t, in, f, []prob{pr(source.InvalidUTF8, 3, 4, "invalid UTF-8 byte 0xE9 in a string", "")})
	if got := f.Root.Keys(); !reflect.DeepEqual(got, []string{"k\uFFFDy"}) {
		t.Errorf("key = %q", got)
	}
	// Outside strings it stops reading.
	runCases(t, []parseCase{
		{"value", "[\xff]", []prob{pr(source.SyntaxError, 1, 2, "expected a value, found byte 0xFF", cliValue)}},
		{"key", "{\xff:1}", []prob{pr(source.SyntaxError, 1, 2, "expected a string key, found byte 0xFF", cliProperty)}},
		{"after element", "[1\xff]", []prob{pr(source.SyntaxError, 2, 3, "expected ',' or ']' after an array element, found byte 0xFF", cliComma)}},
		{"after member", "{\"a\":1\x80}", []prob{pr(source.SyntaxError, 6, 7, "expected ',' or '}' after an object member, found byte 0x80", cliComma)}},
		{"before colon", "{\"a\"\xc0:1}", []prob{pr(source.SyntaxError, 4, 5, "expected ':' after the key, found byte 0xC0", cliColon)}},
		{"valid multibyte", "[é]", []prob{pr(source.SyntaxError, 1, 3, "expected a value, found 'é'", cliValue)}},
	})
}

func TestComments(t *testing.T) {
	runCases(t, []parseCase{
		{"line before value", "// c\n1", []prob{pr(source.Comment, 0, 4, msgComment, cliValue)}},
		{"block before value", "/* c */1", []prob{pr(source.Comment, 0, 7, msgComment, cliValue)}},
		{"line with CRLF", "// c\r\n1", []prob{pr(source.Comment, 0, 4, msgComment, cliValue)}},
		{"before first key", `{/*c*/"a":1}`, []prob{pr(source.Comment, 1, 6, msgComment, cliProperty)}},
		{"in empty object", `{/*c*/}`, []prob{pr(source.Comment, 1, 6, msgComment, cliProperty)}},
		{"before colon", `{"a"/*c*/:1}`, []prob{pr(source.Comment, 4, 9, msgComment, cliColon)}},
		{"after colon", `{"a":/*c*/1}`, []prob{pr(source.Comment, 5, 10, msgComment, cliValue)}},
		{"after member value", `{"a":1/*c*/}`, []prob{pr(source.Comment, 6, 11, msgComment, cliComma)}},
		{"after member comma", `{"a":1,/*c*/"b":2}`, []prob{pr(source.Comment, 7, 12, msgComment, cliProperty)}},
		{"line between members", "{\"a\":1, // c\n\"b\":2}", []prob{pr(source.Comment, 8, 12, msgComment, cliProperty)}},
		{"before first element", `[/*c*/1]`, []prob{pr(source.Comment, 1, 6, msgComment, cliValue)}},
		{"in empty array", `[/*c*/]`, []prob{pr(source.Comment, 1, 6, msgComment, cliValue)}},
		{"after element", `[1/*c*/]`, []prob{pr(source.Comment, 2, 7, msgComment, cliComma)}},
		{"after element comma", `[1,/*c*/2]`, []prob{pr(source.Comment, 3, 8, msgComment, cliValue)}},
		{"two in a row", "[1/*a*///b\n]", []prob{
			pr(source.Comment, 2, 7, msgComment, cliComma),
			pr(source.Comment, 7, 10, msgComment, cliComma),
		}},
		{"line at end", "1 // c", []prob{pr(source.Comment, 2, 6, msgComment, cliExtra)}},
		{"block at end", "1\n/* c */\n", []prob{pr(source.Comment, 2, 9, msgComment, cliExtra)}},
		{"multi-line block", "{/* a\nb */}", []prob{pr(source.Comment, 1, 10, msgComment, cliProperty)}},
		{"before trailing comma bracket", `[1,/*c*/]`, []prob{
			prOther(source.TrailingComma, 2, 3, "trailing comma before ']' is not allowed in JSON", cliValue, 8, 9),
			pr(source.Comment, 3, 8, msgComment, cliValue),
		}},
		{"only a comment", "// only", []prob{
			pr(source.Comment, 0, 7, msgComment, cliValue),
			pr(source.SyntaxError, 7, 7, "the file holds no JSON value", cliValue),
		}},
		{"unterminated block", "[1, /* x", []prob{pr(source.SyntaxError, 4, 8, "unterminated /* comment", cliValue)}},
		{"unterminated block at start", "/* x", []prob{pr(source.SyntaxError, 0, 4, "unterminated /* comment", cliValue)}},
		{"unterminated block after value", "{\"a\":1 /* x *", []prob{pr(source.SyntaxError, 7, 13, "unterminated /* comment", cliComma)}},
		{"slash star slash", "/*/", []prob{pr(source.SyntaxError, 0, 3, "unterminated /* comment", cliValue)}},
		{"lone slash", "[1 / 2]", []prob{pr(source.SyntaxError, 3, 4, "expected ',' or ']' after an array element, found '/'", cliComma)}},
		{"slash at end", "1 /", []prob{pr(source.TrailingData, 2, 3, msgTrailing, cliExtra)}},
	})
	// The value after a comment is read.
	f := parse("// c\n{\"a\": /* x */ [1, /* y */ 2] // z\n}")
	if got := f.Root.Get("a"); got == nil || len(got.Elems) != 2 || got.Elems[1].Text != "2" {
		t.Errorf("value after comments not read: %+v", f.Root)
	}
}

func TestTrailingCommas(t *testing.T) {
	const arrMsg = "trailing comma before ']' is not allowed in JSON"
	const objMsg = "trailing comma before '}' is not allowed in JSON"
	runCases(t, []parseCase{
		{"array", `[1,]`, []prob{prOther(source.TrailingComma, 2, 3, arrMsg, cliValue, 3, 4)}},
		{"object", `{"a":1,}`, []prob{prOther(source.TrailingComma, 6, 7, objMsg, cliProperty, 7, 8)}},
		{"spaced", "[1 , \n ]", []prob{prOther(source.TrailingComma, 3, 4, arrMsg, cliValue, 7, 8)}},
		{"nested", `[[1,],{"a":[],},]`, []prob{
			prOther(source.TrailingComma, 3, 4, arrMsg, cliValue, 4, 5),
			prOther(source.TrailingComma, 13, 14, objMsg, cliProperty, 14, 15),
			prOther(source.TrailingComma, 15, 16, arrMsg, cliValue, 16, 17),
		}},
		{"comma only array", `[,]`, []prob{pr(source.SyntaxError, 1, 2, "expected a value, found ','", cliValue)}},
		{"comma only object", `{,}`, []prob{pr(source.SyntaxError, 1, 2, "expected a string key, found ','", cliProperty)}},
		{"two commas", `[1,,]`, []prob{pr(source.SyntaxError, 3, 4, "expected a value, found ','", cliValue)}},
	})
	f := parse(`[[1,],{"a":[],},]`)
	if len(f.Root.Elems) != 2 || f.Root.End != 17 || len(f.Root.Elems[0].Elems) != 1 || f.Root.Elems[0].End != 5 ||
		len(f.Root.Elems[1].Members) != 1 || f.Root.Elems[1].End != 15 {
		t.Errorf("trailing commas not recovered: %+v", f.Root)
	}
}

func TestControlCharacters(t *testing.T) {
	in := "\"a\tb\nc\x01d\re\x1f\""
	f := parse(in)
	checkProblems(t, in, f, []prob{
		pr(source.ControlCharacter, 2, 3, "a tab inside a string must be escaped", cliControl),
		pr(source.ControlCharacter, 4, 5, "a line break inside a string must be escaped", cliControl),
		pr(source.ControlCharacter, 6, 7, "control character U+0001 inside a string must be escaped", cliControl),
		pr(source.ControlCharacter, 8, 9, "a carriage return inside a string must be escaped", cliControl),
		pr(source.ControlCharacter, 10, 11, "control character U+001F inside a string must be escaped", cliControl),
	})
	if f.Root == nil || f.Root.Text != "a\tb\nc\x01d\re\x1f" || f.Root.End != len(in) {
		t.Errorf("control characters not kept: %+v", f.Root)
	}
	// In a key, and reading goes on.
	in = "{\"a\x00\":[\"\x0b\"]}"
	f = parse(in)
	checkProblems(t, in, f, []prob{
		pr(source.ControlCharacter, 3, 4, "control character U+0000 inside a string must be escaped", cliControl),
		pr(source.ControlCharacter, 8, 9, "control character U+000B inside a string must be escaped", cliControl),
	})
	if f.Root.Get("a\x00") == nil || f.Root.Get("a\x00").Elems[0].Text != "\x0b" {
		t.Errorf("key with a control character not read: %+v", f.Root)
	}
}

func TestTrailingData(t *testing.T) {
	runCases(t, []parseCase{
		{"word", `{} x`, []prob{pr(source.TrailingData, 3, 4, msgTrailing, cliExtra)}},
		{"values", `1 2 3`, []prob{pr(source.TrailingData, 2, 5, msgTrailing, cliExtra)}},
		{"brace", `{}}`, []prob{pr(source.TrailingData, 2, 3, msgTrailing, cliExtra)}},
		{"second document", "{}\n{}\n", []prob{pr(source.TrailingData, 3, 6, msgTrailing, cliExtra)}},
		{"after comment", "[1] // c\n x", []prob{
			pr(source.Comment, 4, 8, msgComment, cliExtra),
			pr(source.TrailingData, 10, 11, msgTrailing, cliExtra),
		}},
		{"literal glued", `truex`, []prob{pr(source.TrailingData, 4, 5, msgTrailing, cliExtra)}},
		{"number glued", `12ab`, []prob{pr(source.TrailingData, 2, 4, msgTrailing, cliExtra)}},
	})
	f := parse(`{"a":1} x`)
	if f.Root == nil || f.Root.Get("a") == nil {
		t.Error("the document before trailing data should be read")
	}
}

func TestEmpty(t *testing.T) {
	runCases(t, []parseCase{
		{"empty", "", []prob{pr(source.SyntaxError, 0, 0, "the file is empty", cliValue)}},
		{"spaces", " \n\t", []prob{pr(source.SyntaxError, 3, 3, "the file holds no JSON value", cliValue)}},
		{"crlf", "\r\n", []prob{pr(source.SyntaxError, 2, 2, "the file holds no JSON value", cliValue)}},
	})
}

func TestFatal(t *testing.T) {
	runCases(t, []parseCase{
		// Structure.
		{"missing colon", `{"a" 1}`, []prob{pr(source.SyntaxError, 5, 6, "expected ':' after the key, found '1'", cliColon)}},
		{"missing colon at end", `{"a"`, []prob{pr(source.SyntaxError, 4, 4, "expected ':' after the key, found the end of the file", cliColon)}},
		{"missing object comma", `{"a":1 "b":2}`, []prob{pr(source.SyntaxError, 7, 8, `expected ',' or '}' after an object member, found '"'`, cliComma)}},
		{"unclosed object", `{"a":1`, []prob{pr(source.SyntaxError, 6, 6, "expected ',' or '}' after an object member, found the end of the file", cliComma)}},
		{"object closed by bracket", `{"a":1]`, []prob{pr(source.SyntaxError, 6, 7, "expected ',' or '}' after an object member, found ']'", cliComma)}},
		{"missing array comma", `[1 2]`, []prob{pr(source.SyntaxError, 3, 4, "expected ',' or ']' after an array element, found '2'", cliComma)}},
		{"unclosed array", `[1`, []prob{pr(source.SyntaxError, 2, 2, "expected ',' or ']' after an array element, found the end of the file", cliComma)}},
		{"open brace", `{`, []prob{pr(source.SyntaxError, 1, 1, "expected a string key, found the end of the file", cliProperty)}},
		{"single-quoted key", `{'a':1}`, []prob{pr(source.SyntaxError, 1, 2, `expected a string key, found "'"`, cliProperty)}},
		{"bare key", `{a:1}`, []prob{pr(source.SyntaxError, 1, 2, "expected a string key, found 'a'", cliProperty)}},
		{"comma at end", `{"a":1,`, []prob{pr(source.SyntaxError, 7, 7, "expected a string key, found the end of the file", cliProperty)}},
		{"open bracket", `[`, []prob{pr(source.SyntaxError, 1, 1, "expected a value, found the end of the file", cliValue)}},
		{"missing value", `{"a":}`, []prob{pr(source.SyntaxError, 5, 6, "expected a value, found '}'", cliValue)}},
		{"missing value at end", `{"a":`, []prob{pr(source.SyntaxError, 5, 5, "expected a value, found the end of the file", cliValue)}},
		{"double comma", `[1,,2]`, []prob{pr(source.SyntaxError, 3, 4, "expected a value, found ','", cliValue)}},
		{"close bracket", `]`, []prob{pr(source.SyntaxError, 0, 1, "expected a value, found ']'", cliValue)}},
		// Literals.
		{"short true", `tru`, []prob{pr(source.SyntaxError, 0, 1, "expected a value, found 't'", cliValue)}},
		{"short null in array", `[nul]`, []prob{pr(source.SyntaxError, 1, 2, "expected a value, found 'n'", cliValue)}},
		{"capital True", `True`, []prob{pr(source.SyntaxError, 0, 1, "expected a value, found 'T'", cliValue)}},
		{"single-quoted string", `'a'`, []prob{pr(source.SyntaxError, 0, 1, `expected a value, found "'"`, cliValue)}},
		{"NaN", `NaN`, []prob{pr(source.SyntaxError, 0, 1, "expected a value, found 'N'", cliValue)}},
		// Numbers: Python reads the longest number it can ("0", "1") and
		// then stops at what follows, as after any value.
		{"leading zero", `01`, []prob{pr(source.SyntaxError, 1, 2, "numbers must not have leading zeros", cliExtra)}},
		{"leading zero in array", `[01]`, []prob{pr(source.SyntaxError, 2, 3, "numbers must not have leading zeros", cliComma)}},
		{"negative leading zeros", `{"a":-007}`, []prob{pr(source.SyntaxError, 7, 9, "numbers must not have leading zeros", cliComma)}},
		{"bare point", `1.`, []prob{pr(source.SyntaxError, 1, 2, "expected a digit after the decimal point, found the end of the file", cliExtra)}},
		{"bare point in array", `[1.]`, []prob{pr(source.SyntaxError, 2, 4, "expected a digit after the decimal point, found ']'", cliComma)}},
		{"point then exponent", `1.e5`, []prob{pr(source.SyntaxError, 1, 3, "expected a digit after the decimal point, found 'e'", cliExtra)}},
		{"bare exponent", `1e`, []prob{pr(source.SyntaxError, 1, 2, "expected a digit in the exponent, found the end of the file", cliExtra)}},
		{"signed bare exponent in array", `[1e+]`, []prob{pr(source.SyntaxError, 2, 5, "expected a digit in the exponent, found ']'", cliComma)}},
		{"fraction then bare exponent", `1.5E`, []prob{pr(source.SyntaxError, 3, 4, "expected a digit in the exponent, found the end of the file", cliExtra)}},
		{"minus", `-`, []prob{pr(source.SyntaxError, 0, 1, "expected a digit, found the end of the file", cliValue)}},
		{"minus letter", `-a`, []prob{pr(source.SyntaxError, 0, 2, "expected a digit, found 'a'", cliValue)}},
		{"minus in array", `[-]`, []prob{pr(source.SyntaxError, 1, 3, "expected a digit, found ']'", cliValue)}},
		{"minus point", `-.5`, []prob{pr(source.SyntaxError, 0, 2, "expected a digit, found '.'", cliValue)}},
		{"plus", `+1`, []prob{pr(source.SyntaxError, 0, 1, "expected a value, found '+'", cliValue)}},
		{"leading point", `.5`, []prob{pr(source.SyntaxError, 0, 1, "expected a value, found '.'", cliValue)}},
		// Strings.
		{"bad escape", `"\x"`, []prob{pr(source.SyntaxError, 1, 3, `invalid escape: a backslash followed by 'x'`, cliEscape)}},
		{"bad escape after multibyte", `"é\x"`, []prob{pr(source.SyntaxError, 3, 5, `invalid escape: a backslash followed by 'x'`, cliEscape)}},
		{"bad u escape", `"\u12x4"`, []prob{pr(source.SyntaxError, 2, 7, msgBadU, cliUEscape)}},
		{"short u escape", `"\u12"`, []prob{pr(source.SyntaxError, 2, 6, msgBadU, cliUEscape)}},
		{"u at end", `"\u`, []prob{pr(source.SyntaxError, 2, 3, msgBadU, cliUEscape)}},
		{"u escape then end", `"\u1234`, []prob{pr(source.SyntaxError, 2, 7, msgUnterm, cliUEscape)}},
		{"surrogate pair then end", `"\ud83d\ude00`, []prob{pr(source.SyntaxError, 8, 13, msgUnterm, cliUEscape)}},
		{"bad second surrogate", `"\ud83d\uzzzz"`, []prob{pr(source.SyntaxError, 8, 13, msgBadU, cliUEscape)}},
		{"unterminated", `"abc`, []prob{pr(source.SyntaxError, 0, 4, msgUnterm, cliUnterm)}},
		{"unterminated after backslash", `"a\`, []prob{pr(source.SyntaxError, 0, 3, msgUnterm, cliUnterm)}},
		{"unterminated after escaped quote", `"\"`, []prob{pr(source.SyntaxError, 0, 3, msgUnterm, cliUnterm)}},
		{"unterminated in array", `["ok", "abc`, []prob{pr(source.SyntaxError, 7, 11, msgUnterm, cliUnterm)}},
		{"unterminated key", `{"ab`, []prob{pr(source.SyntaxError, 1, 4, msgUnterm, cliUnterm)}},
	})
}

func TestDepth(t *testing.T) {
	const tooDeep = "nesting is deeper than 256 levels"
	if source.MaxDepth != 256 {
		t.Fatalf("MaxDepth = %d; the cases below assume 256", source.MaxDepth)
	}
	nest := func(n int, inner string) string {
		return strings.Repeat("[", n) + inner + strings.Repeat("]", n)
	}
	d := source.MaxDepth
	runCases(t, []parseCase{
		// The root is at depth 0: MaxDepth arrays (depths 0..MaxDepth-1)
		// are fine, and so is a scalar inside MaxDepth-1 of them.
		{"MaxDepth empty arrays", nest(d, ""), nil},
		{"scalar below MaxDepth-1 arrays", nest(d-1, "1"), nil},
		{"MaxDepth+1 empty arrays", nest(d+1, ""), []prob{pr(source.TooDeep, d, d+1, tooDeep, "")}},
		{"scalar below MaxDepth arrays", nest(d, "1"), []prob{pr(source.TooDeep, d, d+1, tooDeep, "")}},
		{"objects", strings.Repeat(`{"a":`, d) + "1" + strings.Repeat("}", d),
			[]prob{pr(source.TooDeep, 5*d, 5*d+1, tooDeep, "")}},
		{"MaxDepth open brackets at the end", strings.Repeat("[", d), []prob{pr(source.TooDeep, d, d, tooDeep, "")}},
		{"MaxDepth open brackets then space", strings.Repeat("[", d) + " ", []prob{pr(source.TooDeep, d+1, d+1, tooDeep, "")}},
		{"MaxDepth open brackets then a multibyte char", strings.Repeat("[", d) + "é", []prob{pr(source.TooDeep, d, d+2, tooDeep, "")}},
	})
	f := parse(nest(d, ""))
	deepest := 0
	f.Root.Walk(func(n *source.Node) { deepest = max(deepest, strings.Count(n.Pointer(), "/")) })
	if deepest != d-1 {
		t.Errorf("deepest node at depth %d, want %d", deepest, d-1)
	}

	// A million brackets: one problem, no stack overflow.
	in := bytes.Repeat([]byte("["), 1_000_000)
	f = source.Parse("deep.json", in)
	checkProblems(t, "[[[...", f, []prob{pr(source.TooDeep, d, d+1, tooDeep, "")})
	in = bytes.Repeat([]byte(`{"a":`), 1_000_000)
	f = source.Parse("deep.json", in)
	checkProblems(t, `{"a":{"a":...`, f, []prob{pr(source.TooDeep, 5*d, 5*d+1, tooDeep, "")})
}

// TestManyComments reads a file of many comments. Each comment must cost
// time in proportion to its own length, not to the rest of the file.
func TestManyComments(t *testing.T) {
	const n = 250_000
	in := "[" + strings.Repeat("/**/", n) + "1]"
	f := parse(in)
	if len(f.Problems) != n || f.Root == nil || len(f.Root.Elems) != 1 {
		t.Fatalf("got %d problems, root %v", len(f.Problems), f.Root)
	}
	if p := f.Problems[n-1]; p.Start != 1+4*(n-1) || p.End != 1+4*n {
		t.Errorf("last comment at %d..%d", p.Start, p.End)
	}
}

func TestPosition(t *testing.T) {
	const in = "ab\ncd\r\nef"
	f := parse(in)
	for _, tt := range []struct {
		off  int
		want source.Position
	}{
		{0, source.Position{Line: 1, Column: 1, Offset: 0}},
		{1, source.Position{Line: 1, Column: 2, Offset: 1}},
		{2, source.Position{Line: 1, Column: 3, Offset: 2}}, // the '\n'
		{3, source.Position{Line: 2, Column: 1, Offset: 3}},
		{5, source.Position{Line: 2, Column: 3, Offset: 5}}, // the '\r'
		{6, source.Position{Line: 2, Column: 4, Offset: 6}}, // the '\n' of CRLF
		{7, source.Position{Line: 3, Column: 1, Offset: 7}},
		{8, source.Position{Line: 3, Column: 2, Offset: 8}},
		{9, source.Position{Line: 3, Column: 3, Offset: 9}},   // end of file
		{100, source.Position{Line: 3, Column: 3, Offset: 9}}, // clamped
		{-5, source.Position{Line: 1, Column: 1, Offset: 0}},  // clamped
	} {
		if got := f.Position(tt.off); got != tt.want {
			t.Errorf("Position(%d) = %+v, want %+v", tt.off, got, tt.want)
		}
	}
	if f.LineCount() != 3 {
		t.Errorf("LineCount = %d, want 3", f.LineCount())
	}
	for n, want := range map[int]string{0: "", 1: "ab", 2: "cd", 3: "ef", 4: ""} {
		if got := f.LineText(n); got != want {
			t.Errorf("LineText(%d) = %q, want %q", n, got, want)
		}
	}

	// A final newline starts an empty last line; the end of file is on it.
	f = parse("{}\r\n")
	if got, want := f.Position(4), (source.Position{Line: 2, Column: 1, Offset: 4}); got != want {
		t.Errorf("Position(EOF) = %+v, want %+v", got, want)
	}
	if f.LineCount() != 2 || f.LineText(1) != "{}" || f.LineText(2) != "" {
		t.Errorf("LineCount %d, LineText(1) %q, LineText(2) %q", f.LineCount(), f.LineText(1), f.LineText(2))
	}
	// Columns count bytes.
	f = parse("\"é\" x\n")
	if got, want := f.Position(5), (source.Position{Line: 1, Column: 6, Offset: 5}); got != want {
		t.Errorf("Position after é = %+v, want %+v", got, want)
	}
	// An empty file has one line.
	f = parse("")
	if got, want := f.Position(0), (source.Position{Line: 1, Column: 1, Offset: 0}); got != want || f.LineCount() != 1 || f.LineText(1) != "" {
		t.Errorf("empty file: Position(0) = %+v, LineCount %d", got, f.LineCount())
	}
	// Positions in a CRLF file with a problem.
	f = parse("{\r\n  \"a\": 1,\r\n}\r\n")
	if len(f.Problems) != 1 {
		t.Fatalf("problems: %v", probs(f))
	}
	p := f.Problems[0]
	if got, want := f.Position(p.Start), (source.Position{Line: 2, Column: 9, Offset: 11}); got != want {
		t.Errorf("trailing comma at %+v, want %+v", got, want)
	}
	if got, want := f.Position(p.Other), (source.Position{Line: 3, Column: 1, Offset: 14}); got != want {
		t.Errorf("closing bracket at %+v, want %+v", got, want)
	}
	if f.LineText(2) != `  "a": 1,` {
		t.Errorf("LineText(2) = %q", f.LineText(2))
	}
}

// pyCase is an input Python's json module refuses: the message it gives and
// where, in code points, as dplint's problem must say.
type pyCase struct {
	in   string
	cli  string
	char int
	// trailingComma marks the cases Python 3.13 words differently
	// ("Illegal trailing comma before end of array", at the comma).
	trailingComma bool
}

// TestCLIMessagesAgainstPython checks that the problems carrying a
// CLIMessage say what Python's json.loads says, at the same place.
func TestCLIMessagesAgainstPython(t *testing.T) {
	cases := []pyCase{
		{"", cliValue, 0, false},
		{" \n ", cliValue, 3, false},
		{"// c\n1", cliValue, 0, false},
		{`{/*c*/"a":1}`, cliProperty, 1, false},
		{`{"a"/*c*/:1}`, cliColon, 4, false},
		{`{"a":/*c*/1}`, cliValue, 5, false},
		{`{"a":1/*c*/}`, cliComma, 6, false},
		{`{"a":1,/*c*/"b":2}`, cliProperty, 7, false},
		{`[1,/*c*/2]`, cliValue, 3, false},
		{`[1//c` + "\n]", cliComma, 2, false},
		{"1 // c", cliExtra, 2, false},
		{"[1, /* x", cliValue, 4, false},
		{`{"é":1 "b":2}`, cliComma, 7, false},
		{`{"a" 1}`, cliColon, 5, false},
		{"{\r\n\"a\" 1}", cliColon, 7, false},
		{`{"a":1`, cliComma, 6, false},
		{`[1 2]`, cliComma, 3, false},
		{`{'a':1}`, cliProperty, 1, false},
		{`[1,,2]`, cliValue, 3, false},
		{`tru`, cliValue, 0, false},
		{`[nul]`, cliValue, 1, false},
		{`01`, cliExtra, 1, false},
		{`[01]`, cliComma, 2, false},
		{`{"a":-007}`, cliComma, 7, false},
		{`1.`, cliExtra, 1, false},
		{`[1.]`, cliComma, 2, false},
		{`1.e5`, cliExtra, 1, false},
		{`1e`, cliExtra, 1, false},
		{`[1e+]`, cliComma, 2, false},
		{`1.5E`, cliExtra, 3, false},
		{`-`, cliValue, 0, false},
		{`[-]`, cliValue, 1, false},
		{`"\x"`, cliEscape, 1, false},
		{`"é\x"`, cliEscape, 2, false},
		{`"\u12x4"`, cliUEscape, 2, false},
		{`"\u12"`, cliUEscape, 2, false},
		{`"\u`, cliUEscape, 2, false},
		{`"\u1234`, cliUEscape, 2, false},
		{`"\ud83d\ude00`, cliUEscape, 8, false},
		{`"\ud83d\uzzzz"`, cliUEscape, 8, false},
		{`"abc`, cliUnterm, 0, false},
		{`"a\`, cliUnterm, 0, false},
		{`["é", "abc`, cliUnterm, 6, false},
		{"\"a\tb\"", cliControl, 2, false},
		{`{} x`, cliExtra, 3, false},
		{"\xef\xbb\xbf{}", "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0, false},
		{`[1,]`, cliValue, 3, true},
		{`{"a":1,}`, cliProperty, 7, true},
		{"[1 , \n ]", cliValue, 7, true},
	}
	// First, dplint's side: exactly one problem has a CLIMessage, and it is
	// the expected one, at the expected code point.
	for _, c := range cases {
		f := parse(c.in)
		var with []source.Problem
		for _, p := range f.Problems {
			if p.CLIMessage != "" {
				with = append(with, p)
			}
		}
		if len(with) != 1 {
			t.Errorf("Parse(%q): %d problems with a CLIMessage, want 1: %v", c.in, len(with), probs(f))
			continue
		}
		p := with[0]
		off := p.Start
		if p.Kind == source.TrailingComma {
			off = p.Other // Python stops at the closing bracket
		}
		if p.CLIMessage != c.cli || utf8.RuneCount([]byte(c.in)[:off]) != c.char {
			t.Errorf("Parse(%q): CLIMessage %q at char %d, want %q at char %d",
				c.in, p.CLIMessage, utf8.RuneCount([]byte(c.in)[:off]), c.cli, c.char)
		}
	}

	// Then Python's.
	py := testenv.Tool(t, "python3")
	version := func() (int, int) {
		out, err := exec.Command(py, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])").Output()
		if err != nil {
			t.Fatalf("python3 version: %v", err)
		}
		var major, minor int
		fmt.Sscan(string(out), &major, &minor)
		return major, minor
	}
	major, minor := version()
	charRE := regexp.MustCompile(`\(char (\d+)\)$`)
	var asked []int // indexes into cases
	var inputs [][]byte
	for i, c := range cases {
		if c.trailingComma && (major > 3 || major == 3 && minor >= 13) {
			t.Logf("Python %d.%d: skipping trailing-comma case %q", major, minor, c.in)
			continue
		}
		asked = append(asked, i)
		inputs = append(inputs, []byte(c.in))
	}
	// What json.loads raises, read as the CLI reads a file: UTF-8 text.
	answers := testenv.PythonEach(t, `
import json
def run(data):
    try:
        json.loads(data.decode("utf-8", "surrogateescape"))
    except json.JSONDecodeError as e:
        return str(e)
    return None
`, inputs)
	for k, i := range asked {
		c, msg := cases[i], answers[k]
		t.Run(fmt.Sprintf("%q", c.in), func(t *testing.T) {
			if msg == nil {
				t.Fatalf("python accepted %q", c.in)
			}
			if !strings.HasPrefix(*msg, c.cli+": ") {
				t.Errorf("python on %q says %q; dplint's CLIMessage is %q", c.in, *msg, c.cli)
			}
			m := charRE.FindStringSubmatch(*msg)
			if m == nil {
				t.Fatalf("python on %q: no (char N) in %q", c.in, *msg)
			}
			if n, _ := strconv.Atoi(m[1]); n != c.char {
				t.Errorf("python on %q: char %d, dplint's place is char %d", c.in, n, c.char)
			}
		})
	}
}
