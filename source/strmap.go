package source

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// StringOffsets maps a string node's decoded text back to the file: for
// every byte index i of n.Text it gives the file offset where the source of
// that byte starts, and one more entry, for i == len(n.Text), the offset of
// the closing quote. A byte that comes from an escape (\", \u00e9, a
// surrogate pair) maps to the escape's backslash, so a range [i, j) of the
// text covers exactly the source characters it came from: [m[i], m[j]).
// It returns nil for a node that is not a string.
func StringOffsets(content []byte, n *Node) []int {
	if n == nil || n.Kind != String || n.End > len(content) {
		return nil
	}
	switch n.Map {
	case VerbatimText:
		m := make([]int, len(n.Text)+1)
		for i := range m {
			m[i] = n.TextStart + i
		}
		return m
	case OpaqueText:
		m := make([]int, len(n.Text)+1)
		for i := range m {
			m[i] = n.Start
		}
		m[len(n.Text)] = n.End
		return m
	}
	if n.End-n.Start < 2 {
		return nil
	}
	m := make([]int, 0, len(n.Text)+1)
	p := n.Start + 1 // past the opening quote
	end := n.End - 1 // the closing quote
	for p < end && len(m) < len(n.Text) {
		c := content[p]
		switch {
		case c == '\\' && p+1 < end:
			start := p
			size := 1 // decoded bytes this escape gives
			if content[p+1] == 'u' && p+6 <= end {
				r, _ := strconv.ParseUint(string(content[p+2:p+6]), 16, 32)
				p += 6
				size = utf8.RuneLen(rune(r))
				if utf16.IsSurrogate(rune(r)) {
					size = 3 // a lone surrogate, kept as WTF-8, unless a pair follows
					if p+6 <= end && content[p] == '\\' && content[p+1] == 'u' {
						if r2, err := strconv.ParseUint(string(content[p+2:p+6]), 16, 32); err == nil {
							if pair := utf16.DecodeRune(rune(r), rune(r2)); pair != utf8.RuneError {
								p += 6
								size = utf8.RuneLen(pair)
							}
						}
					}
				}
			} else {
				p += 2
			}
			for k := 0; k < size; k++ {
				m = append(m, start)
			}
		case c < utf8.RuneSelf:
			m = append(m, p)
			p++
		default:
			r, size := utf8.DecodeRune(content[p:end])
			out := size
			if r == utf8.RuneError && size == 1 {
				out = 3 // an invalid byte is read as U+FFFD
			}
			for k := 0; k < out; k++ {
				m = append(m, p)
			}
			p += size
		}
	}
	for len(m) < len(n.Text) { // defensive: never shorter than the text
		m = append(m, end)
	}
	return append(m[:len(n.Text)], end)
}
