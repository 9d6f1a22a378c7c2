package picture

import (
	"fmt"

	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/internal/suggest"
)

// focus keeps, of the pipelines that hold an object with id, the objects
// within depth edges of it (edges followed either way) and the edges
// between them; the other pipelines are dropped. An id no pipeline draws is
// an error naming the closest id drawn.
func (p *Picture) focus(id string, depth int) error {
	if id == graph.DefaultID {
		return fmt.Errorf("--focus: Default is not drawn (what objects inherit from it is drawn as inherited edges); focus on an object")
	}
	var kept []*Pipeline
	var all []string
	for _, pl := range p.Pipelines {
		var start []*Node
		for _, n := range pl.Nodes {
			all = append(all, n.ID)
			if n.ID == id {
				start = append(start, n)
			}
		}
		if len(start) > 0 {
			pl.keep(start, depth)
			kept = append(kept, pl)
		}
	}
	if len(kept) == 0 {
		if c := closest(id, all); c != "" {
			return fmt.Errorf("--focus: no object %q (did you mean %q?)", id, c)
		}
		return fmt.Errorf("--focus: no object %q: the file has no object to draw", id)
	}
	p.Pipelines = kept
	return nil
}

// closest is the id nearest to id: the one suggest finds, else the one at
// the least edit distance (the first of those).
func closest(id string, ids []string) string {
	if c := suggest.Closest(id, ids); c != "" {
		return c
	}
	best, bestD := "", -1
	for _, c := range ids {
		if d := suggest.Distance(id, c); bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// keep drops the nodes farther than depth edges from start, breadth
// first, and the edges that lose an end.
func (pl *Pipeline) keep(start []*Node, depth int) {
	near := map[*Node][]*Node{}
	for _, e := range pl.Edges {
		near[e.From] = append(near[e.From], e.To)
		near[e.To] = append(near[e.To], e.From)
	}
	dist := map[*Node]int{}
	queue := start
	for _, n := range start {
		dist[n] = 0
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if dist[n] == depth {
			continue
		}
		for _, m := range near[n] {
			if _, seen := dist[m]; !seen {
				dist[m] = dist[n] + 1
				queue = append(queue, m)
			}
		}
	}
	var nodes []*Node
	for _, n := range pl.Nodes {
		if _, ok := dist[n]; ok {
			nodes = append(nodes, n)
		}
	}
	var edges []*Edge
	for _, e := range pl.Edges {
		_, a := dist[e.From]
		_, b := dist[e.To]
		if a && b {
			edges = append(edges, e)
		}
	}
	pl.Nodes, pl.Edges = nodes, edges
}
