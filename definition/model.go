// Package definition is the pipeline model: objects, their fields and
// values, parameters and parameter values, each tied to its place in the
// source. Readers build it from the CLI file form, the API form and
// companion parameter/value files; Translate turns it into what the AWS CLI
// sends to the service.
package definition

import "github.com/dplint/dplint/source"

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
	Pointer          string // pointer of the field's value node (CLI) or first field entry (API)
	Values           []*Value
	// List is true when the CLI form gives the values as a JSON array.
	List bool
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

// Secrets returns the byte ranges of values that must never be shown: the
// values of *-prefixed fields (such as *password) and of masked (*my…)
// parameters, their defaults included.
func (d *Definition) Secrets() [][2]int {
	var out [][2]int
	add := func(v *Value) {
		if v != nil && v.Node != nil && v.Kind != Invalid {
			out = append(out, [2]int{v.Node.Start, v.Node.End})
		}
	}
	for _, o := range d.Objects {
		for _, f := range o.Fields {
			if len(f.Key) > 1 && f.Key[0] == '*' {
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
