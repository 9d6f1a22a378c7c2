// Package suggest finds the closest known word to a misspelt one, for
// "did you mean" hints.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate equal to word but for case, else the one
// within an edit distance of 2 (ignoring case; see Distance) closest to it, else "".
func Closest(word string, candidates []string) string {
	best, bestD := "", 3
	lower := strings.ToLower(word)
	n := utf8.RuneCountInString(lower)
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return c
		}
		// The distance is at least the difference in length: most
		// candidates of a long list are ruled out without the table.
		if m := utf8.RuneCountInString(c); m-n >= bestD || n-m >= bestD {
			continue
		}
		if d := Distance(lower, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b, in
// characters: insertions, deletions, substitutions and transpositions of
// neighbours each count one. Words longer than 64 characters are not
// compared (their distance is the sum of their lengths).
func Distance(a, b string) int {
	var bufA, bufB [64]rune
	ra, rb := runes(a, bufA[:0]), runes(b, bufB[:0])
	if ra == nil || rb == nil {
		return utf8.RuneCountInString(a) + utf8.RuneCountInString(b)
	}
	// Three rows of the table are enough: the transposition looks two back.
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(rb); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// runes decodes s into buf, or returns nil when it has more than 64.
func runes(s string, buf []rune) []rune {
	for _, r := range s {
		if len(buf) == cap(buf) {
			return nil
		}
		buf = append(buf, r)
	}
	if buf == nil {
		return []rune{}
	}
	return buf
}
