// Package definition is the pipeline model: objects, their fields and
// values, parameters and parameter values, each tied to its place in the
// source. Readers build it from the CLI file form, the API form and
// companion parameter/value files; Translate turns it into what the AWS CLI
// sends to the service.
package definition

import (
	"fmt"

	"github.com/dplint/dplint/source"
)

// Form is the shape a file was written in.
type Form int

// The forms dplint reads.
const (
	// NotOurs is any JSON that is not a pipeline definition.
	NotOurs Form = iota
	// CLI is the file given to `aws datapipeline put-pipeline-definition`.
	CLI
	// API is the wire form: pipelineObjects with fields of key+stringValue/refValue.
	API
	// Hybrid is "objects" whose entries carry API-style "fields" arrays.
	Hybrid
	// Companion holds only parameters and/or values.
	Companion
	// CloudFormation is a template holding AWS::DataPipeline::Pipeline
	// resources, each one definition (whose own Form is API).
	CloudFormation
	// Terraform is a configuration holding
	// aws_datapipeline_pipeline_definition resources.
	Terraform
)

func (f Form) String() string {
	switch f {
	case CLI:
		return "cli"
	case API:
		return "api"
	case Hybrid:
		return "objects-with-fields"
	case Companion:
		return "companion"
	case CloudFormation:
		return "cloudformation"
	case Terraform:
		return "terraform"
	}
	return "not a definition"
}

// Definition is one pipeline definition.
type Definition struct {
	Name       string // display name: the path (later path#LogicalId)
	File       *source.File
	Form       Form
	Objects    []*Object
	Parameters []*Parameter
	Values     []*ParamValue
	// ObjectsKey is the member holding the objects list ("objects" or
	// "pipelineObjects"), the anchor for findings with no natural place.
	ObjectsKey *source.Member
	// ValuesKey is the member holding parameter values ("values" or
	// "parameterValues"), nil when the file gives none.
	ValuesKey *source.Member
	// Embedded is set when the definition was read out of another file (a
	// CloudFormation template, a Terraform configuration); nil otherwise.
	Embedded *Embedding
	// ParametersFrom, when set, is the file the parameter objects were read
	// from in place of the definition's own (UseParameters). Its nodes lie
	// at ParametersBase and beyond in this definition's byte offsets.
	ParametersFrom *source.File
	ParametersBase int
	// ValuesGiven, when not nil, are parameter values given outside the
	// file (lint --values, --param): ToAPI sends them in place of its own,
	// as the AWS CLI's --parameter-values-uri does.
	ValuesGiven map[string][]string
}

// Embedding describes a definition read out of a CloudFormation
// AWS::DataPipeline::Pipeline resource or a Terraform
// aws_datapipeline_pipeline_definition. Its File.Root is the API form
// (pipelineObjects, parameterObjects, parameterValues) built from the
// resource, every node's byte range pointing into the file as written, so
// every rule reads it as it reads an API-form file. What is wrong with the
// resource in its own format's terms is in Problems, found by the reader.
type Embedding struct {
	Format   string // "CloudFormation" or "Terraform"
	Resource string // the logical id, or the resource's name
	// Anchor is the resource's node: where findings about the pipeline as
	// a whole go.
	Anchor   *source.Node
	Problems []Problem
	// Resolved are values dplint worked out from the file (a template
	// parameter's default) rather than read as written; findings inside
	// one say so.
	Resolved []Resolved
	// Incomplete is set when part of the pipeline is built only at deploy
	// or plan time (an intrinsic function in place of a list or an object, a
	// Terraform dynamic block, an id known only then): checks that need
	// every object, such as a reference to an id not found, stay quiet.
	Incomplete bool
	// Partial names the objects some of whose fields are built only at
	// deploy time (an Fn::If among their Fields): what they lack may be
	// there once the template is deployed.
	Partial map[string]bool
	// Pointers maps nodes of the built tree to their JSON Pointer in the
	// file as written (output shows these, not the built tree's); Origins
	// maps them to the file's own nodes, whose pointer is worked out only
	// for a finding (a reader sets one or the other).
	Pointers map[*source.Node]string
	Origins  map[*source.Node]*source.Node
	// Worlds are set when the pipeline depends on conditions the template
	// leaves open (an !If whose condition the parameters' defaults do not
	// settle): the pipeline built once for each choice of their values,
	// this definition first. A finding is reported when it holds in every
	// world that has its place.
	Worlds []World
}

// WorldsOf returns the worlds of an embedded definition (nil when it has
// none, or is not embedded).
func (e *Embedding) WorldsOf() []World {
	if e == nil {
		return nil
	}
	return e.Worlds
}

// World is the pipeline for one choice of the open conditions' values.
type World struct {
	Def    *Definition
	Choice map[string]bool
	// Excluded are the byte ranges of the branches this world leaves out.
	Excluded []Excluded
}

// Excluded is a branch of an !If on Condition that a world does not take.
type Excluded struct {
	Start, End int
	Condition  string
}

// Has reports whether the place at off is part of the world's pipeline.
func (w World) Has(off int) bool {
	for _, e := range w.Excluded {
		if off >= e.Start && off < e.End {
			return false
		}
	}
	return true
}

// Problem is something wrong with the resource itself, in its format's
// terms (a misspelt property, a number where a string is wanted).
type Problem struct {
	Rule       string // the rule id that reports it
	Start, End int
	Object     string // the pipeline object it belongs to, if any
	Message    string
	// Leaves is the field the mistake leaves unset (a misspelt value
	// property drops the field): what says it is missing is folded into it.
	Leaves string
	// Fatal is set when the reader could not read the file at all (a YAML
	// or HCL syntax error): there is no pipeline to check or translate.
	Fatal bool
	// Fix, when set, replaces Start..End with NewText.
	Fix *Fix
}

// Fix is one text edit that repairs a problem.
type Fix struct {
	Message string
	NewText string
}

// Resolved is a value dplint worked out from the file: Note says from where,
// Written is the placeholder text that stands for it when the pipeline is
// translated out of the file (${Name} for a !Ref, a !Sub's template).
type Resolved struct {
	Start, End int
	Note       string
	Written    string // how the value is written, for AsWritten; "" keeps it
	// From is the literal the value is a copy of, when it is one as
	// written (a !Ref to a template parameter's string Default, not a
	// NoEcho one): a fix of the value is made there.
	From *source.Node
}

// Unreadable is the reader's problem that kept it from reading an embedded
// definition's file, or nil.
func (d *Definition) Unreadable() *Problem {
	if d.Embedded == nil {
		return nil
	}
	for i := range d.Embedded.Problems {
		if p := &d.Embedded.Problems[i]; p.Fatal {
			return p
		}
	}
	return nil
}

// AsWritten puts back, in an embedded definition, the placeholder text of
// every value dplint resolved for checking, so a translation out of the
// template does not bake in a parameter's default.
func (d *Definition) AsWritten() {
	if d.Embedded == nil || len(d.Embedded.Resolved) == 0 {
		return
	}
	d.EachValue(func(v *Value) {
		for _, r := range d.Embedded.Resolved {
			if r.Written != "" && v.Node.Start == r.Start && v.Node.End == r.End {
				v.Text, v.Node.Text = r.Written, r.Written
			}
		}
	})
}

// EachValue calls fn for every value with a node: fields' values, then
// parameters' attributes, then parameter values.
func (d *Definition) EachValue(fn func(*Value)) {
	call := func(v *Value) {
		if v != nil && v.Node != nil {
			fn(v)
		}
	}
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			for _, v := range f.Values {
				call(v)
			}
		}
	}
	for _, p := range d.Parameters {
		for _, a := range p.Attributes {
			for _, v := range a.Values {
				call(v)
			}
		}
	}
	for _, v := range d.Values {
		call(v.Value)
	}
}

// Object is one pipeline object.
type Object struct {
	ID     string
	Name   string // the name sent: the id when the file gives none
	Node   *source.Node
	IDNode *source.Node // nil when the object has no id
	// NameNode is nil when the name defaults to the id.
	NameNode *source.Node
	Fields   []*Field // in order of first appearance
	// seq is the object's place in the Objects of the definition Read made
	// it for (Definition.IndexOf).
	seq int
}

// IndexOf is o's place in d.Objects, found without a search when d was
// read with o in it (the rules ask it of every field); ok is false when
// that is not so, and the caller searches.
func (d *Definition) IndexOf(o *Object) (i int, ok bool) {
	if o.seq < len(d.Objects) && d.Objects[o.seq] == o {
		return o.seq, true
	}
	return 0, false
}

// Field is one key of an object with all its values (a list in the CLI form,
// repeated keys in the API form). When a CLI-form object repeats a key, the
// field takes its place in the order from the first occurrence and its
// key position and values from the last, the one the AWS CLI keeps.
type Field struct {
	Key string
	// KeyStart/KeyEnd cover the key text in the file: the member key in the
	// CLI form, the "key" string in the API form.
	KeyStart, KeyEnd int
	// At is the node the field's JSON Pointer names: its value node (CLI)
	// or its first field entry (API). The pointer is made only when asked.
	At     *source.Node
	Values []*Value
	// List is true when the CLI form gives the values as a JSON array.
	List bool
}

// Pointer is the JSON Pointer of the field (see At), "" when it has none.
func (f *Field) Pointer() string {
	if f.At == nil {
		return ""
	}
	return f.At.Pointer()
}

// ValueKind tells a string from a reference.
type ValueKind int

// Value kinds.
const (
	// Str is a stringValue.
	Str ValueKind = iota + 1
	// Ref is a refValue ({"ref": "Id"} in the CLI form).
	Ref
	// Invalid is neither: a number, boolean, null, array or other object.
	// The AWS CLI passes it on and the SDK then refuses the call.
	Invalid
)

// Value is one value of a field.
type Value struct {
	Kind ValueKind
	Text string // the string or the referenced id
	// Node is the node that holds the text (the string, or the ref's id
	// string); for Invalid values, the offending node.
	Node *source.Node
	// Whole is the full value node ({"ref": "x"} in the CLI form, the field
	// entry in the API form).
	Whole *source.Node
	// Unknown, when set, says the value is known only at deploy time (a
	// CloudFormation intrinsic function, a Terraform expression) and how it
	// is written; its Text then holds "${...}", which every check skips.
	Unknown string
}

// Parameter is one parameter object: an id and attributes (type,
// description, default, ...).
type Parameter struct {
	ID         string
	Node       *source.Node
	IDNode     *source.Node
	Attributes []*Field
}

// ParamValue is one value given for a parameter.
type ParamValue struct {
	ID    string
	Value *Value
	// IDNode is the id string in the API form; nil in the CLI form, where
	// the id is the key of the "values" object (KeyStart/KeyEnd).
	IDNode *source.Node
	// KeyStart/KeyEnd cover the parameter id as written.
	KeyStart, KeyEnd int
}

// SecretField says whether a field's value must never be shown: a
// *-prefixed field (the service encrypts it), or one whose name ends in
// "password" in any case (a plain password field, or myDbPassword), which
// holds a secret whether or not its author marked it.
func SecretField(key string) bool {
	return len(key) > 1 && key[0] == '*' || len(key) >= len("password") && IndexFold(key[len(key)-len("password"):], "password") == 0
}

// IndexFold is the index of lower (ASCII lower-case letters and other
// ASCII) in s, ignoring the case of s's ASCII letters, or -1. For such a
// word it answers as strings.Index(strings.ToLower(s), lower) would (no
// other character lower-cases to an ASCII letter in "password", "my" or
// the like), without making the lower-case copy: rules ask it of every
// field's key.
func IndexFold(s, lower string) int {
	for i := 0; i+len(lower) <= len(s); i++ {
		j := 0
		for ; j < len(lower); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[j] {
				break
			}
		}
		if j == len(lower) {
			return i
		}
	}
	return -1
}

// Secrets returns the byte ranges of values that must never be shown (the
// text, without quotes): the values of secret fields (SecretField) and of
// masked (*my…) parameters, their defaults included.
func (d *Definition) Secrets() [][2]int {
	var out [][2]int
	add := func(v *Value) {
		if v != nil && v.Node != nil && v.Kind != Invalid {
			a, z := v.Node.TextSpan()
			out = append(out, [2]int{a, z})
		}
	}
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			if SecretField(f.Key) {
				for _, v := range f.Values {
					add(v)
				}
			}
		}
	}
	for _, p := range d.Parameters {
		if len(p.ID) > 1 && p.ID[0] == '*' {
			for _, a := range p.Attributes {
				if a.Key == "default" {
					for _, v := range a.Values {
						add(v)
					}
				}
			}
		}
	}
	for _, v := range d.Values {
		if len(v.ID) > 1 && v.ID[0] == '*' {
			add(v.Value)
		}
	}
	return out
}

// Field returns the object's field with key, or nil.
func (o *Object) Field(key string) *Field {
	for _, f := range o.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// Type is the object's own "type" value, or "".
func (o *Object) Type() string {
	if f := o.Field("type"); f != nil && len(f.Values) > 0 && f.Values[0].Kind == Str {
		return f.Values[0].Text
	}
	return ""
}

// Anchor returns the node to place a finding about the object as a whole:
// its id, else the object itself.
func (o *Object) Anchor() *source.Node {
	if o.IDNode != nil {
		return o.IDNode
	}
	return o.Node
}

// ReadEmbedded builds the model of a definition read out of another file:
// f.Root is the API-form tree the reader built, unknown maps the string
// nodes whose value is known only at deploy time to how they are written.
func ReadEmbedded(name string, f *source.File, e *Embedding, unknown map[*source.Node]string) *Definition {
	d := Read(name, f)
	d.Form = API
	d.Embedded = e
	d.EachValue(func(v *Value) {
		if u, ok := unknown[v.Node]; ok {
			v.Unknown = u
		}
	})
	return d
}

// CheckRanges reports the first byte range of a definition that does not
// lie inside content, the file it was read from: values (and, for text
// that maps byte for byte, that the bytes are the text) and an embedded
// reader's problems. Readers' fuzz tests call it on whatever they read.
func (d *Definition) CheckRanges(content []byte) error {
	size := len(content)
	var err error
	d.EachValue(func(v *Value) {
		n := v.Node
		switch {
		case err != nil:
		case n.Start < 0 || n.Start > n.End || n.End > size:
			err = fmt.Errorf("value %q at %d..%d of a %d-byte file", v.Text, n.Start, n.End, size)
		case n.Map == source.VerbatimText && (n.TextStart < n.Start || n.TextStart+len(n.Text) > n.End || string(content[n.TextStart:n.TextStart+len(n.Text)]) != n.Text):
			err = fmt.Errorf("value %q said to be verbatim at %d is not", n.Text, n.TextStart)
		}
	})
	if d.Embedded != nil {
		for _, p := range d.Embedded.Problems {
			if err == nil && (p.Start < 0 || p.Start > p.End || p.End > size) {
				err = fmt.Errorf("problem %q at %d..%d of a %d-byte file", p.Message, p.Start, p.End, size)
			}
		}
	}
	return err
}
