package source

// Trees built by readers of other formats (a CloudFormation template in
// YAML, a Terraform file) use the same Node type, so every rule reads them
// unchanged; their byte ranges point into the file as written.

// TextMap says how a string node's decoded Text maps to the bytes of its
// file, for findings that cover part of a string (an expression inside it).
type TextMap uint8

const (
	// JSONText is a JSON string literal at Start..End, quotes included.
	JSONText TextMap = iota
	// VerbatimText is text that appears byte for byte at TextStart (a
	// YAML plain scalar, a quoted scalar or HCL literal without escapes).
	VerbatimText
	// OpaqueText has no byte-for-byte mapping (a YAML block scalar, a value
	// resolved from elsewhere): every part of it maps to the whole node.
	OpaqueText
)

// NewFile wraps a tree built outside this package's parser: it indexes the
// content's lines and links every node to its container, so Pointer and
// Parent work as for parsed JSON.
func NewFile(name string, content []byte, root *Node) *File {
	f := &File{Name: name, Content: content, Root: root, lines: lineStarts(content)}
	Link(root)
	return f
}

// Link sets the container links of every node below root.
func Link(root *Node) {
	if root == nil {
		return
	}
	root.Walk(func(n *Node) {
		for i, m := range n.Members {
			m.Value.parent, m.Value.index = n, int32(i)
		}
		for i, e := range n.Elems {
			e.parent, e.index = n, int32(i)
		}
	})
}

// TextSpan returns the byte range of a string node's text without its
// quotes: what must be hidden when the value is a secret.
func (n *Node) TextSpan() (int, int) {
	switch n.Map {
	case VerbatimText:
		return n.TextStart, n.TextStart + len(n.Text)
	case OpaqueText:
		return n.Start, n.End
	}
	if n.Kind == String && n.End-n.Start >= 2 {
		return n.Start + 1, n.End - 1
	}
	return n.Start, n.End
}
