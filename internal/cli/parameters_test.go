package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/cli"
)

// The three files a repository keeps for one pipeline, checked together
// as put-pipeline-definition takes them (--pipeline-definition,
// --parameter-objects, --parameter-values-uri).
const (
	paramsDef    = "testdata/parameters/pipeline.json"
	paramsOK     = "testdata/parameters/pipeline-parameters.json"
	paramsValues = "testdata/parameters/pipeline-values.json"
	paramsWrong  = "testdata/parameters/wrong-parameters.json"
)

// TestParametersFile: --parameters replaces the definition's parameter
// objects, and findings on them point into the parameters file.
func TestParametersFile(t *testing.T) {
	inRepoRoot(t)
	t.Run("three files that agree", func(t *testing.T) {
		out, errOut, code := run(t, "", "lint", "--oneline", paramsDef, "--parameters", paramsOK, "--values", paramsValues)
		if code != cli.ExitOK || out != "" || errOut != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q; want a clean run", code, out, errOut)
		}
	})
	t.Run("without it the definition's own parameters are used", func(t *testing.T) {
		out, _, code := run(t, "", "lint", "--oneline", paramsDef)
		expectOutput(t, out, "", []string{
			"pipeline.json:4:66: error: 'myHours' is neither a declared parameter nor a field of this object [DP3005 unknown-name]",
			"pipeline.json:8:12: warning: parameter 'myStale' is not used by any expression [DP6007 unused-parameter]",
		}, nil, nil)
		if code != cli.ExitFindings {
			t.Errorf("exit %d, want %d", code, cli.ExitFindings)
		}
	})
	t.Run("findings point into the parameters file", func(t *testing.T) {
		out, _, code := run(t, "", "lint", "--no-color", paramsDef, "--parameters", paramsWrong)
		expectOutput(t, out, "", []string{
			// The definition's own findings stay in it.
			"testdata/parameters/pipeline.json:4:63: error: 'terminateAfter' is '#{myHours} hours', which gives 'two hours'",
			// The parameters file's, in it, naming the definition they were checked with.
			"testdata/parameters/wrong-parameters.json:3:53: error: testdata/parameters/pipeline.json: parameter 'myHours' is an Integer; found 'two' [DP6006 parameter-value]",
			"testdata/parameters/wrong-parameters.json:4:34: warning: testdata/parameters/pipeline.json: parameter type 'Strng' is not one of",
			"testdata/parameters/wrong-parameters.json:6:12: warning: testdata/parameters/pipeline.json: parameter 'myUnused' is not used by any expression [DP6007 unused-parameter]",
			// A masked parameter's default is masked in its own file's snippet.
			`    5 |     {"id": "*myPassword", "type": "Double", "default": "****"},`,
			"3 errors, 2 warnings, 0 info in 2 files",
		}, []string{"hunter2", "myStale"}, nil)
		if code != cli.ExitFindings {
			t.Errorf("exit %d, want %d", code, cli.ExitFindings)
		}
	})
	t.Run("json names the file of each finding", func(t *testing.T) {
		out, _, _ := run(t, "", "lint", "--format", "json", paramsDef, "--parameters", paramsWrong)
		var doc struct {
			Diagnostics []struct {
				File, Definition, Pointer string
				Rule                      struct{ ID string }
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		files := map[string]string{}
		for _, d := range doc.Diagnostics {
			if d.Definition != paramsDef {
				t.Errorf("%s: definition %q, want %q", d.Rule.ID, d.Definition, paramsDef)
			}
			files[d.Rule.ID+" "+d.Pointer] = d.File
		}
		if f := files["DP6007 /parameters/3/id"]; f != paramsWrong {
			t.Errorf("DP6007 on myUnused is in %q, want %q (all: %v)", f, paramsWrong, files)
		}
		if f := files["DP3008 /objects/1/terminateAfter"]; f != paramsDef {
			t.Errorf("DP3008 is in %q, want %q (all: %v)", f, paramsDef, files)
		}
	})
	t.Run("sarif places them in their own artifact", func(t *testing.T) {
		out, _, _ := run(t, "", "lint", "--format", "sarif", paramsDef, "--parameters", paramsWrong)
		if !strings.Contains(out, `"uri": "testdata/parameters/wrong-parameters.json"`) {
			t.Errorf("no SARIF location in the parameters file:\n%.2000s", out)
		}
	})
}

// TestParametersFileRefused: a file the AWS CLI could not read as
// --parameter-objects is a usage error naming the place.
func TestParametersFileRefused(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct{ name, path, want string }{
		{"missing", filepath.Join(dir, "nope.json"), "--parameters: " + filepath.Join(dir, "nope.json") + ": no such file or directory"},
		{"not JSON", write("broken.json", `{"parameters": [`), "broken.json:1:"},
		{"trailing comma", write("comma.json", "{\"parameters\": [{\"id\": \"myA\", \"type\": \"String\"},]}"), "comma.json:1:48: trailing comma before ']' is not allowed in JSON (the AWS CLI cannot read this file)"},
		{"no parameters list", write("values.json", `{"values": {"myA": "b"}}`), `values.json: not a parameter objects file: it needs a "parameters" list`},
		{"parameters not a list", write("object.json", `{"parameters": {"id": "myA"}}`), `object.json: not a parameter objects file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, "", "lint", paramsDef, "--parameters", tc.path)
			if code != cli.ExitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, cli.ExitUsage, tc.want)
			}
		})
	}
}
