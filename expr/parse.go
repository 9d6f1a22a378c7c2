// Package expr is the #{...} expression language of AWS Data Pipeline:
// templates (strings holding expressions), a lexer and parser building an
// AST whose every node knows its byte range in the string value, the
// function table, and an evaluator that computes a template's value for one
// run, as EvaluateExpression does (dates formatted with Joda-Time patterns,
// internal/joda). Offsets are into the decoded string; source.StringOffsets
// maps them to the file.
package expr

import (
	"fmt"
	"strings"
)

// MaxDepth bounds nesting (parentheses, calls, operators) so a hostile
// expression cannot exhaust the stack.
const MaxDepth = 64

// Error is a problem at a byte range of the string value.
type Error struct {
	Start, End int
	Msg        string
}

func (e *Error) Error() string { return e.Msg }

// Node is an expression node.
type Node interface {
	Span() (start, end int)
}

// Name is a (possibly dotted) name: myParam, @scheduledStartTime,
// node.@scheduledStartTime, input.directoryPath, *myPassword. Each part
// keeps its own range.
type Name struct {
	Parts []NamePart
}

// NamePart is one segment of a name.
type NamePart struct {
	Text       string // with its @ or * prefix
	Start, End int
}

// Span is the whole name.
func (n *Name) Span() (int, int) { return n.Parts[0].Start, n.Parts[len(n.Parts)-1].End }

// String is the name as written.
func (n *Name) String() string {
	s := make([]string, len(n.Parts))
	for i, p := range n.Parts {
		s[i] = p.Text
	}
	return strings.Join(s, ".")
}

// Call is a function call.
type Call struct {
	Func       string
	FuncStart  int
	FuncEnd    int
	Args       []Node
	Start, End int // from the name to the closing parenthesis
}

// Span is the call with its arguments.
func (c *Call) Span() (int, int) { return c.Start, c.End }

// LitKind tells literals apart.
type LitKind int

// Literal kinds.
const (
	LitInteger LitKind = iota + 1
	LitDouble
	LitString
)

// Lit is a literal; Text is the number as written or the string's content.
type Lit struct {
	Kind       LitKind
	Text       string
	Start, End int
}

// Span is the literal, quotes included.
func (l *Lit) Span() (int, int) { return l.Start, l.End }

// Binary is X Op Y.
type Binary struct {
	Op    byte // + - * / ^
	X, Y  Node
	OpPos int
}

// Span is both operands.
func (b *Binary) Span() (int, int) {
	s, _ := b.X.Span()
	_, e := b.Y.Span()
	return s, e
}

// Unary is -X.
type Unary struct {
	Op  byte
	X   Node
	Pos int
}

// Span is the operator and operand.
func (u *Unary) Span() (int, int) {
	_, e := u.X.Span()
	return u.Pos, e
}

// Paren is (X), kept for exact ranges.
type Paren struct {
	X          Node
	Start, End int
}

// Span is the parentheses.
func (p *Paren) Span() (int, int) { return p.Start, p.End }

// Segment is one part of a template: literal text, or an expression.
type Segment struct {
	Text       string // the literal text, or the expression's source between #{ and }
	Start, End int    // range in the string value ("#{" and "}" included for expressions)
	Expr       Node   // nil for text, and for an expression that did not parse
}

// Template is a string value split into text and expressions.
type Template struct {
	Segments []Segment
}

// HasExpr reports whether s holds an expression at all.
func HasExpr(s string) bool { return strings.Contains(s, "#{") }

// ParseTemplate splits s into text and #{...} expressions and parses each
// expression. It returns every problem found: an unterminated or empty
// #{, and syntax errors.
func ParseTemplate(s string) (*Template, []*Error) {
	t := &Template{}
	var errs []*Error
	i := 0
	for i < len(s) {
		j := strings.Index(s[i:], "#{")
		if j < 0 {
			t.Segments = append(t.Segments, Segment{Text: s[i:], Start: i, End: len(s)})
			break
		}
		j += i
		if j > i {
			t.Segments = append(t.Segments, Segment{Text: s[i:j], Start: i, End: j})
		}
		end := closing(s, j+2)
		if end < 0 {
			errs = append(errs, &Error{Start: j, End: j + 2, Msg: "'#{' has no closing '}'"})
			t.Segments = append(t.Segments, Segment{Text: s[j:], Start: j, End: len(s)})
			break
		}
		seg := Segment{Text: s[j+2 : end], Start: j, End: end + 1}
		if strings.TrimSpace(seg.Text) == "" {
			errs = append(errs, &Error{Start: j, End: end + 1, Msg: "empty expression '#{}'"})
		} else {
			node, err := parseExpr(s, j+2, end)
			if err != nil {
				errs = append(errs, err)
			} else {
				seg.Expr = node
			}
		}
		t.Segments = append(t.Segments, seg)
		i = end + 1
	}
	return t, errs
}

// closing finds the '}' that ends an expression starting at from, skipping
// braces inside quoted strings; -1 when there is none.
func closing(s string, from int) int {
	var quote byte
	for k := from; k < len(s); k++ {
		c := s[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '}':
			return k
		}
	}
	return -1
}

type token struct {
	kind       byte // 'n' name part, '0' number, 's' string, or the punctuation itself; 0 at the end
	text       string
	start, end int
}

type parser struct {
	src   string
	toks  []token
	pos   int
	depth int
	limit int // end of the expression in src
}

func parseExpr(s string, from, to int) (Node, *Error) {
	toks, err := lex(s, from, to)
	if err != nil {
		return nil, err
	}
	p := &parser{src: s, toks: toks, limit: to}
	n, err := p.sum()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != 0 {
		return nil, &Error{Start: t.start, End: t.end, Msg: fmt.Sprintf("unexpected %s after the expression", describe(t))}
	}
	return n, nil
}

func describe(t token) string {
	switch t.kind {
	case 0:
		return "end of the expression"
	case 'n':
		return fmt.Sprintf("name '%s'", t.text)
	case '0':
		return fmt.Sprintf("number %s", t.text)
	case 's':
		return "string " + t.text
	}
	return fmt.Sprintf("'%s'", t.text)
}

func isNameByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func lex(s string, from, to int) ([]token, *Error) {
	var toks []token
	for i := from; i < to; {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'' || c == '"':
			k := strings.IndexByte(s[i+1:to], c)
			if k < 0 {
				return nil, &Error{Start: i, End: to, Msg: "unterminated string literal"}
			}
			toks = append(toks, token{kind: 's', text: s[i : i+k+2], start: i, end: i + k + 2})
			i += k + 2
		case c >= '0' && c <= '9' || (c == '.' && i+1 < to && s[i+1] >= '0' && s[i+1] <= '9'):
			j := i
			for j < to && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if strings.Count(s[i:j], ".") > 1 {
				return nil, &Error{Start: i, End: j, Msg: fmt.Sprintf("malformed number '%s'", s[i:j])}
			}
			toks = append(toks, token{kind: '0', text: s[i:j], start: i, end: j})
			i = j
		case c == '@' || c == '*' && i+1 < to && (s[i+1] == '_' || isNameByte(s[i+1]) && !(s[i+1] >= '0' && s[i+1] <= '9')) && prevAllowsName(toks) || isNameByte(c):
			j := i
			if c == '@' || c == '*' {
				j++
			}
			for j < to && isNameByte(s[j]) {
				j++
			}
			if j == i+1 && (c == '@' || c == '*') {
				return nil, &Error{Start: i, End: i + 1, Msg: fmt.Sprintf("'%c' must be followed by a field name", c)}
			}
			toks = append(toks, token{kind: 'n', text: s[i:j], start: i, end: j})
			i = j
		case strings.IndexByte("+-*/^(),.", c) >= 0:
			toks = append(toks, token{kind: c, text: string(c), start: i, end: i + 1})
			i++
		default:
			r := s[i:min(i+1, to)]
			return nil, &Error{Start: i, End: i + 1, Msg: fmt.Sprintf("unexpected character '%s'", r)}
		}
	}
	return toks, nil
}

// prevAllowsName tells a '*' that starts a masked name (*myPassword) from
// a multiplication: it is a name where an operand is expected.
func prevAllowsName(toks []token) bool {
	if len(toks) == 0 {
		return true
	}
	switch toks[len(toks)-1].kind {
	case 'n', '0', 's', ')':
		return false
	}
	return true
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{start: p.limit, end: p.limit}
}

func (p *parser) next() token {
	t := p.peek()
	if p.pos < len(p.toks) {
		p.pos++
	}
	return t
}

func (p *parser) enter(t token) *Error {
	p.depth++
	if p.depth > MaxDepth {
		return &Error{Start: t.start, End: t.end, Msg: fmt.Sprintf("expression nested deeper than %d levels", MaxDepth)}
	}
	return nil
}

func (p *parser) sum() (Node, *Error) {
	x, err := p.product()
	for err == nil && (p.peek().kind == '+' || p.peek().kind == '-') {
		op := p.next()
		var y Node
		if y, err = p.product(); err == nil {
			x = &Binary{Op: op.kind, X: x, Y: y, OpPos: op.start}
		}
	}
	return x, err
}

func (p *parser) product() (Node, *Error) {
	x, err := p.power()
	for err == nil && (p.peek().kind == '*' || p.peek().kind == '/') {
		op := p.next()
		var y Node
		if y, err = p.power(); err == nil {
			x = &Binary{Op: op.kind, X: x, Y: y, OpPos: op.start}
		}
	}
	return x, err
}

func (p *parser) power() (Node, *Error) {
	x, err := p.unary()
	if err != nil || p.peek().kind != '^' {
		return x, err
	}
	op := p.next()
	if err := p.enter(op); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	y, err := p.power() // right-associative
	if err != nil {
		return nil, err
	}
	return &Binary{Op: '^', X: x, Y: y, OpPos: op.start}, nil
}

func (p *parser) unary() (Node, *Error) {
	if t := p.peek(); t.kind == '-' {
		p.next()
		if err := p.enter(t); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Unary{Op: '-', X: x, Pos: t.start}, nil
	}
	return p.primary()
}

func (p *parser) primary() (Node, *Error) {
	t := p.next()
	switch t.kind {
	case '0':
		kind := LitInteger
		if strings.Contains(t.text, ".") {
			kind = LitDouble
		}
		return &Lit{Kind: kind, Text: t.text, Start: t.start, End: t.end}, nil
	case 's':
		return &Lit{Kind: LitString, Text: t.text[1 : len(t.text)-1], Start: t.start, End: t.end}, nil
	case '(':
		if err := p.enter(t); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		x, err := p.sum()
		if err != nil {
			return nil, err
		}
		c := p.next()
		if c.kind != ')' {
			return nil, &Error{Start: c.start, End: c.end, Msg: fmt.Sprintf("expected ')', found %s", describe(c))}
		}
		return &Paren{X: x, Start: t.start, End: c.end}, nil
	case 'n':
		name := &Name{Parts: []NamePart{{Text: t.text, Start: t.start, End: t.end}}}
		for p.peek().kind == '.' {
			dot := p.next()
			part := p.next()
			if part.kind != 'n' {
				return nil, &Error{Start: dot.start, End: part.end, Msg: fmt.Sprintf("expected a field name after '.', found %s", describe(part))}
			}
			name.Parts = append(name.Parts, NamePart{Text: part.text, Start: part.start, End: part.end})
		}
		if p.peek().kind != '(' {
			return name, nil
		}
		open := p.next()
		if len(name.Parts) > 1 {
			s, e := name.Span()
			return nil, &Error{Start: s, End: e, Msg: fmt.Sprintf("'%s' is not a function name", name.String())}
		}
		if err := p.enter(open); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		call := &Call{Func: t.text, FuncStart: t.start, FuncEnd: t.end, Start: t.start}
		if p.peek().kind == ')' {
			call.End = p.next().end
			return call, nil
		}
		for {
			arg, err := p.sum()
			if err != nil {
				return nil, err
			}
			call.Args = append(call.Args, arg)
			sep := p.next()
			if sep.kind == ')' {
				call.End = sep.end
				return call, nil
			}
			if sep.kind != ',' {
				return nil, &Error{Start: sep.start, End: sep.end, Msg: fmt.Sprintf("expected ',' or ')' in the arguments of %s, found %s", t.text, describe(sep))}
			}
		}
	}
	return nil, &Error{Start: t.start, End: t.end, Msg: fmt.Sprintf("expected a value, found %s", describe(t))}
}

// Walk calls fn on n and on every node under it, parents first.
func Walk(n Node, fn func(Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *Call:
		for _, a := range n.Args {
			Walk(a, fn)
		}
	case *Binary:
		Walk(n.X, fn)
		Walk(n.Y, fn)
	case *Unary:
		Walk(n.X, fn)
	case *Paren:
		Walk(n.X, fn)
	}
}
