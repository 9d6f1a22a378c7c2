package pyjson_test

import (
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

var values = []string{
	`{"name": "a", "x": 1, "y": [1.5, -0, 1e5, 2E-7, 123456789012345678901234567890], "z": true, "n": null}`,
	`{"k": "caf\u00e9 \ud83d\ude00 \"q\" \\ \n\t\u0001 it's"}`,
	`{"dup": 1, "other": 2, "dup": 3}`,
	`["it's", "say \"hi\"", "both ' and \"", 0.1, 1e16, 1e-5, 1e-4, 12345.678, -0.0]`,
	`{}`, `[]`, `"plain"`, `{"nested": {"a": [{"b": null}]}}`,
}

// TestAgainstPython compares Dumps, Repr and TypeName with Python's own
// json.dumps, repr and type names for the same parsed values.
func TestAgainstPython(t *testing.T) {
	inputs := make([][]byte, len(values))
	for i, v := range values {
		inputs[i] = []byte(v)
	}
	answers := testenv.PythonEach(t, `
import json
def run(data):
    v = json.loads(data.decode("utf-8"))
    return "\n".join([json.dumps(v), repr(v), type(v).__name__])
`, inputs)
	for i, v := range values {
		n := source.Parse("v.json", []byte(v)).Root
		if n == nil {
			t.Fatalf("fixture %s does not parse", v)
		}
		lines := strings.Split(*answers[i], "\n")
		if got := pyjson.Dumps(n); got != lines[0] {
			t.Errorf("Dumps(%s)\n got %s\nwant %s", v, got, lines[0])
		}
		if got := pyjson.Repr(n); got != lines[1] {
			t.Errorf("Repr(%s)\n got %s\nwant %s", v, got, lines[1])
		}
		if got := pyjson.TypeName(n); got != lines[2] {
			t.Errorf("TypeName(%s) = %s, want %s", v, got, lines[2])
		}
	}
}

// TestPositionAgainstPython: error positions as the AWS CLI reports them
// for files with LF, CRLF and lone CR line ends and non-ASCII text.
func TestPositionAgainstPython(t *testing.T) {
	texts := []string{
		"{\n  \"é\": 1,\n  \"b\" 2\n}",
		"{\r\n  \"a\": 1,\r\n  \"b\" 2\r\n}",
		"{\r  \"a\": \"😀\",\r  \"b\" 2\r}",
		"[1,\n 2,\n 3 4]",
	}
	inputs := make([][]byte, len(texts))
	for i, text := range texts {
		inputs[i] = []byte(text)
	}
	// Python, reading the file in text mode as the CLI does (universal
	// newlines: a CR or CRLF becomes a LF before json sees it).
	answers := testenv.PythonEach(t, `
import io, json
def run(data):
    t = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
    try:
        json.loads(t)
    except ValueError as e:
        return str(e).split(": ", 1)[1]
    return None
`, inputs)
	for i, text := range texts {
		f := source.Parse("t.json", []byte(text))
		var fatal *source.Problem
		for i := range f.Problems {
			if f.Problems[i].Fatal() {
				fatal = &f.Problems[i]
			}
		}
		if fatal == nil || answers[i] == nil {
			t.Fatalf("%q: expected a syntax error (Python: %v)", text, answers[i])
		}
		if got, want := pyjson.Position(f.Content, fatal.Start), *answers[i]; got != want {
			t.Errorf("%q: Position = %q, Python says %q", text, got, want)
		}
	}
}

func TestNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "42": "42", "1.0": "1.0", "1e5": "100000.0", "1E16": "1e+16", "2.5e-5": "2.5e-05",
		"0.0001": "0.0001", "1e400": "Infinity", "-1e400": "-Infinity", "123.456": "123.456",
	} {
		if got := pyjson.Number(in); got != want {
			t.Errorf("Number(%s) = %s, want %s", in, got, want)
		}
	}
}
