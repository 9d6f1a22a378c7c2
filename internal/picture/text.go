package picture

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// maxLabel is the most characters of an id or type a label shows: ids may
// be a kilobyte long, and a box that wide helps nobody (the full id is
// in the SVG's title and the DOT tooltip).
const maxLabel = 48

// shorten cleans s and cuts it to maxLabel characters with an ellipsis.
func shorten(s string) string {
	s = clean(s)
	r := []rune(s)
	if len(r) <= maxLabel {
		return s
	}
	return string(r[:maxLabel-1]) + "…"
}

// clean turns line breaks, tabs and other control characters into spaces:
// a label is one line of text in every format.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// textWidth estimates the width of s in a monospace font of size px: each
// character is 0.61 em, a wide (East Asian or emoji) one twice that and a
// combining mark nothing. The SVG asks for a monospace font, so the
// estimate holds whichever one the viewer has.
func textWidth(s string, px float64) float64 {
	units := 0.0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200b':
		case wide(r):
			units += 2
		default:
			units++
		}
	}
	return units * 0.61 * px
}

// wide reports a character most monospace fonts draw two cells wide.
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
		r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 ||
		r >= 0xffe0 && r <= 0xffe6 || r >= 0x1f300 && r <= 0x1faff || r >= 0x20000 && r <= 0x3fffd
}

// num writes a coordinate with at most one decimal: enough for a
// drawing, and the same text for the same layout.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
