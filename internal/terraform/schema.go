package terraform

import (
	"slices"
	"strings"
	"unicode"

	"github.com/dplint/dplint/internal/suggest"
)

// blockSchema is what the Terraform AWS provider accepts inside one kind of
// block of aws_datapipeline_pipeline_definition (its schema in
// internal/service/datapipeline/pipeline_definition.go).
type blockSchema struct {
	name     string   // how messages name the block
	args     []string // arguments it takes
	required []string // arguments Terraform refuses to plan without
	blocks   []string // nested block types it takes
	// dynamic are the block types whose content may come from a dynamic
	// block: they hold pipeline content that dplint then cannot see.
	dynamic []string
	// what names the pipeline parts a dynamic block of each type builds.
	what map[string]string
}

var (
	resourceSchema = &blockSchema{
		name: ResourceType,
		// Besides pipeline_id: Terraform's meta-arguments, "region" (every
		// regional resource has it since provider 6.0) and "id" (the plugin
		// SDK adds it to every resource as optional and computed).
		args:     []string{"pipeline_id", "region", "count", "for_each", "depends_on", "provider", "id"},
		required: []string{"pipeline_id"},
		blocks:   []string{"pipeline_object", "parameter_object", "parameter_value", "lifecycle", "provisioner", "connection"},
		dynamic:  []string{"pipeline_object", "parameter_object", "parameter_value"},
		what:     map[string]string{"pipeline_object": "objects", "parameter_object": "parameters", "parameter_value": "parameter values"},
	}
	objectSchema = &blockSchema{
		name:     "pipeline_object",
		args:     []string{"id", "name"},
		required: []string{"id", "name"},
		blocks:   []string{"field"},
		dynamic:  []string{"field"},
		what:     map[string]string{"field": "fields"},
	}
	fieldSchema = &blockSchema{
		name:     "field",
		args:     []string{"key", "string_value", "ref_value"},
		required: []string{"key"},
	}
	parameterSchema = &blockSchema{
		name:     "parameter_object",
		args:     []string{"id"},
		required: []string{"id"},
		blocks:   []string{"attribute"},
		dynamic:  []string{"attribute"},
		what:     map[string]string{"attribute": "attributes"},
	}
	attributeSchema = &blockSchema{
		name:     "attribute",
		args:     []string{"key", "string_value"},
		required: []string{"key", "string_value"},
	}
	valueSchema = &blockSchema{
		name:     "parameter_value",
		args:     []string{"id", "string_value"},
		required: []string{"id", "string_value"},
	}
)

func (s *blockSchema) takesArg(name string) bool   { return slices.Contains(s.args, name) }
func (s *blockSchema) takesBlock(name string) bool { return slices.Contains(s.blocks, name) }

// suggest returns the argument or block name of s that name is most likely
// a misspelling of, and whether that is a block; "" when none is close.
// Names are compared in snake case and lower case, so "stringValue" (the
// API's spelling) finds "string_value".
func (s *blockSchema) suggest(name string) (string, bool) {
	want := snake(name)
	best, bestBlock, bestRank := "", false, 0
	try := func(cand string, block bool) {
		d := suggest.Distance(want, cand)
		// Close enough: two edits, or a third of the name (so "str_value"
		// finds "string_value"), or one is a prefix of the other; never
		// when the edits rewrite most of what was written ("x" is not "id").
		prefix := len(want) >= 3 && (strings.HasPrefix(cand, want) || strings.HasPrefix(want, cand))
		if !prefix && ((d > 2 && d*3 > len(cand)) || d >= len(want)) {
			return
		}
		// A prefix ("ref" of "ref_value") beats a closer but unrelated name.
		rank := d
		if prefix {
			rank -= 1000
		}
		if best == "" || rank < bestRank {
			best, bestBlock, bestRank = cand, block, rank
		}
	}
	for _, a := range s.args {
		try(a, false)
	}
	for _, b := range s.blocks {
		try(b, true)
	}
	return best, bestBlock
}

// snake lower-cases name and turns camelCase into snake_case.
func snake(name string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range name {
		if unicode.IsUpper(r) {
			if prevLower {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
			prevLower = false
		} else {
			prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
		}
		if r == '-' {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}
