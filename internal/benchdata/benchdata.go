// Package benchdata makes the inputs of dplint's benchmarks and of
// scripts/bench: large synthetic definitions, long parent chains and loops,
// the same pipeline as a CloudFormation template. They are generated, not
// stored, so any size can be asked for.
package benchdata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/source"
)

// Synthetic builds a CLI-form definition of n objects with about
// ten fields each: plain strings, expressions, references and lists of
// both, in the shapes real pipelines use.
func Synthetic(n int) []byte {
	var b strings.Builder
	writeDefault(&b, `
      "schedule": {"ref": "Schedule_0"},
      "failureAndRerunMode": "CASCADE",`, "#{myLogUri}")
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

// writeDefault opens a definition's objects with its Default object:
// cron-style, the default roles, the given schedule lines and log URI.
func writeDefault(b *strings.Builder, schedule, logURI string) {
	fmt.Fprintf(b, `{
  "objects": [
    {
      "id": "Default",
      "name": "Default",
      "scheduleType": "cron",%s
      "role": "DataPipelineDefaultRole",
      "resourceRole": "DataPipelineDefaultResourceRole",
      "pipelineLogUri": %q
    }`, schedule, logURI)
}

// Clean builds a CLI-form definition of n objects (n rounded up to the
// last whole group) that dplint finds nothing wrong with but its size: one
// schedule, then groups of an Ec2Resource, two S3DataNodes and the
// CopyActivity between them, each copy after the one before it. It is the
// shape of a large real pipeline, where Synthetic is findings-heavy.
func Clean(n int) []byte {
	var b strings.Builder
	writeDefault(&b, `
      "schedule": {"ref": "Daily"},`, "s3://example-logs/clean/")
	b.WriteString(`,
    {"id": "Daily", "name": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2026-01-01T00:00:00"}`)
	for i := 0; 2+4*i < n; i++ {
		dep := ""
		if i > 0 {
			dep = fmt.Sprintf(`, "dependsOn": {"ref": "Copy_%d"}`, i-1)
		}
		fmt.Fprintf(&b, `,
    {"id": "Worker_%d", "name": "Worker %d", "type": "Ec2Resource", "instanceType": "m5.large", "terminateAfter": "2 Hours"},
    {"id": "In_%d", "name": "In %d", "type": "S3DataNode", "directoryPath": "#{myInput}/%d/#{format(@scheduledStartTime, 'YYYY-MM-dd')}"},
    {"id": "Out_%d", "name": "Out %d", "type": "S3DataNode", "directoryPath": "s3://example-out/%d/#{format(@scheduledStartTime, 'YYYY-MM-dd')}"},
    {"id": "Copy_%d", "name": "Copy %d", "type": "CopyActivity", "input": {"ref": "In_%d"}, "output": {"ref": "Out_%d"},
      "runsOn": {"ref": "Worker_%d"}, "maximumRetries": "2"%s}`, i, i, i, i, i, i, i, i, i, i, i, i, i, dep)
	}
	b.WriteString(`
  ],
  "parameters": [
    {"id": "myInput", "type": "AWS::S3::ObjectKey", "description": "Where to read from"}
  ],
  "values": {"myInput": "s3://example-in/data"}
}
`)
	return []byte(b.String())
}

// Chain is a definition whose n objects form one parent chain: each
// inherits from the next, and only the last has a type. With loop, the
// last names the first as its parent instead: a parent loop of n.
func Chain(n int, loop bool) []byte {
	var b strings.Builder
	b.WriteString(`{"objects": [
    {"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://example-logs/", "role": "DataPipelineDefaultRole", "resourceRole": "DataPipelineDefaultResourceRole"}`)
	for i := 0; i < n; i++ {
		b.WriteString(",\n    ")
		if i == n-1 && !loop {
			fmt.Fprintf(&b, `{"id": "O%d", "type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg"}`, i)
			continue
		}
		fmt.Fprintf(&b, `{"id": "O%d", "parent": {"ref": "O%d"}, "command": "echo %d"}`, i, (i+1)%n, i)
	}
	b.WriteString("\n]}\n")
	return []byte(b.String())
}

// Template is Synthetic(n) as a CloudFormation YAML template with one
// AWS::DataPipeline::Pipeline, written by dplint's own translation.
func Template(n int) ([]byte, error) {
	props, err := definition.ToCFN(definition.Read("s.json", source.Parse("s.json", Synthetic(n))))
	if err != nil {
		return nil, err
	}
	props = append(ojson.Object{{Key: "Name", Value: "synthetic"}}, props...)
	tmpl := ojson.Object{{Key: "Resources", Value: ojson.Object{{Key: "Synthetic", Value: ojson.Object{
		{Key: "Type", Value: "AWS::DataPipeline::Pipeline"}, {Key: "Properties", Value: props}}}}}}
	return ojson.YAML(tmpl)
}

// Terraform is Synthetic(n) as an aws_datapipeline_pipeline_definition:
// one pipeline_object block per object, one field block per value. Text
// holding "${" or "%{" (a Terraform template sequence) is written with
// the sequence escaped, as an author would.
func Terraform(n int) []byte {
	d := definition.Read("s.json", source.Parse("s.json", Synthetic(n)))
	var b strings.Builder
	b.WriteString("resource \"aws_datapipeline_pipeline_definition\" \"synthetic\" {\n  pipeline_id = \"df-0123456789\"\n")
	quote := func(s string) string {
		q := strconv.Quote(s)
		return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(q)
	}
	for _, o := range d.Objects {
		fmt.Fprintf(&b, "\n  pipeline_object {\n    id   = %s\n    name = %s\n", quote(o.ID), quote(o.Name))
		for _, f := range o.Fields {
			for _, v := range f.Values {
				kind := "string_value"
				if v.Kind == definition.Ref {
					kind = "ref_value"
				}
				fmt.Fprintf(&b, "    field {\n      key = %s\n      %s = %s\n    }\n", quote(f.Key), kind, quote(v.Text))
			}
		}
		b.WriteString("  }\n")
	}
	for _, p := range d.Parameters {
		fmt.Fprintf(&b, "\n  parameter_object {\n    id = %s\n", quote(p.ID))
		for _, a := range p.Attributes {
			for _, v := range a.Values {
				fmt.Fprintf(&b, "    attribute {\n      key = %s\n      string_value = %s\n    }\n", quote(a.Key), quote(v.Text))
			}
		}
		b.WriteString("  }\n")
	}
	for _, v := range d.Values {
		fmt.Fprintf(&b, "\n  parameter_value {\n    id = %s\n    string_value = %s\n  }\n", quote(v.ID), quote(v.Value.Text))
	}
	b.WriteString("}\n")
	return []byte(b.String())
}
