package serve

import (
	"sync"
	"time"
)

// ManualClock is a clock that moves only when told (dplint serve --clock
// manual, POST /_dplint/clock, `dplint serve clock advance`): tests of
// schedules, retries and timeouts run the same every time.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock starts a manual clock at t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t.UTC().Truncate(time.Second)} }

// Now is the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
