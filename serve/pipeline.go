package serve

import (
	"encoding/json"
	"github.com/dplint/dplint/internal/pipelinerun"
	"sort"
	"time"
)

// The pipeline states the guide documents (dp-interpret-status.md) that a
// control plane without a runtime reaches.
const (
	StatePending   = "PENDING"   // created, not activated (or its definition failed validation)
	StateScheduled = "SCHEDULED" // activated
	StateInactive  = "INACTIVE"  // deactivated
	StateFinished  = "FINISHED"  // activated, and every schedule has ended
)

// Pipeline is one pipeline as the store keeps it.
type Pipeline struct {
	ID          string    `json:"id"`
	Seq         int64     `json:"seq"` // creation order
	Name        string    `json:"name"`
	UniqueID    string    `json:"uniqueId"`
	Description *string   `json:"description,omitempty"`
	Tags        []Tag     `json:"tags"`
	Created     time.Time `json:"created"`
	Deleted     bool      `json:"deleted,omitempty"`
	State       string    `json:"state"`
	// Latest is the last definition put, Active the last one activated.
	Latest  *Definition `json:"latest,omitempty"`
	Active  *Definition `json:"active,omitempty"`
	Errored bool        `json:"errored,omitempty"` // Latest has validation errors
	Version int         `json:"version,omitempty"` // definitions put so far
	// FirstActivation and LastActivation are the activations' times;
	// Start is the last activation's startTimestamp, if it gave one.
	FirstActivation *time.Time `json:"firstActivation,omitempty"`
	LastActivation  *time.Time `json:"lastActivation,omitempty"`
	Start           *time.Time `json:"start,omitempty"`
	// Paused are the components SetStatus paused.
	Paused []string `json:"paused,omitempty"`
	// Run is the activated pipeline's run: its instances, attempts and
	// outbox (internal/pipelinerun); nil until the first activation.
	Run *pipelinerun.State `json:"run,omitempty"`
}

// Tag is a pipeline's tag.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Definition is a pipeline definition in the API's form.
type Definition struct {
	Objects []Object      `json:"pipelineObjects"`
	Params  []ParamObject `json:"parameterObjects"`
	Values  []ParamValue  `json:"parameterValues"`
}

// Object is a pipeline object.
type Object struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Fields []Field `json:"fields"`
}

// Field is one key and its string or reference value.
type Field struct {
	Key         string  `json:"key"`
	StringValue *string `json:"stringValue,omitempty"`
	RefValue    *string `json:"refValue,omitempty"`
}

// ParamObject is a parameter object.
type ParamObject struct {
	ID         string      `json:"id"`
	Attributes []Attribute `json:"attributes"`
}

// Attribute is one attribute of a parameter object.
type Attribute struct {
	Key         string `json:"key"`
	StringValue string `json:"stringValue"`
}

// ParamValue is a value of a parameter.
type ParamValue struct {
	ID          string `json:"id"`
	StringValue string `json:"stringValue"`
}

// clone is a deep copy, which a change is made on before it is stored.
func (p *Pipeline) clone() *Pipeline {
	data, err := json.Marshal(p)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	var c Pipeline
	if err := json.Unmarshal(data, &c); err != nil {
		panic(err)
	}
	return &c
}

// empty lists rather than null, as the service answers.
func (d *Definition) normalize() {
	if d.Objects == nil {
		d.Objects = []Object{}
	}
	if d.Params == nil {
		d.Params = []ParamObject{}
	}
	if d.Values == nil {
		d.Values = []ParamValue{}
	}
	for i := range d.Objects {
		if d.Objects[i].Fields == nil {
			d.Objects[i].Fields = []Field{}
		}
	}
	for i := range d.Params {
		if d.Params[i].Attributes == nil {
			d.Params[i].Attributes = []Attribute{}
		}
	}
}

func (d *Definition) object(id string) *Object {
	for i := range d.Objects {
		if d.Objects[i].ID == id {
			return &d.Objects[i]
		}
	}
	return nil
}

func sortedBySeq(ps []*Pipeline) []string {
	sorted := append([]*Pipeline(nil), ps...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Seq < sorted[j].Seq })
	ids := make([]string, len(sorted))
	for i, p := range sorted {
		ids[i] = p.ID
	}
	return ids
}
