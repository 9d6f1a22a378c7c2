// Package apimodel holds the facts of AWS API models (service-2.json) that
// a local endpoint needs — operations, shapes, members, required members,
// lengths, patterns, enumerations, error shapes; no documentation — and
// checks a request against them as the service does before it runs an
// operation, and a response's member names and types against its shape.
//
// The facts are generated (go generate) from the models in the shared
// reference folder into one JSON file per service, committed beside this
// file, because the reference folder is not there at run time.
package apimodel

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

//go:generate go run gen.go ../../../shared/reference/api-models/datapipeline-2012-10-29.service-2.json datapipeline.json

// Model is the facts of one service's API.
type Model struct {
	Metadata   Metadata             `json:"metadata"`
	Operations map[string]Operation `json:"operations"`
	Shapes     map[string]*Shape    `json:"shapes"`
	// Unchecked names the shapes whose pattern Go's regexp cannot run
	// (lookarounds): their values are not checked against it.
	Unchecked []string `json:"-"`
}

// Metadata is what routes a request to the service.
type Metadata struct {
	APIVersion   string `json:"apiVersion"`
	Protocol     string `json:"protocol"`
	JSONVersion  string `json:"jsonVersion,omitempty"`
	TargetPrefix string `json:"targetPrefix,omitempty"`
	ServiceID    string `json:"serviceId"`
}

// Operation names its input and output shapes and the errors it may return.
type Operation struct {
	Input  string   `json:"input,omitempty"`
	Output string   `json:"output,omitempty"`
	Errors []string `json:"errors,omitempty"`
}

// Shape is one shape: its type and constraints.
type Shape struct {
	Type     string   `json:"type"`
	Members  []Member `json:"members,omitempty"` // structure, in the model's order
	Required []string `json:"required,omitempty"`
	Member   string   `json:"member,omitempty"` // list
	Key      string   `json:"key,omitempty"`    // map
	Value    string   `json:"value,omitempty"`  // map
	Min      *int64   `json:"min,omitempty"`
	Max      *int64   `json:"max,omitempty"`
	Pattern  string   `json:"pattern,omitempty"` // as the model writes it (Java syntax)
	Enum     []string `json:"enum,omitempty"`
	// Exception and Fault mark error shapes; a fault is the service's
	// failure (HTTP 500), any other exception the client's (400).
	Exception bool `json:"exception,omitempty"`
	Fault     bool `json:"fault,omitempty"`

	re *regexp.Regexp
}

// Member is a structure's member.
type Member struct {
	Name  string `json:"name"`
	Shape string `json:"shape"`
}

// Extract reads a service-2.json and returns its facts as indented JSON,
// the same bytes for the same model (keys sorted, members in the model's
// order).
func Extract(service2 []byte) ([]byte, error) {
	var raw struct {
		Metadata   Metadata `json:"metadata"`
		Operations map[string]struct {
			Input  *struct{ Shape string }  `json:"input"`
			Output *struct{ Shape string }  `json:"output"`
			Errors []struct{ Shape string } `json:"errors"`
		} `json:"operations"`
		Shapes map[string]json.RawMessage `json:"shapes"`
	}
	if err := json.Unmarshal(service2, &raw); err != nil {
		return nil, fmt.Errorf("reading the model: %w", err)
	}
	m := Model{Metadata: raw.Metadata, Operations: map[string]Operation{}, Shapes: map[string]*Shape{}}
	for name, op := range raw.Operations {
		o := Operation{}
		if op.Input != nil {
			o.Input = op.Input.Shape
		}
		if op.Output != nil {
			o.Output = op.Output.Shape
		}
		for _, e := range op.Errors {
			o.Errors = append(o.Errors, e.Shape)
		}
		m.Operations[name] = o
	}
	for name, data := range raw.Shapes {
		s, err := extractShape(data)
		if err != nil {
			return nil, fmt.Errorf("shape %s: %w", name, err)
		}
		m.Shapes[name] = s
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func extractShape(data json.RawMessage) (*Shape, error) {
	var s struct {
		Type      string                     `json:"type"`
		Required  []string                   `json:"required"`
		Member    *struct{ Shape string }    `json:"member"`
		Key       *struct{ Shape string }    `json:"key"`
		Value     *struct{ Shape string }    `json:"value"`
		Min       *json.Number               `json:"min"`
		Max       *json.Number               `json:"max"`
		Pattern   string                     `json:"pattern"`
		Enum      []string                   `json:"enum"`
		Exception bool                       `json:"exception"`
		Fault     bool                       `json:"fault"`
		Members   map[string]json.RawMessage `json:"members"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	out := &Shape{Type: s.Type, Required: s.Required, Pattern: s.Pattern, Enum: s.Enum, Exception: s.Exception, Fault: s.Fault}
	if s.Member != nil {
		out.Member = s.Member.Shape
	}
	if s.Key != nil {
		out.Key, out.Value = s.Key.Shape, s.Value.Shape
	}
	var err error
	if out.Min, err = number(s.Min); err != nil {
		return nil, err
	}
	if out.Max, err = number(s.Max); err != nil {
		return nil, err
	}
	if s.Members != nil {
		names, err := memberOrder(data)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			var mem struct{ Shape string }
			if err := json.Unmarshal(s.Members[n], &mem); err != nil {
				return nil, err
			}
			out.Members = append(out.Members, Member{Name: n, Shape: mem.Shape})
		}
	}
	return out, nil
}

func number(n *json.Number) (*int64, error) {
	if n == nil {
		return nil, nil
	}
	v, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// memberOrder returns a structure's member names in the order the model
// writes them (a Go map would lose it; the order is the request's).
func memberOrder(shape json.RawMessage) ([]string, error) {
	var s struct {
		Members json.RawMessage `json:"members"`
	}
	if err := json.Unmarshal(shape, &s); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(s.Members)))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	var names []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		names = append(names, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// Load reads facts written by Extract.
func Load(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("reading the model facts: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	for name, s := range m.Shapes {
		if s.Pattern == "" {
			continue
		}
		re, err := regexp.Compile(`^(?:` + GoPattern(s.Pattern) + `)$`)
		if err != nil {
			m.Unchecked = append(m.Unchecked, name)
			continue
		}
		s.re = re
	}
	sort.Strings(m.Unchecked)
	return &m, nil
}

// check requires every shape a model names to be there.
func (m *Model) check() error {
	var missing []string
	need := func(where, name string) {
		if name != "" && m.Shapes[name] == nil {
			missing = append(missing, fmt.Sprintf("%s names shape %q", where, name))
		}
	}
	for name, op := range m.Operations {
		need(name, op.Input)
		need(name, op.Output)
		for _, e := range op.Errors {
			need(name, e)
		}
	}
	for name, s := range m.Shapes {
		for _, mem := range s.Members {
			need(name+"."+mem.Name, mem.Shape)
		}
		need(name, s.Member)
		need(name, s.Key)
		need(name, s.Value)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("the model is incomplete: %s", strings.Join(missing, "; "))
	}
	return nil
}

var javaEscape = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\\u[0-9A-Fa-f]{4}`) }) // compiled on first use, not at every start

// GoPattern rewrites a pattern of the model (Java's syntax, where
// characters beyond the Basic Multilingual Plane are written as UTF-16
// surrogate pairs, \uD800\uDC00) in Go's: each \uXXXX as \x{XXXX}, a
// surrogate pair as the code point it encodes.
func GoPattern(java string) string {
	var units []uint16
	var b strings.Builder
	flush := func() {
		for _, r := range utf16.Decode(units) {
			fmt.Fprintf(&b, `\x{%X}`, r)
		}
		units = units[:0]
	}
	last := 0
	for _, loc := range javaEscape().FindAllStringIndex(java, -1) {
		if loc[0] != last {
			flush()
			b.WriteString(java[last:loc[0]])
		}
		v, _ := strconv.ParseUint(java[loc[0]+2:loc[1]], 16, 16)
		units = append(units, uint16(v))
		last = loc[1]
	}
	flush()
	b.WriteString(java[last:])
	return b.String()
}

//go:embed datapipeline.json
var dataPipelineFacts []byte

var dataPipeline = sync.OnceValues(func() (*Model, error) { return Load(dataPipelineFacts) })

// DataPipeline is the Data Pipeline API (2012-10-29).
func DataPipeline() *Model {
	m, err := dataPipeline()
	if err != nil {
		panic("apimodel: the committed Data Pipeline facts do not load: " + err.Error()) // a test holds them loadable
	}
	return m
}
