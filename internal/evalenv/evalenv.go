// Package evalenv resolves expression names against a definition for one
// scheduled run: parameters (values, --param, defaults), the object's own
// and inherited fields (evaluated in turn when they hold expressions),
// runtime fields that are known before a run (@scheduledStartTime, @id),
// and reference slots followed by a field (input.directoryPath). What
// cannot be known offline resolves to "unknown", never to a guess.
package evalenv

import (
	"strconv"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
)

// Mask is what a masked (*my…) parameter evaluates to: its value never
// leaves dplint.
const Mask = "****"

// maxDepth bounds fields that evaluate fields that evaluate fields.
const maxDepth = 16

// Env resolves names for one object.
type Env struct {
	G      *graph.Graph
	Cat    *catalog.Catalog
	Object *definition.Object // nil: only parameters and @ fields
	// At is the scheduled start time of the run.
	At time.Time
	// Params are extra values (--param id=value, repeatable for arrays);
	// they win over the definition's values, which win over defaults.
	Params map[string][]string
	// OnlyParams makes Params replace the file's values block, as the AWS
	// CLI's --parameter-values does (defaults still apply).
	OnlyParams bool
	// Run holds the runtime fields of one instance beyond At
	// (@scheduledEndTime, @actualStartTime, @status, ...): dplint serve's
	// instances know them; offline they are unknown.
	Run map[string]expr.Value
	// Node is the object `node.` names: the instance whose event (a
	// failure, a success, lateness) runs an action. Nil offline.
	Node *definition.Object
	// Reveal gives secret fields and *-parameters their values instead of
	// Mask: only for what the service itself hands a task runner, which
	// needs them to do the work.
	Reveal bool
	depth  int
}

// Resolve implements expr.Env.
func (e *Env) Resolve(name []string) (expr.Value, bool) {
	if len(name) == 0 {
		return expr.Value{}, false
	}
	first := name[0]
	if len(name) == 1 {
		if v, ok := e.param(first); ok {
			return v, true
		}
		return e.field(e.Object, first)
	}
	cur, path := e.Object, name[:len(name)-1]
	if first == "node" {
		// node: the object whose event runs this one, known only at run time.
		cur, path = e.Node, path[1:]
	}
	if cur == nil {
		return expr.Value{}, false
	}
	for _, part := range path {
		f, _ := e.G.Lookup(cur, part)
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Ref {
			return expr.Value{}, false
		}
		next := e.G.Object(f.Values[0].Text)
		if next == nil {
			return expr.Value{}, false
		}
		cur = next
	}
	return e.field(cur, name[len(name)-1])
}

// param resolves a parameter by id (myX or *myX).
func (e *Env) param(id string) (expr.Value, bool) {
	var decl *definition.Parameter
	for _, p := range e.G.Def.Parameters {
		if p.ID == id || strings.TrimPrefix(p.ID, "*") == strings.TrimPrefix(id, "*") {
			decl = p
			break
		}
	}
	var values []string
	if v, ok := e.Params[id]; ok {
		values = v
	} else if decl != nil {
		if v, ok := e.Params[decl.ID]; ok {
			values = v
		}
	}
	if values == nil && !e.OnlyParams {
		for _, v := range e.G.Def.Values {
			if v.ID == id || (decl != nil && v.ID == decl.ID) {
				if v.Value.Kind == definition.Str {
					values = append(values, v.Value.Text)
				}
			}
		}
	}
	if values == nil && decl != nil {
		for _, a := range decl.Attributes {
			if a.Key == "default" {
				for _, v := range a.Values {
					values = append(values, v.Text)
				}
			}
		}
	}
	if values == nil {
		return expr.Value{}, false
	}
	if !e.Reveal && (strings.HasPrefix(id, "*") || (decl != nil && strings.HasPrefix(decl.ID, "*"))) {
		masked := make([]string, len(values)) // values may be the caller's Params
		for i := range masked {
			masked[i] = Mask
		}
		values = masked
	}
	typ := ""
	isArray := false
	if decl != nil {
		for _, a := range decl.Attributes {
			if len(a.Values) == 0 {
				continue
			}
			switch a.Key {
			case "type":
				typ = strings.ToLower(a.Values[0].Text)
			case "isArray":
				isArray = strings.EqualFold(a.Values[0].Text, "true")
			}
		}
	}
	conv := func(s string) expr.Value {
		switch typ {
		case "integer":
			if i, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				return expr.IntValue(i)
			}
		case "double":
			if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
				return expr.DoubleValue(f)
			}
		}
		return expr.StringValue(s)
	}
	if isArray || len(values) > 1 {
		items := make([]expr.Value, len(values))
		for i, s := range values {
			items[i] = conv(s)
		}
		return expr.ListValue(items...), true
	}
	return conv(values[0]), true
}

// field resolves a field of an object: runtime fields known before a run,
// or its effective value, evaluated when it holds expressions.
func (e *Env) field(o *definition.Object, key string) (expr.Value, bool) {
	switch key {
	case "@scheduledStartTime":
		if v, ok := e.Run[key]; ok {
			return v, true
		}
		if !e.At.IsZero() {
			return expr.DateTimeValue(e.At), true
		}
		return expr.Value{}, false
	case "@id", "id":
		if o != nil {
			return expr.StringValue(o.ID), true
		}
	case "name":
		if o != nil {
			return expr.StringValue(o.Name), true
		}
	}
	if strings.HasPrefix(key, "@") {
		if v, ok := e.Run[key]; ok && (o == e.Object || o == e.Node) {
			return v, true
		}
		return expr.Value{}, false // the other runtime fields exist only while the pipeline runs
	}
	if o == nil {
		return expr.Value{}, false
	}
	f, _ := e.G.Lookup(o, key)
	if f == nil || len(f.Values) == 0 {
		return expr.Value{}, false
	}
	if definition.SecretField(key) && !e.Reveal {
		return expr.StringValue(Mask), true // an encrypted field's value never leaves dplint
	}
	var kind catalog.Kind
	if t := e.Cat.Type(e.G.Type(o)); t != nil {
		if sf := t.Field(key); sf != nil {
			kind = sf.Kind
		}
	}
	items := make([]expr.Value, 0, len(f.Values))
	for _, v := range f.Values {
		val, ok := e.value(o, v, kind)
		if !ok {
			return expr.Value{}, false
		}
		items = append(items, val)
	}
	if len(items) == 1 && !f.List {
		return items[0], true
	}
	return expr.ListValue(items...), true
}

func (e *Env) value(o *definition.Object, v *definition.Value, kind catalog.Kind) (expr.Value, bool) {
	if v.Kind == definition.Ref {
		return expr.Value{Type: expr.TypeObject, Object: v.Text}, true
	}
	text := v.Text
	if expr.HasExpr(text) {
		if e.depth >= maxDepth {
			return expr.Value{}, false
		}
		t, errs := expr.ParseTemplate(text)
		if len(errs) > 0 {
			return expr.Value{}, false
		}
		inner := *e
		inner.Object, inner.depth = o, e.depth+1
		s, err := expr.EvalTemplate(t, &inner)
		if err != nil {
			return expr.Value{}, false
		}
		text = s
	}
	switch kind {
	case catalog.KindDateTime:
		if t, err := time.Parse(expr.DateTimeLayout, text); err == nil {
			return expr.DateTimeValue(t), true
		}
	case catalog.KindInteger:
		if i, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err == nil {
			return expr.IntValue(i), true
		}
	case catalog.KindDouble:
		if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil {
			return expr.DoubleValue(f), true
		}
	case catalog.KindPeriod:
		return expr.Value{Type: expr.TypePeriod, Str: text}, true
	}
	return expr.StringValue(text), true
}
