package definition

import (
	"regexp"
	"sort"
	"sync"
)

// placeholder is a template variable: ${name}, where name is anything up
// to the closing brace (dotted names such as resources.VPC.region are
// literal keys).
var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$\{([^{}$]+)\}`) }) // compiled on first use, not at every start

// Render replaces ${name} placeholders in the model's ids, names and
// string values with vars[name], as a template renderer would before
// upload. Nodes and positions are untouched, so findings still point into
// the file as written. It returns the names used but not given, sorted.
func (d *Definition) Render(vars map[string]string) (missing []string) {
	unknown := map[string]bool{}
	sub := func(s string) string {
		if len(s) < 3 {
			return s
		}
		return placeholder().ReplaceAllStringFunc(s, func(m string) string {
			name := m[2 : len(m)-1]
			if v, ok := vars[name]; ok {
				return v
			}
			unknown[name] = true
			return m
		})
	}
	values := func(fields []*Field) {
		for _, f := range fields {
			for _, v := range f.Values {
				if v.Kind != Invalid {
					v.Text = sub(v.Text)
				}
			}
		}
	}
	for _, o := range d.Objects {
		o.ID, o.Name = sub(o.ID), sub(o.Name)
		values(o.Fields)
	}
	for _, p := range d.Parameters {
		p.ID = sub(p.ID)
		values(p.Attributes)
	}
	for _, v := range d.Values {
		v.ID = sub(v.ID)
		if v.Value.Kind != Invalid {
			v.Value.Text = sub(v.Value.Text)
		}
	}
	for name := range unknown {
		missing = append(missing, name)
	}
	sort.Strings(missing)
	return missing
}
