package cfn

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dplint/dplint/source"
)

// maxConditions bounds the conditions whose branches are each checked: a
// pipeline that depends on k conditions the template leaves open is built
// 2^k times. Past the bound, the parts under an !If are left unchecked as
// before (DP9006), and checks that need them stay quiet.
const maxConditions = 6

// conditions evaluates the template's Conditions where its parameters'
// defaults settle them: Fn::Equals of literals and !Ref to parameters with
// a Default, Fn::And, Fn::Or, Fn::Not and Condition. A pseudo parameter
// (AWS::Region) or a parameter with no Default leaves a condition open:
// the stand-ins used for values would decide nothing real here.
type conditions struct {
	defs   *source.Node // the template's Conditions
	params map[string]*param
	memo   map[string]condValue
}

type condValue struct {
	value, known, busy bool
	// why says how a settled condition got its value, for messages.
	why []string
}

func newConditions(defs *source.Node, params map[string]*param) *conditions {
	return &conditions{defs: defs, params: params, memo: map[string]condValue{}}
}

// eval returns a named condition's value and whether the template settles it.
func (c *conditions) eval(name string) (value, known bool) {
	v := c.named(name)
	return v.value, v.known
}

// why says, for a settled condition, which defaults settle it.
func (c *conditions) why(name string) string {
	v := c.named(name)
	return strings.Join(v.why, ", ")
}

func (c *conditions) named(name string) condValue {
	if v, ok := c.memo[name]; ok {
		if v.busy {
			return condValue{} // a cycle: CloudFormation refuses it; open here
		}
		return v
	}
	c.memo[name] = condValue{busy: true}
	var v condValue
	if c.defs != nil && c.defs.Kind == source.Object {
		if n := c.defs.Get(name); n != nil {
			v = c.expr(n, 0)
		}
	}
	c.memo[name] = v
	return v
}

func (c *conditions) expr(n *source.Node, depth int) condValue {
	if depth > 16 || !isIntrinsic(n) {
		return condValue{}
	}
	m := n.Members[0]
	args := m.Value.Elems
	switch m.Key {
	case "Condition":
		if m.Value.IsString() {
			return c.named(m.Value.Text)
		}
	case "Fn::Not":
		if m.Value.Kind == source.Array && len(args) == 1 {
			v := c.expr(args[0], depth+1)
			if !v.known {
				return condValue{}
			}
			v.value = !v.value
			return v
		}
	case "Fn::And", "Fn::Or":
		if m.Value.Kind != source.Array || len(args) == 0 {
			return condValue{}
		}
		and := m.Key == "Fn::And"
		out := condValue{value: and, known: true}
		for _, a := range args {
			v := c.expr(a, depth+1)
			switch {
			case v.known && v.value != and:
				return condValue{value: !and, known: true, why: v.why} // this one decides
			case !v.known:
				out.known = false
			}
			out.why = appendNew(out.why, v.why...)
		}
		if !out.known {
			return condValue{}
		}
		return out
	case "Fn::Equals":
		if m.Value.Kind != source.Array || len(args) != 2 {
			return condValue{}
		}
		var why []string
		var vals [2]string
		for i, a := range args {
			s, w, ok := c.scalar(a)
			if !ok {
				return condValue{}
			}
			vals[i], why = s, appendNew(why, w...)
		}
		return condValue{value: vals[0] == vals[1], known: true, why: why}
	}
	return condValue{}
}

// scalar is a literal or a !Ref to a parameter with a Default.
func (c *conditions) scalar(n *source.Node) (string, []string, bool) {
	switch n.Kind {
	case source.String, source.Number, source.Bool:
		return n.Text, nil, true
	}
	if !isIntrinsic(n) || n.Members[0].Key != "Ref" || !n.Members[0].Value.IsString() {
		return "", nil, false
	}
	name := n.Members[0].Value.Text
	p, ok := c.params[name]
	if !ok || p.def == nil {
		return "", nil, false
	}
	if p.noEcho {
		return p.def.Text, []string{fmt.Sprintf("parameter %s's Default", name)}, true
	}
	return p.def.Text, []string{fmt.Sprintf("parameter %s's Default '%s'", name, p.def.Text)}, true
}

func appendNew(list []string, more ...string) []string {
	for _, s := range more {
		found := false
		for _, x := range list {
			found = found || x == s
		}
		if !found {
			list = append(list, s)
		}
	}
	return list
}

// ifParts splits a well-formed !If [Condition, then, else].
func ifParts(n *source.Node) (cond string, then, els *source.Node, ok bool) {
	if !isIntrinsic(n) || n.Members[0].Key != "Fn::If" {
		return "", nil, nil, false
	}
	v := n.Members[0].Value
	if v.Kind != source.Array || len(v.Elems) != 3 || !v.Elems[0].IsString() {
		return "", nil, nil, false
	}
	return v.Elems[0].Text, v.Elems[1], v.Elems[2], true
}

// isNoValue reports !Ref AWS::NoValue, which removes the entry it stands in.
func isNoValue(n *source.Node) bool {
	return isIntrinsic(n) && n.Members[0].Key == "Ref" && n.Members[0].Value.IsString() && n.Members[0].Value.Text == "AWS::NoValue"
}

// openConditions lists, sorted, the conditions of the !If functions under
// n that the template does not settle and the template defines.
func (c *conditions) openConditions(n *source.Node, defined map[string]bool) []string {
	seen := map[string]bool{}
	n.Walk(func(x *source.Node) {
		if cond, _, _, ok := ifParts(x); ok && defined[cond] {
			if _, known := c.eval(cond); !known {
				seen[cond] = true
			}
		}
	})
	return slices.Sorted(maps.Keys(seen))
}
