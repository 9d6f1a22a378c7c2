// Package load reads one file into the pipeline definitions it holds,
// whatever its format: a definition file (CLI, API or companion form), a
// CloudFormation template (JSON or YAML) with AWS::DataPipeline::Pipeline
// resources, or a Terraform configuration with
// aws_datapipeline_pipeline_definition resources. Every command that reads
// definitions goes through here, so all of them see the same pipelines.
package load

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/dplint/dplint/cfn"
	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
	"github.com/dplint/dplint/terraform"
)

// File is what one file holds.
type File struct {
	// Source is the file as read: its content and, for JSON, its tree.
	Source *source.File
	// Form is the file's form; NotOurs for a file with no pipeline.
	Form        definition.Form
	Definitions []*definition.Definition
}

// TemplateExts are the extensions a directory walk picks up besides
// .json: files that may hold pipelines in a template or configuration.
var TemplateExts = []string{".yaml", ".yml", ".template", ".tf"}

// Read reads one file. It never fails: what is wrong with the file is
// reported by the rules on the definitions it returns.
func Read(path string, data []byte) *File {
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
