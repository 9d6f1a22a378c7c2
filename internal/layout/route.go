package layout

import (
	"cmp"
	"slices"
)

// route draws every edge and gathers the result. Boxes are centred in
// their column. An edge leaves its source's right side (its left side
// when it runs against the flow), at a port of its own spread along that
// side in the order of where the edges go, crosses each column it passes
// at its dummy's height, horizontally, and runs straight across each gap:
// so it crosses no box, since boxes lie only in columns and no box of a
// column covers a dummy's track or another box's ports.
func (s *state) route() Result {
	res := Result{Width: s.width, Edges: make([]Route, len(s.g.Edges))}
	res.Nodes = make([]Rect, len(s.g.Nodes))
	for i, n := range s.g.Nodes {
		it := s.items[i]
		l := s.layer[i]
		res.Nodes[i] = Rect{X: s.colX[l] + (s.colW[l]-n.W)/2, Y: s.bandY[n.Band] + it.y - n.H/2, W: n.W, H: n.H}
	}
	outPort, inPort := s.ports(res.Nodes)
	for di, e := range s.dag {
		res.Edges[e.edge] = s.chainRoute(di, res.Nodes, outPort[di], inPort[di])
	}
	s.loopRoutes(res.Nodes, res.Edges)
	s.spreadLabels(res.Edges)
	bottom := 0.0
	for _, b := range s.bands {
		r := Rect{X: s.opt.Margin, Y: s.bandY[b] - s.opt.BandLabelH - s.opt.BandPad,
			W: s.width - 2*s.opt.Margin, H: s.bandH[b] + 2*s.opt.BandPad + s.opt.BandLabelH}
		res.Bands = append(res.Bands, Band{Band: b, Rect: r})
		bottom = r.Y + r.H
	}
	for _, r := range res.Edges {
		for _, p := range r.Points {
			bottom = max(bottom, p.Y)
		}
		if r.Label.H > 0 {
			bottom = max(bottom, r.Label.Y+r.Label.H)
		}
	}
	res.Height = bottom + s.opt.Margin
	return res
}

// ports gives each dag edge the height at which it leaves its source's
// right side and reaches its target's left side. A node's ports are spread
// evenly along the side, ordered by the height of the next point on each
// edge (so edges leaving one box do not cross at it), self-loops first on
// the right side.
func (s *state) ports(nodes []Rect) (out, in []float64) {
	out, in = make([]float64, len(s.dag)), make([]float64, len(s.dag))
	right := make([][]int, len(nodes))
	left := make([][]int, len(nodes))
	for di, e := range s.dag {
		right[e.from] = append(right[e.from], di)
		left[e.to] = append(left[e.to], di)
	}
	loops := make([]int, len(nodes))
	for _, ei := range s.loops {
		loops[s.g.Edges[ei].From]++
	}
	yOf := func(it int) float64 { return s.bandY[s.items[it].band] + s.items[it].y }
	for n, r := range nodes {
		next := func(di int) float64 { return yOf(s.chains[di][1]) }
		prev := func(di int) float64 { c := s.chains[di]; return yOf(c[len(c)-2]) }
		slices.SortStableFunc(right[n], func(a, b int) int { return cmp.Compare(next(a), next(b)) })
		slices.SortStableFunc(left[n], func(a, b int) int { return cmp.Compare(prev(a), prev(b)) })
		slots := float64(len(right[n]) + 2*loops[n] + 1)
		for k, di := range right[n] {
			out[di] = r.Y + r.H*float64(k+2*loops[n]+1)/slots
		}
		slots = float64(len(left[n]) + 1)
		for k, di := range left[n] {
			in[di] = r.Y + r.H*float64(k+1)/slots
		}
	}
	return out, in
}

// chainRoute draws one dag edge through its dummies.
func (s *state) chainRoute(di int, nodes []Rect, outY, inY float64) Route {
	e := s.dag[di]
	chain := s.chains[di]
	src, dst := nodes[e.from], nodes[e.to]
	ls, lt := s.layer[e.from], s.layer[e.to]
	pts := []Point{{src.X + src.W, outY}, {s.colX[ls] + s.colW[ls], outY}}
	for _, it := range chain[1 : len(chain)-1] {
		y := s.bandY[s.items[it].band] + s.items[it].y
		l := s.items[it].layer
		pts = append(pts, Point{s.colX[l], y}, Point{s.colX[l] + s.colW[l], y})
	}
	pts = append(pts, Point{s.colX[lt], inY}, Point{dst.X, inY})
	// The label goes in the gap the edge crosses first from its own
	// source: after the dag source, or before the dag target when the
	// edge was reversed.
	seg := 1 // pts[1] → pts[2] crosses the gap after the source's column
	if e.reversed {
		seg = len(pts) - 3 // pts[n-3] → pts[n-2] crosses the gap before the target's
	}
	in := s.g.Edges[e.edge]
	r := Route{Reversed: e.reversed}
	if in.LabelW > 0 && in.LabelH > 0 {
		a, b := pts[seg], pts[seg+1]
		r.Label = Rect{X: (a.X+b.X)/2 - in.LabelW/2, Y: (a.Y+b.Y)/2 - in.LabelH/2, W: in.LabelW, H: in.LabelH}
		s.labelSeg[e.edge] = [2]Point{a, b}
	}
	pts = dedupe(pts)
	if e.reversed {
		slices.Reverse(pts)
	}
	r.Points = pts
	return r
}

// loopRoutes draws each self-loop out of the top of its box's right side
// into the gap after its column and back.
func (s *state) loopRoutes(nodes []Rect, routes []Route) {
	seen := map[int]int{}
	for _, ei := range s.loops {
		e := s.g.Edges[ei]
		n := nodes[e.From]
		k := seen[e.From]
		seen[e.From]++
		slots := 0.0
		for _, o := range s.loops {
			if s.g.Edges[o].From == e.From {
				slots += 2
			}
		}
		for _, de := range s.dag {
			if de.from == e.From {
				slots++
			}
		}
		slots++
		l := s.layer[e.From]
		right := s.colX[l] + s.colW[l]
		y1 := n.Y + n.H*float64(2*k+1)/slots
		y2 := n.Y + n.H*float64(2*k+2)/slots
		reach := right + loopW
		r := Route{Points: dedupe([]Point{{n.X + n.W, y1}, {reach, y1}, {reach, y2}, {n.X + n.W, y2}})}
		if e.LabelW > 0 && e.LabelH > 0 {
			r.Label = Rect{X: reach + s.opt.LabelPad, Y: (y1+y2)/2 - e.LabelH/2, W: e.LabelW, H: e.LabelH}
		}
		routes[ei] = r
	}
}

// slide are the places along its segment a label may take, as fractions
// of the way across the gap, the middle first.
var slide = []float64{0.5, 0.35, 0.65, 0.2, 0.8}

// spreadLabels keeps labels off one another: each, in order of height,
// takes the first place along its own segment where it covers no label
// placed before it and still lies inside its gap; when there is none it
// moves down from the middle until it is clear. Labels stay inside their
// gap, so off every box.
func (s *state) spreadLabels(routes []Route) {
	var idx []int
	for i, r := range routes {
		if r.Label.W > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ra, rb := routes[a].Label, routes[b].Label
		if c := cmp.Compare(ra.Y, rb.Y); c != 0 {
			return c
		}
		return cmp.Compare(ra.X, rb.X)
	})
	var placed []Rect
	clear := func(r Rect) bool {
		for _, p := range placed {
			if p.Overlaps(r) {
				return false
			}
		}
		return true
	}
	for _, i := range idx {
		lab := &routes[i].Label
		if seg, ok := s.labelSeg[i]; ok && !clear(*lab) {
			s.slideLabel(lab, seg, clear)
		}
		for moved := true; moved; {
			moved = false
			for _, p := range placed {
				if p.Overlaps(*lab) {
					lab.Y = p.Y + p.H + 1
					moved = true
				}
			}
		}
		placed = append(placed, *lab)
	}
}

// slideLabel moves a label along its segment a→b (across a gap) to the
// first place that is clear and inside the gap, if any.
func (s *state) slideLabel(lab *Rect, seg [2]Point, clear func(Rect) bool) {
	a, b := seg[0], seg[1]
	left, right := min(a.X, b.X)+s.opt.LabelPad, max(a.X, b.X)-s.opt.LabelPad
	for _, t := range slide[1:] {
		c := Point{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}
		r := Rect{X: c.X - lab.W/2, Y: c.Y - lab.H/2, W: lab.W, H: lab.H}
		if r.X >= left && r.X+r.W <= right && clear(r) {
			*lab = r
			return
		}
	}
}

// dedupe drops points equal to the one before (a box as wide as its
// column leaves it with no segment inside the column).
func dedupe(pts []Point) []Point {
	out := pts[:1]
	for _, p := range pts[1:] {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}
