package remote

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline/types"
	smithyjson "github.com/aws/smithy-go/encoding/json"

	"github.com/dplint/dplint/internal/ojson"
)

// Request is a definition as ValidatePipelineDefinition takes it. A nil
// list is left out of the request, an empty one is sent as [].
type Request struct {
	PipelineObjects  []types.PipelineObject
	ParameterObjects []types.ParameterObject
	ParameterValues  []types.ParameterValue
	// Version is dplint's version, for the scratch pipeline's dplint:version
	// tag ("unknown" when empty). It is not sent with the definition.
	Version string
}

// FromDefinition converts the API form that definition.ToAPI returns
// (pipelineObjects, parameterObjects, parameterValues) into SDK types,
// exactly: each field keeps its place (repeated keys included), stringValue
// and refValue stay what they are, a list present but empty stays empty. It
// fails, naming the place, on what the AWS CLI would refuse to send: a
// value that is not a string, a missing required member, an unknown key.
func FromDefinition(api ojson.Object) (Request, error) {
	var r Request
	for _, m := range api {
		list, ok := asList(m.Value)
		if !ok {
			return Request{}, fmt.Errorf("invalid type for parameter %s: want a list", m.Key)
		}
		var err error
		switch m.Key {
		case "pipelineObjects":
			r.PipelineObjects, err = pipelineObjects(list)
		case "parameterObjects":
			r.ParameterObjects, err = parameterObjects(list)
		case "parameterValues":
			r.ParameterValues, err = parameterValues(list)
		default:
			err = fmt.Errorf("unknown parameter %q, must be one of: pipelineObjects, parameterObjects, parameterValues", m.Key)
		}
		if err != nil {
			return Request{}, err
		}
	}
	return r, nil
}

func pipelineObjects(list []any) ([]types.PipelineObject, error) {
	out := make([]types.PipelineObject, 0, len(list))
	for i, v := range list {
		path := fmt.Sprintf("pipelineObjects[%d]", i)
		m, err := members(path, v, "id", "name", "fields")
		if err != nil {
			return nil, err
		}
		var o types.PipelineObject
		if o.Id, err = str(path, m, "id", true); err != nil {
			return nil, err
		}
		if o.Name, err = str(path, m, "name", true); err != nil {
			return nil, err
		}
		fields, err := sub(path, m, "fields")
		if err != nil {
			return nil, err
		}
		o.Fields = make([]types.Field, 0, len(fields))
		for j, f := range fields {
			fpath := fmt.Sprintf("%s.fields[%d]", path, j)
			fm, err := members(fpath, f, "key", "stringValue", "refValue")
			if err != nil {
				return nil, err
			}
			var field types.Field
			if field.Key, err = str(fpath, fm, "key", true); err != nil {
				return nil, err
			}
			if field.StringValue, err = str(fpath, fm, "stringValue", false); err != nil {
				return nil, err
			}
			if field.RefValue, err = str(fpath, fm, "refValue", false); err != nil {
				return nil, err
			}
			o.Fields = append(o.Fields, field)
		}
		out = append(out, o)
	}
	return out, nil
}

func parameterObjects(list []any) ([]types.ParameterObject, error) {
	out := make([]types.ParameterObject, 0, len(list))
	for i, v := range list {
		path := fmt.Sprintf("parameterObjects[%d]", i)
		m, err := members(path, v, "id", "attributes")
		if err != nil {
			return nil, err
		}
		var p types.ParameterObject
		if p.Id, err = str(path, m, "id", true); err != nil {
			return nil, err
		}
		attrs, err := sub(path, m, "attributes")
		if err != nil {
			return nil, err
		}
		p.Attributes = make([]types.ParameterAttribute, 0, len(attrs))
		for j, a := range attrs {
			apath := fmt.Sprintf("%s.attributes[%d]", path, j)
			am, err := members(apath, a, "key", "stringValue")
			if err != nil {
				return nil, err
			}
			var attr types.ParameterAttribute
			if attr.Key, err = str(apath, am, "key", true); err != nil {
				return nil, err
			}
			if attr.StringValue, err = str(apath, am, "stringValue", true); err != nil {
				return nil, err
			}
			p.Attributes = append(p.Attributes, attr)
		}
		out = append(out, p)
	}
	return out, nil
}

func parameterValues(list []any) ([]types.ParameterValue, error) {
	out := make([]types.ParameterValue, 0, len(list))
	for i, v := range list {
		path := fmt.Sprintf("parameterValues[%d]", i)
		m, err := members(path, v, "id", "stringValue")
		if err != nil {
			return nil, err
		}
		var pv types.ParameterValue
		if pv.Id, err = str(path, m, "id", true); err != nil {
			return nil, err
		}
		if pv.StringValue, err = str(path, m, "stringValue", true); err != nil {
			return nil, err
		}
		out = append(out, pv)
	}
	return out, nil
}

func asList(v any) ([]any, bool) {
	switch v := v.(type) {
	case []any:
		return v, true
	case []ojson.Object:
		list := make([]any, len(v))
		for i := range v {
			list[i] = v[i]
		}
		return list, true
	}
	return nil, false
}

// members checks that v is an object with only the allowed keys and
// returns its members (a repeated key keeps its last value, as in Python).
func members(path string, v any, allowed ...string) (map[string]any, error) {
	o, ok := v.(ojson.Object)
	if !ok {
		return nil, fmt.Errorf("invalid type for parameter %s: want an object, got %s", path, describe(v))
	}
	m := make(map[string]any, len(o))
	for _, mem := range o {
		known := false
		for _, a := range allowed {
			known = known || mem.Key == a
		}
		if !known {
			return nil, fmt.Errorf("unknown parameter in %s: %q, must be one of: %s", path, mem.Key, strings.Join(allowed, ", "))
		}
		m[mem.Key] = mem.Value
	}
	return m, nil
}

func str(path string, m map[string]any, key string, required bool) (*string, error) {
	v, ok := m[key]
	if !ok {
		if required {
			return nil, fmt.Errorf("missing required parameter in %s: %q", path, key)
		}
		return nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("invalid type for parameter %s.%s: want a string, got %s", path, key, describe(v))
	}
	return aws.String(s), nil
}

func sub(path string, m map[string]any, key string) ([]any, error) {
	v, ok := m[key]
	if !ok {
		return nil, fmt.Errorf("missing required parameter in %s: %q", path, key)
	}
	list, ok := asList(v)
	if !ok {
		return nil, fmt.Errorf("invalid type for parameter %s.%s: want a list, got %s", path, key, describe(v))
	}
	return list, nil
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case ojson.Raw:
		return string(v)
	case ojson.Object:
		return "an object"
	case []any, []ojson.Object, []string:
		return "a list"
	case string:
		return "a string"
	}
	return fmt.Sprintf("%T", v)
}

// Input is the ValidatePipelineDefinition request for a pipeline.
func (r Request) Input(pipelineID string) *datapipeline.ValidatePipelineDefinitionInput {
	return &datapipeline.ValidatePipelineDefinitionInput{
		PipelineId:       aws.String(pipelineID),
		PipelineObjects:  r.PipelineObjects,
		ParameterObjects: r.ParameterObjects,
		ParameterValues:  r.ParameterValues,
	}
}

// Canonical is the request body the SDK sends, without the pipelineId
// member: compact JSON, members in the SDK's (alphabetical) order. The
// same definition always gives the same bytes, however its file was laid
// out.
func (r Request) Canonical() []byte {
	enc := smithyjson.NewEncoder()
	obj := enc.Value.Object()
	if r.ParameterObjects != nil {
		arr := obj.Key("parameterObjects").Array()
		for _, p := range r.ParameterObjects {
			po := arr.Value().Object()
			if p.Attributes != nil {
				aa := po.Key("attributes").Array()
				for _, a := range p.Attributes {
					ao := aa.Value().Object()
					optString(ao, "key", a.Key)
					optString(ao, "stringValue", a.StringValue)
					ao.Close()
				}
				aa.Close()
			}
			optString(po, "id", p.Id)
			po.Close()
		}
		arr.Close()
	}
	if r.ParameterValues != nil {
		arr := obj.Key("parameterValues").Array()
		for _, v := range r.ParameterValues {
			vo := arr.Value().Object()
			optString(vo, "id", v.Id)
			optString(vo, "stringValue", v.StringValue)
			vo.Close()
		}
		arr.Close()
	}
	if r.PipelineObjects != nil {
		arr := obj.Key("pipelineObjects").Array()
		for _, o := range r.PipelineObjects {
			oo := arr.Value().Object()
			if o.Fields != nil {
				fa := oo.Key("fields").Array()
				for _, f := range o.Fields {
					fo := fa.Value().Object()
					optString(fo, "key", f.Key)
					optString(fo, "refValue", f.RefValue)
					optString(fo, "stringValue", f.StringValue)
					fo.Close()
				}
				fa.Close()
			}
			optString(oo, "id", o.Id)
			optString(oo, "name", o.Name)
			oo.Close()
		}
		arr.Close()
	}
	obj.Close()
	return enc.Bytes()
}

func optString(o *smithyjson.Object, key string, v *string) {
	if v != nil {
		o.Key(key).String(*v)
	}
}

// Sum is the hex SHA-256 of Canonical.
func (r Request) Sum() string {
	sum := sha256.Sum256(r.Canonical())
	return hex.EncodeToString(sum[:])
}

// UniqueID is the scratch pipeline's uniqueId: "dplint-" and the first 32
// hex digits of Sum, so a retried CreatePipeline finds the pipeline its
// lost first attempt made instead of making another.
func (r Request) UniqueID() string { return "dplint-" + r.Sum()[:32] }

// ScratchName is the scratch pipeline's name: "dplint-scratch-" and the
// first 8 hex digits of Sum.
func (r Request) ScratchName() string { return "dplint-scratch-" + r.Sum()[:8] }
