package cfn

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/source"
)

// isIntrinsic reports whether n is an intrinsic function in its long form
// (the form the YAML reader turns short tags into): a mapping whose only
// key is Ref, Condition or Fn::Something.
func isIntrinsic(n *source.Node) bool {
	if n == nil || n.Kind != source.Object || len(n.Members) != 1 {
		return false
	}
	k := n.Members[0].Key
	return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
}

// describe writes an intrinsic function the way a template's author reads
// it in YAML: "!Ref Bucket", "!GetAtt Role.Arn", "!Sub '...'", "!If".
func describe(n *source.Node) string {
	if !isIntrinsic(n) {
		return n.Describe()
	}
	m := n.Members[0]
	name := "!" + strings.TrimPrefix(m.Key, "Fn::")
	switch v := m.Value; {
	case v.Kind == source.String && len(v.Text) <= 60:
		if m.Key == "Fn::Sub" {
			return fmt.Sprintf("%s '%s'", name, v.Text)
		}
		return name + " " + v.Text
	case m.Key == "Fn::GetAtt" && v.Kind == source.Array && len(v.Elems) == 2 && v.Elems[0].IsString() && v.Elems[1].IsString():
		return name + " " + v.Elems[0].Text + "." + v.Elems[1].Text
	}
	return name
}

// deployTimeText is the Text a value known only at deploy time gets in the
// built tree. It holds "${", which every check reads as a value it cannot
// know: a !Ref is ${Name} and a !Sub keeps its template, so a translation
// out of the template can be filled in again with --template-vars.
func deployTimeText(n *source.Node) string {
	m := n.Members[0]
	if m.Key == "Ref" && m.Value.IsString() {
		return "${" + m.Value.Text + "}"
	}
	if m.Key == "Fn::Sub" {
		t := m.Value
		if t.Kind == source.Array && len(t.Elems) > 0 {
			t = t.Elems[0]
		}
		if t.IsString() && strings.Contains(t.Text, "${") {
			return t.Text
		}
	}
	return "${" + describe(n) + "}"
}

// pseudo are stand-ins for the pseudo parameters whose value does not
// change what a pipeline means, so a !Sub built from them can be checked.
// Findings inside such a value say the stand-in was used.
var pseudo = map[string]string{
	"AWS::AccountId": "123456789012",
	"AWS::Region":    "us-east-1",
	"AWS::Partition": "aws",
	"AWS::URLSuffix": "amazonaws.com",
	"AWS::StackName": "stack",
}

// resolve works out the value of an intrinsic function where the template
// alone says it: !Ref to a parameter with a Default, a pseudo parameter, a
// !Sub whose variables are such, a !Join of such parts. note says how, for
// findings inside the value. ok is false for anything else.
func (b *builder) resolve(n *source.Node) (text, note string, ok bool) {
	r := &resolver{b: b}
	text, ok = r.value(n, 0)
	if !ok {
		return "", "", false
	}
	return text, "value worked out from " + strings.Join(r.notes, ", "), true
}

type resolver struct {
	b     *builder
	notes []string
}

func (r *resolver) note(s string) {
	for _, n := range r.notes {
		if n == s {
			return
		}
	}
	r.notes = append(r.notes, s)
}

func (r *resolver) value(n *source.Node, depth int) (string, bool) {
	if depth > 8 {
		return "", false
	}
	switch {
	case n.Kind == source.String:
		return n.Text, true
	case n.Kind == source.Number || n.Kind == source.Bool:
		return n.Text, true
	case !isIntrinsic(n):
		return "", false
	}
	m := n.Members[0]
	switch m.Key {
	case "Ref":
		if !m.Value.IsString() {
			return "", false
		}
		return r.name(m.Value.Text, nil, depth)
	case "Fn::Sub":
		tmpl, vars := m.Value, (*source.Node)(nil)
		if tmpl.Kind == source.Array && len(tmpl.Elems) == 2 {
			tmpl, vars = tmpl.Elems[0], tmpl.Elems[1]
		}
		if !tmpl.IsString() {
			return "", false
		}
		return r.sub(tmpl.Text, vars, depth)
	case "Fn::Join":
		args := m.Value
		if args.Kind != source.Array || len(args.Elems) != 2 || !args.Elems[0].IsString() || args.Elems[1].Kind != source.Array {
			return "", false
		}
		var parts []string
		for _, p := range args.Elems[1].Elems {
			s, ok := r.value(p, depth+1)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, args.Elems[0].Text), true
	}
	return "", false
}

// refDefault is the Default a !Ref to a template parameter copies, when
// it is a string and not a secret: the place to fix the value.
func (b *builder) refDefault(n *source.Node) *source.Node {
	if !isIntrinsic(n) || n.Members[0].Key != "Ref" || !n.Members[0].Value.IsString() || b.secret {
		return nil
	}
	p, ok := b.params[n.Members[0].Value.Text]
	if !ok || p.def == nil || p.noEcho || p.def.Kind != source.String {
		return nil
	}
	return p.def
}

// name resolves a !Ref or ${Name}: a !Sub variable, a template parameter
// with a Default, or a pseudo parameter.
func (r *resolver) name(name string, vars *source.Node, depth int) (string, bool) {
	if vars != nil {
		if v := vars.Get(name); v != nil {
			return r.value(v, depth+1)
		}
	}
	if p, ok := r.b.params[name]; ok {
		if p.def == nil {
			return "", false
		}
		if p.noEcho || r.b.secret {
			r.note(fmt.Sprintf("parameter %s's Default", name))
		} else {
			r.note(fmt.Sprintf("parameter %s's Default '%s'", name, p.def.Text))
		}
		return p.def.Text, true
	}
	if v, ok := pseudo[name]; ok {
		r.note(fmt.Sprintf("%s taken as '%s'", name, v))
		return v, true
	}
	return "", false
}

// sub expands a !Sub template: ${Name} and ${!Literal}.
func (r *resolver) sub(tmpl string, vars *source.Node, depth int) (string, bool) {
	var out strings.Builder
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			out.WriteString(tmpl)
			return out.String(), true
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			out.WriteString(tmpl)
			return out.String(), true
		}
		out.WriteString(tmpl[:i])
		name := tmpl[i+2 : i+j]
		switch {
		case strings.HasPrefix(name, "!"):
			out.WriteString("${" + name[1:] + "}")
		default:
			v, ok := r.name(strings.TrimSpace(name), vars, depth)
			if !ok {
				return "", false
			}
			out.WriteString(v)
		}
		tmpl = tmpl[i+j+1:]
	}
}

// templateNames are what intrinsic functions may name besides parameters.
type templateNames struct {
	resources, conditions, mappings map[string]bool
}

func keySet(n *source.Node) map[string]bool {
	out := map[string]bool{}
	if n != nil && n.Kind == source.Object {
		for _, m := range n.Members {
			out[m.Key] = true
		}
	}
	return out
}

// checkIntrinsics reports the intrinsic functions in a pipeline resource
// that name a parameter, resource, condition or mapping the template does
// not have: CloudFormation refuses the template for them.
func (b *builder) checkIntrinsics(res *source.Node) {
	res.Walk(func(n *source.Node) {
		if n.Kind != source.Object {
			return
		}
		if c := n.Get("Condition"); c.IsString() && n == res && !b.names.conditions[c.Text] {
			b.problem(RuleIntrinsic, c.Start, c.End, fmt.Sprintf("the resource's Condition '%s' is not in the template's Conditions", c.Text))
		}
		if !isIntrinsic(n) {
			return
		}
		m := n.Members[0]
		v := m.Value
		switch m.Key {
		case "Ref":
			if v.IsString() && !b.refable(v.Text) {
				b.problem(RuleIntrinsic, n.Start, n.End, fmt.Sprintf("!Ref %s names no parameter or resource of this template", v.Text))
			}
		case "Fn::GetAtt":
			res := ""
			if v.Kind == source.Array && len(v.Elems) > 0 && v.Elems[0].IsString() {
				res = v.Elems[0].Text
			} else if v.IsString() {
				res, _, _ = strings.Cut(v.Text, ".")
			}
			if res != "" && !b.names.resources[res] {
				b.problem(RuleIntrinsic, n.Start, n.End, fmt.Sprintf("!GetAtt names resource '%s', which this template does not have", res))
			}
		case "Fn::If":
			if v.Kind == source.Array && len(v.Elems) > 0 && v.Elems[0].IsString() && !b.names.conditions[v.Elems[0].Text] {
				b.problem(RuleIntrinsic, n.Start, n.End, fmt.Sprintf("!If names condition '%s', which is not in the template's Conditions", v.Elems[0].Text))
			}
		case "Fn::FindInMap":
			if v.Kind == source.Array && len(v.Elems) > 0 && v.Elems[0].IsString() && !b.names.mappings[v.Elems[0].Text] {
				b.problem(RuleIntrinsic, n.Start, n.End, fmt.Sprintf("!FindInMap names mapping '%s', which is not in the template's Mappings", v.Elems[0].Text))
			}
		case "Fn::Sub":
			tmpl, vars := v, (*source.Node)(nil)
			if v.Kind == source.Array && len(v.Elems) == 2 {
				tmpl, vars = v.Elems[0], v.Elems[1]
			}
			if !tmpl.IsString() {
				return
			}
			for _, name := range subVariables(tmpl.Text) {
				if vars != nil && vars.Get(name) != nil {
					continue
				}
				base, _, attr := strings.Cut(name, ".")
				if (attr && !b.names.resources[base]) || (!attr && !b.refable(name)) {
					b.problem(RuleIntrinsic, n.Start, n.End, fmt.Sprintf("!Sub variable ${%s} names no parameter or resource of this template", name))
				}
			}
		}
	})
}

// refable reports whether !Ref may name this: a parameter, a resource or a
// pseudo parameter.
func (b *builder) refable(name string) bool {
	_, param := b.params[name]
	return param || b.names.resources[name] || strings.HasPrefix(name, "AWS::")
}

// subVariables lists the ${Name} variables of a !Sub template (${!Literal}
// is text, not a variable).
func subVariables(tmpl string) []string {
	var out []string
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			return out
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return out
		}
		if name := strings.TrimSpace(tmpl[i+2 : i+j]); name != "" && !strings.HasPrefix(name, "!") {
			out = append(out, name)
		}
		tmpl = tmpl[i+j+1:]
	}
}
