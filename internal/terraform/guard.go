package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// maxDepth bounds how deeply a file may nest before it is parsed. The HCL
// parser recurses once or more for every bracket, template interpolation,
// unary operator and conditional, with no limit of its own: 100,000 '(' or
// '!' overflow the goroutine stack, which kills the whole process rather
// than panicking, and 20,000 nested blocks take minutes. Real configurations
// nest a dozen levels; the limit matches the JSON reader's (source.MaxDepth).
const maxDepth = 256

// tooDeep scans the tokens of data (the lexer is a state machine with an
// explicit stack, so it is safe on any input) and returns the token where
// the nesting the parser would recurse into first passes maxDepth.
//
// The count is an upper bound of the parser's recursion, not an exact
// mirror of it: every opening bracket, quote, heredoc, "${", "%{" and
// template if/for is one level, closed only by its own closer (a stray
// closer of another kind does not lower the count, so garbage errs towards
// "too deep"); every '!', '-' and '?' adds one more to the level it is in,
// until a comma, or a newline where newlines end an item (the top level, a
// block body or an object), ends the expression it belongs to.
func tooDeep(path string, data []byte) (hcl.Range, bool) { return tooDeepFor(path, data, maxDepth) }

// tooDeepFor is tooDeep with a given limit (tests use small ones).
func tooDeepFor(path string, data []byte, limit int) (hcl.Range, bool) {
	toks, _ := hclsyntax.LexConfig(data, path, hcl.InitialPos)
	type level struct {
		open hclsyntax.TokenType
		ops  int // operators of this level whose operands are still open
	}
	const templateBlock = hclsyntax.TokenType('⊢') // a template if/for, closed by endif/endfor
	var stack []level
	ops, total := 0, 0 // ops of the top level; total = len(stack) + every level's ops
	closes := map[hclsyntax.TokenType]hclsyntax.TokenType{
		hclsyntax.TokenCBrace:         hclsyntax.TokenOBrace,
		hclsyntax.TokenCBrack:         hclsyntax.TokenOBrack,
		hclsyntax.TokenCParen:         hclsyntax.TokenOParen,
		hclsyntax.TokenCQuote:         hclsyntax.TokenOQuote,
		hclsyntax.TokenCHeredoc:       hclsyntax.TokenOHeredoc,
		hclsyntax.TokenTemplateSeqEnd: hclsyntax.TokenTemplateInterp, // or TokenTemplateControl
	}
	for i, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			stack = append(stack, level{open: tok.Type, ops: ops})
			ops = 0
			total++
		case hclsyntax.TokenIdent:
			// "%{ if" opens a template block below the "%{" on top of the
			// stack; "%{ endif" closes it.
			n := len(stack)
			if i == 0 || toks[i-1].Type != hclsyntax.TokenTemplateControl || n == 0 {
				break
			}
			switch string(tok.Bytes) {
			case "if", "for":
				top := stack[n-1]
				stack[n-1] = level{open: templateBlock, ops: top.ops}
				stack = append(stack, level{open: top.open})
				total++
			case "endif", "endfor":
				if n >= 2 && stack[n-2].open == templateBlock {
					total -= 1 + stack[n-1].ops
					stack[n-2] = level{open: stack[n-1].open, ops: stack[n-2].ops}
					stack = stack[:n-1]
				}
			}
		case hclsyntax.TokenBang, hclsyntax.TokenMinus, hclsyntax.TokenQuestion:
			ops++
			total++
		case hclsyntax.TokenComma:
			total -= ops
			ops = 0
		case hclsyntax.TokenNewline:
			if n := len(stack); n == 0 || stack[n-1].open == hclsyntax.TokenOBrace {
				total -= ops
				ops = 0
			}
		default:
			want, ok := closes[tok.Type]
			n := len(stack)
			if !ok || n == 0 {
				break
			}
			top := stack[n-1].open
			if top == want || (tok.Type == hclsyntax.TokenTemplateSeqEnd && top == hclsyntax.TokenTemplateControl) {
				total -= 1 + ops
				ops = stack[n-1].ops
				stack = stack[:n-1]
			}
		}
		if total > limit {
			return tok.Range, true
		}
	}
	return hcl.Range{}, false
}
