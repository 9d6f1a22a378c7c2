package layout

import (
	"cmp"
	"slices"
)

// order reduces crossings: sweeps down (each layer sorted by the mean
// place of its neighbours in the layer before) and up (the layer after),
// keeping the order with the fewest crossings seen. Within a layer items
// stay grouped by band; an item with no neighbour on that side keeps its
// place, and ties keep the earlier order, so the input order decides them.
func (s *state) order() {
	best := s.saveOrder()
	bestC := s.crossings()
	for sweep := 0; sweep < s.opt.Sweeps && bestC > 0; sweep++ {
		if sweep%2 == 0 {
			for l := 1; l < s.nL; l++ {
				s.sortLayer(l, true)
			}
		} else {
			for l := s.nL - 2; l >= 0; l-- {
				s.sortLayer(l, false)
			}
		}
		if c := s.crossings(); c < bestC {
			best, bestC = s.saveOrder(), c
		}
	}
	s.layers = best
	for _, l := range s.layers {
		s.renumber(l)
	}
}

func (s *state) saveOrder() [][]int {
	out := make([][]int, len(s.layers))
	for i, l := range s.layers {
		out[i] = slices.Clone(l)
	}
	return out
}

// sortLayer sorts layer l by barycenter against the layer before (up) or
// after it.
func (s *state) sortLayer(l int, up bool) {
	layer := s.layers[l]
	if s.key == nil {
		s.key = make([]float64, len(s.items))
	}
	key := s.key
	for _, it := range layer {
		nb := s.items[it].down
		if up {
			nb = s.items[it].up
		}
		if len(nb) == 0 {
			key[it] = float64(s.items[it].pos)
			continue
		}
		sum := 0.0
		for _, o := range nb {
			sum += float64(s.items[o].pos)
		}
		key[it] = sum / float64(len(nb))
	}
	slices.SortStableFunc(layer, func(a, b int) int {
		if c := s.rank[s.items[a].band] - s.rank[s.items[b].band]; c != 0 {
			return c
		}
		return cmp.Compare(key[a], key[b])
	})
	s.renumber(layer)
}

// crossings counts the crossings between every two neighbouring layers.
func (s *state) crossings() int {
	total := 0
	for l := 0; l+1 < s.nL; l++ {
		total += s.crossingsAfter(l)
	}
	return total
}

// crossingsAfter counts the crossings of the segments between layer l and
// l+1: the inversions of their lower ends once sorted by their upper ends,
// counted with a Fenwick tree (O(e log e)).
func (s *state) crossingsAfter(l int) int {
	type seg struct{ a, b int }
	var segs []seg
	for _, it := range s.layers[l] {
		for _, o := range s.items[it].down {
			segs = append(segs, seg{s.items[it].pos, s.items[o].pos})
		}
	}
	slices.SortFunc(segs, func(x, y seg) int {
		if x.a != y.a {
			return x.a - y.a
		}
		return x.b - y.b
	})
	n := len(s.layers[l+1])
	tree := make([]int, n+1)
	count, seen := 0, 0
	for _, sg := range segs {
		// Segments seen so far whose lower end is right of this one's.
		le := 0
		for i := sg.b + 1; i > 0; i -= i & -i {
			le += tree[i]
		}
		count += seen - le
		for i := sg.b + 1; i <= n; i += i & -i {
			tree[i]++
		}
		seen++
	}
	return count
}
