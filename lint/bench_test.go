package lint_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/source"
)

// syntheticDefinition builds a CLI-form definition of n objects with about
// ten fields each: plain strings, expressions, references and lists of
// both, in the shapes real pipelines use.
func syntheticDefinition(n int) []byte {
	var b strings.Builder
	b.WriteString(`{
  "objects": [
    {
      "id": "Default",
      "name": "Default",
      "scheduleType": "cron",
      "schedule": {"ref": "Schedule_0"},
      "failureAndRerunMode": "CASCADE",
      "role": "DataPipelineDefaultRole",
      "resourceRole": "DataPipelineDefaultResourceRole",
      "pipelineLogUri": "#{myLogUri}"
    }`)
	for i := 1; i < n; i++ {
		b.WriteString(",\n    ")
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, `{"id": "Schedule_%d", "name": "Schedule %d", "type": "Schedule", "period": "%d hours",
      "startDateTime": "2026-01-01T00:00:00", "occurrences": "%d", "description": "schedule number %d",
      "tags": ["a", "b", "c"], "owner": "team-%d", "note": "synthetic"}`, i, i, 1+i%23, 1+i%9, i, i%7)
		case 1:
			fmt.Fprintf(&b, `{"id": "Cluster_%d", "name": "Cluster %d", "type": "EmrCluster", "releaseLabel": "emr-6.15.0",
      "masterInstanceType": "m5.xlarge", "coreInstanceType": "m5.xlarge", "coreInstanceCount": "%d",
      "terminateAfter": "%d Hours", "applications": ["spark", "hive", "pig"], "schedule": {"ref": "Schedule_%d"}}`,
				i, i, 1+i%8, 1+i%6, 5*(i/5))
		case 2:
			fmt.Fprintf(&b, `{"id": "Input_%d", "name": "Input %d", "type": "S3DataNode",
      "directoryPath": "#{myInput}/%d/#{format(@scheduledStartTime, 'YYYY-MM-dd')}",
      "schedule": {"ref": "Schedule_%d"}, "dataFormat": {"ref": "Format_%d"}, "manifestFilePath": "s3://bucket/manifest/%d",
      "compression": "gzip", "s3EncryptionType": "SERVER_SIDE_ENCRYPTION", "failureAndRerunMode": "CASCADE"}`,
				i, i, i, 5*(i/5), i+1, i)
		case 3:
			fmt.Fprintf(&b, `{"id": "Format_%d", "name": "Format %d", "type": "CSV", "column": ["id INT", "name STRING", "value DOUBLE", "ts TIMESTAMP"],
      "description": "columns of input %d", "owner": "team-%d", "version": "%d", "escapeChar": "\\", "note": "synthetic", "extra": "x"}`,
				i, i, i-1, i%7, i%4)
		case 4:
			dep := ""
			if i > 10 {
				dep = fmt.Sprintf(`, "dependsOn": [{"ref": "Copy_%d"}, {"ref": "Copy_%d"}]`, i-5, i-10)
			}
			fmt.Fprintf(&b, `{"id": "Copy_%d", "name": "Copy %d", "type": "ShellCommandActivity",
      "command": "aws s3 cp #{input.directoryPath} s3://out/%d/ --recursive && echo \"done %d\"",
      "input": {"ref": "Input_%d"}, "runsOn": {"ref": "Cluster_%d"}, "schedule": {"ref": "Schedule_%d"},
      "maximumRetries": "%d", "stage": "true", "onFail": {"ref": "Default"}%s}`,
				i, i, i, i, i-2, i-3, 5*(i/5), i%4, dep)
		}
	}
	b.WriteString(`
  ],
  "parameters": [
    {"id": "myInput", "type": "AWS::S3::ObjectKey", "description": "Where to read from"},
    {"id": "myLogUri", "type": "AWS::S3::ObjectKey", "default": "s3://example-logs/synthetic/"}
  ],
  "values": {"myInput": "s3://example-in/data"}
}
`)
	return []byte(b.String())
}

// BenchmarkLintSynthetic lints one large definition: about 5,000 objects
// of about ten fields each.
func BenchmarkLintSynthetic(b *testing.B) {
	data := syntheticDefinition(5000)
	l, err := lint.New(lint.Config{MaxObjects: 100000})
	if err != nil {
		b.Fatal(err)
	}
	// Once outside the timer: the input must be read as a definition.
	res := l.Lint("synthetic.json", data)
	if res.Err != nil || res.Skipped || len(res.Definitions) != 1 || len(res.Definitions[0].IDs) != 5002 {
		b.Fatalf("synthetic definition not linted: err %v, skipped %v, %d definitions", res.Err, res.Skipped, len(res.Definitions))
	}
	for _, p := range res.Source.Problems {
		b.Fatalf("synthetic definition is not clean JSON: %s at %d", p.Message, p.Start)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		l, err := lint.New(lint.Config{MaxObjects: 100000})
		if err != nil {
			b.Fatal(err)
		}
		if res := l.Lint("synthetic.json", data); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}

// BenchmarkLintCorpus lints every definition of the shared corpus per
// iteration.
func BenchmarkLintCorpus(b *testing.B) {
	dir := filepath.Join(testenv.SharedDir(b), "corpus")
	type file struct {
		path string
		data []byte
	}
	var files []file
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, file{path, data})
		total += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Skipf("no *.json under %s", dir)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	l, err := lint.New(lint.Config{MaxObjects: 100000})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if res := l.Lint(f.path, f.data); res.Err != nil {
				b.Fatalf("%s: %v", f.path, res.Err)
			}
		}
	}
	b.ReportMetric(float64(len(files)), "files/op")
}

// syntheticTemplate is the synthetic definition as a CloudFormation YAML
// template (one AWS::DataPipeline::Pipeline), built by dplint's own
// translation.
func syntheticTemplate(b *testing.B, n int) []byte {
	b.Helper()
	data := syntheticDefinition(n)
	props, err := definition.ToCFN(definition.Read("s.json", source.Parse("s.json", data)))
	if err != nil {
		b.Fatal(err)
	}
	props = append(ojson.Object{{Key: "Name", Value: "synthetic"}}, props...)
	tmpl := ojson.Object{{Key: "Resources", Value: ojson.Object{{Key: "Synthetic", Value: ojson.Object{
		{Key: "Type", Value: "AWS::DataPipeline::Pipeline"}, {Key: "Properties", Value: props}}}}}}
	out, err := ojson.YAML(tmpl)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkLintTemplate lints the synthetic definition written as a YAML
// template: the cost of reading YAML and building the pipeline's tree on
// top of linting it.
func BenchmarkLintTemplate(b *testing.B) {
	data := syntheticTemplate(b, 5000)
	l, err := lint.New(lint.Config{MaxObjects: 100000})
	if err != nil {
		b.Fatal(err)
	}
	res := l.Lint("synthetic.yaml", data)
	if res.Err != nil || res.Skipped || len(res.Definitions) != 1 || len(res.Definitions[0].IDs) != 5002 {
		b.Fatalf("synthetic template not linted: err %v, skipped %v, %d definitions", res.Err, res.Skipped, len(res.Definitions))
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if res := l.Lint("synthetic.yaml", data); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
