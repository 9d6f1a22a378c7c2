// Package source reads JSON with exact positions. Every node keeps its byte
// range and JSON Pointer, duplicate keys are kept in order, and the problems
// a strict reader would stop at (comments, trailing commas, a BOM, invalid
// UTF-8, control characters in strings) are recorded and skipped, so one run
// can report all of them and still lint the rest of the file.
package source

import (
	"strconv"
	"strings"
)

// Kind is the JSON type of a node.
type Kind uint8

// The JSON kinds.
const (
	Object Kind = iota + 1
	Array
	String
	Number
	Bool
	Null
)

func (k Kind) String() string {
	switch k {
	case Object:
		return "object"
	case Array:
		return "array"
	case String:
		return "string"
	case Number:
		return "number"
	case Bool:
		return "boolean"
	case Null:
		return "null"
	}
	return "invalid"
}

// Node is one JSON value.
type Node struct {
	Kind Kind
	// Map and TextStart tell how Text maps to the file for nodes read from
	// another format (build.go); the zero value is a JSON string literal.
	// (Map and index sit beside Kind: together they fill one word, where
	// index took one of its own.)
	Map TextMap
	// parent and index place the node in its container (the member or
	// element index), so its JSON Pointer is built only when asked for:
	// storing every node's full pointer costs memory quadratic in depth and
	// key length.
	index int32
	Start int // byte offset of the first byte
	End   int // byte offset just past the last byte
	// Text is the decoded value of a string, the literal text of a number,
	// and "true", "false" or "null" for the literals.
	Text      string
	Members   []*Member // object members in source order, duplicates kept
	Elems     []*Node   // array elements
	TextStart int       // see Map
	parent    *Node
}

// Pointer returns the node's RFC 6901 JSON Pointer ("" for the root).
// Its length is worked out first and the string written once: findings
// ask for hundreds of thousands of pointers in a large file.
func (n *Node) Pointer() string {
	var stack [16]*Node // the path, innermost first; deeper ones grow it
	path := stack[:0]
	size := 0
	for cur := n; cur.parent != nil; cur = cur.parent {
		path = append(path, cur)
		size++ // '/'
		if cur.parent.Kind == Object {
			key := cur.parent.Members[cur.index].Key
			size += len(key) + strings.Count(key, "~") + strings.Count(key, "/")
		} else {
			size += digits(int(cur.index))
		}
	}
	var b strings.Builder
	b.Grow(size)
	var num [20]byte
	for i := len(path) - 1; i >= 0; i-- {
		cur := path[i]
		b.WriteByte('/')
		if cur.parent.Kind == Object {
			b.WriteString(PointerToken(cur.parent.Members[cur.index].Key))
		} else {
			b.Write(strconv.AppendInt(num[:0], int64(cur.index), 10))
		}
	}
	return b.String()
}

// digits is the length of i written in decimal.
func digits(i int) int {
	d := 1
	for ; i >= 10; i /= 10 {
		d++
	}
	return d
}

// Parent returns the object or array holding the node, or nil for the root.
func (n *Node) Parent() *Node { return n.parent }

// Member is one key/value pair of an object.
type Member struct {
	Key      string
	KeyStart int // offset of the key's opening quote
	KeyEnd   int // offset just past the key's closing quote
	Value    *Node
}

// Get returns the value of key in an object. Like Python's json module (and so
// the AWS CLI), the last of duplicate keys wins.
func (n *Node) Get(key string) *Node {
	if m := n.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the member that wins for key (the last one), or nil.
func (n *Node) Member(key string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := len(n.Members) - 1; i >= 0; i-- {
		if n.Members[i].Key == key {
			return n.Members[i]
		}
	}
	return nil
}

// Keys returns the distinct keys of an object in order of first appearance,
// the order Python's dict (and so the AWS CLI) keeps them in.
func (n *Node) Keys() []string {
	if n == nil || n.Kind != Object {
		return nil
	}
	if n.distinct() {
		keys := make([]string, len(n.Members))
		for i, m := range n.Members {
			keys[i] = m.Key
		}
		return keys
	}
	seen := make(map[string]bool, len(n.Members))
	keys := make([]string, 0, len(n.Members))
	for _, m := range n.Members {
		if !seen[m.Key] {
			seen[m.Key] = true
			keys = append(keys, m.Key)
		}
	}
	return keys
}

// distinct reports whether no key of an object is repeated. Objects are
// small and repeats rare: comparing pairs costs less than the map Keys
// needs otherwise, which was most of what reading the model allocated.
func (n *Node) distinct() bool {
	ms := n.Members
	if len(ms) > 32 {
		return false // the map is cheaper from here on
	}
	for i := 1; i < len(ms); i++ {
		for j := 0; j < i; j++ {
			if ms[i].Key == ms[j].Key {
				return false
			}
		}
	}
	return true
}

// Winners returns, for each of Keys in its order, the member that wins for
// it (Member): what a reader that keeps the last of duplicate keys sees.
// For an object with no repeated key that is Members itself, not a copy:
// the caller must not change it.
func (n *Node) Winners() []*Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	if n.distinct() {
		return n.Members
	}
	keys := n.Keys()
	out := make([]*Member, len(keys))
	for i, k := range keys {
		out[i] = n.Member(k)
	}
	return out
}

// Items returns the elements of an array, or the node itself: the CLI form
// gives a field (or a parameter value) one value or a list of them.
func (n *Node) Items() []*Node {
	if n.Kind == Array {
		return n.Elems
	}
	return []*Node{n}
}

// IsString reports whether n is a string node.
func (n *Node) IsString() bool { return n != nil && n.Kind == String }

// Describe names the node's type the way messages do ("a number").
func (n *Node) Describe() string {
	switch n.Kind {
	case Object:
		return "an object"
	case Array:
		return "an array"
	case String:
		return "a string"
	case Number:
		return "a number"
	case Bool:
		return "a boolean"
	case Null:
		return "null"
	}
	return "nothing"
}

// Value converts the node to plain Go values (map[string]any with the last
// duplicate winning, []any, string, json.Number-like string for numbers via
// NumberFunc, bool, nil), as a validator or encoder expects.
func (n *Node) Value(number func(string) any) any {
	switch n.Kind {
	case Object:
		m := make(map[string]any, len(n.Members))
		for _, mem := range n.Members {
			m[mem.Key] = mem.Value.Value(number)
		}
		return m
	case Array:
		a := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			a[i] = e.Value(number)
		}
		return a
	case String:
		return n.Text
	case Number:
		return number(n.Text)
	case Bool:
		return n.Text == "true"
	}
	return nil
}

// Lookup finds the node at a JSON Pointer below n, or nil.
func (n *Node) Lookup(pointer string) *Node {
	if pointer == "" {
		return n
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil
	}
	cur := n
	for _, tok := range strings.Split(pointer[1:], "/") {
		tok = unescapePointer(tok)
		switch {
		case cur == nil:
			return nil
		case cur.Kind == Object:
			cur = cur.Get(tok)
		case cur.Kind == Array:
			// RFC 6901: an array index is "0" or digits without a leading zero.
			if tok == "" || strings.Trim(tok, "0123456789") != "" || (len(tok) > 1 && tok[0] == '0') {
				return nil
			}
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(cur.Elems) {
				return nil
			}
			cur = cur.Elems[i]
		default:
			return nil
		}
	}
	return cur
}

// Walk calls fn for n and every node below it, depth first, in source order.
// It uses an explicit stack, so the depth of the input cannot exhaust Go's.
func (n *Node) Walk(fn func(*Node)) {
	if n == nil {
		return
	}
	stack := []*Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(cur)
		for i := len(cur.Elems) - 1; i >= 0; i-- {
			stack = append(stack, cur.Elems[i])
		}
		for i := len(cur.Members) - 1; i >= 0; i-- {
			stack = append(stack, cur.Members[i].Value)
		}
	}
}

// PointerToken escapes one reference token for a JSON Pointer.
func PointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// UnescapeToken undoes PointerToken.
func UnescapeToken(s string) string { return unescapePointer(s) }

func unescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}

// Shift moves n and everything under it by `by` bytes. A second file read
// alongside a first (lint --parameters: a definition's parameter objects
// from their own file) is shifted past the first's end, so one byte offset
// names a place in either file and rules need not know there are two.
func (n *Node) Shift(by int) {
	if n == nil {
		return
	}
	n.Start += by
	n.End += by
	if n.Map == VerbatimText {
		n.TextStart += by
	}
	for _, m := range n.Members {
		m.KeyStart += by
		m.KeyEnd += by
		m.Value.Shift(by)
	}
	for _, e := range n.Elems {
		e.Shift(by)
	}
}
