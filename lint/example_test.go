package lint_test

import (
	"fmt"
	"os"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

// Linting from Go, as the command line (and an embedding editor server or
// local service) does: one Linter, any number of files, one diag.File each,
// printed by any formatter.
func Example() {
	linter, err := lint.New(lint.Config{Disable: []string{"unused-object"}})
	if err != nil {
		panic(err)
	}
	file := linter.Lint("pipeline.json", []byte(`{"objects": [
  {"id": "Default", "name": "Default", "scheduleType": "ondemand", "failureAndRerunMode": "CASCADE",
   "pipelineLogUri": "s3://my-bucket/logs/"},
  {"id": "Hello", "type": "ShellCommandActivity", "command": "echo hello", "runsOn": {"ref": "Worker"}}
]}`))
	for _, d := range file.Definitions {
		for _, f := range d.Diagnostics {
			fmt.Printf("%d:%d %s %s\n", f.Start.Line, f.Start.Column, f.Rule.ID, f.Message)
		}
	}
	var meta []*diag.Rule
	for _, r := range rules.All() {
		meta = append(meta, &r.Meta)
	}
	_ = report.Text(os.Stdout, os.Stderr, &report.Run{Files: []*diag.File{file}, Rules: meta}, report.Options{Oneline: true})
	// Output:
	// 4:94 DP2001 'runsOn' refers to 'Worker', which is not defined
	// pipeline.json:4:94: error: 'runsOn' refers to 'Worker', which is not defined [DP2001 missing-reference]
}
