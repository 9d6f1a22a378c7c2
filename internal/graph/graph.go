// Package graph resolves a definition's references: which object each ref
// names, the effective value of a field (the object's own, else along its
// parent chain, else the Default object), the edges per slot, and the
// cycles through parent and dependsOn. Building it is linear in the size of
// the definition.
package graph

import (
	"sort"
	"sync"

	"github.com/dplint/dplint/definition"
)

// DefaultID is the id of the object every other object inherits from.
const DefaultID = "Default"

// Edge is one reference: From's field Field holds Value, naming To (nil
// when no object has that id).
type Edge struct {
	From  *definition.Object
	Field *definition.Field
	Value *definition.Value
	To    *definition.Object
}

// Cycle is a loop through one slot, in order: Objects[0] → Objects[1] → …
// → Objects[0].
type Cycle struct {
	Slot    string
	Objects []*definition.Object
	Edges   []Edge // Edges[i] goes from Objects[i] to the next
}

// Graph is the resolved definition.
type Graph struct {
	Def *definition.Definition
	// Default is the object with id "Default", or nil.
	Default *definition.Object
	// Edges lists every reference in definition order.
	Edges []Edge

	byID     map[string]*definition.Object
	out      map[*definition.Object][]Edge
	in       map[*definition.Object][]Edge
	up       map[*definition.Object]*definition.Object // the parent each object names
	upEdge   map[*definition.Object]Edge
	children map[*definition.Object]bool // used as someone's parent
	dangling map[*definition.Object]bool // names a parent that is not in the definition
	cycles   []Cycle
	// memo remembers inherited answers:
	// for each key, a list by object (its link's number) of the holder found,
	// nil while unknown and &noHolder for none. One map of every (object,
	// key) pair held millions of entries for 40,000 objects in a chain,
	// and its probes, each a cache miss, made the lint of such a chain
	// grow faster than the chain.
	memo map[string][]*definition.Object
	// links holds the objects with a parent or a child; on a parent loop,
	// the loop in parent order (each one's parent is the next).
	links map[*definition.Object]link
	// memoMu guards memo: the rules of a big definition run in parallel,
	// and all of them ask what objects inherit. Only objects with a parent
	// reach it.
	memoMu sync.Mutex
	path   []int32                    // inherited's walk (link numbers), reused
	order  map[*definition.Object]int // the index of each object's first place in Def.Objects
}

// Build resolves d.
func Build(d *definition.Definition) *Graph {
	// The maps are made at their size and the edge lists carved from
	// lists of their counted size: grown one by one, they were most of
	// what resolving 100,000 objects allocated.
	g := &Graph{
		Def:      d,
		byID:     make(map[string]*definition.Object, len(d.Objects)),
		out:      make(map[*definition.Object][]Edge, len(d.Objects)),
		children: map[*definition.Object]bool{},
		dangling: map[*definition.Object]bool{},
		order:    make(map[*definition.Object]int, len(d.Objects)),
	}
	refs := 0
	for i, o := range d.Objects {
		if _, ok := g.order[o]; !ok {
			g.order[o] = i
		}
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind == definition.Ref {
					refs++
				}
			}
		}
		if o.ID == "" {
			continue
		}
		if _, dup := g.byID[o.ID]; !dup {
			g.byID[o.ID] = o // the first of duplicate ids (reported by its own rule)
		}
	}
	g.Default = g.byID[DefaultID]
	g.Edges = make([]Edge, 0, refs)
	inCount := map[*definition.Object]int{}
	for _, o := range d.Objects {
		start := len(g.Edges)
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind != definition.Ref {
					continue
				}
				e := Edge{From: o, Field: f, Value: v, To: g.byID[v.Text]}
				g.Edges = append(g.Edges, e)
				if e.To != nil {
					inCount[e.To]++
					if f.Key == "parent" {
						g.children[e.To] = true
					}
				}
			}
		}
		if len(g.Edges) > start {
			// An object's references are a run of Edges: its list is that
			// run (cut at its end, so appending to it copies).
			out := g.Edges[start:len(g.Edges):len(g.Edges)]
			if prev, ok := g.out[o]; ok { // the same object listed twice
				out = append(prev, out...)
			}
			g.out[o] = out
		}
	}
	// Each object's references to it, in definition order, in one list:
	// each object's part is sized by the count, so append stays in it.
	g.in = make(map[*definition.Object][]Edge, len(inCount))
	block := make([]Edge, 0, len(g.Edges))
	for _, e := range g.Edges {
		if e.To == nil {
			continue
		}
		in, ok := g.in[e.To]
		if !ok {
			n := inCount[e.To]
			in, block = block[len(block):len(block):len(block)+n], block[:len(block)+n]
		}
		g.in[e.To] = append(in, e)
	}
	g.resolveParents()
	g.cycles = append(g.cycles, g.findCycles("dependsOn")...)
	for i := range g.cycles {
		g.cycles[i].rotate(g.order)
	}
	sort.SliceStable(g.cycles, func(i, j int) bool {
		return g.order[g.cycles[i].Objects[0]] < g.order[g.cycles[j].Objects[0]]
	})
	return g
}

// rotate starts the cycle at its object that comes first in the definition.
func (c *Cycle) rotate(order map[*definition.Object]int) {
	first := 0
	for i, o := range c.Objects {
		if order[o] < order[c.Objects[first]] {
			first = i
		}
	}
	if first == 0 || len(c.Edges) != len(c.Objects) {
		return
	}
	c.Objects = append(c.Objects[first:], c.Objects[:first]...)
	c.Edges = append(c.Edges[first:], c.Edges[:first]...)
}

// Object returns the object with an id (the first, if ids repeat), or nil.
func (g *Graph) Object(id string) *definition.Object { return g.byID[id] }

// Out lists o's references in field order.
func (g *Graph) Out(o *definition.Object) []Edge { return g.out[o] }

// In lists the references to o.
func (g *Graph) In(o *definition.Object) []Edge { return g.in[o] }

// UsedAsParent reports whether some object names o as its parent.
func (g *Graph) UsedAsParent(o *definition.Object) bool { return g.children[o] }

// Parents returns o's parent chain, nearest first; a chain that loops stops
// before repeating an object (or reaching o again).
func (g *Graph) Parents(o *definition.Object) []*definition.Object {
	var out []*definition.Object
	seen := map[*definition.Object]bool{o: true}
	for p := g.up[o]; p != nil && !seen[p]; p = g.up[p] {
		seen[p] = true
		out = append(out, p)
	}
	return out
}

// Unresolved reports whether some of o's fields cannot be known: it
// inherits from a parent the definition does not hold (a fragment whose
// parents live in another file, or a dangling parent), directly or up its
// chain, or its fields or a parent's are partly built at deploy time (a
// template's Fn::If among them). Checks that a field is missing must stay
// quiet for it.
func (g *Graph) Unresolved(o *definition.Object) bool {
	if g.unresolvedHere(o) {
		return true
	}
	return g.inherited(o, keyUnresolved, g.unresolvedHere).from != nil
}

func (g *Graph) unresolvedHere(o *definition.Object) bool {
	return g.dangling[o] || g.Def.Embedded != nil && g.Def.Embedded.Partial[o.ID]
}

// Cycles lists the parent and dependsOn cycles, each once, in the order of
// their first object in the definition.
func (g *Graph) Cycles() []Cycle { return g.cycles }

// Lookup finds the field that gives o its value for key: o's own, else the
// nearest parent's, else Default's (when o is not Default itself). from is
// the object that holds it; nil when no object does.
func (g *Graph) Lookup(o *definition.Object, key string) (f *definition.Field, from *definition.Object) {
	if f := o.Field(key); f != nil {
		return f, o
	}
	if r := g.inherited(o, key, func(p *definition.Object) bool { return p.Field(key) != nil }); r.from != nil {
		return r.from.Field(key), r.from
	}
	if g.Default != nil && o != g.Default {
		if f := g.Default.Field(key); f != nil {
			return f, g.Default
		}
	}
	return nil, nil
}

// Type returns o's effective type: its own "type", else the nearest
// parent's ("" when none has one). Types come through parent only,
// Index is o's first place in Def.Objects, and false for an object that is
// not one of them.
func (g *Graph) Index(o *definition.Object) (int, bool) {
	if i, ok := g.Def.IndexOf(o); ok {
		return i, true // an object is in Def.Objects once when Read made them
	}
	i, ok := g.order[o]
	return i, ok
}

// never from Default.
func (g *Graph) Type(o *definition.Object) string {
	if t := o.Type(); t != "" {
		return t
	}
	if r := g.inherited(o, keyType, func(p *definition.Object) bool { return p.Type() != "" }); r.from != nil {
		return r.from.Type()
	}
	return ""
}

// Keys of inherited's memo for questions that are not a field's value.
// They start with a NUL byte so as not to meet a field of the same name.
const (
	keyType       = "\x00type"
	keyUnresolved = "\x00unresolved"
)

// holder is the answer of inherited: the nearest object up a parent chain
// for which a test holds.
type holder struct{ from *definition.Object }

// noHolder is memo's answer "no object holds it".
var noHolder definition.Object

// link is what inherited needs of an object on a parent chain, found with
// one map lookup: its parent, its number in memo's lists and, on a
// parent loop, the loop.
type link struct {
	up   *definition.Object
	n    int32
	loop []*definition.Object
}

// answers is memo's list for key, made on its first question. memoMu is
// held.
func (g *Graph) answers(key string) []*definition.Object {
	a, ok := g.memo[key]
	if !ok {
		if g.memo == nil {
			g.memo = map[string][]*definition.Object{}
		}
		a = make([]*definition.Object, len(g.links))
		g.memo[key] = a
	}
	return a
}

// known is the answer remembered at n, if any.
func known(a []*definition.Object, n int32) (holder, bool) {
	switch a[n] {
	case nil:
		return holder{}, false
	case &noHolder:
		return holder{}, true
	}
	return holder{a[n]}, true
}

// remember records r as the answer at n.
func remember(a []*definition.Object, n int32, r holder) {
	if r.from == nil {
		a[n] = &noHolder
	} else {
		a[n] = r.from
	}
}

// inherited returns the nearest object above o on its parent chain (o
// itself excluded; a chain that loops stops before repeating) for which
// has holds. Answers are remembered per object and key, and a chain is
// walked once for every object on it, so the cost is linear in the length
// of the chains whatever their shape: a chain of 4,000 parents, a loop of
// 2,000, every rule asking of every object.
func (g *Graph) inherited(o *definition.Object, key string, has func(*definition.Object) bool) holder {
	lo, ok := g.links[o]
	if !ok || lo.up == nil {
		return holder{}
	}
	g.memoMu.Lock()
	defer g.memoMu.Unlock()
	a := g.answers(key)
	if r, ok := known(a, lo.n); ok {
		return r
	}
	if lo.loop != nil {
		g.loopAnswers(a, lo.loop, has)
		r, _ := known(a, lo.n)
		return r
	}
	// Walk up to the first answer known, the first holder, the end of the
	// chain or a loop; then every object walked gets its answer. The path
	// is kept for the next walk (memoMu is held): the first question of
	// each key walks whole chains.
	path := g.path[:0]
	defer func() { g.path = path[:0] }()
	cur := lo
	var r holder
	for {
		path = append(path, cur.n)
		next := cur.up
		if next == nil {
			break
		}
		if has(next) {
			r = holder{next}
			break
		}
		ln := g.links[next] // a parent is on the chain: it has a link
		if k, ok := known(a, ln.n); ok {
			r = k
			break
		}
		if ln.loop != nil {
			g.loopAnswers(a, ln.loop, has)
			r, _ = known(a, ln.n)
			break
		}
		cur = ln
	}
	for _, n := range path {
		remember(a, n, r)
	}
	return r
}

// loopAnswers answers inherited for every object of a parent loop: the
// next object along the loop, other than itself, for which has holds.
func (g *Graph) loopAnswers(a []*definition.Object, loop []*definition.Object, has func(*definition.Object) bool) {
	n := len(loop) // loop[i]'s parent is loop[(i+1)%n]
	next := holder{}
	// Two passes backwards: the second sees, for each object, the nearest
	// holder after it around the loop.
	for pass := 0; pass < 2; pass++ {
		for i := n - 1; i >= 0; i-- {
			o := loop[i]
			if pass == 1 {
				r := next
				if r.from == o {
					r = holder{} // only o itself holds it: the chain stops before o
				}
				remember(a, g.links[o].n, r)
			}
			if has(o) {
				next = holder{o}
			}
		}
	}
}

// resolveParents records each object's parent and each parent loop once.
// It visits every object a bounded number of times: linear.
func (g *Graph) resolveParents() {
	parents := 0
	for _, o := range g.Def.Objects {
		for _, e := range g.out[o] {
			if e.Field.Key == "parent" {
				parents++
				break
			}
		}
	}
	g.up = make(map[*definition.Object]*definition.Object, parents)
	g.upEdge = make(map[*definition.Object]Edge, parents)
	for _, o := range g.Def.Objects {
		for _, e := range g.out[o] {
			if e.Field.Key != "parent" {
				continue
			}
			if e.To == nil {
				g.dangling[o] = true
				continue
			}
			g.up[o] = e.To
			g.upEdge[o] = e
			break
		}
	}
	// Only objects on a parent chain reach the memo: they are numbered
	// for its lists, which are then no longer than the chains.
	g.links = make(map[*definition.Object]link, 2*len(g.up))
	for _, o := range g.Def.Objects {
		if p := g.up[o]; p != nil {
			for _, x := range [2]*definition.Object{o, p} {
				if _, ok := g.links[x]; !ok {
					g.links[x] = link{up: g.up[x], n: int32(len(g.links))}
				}
			}
		}
	}
	const (
		unseen = iota
		active
		done
	)
	state := make(map[*definition.Object]int, len(g.links))
	for _, start := range g.Def.Objects {
		if g.up[start] == nil {
			continue // on no chain, or a chain's top: reached from below
		}
		var path []*definition.Object
		cur := start
		for cur != nil && state[cur] == unseen {
			state[cur] = active
			path = append(path, cur)
			cur = g.up[cur]
		}
		if cur != nil && state[cur] == active {
			i := 0
			for path[i] != cur {
				i++
			}
			c := Cycle{Slot: "parent", Objects: append([]*definition.Object(nil), path[i:]...)}
			for _, o := range c.Objects {
				c.Edges = append(c.Edges, g.upEdge[o])
				l := g.links[o]
				l.loop = path[i:len(path):len(path)] // in parent order; Cycle.rotate does not touch it
				g.links[o] = l
			}
			g.cycles = append(g.cycles, c)
		}
		for _, o := range path {
			state[o] = done
		}
	}
}

// findCycles finds the cycles through one slot with Tarjan's algorithm
// (iteratively, so the depth of the definition cannot exhaust the stack);
// each strongly connected component with a loop is reported once, as one
// cycle through all of its objects where one exists along the slot's edges.
func (g *Graph) findCycles(slot string) []Cycle {
	next := func(o *definition.Object) []Edge {
		all, n := g.out[o], 0
		for _, e := range all {
			if e.Field.Key == slot && e.To != nil {
				n++
			}
		}
		if n == len(all) || n == 0 {
			return all[:n] // all of them or none: no list to make
		}
		out := make([]Edge, 0, n)
		for _, e := range all {
			if e.Field.Key == slot && e.To != nil {
				out = append(out, e)
			}
		}
		return out
	}
	// One map of each object's state, made at its size, where three grew.
	type state struct {
		index, low int
		onStack    bool
	}
	states := make(map[*definition.Object]*state, len(g.Def.Objects))
	slab := make([]state, len(g.Def.Objects))
	visit := func(o *definition.Object, counter int) *state {
		var st *state
		if len(slab) > 0 {
			st, slab = &slab[0], slab[1:]
		} else {
			st = new(state) // an object outside Def.Objects
		}
		*st = state{index: counter, low: counter, onStack: true}
		states[o] = st
		return st
	}
	var stack []*definition.Object
	var comps [][]*definition.Object
	counter := 0
	type frame struct {
		o     *definition.Object
		st    *state
		edges []Edge
		i     int
	}
	var work []frame
	for _, root := range g.Def.Objects {
		if _, seen := states[root]; seen {
			continue
		}
		work = append(work[:0], frame{o: root, st: visit(root, counter), edges: next(root)})
		counter++
		stack = append(stack, root)
		for len(work) > 0 {
			f := &work[len(work)-1]
			if f.i < len(f.edges) {
				w := f.edges[f.i].To
				f.i++
				if ws, seen := states[w]; !seen {
					ws = visit(w, counter)
					counter++
					stack = append(stack, w)
					work = append(work, frame{o: w, st: ws, edges: next(w)})
				} else if ws.onStack && ws.index < f.st.low {
					f.st.low = ws.index
				}
				continue
			}
			done := *f
			work = work[:len(work)-1]
			if len(work) > 0 {
				if p := work[len(work)-1].st; done.st.low < p.low {
					p.low = done.st.low
				}
			}
			if done.st.low == done.st.index {
				var comp []*definition.Object
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					states[w].onStack = false
					comp = append(comp, w)
					if w == done.o {
						break
					}
				}
				comps = append(comps, comp)
			}
		}
	}
	order := g.order
	var cycles []Cycle
	for _, comp := range comps {
		in := map[*definition.Object]bool{}
		for _, o := range comp {
			in[o] = true
		}
		first := comp[0]
		for _, o := range comp {
			if order[o] < order[first] {
				first = o
			}
		}
		if len(comp) == 1 {
			for _, e := range next(first) {
				if e.To == first { // a self-loop
					cycles = append(cycles, Cycle{Slot: slot, Objects: []*definition.Object{first}, Edges: []Edge{e}})
					break
				}
			}
			continue
		}
		cycles = append(cycles, loopFrom(first, in, next, slot))
	}
	return cycles
}

// loopFrom walks from first along edges inside the component until it
// comes back to first, taking at each step the next object in definition
// order not yet visited, falling back to any edge that closes the loop.
func loopFrom(first *definition.Object, in map[*definition.Object]bool, next func(*definition.Object) []Edge, slot string) Cycle {
	c := Cycle{Slot: slot}
	visited := map[*definition.Object]bool{}
	cur := first
	for {
		c.Objects = append(c.Objects, cur)
		visited[cur] = true
		var step *Edge
		for _, e := range next(cur) {
			e := e
			if e.To == first && len(c.Objects) > 1 {
				step = &e
				break
			}
			if in[e.To] && !visited[e.To] && step == nil {
				step = &e
			}
		}
		if step == nil {
			// Dead end inside the component: close the loop as reported.
			for _, e := range next(cur) {
				if in[e.To] {
					e := e
					step = &e
					break
				}
			}
		}
		if step == nil {
			return c
		}
		c.Edges = append(c.Edges, *step)
		if step.To == first || visited[step.To] {
			return c
		}
		cur = step.To
	}
}
