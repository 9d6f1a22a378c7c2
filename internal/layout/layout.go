// Package layout places the boxes and edges of a directed graph in layers,
// left to right (a Sugiyama layout): cycles are broken by reversing the
// back edges of a depth-first search, layers are assigned by longest path,
// long edges pass through dummy points, a few barycenter sweeps reduce
// crossings and the vertical places are settled by least squares under the
// order. Nodes belong to bands (horizontal swimlanes, one per cluster), so
// a cluster is a rectangle of its own that no other cluster's box enters.
//
// It is pure geometry: it knows no pipeline and draws nothing. The same
// input always gives the same result, and ties are broken by input order.
// By construction no two node boxes overlap and every edge label lies in
// the gap between two columns of boxes, so no label covers a box.
package layout

import (
	"math"
	"slices"
)

// Node is a box to place: its size and its band. Bands are drawn in
// increasing order, top to bottom; only bands that hold a node are drawn.
type Node struct {
	W, H float64
	Band int
}

// Edge goes From one node To another (indices into Graph.Nodes), with an
// optional label of the given size, placed beside the edge where it leaves
// From.
type Edge struct {
	From, To       int
	LabelW, LabelH float64
}

// Graph is the input of Layout.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Options are the distances Layout keeps. Zero values take the defaults.
type Options struct {
	Margin     float64 // around everything
	NodeSep    float64 // between two boxes (or edge tracks) of one column
	LayerGap   float64 // the least gap between two columns
	LabelPad   float64 // around a label, inside its gap
	BandGap    float64 // between two bands
	BandPad    float64 // inside a band, around its boxes
	BandLabelH float64 // above a band's boxes, room for its title
	TrackH     float64 // the height an edge passing through a column takes
	Sweeps     int     // barycenter sweeps (down and up count one each)
	// MinWidth is the least width of the result (room for band titles
	// wider than the boxes).
	MinWidth float64
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Margin, 12)
	def(&o.NodeSep, 18)
	def(&o.LayerGap, 48)
	def(&o.LabelPad, 6)
	def(&o.BandGap, 14)
	def(&o.BandPad, 10)
	def(&o.BandLabelH, 18)
	def(&o.TrackH, 12)
	if o.Sweeps <= 0 {
		o.Sweeps = 8
	}
	return o
}

// Point is a place; Y grows downwards, as in SVG.
type Point struct{ X, Y float64 }

// Rect is a box: its top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Overlaps reports whether two boxes share more than an edge.
func (r Rect) Overlaps(s Rect) bool {
	return r.X < s.X+s.W && s.X < r.X+r.W && r.Y < s.Y+s.H && s.Y < r.Y+r.H
}

// Route is how an edge is drawn: a polyline from its From box to its To
// box (the arrowhead goes at the last point, pointing along the last
// segment), and where its label goes (a zero Rect without a label).
type Route struct {
	Points []Point
	Label  Rect
	// Reversed is set for an edge drawn against the flow to break a
	// cycle (it points right to left).
	Reversed bool
}

// Band is a band's rectangle.
type Band struct {
	Band int
	Rect
}

// Result is the placed graph, in the input's order.
type Result struct {
	Nodes         []Rect
	Edges         []Route
	Bands         []Band
	Width, Height float64
}

// Layout places g.
func Layout(g Graph, opt Options) Result {
	opt = opt.withDefaults()
	if len(g.Nodes) == 0 {
		return Result{Edges: make([]Route, len(g.Edges)), Width: max(2*opt.Margin, opt.MinWidth), Height: 2 * opt.Margin}
	}
	s := newState(g, opt)
	s.breakCycles()
	s.assignLayers()
	s.buildItems()
	s.order()
	s.placeY()
	s.placeX()
	return s.route()
}

// state is one run of Layout.
type state struct {
	g   Graph
	opt Options
	// dag are the edges after cycle breaking (self-loops left out), each
	// pointing forward; dag[i].edge is the input edge it stands for.
	dag   []dagEdge
	loops []int // input edges that are self-loops
	layer []int // of each node
	nL    int   // number of layers
	items []item
	// layers lists each layer's items in order; bands are contiguous.
	layers [][]int
	bands  []int // the bands that hold a node, in order
	rank   map[int]int
	bandY  map[int]float64 // each band's content top
	bandH  map[int]float64 // and height
	colX   []float64       // left of each column
	colW   []float64
	gapW   []float64 // the gap after each column
	chains [][]int   // of each dag edge: its items, source first
	key    []float64 // each item's sort key in sortLayer
	// labelSeg is, for each input edge with a label in a gap, the segment
	// across that gap the label sits on.
	labelSeg map[int][2]Point
	width    float64
}

type dagEdge struct {
	from, to int
	edge     int
	reversed bool
}

// item is a node or a dummy point of a long edge in one layer.
type item struct {
	node  int // -1 for a dummy
	band  int
	layer int
	h     float64
	pos   int     // index in its layer
	y     float64 // centre, relative to its band's content top
	up    []int   // neighbour items in the layer before
	down  []int   // and after
}

func newState(g Graph, opt Options) *state {
	s := &state{g: g, opt: opt, rank: map[int]int{}, labelSeg: map[int][2]Point{}}
	for _, n := range g.Nodes {
		if _, ok := s.rank[n.Band]; !ok {
			s.rank[n.Band] = 0
			s.bands = append(s.bands, n.Band)
		}
	}
	slices.Sort(s.bands)
	for i, b := range s.bands {
		s.rank[b] = i
	}
	return s
}

// breakCycles orients every edge forward: a depth-first search from each
// node in input order, following edges in input order, reverses the edges
// that go back to a node still on its path.
func (s *state) breakCycles() {
	n := len(s.g.Nodes)
	out := make([][]int, n)
	for i, e := range s.g.Edges {
		switch {
		case e.From < 0 || e.From >= n || e.To < 0 || e.To >= n:
			continue // not drawable; Route stays empty
		case e.From == e.To:
			s.loops = append(s.loops, i)
		default:
			out[e.From] = append(out[e.From], i)
		}
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]int, n)
	back := make([]bool, len(s.g.Edges))
	type frame struct{ node, next int }
	for root := range n {
		if state[root] != unseen {
			continue
		}
		stack := []frame{{root, 0}}
		state[root] = onPath
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(out[f.node]) {
				state[f.node] = done
				stack = stack[:len(stack)-1]
				continue
			}
			ei := out[f.node][f.next]
			f.next++
			switch to := s.g.Edges[ei].To; state[to] {
			case onPath:
				back[ei] = true
			case unseen:
				state[to] = onPath
				stack = append(stack, frame{to, 0})
			}
		}
	}
	for i, e := range s.g.Edges {
		if e.From < 0 || e.From >= n || e.To < 0 || e.To >= n || e.From == e.To {
			continue
		}
		if back[i] {
			s.dag = append(s.dag, dagEdge{from: e.To, to: e.From, edge: i, reversed: true})
		} else {
			s.dag = append(s.dag, dagEdge{from: e.From, to: e.To, edge: i})
		}
	}
}

// assignLayers gives each node the length of the longest path to it, then
// moves each node with no edge coming in as far right as its nearest
// successor allows, so that a source does not sit far left of all it
// points to.
func (s *state) assignLayers() {
	n := len(s.g.Nodes)
	out := make([][]int, n)
	indeg := make([]int, n)
	for i, e := range s.dag {
		out[e.from] = append(out[e.from], i)
		indeg[e.to]++
	}
	s.layer = make([]int, n)
	// Kahn's order, taking ready nodes in input order.
	var topo []int
	left := slices.Clone(indeg)
	for i := range n {
		if left[i] == 0 {
			topo = append(topo, i)
		}
	}
	for k := 0; k < len(topo); k++ {
		v := topo[k]
		for _, ei := range out[v] {
			w := s.dag[ei].to
			s.layer[w] = max(s.layer[w], s.layer[v]+1)
			if left[w]--; left[w] == 0 {
				topo = append(topo, w)
			}
		}
	}
	for k := len(topo) - 1; k >= 0; k-- {
		v := topo[k]
		if indeg[v] != 0 || len(out[v]) == 0 {
			continue
		}
		nearest := math.MaxInt
		for _, ei := range out[v] {
			nearest = min(nearest, s.layer[s.dag[ei].to])
		}
		s.layer[v] = nearest - 1
	}
	lo := slices.Min(s.layer)
	for i := range s.layer {
		s.layer[i] -= lo
		s.nL = max(s.nL, s.layer[i]+1)
	}
}

// buildItems makes an item of every node and a chain of dummy items for
// every edge longer than one layer (in its source's band).
func (s *state) buildItems() {
	for i, n := range s.g.Nodes {
		s.items = append(s.items, item{node: i, band: n.Band, layer: s.layer[i], h: n.H})
	}
	s.chains = make([][]int, len(s.dag))
	for di, e := range s.dag {
		chain := []int{e.from}
		band := s.g.Nodes[e.from].Band
		for l := s.layer[e.from] + 1; l < s.layer[e.to]; l++ {
			s.items = append(s.items, item{node: -1, band: band, layer: l, h: s.opt.TrackH})
			chain = append(chain, len(s.items)-1)
		}
		chain = append(chain, e.to)
		for k := 0; k+1 < len(chain); k++ {
			a, b := chain[k], chain[k+1]
			s.items[a].down = append(s.items[a].down, b)
			s.items[b].up = append(s.items[b].up, a)
		}
		s.chains[di] = chain
	}
	s.layers = make([][]int, s.nL)
	for i := range s.items {
		l := s.items[i].layer
		s.layers[l] = append(s.layers[l], i)
	}
	for _, l := range s.layers {
		// By band, then nodes in input order, then dummies in edge order.
		slices.SortStableFunc(l, func(a, b int) int { return s.rank[s.items[a].band] - s.rank[s.items[b].band] })
		s.renumber(l)
	}
}

func (s *state) renumber(layer []int) {
	for p, it := range layer {
		s.items[it].pos = p
	}
}
