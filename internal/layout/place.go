package layout

// placeY settles each item's centre within its band and the bands' places.
// Within one band and layer the order is fixed; each sweep moves the items
// as near as the order allows to the mean centre of their neighbours in
// the same band (least squares under the spacing, exactly, by pooling
// adjacent violators), alternating the side looked at.
func (s *state) placeY() {
	groups := s.groups()
	for _, g := range groups {
		s.stack(g)
	}
	for sweep := 0; sweep < 2*s.opt.Sweeps; sweep++ {
		up := sweep%2 == 0
		for k := range groups {
			if !up {
				k = len(groups) - 1 - k
			}
			s.settle(groups[k], up)
		}
	}
	// Both sides at once, to finish.
	for _, g := range groups {
		s.settleBoth(g)
	}
	s.bandY, s.bandH = map[int]float64{}, map[int]float64{}
	for _, g := range groups {
		last := g[len(g)-1]
		b := s.items[last].band
		s.bandH[b] = max(s.bandH[b], s.items[last].y+s.items[last].h/2)
	}
	y := s.opt.Margin
	for _, b := range s.bands {
		s.bandY[b] = y + s.opt.BandLabelH + s.opt.BandPad
		y = s.bandY[b] + s.bandH[b] + s.opt.BandPad + s.opt.BandGap
	}
}

// groups splits every layer into its runs of one band, layer by layer.
func (s *state) groups() [][]int {
	var out [][]int
	for _, layer := range s.layers {
		for start := 0; start < len(layer); {
			end := start + 1
			for end < len(layer) && s.items[layer[end]].band == s.items[layer[start]].band {
				end++
			}
			out = append(out, layer[start:end])
			start = end
		}
	}
	return out
}

// stack places a group's items one below the other, from the top.
func (s *state) stack(g []int) {
	y := 0.0
	for _, it := range g {
		s.items[it].y = y + s.items[it].h/2
		y += s.items[it].h + s.opt.NodeSep
	}
}

// settle moves a group towards its neighbours in the layer before (up) or
// after; an item with none there stays where it wants to be now.
func (s *state) settle(g []int, up bool) {
	want := make([]float64, len(g))
	for k, it := range g {
		nb := s.items[it].down
		if up {
			nb = s.items[it].up
		}
		want[k] = s.meanY(it, nb)
	}
	s.fit(g, want)
}

func (s *state) settleBoth(g []int) {
	want := make([]float64, len(g))
	for k, it := range g {
		nb := append(append([]int(nil), s.items[it].up...), s.items[it].down...)
		want[k] = s.meanY(it, nb)
	}
	s.fit(g, want)
}

// meanY is the mean centre of it's neighbours in its own band, or its own
// centre when it has none there.
func (s *state) meanY(it int, nb []int) float64 {
	sum, n := 0.0, 0
	for _, o := range nb {
		if s.items[o].band == s.items[it].band {
			sum += s.items[o].y
			n++
		}
	}
	if n == 0 {
		return s.items[it].y
	}
	return sum / float64(n)
}

// fit sets the centres of a group's items (in order) as near to want as
// the spacing allows, in the least-squares sense, and none above the top:
// with z[k] = y[k] - off[k], where off[k] is the least distance from the
// first centre, the constraint is that z does not decrease, which the
// pool-adjacent-violators algorithm solves exactly; clipping at the top
// keeps it optimal.
func (s *state) fit(g []int, want []float64) {
	n := len(g)
	off := make([]float64, n)
	for k := 1; k < n; k++ {
		a, b := s.items[g[k-1]], s.items[g[k]]
		off[k] = off[k-1] + (a.h+b.h)/2 + s.opt.NodeSep
	}
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for k := range n {
		blocks = append(blocks, block{want[k] - off[k], 1})
		for len(blocks) > 1 {
			p, q := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if p.sum/float64(p.count) <= q.sum/float64(q.count) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{p.sum + q.sum, p.count + q.count})
		}
	}
	top := s.items[g[0]].h / 2
	k := 0
	for _, bl := range blocks {
		z := max(bl.sum/float64(bl.count), top)
		for range bl.count {
			s.items[g[k]].y = z + off[k]
			k++
		}
	}
}

// placeX sizes the columns (the widest box of each) and the gaps after
// them (wide enough for the widest label placed there, and for self-loops).
func (s *state) placeX() {
	s.colW = make([]float64, s.nL)
	s.gapW = make([]float64, s.nL)
	for i, n := range s.g.Nodes {
		s.colW[s.layer[i]] = max(s.colW[s.layer[i]], n.W)
	}
	for l := 0; l+1 < s.nL; l++ {
		s.gapW[l] = s.opt.LayerGap
	}
	for _, e := range s.dag {
		in := s.g.Edges[e.edge]
		if in.LabelW <= 0 {
			continue
		}
		gap := s.layer[e.from] // where it leaves its source, to the right
		if e.reversed {
			gap = s.layer[e.to] - 1 // it leaves to the left
		}
		// Half as wide again as the label, so that labels crowding one
		// gap can slide along their edges out of each other's way.
		s.gapW[gap] = max(s.gapW[gap], 1.5*in.LabelW+2*s.opt.LabelPad)
	}
	for _, ei := range s.loops {
		in := s.g.Edges[ei]
		l := s.layer[in.From]
		s.gapW[l] = max(s.gapW[l], loopW+in.LabelW+2*s.opt.LabelPad)
	}
	s.colX = make([]float64, s.nL)
	x := s.opt.Margin + s.opt.BandPad
	for l := range s.nL {
		s.colX[l] = x
		x += s.colW[l] + s.gapW[l]
	}
	s.width = max(x+s.opt.BandPad+s.opt.Margin, s.opt.MinWidth)
}

// loopW is how far right of its column a self-loop reaches.
const loopW = 14
