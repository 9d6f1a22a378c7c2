package rules

import (
	"strconv"
	"testing"
)

// TestFound: findings come back in the order reported across blocks,
// Drain empties the list, and a nil list is empty.
func TestFound(t *testing.T) {
	var none *Found
	if none.Len() != 0 {
		t.Fatal("a nil Found is not empty")
	}
	for range none.All() {
		t.Fatal("a nil Found yields")
	}
	none.Drain(func(*Placed) { t.Fatal("a nil Found drains") })
	for _, n := range []int{1, firstFoundBlock, firstFoundBlock + 1, 3*maxFoundBlock + 5} {
		f := &Found{}
		for i := range n {
			f.add(Placed{Placement: Placement{Object: strconv.Itoa(i)}})
		}
		if f.Len() != n {
			t.Fatalf("%d added, Len %d", n, f.Len())
		}
		for _, b := range f.blocks {
			if cap(b) > maxFoundBlock {
				t.Fatalf("%d added: a block of %d", n, cap(b))
			}
		}
		i := 0
		for p := range f.All() {
			if p.Object != strconv.Itoa(i) {
				t.Fatalf("%d added: All gave %q at %d", n, p.Object, i)
			}
			i++
			if n > 10 && i == 10 {
				break // All stops when asked
			}
		}
		if i != min(n, 10) {
			t.Fatalf("%d added: All gave %d", n, i)
		}
		i = 0
		f.Drain(func(p *Placed) {
			if p.Object != strconv.Itoa(i) {
				t.Fatalf("%d added: Drain gave %q at %d", n, p.Object, i)
			}
			i++
		})
		if i != n || f.Len() != 0 || f.blocks != nil {
			t.Fatalf("%d added: Drain saw %d and left Len %d", n, i, f.Len())
		}
	}
}
