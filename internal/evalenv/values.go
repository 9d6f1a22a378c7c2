package evalenv

import (
	"errors"
	"sort"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
)

// FieldValue is what one field holding #{...} evaluates to for a run.
type FieldValue struct {
	Object, Field string
	// Value is the result, the values of a list joined with ", ", or a
	// note in parentheses: "(cannot be known offline)", "(does not
	// parse)", "(error: ...)". A *-prefixed field shows Mask.
	Value string
}

// Values evaluates every field holding #{...} of every object for one run
// at the given time, object by object in definition order and fields by
// name, so a reviewer sees the real paths (lint --show-values). params,
// when not nil, replace the definition's values, as with --param.
func Values(def *definition.Definition, at time.Time, params map[string][]string) []FieldValue {
	g := graph.Build(def)
	cat := catalog.Objects()
	var out []FieldValue
	for _, o := range def.Objects {
		ev := &Env{G: g, Cat: cat, Object: o, At: at, Params: params, OnlyParams: params != nil}
		var keys []string
		vals := map[string]string{}
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind != definition.Str || !expr.HasExpr(v.Text) {
					continue
				}
				got := Evaluate(ev, v.Text)
				if definition.SecretField(f.Key) {
					got = Mask
				}
				if _, seen := vals[f.Key]; !seen {
					keys = append(keys, f.Key)
				}
				if s := vals[f.Key]; s != "" {
					got = s + ", " + got
				}
				vals[f.Key] = got
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, FieldValue{Object: o.ID, Field: k, Value: vals[k]})
		}
	}
	return out
}

// Evaluate is what a value holding #{...} comes to for the Env's run, or a
// note in parentheses when it cannot be known offline, does not parse or fails.
func Evaluate(ev *Env, text string) string {
	t, errs := expr.ParseTemplate(text)
	if len(errs) > 0 {
		return "(does not parse)"
	}
	s, err := expr.EvalTemplate(t, ev)
	switch {
	case err == nil:
		return s
	case errors.Is(err, expr.ErrUnknown):
		return "(cannot be known offline)"
	}
	return "(error: " + err.Error() + ")"
}
