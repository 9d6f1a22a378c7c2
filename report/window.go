package report

import (
	"strings"

	"github.com/rivo/uniseg"
)

// A snippet shows at most about this many display columns of its line: a
// minified definition is one line of kilobytes, and printing it whole for
// every finding multiplied the output by the number of findings.
const (
	windowWidth  = 140 // the whole window
	windowBefore = 50  // at most this much context before the span
	windowSpan   = 80  // at most this much of the span itself
)

const ellipsis = "…"

// cell is one grapheme cluster of a line: its bytes and display width.
type cell struct {
	start, end int // byte offsets in the line
	width      int
}

func cells(line string) []cell {
	if plainASCII(line) {
		// Each byte is a cluster one column wide: uniseg's answer, without
		// segmenting (most of a long text or SARIF report's time).
		out := make([]cell, len(line))
		for i := range out {
			out[i] = cell{i, i + 1, 1}
		}
		return out
	}
	return segmented(line)
}

// segmented is cells by uniseg's grapheme clusters and widths.
func segmented(line string) []cell {
	var out []cell
	g := uniseg.NewGraphemes(line)
	for g.Next() {
		a, z := g.Positions()
		w := g.Width()
		if line[a:z] == "\t" {
			w = 1 // shown as a tab, which the caret line repeats
		}
		out = append(out, cell{a, z, w})
	}
	return out
}

// plainASCII reports whether every byte of s is printable ASCII or a tab:
// then each byte is a grapheme cluster of its own, one column wide (a tab
// counts as one, as cells has it).
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c > 0x7e {
			return false
		}
	}
	return true
}

// window cuts line to a bounded window around the bytes [from, to) and
// returns the text to show with the offsets of from and to in it. Cuts fall
// between grapheme clusters and are marked with an ellipsis.
func window(line string, from, to int) (shown string, sFrom, sTo int) {
	if len(line) <= windowWidth && plainASCII(line) {
		return line, from, to // one column a byte: it fits
	}
	cs := cells(line)
	total := 0
	for _, c := range cs {
		total += c.width
	}
	if total <= windowWidth {
		return line, from, to
	}
	// The cells of the span, and how far the window reaches either side.
	first, last := len(cs), len(cs) // first cell of the span, first after it
	for i, c := range cs {
		if first == len(cs) && c.end > from {
			first = i
		}
		if c.start >= to && i >= first {
			last = i
			break
		}
	}
	if last < first {
		last = first
	}
	spanWidth := 0
	for i := first; i < last; i++ {
		if spanWidth+cs[i].width > windowSpan {
			last = i // the span is cut too; its start is what matters
			break
		}
		spanWidth += cs[i].width
	}
	lo, used := first, 0
	for lo > 0 && used+cs[lo-1].width <= windowBefore {
		used += cs[lo-1].width
		lo--
	}
	hi, room := last, windowWidth-used-spanWidth
	for hi < len(cs) && room-cs[hi].width >= 0 {
		room -= cs[hi].width
		hi++
	}
	var b strings.Builder
	if lo > 0 {
		b.WriteString(ellipsis)
	}
	base := b.Len()
	startByte := 0
	if lo < len(cs) {
		startByte = cs[lo].start
	}
	endByte := len(line)
	if hi < len(cs) {
		endByte = cs[hi].start
	}
	b.WriteString(line[startByte:endByte])
	if hi < len(cs) {
		b.WriteString(ellipsis)
	}
	sFrom = base + max(from, startByte) - startByte
	spanEnd := to
	if last < len(cs) {
		spanEnd = min(to, cs[last].start)
	}
	sTo = base + min(max(spanEnd, startByte), endByte) - startByte
	return b.String(), min(sFrom, base+endByte-startByte), max(sTo, sFrom)
}

// caretLine is the line under a snippet: the text before the span as
// blanks of the same display width (tabs kept, so a terminal aligns them
// alike), then one caret per display column of the span (at least one).
func caretLine(shown string, from, to int) (pad string, carets int) {
	if plainASCII(shown) {
		from, to = min(max(from, 0), len(shown)), min(max(to, 0), len(shown))
		b := []byte(shown[:from])
		for i, c := range b {
			if c != '\t' {
				b[i] = ' '
			}
		}
		return string(b), max(to-from, 1)
	}
	return caretCells(shown, segmented(shown), from, to)
}

// caretLine's answer from the line's cells.
func caretCells(shown string, cs []cell, from, to int) (pad string, carets int) {
	var b strings.Builder
	for _, c := range cs {
		switch {
		case c.start >= from:
			if c.start < to {
				carets += max(c.width, 1)
			}
		case shown[c.start:c.end] == "\t":
			b.WriteByte('\t')
		default:
			b.WriteString(strings.Repeat(" ", c.width))
		}
	}
	return b.String(), max(carets, 1)
}
