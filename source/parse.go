package source

import (
	"bytes"
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// MaxDepth is the deepest nesting the reader accepts. Real definitions nest
// four or five levels; the limit keeps a hostile file (a million '[') from
// costing more than a few microseconds and never recurses deeper than this.
const MaxDepth = 256

// ProblemKind classifies what the reader found wrong with the bytes.
type ProblemKind uint8

// The kinds of problems the reader reports.
const (
	// SyntaxError is a fatal error: reading stopped there and File.Root is nil.
	SyntaxError ProblemKind = iota + 1
	// TooDeep is fatal too: nesting went past MaxDepth.
	TooDeep
	// The rest are recovered from: the reader records them and goes on.
	Comment
	TrailingComma
	ControlCharacter
	TrailingData
	DuplicateKey
	ByteOrderMark
	InvalidUTF8
)

// Problem is one thing wrong with the JSON text.
type Problem struct {
	Kind       ProblemKind
	Start, End int    // byte range the problem covers
	Message    string // in dplint's voice
	// Other is the byte offset of a second place that matters (for a
	// duplicate key, the key that wins; after a trailing comma, the closing
	// bracket), or -1; OtherEnd ends that place.
	Other, OtherEnd int
	// CLIMessage is what Python's json module, and so the AWS CLI, says when
	// it stops here ("Expecting value"); empty where Python reads on.
	CLIMessage string
}

// Fatal reports whether reading stopped at this problem.
func (p Problem) Fatal() bool { return p.Kind == SyntaxError || p.Kind == TooDeep }

// File is one parsed JSON document.
type File struct {
	Name     string
	Content  []byte
	Root     *Node // nil when a fatal problem stopped reading
	Problems []Problem
	lines    []int // offsets at which each line starts
	tf       *token.File
}

// Position is a place in a file: 1-based line, 1-based byte column and the
// 0-based byte offset.
type Position struct {
	Line, Column, Offset int
}

// Position converts a byte offset into line and column.
func (f *File) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(f.Content) {
		off = len(f.Content)
	}
	// The line whose start is the last at or before off (lines[0] is 0).
	i, found := slices.BinarySearch(f.lines, off)
	if !found {
		i--
	}
	return Position{Line: i + 1, Column: off - f.lines[i] + 1, Offset: off}
}

// LineText returns line n (1-based) without its line terminator.
func (f *File) LineText(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start := f.lines[n-1]
	end := len(f.Content)
	if n < len(f.lines) {
		end = f.lines[n]
	}
	return strings.TrimRight(string(f.Content[start:end]), "\r\n")
}

// LineStart is the byte offset where line n (1-based) starts.
func (f *File) LineStart(n int) int {
	if n < 1 || n > len(f.lines) {
		return len(f.Content)
	}
	return f.lines[n-1]
}

// LineCount is the number of lines in the file.
func (f *File) LineCount() int { return len(f.lines) }

// TokenFile registers the file in fset (once) and returns it, so analyzers
// can report token.Pos values that map back to byte offsets in this file.
func (f *File) TokenFile(fset *token.FileSet) *token.File {
	if f.tf == nil {
		f.tf = fset.AddFile(f.Name, -1, len(f.Content))
		// The token.File takes the lines already found, less a line start
		// at the very end (which it does not count): finding them again
		// made a second list of every line's offset. Cut to its length, an
		// AddLine copies rather than write into ours.
		lines := f.lines
		if n := len(lines); n > 0 && lines[n-1] >= len(f.Content) {
			lines = lines[: n-1 : n-1]
		}
		if len(lines) == 0 || !f.tf.SetLines(lines) {
			f.tf.SetLinesForContent(f.Content)
		}
	}
	return f.tf
}

// Parse reads data as one JSON document. It never fails: what is wrong is in
// File.Problems, and File.Root is the document unless a fatal problem
// stopped reading. The File keeps data, and the tree's strings share its
// bytes: data must not change after Parse.
func Parse(name string, data []byte) *File {
	f := &File{Name: name, Content: data}
	f.lines = lineStarts(data)
	// A string without escapes (nearly all of them) is a slice of the
	// file's bytes, where building each byte by byte made an allocation per
	// key and value. The bytes are read as a string in place: a copy was
	// the file's size again (32 MB of a 100,000-object definition), and
	// the File holds data unchanged anyway.
	p := &parser{f: f, data: data, text: unsafe.String(unsafe.SliceData(data), len(data))}
	p.run()
	sort.SliceStable(f.Problems, func(i, j int) bool { return f.Problems[i].Start < f.Problems[j].Start })
	return f
}

// lineStarts lists the offsets at which each line of data starts.
func lineStarts(data []byte) []int {
	lines := make([]int, 1, bytes.Count(data, []byte{'\n'})+1)
	for i, b := range data {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

type parser struct {
	f    *File
	data []byte
	text string // data as a string (Parse)
	pos  int
	// The tree is carved out of blocks: a node, a member or a member or
	// element list was one allocation each, and for a large file the
	// allocator and the collector's work on them cost more than reading.
	arena Arena
	// What an open object or array has read so far, innermost last: its
	// list is carved at its exact size when it closes, not grown.
	openMembers []*Member
	openElems   []*Node
}

// Arena hands out the nodes of a tree, its members and their lists from
// blocks, for readers of other formats (a YAML template and the pipeline
// built from it) as for Parse: one allocation per value made a large tree cost
// the allocator and the collector more than reading it did. The zero
// value is ready; lists have their capacity cut to their length.
type Arena struct {
	nodes      slab[Node]
	members    slab[Member]
	memberList slab[*Member]
	elemList   slab[*Node]
}

// Node returns a new node of kind spanning start..end.
func (a *Arena) Node(kind Kind, start, end int) *Node {
	n := a.nodes.one()
	n.Kind, n.Start, n.End = kind, start, end
	return n
}

// Member returns a new member.
func (a *Arena) Member(key string, keyStart, keyEnd int, value *Node) *Member {
	m := a.members.one()
	m.Key, m.KeyStart, m.KeyEnd, m.Value = key, keyStart, keyEnd, value
	return m
}

// Members returns a list of n members to fill (nil for none).
func (a *Arena) Members(n int) []*Member { return a.memberList.take(n) }

// Elems returns a list of n elements to fill (nil for none).
func (a *Arena) Elems(n int) []*Node { return a.elemList.take(n) }

// slab hands out values from blocks that grow with use (16 values, then
// twice the last block, up to maxBlock), so a small file allocates little
// and a large one few times. A list taken from it has its capacity cut to
// its length: appending to it copies rather than overwrite its neighbour.
type slab[T any] struct {
	block []T
	size  int // of the last block
}

const maxBlock = 1024

func (s *slab[T]) one() *T {
	if len(s.block) == 0 {
		s.grow(1)
	}
	v := &s.block[0]
	s.block = s.block[1:]
	return v
}

func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.block) < n {
		s.grow(n)
	}
	out := s.block[:n:n]
	s.block = s.block[n:]
	return out
}

func (s *slab[T]) grow(n int) {
	s.size = min(max(2*s.size, 16), maxBlock)
	s.block = make([]T, max(n, s.size))
}

// node returns a new node of kind starting at start.
func (p *parser) node(kind Kind, start int) *Node {
	return p.arena.Node(kind, start, 0) // End is set when the value closes
}

// stop is panicked (and recovered in run) to unwind after a fatal problem;
// the recursion is bounded by MaxDepth, so this is the simplest clean exit.
type stop struct{}

func (p *parser) run() {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stop); !ok {
				panic(r)
			}
			p.f.Root = nil
		}
	}()
	if len(p.data) >= 3 && p.data[0] == 0xEF && p.data[1] == 0xBB && p.data[2] == 0xBF {
		p.add(Problem{Kind: ByteOrderMark, Start: 0, End: 3,
			Message:    "the file starts with a UTF-8 byte order mark (BOM); JSON text must not",
			CLIMessage: "Unexpected UTF-8 BOM (decode using utf-8-sig)"})
		p.pos = 3
	}
	p.space("Expecting value")
	if p.pos >= len(p.data) {
		what := "the file is empty"
		if len(p.data) > 0 {
			what = "the file holds no JSON value"
		}
		p.fatal(SyntaxError, p.pos, p.pos, what, "Expecting value")
	}
	p.f.Root = p.value(0)
	p.space("Extra data")
	if p.pos < len(p.data) {
		p.add(Problem{Kind: TrailingData, Start: p.pos, End: len(p.data),
			Message:    "unexpected data after the end of the JSON document",
			CLIMessage: "Extra data"})
	}
}

func (p *parser) add(pr Problem) {
	if pr.Other == 0 && pr.Kind != DuplicateKey {
		pr.Other = -1
	}
	p.f.Problems = append(p.f.Problems, pr)
}

func (p *parser) fatal(kind ProblemKind, start, end int, msg, cli string) {
	p.add(Problem{Kind: kind, Start: start, End: end, Message: msg, CLIMessage: cli})
	panic(stop{})
}

// found describes the bytes at the current position for an error message.
func (p *parser) found() string {
	if p.pos >= len(p.data) {
		return "the end of the file"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	switch {
	case r == utf8.RuneError:
		return fmt.Sprintf("byte 0x%02X", p.data[p.pos])
	case r == '\'':
		return `"'"`
	}
	return strconv.QuoteRune(r)
}

func (p *parser) foundEnd() int {
	if p.pos >= len(p.data) {
		return p.pos
	}
	_, n := utf8.DecodeRune(p.data[p.pos:])
	return p.pos + n
}

// space skips white space and comments. Comments are not JSON: each is
// reported (cli is what Python would say finding one here) and skipped.
func (p *parser) space(cli string) {
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; c {
		case ' ', '\t', '\n', '\r':
			p.pos++
		case '/':
			if p.pos+1 >= len(p.data) || (p.data[p.pos+1] != '/' && p.data[p.pos+1] != '*') {
				return
			}
			start := p.pos
			if p.data[p.pos+1] == '/' {
				for p.pos < len(p.data) && p.data[p.pos] != '\n' {
					p.pos++
				}
			} else {
				end := bytes.Index(p.data[p.pos+2:], []byte("*/"))
				if end < 0 {
					p.fatal(SyntaxError, start, len(p.data), "unterminated /* comment", cli)
				}
				p.pos += 2 + end + 2
			}
			end := p.pos
			for end > start && (p.data[end-1] == '\n' || p.data[end-1] == '\r') {
				end--
			}
			p.add(Problem{Kind: Comment, Start: start, End: end,
				Message: "comments are not allowed in JSON", CLIMessage: cli})
		default:
			return
		}
	}
}

func (p *parser) value(depth int) *Node {
	if depth >= MaxDepth {
		p.fatal(TooDeep, p.pos, p.foundEnd(), fmt.Sprintf("nesting is deeper than %d levels", MaxDepth), "")
	}
	if p.pos >= len(p.data) {
		p.fatal(SyntaxError, p.pos, p.pos, "expected a value, found the end of the file", "Expecting value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		start := p.pos
		s := p.str()
		n := p.node(String, start)
		n.End, n.Text = p.pos, s
		return n
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(depth)
	default:
		for _, lit := range [...]struct {
			text string
			kind Kind
		}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
			if strings.HasPrefix(p.text[p.pos:], lit.text) {
				n := p.node(lit.kind, p.pos)
				p.pos += len(lit.text)
				n.End, n.Text = p.pos, lit.text
				return n
			}
		}
		p.fatal(SyntaxError, p.pos, p.foundEnd(), "expected a value, found "+p.found(), "Expecting value")
	}
	return nil
}

func (p *parser) object(depth int) *Node {
	n := p.node(Object, p.pos)
	p.pos++ // '{'
	p.space("Expecting property name enclosed in double quotes")
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		n.End = p.pos
		return n
	}
	base := len(p.openMembers)
	// key -> index of the winning member so far, made only for an object
	// too large to search: one map per object was a third of what reading
	// allocated.
	var first map[string]int
	closeObject := func() *Node {
		p.pos++
		n.End = p.pos
		n.Members = p.arena.Members(len(p.openMembers) - base)
		copy(n.Members, p.openMembers[base:])
		clear(p.openMembers[base:])
		p.openMembers = p.openMembers[:base]
		return n
	}
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			p.fatal(SyntaxError, p.pos, p.foundEnd(),
				"expected a string key, found "+p.found(), "Expecting property name enclosed in double quotes")
		}
		keyStart := p.pos
		key := p.str()
		m := p.arena.Member(key, keyStart, p.pos, nil)
		p.space("Expecting ':' delimiter")
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			p.fatal(SyntaxError, p.pos, p.foundEnd(), "expected ':' after the key, found "+p.found(), "Expecting ':' delimiter")
		}
		p.pos++
		p.space("Expecting value")
		m.Value = p.value(depth + 1)
		read := p.openMembers[base:]
		m.Value.parent, m.Value.index = n, int32(len(read))
		if first == nil && len(read) >= 32 {
			first = make(map[string]int, 2*len(read))
			for i, r := range read {
				first[r.Key] = i
			}
		}
		prev, dup := -1, false
		if first != nil {
			prev, dup = first[key]
			first[key] = len(read)
		} else {
			for i := len(read) - 1; i >= 0 && !dup; i-- {
				prev, dup = i, read[i].Key == key
			}
		}
		if dup {
			old := read[prev]
			p.add(Problem{Kind: DuplicateKey, Start: old.KeyStart, End: old.KeyEnd, Other: m.KeyStart, OtherEnd: m.KeyEnd,
				Message: fmt.Sprintf("key %q is repeated at line %d; the last one wins (as in the AWS CLI), so this value is ignored",
					key, p.f.Position(m.KeyStart).Line)})
		}
		p.openMembers = append(p.openMembers, m)
		p.space("Expecting ',' delimiter")
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			return closeObject()
		}
		if p.pos >= len(p.data) || p.data[p.pos] != ',' {
			p.fatal(SyntaxError, p.pos, p.foundEnd(), "expected ',' or '}' after an object member, found "+p.found(), "Expecting ',' delimiter")
		}
		comma := p.pos
		p.pos++
		p.space("Expecting property name enclosed in double quotes")
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.add(Problem{Kind: TrailingComma, Start: comma, End: comma + 1,
				Message:    "trailing comma before '}' is not allowed in JSON",
				CLIMessage: "Expecting property name enclosed in double quotes", Other: p.pos, OtherEnd: p.pos + 1})
			return closeObject()
		}
	}
}

func (p *parser) array(depth int) *Node {
	n := p.node(Array, p.pos)
	p.pos++ // '['
	p.space("Expecting value")
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		n.End = p.pos
		return n
	}
	base := len(p.openElems)
	closeArray := func() *Node {
		p.pos++
		n.End = p.pos
		n.Elems = p.arena.Elems(len(p.openElems) - base)
		copy(n.Elems, p.openElems[base:])
		clear(p.openElems[base:])
		p.openElems = p.openElems[:base]
		return n
	}
	for {
		e := p.value(depth + 1)
		e.parent, e.index = n, int32(len(p.openElems)-base)
		p.openElems = append(p.openElems, e)
		p.space("Expecting ',' delimiter")
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			return closeArray()
		}
		if p.pos >= len(p.data) || p.data[p.pos] != ',' {
			p.fatal(SyntaxError, p.pos, p.foundEnd(), "expected ',' or ']' after an array element, found "+p.found(), "Expecting ',' delimiter")
		}
		comma := p.pos
		p.pos++
		p.space("Expecting value")
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.add(Problem{Kind: TrailingComma, Start: comma, End: comma + 1,
				Message:    "trailing comma before ']' is not allowed in JSON",
				CLIMessage: "Expecting value", Other: p.pos, OtherEnd: p.pos + 1})
			return closeArray()
		}
	}
}

func (p *parser) number(depth int) *Node {
	// Python reads the longest number it can ("0" of "01", "1" of "1." or
	// "1e") and stops at what follows, as after any value.
	after := "Expecting ',' delimiter"
	if depth == 0 {
		after = "Extra data"
	}
	start := p.pos
	digits := func() int {
		s := p.pos
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - s
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		p.fatal(SyntaxError, start, p.foundEnd(), "expected a digit, found "+p.found(), "Expecting value")
	}
	if p.data[intStart] == '0' && p.pos-intStart > 1 {
		p.fatal(SyntaxError, intStart+1, p.pos, "numbers must not have leading zeros", after)
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		dot := p.pos
		p.pos++
		if digits() == 0 {
			p.fatal(SyntaxError, dot, p.foundEnd(), "expected a digit after the decimal point, found "+p.found(), after)
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		e := p.pos
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			p.fatal(SyntaxError, e, p.foundEnd(), "expected a digit in the exponent, found "+p.found(), after)
		}
	}
	n := p.node(Number, start)
	n.End, n.Text = p.pos, p.text[start:p.pos]
	return n
}

// str reads a string starting at the opening quote and returns its value.
// One whose bytes are its value (no escape, no control character, valid
// UTF-8) is a slice of the file's text; only the rest are decoded.
func (p *parser) str() string {
	start := p.pos
	for i := start + 1; i < len(p.data); i++ {
		c := p.data[i]
		if c == '"' {
			p.pos = i + 1
			return p.text[start+1 : i]
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(p.data[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n - 1
		}
	}
	return p.decodeStr()
}

// decodeStr reads a string that str could not slice, byte by byte.
func (p *parser) decodeStr() string {
	start := p.pos
	p.pos++
	var b strings.Builder
	badUTF8 := false
	for {
		if p.pos >= len(p.data) {
			p.fatal(SyntaxError, start, p.pos, "unterminated string", "Unterminated string starting at")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String()
		case c == '\\':
			p.escape(&b, start)
		case c < 0x20:
			name := map[byte]string{'\n': "a line break", '\r': "a carriage return", '\t': "a tab"}[c]
			if name == "" {
				name = fmt.Sprintf("control character U+%04X", c)
			}
			p.add(Problem{Kind: ControlCharacter, Start: p.pos, End: p.pos + 1,
				Message:    name + " inside a string must be escaped",
				CLIMessage: "Invalid control character at"})
			b.WriteByte(c)
			p.pos++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			p.pos++
		default:
			r, n := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && n == 1 {
				if !badUTF8 {
					p.add(Problem{Kind: InvalidUTF8, Start: p.pos, End: p.pos + 1,
						Message: fmt.Sprintf("invalid UTF-8 byte 0x%02X in a string", c)})
					badUTF8 = true
				}
			}
			b.WriteRune(r)
			p.pos += n
		}
	}
}

func (p *parser) escape(b *strings.Builder, quote int) {
	start := p.pos
	if p.pos+1 >= len(p.data) {
		p.fatal(SyntaxError, quote, len(p.data), "unterminated string", "Unterminated string starting at")
	}
	c := p.data[p.pos+1]
	simple := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
	if r, ok := simple[c]; ok {
		b.WriteByte(r)
		p.pos += 2
		return
	}
	if c != 'u' {
		p.pos++
		p.fatal(SyntaxError, start, p.foundEnd(), "invalid escape: a backslash followed by "+p.found(), "Invalid \\escape")
	}
	// Python places \u errors at the 'u', and refuses a \u escape with
	// nothing after its four digits even when they are good.
	r1, ok := p.hex4(p.pos + 2)
	if !ok {
		p.fatal(SyntaxError, start+1, min(start+6, len(p.data)), "invalid \\u escape: expected four hex digits", "Invalid \\uXXXX escape")
	}
	if start+6 >= len(p.data) {
		p.fatal(SyntaxError, start+1, len(p.data), "unterminated string", "Invalid \\uXXXX escape")
	}
	p.pos += 6
	if utf16.IsSurrogate(r1) && p.pos+6 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
		if r2, ok := p.hex4(p.pos + 2); ok {
			if r := utf16.DecodeRune(r1, r2); r != utf8.RuneError {
				b.WriteRune(r)
				p.pos += 6
				return
			}
		}
	}
	if utf16.IsSurrogate(r1) {
		// A lone surrogate has no UTF-8 form. Keep it as its generalized
		// UTF-8 (WTF-8) bytes, as Python keeps it in its str: it sorts
		// where Python sorts it, is written back as a \u escape, and
		// the API's character rule can still see it (LoneSurrogate).
		b.WriteByte(byte(0xE0 | r1>>12))
		b.WriteByte(byte(0x80 | (r1>>6)&0x3F))
		b.WriteByte(byte(0x80 | r1&0x3F))
		return
	}
	b.WriteRune(r1)
}

// DecodeRune decodes the first character of s like utf8.DecodeRuneInString,
// but also reads the WTF-8 form of a lone surrogate (U+D800-U+DFFF), which
// the reader keeps for a \u escape that has no pair.
func DecodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2] >= 0x80 && s[2] <= 0xBF {
		return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}

func (p *parser) hex4(at int) (rune, bool) {
	if at+4 > len(p.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.data[at:at+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
