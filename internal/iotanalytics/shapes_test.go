package iotanalytics

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
)

// modelShape is the part of a service model shape the table mirrors.
type modelShape struct {
	Type     string
	Required []string
	Members  map[string]struct{ Shape string }
	Member   *struct{ Shape string }
	Key      *struct{ Shape string }
	Value    *struct{ Shape string }
	Min, Max *int
	Pattern  string
}

// TestShapesMatchTheModel holds every shape of the table, from the three
// requests down, to the service model in ../shared: types, members and
// their order, required members, bounds and patterns. A drift of either
// side fails here.
func TestShapesMatchTheModel(t *testing.T) {
	path := filepath.Join(testenv.SharedDir(t), "reference", "api-models", "iotanalytics-2017-11-27.service-2.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var model struct {
		Shapes map[string]modelShape
	}
	if err := json.Unmarshal(data, &model); err != nil {
		t.Fatal(err)
	}
	// Member order is not kept by encoding/json's map: read it from the text.
	var ordered struct {
		Shapes map[string]struct {
			Members json.RawMessage
		}
	}
	if err := json.Unmarshal(data, &ordered); err != nil {
		t.Fatal(err)
	}
	seen := map[*Shape]bool{}
	var check func(s *Shape)
	check = func(s *Shape) {
		if seen[s] {
			return
		}
		seen[s] = true
		m, ok := model.Shapes[s.Name]
		if !ok {
			t.Errorf("%s: no such shape in the model", s.Name)
			return
		}
		if string(s.Type) != m.Type {
			t.Errorf("%s: type %s, the model's %s", s.Name, s.Type, m.Type)
		}
		bound := func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		}
		if s.Min != bound(m.Min) || s.Max != bound(m.Max) {
			t.Errorf("%s: bounds %d-%d, the model's %d-%d", s.Name, s.Min, s.Max, bound(m.Min), bound(m.Max))
		}
		if s.Pattern != m.Pattern {
			t.Errorf("%s: pattern %q, the model's %q", s.Name, s.Pattern, m.Pattern)
		}
		switch s.Type {
		case Structure:
			order := memberOrder(t, ordered.Shapes[s.Name].Members)
			if got := s.MemberNames(); !slices.Equal(got, order) {
				t.Errorf("%s: members %v, the model's %v", s.Name, got, order)
			}
			var req []string
			for _, mem := range s.Members {
				if mem.Required {
					req = append(req, mem.Name)
				}
				if want := m.Members[mem.Name].Shape; mem.Shape.Name != want {
					t.Errorf("%s.%s: shape %s, the model's %s", s.Name, mem.Name, mem.Shape.Name, want)
				}
				check(mem.Shape)
			}
			slices.Sort(req)
			want := slices.Clone(m.Required)
			slices.Sort(want)
			if !slices.Equal(req, want) {
				t.Errorf("%s: required %v, the model's %v", s.Name, req, want)
			}
		case List:
			if m.Member == nil || m.Member.Shape != s.Elem.Name {
				t.Errorf("%s: member %s, the model's %v", s.Name, s.Elem.Name, m.Member)
			}
			check(s.Elem)
		case Map:
			if m.Key == nil || m.Value == nil || m.Key.Shape != s.Key.Name || m.Value.Shape != s.Elem.Name {
				t.Errorf("%s: key %s value %s, the model's %v %v", s.Name, s.Key.Name, s.Elem.Name, m.Key, m.Value)
			}
			check(s.Key)
			check(s.Elem)
		}
	}
	for _, root := range []*Shape{CreatePipelineRequest, StartPipelineReprocessingRequest} {
		check(root)
	}
	if len(seen) < 30 {
		t.Errorf("checked only %d shapes", len(seen))
	}
	// UpdatePipeline takes the same pipeline, without tags: a file read as
	// CreatePipeline's is its request too.
	upd := memberOrder(t, ordered.Shapes["UpdatePipelineRequest"].Members)
	if !slices.Equal(upd, CreatePipelineRequest.MemberNames()[:2]) {
		t.Errorf("UpdatePipelineRequest's members %v are not CreatePipelineRequest's but tags", upd)
	}
}

// memberOrder lists a structure's member names in the model's order.
func memberOrder(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	var names []string
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// TestPatterns: the Go tests of the model's patterns, on names each side
// of them (the lookahead of the name pattern is tested in two steps).
func TestPatterns(t *testing.T) {
	cases := []struct {
		s    *Shape
		text string
		ok   bool
	}{
		{PipelineName, "sensor_pipeline_1", true},
		{PipelineName, "_one_underscore", true},
		{PipelineName, "__two", false},
		{PipelineName, "has-dash", false},
		{PipelineName, "has space", false},
		{ChannelName, "raw", true},
		{DatastoreName, "store.x", false},
		{LambdaName, "my-function_2", true},
		{LambdaName, "my.function", false},
		{S3PathChannelMessage, "channel/raw/__dt=2024-01-01 00:00:00/1_2_3_raw_0_1.0.json.gz", true},
		{S3PathChannelMessage, "channel/raw/file#1", false},
		{S3PathChannelMessage, "a{b}(c)!'*:=", true},
		{ActivityName, "any thing-at.all", true},
	}
	for _, c := range cases {
		if got := c.s.Matches(c.text); got != c.ok {
			t.Errorf("%s %q: matches %v, want %v", c.s.Name, c.text, got, c.ok)
		}
	}
}
