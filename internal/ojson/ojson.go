// Package ojson writes JSON with keys in a chosen order and the layout the
// AWS CLI prints (Python's json.dumps with indent=4 and ensure_ascii=False):
// 4-space indentation, ": " after keys, no trailing spaces, a final newline.
package ojson

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dplint/dplint/source"
)

// Object is a JSON object whose members keep their order.
type Object []Member

// Member is one key and value.
type Member struct {
	Key   string
	Value any
}

// Add appends key with value v, the way the AWS CLI's _add_value builds
// the CLI form: a key already present turns its value into a list.
func (o Object) Add(key string, v any) Object {
	for i := range o {
		if o[i].Key == key {
			if list, ok := o[i].Value.([]any); ok {
				o[i].Value = append(list, v)
			} else {
				o[i].Value = []any{o[i].Value, v}
			}
			return o
		}
	}
	return append(o, Member{Key: key, Value: v})
}

// Raw is JSON text written as is (a number's literal text).
type Raw string

// Marshal renders v, which may hold Object, []any, []Object, []string,
// string, bool, nil, int and Raw values.
func Marshal(v any) []byte {
	var b strings.Builder
	write(&b, v, 0)
	b.WriteByte('\n')
	return []byte(b.String())
}

func indent(b *strings.Builder, level int) {
	b.WriteByte('\n')
	for i := 0; i < level; i++ {
		b.WriteString("    ")
	}
}

func write(b *strings.Builder, v any, level int) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case Raw:
		b.WriteString(string(v))
	case string:
		String(b, v)
	case Object:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, m := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(b, level+1)
			String(b, m.Key)
			b.WriteString(": ")
			write(b, m.Value, level+1)
		}
		indent(b, level)
		b.WriteByte('}')
	case []Object:
		list := make([]any, len(v))
		for i := range v {
			list[i] = v[i]
		}
		write(b, list, level)
	case []string:
		list := make([]any, len(v))
		for i := range v {
			list[i] = v[i]
		}
		write(b, list, level)
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(b, level+1)
			write(b, e, level+1)
		}
		indent(b, level)
		b.WriteByte(']')
	default:
		panic(fmt.Sprintf("ojson: unsupported type %T", v))
	}
}

// String writes s as a JSON string the way Python's json.dumps does with
// ensure_ascii=False: only quotes, backslashes and control characters are
// escaped.
func String(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := source.DecodeRune(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				b.WriteString(`\ufffd`)
			case r >= 0xD800 && r <= 0xDFFF:
				fmt.Fprintf(b, `\u%04x`, r) // a lone surrogate kept by the reader
			default:
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 {
				fmt.Fprintf(b, `\u%04x`, c)
			} else {
				b.WriteByte(c)
			}
		}
		i++
	}
	b.WriteByte('"')
}
