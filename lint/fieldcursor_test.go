package lint

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/benchdata"
	"github.com/dplint/dplint/source"
)

// TestFieldsObjectCursor: the object a place is in, found from the last
// one asked for, is the one a binary search finds, for places asked in
// file order (as a rule reports), backwards and at random.
func TestFieldsObjectCursor(t *testing.T) {
	data := benchdata.Synthetic(300)
	def := definition.Read("s.json", source.Parse("s.json", data))
	if len(def.Objects) < 300 {
		t.Fatalf("read %d objects", len(def.Objects))
	}
	f := newFields(def)
	want := func(off int) int {
		return sort.Search(len(f.objects), func(i int) bool { return f.objects[i].Node.Start > off }) - 1
	}
	var offs []int
	for off := 0; off < len(data); off += 7 {
		offs = append(offs, off)
	}
	check := func(order string, offs []int) {
		for _, off := range offs {
			if got, w := f.object(off), want(off); got != w {
				t.Fatalf("%s: byte %d: object %d, want %d", order, off, got, w)
			}
		}
	}
	check("in order", offs)
	rev := make([]int, len(offs))
	for i, o := range offs {
		rev[len(offs)-1-i] = o
	}
	check("backwards", rev)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(offs), func(i, j int) { offs[i], offs[j] = offs[j], offs[i] })
	check("at random", offs)
}
