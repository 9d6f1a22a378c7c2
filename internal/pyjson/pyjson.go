// Package pyjson renders JSON values and positions the way Python's json
// module and repr() do, so dplint can print the AWS CLI's own error texts
// (the CLI is Python: its messages embed json.dumps output, repr() of values
// and json error positions counted in code points).
package pyjson

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dplint/dplint/source"
)

// Position renders a byte offset as Python's JSONDecodeError does for a
// file the AWS CLI read: "line L column C (char N)", counted in code points
// of the text after universal-newline translation (the CLI opens files in
// text mode, so "\r\n" and a lone "\r" each become one "\n").
func Position(content []byte, off int) string {
	if off > len(content) {
		off = len(content)
	}
	char, line, col := 0, 1, 1
	for i := 0; i < off; {
		_, n := utf8.DecodeRune(content[i:])
		switch content[i] {
		case '\r':
			if i+1 < len(content) && content[i+1] == '\n' {
				n = 2
			}
			fallthrough
		case '\n':
			line++
			col = 0
		}
		col++
		char++
		i += n
	}
	return fmt.Sprintf("line %d column %d (char %d)", line, col, char)
}

// Dumps renders n as json.dumps(value) does with its defaults: ", " and
// ": " separators, ASCII only, keys in their order (the last of duplicate
// keys wins, at the first one's place, like a Python dict).
func Dumps(n *source.Node) string {
	var b strings.Builder
	dumps(&b, n)
	return b.String()
}

func dumps(b *strings.Builder, n *source.Node) {
	switch n.Kind {
	case source.Object:
		b.WriteByte('{')
		for i, k := range n.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			asciiString(b, k)
			b.WriteString(": ")
			dumps(b, n.Get(k))
		}
		b.WriteByte('}')
	case source.Array:
		b.WriteByte('[')
		for i, e := range n.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			dumps(b, e)
		}
		b.WriteByte(']')
	case source.String:
		asciiString(b, n.Text)
	case source.Number:
		b.WriteString(Number(n.Text))
	default:
		b.WriteString(n.Text)
	}
}

// Number renders a JSON number as Python re-renders what json.loads read:
// integers unchanged (but "-0" is 0), floats as repr(float).
func Number(text string) string {
	if !strings.ContainsAny(text, ".eE") {
		if strings.Trim(strings.TrimPrefix(text, "-"), "0") == "" {
			return "0" // int("-0") is 0
		}
		return text
	}
	f, _ := strconv.ParseFloat(text, 64)
	return floatRepr(f)
}

// floatRepr is Python's repr(float): the shortest round-trip digits, in
// positional notation when the exponent is in [-4, 16), else scientific.
func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if exp >= -4 && exp < 16 {
		if exp >= 0 {
			if len(digits) <= exp+1 {
				out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
			} else {
				out = digits[:exp+1] + "." + digits[exp+1:]
			}
		} else {
			out = "0." + strings.Repeat("0", -exp-1) + digits
		}
	} else {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		out = fmt.Sprintf("%se%s%02d", m, sign, exp)
	}
	if neg {
		out = "-" + out
	}
	return out
}

func asciiString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := source.DecodeRune(s[i:])
		i += n
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r > 0x7f && r <= 0xffff):
			fmt.Fprintf(b, `\u%04x`, r)
		case r > 0xffff:
			r1, r2 := utf16Pair(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// Repr renders a value as Python's repr() does for what json.loads returned
// (dict, list, str, int, float, bool, None).
func Repr(n *source.Node) string {
	var b strings.Builder
	repr(&b, n)
	return b.String()
}

func repr(b *strings.Builder, n *source.Node) {
	switch n.Kind {
	case source.Object:
		b.WriteByte('{')
		for i, k := range n.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			reprString(b, k)
			b.WriteString(": ")
			repr(b, n.Get(k))
		}
		b.WriteByte('}')
	case source.Array:
		b.WriteByte('[')
		for i, e := range n.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			repr(b, e)
		}
		b.WriteByte(']')
	case source.String:
		reprString(b, n.Text)
	case source.Number:
		b.WriteString(Number(n.Text))
	case source.Bool:
		if n.Text == "true" {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	default:
		b.WriteString("None")
	}
}

// TypeName is Python's type name of what json.loads returns for n.
func TypeName(n *source.Node) string {
	switch n.Kind {
	case source.Object:
		return "dict"
	case source.Array:
		return "list"
	case source.String:
		return "str"
	case source.Number:
		if strings.ContainsAny(n.Text, ".eE") {
			return "float"
		}
		return "int"
	case source.Bool:
		return "bool"
	}
	return "NoneType"
}

func reprString(b *strings.Builder, s string) {
	quote := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		quote = '"'
	}
	b.WriteByte(quote)
	for i := 0; i < len(s); {
		r, n := source.DecodeRune(s[i:])
		i += n
		switch {
		case r >= 0xD800 && r <= 0xDFFF:
			fmt.Fprintf(b, `\u%04x`, r)
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
}
