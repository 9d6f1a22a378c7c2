package rules

// Area 1, objects: what the service refuses about objects as a set.

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// simpleRule builds a rule whose Run needs only the Input.
func simpleRule(r *Rule, run func(rep Reporter, d *definition.Definition)) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			if rep.in.Def != nil {
				run(rep, rep.in.Def)
			}
			return nil, nil
		},
	}
	return register(r)
}

var (
	// DuplicateID reports object (and parameter) ids used more than once.
	DuplicateID = simpleRule(&Rule{
		ID: "DP1005", Name: "duplicate-object-id", Severity: diag.Error, Origin: diag.Service,
		Summary: "two objects, or two parameters, share an id",
		Doc:     "Ids name objects for references and in the service's answers; each must be unique in the definition.",
	}, func(rep Reporter, d *definition.Definition) {
		first := map[string]int{}
		for _, o := range d.Objects {
			if o.IDNode == nil || o.ID == "" {
				continue
			}
			if at, dup := first[o.ID]; dup {
				rep.Report(Finding{Object: o.ID, Start: o.IDNode.Start, End: o.IDNode.End, Pointer: o.IDNode.Pointer(),
					Message: fmt.Sprintf("object id %s is already used by the object at line %d", quote(o.ID), rep.in.File.Position(at).Line),
					Related: []analysis.RelatedInformation{rep.Related(at, at+len(o.ID)+2, "first object with this id")}})
				continue
			}
			first[o.ID] = o.IDNode.Start
		}
		firstParam := map[string]int{}
		for _, p := range d.Parameters {
			if p.IDNode == nil || p.ID == "" {
				continue
			}
			if at, dup := firstParam[p.ID]; dup {
				rep.Report(Finding{Object: p.ID, Start: p.IDNode.Start, End: p.IDNode.End, Pointer: p.IDNode.Pointer(),
					Message: fmt.Sprintf("parameter id %s is already used by the parameter at line %d", quote(p.ID), rep.in.File.Position(at).Line),
					Related: []analysis.RelatedInformation{rep.Related(at, at+len(p.ID)+2, "first parameter with this id")}})
				continue
			}
			firstParam[p.ID] = p.IDNode.Start
		}
	})

	// EmptyValue reports fields whose value is the empty string.
	EmptyValue = simpleRule(&Rule{
		ID: "DP1006", Name: "empty-value", Severity: diag.Error, Origin: diag.Service,
		Summary: "a field's string or reference value is empty",
		Doc: "PutPipelineDefinition refuses a definition with an empty field value as a FATAL error " +
			"(\"Could not save the pipeline definition due to FATAL errors\"). Remove the field or give it a value.",
	}, func(rep Reporter, d *definition.Definition) {
		for _, o := range d.Objects {
			for _, f := range o.Fields {
				for _, v := range f.Values {
					if v.Text != "" || v.Kind == definition.Invalid {
						continue
					}
					fd := Finding{Object: o.ID, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
						Message: fmt.Sprintf("%s has an empty value", quote(f.Key))}
					if v.Kind == definition.Ref {
						// refValue has a minimum length of 1 in the API model,
						// which botocore checks before sending.
						fd.Message = fmt.Sprintf("%s has an empty reference", quote(f.Key))
						if path := requestPath(rep.in.Def, v.Node); path != "" {
							fd.Channel, fd.AWSStage, fd.AWSPath = diag.Client, diag.StageValidate, path
							fd.AWSText = fmt.Sprintf("Invalid length for parameter %s, value: 0, valid min length: 1", path)
						}
					}
					rep.Report(fd)
				}
			}
		}
	})
)
