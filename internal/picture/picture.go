// Package picture is what `dplint graph` draws: the objects of each
// pipeline of a file as nodes (by category), their references as edges
// (by slot), parent edges, the schedule and other references objects
// inherit from Default, and the findings of the same lint as `dplint lint`
// marked on the objects they are about; then that picture written as
// Mermaid, Graphviz DOT or SVG (laid out by internal/layout, without
// Graphviz).
//
// The picture is built from the object graph the rules use
// (internal/graph), never a second model of references, and from the
// linter's findings as they come out of lint (configuration and
// suppressions applied).
package picture

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/lint"
)

// Picture is every pipeline drawn from one file.
type Picture struct {
	Pipelines []*Pipeline
}

// Pipeline is one pipeline's nodes and edges, in definition order.
type Pipeline struct {
	// Name is the definition's name: the path, or path#LogicalId for a
	// pipeline of a template or a Terraform file.
	Name  string
	Nodes []*Node
	Edges []*Edge
	// Elsewhere counts the findings on nothing drawn: the Default object,
	// a parameter, the file itself, an object without an id.
	Elsewhere Count
}

// Count is how many errors and warnings (info findings are not counted).
type Count struct{ Errors, Warnings int }

// String is "1 error, 2 warnings", "" for none.
func (c Count) String() string {
	var parts []string
	if c.Errors > 0 {
		parts = append(parts, plural(c.Errors, "error"))
	}
	if c.Warnings > 0 {
		parts = append(parts, plural(c.Warnings, "warning"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Node is one object.
type Node struct {
	ID string
	// Type is the object's effective type (its own, else its parent's);
	// "" when it has none.
	Type     string
	Category Category
	Findings Count
	// Unused is set when the linter reports the object as unused (rule
	// DP2006 unused-object, as configured).
	Unused bool

	obj *definition.Object
}

// EdgeKind tells a reference from a parent link and from a reference
// inherited from Default.
type EdgeKind int

// Edge kinds.
const (
	// Ref is a reference the object holds in one of its fields.
	Ref EdgeKind = iota
	// Parent is the object's parent field: it inherits that object's
	// fields.
	Parent
	// Inherited is a reference the object does not hold but gets from
	// Default (its schedule, most often).
	Inherited
)

// Edge is one reference between two drawn objects.
type Edge struct {
	From, To *Node
	// Slot is the field holding the reference (input, runsOn, parent,
	// schedule, ...).
	Slot string
	Kind EdgeKind
	// Cycle is set on an edge of a dependsOn or parent cycle.
	Cycle bool
}

// Label is what the edge is labelled with: its slot, and for an edge
// inherited from Default "slot (Default)".
func (e *Edge) Label() string {
	if e.Kind == Inherited {
		return e.Slot + " (Default)"
	}
	return e.Slot
}

// Options choose what to draw.
type Options struct {
	// Pipeline picks one pipeline of a template or Terraform file (its
	// logical id or resource name); "" draws them all.
	Pipeline string
	// Focus, when set, keeps only the objects within Depth edges of the
	// object with this id, the edges followed either way.
	Focus string
	Depth int
}

// InputError is a file that cannot be drawn because it cannot be read:
// where, and why.
type InputError struct {
	Path         string
	Line, Column int
	Message      string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
}

// ErrNoPipeline is returned for a file that holds no pipeline.
var ErrNoPipeline = errors.New("holds no pipeline definition (no \"objects\" or \"pipelineObjects\", no AWS::DataPipeline::Pipeline, no aws_datapipeline_pipeline_definition)")

// ErrIncomplete is returned when the picture could not be made: the lint
// itself failed (a rule's internal error), so the findings would be
// incomplete, or drawing met an internal error.
var ErrIncomplete = errors.New("could not complete")

// Read lints one file with l, as `dplint lint` would, and builds the
// picture of its pipelines.
func Read(l *lint.Linter, path string, data []byte, opt Options) (p *Picture, err error) {
	defer recovered(&err)
	return FromLint(path, l.Lint(path, data), opt)
}

// FromLint builds the picture of a file from its lint's result, for a
// caller that has linted it already (the playground shows the findings and
// the graph of one lint). res must keep its definitions' models.
func FromLint(path string, res *diag.File, opt Options) (p *Picture, err error) {
	defer recovered(&err)
	if res.Err != nil {
		return nil, fmt.Errorf("%s: %w: the lint failed: %w", path, ErrIncomplete, res.Err)
	}
	if res.Skipped || len(res.Definitions) == 0 {
		return nil, fmt.Errorf("%s %w", path, ErrNoPipeline)
	}
	models := make([]*definition.Definition, 0, len(res.Definitions))
	for _, d := range res.Definitions {
		if err := readable(path, d.Model); err != nil {
			return nil, err
		}
		models = append(models, d.Model)
	}
	defs := res.Definitions
	if opt.Pipeline != "" {
		m, err := (&load.File{Definitions: models}).Pick(path, opt.Pipeline)
		if err != nil {
			return nil, err
		}
		for _, d := range res.Definitions {
			if d.Model == m {
				defs = []*diag.Definition{d}
			}
		}
	}
	p = &Picture{}
	for _, d := range defs {
		p.Pipelines = append(p.Pipelines, build(d))
	}
	if opt.Focus != "" {
		if err := p.focus(opt.Focus, opt.Depth); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return p, nil
}

// recovered turns a panic into an ErrIncomplete error with its stack, as
// the lint does for a rule: bad input must get an answer, not a crash.
func recovered(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: internal error: %v\n%s", ErrIncomplete, r, debug.Stack())
	}
}

// readable says where a definition's file cannot be read at all (a JSON,
// YAML or HCL syntax error that stopped the reader), or nil.
func readable(path string, d *definition.Definition) error {
	if d == nil || d.File == nil {
		return fmt.Errorf("%s %w", path, ErrNoPipeline)
	}
	start, msg := -1, ""
	if p := d.File.FirstFatal(); p != nil {
		start, msg = p.Start, p.Message
	} else if p := d.Unreadable(); p != nil {
		start, msg = p.Start, p.Message
	}
	if start < 0 {
		return nil
	}
	pos := d.File.Position(start)
	return &InputError{Path: path, Line: pos.Line, Column: pos.Column, Message: msg + " (cannot draw a file that cannot be read)"}
}

// byCategory is the pipeline's nodes per category, each in input order:
// the clusters the Mermaid and DOT writers draw.
func (pl *Pipeline) byCategory() [nCategories][]*Node {
	var by [nCategories][]*Node
	for _, n := range pl.Nodes {
		by[n.Category] = append(by[n.Category], n)
	}
	return by
}
