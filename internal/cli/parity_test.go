package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/internal/testenv"
)

// parityCases are the whole service responses whose input is known
// (../shared/parity/README.md, "Whole responses whose input is known"),
// each rebuilt as a fixture of our own in testdata/parity. known lists the
// service's messages dplint can know offline, which must appear on the same
// ids; unknown says what of the real response dplint cannot reproduce.
var parityCases = []struct {
	file    string
	known   []parityMessage
	unknown string
}{
	{"1-log-uri-missing.json", []parityMessage{
		{"warning", "Default", "'pipelineLogUri'is missing. It is recommended to set this value on Default object for better troubleshooting."},
	}, "nothing: the whole response is known (compared byte for byte on the real file in TestParityChocksaway)"},
	{"2-security-writeup.json", []parityMessage{
		{"warning", "instance", "'terminateAfter' is missing. It is recommended to set this to avoid leaving resource running for long duration."},
		{"warning", "Default", "'pipelineLogUri'is missing. It is recommended to set this value on Default object for better troubleshooting."},
	}, "the two IAM warnings on 'instance' (they depend on the account's roles: remote mode only); the service listed 'instance' before 'Default', dplint keeps definition order"},
	{"3-bad-start-datetime.json", []parityMessage{
		{"error", "Schedule", "INVALID_FIELD_VALUE:  'startDateTime' value must be a literal datetime value."},
	}, "the warnings: the 2012 example published only the errors (and predates the pipelineLogUri warning)"},
	{"4-schedule-of-type-default.json", []parityMessage{
		{"error", "Default", "'schedule' values must be of type 'Schedule'. Found values of type 'Default'"},
	}, "everything but this error: only the stack failure's message was published"},
	{"5-string-for-reference.json", []parityMessage{
		{"error", "SayHello", "'parent' values must be of type 'Default'. Found values of type 'String'"},
		{"error", "SayHello", "'schedule' values must be of type 'Schedule'. Found values of type 'String'"},
	}, "the warnings: the issue reported only the two errors"},
}

type parityMessage struct{ list, id, text string }

type awsResponse struct {
	Errors []struct {
		ID     string   `json:"id"`
		Errors []string `json:"errors"`
	} `json:"validationErrors"`
	Warnings []struct {
		ID       string   `json:"id"`
		Warnings []string `json:"warnings"`
	} `json:"validationWarnings"`
	Errored bool `json:"errored"`
}

// TestParity renders each parity fixture in the aws format (golden) and
// checks every message the service gave that dplint can know offline is
// there, on the same id.
func TestParity(t *testing.T) {
	inRepoRoot(t)
	g := goldie.New(t, goldie.WithFixtureDir("testdata/parity"), goldie.WithNameSuffix(".aws.golden"))
	for _, tc := range parityCases {
		t.Run(tc.file, func(t *testing.T) {
			t.Logf("not reproducible offline: %s", tc.unknown)
			out, errOut, _ := run(t, "", "lint", "--format", "aws", "--now", "2026-11-22T00:00:00", filepath.Join("testdata/parity", tc.file))
			if errOut != "" {
				t.Fatalf("stderr: %s", errOut)
			}
			g.Assert(t, strings.TrimSuffix(tc.file, ".json"), []byte(out))
			var resp awsResponse
			if err := json.Unmarshal([]byte(out), &resp); err != nil {
				t.Fatal(err)
			}
			for _, m := range tc.known {
				found := false
				if m.list == "error" {
					for _, e := range resp.Errors {
						for _, text := range e.Errors {
							found = found || (e.ID == m.id && text == m.text)
						}
					}
				} else {
					for _, w := range resp.Warnings {
						for _, text := range w.Warnings {
							found = found || (w.ID == m.id && text == m.text)
						}
					}
				}
				if !found {
					t.Errorf("the service's %s on %q is missing: %s", m.list, m.id, m.text)
				}
			}
			wantErrored := false
			for _, m := range tc.known {
				wantErrored = wantErrored || m.list == "error"
			}
			if resp.Errored != wantErrored {
				t.Errorf("errored = %v, the service said %v", resp.Errored, wantErrored)
			}
		})
	}
}

// TestParityChocksaway lints the very definition whose ValidatePipelineDefinition
// response its author published (read from ../shared, never copied: the
// repository states no licence) and compares the whole response byte for byte.
func TestParityChocksaway(t *testing.T) {
	file := filepath.Join(testenv.SharedDir(t), "corpus", "chocksaway__aws_data_pipeline_validate", "MAIN__pipeline.json")
	out, errOut, code := run(t, "", "lint", "--format", "aws", file)
	const want = `{
    "validationErrors": [],
    "validationWarnings": [
        {
            "id": "Default",
            "warnings": [
                "'pipelineLogUri'is missing. It is recommended to set this value on Default object for better troubleshooting."
            ]
        }
    ],
    "errored": false
}
`
	if out != want || errOut != "" || code != 0 {
		t.Errorf("exit %d, stderr %q\n got:\n%s\nwant (the service's response):\n%s", code, errOut, out, want)
	}
}
