// Package cfn reads the pipelines inside a CloudFormation template (JSON or
// YAML): every AWS::DataPipeline::Pipeline resource becomes one definition
// whose tree is the API form built from the resource's PipelineObjects,
// ParameterObjects and ParameterValues, with byte ranges in the template, so
// every rule and every output format works on it unchanged. What is wrong
// with the resource in CloudFormation's own terms (a misspelt property, a
// YAML number where a string is wanted, Activate that is not a boolean) is
// found here and reported by the DP9xxx rules.
package cfn

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/suggest"
	"github.com/dplint/dplint/source"
)

// ResourceType is the CloudFormation resource that holds a pipeline.
const ResourceType = "AWS::DataPipeline::Pipeline"

// The rules that report what the reader finds (rules/template.go).
const (
	RuleUnreadable = "DP9001"
	RuleProperty   = "DP9002"
	RuleStringType = "DP9003"
	RuleRefValue   = "DP9004"
	RuleActivate   = "DP9005"
	RuleDeployTime = "DP9006"
	RuleIntrinsic  = "DP9007"
)

// Mentions reports whether data names the pipeline resource type at all: a
// file that cannot be read is ours only then.
func Mentions(data []byte) bool { return bytes.Contains(data, []byte(ResourceType)) }

// Read returns one definition per pipeline resource of a template, in the
// template's order. parsed, when not nil, is the file already read as JSON
// (a JSON template keeps the JSON reader's exact positions and problems);
// otherwise data is read as YAML. ours is false for a file with no pipeline
// resource, which the caller skips like any file that is not a pipeline.
func Read(path string, data []byte, parsed *source.File) (defs []*definition.Definition, ours bool) {
	var root *source.Node
	format := "YAML"
	if parsed != nil {
		format = "JSON"
		if parsed.Root == nil {
			if !Mentions(data) {
				return nil, false
			}
			// Broken JSON: the syntax rules report it, as for any file.
			return []*definition.Definition{{Name: path, File: parsed, Form: definition.API,
				Embedded: &definition.Embedding{Format: "CloudFormation"}}}, true
		}
		root = parsed.Root
	} else {
		tree, err := yamlTree(data)
		if err != nil {
			if !Mentions(data) {
				return nil, false
			}
			start, end, msg := yamlErrorSpan(data, err)
			emb := &definition.Embedding{Format: "CloudFormation", Problems: []definition.Problem{{
				Rule: RuleUnreadable, Fatal: true, Start: start, End: end,
				Message: "the template cannot be read as YAML: " + msg}}}
			return []*definition.Definition{{Name: path, File: source.NewFile(path, data, nil), Form: definition.API, Embedded: emb}}, true
		}
		root = tree
		source.Link(root)
	}
	resources := root.Get("Resources")
	if resources == nil || resources.Kind != source.Object {
		return nil, false
	}
	t := &reader{path: path, data: data, format: format, params: readParameters(root.Get("Parameters")),
		names: &templateNames{resources: keySet(resources), conditions: keySet(root.Get("Conditions")), mappings: keySet(root.Get("Mappings"))}}
	t.conds = newConditions(root.Get("Conditions"), t.params)
	var spans [][2]int
	for _, m := range resources.Members {
		res := m.Value
		if res.Kind != source.Object || !res.Get("Type").IsString() || res.Get("Type").Text != ResourceType {
			continue
		}
		defs = append(defs, t.pipeline(m))
		spans = append(spans, [2]int{m.KeyStart, res.End})
	}
	if len(defs) == 0 {
		return nil, false
	}
	if parsed != nil {
		// The JSON reader's problems (comments, trailing commas, repeated
		// keys) go with the pipeline they sit in; the rest with the first,
		// so each is reported once.
		for _, p := range parsed.Problems {
			i := 0
			for j, s := range spans {
				if p.Start >= s[0] && p.Start < s[1] {
					i = j
				}
			}
			defs[i].File.Problems = append(defs[i].File.Problems, p)
		}
		for _, d := range defs {
			for _, w := range d.Embedded.Worlds[min(1, len(d.Embedded.Worlds)):] {
				w.Def.File.Problems = d.File.Problems // the same text in every world
			}
		}
	}
	return defs, true
}

// reader is what every pipeline resource of a template shares.
type reader struct {
	path, format string
	data         []byte
	params       map[string]*param
	names        *templateNames
	conds        *conditions
}

// pipeline reads one pipeline resource. When its !If functions depend on
// conditions the template leaves open (at most maxConditions), it is built
// once per choice of their values: the first world (every open condition
// false) is the definition returned, and all of them are its Worlds.
func (t *reader) pipeline(m *source.Member) *definition.Definition {
	open := t.conds.openConditions(m.Value, t.names.conditions)
	if len(open) > maxConditions {
		open = nil // past the bound: those !If parts stay unchecked (DP9006)
	}
	var worlds []definition.World
	for mask := 0; mask < 1<<len(open); mask++ {
		choice := map[string]bool{}
		for i, c := range open {
			choice[c] = mask&(1<<i) != 0
		}
		d, ex := t.build(m, open, choice)
		worlds = append(worlds, definition.World{Def: d, Choice: choice, Excluded: ex})
	}
	first := worlds[0].Def
	if len(worlds) > 1 {
		first.Embedded.Worlds = worlds
	}
	return first
}

// build reads a pipeline resource for one choice of the open conditions.
func (t *reader) build(m *source.Member, open []string, choice map[string]bool) (*definition.Definition, []definition.Excluded) {
	openSet := map[string]bool{}
	for _, c := range open {
		openSet[c] = true
	}
	// The built tree has about a node for each of the resource's (a field's
	// mapping, key and value each make one): the map is made at that size
	// rather than grown through a dozen rehashes.
	size := 0
	m.Value.Walk(func(*source.Node) { size++ })
	b := &builder{data: t.data, format: t.format, params: t.params, names: t.names, logical: m.Key, conds: t.conds, open: openSet, choice: choice,
		unknown: map[*source.Node]string{}, origins: make(map[*source.Node]*source.Node, size), partial: map[string]bool{}}
	apiRoot := b.resource(m)
	b.object = ""
	b.checkIntrinsics(m.Value)
	f := source.NewFile(t.path, t.data, apiRoot)
	onlyCopies(b.resolved)
	emb := &definition.Embedding{Format: "CloudFormation", Resource: m.Key,
		Anchor:   &source.Node{Kind: source.String, Start: m.KeyStart, End: m.KeyEnd, Text: m.Key, Map: source.OpaqueText},
		Problems: b.problems, Resolved: b.resolved, Incomplete: b.incomplete, Origins: b.origins, Partial: b.partial}
	return definition.ReadEmbedded(t.path+"#"+m.Key, f, emb, b.unknown), b.excluded
}

// onlyCopies keeps a resolved value's From only where no other value of
// the pipeline copies the same Default: fixes of two uses could want two
// different texts there, and --fix would go back and forth between them.
func onlyCopies(res []definition.Resolved) {
	n := map[*source.Node]int{}
	for _, r := range res {
		if r.From != nil {
			n[r.From]++
		}
	}
	for i := range res {
		if res[i].From != nil && n[res[i].From] > 1 {
			res[i].From = nil
		}
	}
}

// param is a template parameter, for resolving !Ref and ${Name}.
type param struct {
	def    *source.Node // Default, or nil
	noEcho bool
}

func readParameters(n *source.Node) map[string]*param {
	out := map[string]*param{}
	if n == nil || n.Kind != source.Object {
		return out
	}
	for _, m := range n.Members {
		p := &param{}
		if d := m.Value.Get("Default"); d != nil && (d.Kind == source.String || d.Kind == source.Number || d.Kind == source.Bool) {
			p.def = d
		}
		if ne := m.Value.Get("NoEcho"); ne != nil && strings.EqualFold(ne.Text, "true") {
			p.noEcho = true
		}
		out[m.Key] = p
	}
	return out
}

// builder turns one pipeline resource into the API-form tree.
type builder struct {
	arena      source.Arena
	data       []byte
	format     string // "JSON" or "YAML": how the template is written
	params     map[string]*param
	names      *templateNames
	logical    string
	paramID    string // the parameter object being read
	secret     bool   // the value being read must never be shown
	object     string // the pipeline object being read, for placing problems
	problems   []definition.Problem
	resolved   []definition.Resolved
	unknown    map[*source.Node]string
	origins    map[*source.Node]*source.Node // built node -> the template's node it stands for
	incomplete bool
	fieldsOf   string          // the object whose Fields are being read
	partial    map[string]bool // objects with fields built at deploy time
	// conditions: the template's, the open ones this build decides, their
	// values in this world, and the branches it leaves out
	conds    *conditions
	anchor   [2]int // the id of the object whose Fields are being read
	open     map[string]bool
	choice   map[string]bool
	excluded []definition.Excluded
}

// branch decides an !If: the side the parameters' defaults settle (noted,
// so findings inside it say so), or the side this world takes for an open
// condition (the other side is left out of the world). removed is set when
// the side taken is AWS::NoValue. ok is false when n is no !If this build
// decides (another intrinsic, a condition past the bound).
func (b *builder) branch(n *source.Node) (taken *source.Node, removed, ok bool) {
	for depth := 0; depth < 16; depth++ {
		cond, then, els, isIf := ifParts(n)
		if !isIf || !b.names.conditions[cond] {
			return n, false, depth > 0
		}
		value, known := b.conds.eval(cond)
		if !known && !b.open[cond] {
			return n, false, depth > 0
		}
		if !known {
			value = b.choice[cond]
		}
		take, other := then, els
		if !value {
			take, other = els, then
		}
		if known {
			note := fmt.Sprintf("condition %s is %t with %s", cond, value, b.conds.why(cond))
			b.resolved = append(b.resolved, definition.Resolved{Start: take.Start, End: take.End, Note: note})
			if b.fieldsOf != "" {
				// What the object lacks for it is reported on its id.
				b.resolved = append(b.resolved, definition.Resolved{Start: b.anchor[0], End: b.anchor[1], Note: note})
			}
		} else {
			b.excluded = append(b.excluded, definition.Excluded{Start: other.Start, End: other.End, Condition: cond})
		}
		if isNoValue(take) {
			return nil, true, true
		}
		n = take
	}
	return n, false, false
}

func (b *builder) problem(rule string, start, end int, msg string) *definition.Problem {
	b.problems = append(b.problems, definition.Problem{Rule: rule, Start: start, End: end, Object: b.object, Message: msg})
	return &b.problems[len(b.problems)-1]
}

// node makes a node of the built tree in place of orig.
func (b *builder) node(kind source.Kind, orig *source.Node) *source.Node {
	n := b.arena.Node(kind, orig.Start, orig.End)
	b.origins[n] = orig
	return n
}

func (b *builder) member(key string, m *source.Member, v *source.Node) *source.Member {
	return b.arena.Member(key, m.KeyStart, m.KeyEnd, v)
}

var (
	pipelineProps  = []string{"Name", "Description", "Activate", "ParameterObjects", "ParameterValues", "PipelineObjects", "PipelineTags"}
	objectProps    = []string{"Id", "Name", "Fields"}
	fieldProps     = []string{"Key", "StringValue", "RefValue"}
	paramProps     = []string{"Id", "Attributes"}
	attributeProps = []string{"Key", "StringValue"}
	valueProps     = []string{"Id", "StringValue"}
	tagProps       = []string{"Key", "Value"}
)

// checkKeys reports the properties of a mapping that CloudFormation does
// not know, with the closest known one.
func (b *builder) checkKeys(n *source.Node, known []string, where string) {
	for _, m := range n.Members {
		if contains(known, m.Key) {
			continue
		}
		msg := fmt.Sprintf("unknown property '%s' in %s", m.Key, where)
		if where == "the pipeline" && m.Key == "PipelineId" {
			msg = "'PipelineId' is set by CloudFormation, not in a template"
		} else if s := suggest.Closest(m.Key, known); s != "" {
			msg += fmt.Sprintf(" (did you mean '%s'?)", s)
		}
		b.problem(RuleProperty, m.KeyStart, m.KeyEnd, msg)
	}
}

// required reports a missing required property at the mapping's first key
// (or the mapping itself), unless a misspelling of it is there: checkKeys
// has reported that, and one mistake is one finding.
func (b *builder) required(n *source.Node, key, where string) {
	for _, m := range n.Members {
		if m.Key != key && suggest.Closest(m.Key, []string{key}) == key {
			return
		}
	}
	start, end := n.Start, n.Start+1
	if len(n.Members) > 0 {
		start, end = n.Members[0].KeyStart, n.Members[0].KeyEnd
	}
	b.problem(RuleProperty, start, end, fmt.Sprintf("%s has no '%s'; CloudFormation requires it", where, key))
}

func (b *builder) resource(rm *source.Member) *source.Node {
	res := rm.Value
	root := &source.Node{Kind: source.Object, Start: res.Start, End: res.End}
	b.origins[root] = res
	b.properties(root, rm)
	if root.Member("pipelineObjects") == nil {
		// Every API-form definition has the list; without PipelineObjects
		// it is empty and placed at the logical id.
		objects := &source.Node{Kind: source.Array, Start: rm.KeyStart, End: rm.KeyEnd}
		root.Members = append([]*source.Member{{Key: "pipelineObjects", KeyStart: rm.KeyStart, KeyEnd: rm.KeyEnd, Value: objects}}, root.Members...)
	}
	return root
}

// properties reads the resource's Properties into root.
func (b *builder) properties(root *source.Node, rm *source.Member) {
	props := rm.Value.Member("Properties")
	switch {
	case props == nil:
		b.problem(RuleProperty, rm.KeyStart, rm.KeyEnd, fmt.Sprintf("pipeline resource %s has no Properties; CloudFormation requires 'Name'", rm.Key))
		return
	case isIntrinsic(props.Value):
		b.deployTime(props.Value, "Properties")
		return
	case props.Value.Kind != source.Object:
		b.problem(RuleProperty, props.Value.Start, props.Value.End, fmt.Sprintf("Properties must be a mapping; found %s", props.Value.Describe()))
		return
	}
	p := props.Value
	b.checkKeys(p, pipelineProps, "the pipeline")
	if p.Member("Name") == nil {
		b.problem(RuleProperty, props.KeyStart, props.KeyEnd, "the pipeline has no 'Name'; CloudFormation requires it")
	} else {
		b.str(p.Member("Name"))
	}
	if m := p.Member("Description"); m != nil {
		b.str(m)
	}
	if m := p.Member("Activate"); m != nil {
		b.activate(m.Value)
	}
	if m := p.Member("PipelineTags"); m != nil {
		b.tags(m)
	}
	if m := p.Member("PipelineObjects"); m != nil {
		b.nested(root, m, "pipelineObjects", b.pipelineObject)
		b.object = ""
	}
	if m := p.Member("ParameterObjects"); m != nil {
		b.nested(root, m, "parameterObjects", b.parameterObject)
	}
	if m := p.Member("ParameterValues"); m != nil {
		b.nested(root, m, "parameterValues", func(e *source.Node) *source.Node {
			return b.entry(e, valueProps, "a parameter value", "Id", "id", "StringValue")
		})
	}
}

// nested adds to out the list apiKey built from the entries of the list
// property m (entries build returns nil for are left out).
func (b *builder) nested(out *source.Node, m *source.Member, apiKey string, build func(*source.Node) *source.Node) {
	list := b.node(source.Array, m.Value)
	entries := b.list(m)
	list.Elems = b.arena.Elems(len(entries))[:0]
	for _, e := range entries {
		if n := build(e); n != nil {
			list.Elems = append(list.Elems, n)
		}
	}
	out.Members = append(out.Members, b.member(apiKey, m, list))
}

// list returns the entries of a list property. An intrinsic function in
// its place, or in place of one entry, builds that part at deploy time.
func (b *builder) list(m *source.Member) []*source.Node {
	what := m.Key
	v := m.Value
	if taken, removed, ok := b.branch(v); ok {
		if removed {
			return nil
		}
		v = taken
	}
	switch {
	case isIntrinsic(v):
		b.deployTime(v, what)
		return nil
	case v.Kind != source.Array:
		b.problem(RuleProperty, v.Start, v.End, fmt.Sprintf("'%s' must be a list; found %s", what, v.Describe()))
		return nil
	}
	var out []*source.Node
	for _, e := range v.Elems {
		if taken, removed, ok := b.branch(e); ok {
			if removed {
				continue
			}
			e = taken
		}
		if isIntrinsic(e) {
			b.deployTime(e, "an entry of "+what)
			continue
		}
		out = append(out, e)
	}
	return out
}

// deployTime notes a part of the pipeline that CloudFormation builds at
// deploy time: dplint cannot check it, and the rest is incomplete.
func (b *builder) deployTime(n *source.Node, what string) {
	b.incomplete = true
	if b.fieldsOf != "" {
		b.partial[b.fieldsOf] = true // an Fn::If among its Fields, say
	}
	if cond, _, _, ok := ifParts(n); ok && b.names.conditions[cond] {
		b.problem(RuleDeployTime, n.Start, n.End, fmt.Sprintf("%s is !If on condition %s: this pipeline leaves more than %d conditions to the deploy, too many to check each branch; not checked",
			what, cond, maxConditions))
		return
	}
	b.problem(RuleDeployTime, n.Start, n.End, fmt.Sprintf("%s is %s, known only at deploy time: not checked", what, describe(n)))
}

func (b *builder) pipelineObject(n *source.Node) *source.Node {
	b.object = ""
	if n.Kind != source.Object {
		b.problem(RuleProperty, n.Start, n.End, fmt.Sprintf("a PipelineObjects entry must be a mapping; found %s", n.Describe()))
		return nil
	}
	idm := n.Member("Id")
	if idm != nil && idm.Value.Kind == source.String {
		b.object = idm.Value.Text
	}
	b.checkKeys(n, objectProps, "a pipeline object")
	out := b.node(source.Object, n)
	var id *source.Node
	if idm == nil {
		b.required(n, "Id", "the pipeline object")
	} else if id = b.str(idm); id != nil {
		out.Members = append(out.Members, b.member("id", idm, id))
		if b.unknown[id] != "" {
			b.incomplete = true // references to it cannot be followed
		}
	}
	where := "the pipeline object"
	if b.object != "" {
		where = fmt.Sprintf("pipeline object '%s'", b.object)
	}
	if nm := n.Member("Name"); nm == nil {
		b.required(n, "Name", where)
		if id != nil {
			// The API needs a name too; the id stands in, so the
			// missing Name is reported once, here.
			name := b.node(source.String, idm.Value)
			name.Text, name.Map, name.TextStart = id.Text, id.Map, id.TextStart
			out.Members = append(out.Members, b.member("name", idm, name))
		}
	} else if name := b.str(nm); name != nil {
		out.Members = append(out.Members, b.member("name", nm, name))
	}
	fm := n.Member("Fields")
	if fm == nil {
		b.required(n, "Fields", where)
		return out
	}
	if id != nil {
		b.fieldsOf = id.Text
		b.anchor = [2]int{id.Start, id.End}
	}
	b.nested(out, fm, "fields", b.field)
	b.fieldsOf = ""
	return out
}

// field reads {Key, StringValue | RefValue}.
func (b *builder) field(n *source.Node) *source.Node {
	if n.Kind != source.Object {
		b.problem(RuleProperty, n.Start, n.End, fmt.Sprintf("a Fields entry must be a mapping; found %s", n.Describe()))
		return nil
	}
	before := len(b.problems)
	b.checkKeys(n, fieldProps, "a field")
	// A misspelt property drops the field: findings that it is missing
	// fold into the misspelling (definition.Problem.Leaves).
	leaves := func(key string) {
		for i := before; i < len(b.problems); i++ {
			b.problems[i].Leaves = key
		}
	}
	km := n.Member("Key")
	if km == nil {
		for _, m := range n.Members {
			if !contains(fieldProps, m.Key) && suggest.Closest(m.Key, fieldProps) == "Key" && m.Value.IsString() {
				leaves(m.Value.Text) // `Kye: terminateAfter`
			}
		}
		b.required(n, "Key", "the field")
		return nil
	}
	sv, rv := n.Member("StringValue"), n.Member("RefValue")
	switch {
	case sv != nil && rv != nil:
		b.problem(RuleProperty, rv.KeyStart, rv.KeyEnd, "a field has both 'StringValue' and 'RefValue'; give one")
		return nil
	case sv == nil && rv == nil:
		if len(n.Members) > 1 {
			if km.Value.IsString() {
				leaves(km.Value.Text)
			}
			return nil // a misspelt value property: reported by checkKeys
		}
		b.problem(RuleProperty, km.KeyStart, km.KeyEnd, "the field has neither 'StringValue' nor 'RefValue'")
		return nil
	}
	key := b.str(km)
	if key == nil {
		return nil
	}
	out := b.node(source.Object, n)
	out.Members = append(b.arena.Members(2)[:0], b.member("key", km, key)) // key and value
	// The value of a *field is a secret: messages never show it.
	b.secret = definition.SecretField(key.Text)
	defer func() { b.secret = false }()
	if sv != nil {
		if v := b.str(sv); v != nil {
			out.Members = append(out.Members, b.member("stringValue", sv, v))
			return out
		}
		return nil
	}
	if isIntrinsic(rv.Value) {
		if _, _, ok := b.resolve(rv.Value); !ok {
			b.problem(RuleRefValue, rv.Value.Start, rv.Value.End, fmt.Sprintf(
				"'RefValue' is %s, known only at deploy time; a reference names an object id of this pipeline, which dplint cannot check", describe(rv.Value)))
			b.incomplete = true
		}
	}
	if v := b.str(rv); v != nil {
		out.Members = append(out.Members, b.member("refValue", rv, v))
		return out
	}
	return nil
}

func (b *builder) parameterObject(n *source.Node) *source.Node {
	if n.Kind != source.Object {
		b.problem(RuleProperty, n.Start, n.End, fmt.Sprintf("a ParameterObjects entry must be a mapping; found %s", n.Describe()))
		return nil
	}
	b.checkKeys(n, paramProps, "a parameter object")
	idm := n.Member("Id")
	if idm == nil {
		b.required(n, "Id", "the parameter object")
		return nil
	}
	out := b.node(source.Object, n)
	if id := b.str(idm); id != nil {
		out.Members = append(out.Members, b.member("id", idm, id))
		b.paramID = id.Text
		defer func() { b.paramID = "" }()
	}
	am := n.Member("Attributes")
	if am == nil {
		b.required(n, "Attributes", "the parameter object")
		empty := b.node(source.Array, n)
		out.Members = append(out.Members, b.member("attributes", idm, empty))
		return out
	}
	b.nested(out, am, "attributes", func(e *source.Node) *source.Node {
		return b.entry(e, attributeProps, "an attribute", "Key", "key", "StringValue")
	})
	return out
}

// entry reads a two-property mapping (an attribute {Key, StringValue} or a
// parameter value {Id, StringValue}) into its API form.
func (b *builder) entry(n *source.Node, known []string, what, idProp, apiID, valueProp string) *source.Node {
	if n.Kind != source.Object {
		b.problem(RuleProperty, n.Start, n.End, fmt.Sprintf("%s must be a mapping; found %s", what, n.Describe()))
		return nil
	}
	b.checkKeys(n, known, what)
	im, vm := n.Member(idProp), n.Member(valueProp)
	for _, req := range []struct {
		m   *source.Member
		key string
	}{{im, idProp}, {vm, valueProp}} {
		if req.m == nil {
			before := len(b.problems)
			b.required(n, req.key, strings.Replace(what, "an ", "the ", 1))
			if what == "a parameter value" && len(b.problems) > before {
				b.problems[len(b.problems)-1].Message = fmt.Sprintf("the parameter value has no '%s'; CloudFormation requires it", req.key)
			}
			return nil
		}
	}
	id := b.str(im)
	// A masked parameter's value (its own, or its default) is a secret.
	b.secret = id != nil && (strings.HasPrefix(id.Text, "*") || strings.HasPrefix(b.paramID, "*") && id.Text == "default")
	v := b.str(vm)
	b.secret = false
	if id == nil || v == nil {
		return nil
	}
	out := b.node(source.Object, n)
	out.Members = append(out.Members, b.member(apiID, im, id), b.member("stringValue", vm, v))
	return out
}

// activate checks Activate: a boolean, or the strings "true" and "false"
// that CloudFormation converts.
func (b *builder) activate(v *source.Node) {
	switch {
	case isIntrinsic(v), v.Kind == source.Bool:
		return
	case v.Kind == source.String && (strings.EqualFold(v.Text, "true") || strings.EqualFold(v.Text, "false")):
		return
	}
	what := v.Describe()
	if v.Kind == source.String || v.Kind == source.Number {
		what = fmt.Sprintf("'%s'", v.Text)
	}
	b.problem(RuleActivate, v.Start, v.End, fmt.Sprintf("'Activate' must be true or false; found %s", what))
}

// tags checks PipelineTags against the API's limits: at most 10 tags, keys
// of 1 to 128 characters, values of up to 256.
func (b *builder) tags(m *source.Member) {
	entries := b.list(m)
	if len(entries) > 10 {
		b.problem(RuleProperty, m.KeyStart, m.KeyEnd, fmt.Sprintf("'PipelineTags' has %d tags; a pipeline can have at most 10", len(entries)))
	}
	for _, e := range entries {
		if e.Kind != source.Object {
			b.problem(RuleProperty, e.Start, e.End, fmt.Sprintf("a PipelineTags entry must be a mapping; found %s", e.Describe()))
			continue
		}
		b.checkKeys(e, tagProps, "a tag")
		for _, lim := range []struct {
			key      string
			min, max int
		}{{"Key", 1, 128}, {"Value", 0, 256}} {
			km := e.Member(lim.key)
			if km == nil {
				b.required(e, lim.key, "the tag")
				continue
			}
			v := b.str(km)
			if v == nil || b.unknown[v] != "" {
				continue
			}
			if n := len([]rune(v.Text)); n < lim.min || n > lim.max {
				b.problem(RuleProperty, km.Value.Start, km.Value.End, fmt.Sprintf("a tag's '%s' must be %d to %d characters long; this one has %d", lim.key, lim.min, lim.max, n))
			}
		}
	}
}

// str reads a property CloudFormation wants as a string and returns its
// node in the built tree: the string itself, a number or boolean taken as
// its text (reported: quote it), or an intrinsic function, resolved when
// it can be and otherwise a value known only at deploy time. nil when the
// value cannot stand for a string at all.
func (b *builder) str(m *source.Member) *source.Node {
	v := m.Value
	switch {
	case v.Kind == source.String:
		out := b.node(source.String, v)
		out.Text, out.Map, out.TextStart = v.Text, v.Map, v.TextStart
		return out
	case v.Kind == source.Number || v.Kind == source.Bool:
		raw := string(b.data[v.Start:v.End])
		kind := map[source.Kind]string{source.Number: "number", source.Bool: "boolean"}[v.Kind]
		shown := raw
		if b.secret {
			shown = "****"
		}
		p := b.problem(RuleStringType, v.Start, v.End, fmt.Sprintf("'%s' is a %s %s (%s); CloudFormation wants a string: quote it", m.Key, b.format, kind, shown))
		if !b.secret {
			// A fix would print the value: a secret gets the advice only.
			p.Fix = &definition.Fix{Message: "quote the value", NewText: `"` + raw + `"`}
		}
		out := b.node(source.String, v)
		out.Text, out.Map, out.TextStart = raw, source.VerbatimText, v.Start
		return out
	case isIntrinsic(v):
		if taken, removed, ok := b.branch(v); ok && !removed {
			return b.str(&source.Member{Key: m.Key, KeyStart: m.KeyStart, KeyEnd: m.KeyEnd, Value: taken})
		}
		out := b.node(source.String, v)
		out.Map = source.OpaqueText
		if text, note, ok := b.resolve(v); ok {
			out.Text = text
			b.resolved = append(b.resolved, definition.Resolved{Start: v.Start, End: v.End, Note: note, Written: deployTimeText(v), From: b.refDefault(v)})
			return out
		}
		out.Text = deployTimeText(v)
		b.unknown[out] = describe(v)
		return out
	}
	if v.Kind == source.Null && v.Start == v.End {
		// Nothing after the key: `StringValue: #{x}` in YAML is a key
		// with no value and a comment, a mistake easy to miss.
		p := m.KeyEnd
		for p < len(b.data) && (b.data[p] == ':' || b.data[p] == ' ' || b.data[p] == '\t') {
			p++
		}
		if p+1 < len(b.data) && b.data[p] == '#' && b.data[p+1] == '{' {
			end := lineEnd(b.data, p)
			b.problem(RuleProperty, p, end, fmt.Sprintf("'%s' is empty: in YAML a '#' after a space starts a comment, so #{...} must be quoted", m.Key))
			return nil
		}
	}
	b.problem(RuleProperty, v.Start, v.End, fmt.Sprintf("'%s' must be a string; found %s", m.Key, v.Describe()))
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
