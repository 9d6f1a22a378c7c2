package rules

// Area 3, expressions: #{...} in string values.

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/evalenv"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/expr/joda"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/source"
)

// ExprUse is one string value that holds expressions, parsed.
type ExprUse struct {
	Object   *definition.Object // nil for a parameter's attribute
	Field    *definition.Field
	Value    *definition.Value
	Template *expr.Template
	Errors   []*expr.Error
	offsets  []int // decoded byte -> file offset
}

// span maps a range of the decoded value to the file.
func (u *ExprUse) span(start, end int) (int, int) {
	if u.offsets == nil || start < 0 || end >= len(u.offsets) {
		return u.Value.Node.Start, u.Value.Node.End
	}
	return u.offsets[start], u.offsets[end]
}

// ExprAnalyzer parses every object field value holding #{...} once.
var ExprAnalyzer = &analysis.Analyzer{
	Name:       "expressions",
	Doc:        "parses the #{...} expressions of every field value",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf([]*ExprUse(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		in := input(pass)
		var uses []*ExprUse
		if in.Def == nil {
			return uses, nil
		}
		for _, o := range in.Def.Objects {
			for _, f := range o.Fields {
				for _, v := range f.Values {
					if v.Kind == definition.Invalid || !expr.HasExpr(v.Text) || v.Node.Kind != source.String {
						continue
					}
					t, errs := expr.ParseTemplate(v.Text)
					uses = append(uses, &ExprUse{Object: o, Field: f, Value: v, Template: t, Errors: errs,
						offsets: source.StringOffsets(in.File.Content, v.Node)})
				}
			}
		}
		return uses, nil
	},
}

// exprRule builds a rule over the parsed expressions and the graph.
func exprRule(r *Rule, run func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog)) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer, ExprAnalyzer, GraphAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			run(rep, pass.ResultOf[ExprAnalyzer].([]*ExprUse), pass.ResultOf[GraphAnalyzer].(*graph.Graph), schema.Objects())
			return nil, nil
		},
	}
	return register(r)
}

// at reports a finding at a range of an expression use.
func (u *ExprUse) at(start, end int, msg string) Finding {
	s, e := u.span(start, end)
	return Finding{Object: u.Object.ID, Start: s, End: e, Pointer: u.Value.Node.Pointer(), Message: msg}
}

// walk visits every node of an expression.
func walk(n expr.Node, fn func(expr.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *expr.Call:
		for _, a := range n.Args {
			walk(a, fn)
		}
	case *expr.Binary:
		walk(n.X, fn)
		walk(n.Y, fn)
	case *expr.Unary:
		walk(n.X, fn)
	case *expr.Paren:
		walk(n.X, fn)
	}
}

// eachNode calls fn for every node of every expression of every use.
func eachNode(uses []*ExprUse, fn func(u *ExprUse, n expr.Node)) {
	for _, u := range uses {
		for _, seg := range u.Template.Segments {
			walk(seg.Expr, func(n expr.Node) { fn(u, n) })
		}
	}
}

// staticType is what an expression is known to produce without running it.
func staticType(n expr.Node, cat *schema.Catalog) expr.Type {
	switch n := n.(type) {
	case *expr.Lit:
		return map[expr.LitKind]expr.Type{expr.LitInteger: expr.TypeInteger, expr.LitDouble: expr.TypeDouble, expr.LitString: expr.TypeString}[n.Kind]
	case *expr.Paren:
		return staticType(n.X, cat)
	case *expr.Name:
		last := n.Parts[len(n.Parts)-1].Text
		if strings.HasPrefix(last, "@") {
			if f := anyField(cat, last); f != nil && f.Kind == schema.KindDateTime {
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

var (
	// ExpressionSyntax reports expressions that do not parse.
	ExpressionSyntax = exprRule(&Rule{
		ID: "DP3001", Name: "expression-syntax", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression does not parse: an unterminated or empty #{, or a syntax error inside",
		Doc:     "Expressions are #{...}: names, literals ('text', 1, 2.5), function calls and + - * / ^. dp-pipeline-expressions.md.",
	}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
		for _, u := range uses {
			for _, e := range u.Errors {
				rep.Report(u.at(e.Start, e.End, "expression: "+e.Msg))
			}
		}
	})

	// UnknownFunction reports calls to functions the service does not have.
	UnknownFunction = exprRule(&Rule{
		ID: "DP3002", Name: "unknown-function", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression calls a function the service does not have",
		Doc:     "The functions are the date and time functions of dp-pipeline-reference-functions-datetime.md (format, plusDays, minusHours, ...).",
	}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
		eachNode(uses, func(u *ExprUse, n expr.Node) {
			c, ok := n.(*expr.Call)
			if !ok || len(expr.Lookup(c.Func)) > 0 {
				return
			}
			rep.Report(u.at(c.FuncStart, c.FuncEnd, fmt.Sprintf("unknown function %s%s", quote(c.Func), suggest(c.Func, expr.Names()))))
		})
	})

	// FunctionArguments reports calls with the wrong number or kind of arguments.
	FunctionArguments = exprRule(&Rule{
		ID: "DP3003", Name: "function-arguments", Severity: diag.Error, Origin: diag.Service,
		Summary: "a function is called with the wrong number of arguments, or an argument of the wrong type",
		Doc:     "Types are checked where they are known without running the pipeline: literals, date-time runtime fields, and function results.",
	}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
		eachNode(uses, func(u *ExprUse, n expr.Node) {
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
				rep.Report(u.at(c.Start, c.End, fmt.Sprintf("%s takes %d argument%s (%s); found %d",
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
					rep.Report(u.at(s, e, fmt.Sprintf("argument %d of %s (%s) must be %s; found %s", i+1, c.Func, p.Name, p.Type, got)))
					return
				}
			}
		})
	})

	// ExpressionInReference reports expressions where the service does not
	// evaluate them.
	ExpressionInReference = graphRule(&Rule{
		ID: "DP3004", Name: "unevaluated-expression", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression in a reference, an id, a name or the type, which the service does not evaluate",
		Doc:     "Expressions are evaluated in field values only; a reference must name an object id as written.",
	}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
		for _, o := range g.Def.Objects {
			if o.IDNode != nil && expr.HasExpr(o.ID) {
				rep.Report(Finding{Object: o.ID, Start: o.IDNode.Start, End: o.IDNode.End, Pointer: o.IDNode.Pointer(), Message: "an expression in an object id is not evaluated"})
			}
			if o.NameNode != nil && expr.HasExpr(o.Name) {
				rep.Report(Finding{Object: o.ID, Start: o.NameNode.Start, End: o.NameNode.End, Pointer: o.NameNode.Pointer(), Message: "an expression in an object name is not evaluated"})
			}
			for _, f := range o.Fields {
				for _, v := range f.Values {
					if !expr.HasExpr(v.Text) {
						continue
					}
					switch {
					case v.Kind == definition.Ref:
						rep.Report(valueFinding(o, v, fmt.Sprintf("an expression in a reference is not evaluated: %s must name an object id", quote(f.Key))))
					case f.Key == "type":
						rep.Report(valueFinding(o, v, "an expression in 'type' is not evaluated"))
					}
				}
			}
		}
	})

	// UnknownName reports names that resolve to nothing.
	UnknownName = exprRule(&Rule{
		ID: "DP3005", Name: "unknown-name", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression names a parameter, field or runtime field that does not exist",
		Doc: "A name is a declared parameter (myX, *myX for masked values), a field of the object (own, from its parent or Default), " +
			"a runtime or system field (@scheduledStartTime, @id, ...), or a reference slot followed by a field of the object it names " +
			"(input.directoryPath, node.@scheduledStartTime). `node` belongs to actions and preconditions.",
	}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
		// A name with a value resolves even when no parameter declares it:
		// real definitions the service accepted do that (DP6001 warns).
		declared := map[string]bool{}
		for _, p := range g.Def.Parameters {
			declared[p.ID] = true
		}
		for id := range rep.in.givenValues() {
			declared[id] = true
		}
		// *myX marks a value to encrypt; an AWS sample the service runs
		// declares *myRedshiftPassword and writes #{myRedshiftPassword}, so
		// either spelling resolves either declaration.
		for id := range declared {
			if strings.HasPrefix(id, "*") {
				declared[id[1:]] = true
			} else {
				declared["*"+id] = true
			}
		}
		hasParams := len(g.Def.Parameters)+len(declared) > 0
		eachNode(uses, func(u *ExprUse, n expr.Node) {
			name, ok := n.(*expr.Name)
			if !ok {
				return
			}
			if msg, part := resolveName(g, cat, u.Object, name, declared, hasParams); msg != "" {
				p := name.Parts[part]
				rep.Report(u.at(p.Start, p.End, msg))
			}
		})
	})
)

func plural1(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// resolveName checks a name against the object's world; it returns a
// message and the index of the part at fault, or "" when the name is fine
// or cannot be judged offline.
func resolveName(g *graph.Graph, cat *schema.Catalog, o *definition.Object, n *expr.Name, declared map[string]bool, hasParams bool) (string, int) {
	first := n.Parts[0].Text
	cur := o
	switch {
	case strings.HasPrefix(first, "*"):
		if !declared[first] && hasParams {
			return fmt.Sprintf("%s is not a declared parameter", quote(first)), 0
		}
		return "", 0
	case declared[first]:
		return "", 0
	case first == "node":
		t := cat.Type(g.Type(o))
		if t != nil && t.Category != "Action" && t.Category != "Precondition" {
			return fmt.Sprintf("'node' is only available in actions and preconditions; %s is %s %s", quote(o.ID), article(t.Category), t.Category), 0
		}
		if len(n.Parts) > 1 {
			return checkField(cat, nil, n, 1)
		}
		return "", 0
	}
	// A reference slot followed by a field of what it names.
	if len(n.Parts) > 1 && !strings.HasPrefix(first, "@") {
		f, _ := g.Lookup(o, first)
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Ref {
			if sf := typedField(g, cat, o, first); sf != nil && sf.Kind == schema.KindRef {
				return fmt.Sprintf("%s is not set on this object, so %s names nothing", quote(first), quote(n.String())), 0
			}
			return fmt.Sprintf("%s is not a reference field of this object", quote(first)), 0
		}
		target := g.Object(f.Values[0].Text)
		if target == nil {
			return "", 0 // a dangling reference: DP2001
		}
		return checkField(cat, func(key string) bool { f, _ := g.Lookup(target, key); return f != nil }, n, 1, g.Type(target))
	}
	// A single name: a field of the object, a runtime field.
	if strings.HasPrefix(first, "@") {
		if anyField(cat, first) == nil && first != "@id" && first != "@name" {
			return fmt.Sprintf("%s is not a runtime or system field", quote(first)), 0
		}
		// A runtime field the object's own type never has is never
		// available where it is used (the expression is evaluated on this
		// object); Default and templates lend fields to every type.
		if t := catalogType(g, cat, o); t != nil && t.Name != "Default" && !(g.UsedAsParent(o) && o.Type() == "") &&
			t.Field(first) == nil && first != "@id" && first != "@name" {
			return fmt.Sprintf("%s is never available on %s %s: it is a runtime field of other object types", quote(first), article(t.Name), quote(t.Name)), 0
		}
		return "", 0
	}
	if f, _ := g.Lookup(cur, first); f != nil {
		return "", 0
	}
	if first == "id" || first == "name" {
		return "", 0
	}
	if userField.MatchString(first) {
		if !hasParams {
			return "", 0 // parameters may come from a separate file
		}
		return fmt.Sprintf("%s is neither a declared parameter nor a field of this object", quote(first)), 0
	}
	if typedField(g, cat, o, first) != nil {
		return fmt.Sprintf("%s is not set on this object (nor inherited)", quote(first)), 0
	}
	return fmt.Sprintf("unknown name %s: not a parameter, nor a field of this object", quote(first)), 0
}

// checkField checks the part after a reference: a field the target has
// (set, or in its type), a runtime field, or another reference to follow
// (not followed further).
func checkField(cat *schema.Catalog, set func(string) bool, n *expr.Name, i int, targetType ...string) (string, int) {
	key := n.Parts[i].Text
	if key == "id" || key == "name" || key == "@id" || key == "@name" || userField.MatchString(key) {
		return "", 0
	}
	if strings.HasPrefix(key, "@") {
		if anyField(cat, key) == nil {
			return fmt.Sprintf("%s is not a runtime or system field", quote(key)), i
		}
		return "", 0
	}
	if set != nil && set(key) {
		return "", 0
	}
	if len(targetType) > 0 {
		if t := cat.Type(targetType[0]); t != nil && t.Field(key) == nil {
			return fmt.Sprintf("%s is not a field of %s", quote(key), quote(t.Name)), i
		}
		return "", 0
	}
	if anyField(cat, key) == nil {
		return fmt.Sprintf("%s is not a field of any object type", quote(key)), i
	}
	return "", 0
}

// DateFormat reports format() patterns that are not valid Joda-Time.
var DateFormat = exprRule(&Rule{
	ID: "DP3006", Name: "date-format", Severity: diag.Error, Origin: diag.Service,
	Summary: "a format() pattern is not a valid Joda-Time DateTimeFormat pattern",
	Doc: "format() takes Joda-Time patterns: YYYY (year of era), yyyy, MM, dd, HH, hh with a, mm, ss, SSS, EEE, z, Z, 'quoted text'. " +
		"Letters that Joda does not know are an error (\"Illegal pattern component\").",
}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
	eachNode(uses, func(u *ExprUse, n expr.Node) {
		c, ok := n.(*expr.Call)
		if !ok || c.Func != "format" || len(c.Args) != 2 {
			return
		}
		lit, ok := c.Args[1].(*expr.Lit)
		if !ok || lit.Kind != expr.LitString {
			return
		}
		// Joda reads an unterminated quote as literal text to the end
		// (Compile then returns a formatter with the error): only what
		// Joda itself refuses is reported.
		if f, err := joda.Compile(lit.Text); err != nil && f == nil {
			var je *joda.Error
			start, end := lit.Start, lit.End
			msg := err.Error()
			if errors.As(err, &je) {
				start = lit.Start + 1 + je.Offset
				end = min(start+1, lit.End-1)
				msg = je.Msg
			}
			rep.Report(u.at(start, end, fmt.Sprintf("format pattern %s: %s", quote(lit.Text), msg)))
		}
	})
})

// ParameterInScriptURI reports parameters in scriptUri.
var ParameterInScriptURI = exprRule(&Rule{
	ID: "DP3007", Name: "parameter-in-script-uri", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
	Summary: "a shell command's 'scriptUri' uses a parameter, which the guide says it cannot (use 'command' instead)",
	Doc: "ShellCommandActivity and ShellCommandPrecondition pages: scriptUri cannot use parameters. A warning, not an error: " +
		"AWS's own samples do it (HadoopTerasort), so the service seems to accept it.",
}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
	declared := map[string]bool{}
	for _, p := range g.Def.Parameters {
		declared[p.ID], declared[strings.TrimPrefix(p.ID, "*")] = true, true
	}
	for _, v := range g.Def.Values {
		declared[v.ID] = true
	}
	for _, u := range uses {
		if t := g.Type(u.Object); u.Field.Key != "scriptUri" || (t != "ShellCommandActivity" && t != "ShellCommandPrecondition") {
			continue
		}
		for _, seg := range u.Template.Segments {
			walk(seg.Expr, func(n expr.Node) {
				name, ok := n.(*expr.Name)
				if !ok {
					return
				}
				first := name.Parts[0].Text
				if declared[first] || (strings.HasPrefix(first, "my") && len(name.Parts) == 1) || strings.HasPrefix(first, "*my") {
					p := name.Parts[0]
					rep.Report(u.at(p.Start, p.End, fmt.Sprintf("'scriptUri' cannot use parameters (%s); put the script's location in 'command' instead", quote(first))))
				}
			})
		}
	}
})

// TypedExpression checks what expressions in typed fields evaluate to.
var TypedExpression = graphRule(&Rule{
	ID: "DP3008", Name: "typed-expression", Severity: diag.Error, Origin: diag.Service,
	Summary: "a typed field (period, datetime, number, boolean, enumeration) holds an expression whose value, known offline, is not of that kind",
	Doc: "Where an expression's value can be known offline (parameter values and defaults, literals, other fields), dplint evaluates it " +
		"and checks the result like a literal, reporting the expression and its value. Values that need a run (node., most @ fields) are not checked.",
}, func(rep Reporter, g *graph.Graph, cat *schema.Catalog) {
	now := rep.in.Options.Now
	if now.IsZero() {
		now = time.Now().UTC().Truncate(time.Hour)
	}
	for _, o := range g.Def.Objects {
		env := &evalenv.Env{G: g, Cat: cat, Object: o, At: now, Params: rep.in.Options.Values, OnlyParams: rep.in.Options.Values != nil}
		for _, f := range o.Fields {
			sf := typedField(g, cat, o, f.Key)
			if sf == nil || sf.ReadOnly() || sf.Kind == schema.KindString || sf.Kind == schema.KindRef || userField.MatchString(f.Key) {
				continue
			}
			for _, v := range f.Values {
				if v.Kind != definition.Str || !expr.HasExpr(v.Text) || strings.Contains(v.Text, "${") {
					continue
				}
				t, errs := expr.ParseTemplate(v.Text)
				if len(errs) > 0 {
					continue // DP3001
				}
				got, err := expr.EvalTemplate(t, env)
				if err != nil || strings.Contains(got, evalenv.Mask) || expr.HasExpr(got) {
					continue // unknown offline, an error other rules report, or a value that is itself a template
				}
				if problem := kindProblem(sf, f.Key, g.Type(o), got); problem != "" {
					rep.Report(valueFinding(o, v, fmt.Sprintf("%s is %s, which gives %s: %s", quote(f.Key), quote(v.Text), quote(got), problem)))
				}
			}
		}
	}
})

// kindProblem says what is wrong with a value for a field's kind, or "".
func kindProblem(sf *schema.Field, key, typ, s string) string {
	switch sf.Kind {
	case schema.KindPeriod:
		if period.FindStringSubmatch(s) == nil {
			return "not a period such as '15 minutes' or '1 day'"
		}
	case schema.KindDateTime:
		if _, ok := parseDatetime(s); !ok {
			return "not a date and time in the form YYYY-MM-DDTHH:MM:SS"
		}
	case schema.KindInteger:
		if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil {
			return "not an integer"
		}
	case schema.KindDouble:
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return "not a number"
		}
	case schema.KindBoolean:
		if !strings.EqualFold(s, "true") && !strings.EqualFold(s, "false") {
			return "not true or false"
		}
	case schema.KindEnum:
		for _, allowed := range sf.Values {
			if s == allowed || (!sf.CaseSensitive && strings.EqualFold(s, allowed)) {
				return ""
			}
		}
		return "not " + listOf(sf.Values)
	}
	return ""
}
