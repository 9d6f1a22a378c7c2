// Package load reads one file into the pipeline definitions it holds,
// whatever its format: a definition file (CLI, API or companion form), a
// CloudFormation template (JSON or YAML) with AWS::DataPipeline::Pipeline
// resources, or a Terraform configuration with
// aws_datapipeline_pipeline_definition resources. Every command that reads
// definitions goes through here, so all of them see the same pipelines.
// IoT Analytics documents (internal/iotanalytics: pipeline and
// reprocessing requests, AWS::IoTAnalytics::Pipeline resources) are read
// here too, into File.IoT; a file is ours when it holds either.
package load

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/cfn"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/internal/terraform"
	"github.com/dplint/dplint/source"
)

// File is what one file holds.
type File struct {
	// Source is the file as read: its content and, for JSON, its tree.
	Source *source.File
	// Form is the file's form; NotOurs for a file with no pipeline.
	Form        definition.Form
	Definitions []*definition.Definition
	// IoT are the IoT Analytics documents the file holds: the request it
	// is, or a template's pipeline resources.
	IoT []*iotanalytics.Document
}

// Ours reports whether the file holds anything dplint checks.
func (f *File) Ours() bool { return f.Form != definition.NotOurs || len(f.IoT) > 0 }

// TemplateExts are the extensions a directory walk picks up besides
// .json: files that may hold pipelines in a template or configuration.
var TemplateExts = []string{".yaml", ".yml", ".template", ".tf"}

// Read reads one file. It never fails: what is wrong with the file is
// reported by the rules on the definitions it returns.
func Read(path string, data []byte) *File {
	f := read(path, data)
	readIoT(f, path, data)
	return f
}

// readIoT adds the IoT Analytics documents of a file that holds no Data
// Pipeline definition file: the request a JSON file is, or a template's
// AWS::IoTAnalytics::Pipeline resources (looked for only in a file that
// names the type, so other files pay nothing).
func readIoT(f *File, path string, data []byte) {
	if f.Form != definition.NotOurs && f.Form != definition.CloudFormation {
		return
	}
	var parsed *source.File // the file as JSON, when it is written as JSON
	if looksJSON(data) {
		parsed = f.Source
		if f.Form != definition.NotOurs || parsed == nil {
			parsed = source.Parse(path, data) // a template's pipelines have trees of their own
		}
		if f.Form == definition.NotOurs && parsed.Root != nil {
			if docs := iotanalytics.Read(path, parsed); docs != nil {
				f.IoT, f.Source = docs, parsed
				return
			}
		}
	}
	if !iotanalytics.Mentions(data) {
		return
	}
	reportsFile := len(f.Definitions) == 0
	switch root, err := yamlTree(parsed, data); {
	case parsed != nil:
		f.IoT = iotanalytics.ReadTemplate(path, parsed, nil, reportsFile)
	case err != nil:
		start, end, msg := cfn.ErrorSpan(data, err)
		f.IoT = iotanalytics.ReadTemplate(path, source.NewFile(path, data, nil),
			&iotanalytics.Problem{Start: start, End: end, Message: "the template cannot be read as YAML: " + msg}, reportsFile)
	default:
		f.IoT = iotanalytics.ReadTemplate(path, source.NewFile(path, data, root), nil, reportsFile)
	}
	if len(f.IoT) > 0 && f.Form == definition.NotOurs {
		f.Source = f.IoT[0].File
	}
}

// yamlTree reads a template written in YAML (parsed is nil).
func yamlTree(parsed *source.File, data []byte) (*source.Node, error) {
	if parsed != nil {
		return nil, nil
	}
	return cfn.Tree(data)
}

func looksJSON(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

func read(path string, data []byte) *File {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".tf" {
		return readTerraform(path, data)
	}
	sf := source.Parse(path, data)
	out := &File{Source: sf, Form: definition.Detect(sf)}
	if sf.Root != nil {
		if out.Form != definition.NotOurs {
			out.Definitions = []*definition.Definition{definition.Read(path, sf)}
			return out
		}
		return fromCFN(out, path, data, sf)
	}
	// Not JSON. YAML files and text that does not start like JSON are
	// read as YAML; JSON that is broken stays JSON, reported as such.
	yamlExt := ext == ".yaml" || ext == ".yml" || ext == ".template"
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	looksJSON := len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
	if yamlExt || !looksJSON {
		if f := fromCFN(&File{Source: sf}, path, data, nil); f.Form != definition.NotOurs {
			return f
		}
		if !yamlExt && terraform.Mentions(data) && !looksJSON {
			if f := readTerraform(path, data); f.Form != definition.NotOurs {
				return f
			}
		}
	}
	if out.Form != definition.NotOurs {
		out.Definitions = []*definition.Definition{definition.Read(path, sf)}
		return out
	}
	if looksJSON {
		return fromCFN(out, path, data, sf)
	}
	return out
}

func fromCFN(out *File, path string, data []byte, parsed *source.File) *File {
	defs, ours := cfn.Read(path, data, parsed)
	if !ours {
		out.Form = definition.NotOurs
		return out
	}
	out.Form = definition.CloudFormation
	out.Definitions = defs
	out.Source = defs[0].File
	return out
}

func readTerraform(path string, data []byte) *File {
	out := &File{Source: source.NewFile(path, data, nil)}
	defs, ours := terraform.Read(path, data)
	if !ours {
		return out
	}
	out.Form = definition.Terraform
	out.Definitions = defs
	out.Source = defs[0].File
	return out
}

// Pick chooses one pipeline of the file: the only one, or the one name
// gives (a logical id, a Terraform resource name, or the full file#name);
// path names the file in errors.
func (f *File) Pick(path, name string) (*definition.Definition, error) {
	if name == "" {
		if len(f.Definitions) == 1 {
			return f.Definitions[0], nil
		}
		names := make([]string, len(f.Definitions))
		for i, d := range f.Definitions {
			names[i] = pipelineName(d)
		}
		return nil, fmt.Errorf("%s holds %d pipelines; name one with --pipeline: %s", path, len(f.Definitions), strings.Join(names, " "))
	}
	for _, d := range f.Definitions {
		if n := pipelineName(d); n == name || d.Name == name || strings.TrimPrefix(n, terraform.ResourceType+".") == name {
			return d, nil
		}
	}
	return nil, fmt.Errorf("%s has no pipeline %q", path, name)
}

// pipelineName is a template pipeline's resource name, else the
// definition's name.
func pipelineName(d *definition.Definition) string {
	if d.Embedded != nil && d.Embedded.Resource != "" {
		return d.Embedded.Resource
	}
	return d.Name
}
