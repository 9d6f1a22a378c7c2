package layout

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// randomGraph makes a graph of n nodes in a few bands with about m edges,
// cycles, self-loops and repeated edges among them.
func randomGraph(seed uint64, n, m int) Graph {
	r := rand.New(rand.NewPCG(seed, 7))
	var g Graph
	for range n {
		g.Nodes = append(g.Nodes, Node{W: 40 + float64(r.IntN(200)), H: 20 + float64(r.IntN(40)), Band: r.IntN(5) * 10})
	}
	for range m {
		e := Edge{From: r.IntN(n), To: r.IntN(n)}
		if r.IntN(3) > 0 {
			e.LabelW, e.LabelH = 20+float64(r.IntN(100)), 14
		}
		g.Edges = append(g.Edges, e)
	}
	return g
}

// check asserts what every layout promises: boxes of the given sizes that
// do not overlap, inside their bands; bands that do not overlap; labels
// off every box; edges from their source's box to their target's that
// cross no box on the way.
func check(t *testing.T, g Graph, res Result) {
	t.Helper()
	if len(res.Nodes) != len(g.Nodes) || len(res.Edges) != len(g.Edges) {
		t.Fatalf("%d nodes and %d edges placed, want %d and %d", len(res.Nodes), len(res.Edges), len(g.Nodes), len(g.Edges))
	}
	for i, a := range res.Nodes {
		if a.W != g.Nodes[i].W || a.H != g.Nodes[i].H {
			t.Errorf("node %d is %vx%v, want %vx%v", i, a.W, a.H, g.Nodes[i].W, g.Nodes[i].H)
		}
		if a.X < 0 || a.Y < 0 || a.X+a.W > res.Width || a.Y+a.H > res.Height {
			t.Errorf("node %d %+v outside %vx%v", i, a, res.Width, res.Height)
		}
		for j := i + 1; j < len(res.Nodes); j++ {
			if a.Overlaps(res.Nodes[j]) {
				t.Errorf("nodes %d %+v and %d %+v overlap", i, a, j, res.Nodes[j])
			}
		}
		inBand := false
		for _, b := range res.Bands {
			if b.Band == g.Nodes[i].Band {
				inBand = a.X >= b.X && a.Y >= b.Y && a.X+a.W <= b.X+b.W && a.Y+a.H <= b.Y+b.H
			}
		}
		if !inBand {
			t.Errorf("node %d %+v is not inside its band %d", i, a, g.Nodes[i].Band)
		}
	}
	for i, a := range res.Bands {
		for _, b := range res.Bands[i+1:] {
			if a.Overlaps(b.Rect) {
				t.Errorf("bands %d and %d overlap", a.Band, b.Band)
			}
		}
	}
	for i, e := range g.Edges {
		r := res.Edges[i]
		checkRoute(t, i, e, r, res.Nodes)
	}
}

func checkRoute(t *testing.T, i int, e Edge, r Route, nodes []Rect) {
	t.Helper()
	if len(r.Points) < 2 {
		t.Errorf("edge %d has %d points", i, len(r.Points))
		return
	}
	if !onBorder(r.Points[0], nodes[e.From]) || !onBorder(r.Points[len(r.Points)-1], nodes[e.To]) {
		t.Errorf("edge %d (%d→%d) runs %v → %v, not from box %+v to box %+v", i, e.From, e.To,
			r.Points[0], r.Points[len(r.Points)-1], nodes[e.From], nodes[e.To])
	}
	if (e.LabelW > 0) != (r.Label.W > 0) {
		t.Errorf("edge %d: label %+v for a label of width %v", i, r.Label, e.LabelW)
	}
	for j, n := range nodes {
		if r.Label.W > 0 && r.Label.Overlaps(n) {
			t.Errorf("label of edge %d %+v covers node %d %+v", i, r.Label, j, n)
		}
		inner := Rect{n.X + 0.5, n.Y + 0.5, n.W - 1, n.H - 1}
		for k := 0; k+1 < len(r.Points); k++ {
			if crosses(r.Points[k], r.Points[k+1], inner) {
				t.Errorf("edge %d (%d→%d) segment %v-%v crosses node %d %+v", i, e.From, e.To, r.Points[k], r.Points[k+1], j, n)
			}
		}
	}
}

func onBorder(p Point, r Rect) bool {
	const eps = 1e-6
	inX := p.X >= r.X-eps && p.X <= r.X+r.W+eps
	inY := p.Y >= r.Y-eps && p.Y <= r.Y+r.H+eps
	onX := abs(p.X-r.X) < eps || abs(p.X-r.X-r.W) < eps
	onY := abs(p.Y-r.Y) < eps || abs(p.Y-r.Y-r.H) < eps
	return inX && inY && (onX || onY)
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// crosses reports whether segment a-b meets the inside of r (Liang–Barsky
// clipping).
func crosses(a, b Point, r Rect) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [][2]float64{{-dx, a.X - r.X}, {dx, r.X + r.W - a.X}, {-dy, a.Y - r.Y}, {dy, r.Y + r.H - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return t0 < t1
}

func TestRandomGraphs(t *testing.T) {
	for seed := range uint64(40) {
		n := 1 + int(seed*7%60)
		g := randomGraph(seed, n, int(seed*13%150))
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			res := Layout(g, Options{})
			check(t, g, res)
			if again := Layout(g, Options{}); !reflect.DeepEqual(res, again) {
				t.Error("the same graph laid out twice gave different results")
			}
		})
	}
}

func TestBig(t *testing.T) {
	g := randomGraph(99, 400, 1000)
	check(t, g, Layout(g, Options{}))
}

// TestInputOrderBreaksTies: with nothing else to go by, boxes of one band
// and column are stacked in input order, and bands in their order.
func TestInputOrderBreaksTies(t *testing.T) {
	g := Graph{Nodes: []Node{{W: 50, H: 20, Band: 2}, {W: 60, H: 20, Band: 1}, {W: 50, H: 30, Band: 2}, {W: 40, H: 20, Band: 1}}}
	res := Layout(g, Options{})
	check(t, g, res)
	if !(res.Nodes[1].Y < res.Nodes[3].Y && res.Nodes[3].Y < res.Nodes[0].Y && res.Nodes[0].Y < res.Nodes[2].Y) {
		t.Errorf("not stacked band 1 (nodes 1, 3) above band 2 (nodes 0, 2): %+v", res.Nodes)
	}
	if len(res.Bands) != 2 || res.Bands[0].Band != 1 || res.Bands[1].Band != 2 {
		t.Errorf("bands %+v, want 1 then 2", res.Bands)
	}
}

// TestLayersFollowEdges: an edge goes left to right unless it closes a
// cycle, and a node pointed to sits right of the nodes pointing to it.
func TestLayersFollowEdges(t *testing.T) {
	box := Node{W: 50, H: 20}
	g := Graph{Nodes: []Node{box, box, box, box}, Edges: []Edge{{From: 0, To: 1}, {From: 1, To: 2}, {From: 2, To: 0}, {From: 3, To: 2}}}
	res := Layout(g, Options{})
	check(t, g, res)
	x := func(i int) float64 { return res.Nodes[i].X }
	if !(x(0) < x(1) && x(1) < x(2)) {
		t.Errorf("0 → 1 → 2 not left to right: %v %v %v", x(0), x(1), x(2))
	}
	if x(3) != x(1) {
		t.Errorf("the source 3 is not pulled next to its target 2: x %v, want %v", x(3), x(1))
	}
	if !res.Edges[2].Reversed || res.Edges[0].Reversed {
		t.Errorf("the edge closing the cycle (2 → 0) should be the reversed one: %+v", res.Edges)
	}
}

// TestCrossingsRemoved: a twisted bipartite graph is untwisted.
func TestCrossingsRemoved(t *testing.T) {
	box := Node{W: 50, H: 20}
	g := Graph{Nodes: []Node{box, box, box, box, box, box}, Edges: []Edge{{From: 0, To: 5}, {From: 1, To: 4}, {From: 2, To: 3}}}
	res := Layout(g, Options{})
	check(t, g, res)
	s := newState(g, Options{}.withDefaults())
	s.breakCycles()
	s.assignLayers()
	s.buildItems()
	if s.crossings() != 3 {
		t.Fatalf("input order has %d crossings, want 3", s.crossings())
	}
	s.order()
	if c := s.crossings(); c != 0 {
		t.Errorf("%d crossings left", c)
	}
	y := func(i int) float64 { return res.Nodes[i].Y }
	if !(y(5) < y(4) && y(4) < y(3)) {
		t.Errorf("targets not in the order of their sources: %v %v %v", y(5), y(4), y(3))
	}
}

func TestEmpty(t *testing.T) {
	res := Layout(Graph{}, Options{})
	if res.Width <= 0 || res.Height <= 0 || len(res.Nodes) != 0 {
		t.Errorf("empty graph: %+v", res)
	}
	// Edges to nodes that do not exist are left undrawn, not a panic.
	res = Layout(Graph{Nodes: []Node{{W: 10, H: 10}}, Edges: []Edge{{From: 0, To: 3}}}, Options{})
	if len(res.Edges) != 1 || len(res.Edges[0].Points) != 0 {
		t.Errorf("edge to a missing node: %+v", res.Edges)
	}
}

func BenchmarkLayout(b *testing.B) {
	g := randomGraph(1, 300, 750)
	for b.Loop() {
		Layout(g, Options{})
	}
}
