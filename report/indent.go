package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// appendIndented appends src, compact JSON as encoding/json writes it, to
// dst indented as json.Indent indents it (each element on a line of its
// own starting with prefix and one indent per level, empty objects and
// lists kept as {} and [], trailing bytes copied). json.Indent runs its
// validating scanner on every byte, which was most of a SARIF report's
// time (about 17 ns a byte, for megabytes); src here is Marshal's own
// output, so only strings need reading with care.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++ // the escaped byte cannot end the string
				}
				j++
			}
			j = min(j+1, len(src))
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// jsonIndent is one level of the reports' JSON.
const jsonIndent = "  "

// indentedEncoder encodes values as json.Encoder does with SetIndent(prefix,
// jsonIndent) and SetEscapeHTML(false), with appendIndented doing the
// indenting.
type indentedEncoder struct {
	compact bytes.Buffer
	enc     *json.Encoder
	out     []byte
	prefix  string
}

func newIndentedEncoder(prefix string) *indentedEncoder {
	e := &indentedEncoder{prefix: prefix}
	e.enc = json.NewEncoder(&e.compact)
	e.enc.SetEscapeHTML(false)
	return e
}

// encode returns v's indented encoding, with a trailing newline; the bytes
// are the encoder's until its next call.
func (e *indentedEncoder) encode(v any) ([]byte, error) {
	e.compact.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	e.out = appendIndented(e.out[:0], e.compact.Bytes(), e.prefix, jsonIndent)
	return e.out, nil
}

// writeAround writes doc as indented JSON with the list whose empty form
// is marker (such as `"results": []`, a key found once in the document)
// filled by each: each calls element for every member in order, and each
// member is encoded and written at prefix, the list's members' indent, as
// the whole document indented would have it. A report's long list is so
// written one member at a time, never held whole: building and indenting
// megabytes of it first cost its pages and copies.
func writeAround(w io.Writer, doc any, marker, prefix string, each func(element func(any) error) error) error {
	whole, err := newIndentedEncoder("").encode(doc)
	if err != nil {
		return err
	}
	at := bytes.Index(whole, []byte(marker))
	if at < 0 || !bytes.HasSuffix([]byte(marker), []byte("[]")) {
		return fmt.Errorf("no %s in the document", marker)
	}
	cut := at + len(marker) - 1 // just before the list's "]"
	out := bufio.NewWriterSize(w, 64<<10)
	out.Write(whole[:cut])
	list := newJSONList(out, prefix)
	if err := each(list.add); err != nil {
		return err
	}
	list.end()
	out.Write(whole[cut:])
	return out.Flush()
}

// jsonList writes the members of a list, one at a time, each on a line of
// its own at prefix, after a comma unless it is the first, as the whole
// document indented would have them.
type jsonList struct {
	out    *bufio.Writer
	enc    *indentedEncoder
	prefix string
	n      int
}

func newJSONList(out *bufio.Writer, prefix string) *jsonList {
	return &jsonList{out: out, enc: newIndentedEncoder(prefix), prefix: prefix}
}

// add writes one member.
func (l *jsonList) add(v any) error {
	item, err := l.enc.encode(v)
	if err != nil {
		return err
	}
	if l.n > 0 {
		l.out.WriteByte(',')
	}
	l.out.WriteByte('\n')
	l.out.WriteString(l.prefix)
	l.out.Write(bytes.TrimSuffix(item, []byte("\n")))
	l.n++
	return nil
}

// end puts the list's closing bracket, which the caller writes, on a line
// of its own one level out; an empty list stays "[]", as encoding/json
// indents it.
func (l *jsonList) end() {
	if l.n > 0 {
		l.out.WriteByte('\n')
		l.out.WriteString(strings.TrimSuffix(l.prefix, jsonIndent))
	}
}
