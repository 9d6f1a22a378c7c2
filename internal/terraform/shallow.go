package terraform

import "bytes"

// plainlyShallow tells, from the bytes alone, that data nests no deeper
// than maxDepth as tooDeep counts: tooDeep runs the HCL lexer over the
// whole file, and the parser then lexes it again, which was a third of a
// large file's lint. It follows the lexer's modes (code, quoted strings,
// heredocs, comments, "${" interpolations) and counts the levels and the
// '!', '-' and '?' operators as tooDeep does; it gives up, and tooDeep
// decides, on anything it does not follow exactly: a template directive
// ("%{"), a closer that closes nothing open or a "~}" that closes no
// interpolation, a line break in a quoted string, a heredoc it cannot
// read, a byte past ASCII outside a string (the lexer's identifiers then
// take what follows), or an end of file inside anything.
// Where it answers true, tooDeep answers false (FuzzPlainlyShallow).
func plainlyShallow(data []byte) bool { return plainlyShallowFor(data, maxDepth) }

// plainlyShallowFor is plainlyShallow with a given limit (tests use small
// ones, where a scanner that lost its place shows on short inputs).
func plainlyShallowFor(data []byte, limit int) bool {
	type mode byte
	const (
		code    mode = iota // a bracket or an interpolation's code
		quoted              // a quoted string
		heredoc             // a heredoc's text
	)
	type level struct {
		m      mode
		open   byte   // '{', '[', '(', '"', '<' (heredoc) or '$' (interpolation)
		ops    int    // the ops of the level below, put back when this one closes
		marker []byte // a heredoc's closing word
	}
	var stack []level
	ops, total := 0, 0
	top := func() *level {
		if len(stack) == 0 {
			return nil
		}
		return &stack[len(stack)-1]
	}
	push := func(l level) bool {
		l.ops = ops
		stack = append(stack, l)
		ops = 0
		total++
		return total <= limit
	}
	pop := func() {
		total -= 1 + ops
		ops = stack[len(stack)-1].ops
		stack = stack[:len(stack)-1]
	}
	inText := func() bool { t := top(); return t != nil && t.m != code }
	lineStart := true // for a heredoc's closing line
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inText() {
			t := top()
			if t.m == heredoc && lineStart {
				// The closing line, as the lexer tells it: a whole line
				// that is the marker once trimmed of white space.
				end := bytes.IndexByte(data[i:], '\n')
				if end >= 0 && bytes.Equal(bytes.TrimSpace(data[i:i+end]), t.marker) {
					pop()
					i += end - 1 // the line break is the code's
					lineStart = false
					continue
				}
			}
			lineStart = false
			switch {
			case c == '\n':
				if t.m == quoted {
					return false
				}
				lineStart = true
			case c == '\\' && t.m == quoted:
				i++ // the escaped byte
			case (c == '$' || c == '%') && i+1 < len(data) && data[i+1] == c && i+2 < len(data) && data[i+2] == '{':
				i += 2 // "$${" and "%%{" are literal
			case c == '%' && i+1 < len(data) && data[i+1] == '{':
				return false // a template directive: tooDeep's count of if/for blocks
			case c == '$' && i+1 < len(data) && data[i+1] == '{':
				if !push(level{m: code, open: '$'}) {
					return false
				}
				i++
			case c == '"' && t.m == quoted:
				pop()
			}
			continue
		}
		if c >= 0x80 {
			return false // the lexer's identifiers take bytes of any kind after one
		}
		switch c {
		case '#':
			// A line comment takes its line break: no newline token.
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '/':
			if i+1 < len(data) && data[i+1] == '/' {
				for i < len(data) && data[i] != '\n' {
					i++
				}
			} else if i+1 < len(data) && data[i+1] == '*' {
				end := bytes.Index(data[i+2:], []byte("*/"))
				if end < 0 {
					return false
				}
				i += 2 + end + 1
			}
		case '"':
			if !push(level{m: quoted, open: '"'}) {
				return false
			}
		case '<':
			if i+1 >= len(data) || data[i+1] != '<' {
				break
			}
			j := i + 2
			if j < len(data) && data[j] == '-' {
				j++
			}
			k := j
			for k < len(data) && isIdent(data[k], k == j) {
				k++
			}
			if k == j || k >= len(data) || (data[k] != '\n' && !(data[k] == '\r' && k+1 < len(data) && data[k+1] == '\n')) {
				return false // not a heredoc as the lexer reads one
			}
			if !push(level{m: heredoc, open: '<', marker: data[j:k]}) {
				return false
			}
			if data[k] == '\r' {
				k++
			}
			i = k
			lineStart = true
		case '{', '[', '(':
			if !push(level{m: code, open: c}) {
				return false
			}
		case '}', ']', ')':
			t := top()
			want := byte('{')
			switch c {
			case ']':
				want = '['
			case ')':
				want = '('
			}
			if t == nil || !(t.open == want || c == '}' && t.open == '$') {
				return false
			}
			pop()
		case '~':
			// "~}" ends a template sequence, and the lexer makes it one
			// (a TemplateSeqEnd) even where a '{' is open.
			if i+1 < len(data) && data[i+1] == '}' {
				if t := top(); t == nil || t.open != '$' {
					return false
				}
				pop()
				i++
			}
		case '!', '-', '?':
			ops++
			total++
			if total > limit {
				return false
			}
		case ',':
			total -= ops
			ops = 0
		case '\n':
			if t := top(); t == nil || t.open == '{' {
				total -= ops
				ops = 0
			}
		}
	}
	return len(stack) == 0
}

// isIdent is an ASCII byte of an identifier: a letter or '_' first, then
// digits and '-' too (lsp/scanhcl.go reads identifiers the same way).
func isIdent(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && (c >= '0' && c <= '9' || c == '-')
}
