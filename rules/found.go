package rules

import "iter"

// Found is what one rule's analyzer found, in the order it was reported:
// its analyzer's result. It is kept in blocks, not one list: a rule that
// reports on every object of a big definition (hundreds of thousands of
// findings) copied its list each time it grew, and a list twice the size
// it needed was still held while the findings were converted; blocks are
// never copied and are dropped one by one as they are converted (Drain).
// The zero value and a nil *Found are empty.
type Found struct {
	blocks [][]Placed
	n      int
}

// The first block holds a few findings, each next one twice the last, up
// to maxFoundBlock: a rule with one finding allocates little, one with a
// hundred thousand a few hundred blocks of about 80 KB.
const (
	firstFoundBlock = 8
	maxFoundBlock   = 512
)

// Len is the number of findings.
func (f *Found) Len() int {
	if f == nil {
		return 0
	}
	return f.n
}

// add appends a finding.
func (f *Found) add(p Placed) {
	last := len(f.blocks) - 1
	if last < 0 || len(f.blocks[last]) == cap(f.blocks[last]) {
		size := firstFoundBlock
		if last >= 0 {
			size = min(2*cap(f.blocks[last]), maxFoundBlock)
		}
		f.blocks = append(f.blocks, make([]Placed, 0, size))
		last++
	}
	f.blocks[last] = append(f.blocks[last], p)
	f.n++
}

// All is every finding in order; the findings stay.
func (f *Found) All() iter.Seq[*Placed] {
	return func(yield func(*Placed) bool) {
		if f == nil {
			return
		}
		for _, b := range f.blocks {
			for i := range b {
				if !yield(&b[i]) {
					return
				}
			}
		}
	}
}

// Drain calls fn on every finding in order and lets go of each block
// once fn has seen it: the findings are gone afterwards.
func (f *Found) Drain(fn func(*Placed)) {
	if f == nil {
		return
	}
	for bi, b := range f.blocks {
		for i := range b {
			fn(&b[i])
		}
		f.blocks[bi] = nil
	}
	f.blocks, f.n = nil, 0
}
