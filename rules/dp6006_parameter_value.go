package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// ParameterValue checks values against the parameter's type, allowed
// values and isArray.
var ParameterValue = &Rule{
	Meta: Meta{
		ID: "DP6006", Name: "parameter-value", Severity: diag.Error, Origin: diag.Service,
		Summary: "a parameter's value (or default) does not fit its type, its allowedValues, or isArray",
		Doc:     "Integer and Double values must be numbers; a value must be one of allowedValues when they are given; several values need isArray true.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myCount", "type": "Integer", "allowedValues": ["1", "2"]}], "values": {"myCount": "three"}}` + "\n"
	}},
	Check: checkParameterValue,
}

func checkParameterValue(pass *Pass) {
	d := pass.Def
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
				pass.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
					Message: fmt.Sprintf("parameter %s is an Integer; found %s", quote(p.ID), masked(p.ID, v.Text))})
			}
		case "double":
			if _, err := strconv.ParseFloat(strings.TrimSpace(v.Text), 64); err != nil && v.Text != "" {
				pass.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
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
				pass.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
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
	if extra := pass.Options.Values; extra != nil {
		// Values given outside the file are checked at the parameter
		// they are for (they have no place in this file).
		for _, p := range d.Parameters {
			for _, text := range extra[p.ID] {
				if problem := paramValueProblem(p, text); problem != "" {
					pass.Report(paramFinding(p, fmt.Sprintf("the value given for %s %s", quote(p.ID), problem)))
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
			pass.Report(Finding{Object: v.ID, Start: v.KeyStart, End: v.KeyEnd, At: valueEntry(v),
				Message: fmt.Sprintf("parameter %s has %d values but is not an array (isArray is not true)", quote(v.ID), count[v.ID])})
		}
	}
}

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
