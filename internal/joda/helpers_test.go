package joda

import "time"

// MustCompile is Compile for patterns a test knows to be valid.
func MustCompile(pattern string) *Formatter {
	f, err := Compile(pattern)
	if err != nil {
		panic(err)
	}
	return f
}

// Format formats t with pattern; for the one error Joda-Time tolerates (an
// unterminated quote) it also returns the text Joda-Time would print.
func Format(t time.Time, pattern string) (string, error) {
	f, err := Compile(pattern)
	if f == nil {
		return "", err
	}
	return f.Print(t), err
}
