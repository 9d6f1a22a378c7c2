package terraform

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead: any input is read without a panic or a hang, and every range
// the reader hands on lies inside the file.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/terraform/*.tf")
	more, _ := filepath.Glob("../../rules/testdata/*/*.tf")
	files = append(files, more...)
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`resource "aws_datapipeline_pipeline_definition" "x" { pipeline_object { id = "A" name = var.n } }`))
	f.Fuzz(func(t *testing.T, data []byte) {
		defs, _ := Read("f.tf", data)
		for _, d := range defs {
			if err := d.CheckRanges(data); err != nil {
				t.Fatal(err)
			}
		}
	})
}
