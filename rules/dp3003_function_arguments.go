package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/schema/catalog"
)

// FunctionArguments reports calls with the wrong number or kind of arguments.
var FunctionArguments = &Rule{
	Meta: Meta{
		ID: "DP3003", Name: "function-arguments", Severity: diag.Error, Origin: diag.Service,
		Summary: "a function is called with the wrong number of arguments, or an argument of the wrong type",
		Doc:     "Types are checked where they are known without running the pipeline: literals, date-time runtime fields, and function results.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{minusDays(@scheduledStartTime, 'one')}"}`)
	}},
	Requires: needsExprs,
	Check:    checkFunctionArguments,
}

func checkFunctionArguments(pass *Pass) {
	uses, cat := pass.Exprs(), pass.Catalog()
	eachNode(uses, func(u *exprUse, n expr.Node) {
		c, ok := n.(*expr.Call)
		if !ok {
			return
		}
		fns := expr.Lookup(c.Func)
		if len(fns) == 0 {
			return
		}
		var arity []expr.Function
		for _, fn := range fns {
			if len(fn.Params) == len(c.Args) {
				arity = append(arity, fn)
			}
		}
		if len(arity) == 0 {
			pass.Report(u.at(c.Start, c.End, fmt.Sprintf("%s takes %d argument%s (%s); found %d",
				c.Func, len(fns[0].Params), plural1(len(fns[0].Params)), fns[0].Signature(), len(c.Args))))
			return
		}
		for _, fn := range arity {
			ok := true
			for i, p := range fn.Params {
				ok = ok && compatible(p.Type, staticType(c.Args[i], cat))
			}
			if ok {
				return
			}
		}
		fn := arity[0]
		for i, p := range fn.Params {
			if got := staticType(c.Args[i], cat); !compatible(p.Type, got) {
				s, e := c.Args[i].Span()
				pass.Report(u.at(s, e, fmt.Sprintf("argument %d of %s (%s) must be %s; found %s", i+1, c.Func, p.Name, p.Type, got)))
				return
			}
		}
	})
}

// staticType is what an expression is known to produce without running it.
func staticType(n expr.Node, cat *catalog.Catalog) expr.Type {
	switch n := n.(type) {
	case *expr.Lit:
		return map[expr.LitKind]expr.Type{expr.LitInteger: expr.TypeInteger, expr.LitDouble: expr.TypeDouble, expr.LitString: expr.TypeString}[n.Kind]
	case *expr.Paren:
		return staticType(n.X, cat)
	case *expr.Name:
		last := n.Parts[len(n.Parts)-1].Text
		if strings.HasPrefix(last, "@") {
			if f := anyField(cat, last); f != nil && f.Kind == catalog.KindDateTime {
				return expr.TypeDateTime
			}
		}
	case *expr.Call:
		var result expr.Type
		for _, fn := range expr.Lookup(n.Func) {
			if len(fn.Params) == len(n.Args) {
				if result != 0 && result != fn.Result {
					return expr.TypeUnknown
				}
				result = fn.Result
			}
		}
		return result
	}
	return expr.TypeUnknown
}

func compatible(want, got expr.Type) bool {
	return got == expr.TypeUnknown || want == expr.TypeAny || want == got ||
		(want == expr.TypeDouble && got == expr.TypeInteger)
}
