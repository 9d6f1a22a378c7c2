package serve

import (
	"encoding/json"
	"sync"

	"github.com/dplint/dplint/internal/iotserve"
)

// Store keeps pipelines. Save must not return before the pipeline is
// durable (as durable as the store is): the server answers a write only
// after it returns.
type Store interface {
	// Load returns every pipeline kept, deleted ones included.
	Load() ([]*Pipeline, error)
	// Save writes one pipeline whole, replacing what was kept under its id.
	Save(p *Pipeline) error
	Close() error
}

// Memory is a Store in memory: what it keeps lasts as long as the
// process. A Memory handed to a second Server starts it with the first's
// pipelines.
type Memory struct {
	mu    sync.Mutex
	pipes map[string][]byte
	iot   iotserve.Memory // IoT Analytics pipelines (iot.go)
}

// IoT is the store of IoT Analytics pipelines.
func (m *Memory) IoT() iotserve.Store { return &m.iot }

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{pipes: map[string][]byte{}} }

// Load implements Store.
func (m *Memory) Load() ([]*Pipeline, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*Pipeline
	for _, data := range m.pipes {
		var p Pipeline
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, nil
}

// Save implements Store. It keeps an encoded copy, so that later changes
// to p do not reach the store unsaved.
func (m *Memory) Save(p *Pipeline) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pipes[p.ID] = data
	return nil
}

// Close implements Store.
func (m *Memory) Close() error { return nil }
