package rules

// The shared base analyzers: each computes, once per definition, what
// several rules read. A rule lists the ones it reads in Requires and gets
// them from its Pass.

import (
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/schema/catalog"
	"github.com/dplint/dplint/source"
)

// What rules require, by the results they read.
var (
	needsGraph   = []*analysis.Analyzer{graphAnalyzer, typingAnalyzer}
	needsExprs   = []*analysis.Analyzer{exprAnalyzer, graphAnalyzer, typingAnalyzer}
	needsShape   = []*analysis.Analyzer{shapeAnalyzer}
	needsStrings = []*analysis.Analyzer{stringsAnalyzer}
)

// graphAnalyzer resolves the definition's references and inheritance once
// for every rule that needs them.
var graphAnalyzer = &analysis.Analyzer{
	Name:       "graph",
	Doc:        "resolves references, parent/Default inheritance and cycles",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf((*graph.Graph)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return graph.Build(input(pass).Def), nil
	},
}

// typingAnalyzer looks up every object's catalog type and every field's
// catalog field once for the rules that check fields by their type.
var typingAnalyzer = &analysis.Analyzer{
	Name:       "typing",
	Doc:        "finds the catalog type of every object and the catalog field of every field",
	Requires:   []*analysis.Analyzer{graphAnalyzer},
	ResultType: reflect.TypeOf((*typing)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return newTyping(pass.ResultOf[graphAnalyzer].(*graph.Graph), catalog.Objects()), nil
	},
}

// input is the base result in a base analyzer's Run.
func input(pass *analysis.Pass) *Input { return pass.ResultOf[InputAnalyzer].(*Input) }

// exprUse is one string value that holds expressions, parsed.
type exprUse struct {
	Object   *definition.Object // nil for a parameter's attribute
	Field    *definition.Field
	Value    *definition.Value
	Template *expr.Template
	Errors   []*expr.Error
	// offsets maps each decoded byte to its file offset. It is made from
	// content on the first finding inside the value: made for every value
	// up front it was eight bytes for each byte of every expression. The
	// rules of a big definition run in parallel: once makes it once.
	once    sync.Once
	offsets []int
	content []byte
}

// span maps a range of the decoded value to the file.
func (u *exprUse) span(start, end int) (int, int) {
	u.once.Do(func() {
		if u.content != nil {
			u.offsets, u.content = source.StringOffsets(u.content, u.Value.Node), nil
		}
	})
	if u.offsets == nil || start < 0 || end >= len(u.offsets) {
		return u.Value.Node.Start, u.Value.Node.End
	}
	return u.offsets[start], u.offsets[end]
}

// exprAnalyzer parses every object field value holding #{...} once.
var exprAnalyzer = &analysis.Analyzer{
	Name:       "expressions",
	Doc:        "parses the #{...} expressions of every field value",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf([]*exprUse(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		in := input(pass)
		var uses []*exprUse
		for _, o := range in.Def.Objects {
			for _, f := range o.Fields {
				for _, v := range f.Values {
					if v.Kind == definition.Invalid || !expr.HasExpr(v.Text) || v.Node.Kind != source.String {
						continue
					}
					t, errs := expr.ParseTemplate(v.Text)
					uses = append(uses, &exprUse{Object: o, Field: f, Value: v, Template: t, Errors: errs,
						content: in.File.Content})
				}
			}
		}
		return uses, nil
	},
}

// at reports a finding at a range of an expression use.
func (u *exprUse) at(start, end int, msg string) Finding {
	s, e := u.span(start, end)
	return Finding{Object: u.Object.ID, Start: s, End: e, Pointer: u.Value.Node.Pointer(), Message: msg}
}

// eachNode calls fn for every node of every expression of every use.
func eachNode(uses []*exprUse, fn func(u *exprUse, n expr.Node)) {
	for _, u := range uses {
		for _, seg := range u.Template.Segments {
			expr.Walk(seg.Expr, func(n expr.Node) { fn(u, n) })
		}
	}
}

// shapeAnalyzer validates the file against the JSON Schema of its form and
// returns the violations for the shape rules to report.
var shapeAnalyzer = &analysis.Analyzer{
	Name:       "shape",
	Doc:        "validates the file against the JSON Schema of its form",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf([]schema.Violation(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		in := input(pass)
		if in.File.Root == nil {
			return []schema.Violation(nil), nil
		}
		shape := map[definition.Form]schema.Shape{
			definition.CLI: schema.CLIFile, definition.Companion: schema.CLICompanion,
			definition.Hybrid: schema.HybridFile, definition.API: schema.APIFile,
		}[in.Def.Form]
		if shape == "" {
			return []schema.Violation(nil), nil
		}
		if in.File.Root.Kind != source.Object {
			return []schema.Violation{{Class: schema.WrongType, Node: in.File.Root, Want: "object"}}, nil
		}
		return schema.Check(shape, in.File.Root)
	},
}
