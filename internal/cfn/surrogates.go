package cfn

import (
	"bytes"
	"fmt"
	"strconv"
)

// CloudFormation reads a YAML double-quoted scalar's \u escapes as JSON
// does, so a character outside the Basic Multilingual Plane may be written
// as a UTF-16 surrogate pair, "\uD83D\uDE00" (seen in parameters'
// AllowedPattern). gopkg.in/yaml.v3 follows YAML 1.2, where each \u is one
// code point, and refuses the whole template at a surrogate. surrogateEscapes
// rewrites each pair inside a double-quoted scalar as the \U escape of the
// same character, followed by the two bytes it saves as spaces after the
// closing quote, so every later column on the line stays where it was; a
// lone surrogate becomes \uFFFD (same length), the replacement character a
// JSON reader gives it. Only double-quoted scalars are touched: elsewhere
// a backslash is literal text. It reports whether it changed anything.
func surrogateEscapes(data []byte) ([]byte, bool) {
	if !bytes.Contains(data, []byte(`\u`)) && !bytes.Contains(data, []byte(`\U`)) {
		return data, false
	}
	out := make([]byte, 0, len(data))
	changed := false
	lineStart := true
	var prev byte = '\n'
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '#' && (lineStart || isSpace(prev)):
			// A comment: to the end of the line, as written.
			j := bytes.IndexByte(data[i:], '\n')
			if j < 0 {
				j = len(data) - i
			}
			out = append(out, data[i:i+j]...)
			i += j
			prev = 'x'
			continue
		case c == '\'' && startsScalar(prev):
			j := i + 1
			for j < len(data) && !(data[j] == '\'' && (j+1 >= len(data) || data[j+1] != '\'')) {
				if data[j] == '\'' {
					j++ // '' is a quote inside the scalar
				}
				j++
			}
			j = min(j+1, len(data))
			out = append(out, data[i:j]...)
			i, prev = j, '\''
			continue
		case c == '"' && startsScalar(prev):
			j, text, saved := doubleQuoted(data, i)
			out = append(out, text...)
			if saved > 0 || !bytes.Equal(text, data[i:j]) {
				changed = true
			}
			for range saved {
				out = append(out, ' ')
			}
			i, prev = j, '"'
			continue
		}
		out = append(out, c)
		lineStart = c == '\n' || (lineStart && isSpace(c))
		prev = c
		i++
	}
	return out, changed
}

// startsScalar says whether a quote after prev opens a quoted scalar (and
// is not a quote inside a plain one, such as it"s).
func startsScalar(prev byte) bool {
	return isSpace(prev) || prev == ':' || prev == '-' || prev == '[' || prev == '{' || prev == ',' || prev == '?'
}

// doubleQuoted copies the double-quoted scalar starting at data[i] with its
// surrogate escapes rewritten; it returns where the scalar ends (after its
// closing quote), the rewritten bytes and how many bytes the rewrite saved.
func doubleQuoted(data []byte, i int) (end int, text []byte, saved int) {
	text = append(text, '"')
	j := i + 1
	for j < len(data) && data[j] != '"' {
		if data[j] != '\\' || j+1 >= len(data) {
			text = append(text, data[j])
			j++
			continue
		}
		if data[j+1] != 'u' {
			text = append(text, data[j], data[j+1]) // any other escape, \\ and \" included
			j += 2
			continue
		}
		hi, ok := hex4(data, j+2)
		switch {
		case !ok || hi < 0xD800 || hi > 0xDFFF:
			text = append(text, data[j:min(j+6, len(data))]...)
			j = min(j+6, len(data))
		case hi <= 0xDBFF && j+12 <= len(data) && data[j+6] == '\\' && data[j+7] == 'u':
			if lo, ok := hex4(data, j+8); ok && lo >= 0xDC00 && lo <= 0xDFFF {
				r := 0x10000 + (hi-0xD800)<<10 + (lo - 0xDC00)
				text = append(text, fmt.Sprintf(`\U%08X`, r)...)
				saved += 2
				j += 12
				continue
			}
			fallthrough
		default:
			text = append(text, `\uFFFD`...)
			j += 6
		}
	}
	if j < len(data) {
		text = append(text, '"')
		j++
	}
	return j, text, saved
}

func hex4(data []byte, at int) (int, bool) {
	if at+4 > len(data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(data[at:at+4]), 16, 32)
	return int(v), err == nil
}
