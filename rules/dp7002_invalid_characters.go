package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// InvalidCharacters reports characters outside the API's allowed set.
var InvalidCharacters = &Rule{
	Meta: Meta{
		ID: "DP7002", Name: "invalid-characters", Severity: diag.Error, Origin: diag.Service, Channel: diag.Exception,
		Summary: "a string holds a control character (other than tab, line feed, carriage return) or U+FFFE/U+FFFF",
		Doc:     "Every string in the API must match [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "echo \u0007"}`)
	}},
	Requires: needsStrings,
	Check:    checkInvalidCharacters,
}

func checkInvalidCharacters(pass *Pass) {
	d, checks := pass.Def, pass.Strings()
	for c := range checks {
		for i := 0; i < len(c.text); {
			r, n := rune(c.text[i]), 1
			if r >= utf8.RuneSelf {
				r, n = source.DecodeRune(c.text[i:])
			} else if r >= 0x20 {
				i++ // printable ASCII, nearly every byte: no decoding
				continue
			}
			i += n
			if !allowedRune(r) {
				f := Finding{Object: c.owner, Start: c.start, End: c.end, At: c.at(),
					Message: fmt.Sprintf("%s holds the character U+%04X, which the API does not allow", c.describe(), r)}
				if path := c.path(d); path != "" {
					f.AWSText = validationPrefix + fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*", coralPath(path))
				}
				pass.Report(f)
				break
			}
		}
	}
}

// allowedRune is the API model's pattern for every string:
// [\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*.
func allowedRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000
	// A lone surrogate (U+D800-U+DFFF, kept by the reader) is not allowed:
	// the pattern admits surrogates only as pairs.
}
