package cli_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/report"
)

// FuzzLintEveryFormat drives the whole path, bytes to lint to every output
// format, as a user does (standard input, named as a definition, a template
// or a Terraform file). It fails on a panic, on an exit code the command
// does not give, on JSON output that does not parse, on SARIF that the
// OASIS schema refuses, and on time out of proportion to the input (a
// quadratic path shows as seconds on a few kilobytes).
func FuzzLintEveryFormat(f *testing.F) {
	testenv.AddFuzzSeeds(f,
		`Resources: {P: {Type: AWS::DataPipeline::Pipeline, Properties: {Name: p, PipelineObjects: [{Id: A, Name: A, Fields: [{Key: type, StringValue: Schedule}]}]}}}`,
		`resource "aws_datapipeline_pipeline_definition" "p" { pipeline_id = "df-1" pipeline_object { id = "A" name = "A" } }`)
	sarif := testenv.SARIFSchema(f)
	names := []string{"f.json", "f.yaml", "f.tf"}
	f.Fuzz(func(t *testing.T, data []byte) {
		name := names[len(data)%len(names)]
		if bytes.Contains(data, []byte("AWS::DataPipeline")) && !strings.HasSuffix(name, ".tf") {
			name = "f.yaml"
		}
		budget := time.Second + time.Duration(len(data))*20*time.Microsecond
		for _, format := range report.Names() {
			var out, errOut bytes.Buffer
			env := cli.Env{Stdin: bytes.NewReader(data), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
			start := time.Now()
			code := cli.Run([]string{"lint", "--format", format, "--stdin-filename", name, "-"}, env)
			if took := time.Since(start); took > budget {
				t.Fatalf("%s, %s: %v for %d bytes", name, format, took, len(data))
			}
			if code != cli.ExitOK && code != cli.ExitFindings && code != cli.ExitUsage {
				t.Fatalf("%s, %s: exit %d\n%s", name, format, code, errOut.String())
			}
			switch format {
			case "json", "lsp", "sarif":
				if out.Len() > 0 && !json.Valid(out.Bytes()) {
					t.Fatalf("%s, %s: output is not JSON:\n%.2000s", name, format, out.String())
				}
			}
			if format == "sarif" && out.Len() > 0 {
				var doc any
				_ = json.Unmarshal(out.Bytes(), &doc)
				if err := sarif.Validate(doc); err != nil {
					t.Fatalf("%s: SARIF the schema refuses: %v", name, err)
				}
			}
		}
	})
}
