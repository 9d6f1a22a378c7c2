// Package terraform reads the Data Pipeline definitions held in Terraform
// configuration files (HCL native syntax): every
// aws_datapipeline_pipeline_definition resource becomes one definition whose
// tree is the API form (pipelineObjects, parameterObjects, parameterValues),
// each node's byte range pointing into the .tf file as written, so every
// rule reads it as it reads an API-form JSON file.
//
// Values Terraform knows only when it plans or applies (variables,
// references to other resources, function calls) are kept as "${...}"
// text and marked unknown; what is wrong with the resource in Terraform's
// own terms (a misspelt argument, a missing one) is reported as a Problem.
package terraform

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

// ResourceType is the Terraform resource that holds a pipeline definition.
const ResourceType = "aws_datapipeline_pipeline_definition"

// The rules the reader's problems are reported under.
const (
	ruleUnreadable = "DP9001" // the file is not valid HCL
	ruleSchema     = "DP9002" // the resource does not fit the provider's schema
	ruleUnknownRef = "DP9004" // a ref_value known only at apply time
	ruleDynamic    = "DP9006" // content built by a dynamic block
)

// Mentions reports whether data names ResourceType at all: a cheap check
// that decides whether a file that fails to parse is a pipeline file.
func Mentions(data []byte) bool {
	return bytes.Contains(data, []byte(ResourceType))
}

// Read returns one definition per aws_datapipeline_pipeline_definition
// resource block in the file, in source order. ours is false when the file
// has no such resource (defs is then nil): the caller skips it like any
// file that is not a pipeline. A file that names the resource but is not
// valid HCL gives one definition with no tree and the parser's errors as
// problems.
func Read(path string, data []byte) (defs []*definition.Definition, ours bool) {
	if !Mentions(data) {
		return nil, false
	}
	body, problems := parse(path, data)
	if body == nil {
		if len(problems) == 0 { // defensive: the parser failed without saying why
			problems = []definition.Problem{{Rule: ruleUnreadable, Fatal: true, Message: "the Terraform file cannot be read"}}
		}
		return []*definition.Definition{unreadable(path, data, problems)}, true
	}
	for _, b := range body.Blocks {
		if b.Type == "resource" && len(b.Labels) > 0 && b.Labels[0] == ResourceType {
			defs = append(defs, readResource(path, data, b))
		}
	}
	return defs, len(defs) > 0
}

// maxParseErrors caps the parser's errors reported for one file: past the
// first few they mostly follow from those, and garbage gives one a line.
const maxParseErrors = 10

// parse parses data as HCL native syntax. It returns a nil body and the
// problems when the file cannot be read.
func parse(path string, data []byte) (body *hclsyntax.Body, problems []definition.Problem) {
	// A file plainly shallow is not lexed twice (the parser lexes it too).
	if !plainlyShallow(data) {
		if rng, deep := tooDeep(path, data); deep {
			start, end := span(data, rng)
			return nil, []definition.Problem{{Rule: ruleUnreadable, Fatal: true, Start: start, End: end,
				Message: fmt.Sprintf("the Terraform file cannot be read: it nests deeper than %d levels", maxDepth)}}
		}
	}
	defer func() {
		// The guard above keeps the parser's recursion bounded; this keeps
		// any other failure of the library on hostile input a finding.
		if r := recover(); r != nil {
			body = nil
			problems = []definition.Problem{{Rule: ruleUnreadable, Fatal: true,
				Message: fmt.Sprintf("the Terraform file cannot be read: the HCL parser failed: %v", r)}}
		}
	}()
	f, diags := hclsyntax.ParseConfig(data, path, hcl.InitialPos)
	for _, d := range diags {
		if d.Severity != hcl.DiagError || len(problems) == maxParseErrors {
			continue
		}
		p := definition.Problem{Rule: ruleUnreadable, Fatal: true, Message: "the Terraform file cannot be read: " + d.Summary}
		if d.Detail != "" {
			p.Message += ": " + d.Detail
		}
		if d.Subject != nil {
			p.Start, p.End = span(data, *d.Subject)
		} else if d.Context != nil {
			p.Start, p.End = span(data, *d.Context)
		}
		problems = append(problems, p)
	}
	if diags.HasErrors() || f == nil {
		return nil, problems
	}
	body, _ = f.Body.(*hclsyntax.Body)
	if body == nil {
		return nil, problems
	}
	return body, nil
}

// unreadable is the definition of a file that names the resource but does
// not parse: no tree, just the problems, anchored at the first mention. It
// is named by the path alone, as a broken template or definition file is:
// which pipelines it holds is not known.
func unreadable(path string, data []byte, problems []definition.Problem) *definition.Definition {
	at := bytes.Index(data, []byte(ResourceType))
	anchor := &source.Node{Kind: source.String, Start: at, End: at + len(ResourceType), Text: ResourceType,
		Map: source.VerbatimText, TextStart: at}
	return &definition.Definition{
		Name: path,
		File: source.NewFile(path, data, nil),
		Form: definition.API,
		Embedded: &definition.Embedding{
			Format:   "Terraform",
			Resource: ResourceType,
			Anchor:   anchor,
			Problems: problems,
			Pointers: map[*source.Node]string{anchor: ""},
		},
	}
}

// reader builds the tree of one resource block.
type reader struct {
	data     []byte
	problems []definition.Problem
	pointers map[*source.Node]string
	unknown  map[*source.Node]string
}

func readResource(path string, data []byte, b *hclsyntax.Block) *definition.Definition {
	r := &reader{data: data, pointers: map[*source.Node]string{}, unknown: map[*source.Node]string{}}
	label := ""
	if len(b.Labels) > 1 {
		label = b.Labels[1]
	}
	base := "/resource/" + source.PointerToken(ResourceType) + "/" + source.PointerToken(label)
	hs, he := span(data, b.DefRange())
	switch {
	case len(b.Labels) < 2:
		r.problem(ruleSchema, hs, he, "", fmt.Sprintf("the resource has no name label; Terraform requires resource %q \"NAME\"", ResourceType))
	case len(b.Labels) > 2:
		s, e := span(data, b.LabelRanges[2])
		r.problem(ruleSchema, s, e, "", fmt.Sprintf("extraneous label '%s' on the resource; Terraform takes a type and a name", b.Labels[2]))
	}

	// The anchor is the name label ("default"), or the header without one.
	anchor := &source.Node{Kind: source.String, Start: hs, End: he, Text: label, Map: source.OpaqueText}
	if len(b.LabelRanges) > 1 {
		anchor = r.labelNode(b.Labels[1], b.LabelRanges[1])
	}
	r.pointers[anchor] = base

	body := r.checkBody(b, resourceSchema, "", hs, he)
	root := r.object(b.Range())
	r.pointers[root] = base

	// pipelineObjects is always there, as in every API-form definition;
	// the parameter lists only when the resource has such blocks.
	if r.nested(root, b, body, "pipeline_object", "pipelineObjects", hs, he, base, true, r.pipelineObject) == 0 &&
		!body.dynamic["pipeline_object"] && !body.meant["pipeline_object"] {
		r.problem(ruleSchema, hs, he, "", ResourceType+" has no pipeline_object block; Terraform requires at least one")
	}
	r.nested(root, b, body, "parameter_object", "parameterObjects", hs, he, base, false, r.parameterObject)
	r.nested(root, b, body, "parameter_value", "parameterValues", hs, he, base, false, r.parameterValue)

	slices.SortStableFunc(r.problems, func(a, b definition.Problem) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	resource := ResourceType
	if len(b.Labels) > 1 {
		resource += "." + label
	}
	emb := &definition.Embedding{
		Format:   "Terraform",
		Resource: resource,
		Anchor:   anchor,
		Problems: r.problems,
		Pointers: r.pointers,
	}
	// A dynamic block or a reference known only at apply time hides
	// objects or links: checks that need every object stay quiet.
	for _, p := range r.problems {
		if p.Rule == ruleDynamic || p.Rule == ruleUnknownRef {
			emb.Incomplete = true
		}
	}
	file := source.NewFile(path, data, root)
	d := definition.ReadEmbedded(path+"#"+resource, file, emb, r.unknown)
	for _, o := range d.Objects {
		if o.IDNode != nil && r.unknown[o.IDNode] != "" {
			emb.Incomplete = true // references to it cannot be followed
		}
	}
	return d
}

// pipelineObject builds {"id", "name", "fields": [...]} from a
// pipeline_object block.
func (r *reader) pipelineObject(b *hclsyntax.Block, ptr string) *source.Node {
	id := r.literal(b.Body.Attributes["id"])
	ts, te := span(r.data, b.TypeRange)
	body := r.checkBody(b, objectSchema, id, ts, te)
	obj := r.object(b.Range())
	r.pointers[obj] = ptr
	for _, a := range body.attrs {
		if a.Name == "id" || a.Name == "name" {
			r.member(obj, a.Name, a, ptr, id)
		}
	}
	if idAttr := b.Body.Attributes["id"]; b.Body.Attributes["name"] == nil && idAttr != nil {
		// The API needs a name too: the id stands in, so the missing
		// argument is reported once, in Terraform's terms.
		r.member(obj, "name", idAttr, ptr, id)
	}
	// "fields" is always there: the API requires the list.
	r.nested(obj, b, body, "field", "fields", ts, te, ptr, true, func(fb *hclsyntax.Block, fptr string) *source.Node {
		return r.field(fb, fptr, id)
	})
	sortMembers(obj)
	return obj
}

// field builds {"key", "stringValue" | "refValue"} from a field block. A
// field with both values or neither is left out (nil), as in a
// CloudFormation template: the problem here says why in Terraform terms,
// and rules about the pipeline see the field as missing.
func (r *reader) field(b *hclsyntax.Block, ptr, objID string) *source.Node {
	ts, te := span(r.data, b.TypeRange)
	body := r.checkBody(b, fieldSchema, objID, ts, te)
	obj := r.object(b.Range())
	r.pointers[obj] = ptr
	var str, ref *hclsyntax.Attribute
	for _, a := range body.attrs {
		switch a.Name {
		case "key":
			r.member(obj, "key", a, ptr, objID)
		case "string_value":
			if !isNull(a.Expr) {
				str = a
			}
			r.member(obj, "stringValue", a, ptr, objID)
		case "ref_value":
			if !isNull(a.Expr) {
				ref = a
			}
			if n := r.member(obj, "refValue", a, ptr, objID); n != nil && r.unknown[n] != "" {
				r.problem(ruleUnknownRef, n.Start, n.End, objID, fmt.Sprintf(
					"ref_value is an expression (%s) known only at apply time; a reference must name an object id of this pipeline, which dplint cannot check",
					brief(r.unknown[n])))
			}
		}
	}
	what := "field"
	if k := r.literal(b.Body.Attributes["key"]); k != "" {
		what = fmt.Sprintf("field '%s'", k)
	}
	switch {
	case str != nil && ref != nil:
		// At the second of the two, the one that makes the pair.
		second := ref
		if ref.NameRange.Start.Byte < str.NameRange.Start.Byte {
			second = str
		}
		s, e := span(r.data, second.NameRange)
		r.problem(ruleSchema, s, e, objID, what+" has both string_value and ref_value; Data Pipeline takes one or the other")
		return nil
	case str == nil && ref == nil:
		if !body.meant["string_value"] && !body.meant["ref_value"] {
			r.problem(ruleSchema, ts, te, objID, what+" has neither string_value nor ref_value; give one of them")
		}
		return nil
	}
	sortMembers(obj)
	return obj
}

// parameterObject builds {"id", "attributes": [{"key", "stringValue"}]}.
func (r *reader) parameterObject(b *hclsyntax.Block, ptr string) *source.Node {
	ts, te := span(r.data, b.TypeRange)
	body := r.checkBody(b, parameterSchema, "", ts, te)
	obj := r.object(b.Range())
	r.pointers[obj] = ptr
	for _, a := range body.attrs {
		if a.Name == "id" {
			r.member(obj, "id", a, ptr, "")
		}
	}
	r.nested(obj, b, body, "attribute", "attributes", ts, te, ptr, true, r.attribute)
	sortMembers(obj)
	return obj
}

// attribute builds {"key", "stringValue"} from an attribute block.
func (r *reader) attribute(b *hclsyntax.Block, ptr string) *source.Node {
	ts, te := span(r.data, b.TypeRange)
	body := r.checkBody(b, attributeSchema, "", ts, te)
	entry := r.object(b.Range())
	r.pointers[entry] = ptr
	for _, a := range body.attrs {
		switch a.Name {
		case "key":
			r.member(entry, "key", a, ptr, "")
		case "string_value":
			r.member(entry, "stringValue", a, ptr, "")
		}
	}
	sortMembers(entry)
	return entry
}

// parameterValue builds {"id", "stringValue"}.
func (r *reader) parameterValue(b *hclsyntax.Block, ptr string) *source.Node {
	ts, te := span(r.data, b.TypeRange)
	body := r.checkBody(b, valueSchema, "", ts, te)
	obj := r.object(b.Range())
	r.pointers[obj] = ptr
	for _, a := range body.attrs {
		switch a.Name {
		case "id":
			r.member(obj, "id", a, ptr, "")
		case "string_value":
			r.member(obj, "stringValue", a, ptr, "")
		}
	}
	sortMembers(obj)
	return obj
}

// checked is a block body with what the schema does not take left out.
type checked struct {
	attrs   []*hclsyntax.Attribute // known arguments, in source order
	blocks  []*hclsyntax.Block     // known nested blocks, in source order
	dynamic map[string]bool        // block types a dynamic block builds
	// meant are the arguments and blocks unknown names were taken to be
	// misspellings of: a field with "str_value" is not also told it has no
	// value, nor one with "kye" that it has no key.
	meant map[string]bool
}

// checkBody reports what in block b does not fit s: labels on a nested
// block, unknown arguments and blocks, missing required arguments (placed
// at hs..he, the block's type word or the resource header) and dynamic
// blocks, whose content it leaves out.
func (r *reader) checkBody(b *hclsyntax.Block, s *blockSchema, objID string, hs, he int) checked {
	out := checked{dynamic: map[string]bool{}, meant: map[string]bool{}}
	if s != resourceSchema {
		for i, l := range b.Labels {
			ls, le := span(r.data, b.LabelRanges[i])
			r.problem(ruleSchema, ls, le, objID, fmt.Sprintf("extraneous label '%s' on %s; the block takes none", l, s.name))
		}
	}
	for _, a := range sortedAttributes(b.Body) {
		if s.takesArg(a.Name) {
			out.attrs = append(out.attrs, a)
			continue
		}
		ns, ne := span(r.data, a.NameRange)
		msg := fmt.Sprintf("unknown argument '%s' in %s", a.Name, s.name)
		if s.takesBlock(a.Name) {
			r.problem(ruleSchema, ns, ne, objID, msg+fmt.Sprintf("; %s is a block: write %s { ... }", a.Name, a.Name))
			out.meant[a.Name] = true
			continue
		}
		sug, block := s.suggest(a.Name)
		r.misspelt(ns, ne, objID, msg, sug, block, false)
		out.meant[sug] = true
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type == "dynamic" {
			r.dynamicBlock(nb, s, objID, &out)
			continue
		}
		if s.takesBlock(nb.Type) {
			out.blocks = append(out.blocks, nb)
			continue
		}
		ts, te := span(r.data, nb.TypeRange)
		msg := fmt.Sprintf("unknown block '%s' in %s", nb.Type, s.name)
		if s.takesArg(nb.Type) {
			r.problem(ruleSchema, ts, te, objID, msg+fmt.Sprintf("; %s is an argument: write %s = ...", nb.Type, nb.Type))
			out.meant[nb.Type] = true
			continue
		}
		sug, block := s.suggest(nb.Type)
		r.misspelt(ts, te, objID, msg, sug, block, true)
		out.meant[sug] = true
	}
	// A required argument already reported as misspelt is not also missing.
	for _, a := range s.required {
		if at := b.Body.Attributes[a]; (at == nil || isNull(at.Expr)) && !out.meant[a] {
			r.problem(ruleSchema, hs, he, objID, fmt.Sprintf("%s has no '%s' argument; Terraform requires it", s.name, a))
		}
	}
	return out
}

// misspelt reports an unknown name at start..end with a did-you-mean when
// one is close; when the suggestion is of the same kind (an argument for
// an argument, a block for a block) the fix renames it.
func (r *reader) misspelt(start, end int, objID, msg, sug string, sugBlock, isBlock bool) {
	p := definition.Problem{Rule: ruleSchema, Start: start, End: end, Object: objID, Message: msg}
	switch {
	case sug == "":
	case sugBlock == isBlock:
		p.Message += fmt.Sprintf(" (did you mean '%s'?)", sug)
	case sugBlock:
		p.Message += fmt.Sprintf(" (did you mean a %s block?)", sug)
	default:
		p.Message += fmt.Sprintf(" (did you mean the argument '%s'?)", sug)
	}
	if sug != "" && sugBlock == isBlock {
		p.Fix = &definition.Fix{Message: "rename it", NewText: sug}
	}
	r.problems = append(r.problems, p)
}

// dynamicBlock handles `dynamic "TYPE" { ... }` inside a block of schema s.
func (r *reader) dynamicBlock(b *hclsyntax.Block, s *blockSchema, objID string, out *checked) {
	hs, he := span(r.data, b.DefRange())
	if len(b.Labels) != 1 {
		r.problem(ruleSchema, hs, he, objID, "a dynamic block takes one label, the type of the blocks it builds")
		return
	}
	typ := b.Labels[0]
	switch {
	case slices.Contains(s.dynamic, typ):
		out.dynamic[typ] = true
		r.problem(ruleDynamic, hs, he, objID, fmt.Sprintf("dynamic %q block: its %s are built at plan time and are not checked", typ, s.what[typ]))
	case s.takesBlock(typ):
		// lifecycle, provisioner, connection: not pipeline content.
	default:
		// The label is the block type; the fix, if any, renames it in
		// place, inside its quotes.
		ls, le := span(r.data, b.LabelRanges[0])
		sug, block := s.suggest(typ)
		if src := string(r.data[ls:le]); quoted(src) && src[1:len(src)-1] == typ {
			ls, le = ls+1, le-1
		} else if src != typ {
			block = false // no fix for a label written with escapes
		}
		r.misspelt(ls, le, objID, fmt.Sprintf("unknown block '%s' in %s", typ, s.name), sug, block, true)
	}
}

// member adds the attribute a as member key of obj, its value node's
// pointer ptr/NAME. It returns the value node, or nil when the attribute
// counts as absent (null) or is not a string.
func (r *reader) member(obj *source.Node, key string, a *hclsyntax.Attribute, ptr, objID string) *source.Node {
	n := r.value(a, objID)
	if n == nil {
		return nil
	}
	r.pointers[n] = ptr + "/" + a.Name
	ks, ke := span(r.data, a.NameRange)
	obj.Members = append(obj.Members, &source.Member{Key: key, KeyStart: ks, KeyEnd: ke, Value: n})
	return n
}

// value builds the string node of an attribute's expression: a literal as
// Terraform converts it to a string (5 is "5", true is "true"), anything
// else (variables, references, function calls) as "${...}" text recorded
// in r.unknown. It returns nil for null, which Terraform reads as the
// argument not being set, and for a value that is not a string (reported).
func (r *reader) value(a *hclsyntax.Attribute, objID string) *source.Node {
	start, end := span(r.data, a.Expr.Range())
	src := string(r.data[start:end])
	n := &source.Node{Kind: source.String, Start: start, End: end, Map: source.OpaqueText}
	v, known := constant(a.Expr)
	if !known {
		n.Text = src
		if !strings.Contains(src, "${") {
			n.Text = "${" + src + "}"
		} else if quoted(src) {
			n.Text = src[1 : len(src)-1]
		}
		r.unknown[n] = src
		return n
	}
	if v.IsNull() {
		return nil
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || !s.IsKnown() || s.IsNull() {
		r.problem(ruleSchema, start, end, objID, fmt.Sprintf("%s is %s; Terraform requires a string", a.Name, describe(v.Type())))
		return nil
	}
	n.Text = s.AsString()
	switch {
	case quoted(src) && src[1:len(src)-1] == n.Text:
		n.Map, n.TextStart = source.VerbatimText, start+1
	case src == n.Text: // a number or bool written as Terraform prints it
		n.Map, n.TextStart = source.VerbatimText, start
	}
	return n
}

// constant evaluates e when Terraform can without a plan: an expression
// with no variables and no function calls (a quoted string with only
// literal text, a number, true, null, or operators on those). known is
// false for everything else, which Terraform works out when it plans or
// applies.
func constant(e hclsyntax.Expression) (v cty.Value, known bool) {
	if len(e.Variables()) > 0 {
		return cty.NilVal, false
	}
	calls := false
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if _, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			calls = true
		}
		return nil
	})
	if calls {
		return cty.NilVal, false
	}
	defer func() {
		if recover() != nil {
			v, known = cty.NilVal, false
		}
	}()
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return v, true
}

// literal returns the string value of an attribute Terraform knows without
// a plan, or "" (for the Object of problems and for messages).
func (r *reader) literal(a *hclsyntax.Attribute) string {
	if a == nil {
		return ""
	}
	v, known := constant(a.Expr)
	if !known || v.IsNull() {
		return ""
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || !s.IsKnown() || s.IsNull() {
		return ""
	}
	return s.AsString()
}

// isNull reports whether e is the literal null (an argument set to null is
// not set at all).
func isNull(e hclsyntax.Expression) bool {
	lit, ok := e.(*hclsyntax.LiteralValueExpr)
	return ok && lit.Val.IsNull()
}

// labelNode is a string node for a block label as written.
func (r *reader) labelNode(text string, rng hcl.Range) *source.Node {
	s, e := span(r.data, rng)
	n := &source.Node{Kind: source.String, Start: s, End: e, Text: text, Map: source.OpaqueText}
	src := string(r.data[s:e])
	switch {
	case quoted(src) && src[1:len(src)-1] == text:
		n.Map, n.TextStart = source.VerbatimText, s+1
	case src == text:
		n.Map, n.TextStart = source.VerbatimText, s
	}
	return n
}

// object is an empty object node spanning rng.
func (r *reader) object(rng hcl.Range) *source.Node {
	s, e := span(r.data, rng)
	return &source.Node{Kind: source.Object, Start: s, End: e}
}

// array is the list node for blocks: from the first block to the last, or
// empty over the enclosing block when there are none.
// nested adds to obj the list apiKey built, in source order, from the
// nested blocks of type typ in b's checked body (what build returns nil
// for is left out), and returns how many such blocks there are. The list's
// key spans the first such block's type word, or hs..he when there is
// none; an empty list is added only when always is set (the API requires
// it there).
func (r *reader) nested(obj *source.Node, b *hclsyntax.Block, body checked, typ, apiKey string, hs, he int, ptr string, always bool,
	build func(nb *hclsyntax.Block, ptr string) *source.Node) int {
	var blocks []*hclsyntax.Block
	for _, nb := range body.blocks {
		if nb.Type == typ {
			blocks = append(blocks, nb)
		}
	}
	if len(blocks) == 0 && !always {
		return 0
	}
	ks, ke := hs, he
	if len(blocks) > 0 {
		ks, ke = span(r.data, blocks[0].TypeRange)
	}
	list := r.array(blocks, b.Range(), ptr+"/"+typ)
	for i, nb := range blocks {
		if n := build(nb, fmt.Sprintf("%s/%s/%d", ptr, typ, i)); n != nil {
			list.Elems = append(list.Elems, n)
		}
	}
	obj.Members = append(obj.Members, &source.Member{Key: apiKey, KeyStart: ks, KeyEnd: ke, Value: list})
	return len(blocks)
}

func (r *reader) array(blocks []*hclsyntax.Block, outer hcl.Range, ptr string) *source.Node {
	rng := outer
	if len(blocks) > 0 {
		rng = hcl.RangeBetween(blocks[0].Range(), blocks[len(blocks)-1].Range())
	}
	s, e := span(r.data, rng)
	n := &source.Node{Kind: source.Array, Start: s, End: e, Elems: []*source.Node{}}
	r.pointers[n] = ptr
	return n
}

func (r *reader) problem(rule string, start, end int, objID, msg string) {
	r.problems = append(r.problems, definition.Problem{Rule: rule, Start: start, End: end, Object: objID, Message: msg})
}

// sortedAttributes returns a body's attributes in source order (the body
// keeps them in a map).
func sortedAttributes(b *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y *hclsyntax.Attribute) int {
		if d := x.NameRange.Start.Byte - y.NameRange.Start.Byte; d != 0 {
			return d
		}
		return strings.Compare(x.Name, y.Name)
	})
	return out
}

// sortMembers puts an object's members in the order their keys appear.
func sortMembers(n *source.Node) {
	slices.SortStableFunc(n.Members, func(a, b *source.Member) int { return a.KeyStart - b.KeyStart })
}

// span converts an HCL range to byte offsets within data.
func span(data []byte, rng hcl.Range) (int, int) {
	s, e := rng.Start.Byte, rng.End.Byte
	s = max(0, min(s, len(data)))
	e = max(s, min(e, len(data)))
	return s, e
}

// quoted reports whether src is a one-line quoted string as written.
func quoted(src string) bool {
	return len(src) >= 2 && src[0] == '"' && src[len(src)-1] == '"'
}

// describe names a non-string type for a message ("a list").
func describe(t cty.Type) string {
	switch {
	case t.IsTupleType() || t.IsListType() || t.IsSetType():
		return "a list"
	case t.IsObjectType() || t.IsMapType():
		return "an object"
	}
	return "a " + t.FriendlyName()
}

// brief shortens an expression for a message: one line, at most 60
// characters.
func brief(src string) string {
	s := strings.Join(strings.Fields(src), " ")
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:59]) + "…"
	}
	return s
}
