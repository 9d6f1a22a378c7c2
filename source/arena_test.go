package source

import "testing"

// A list from the arena is cut to its length: appending to it must copy,
// never write over the list handed out next (the template builder
// appends to lists it takes at an expected size).
func TestArenaListsDoNotOverlap(t *testing.T) {
	var a Arena
	first := a.Members(2)[:0]
	second := a.Members(2)
	x, y := a.Member("x", 0, 1, nil), a.Member("y", 1, 2, nil)
	second[0], second[1] = y, y
	first = append(first, x, x, x) // past its capacity: a copy
	if second[0] != y || second[1] != y {
		t.Fatalf("appending to one list overwrote the next: %v", second)
	}
	if len(first) != 3 || first[2] != x {
		t.Fatalf("append lost a member: %v", first)
	}
	elems := a.Elems(3)
	if len(elems) != 3 || cap(elems) != 3 {
		t.Fatalf("Elems(3): len %d cap %d, want 3 and 3", len(elems), cap(elems))
	}
	if a.Elems(0) != nil || a.Members(0) != nil {
		t.Fatal("an empty list should be nil, as the parser leaves it")
	}
	n := a.Node(Object, 4, 9)
	if n.Kind != Object || n.Start != 4 || n.End != 9 || n.Members != nil {
		t.Fatalf("Node: %+v", n)
	}
	// Many values come from few blocks, each a fresh, zeroed one.
	for i := 0; i < 5000; i++ {
		if m := a.Member("k", i, i+1, nil); m.KeyStart != i || m.Value != nil {
			t.Fatalf("member %d: %+v", i, m)
		}
	}
}
