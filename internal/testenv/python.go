package testenv

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
)

// PythonEach runs fn, Python source defining run(data: bytes), on every
// input in one python3 process and returns what each call returned (nil
// for None). Starting Python costs a good part of a second where it is a
// pyenv shim; a test that asks it about many inputs asks once. Inputs go
// as bytes (base64 in transit), so invalid UTF-8 reaches Python unchanged.
// Without python3 the test skips (fails under DPLINT_REQUIRE_TOOLS=1).
func PythonEach(t testing.TB, fn string, inputs [][]byte) []*string {
	t.Helper()
	py := Tool(t, "python3")
	script := fn + `
import base64, json, sys
inputs = [base64.b64decode(s) for s in json.load(sys.stdin)]
json.dump([run(x) for x in inputs], sys.stdout)
`
	in, err := json.Marshal(inputs) // []byte marshals as base64
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONUTF8=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	var results []*string
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(inputs) {
		t.Fatalf("python3 answered %d results for %d inputs (%v): %.300s", len(results), len(inputs), err, out)
	}
	return results
}
