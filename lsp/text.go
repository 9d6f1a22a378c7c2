package lsp

import (
	"fmt"
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// encoding is how a position's character counts: LSP's default is UTF-16
// code units; a 3.17 client may offer utf-8 (bytes) or utf-32 (code
// points) through general.positionEncodings.
type encoding string

const (
	utf16Units encoding = "utf-16"
	utf8Bytes  encoding = "utf-8"
	utf32Runes encoding = "utf-32"
)

// pickEncoding takes the first encoding the client offers that we know,
// in its order of preference; UTF-16 when it offers none.
func pickEncoding(offered []string) encoding {
	for _, e := range offered {
		switch encoding(e) {
		case utf8Bytes, utf16Units, utf32Runes:
			return encoding(e)
		}
	}
	return utf16Units
}

// text is one version of a document with its line starts, so positions
// convert both ways without rescanning it.
type text struct {
	data  []byte
	lines []int // byte offset where each line starts
	enc   encoding
	// ascii is set when every byte is ASCII: a character is then a byte in
	// every encoding, and a position costs no scan of its line (a minified
	// definition is one long line).
	ascii bool
}

func newText(data []byte, enc encoding) *text {
	t := &text{data: data, lines: []int{0}, enc: enc, ascii: true}
	for i := 0; i < len(data); i++ {
		if data[i] >= utf8.RuneSelf {
			t.ascii = false
		}
		switch data[i] {
		case '\n':
			t.lines = append(t.lines, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// lineEnd is where line n's text ends, before its terminator.
func (t *text) lineEnd(n int) int {
	end := len(t.data)
	if n+1 < len(t.lines) {
		end = t.lines[n+1]
	}
	for end > t.lines[n] && (t.data[end-1] == '\n' || t.data[end-1] == '\r') {
		end--
	}
	return end
}

// offset converts a position to a byte offset. A character past the end
// of its line means the line's end, and a line past the last the end of the
// text, as the specification asks.
func (t *text) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(t.lines) {
		return len(t.data)
	}
	off, end := t.lines[line], t.lineEnd(line)
	if t.ascii {
		return min(off+int(p.Character), end)
	}
	for left := int(p.Character); left > 0 && off < end; {
		r, size := utf8.DecodeRune(t.data[off:end])
		n := t.units(r, size)
		if n > left {
			break // inside a surrogate pair: stay before the character
		}
		left -= n
		off += size
	}
	return off
}

// units is how many characters of the encoding the rune takes.
func (t *text) units(r rune, size int) int {
	switch t.enc {
	case utf8Bytes:
		return size
	case utf32Runes:
		return 1
	}
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1 // an invalid byte counts as one replacement character
}

// position converts a byte offset to a position.
func (t *text) position(off int) protocol.Position {
	off = max(0, min(off, len(t.data)))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	if t.ascii {
		return protocol.Position{Line: uint32(line), Character: uint32(off - t.lines[line])}
	}
	char := 0
	for i := t.lines[line]; i < off; {
		r, size := utf8.DecodeRune(t.data[i:off])
		char += t.units(r, size)
		i += size
	}
	return protocol.Position{Line: uint32(line), Character: uint32(char)}
}

func (t *text) span(start, end int) protocol.Range {
	return protocol.Range{Start: t.position(start), End: t.position(end)}
}

// change is one textDocument/didChange content change: with a range it
// replaces that range, without one the whole text. (The protocol module's
// type holds Range as a value, which cannot tell the two apart.)
type change struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

// apply returns the text after the changes, in order; a range outside the
// text is an error rather than a guess.
func (t *text) apply(changes []change) (*text, error) {
	cur := t
	for i, c := range changes {
		if c.Range == nil {
			cur = newText([]byte(c.Text), t.enc)
			continue
		}
		if int(c.Range.Start.Line) > len(cur.lines) || int(c.Range.End.Line) > len(cur.lines) {
			return nil, fmt.Errorf("change %d: range %d:%d-%d:%d is outside the document (%d lines)", i,
				c.Range.Start.Line, c.Range.Start.Character, c.Range.End.Line, c.Range.End.Character, len(cur.lines))
		}
		start, end := cur.offset(c.Range.Start), cur.offset(c.Range.End)
		if end < start {
			return nil, fmt.Errorf("change %d: range ends before it starts", i)
		}
		data := make([]byte, 0, len(cur.data)-(end-start)+len(c.Text))
		data = append(append(append(data, cur.data[:start]...), c.Text...), cur.data[end:]...)
		cur = newText(data, t.enc)
	}
	return cur, nil
}
