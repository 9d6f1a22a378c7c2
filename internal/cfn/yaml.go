package cfn

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/dplint/dplint/source"
)

// maxNodes bounds the tree a YAML file may expand to: aliases can make a
// small file name a huge tree ("billion laughs").
const maxNodes = 1 << 20

// Scalar kinds are kept on the built tree so the reader can say "a YAML
// number" where CloudFormation wants a string.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlTree reads a YAML document into the same Node tree the JSON reader
// builds, with byte ranges in data. Short-form intrinsic functions become
// their long form, as CloudFormation reads them: `!Ref X` is {"Ref": "X"},
// `!GetAtt A.B` is {"Fn::GetAtt": ["A", "B"]}, `!Sub s` is {"Fn::Sub": s}.
// Plain scalars that YAML resolves to numbers, booleans and null keep that
// kind; everything else is a string.
func yamlTree(data []byte) (*source.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// Surrogate pairs CloudFormation reads but YAML 1.2 does not: read
		// the same characters, with every column kept (surrogateEscapes).
		fixed, changed := surrogateEscapes(data)
		if !changed || yaml.Unmarshal(fixed, &doc) != nil {
			return nil, err
		}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("the file holds no YAML document")
	}
	// Lines as YAML counts them: a line break is \n, \r\n or a lone \r
	// (yaml.v3's line numbers count a lone \r too).
	c := &converter{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' || b == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			c.lines = append(c.lines, i+1)
		}
	}
	root := c.node(doc.Content[0], 0)
	if c.err != nil {
		return nil, c.err
	}
	return root, nil
}

// yamlErrorSpan places a yaml.v3 error, which names only a line: the whole
// line, or the end of the file. yaml.v3 names the line where the enclosing
// collection starts (its "context"), not the line at fault, so the line is
// refined: the first line after it where the text up to that line already
// fails with the same message.
func yamlErrorSpan(data []byte, err error) (int, int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, min(len(data), 1), msg
	}
	msg = strings.TrimPrefix(err.Error(), m[0])
	line, _ := strconv.Atoi(m[1])
	line = faultLine(data, line, err.Error())
	start := 0
	for l := 1; l < line && start < len(data); l++ {
		i := bytes.IndexByte(data[start:], '\n')
		if i < 0 {
			start = len(data)
			break
		}
		start += i + 1
	}
	for start < len(data) && (data[start] == ' ' || data[start] == '\t') {
		start++ // the line's text, not its indentation
	}
	return start, lineEnd(data, start), msg
}

type converter struct {
	arena source.Arena
	data  []byte
	lines []int
	count int
	err   error
}

// offset turns yaml.v3's 1-based line and column (counted in characters)
// into a byte offset.
func (c *converter) offset(line, col int) int {
	if line < 1 || line > len(c.lines) {
		return len(c.data)
	}
	off := c.lines[line-1]
	for i := 1; i < col && off < len(c.data) && c.data[off] != '\n' && c.data[off] != '\r'; i++ {
		if c.data[off] < utf8.RuneSelf {
			off++ // most of a template is ASCII
			continue
		}
		_, size := utf8.DecodeRune(c.data[off:])
		off += size
	}
	return off
}

func (c *converter) node(n *yaml.Node, depth int) *source.Node {
	c.count++
	if c.err != nil {
		return &source.Node{Kind: source.Null}
	}
	if depth > source.MaxDepth {
		c.err = fmt.Errorf("line %d: nesting deeper than %d levels", n.Line, source.MaxDepth)
		return &source.Node{Kind: source.Null}
	}
	if c.count > maxNodes {
		c.err = fmt.Errorf("line %d: the document expands to more than %d values (aliases)", n.Line, maxNodes)
		return &source.Node{Kind: source.Null}
	}
	start := c.offset(n.Line, n.Column)
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		out := c.node(n.Alias, depth+1)
		return out
	}
	var out *source.Node
	switch n.Kind {
	case yaml.MappingNode:
		out = c.arena.Node(source.Object, start, start)
		out.Members = c.arena.Members(len(n.Content) / 2)
		for i := range out.Members {
			k, v := n.Content[2*i], n.Content[2*i+1]
			var kn source.Node
			c.scalarInto(&kn, k) // only its span: the key is the member's
			val := c.node(v, depth+1)
			out.Members[i] = c.arena.Member(k.Value, kn.Start, kn.End, val)
			out.End = max(out.End, val.End, kn.End)
		}
		out.End = c.closeFlow(n, out.End, '}')
	case yaml.SequenceNode:
		out = c.arena.Node(source.Array, start, start+1)
		out.Elems = c.arena.Elems(len(n.Content))
		for i, e := range n.Content {
			en := c.node(e, depth+1)
			out.Elems[i] = en
			out.End = max(out.End, en.End)
		}
		out.End = c.closeFlow(n, out.End, ']')
	case yaml.ScalarNode:
		out = c.scalar(n)
	default:
		out = c.arena.Node(source.Null, start, start)
	}
	if tag := n.Tag; strings.HasPrefix(tag, "!") && !strings.HasPrefix(tag, "!!") {
		out = c.intrinsic(n, out, start)
	}
	return out
}

// closeFlow extends a flow collection ({...} or [...]) past its closing
// bracket.
func (c *converter) closeFlow(n *yaml.Node, end int, closer byte) int {
	if n.Style&yaml.FlowStyle == 0 {
		return end
	}
	for p := end; p < len(c.data); p++ {
		switch c.data[p] {
		case ' ', '\t', '\r', '\n', ',':
			continue
		case closer:
			return p + 1
		}
		break
	}
	return end
}

// intrinsic turns a short-form tag into the long form CloudFormation reads.
func (c *converter) intrinsic(n *yaml.Node, val *source.Node, start int) *source.Node {
	name := strings.TrimPrefix(n.Tag, "!")
	key := "Fn::" + name
	switch name {
	case "Ref", "Condition":
		key = name
	case "GetAtt":
		if val.Kind == source.String {
			// `!GetAtt Resource.Attribute` is the list form split at the first dot.
			res, attr, _ := strings.Cut(val.Text, ".")
			a := &source.Node{Kind: source.String, Start: val.Start, End: val.End, Text: res, Map: source.OpaqueText}
			b := &source.Node{Kind: source.String, Start: val.Start, End: val.End, Text: attr, Map: source.OpaqueText}
			val = &source.Node{Kind: source.Array, Start: val.Start, End: val.End, Elems: []*source.Node{a, b}}
		}
	}
	tagEnd := start + len(n.Tag)
	return &source.Node{Kind: source.Object, Start: start, End: max(val.End, tagEnd),
		Members: []*source.Member{{Key: key, KeyStart: start, KeyEnd: tagEnd, Value: val}}}
}

// scalar builds a string, number, boolean or null node and finds where its
// text ends, which yaml.v3 does not say.
func (c *converter) scalar(n *yaml.Node) *source.Node {
	out := c.arena.Node(source.String, 0, 0)
	c.scalarInto(out, n)
	return out
}

func (c *converter) scalarInto(out *source.Node, n *yaml.Node) {
	start := c.offset(n.Line, n.Column)
	p := start
	if n.Style&yaml.TaggedStyle != 0 || (n.Tag != "" && p < len(c.data) && c.data[p] == '!') {
		// Skip the tag and the space after it.
		for p < len(c.data) && !isSpace(c.data[p]) {
			p++
		}
		for p < len(c.data) && (c.data[p] == ' ' || c.data[p] == '\t') {
			p++
		}
	}
	out.Kind, out.Start, out.Text = source.String, start, n.Value
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		out.End, out.Map, out.TextStart = c.quoted(p, '"', n.Value)
	case n.Style&yaml.SingleQuotedStyle != 0:
		out.End, out.Map, out.TextStart = c.quoted(p, '\'', n.Value)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		out.Map = source.OpaqueText
		out.End = c.blockEnd(p, n.Value)
	default:
		if p+len(n.Value) <= len(c.data) && string(c.data[p:p+len(n.Value)]) == n.Value {
			out.End, out.Map, out.TextStart = p+len(n.Value), source.VerbatimText, p
		} else {
			// A plain scalar folded over several lines.
			out.Map = source.OpaqueText
			out.End = c.blockEnd(p, n.Value)
		}
		switch n.ShortTag() {
		case "!!int", "!!float":
			out.Kind = source.Number
		case "!!bool":
			out.Kind = source.Bool
		case "!!null":
			out.Kind = source.Null
		}
	}
	if out.End < start {
		out.End = start
	}
}

// quoted finds the end of a quoted scalar starting at (or after) p. Text
// maps byte for byte when it has no escapes and stays on one line.
func (c *converter) quoted(p int, q byte, value string) (end int, m source.TextMap, textStart int) {
	for p < len(c.data) && c.data[p] != q {
		p++
	}
	open := p
	escaped := false
	for p = open + 1; p < len(c.data); p++ {
		b := c.data[p]
		if q == '"' && b == '\\' {
			escaped = true
			p++
			continue
		}
		if b == q {
			if q == '\'' && p+1 < len(c.data) && c.data[p+1] == '\'' {
				escaped = true
				p++
				continue
			}
			break
		}
	}
	end = min(p+1, len(c.data))
	raw := c.data[min(open+1, len(c.data)):min(p, len(c.data))]
	if !escaped && string(raw) == value {
		return end, source.VerbatimText, open + 1
	}
	return end, source.OpaqueText, 0
}

// blockEnd finds where a block scalar (| or >) or a folded plain scalar
// ends: just past the last line of its value.
func (c *converter) blockEnd(p int, value string) int {
	value = strings.TrimRight(value, "\n ")
	last := value
	if i := strings.LastIndexByte(value, '\n'); i >= 0 {
		last = value[i+1:]
	}
	if last == "" {
		return lineEnd(c.data, p)
	}
	if i := bytes.Index(c.data[p:], []byte(last)); i >= 0 {
		return p + i + len(last)
	}
	return lineEnd(c.data, p)
}

func lineEnd(data []byte, p int) int {
	for p < len(data) && data[p] != '\n' && data[p] != '\r' {
		p++
	}
	return p
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// faultLine finds the first line at or after from where the document cut
// just after that line fails with the same error: the line yaml.v3
// stopped at. A cut before the fault parses (or fails otherwise), one after
// it fails the same way, so a binary search finds it in a few parses (about
// log2 of the line count); on a large file it keeps from.
func faultLine(data []byte, from int, full string) int {
	const maxSize = 4 << 20
	if len(data) > maxSize {
		return from
	}
	lineEnds := []int{}
	for i, b := range data {
		if b == '\n' {
			lineEnds = append(lineEnds, i+1)
		}
	}
	lineEnds = append(lineEnds, len(data))
	fails := func(l int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(data[:lineEnds[l-1]], &n)
		return err != nil && err.Error() == full
	}
	lo, hi := from, len(lineEnds)
	if lo < 1 || lo > hi || !fails(hi) {
		return from
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Tree reads a YAML template into the JSON reader's tree, with byte ranges
// in data and parents linked (source.Link), for readers of other resource
// types (internal/iotanalytics) that share the template: what fails is
// placed with ErrorSpan.
func Tree(data []byte) (*source.Node, error) {
	root, err := yamlTree(data)
	if err != nil {
		return nil, err
	}
	source.Link(root)
	return root, nil
}

// ErrorSpan places an error of Tree: its byte range in data and its text.
func ErrorSpan(data []byte, err error) (start, end int, msg string) { return yamlErrorSpan(data, err) }
