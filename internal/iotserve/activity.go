package iotserve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// exact are the activities whose effect on a message the model states
// exactly, and so RunPipelineActivity can run: attributes added (copied to
// a new name), removed, or selected. A filter or math expression has no
// documented grammar, and a lambda or an enrich activity needs a service
// dplint does not have; those are refused rather than guessed.
var exact = map[string]bool{"addAttributes": true, "removeAttributes": true, "selectAttributes": true}

type activityRequest struct {
	PipelineActivity map[string]json.RawMessage `json:"pipelineActivity"`
	Payloads         [][]byte                   `json:"payloads"`
}

type attributesActivity struct {
	Name       string          `json:"name"`
	Attributes json.RawMessage `json:"attributes"`
}

func (s *Server) runActivity(r *http.Request) (int, any, error) {
	var req activityRequest
	if _, err := readBody(r, &req); err != nil {
		return 0, nil, err
	}
	if len(req.PipelineActivity) != 1 {
		return 0, nil, invalid("pipelineActivity must hold exactly one activity; it holds %d", len(req.PipelineActivity))
	}
	if len(req.Payloads) < 1 || len(req.Payloads) > 10 {
		return 0, nil, invalid("payloads must hold 1 to 10 messages; it holds %d", len(req.Payloads))
	}
	var kind string
	var raw json.RawMessage
	for k, v := range req.PipelineActivity {
		kind, raw = k, v
	}
	if !exact[kind] {
		return 0, nil, invalid("RunPipelineActivity: dplint serve does not emulate the %s activity; it runs addAttributes, removeAttributes and selectAttributes", kind)
	}
	var act attributesActivity
	if err := json.Unmarshal(raw, &act); err != nil {
		return 0, nil, invalid("%s: %v", kind, err)
	}
	apply, err := transform(kind, act.Attributes)
	if err != nil {
		return 0, nil, err
	}
	out := make([][]byte, len(req.Payloads))
	for i, p := range req.Payloads {
		members, err := members(p)
		if err != nil {
			return 0, nil, invalid("payload %d is not a JSON object: %v", i+1, err)
		}
		out[i] = encode(apply(members))
	}
	log := fmt.Sprintf("%s activity %q ran on %d message(s)", kind, act.Name, len(out))
	return http.StatusOK, map[string]any{"payloads": out, "logResult": log}, nil
}

// member is one attribute of a message, in the message's order.
type member struct {
	key   string
	value json.RawMessage
}

// transform reads an activity's attributes and returns what it does to a
// message's attributes.
func transform(kind string, attrs json.RawMessage) (func([]member) []member, error) {
	if kind == "addAttributes" {
		// An AttributeNameMapping: each existing attribute's value is
		// copied to a new one; the existing attribute stays.
		mapping, err := members(attrs)
		if err != nil || len(mapping) < 1 || len(mapping) > 50 {
			return nil, invalid("addAttributes: attributes must map 1 to 50 existing attribute names to new ones")
		}
		return func(msg []member) []member {
			for _, m := range mapping {
				var to string
				if json.Unmarshal(m.value, &to) != nil {
					continue
				}
				if v, ok := lookup(msg, m.key); ok {
					msg = set(msg, to, v)
				}
			}
			return msg
		}, nil
	}
	var names []string
	if err := json.Unmarshal(attrs, &names); err != nil || len(names) < 1 || len(names) > 50 {
		return nil, invalid("%s: attributes must list 1 to 50 attribute names", kind)
	}
	keep := kind == "selectAttributes"
	listed := map[string]bool{}
	for _, n := range names {
		listed[n] = true
	}
	return func(msg []member) []member {
		out := msg[:0]
		for _, m := range msg {
			if listed[m.key] == keep {
				out = append(out, m)
			}
		}
		return out
	}, nil
}

// members reads a JSON object's members in order.
func members(data []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("not an object")
	}
	var out []member
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = set(out, t.(string), v)
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("text after the object")
	}
	return out, nil
}

func lookup(msg []member, key string) (json.RawMessage, bool) {
	for _, m := range msg {
		if m.key == key {
			return m.value, true
		}
	}
	return nil, false
}

// set gives key the value, in place when the message has it, else at the
// end; a repeated key keeps its last value, as JSON readers take it.
func set(msg []member, key string, v json.RawMessage) []member {
	for i := range msg {
		if msg[i].key == key {
			msg[i].value = v
			return msg
		}
	}
	return append(msg, member{key, v})
}

func encode(msg []member) []byte {
	var b strings.Builder
	b.WriteByte('{')
	for i, m := range msg {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		var c bytes.Buffer
		if json.Compact(&c, m.value) == nil {
			b.Write(c.Bytes())
		} else {
			b.Write(m.value)
		}
	}
	b.WriteByte('}')
	return []byte(b.String())
}
