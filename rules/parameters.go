package rules

// Area 6, parameters and their values (dp-custom-templates.md).

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/schema"
)

// maxParameters is dp-custom-templates.md's "upper limit of 50 parameters".
const maxParameters = 50

// parameterAttributes are the attributes the guide lists, plus the
// console's watermark, helpText and helpLink (its templates carry them).
var parameterAttributes = []string{"type", "description", "optional", "allowedValues", "default", "isArray", "watermark", "helpText", "helpLink"}

func attr(p *definition.Parameter, key string) *definition.Field {
	for _, a := range p.Attributes {
		if a.Key == key {
			return a
		}
	}
	return nil
}

func attrText(p *definition.Parameter, key string) (string, bool) {
	if a := attr(p, key); a != nil && len(a.Values) > 0 && a.Values[0].Kind == definition.Str {
		return a.Values[0].Text, true
	}
	return "", false
}

func paramAnchor(p *definition.Parameter) Finding {
	n := p.Node
	if p.IDNode != nil {
		n = p.IDNode
	}
	return Finding{Object: p.ID, Start: n.Start, End: n.End, Pointer: n.Pointer()}
}

var (
	// ParameterShape reports parameter ids and attributes the guide does not allow.
	ParameterShape = simpleRule(&Rule{
		ID: "DP6003", Name: "parameter-shape", Severity: diag.Error, Origin: diag.Service,
		Summary: "a parameter id does not start with 'my' (or '*my'), an attribute is unknown, or there are more than 50 parameters",
		Doc: "dp-custom-templates.md: parameter ids are prefixed with my (*my to mask the value); attributes are type, description, optional, " +
			"allowedValues, default and isArray (the console adds watermark, helpText, helpLink; my… attributes are notes); at most 50 parameters.",
	}, func(rep Reporter, d *definition.Definition) {
		for i, p := range d.Parameters {
			if i == maxParameters {
				f := paramAnchor(p)
				f.Message = fmt.Sprintf("a definition has at most %d parameters; this is parameter %d", maxParameters, i+1)
				rep.Report(f)
			}
			if p.ID != "" && !strings.HasPrefix(strings.TrimPrefix(p.ID, "*"), "my") {
				f := paramAnchor(p)
				f.Message = fmt.Sprintf("parameter id %s must start with 'my' (or '*my' to mask its value)", quote(p.ID))
				rep.Report(f)
			}
			for _, a := range p.Attributes {
				known := userField.MatchString(a.Key)
				for _, k := range parameterAttributes {
					known = known || a.Key == k
				}
				if !known {
					rep.Report(Finding{Object: p.ID, Start: a.KeyStart, End: a.KeyEnd, Pointer: a.Pointer,
						Message: fmt.Sprintf("%s is not a parameter attribute%s", quote(a.Key), suggest(a.Key, parameterAttributes))})
				}
			}
		}
	})

	// MissingParameterValue reports required parameters with no value.
	MissingParameterValue = simpleRule(&Rule{
		ID: "DP6005", Name: "missing-parameter-value", Severity: diag.Error, Origin: diag.Service, VerifiedText: true,
		Summary: "a declared parameter has no value, no default and is not optional",
		Doc: "The service's own words, on the parameter's id. Checked when the definition comes with values (a values block in the file): " +
			"a template whose values are given at deploy time is not complete on its own.",
	}, func(rep Reporter, d *definition.Definition) {
		if d.ValuesKey == nil && rep.in.Options.Values == nil {
			return
		}
		given := rep.in.givenValues()
		for _, p := range d.Parameters {
			if p.ID == "" || given[p.ID] || attr(p, "default") != nil {
				continue
			}
			if opt, _ := attrText(p, "optional"); strings.EqualFold(opt, "true") {
				continue
			}
			f := paramAnchor(p)
			f.Message = "Value is missing for this parameter"
			rep.Report(f)
		}
	})

	// ParameterValue checks values against the parameter's type, allowed
	// values and isArray.
	ParameterValue = simpleRule(&Rule{
		ID: "DP6006", Name: "parameter-value", Severity: diag.Error, Origin: diag.Service,
		Summary: "a parameter's value (or default) does not fit its type, its allowedValues, or isArray",
		Doc:     "Integer and Double values must be numbers; a value must be one of allowedValues when they are given; several values need isArray true.",
	}, func(rep Reporter, d *definition.Definition) {
		byID := map[string]*definition.Parameter{}
		for _, p := range d.Parameters {
			byID[p.ID] = p
		}
		count := map[string]int{}
		for _, v := range d.Values {
			count[v.ID]++
		}
		check := func(p *definition.Parameter, v *definition.Value, owner string) {
			if v == nil || v.Kind != definition.Str || opaque(v.Text) {
				return
			}
			typ, _ := attrText(p, "type")
			switch strings.ToLower(typ) {
			case "integer":
				if _, err := strconv.ParseInt(strings.TrimSpace(v.Text), 10, 64); err != nil && v.Text != "" {
					rep.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
						Message: fmt.Sprintf("parameter %s is an Integer; found %s", quote(p.ID), masked(p.ID, v.Text))})
				}
			case "double":
				if _, err := strconv.ParseFloat(strings.TrimSpace(v.Text), 64); err != nil && v.Text != "" {
					rep.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
						Message: fmt.Sprintf("parameter %s is a Double; found %s", quote(p.ID), masked(p.ID, v.Text))})
				}
			}
			if a := attr(p, "allowedValues"); a != nil && len(a.Values) > 0 {
				var allowed []string
				ok := false
				for _, av := range a.Values {
					allowed = append(allowed, av.Text)
					ok = ok || av.Text == v.Text
				}
				if !ok {
					rep.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
						Message: fmt.Sprintf("parameter %s must be %s; found %s", quote(p.ID), listOf(allowed), masked(p.ID, v.Text))})
				}
			}
		}
		for _, p := range d.Parameters {
			if a := attr(p, "default"); a != nil {
				for _, v := range a.Values {
					check(p, v, p.ID)
				}
			}
		}
		if extra := rep.in.Options.Values; extra != nil {
			// Values given outside the file are checked at the parameter
			// they are for (they have no place in this file).
			for _, p := range d.Parameters {
				for _, text := range extra[p.ID] {
					if problem := paramValueProblem(p, text); problem != "" {
						f := paramAnchor(p)
						f.Message = fmt.Sprintf("the value given for %s %s", quote(p.ID), problem)
						rep.Report(f)
					}
				}
			}
			return
		}
		reported := map[string]bool{}
		for _, v := range d.Values {
			p := byID[v.ID]
			if p == nil {
				continue
			}
			check(p, v.Value, v.ID)
			if isArray, _ := attrText(p, "isArray"); count[v.ID] > 1 && !strings.EqualFold(isArray, "true") && !reported[v.ID] {
				reported[v.ID] = true
				rep.Report(Finding{Object: v.ID, Start: v.KeyStart, End: v.KeyEnd, Pointer: v.Value.Whole.Pointer(),
					Message: fmt.Sprintf("parameter %s has %d values but is not an array (isArray is not true)", quote(v.ID), count[v.ID])})
			}
		}
	})

	// UnusedParameter warns about parameters no expression uses.
	UnusedParameter = exprRule(&Rule{
		ID: "DP6007", Name: "unused-parameter", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a declared parameter is not used by any expression",
	}, func(rep Reporter, uses []*ExprUse, g *graph.Graph, cat *schema.Catalog) {
		used := map[string]bool{}
		eachNode(uses, func(u *ExprUse, n expr.Node) {
			if name, ok := n.(*expr.Name); ok {
				id := name.Parts[0].Text
				used[id], used["*"+id], used[strings.TrimPrefix(id, "*")] = true, true, true
			}
		})
		if len(g.Def.Objects) == 0 {
			return // a parameters file on its own: its definition uses them
		}
		if incomplete(g.Def) || unknownExpressions(g.Def) {
			return // a use may sit in what only deploy time shows
		}
		for _, p := range g.Def.Parameters {
			if p.ID != "" && !used[p.ID] {
				f := paramAnchor(p)
				f.Message = fmt.Sprintf("parameter %s is not used by any expression", quote(p.ID))
				rep.Report(f)
			}
		}
	})
)

// paramValueProblem checks one value text against a parameter's type and
// allowedValues, for values given outside the file.
func paramValueProblem(p *definition.Parameter, text string) string {
	typ, _ := attrText(p, "type")
	switch strings.ToLower(typ) {
	case "integer":
		if _, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err != nil {
			return fmt.Sprintf("is not an Integer: %s", masked(p.ID, text))
		}
	case "double":
		if _, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err != nil {
			return fmt.Sprintf("is not a Double: %s", masked(p.ID, text))
		}
	}
	if a := attr(p, "allowedValues"); a != nil && len(a.Values) > 0 {
		var allowed []string
		for _, av := range a.Values {
			if av.Text == text {
				return ""
			}
			allowed = append(allowed, av.Text)
		}
		return fmt.Sprintf("is not %s: %s", listOf(allowed), masked(p.ID, text))
	}
	return ""
}

// masked renders a value for a message, hiding the values of masked
// (*my…) parameters.
func masked(id, value string) string {
	if strings.HasPrefix(id, "*") {
		return "'****'"
	}
	return quote(value)
}

// PlaintextPassword warns about password fields that are not masked.
var PlaintextPassword = simpleRule(&Rule{
	ID: "DP6008", Name: "plaintext-password", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
	Summary: "a password field without the '*' prefix: its value is stored and shown in plain text",
	Doc:     "Fields whose name starts with * (*password) are encrypted by the service and masked when shown; use *password, or a *my… parameter.",
}, func(rep Reporter, d *definition.Definition) {
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			if strings.HasPrefix(f.Key, "*") || !strings.Contains(strings.ToLower(f.Key), "password") {
				continue
			}
			masked := len(f.Values) > 0
			for _, v := range f.Values {
				masked = masked && strings.Contains(v.Text, "#{*") // the value comes from a masked parameter
			}
			if masked {
				continue
			}
			rep.Report(Finding{Object: o.ID, Start: f.KeyStart, End: f.KeyEnd, Pointer: f.Pointer,
				Message: fmt.Sprintf("%s holds a password in plain text; name the field '*%s' so the service encrypts and masks it", quote(f.Key), f.Key)})
		}
	}
})

// unknownExpressions reports whether a value known only at deploy time
// (a !Sub, a Terraform interpolation) holds #{...} expressions, which
// dplint cannot read until the template is rendered.
func unknownExpressions(d *definition.Definition) bool {
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Unknown != "" && strings.Contains(v.Text, "#{") {
					return true
				}
			}
		}
	}
	return false
}
