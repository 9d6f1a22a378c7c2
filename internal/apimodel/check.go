package apimodel

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Violation is one constraint a request breaks, in the words AWS's request
// validation uses: "Value 'x' at 'path' failed to satisfy constraint:
// Member must ...".
type Violation struct {
	Path       string // 'pipelineObjects.1.member.id': members by name, list items .N.member from 1
	Value      string // the value as the message shows it: 'text' (quoted), null, or "" for none shown
	Constraint string // "Member must not be null"
}

func (v Violation) String() string {
	if v.Value == "" {
		return fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", v.Path, v.Constraint)
	}
	return fmt.Sprintf("Value %s at '%s' failed to satisfy constraint: %s", v.Value, v.Path, v.Constraint)
}

// Message is the ValidationException message for violations: "1
// validation error detected: ...", or "N validation errors detected: a;
// b".
func Message(vs []Violation) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
	}
	noun := "errors"
	if len(vs) == 1 {
		noun = "error"
	}
	return fmt.Sprintf("%d validation %s detected: %s", len(vs), noun, strings.Join(parts, "; "))
}

// TypeError is a value of the wrong JSON type, which the service cannot
// even read (a SerializationException, not a validation error).
type TypeError struct {
	Path, Want, Got string
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("%s: expected %s, got %s", e.Path, e.Want, e.Got)
}

// maxShown is the longest value a message quotes; longer ones are shown
// by place only (a 20 MB expression is no use in a message).
const maxShown = 256

// Check checks a request (decoded with json.Decoder.UseNumber) against a
// shape: required members, lengths, patterns, enumerations, in the
// model's member order. A value of the wrong type is a *TypeError.
// Members the shape does not have are ignored, as the service ignores
// them.
func (m *Model) Check(shape string, v any) ([]Violation, error) {
	var out []Violation
	err := m.check1(m.Shapes[shape], "", v, &out)
	return out, err
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (m *Model) check1(s *Shape, path string, v any, out *[]Violation) error {
	switch s.Type {
	case "structure":
		obj, ok := v.(map[string]any)
		if !ok {
			return typeErr(path, "an object", v)
		}
		for _, r := range s.Required {
			if obj[r] == nil {
				*out = append(*out, Violation{Path: join(path, r), Value: "null", Constraint: "Member must not be null"})
			}
		}
		for _, mem := range s.Members {
			mv, ok := obj[mem.Name]
			if !ok || mv == nil {
				continue
			}
			if err := m.check1(m.Shapes[mem.Shape], join(path, mem.Name), mv, out); err != nil {
				return err
			}
		}
	case "list":
		list, ok := v.([]any)
		if !ok {
			return typeErr(path, "a list", v)
		}
		lengths(s, path, "", len(list), out)
		for i, item := range list {
			if item == nil {
				continue
			}
			if err := m.check1(m.Shapes[s.Member], fmt.Sprintf("%s.%d.member", path, i+1), item, out); err != nil {
				return err
			}
		}
	case "map":
		obj, ok := v.(map[string]any)
		if !ok {
			return typeErr(path, "an object", v)
		}
		lengths(s, path, "", len(obj), out)
		for k, item := range obj {
			if err := m.check1(m.Shapes[s.Key], path+".key", k, out); err != nil {
				return err
			}
			if err := m.check1(m.Shapes[s.Value], path+"."+k, item, out); err != nil {
				return err
			}
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			return typeErr(path, "a string", v)
		}
		shown := ""
		if len(str) <= maxShown {
			shown = "'" + str + "'"
		}
		lengths(s, path, shown, utf8.RuneCountInString(str), out)
		if s.re != nil && !s.re.MatchString(str) {
			*out = append(*out, Violation{Path: path, Value: shown, Constraint: "Member must satisfy regular expression pattern: " + s.Pattern})
		}
		if len(s.Enum) > 0 && !contains(s.Enum, str) {
			*out = append(*out, Violation{Path: path, Value: shown, Constraint: "Member must satisfy enum value set: [" + strings.Join(s.Enum, ", ") + "]"})
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return typeErr(path, "a boolean", v)
		}
	case "integer", "long":
		n, ok := v.(json.Number)
		if !ok {
			return typeErr(path, "an integer", v)
		}
		i, err := n.Int64()
		if err != nil {
			return typeErr(path, "an integer", v)
		}
		if s.Min != nil && i < *s.Min {
			*out = append(*out, Violation{Path: path, Value: "'" + n.String() + "'", Constraint: fmt.Sprintf("Member must have value greater than or equal to %d", *s.Min)})
		}
		if s.Max != nil && i > *s.Max {
			*out = append(*out, Violation{Path: path, Value: "'" + n.String() + "'", Constraint: fmt.Sprintf("Member must have value less than or equal to %d", *s.Max)})
		}
	case "float", "double":
		if _, ok := v.(json.Number); !ok {
			return typeErr(path, "a number", v)
		}
	case "timestamp":
		// JSON 1.1 sends epoch seconds; ISO 8601 text is read too.
		switch v.(type) {
		case json.Number, string:
		default:
			return typeErr(path, "a timestamp", v)
		}
	case "blob":
		if _, ok := v.(string); !ok {
			return typeErr(path, "base64 text", v)
		}
	}
	return nil
}

func lengths(s *Shape, path, shown string, n int, out *[]Violation) {
	if s.Min != nil && int64(n) < *s.Min {
		*out = append(*out, Violation{Path: path, Value: shown, Constraint: fmt.Sprintf("Member must have length greater than or equal to %d", *s.Min)})
	}
	if s.Max != nil && int64(n) > *s.Max {
		*out = append(*out, Violation{Path: path, Value: shown, Constraint: fmt.Sprintf("Member must have length less than or equal to %d", *s.Max)})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func typeErr(path, want string, v any) error {
	if path == "" {
		path = "the request"
	}
	return &TypeError{Path: path, Want: want, Got: jsonType(v)}
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// Conform checks a response (decoded with UseNumber) against its shape:
// every member is one the shape has, with the right JSON type, and the
// required members are there. It returns every difference, by path.
func (m *Model) Conform(shape string, v any) []string {
	var out []string
	m.conform(m.Shapes[shape], shape, v, &out)
	return out
}

func (m *Model) conform(s *Shape, path string, v any, out *[]string) {
	bad := func(want string) {
		*out = append(*out, fmt.Sprintf("%s: expected %s, got %s", path, want, jsonType(v)))
	}
	switch s.Type {
	case "structure":
		obj, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		for _, r := range s.Required {
			if _, ok := obj[r]; !ok {
				*out = append(*out, fmt.Sprintf("%s: required member %q missing", path, r))
			}
		}
		known := map[string]string{}
		for _, mem := range s.Members {
			known[mem.Name] = mem.Shape
		}
		for k, mv := range obj {
			sh, ok := known[k]
			if !ok {
				*out = append(*out, fmt.Sprintf("%s: member %q is not in the model", path, k))
				continue
			}
			if mv != nil {
				m.conform(m.Shapes[sh], path+"."+k, mv, out)
			}
		}
	case "list":
		list, ok := v.([]any)
		if !ok {
			bad("a list")
			return
		}
		for i, item := range list {
			m.conform(m.Shapes[s.Member], fmt.Sprintf("%s[%d]", path, i), item, out)
		}
	case "map":
		obj, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		for k, item := range obj {
			m.conform(m.Shapes[s.Value], path+"."+k, item, out)
		}
	case "string", "blob":
		if _, ok := v.(string); !ok {
			bad("a string")
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("a boolean")
		}
	case "integer", "long", "float", "double", "timestamp":
		if _, ok := v.(json.Number); !ok {
			bad("a number")
		}
	}
}
