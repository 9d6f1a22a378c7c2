package rules

import (
	"fmt"
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/schema/catalog"
	"github.com/dplint/dplint/source"
)

// Input is the result of the base analyzer every rule requires: the file,
// the definition read from it and the options.
type Input struct {
	File *source.File
	Def  *definition.Definition // never nil
	// Tok is the file in the pass's token.FileSet: findings travel to the
	// driver as token.Pos in it.
	Tok     *token.File
	Options Options
	// IoT, when set, is the IoT Analytics document the pass is about (Def
	// is then empty): only the rules for IoT documents (Meta.Service
	// diag.IoTAnalytics) run.
	IoT *iotanalytics.Document
}

// InputAnalyzer is the base analyzer every rule requires. The lint driver
// reads and parses each file once, before any analyzer runs (it must, to
// tell definitions from other JSON and to split a file into definitions),
// and supplies this analyzer's result directly; Run is what a driver that
// does not would get.
var InputAnalyzer = &analysis.Analyzer{
	Name:       "definition",
	Doc:        "provides the parsed pipeline definition to every rule",
	ResultType: reflect.TypeOf((*Input)(nil)),
	Run: func(*analysis.Pass) (any, error) {
		return nil, fmt.Errorf("the definition analyzer's result is supplied by the lint driver")
	},
}

// givenValues lists the parameter ids that have a value, from the options
// when given there, else from the file.
func (in *Input) givenValues() map[string]bool {
	given := map[string]bool{}
	if in.Options.Values != nil {
		for id := range in.Options.Values {
			given[id] = true
		}
		return given
	}
	for _, v := range in.Def.Values {
		given[v.ID] = true
	}
	return given
}

// Pass is what a rule's check works with: the input (File, Def, Options),
// typed access to the shared analyzers' results the rule requires, and
// Report. One Pass serves one rule on one definition.
type Pass struct {
	*Input
	analysis *analysis.Pass
	rule     *Rule
	found    *Found
}

func newPass(ap *analysis.Pass, r *Rule) *Pass {
	return &Pass{Input: ap.ResultOf[InputAnalyzer].(*Input), analysis: ap, rule: r, found: &Found{}}
}

// Rule is the rule the pass runs.
func (p *Pass) Rule() *Rule { return p.rule }

// ResultOf is the result of an analyzer the rule requires (the shared ones
// have their own accessors below). Asking for one the rule does not
// require is a mistake in the rule, caught by its tests.
func (p *Pass) ResultOf(a *analysis.Analyzer) any {
	res, ok := p.analysis.ResultOf[a]
	if !ok {
		panic(fmt.Sprintf("rule %s reads %s without requiring it", p.rule.ID, a.Name))
	}
	return res
}

// Graph is the definition's references and inheritance (needsGraph).
func (p *Pass) Graph() *graph.Graph { return p.ResultOf(graphAnalyzer).(*graph.Graph) }

// Typing is the catalog type of every object and field (rules that
// require the graph get it too).
func (p *Pass) Typing() *typing { return p.ResultOf(typingAnalyzer).(*typing) }

// Exprs is every field value holding #{...}, parsed (needsExprs).
func (p *Pass) Exprs() []*exprUse { return p.ResultOf(exprAnalyzer).([]*exprUse) }

// Violations is how the file breaks its form's JSON Schema (needsShape).
func (p *Pass) Violations() []schema.Violation {
	return p.ResultOf(shapeAnalyzer).([]schema.Violation)
}

// Strings is every string the API constrains, with its limits
// (needsStrings).
func (p *Pass) Strings() apiStrings { return p.ResultOf(stringsAnalyzer).(apiStrings) }

// Catalog is the object catalog: types, fields and their kinds.
func (p *Pass) Catalog() *catalog.Catalog { return catalog.Objects() }
