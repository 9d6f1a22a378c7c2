package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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

// indentedEncoder encodes values as json.Encoder does with SetIndent and
// SetEscapeHTML(false), with appendIndented doing the indenting.
type indentedEncoder struct {
	compact bytes.Buffer
	enc     *json.Encoder
	out     []byte
	prefix  string
	indent  string
}

func newIndentedEncoder(prefix, indent string) *indentedEncoder {
	e := &indentedEncoder{prefix: prefix, indent: indent}
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
	e.out = appendIndented(e.out[:0], e.compact.Bytes(), e.prefix, e.indent)
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
	whole, err := newIndentedEncoder("", "  ").encode(doc)
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
	enc := newIndentedEncoder(prefix, "  ")
	n := 0
	err = each(func(v any) error {
		item, err := enc.encode(v)
		if err != nil {
			return err
		}
		if n > 0 {
			out.WriteByte(',')
		}
		out.WriteString("\n")
		out.WriteString(prefix)
		out.Write(bytes.TrimSuffix(item, []byte("\n")))
		n++
		return nil
	})
	if err != nil {
		return err
	}
	if n > 0 {
		// The list closes on a line of its own, one level out.
		out.WriteString("\n")
		out.WriteString(prefix[:len(prefix)-2])
	}
	out.Write(whole[cut:])
	return out.Flush()
}
