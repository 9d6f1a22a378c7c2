package cfn

import (
	"strings"
	"testing"
)

// TestSurrogatePairs: a template CloudFormation reads, with UTF-16
// surrogate pairs in double-quoted \u escapes (as parameters'
// AllowedPattern have them), is read with the characters they stand for
// and every position where it is in the file.
func TestSurrogatePairs(t *testing.T) {
	text := template(`  Pattern:
    Type: String
    Default: "\uD83D\uDE00"
    AllowedPattern: "[\uD83D\uDE00-\uD83D\uDE4F]*"
`, `        - Id: Default
          Name: Default
          Fields:
            - Key: emoji
              StringValue: "echo \u00e9 \uD83D\uDE00 \\uD83D"
            - Key: lone
              StringValue: "a\uD83Db"
            - Key: literal
              StringValue: '\uD83D\uDE00'
            - Key: plain
              StringValue: x\uD83D # "\uD83D"
        - Id: Flow
          Name: Flow
          Fields: [{Key: flow, StringValue: "\uD83D\uDE00\uD83D\uDE01"}, {Key: next, RefValue: After}]
`)
	d, data := readOne(t, text)
	for key, want := range map[string]string{
		"emoji":   "echo é 😀 \\uD83D",
		"lone":    "a\uFFFDb",
		"literal": `\uD83D\uDE00`,
		"plain":   `x\uD83D`,
	} {
		if got := value(t, d, "Default", key).Text; got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	// The value after the pair on the same line keeps its column.
	after := value(t, d, "Flow", "flow")
	if after.Text != "😀😁" {
		t.Errorf("flow = %q", after.Text)
	}
	ref := value(t, d, "Flow", "next")
	if got := string(data[ref.Node.Start:ref.Node.End]); got != "After" {
		t.Errorf("the RefValue after the pair is at %q, want After", got)
	}
	if got := string(data[after.Node.Start:after.Node.End]); !strings.HasPrefix(got, `"\uD83D`) {
		t.Errorf("the flow string is at %q", got)
	}
}

func TestSurrogateEscapesLeaveOthersAlone(t *testing.T) {
	for _, in := range []string{
		"a: 'it''s \\uD83D'\n",
		"a: plain\\uD83D\n",
		"# \"\\uD83D\"\nb: 1\n",
		"a: \"\\u00e9 \\\\uD83D\"\n",
	} {
		if out, changed := surrogateEscapes([]byte(in)); changed || string(out) != in {
			t.Errorf("%q rewritten as %q", in, out)
		}
	}
}
