package expr_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dplint/dplint/expr"
)

// dump renders an AST with ranges, to compare in tables.
func dump(n expr.Node) string {
	s, e := n.Span()
	switch n := n.(type) {
	case *expr.Name:
		return fmt.Sprintf("name(%s)@%d-%d", n.String(), s, e)
	case *expr.Lit:
		return fmt.Sprintf("lit(%q)@%d-%d", n.Text, s, e)
	case *expr.Call:
		args := make([]string, len(n.Args))
		for i, a := range n.Args {
			args[i] = dump(a)
		}
		return fmt.Sprintf("%s(%s)@%d-%d", n.Func, strings.Join(args, ", "), s, e)
	case *expr.Binary:
		return fmt.Sprintf("(%s %c %s)", dump(n.X), n.Op, dump(n.Y))
	case *expr.Unary:
		return fmt.Sprintf("(-%s)", dump(n.X))
	case *expr.Paren:
		return fmt.Sprintf("[%s]@%d-%d", dump(n.X), s, e)
	}
	return "?"
}

func TestParseTemplate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // segments: text "..." or expr dump, separated by " | "; then "!" errors
	}{
		{`s3://bucket/#{format(@scheduledStartTime,'YYYY-MM-dd')}/`,
			`"s3://bucket/" | format(name(@scheduledStartTime)@21-40, lit("YYYY-MM-dd")@41-53)@14-54 | "/"`},
		{`#{node.@scheduledStartTime}..#{node.@scheduledEndTime}`, `name(node.@scheduledStartTime)@2-26 | ".." | name(node.@scheduledEndTime)@31-53`},
		{`#{1 + 2 * 3}`, `(lit("1")@2-3 + (lit("2")@6-7 * lit("3")@10-11))`},
		{`#{2 ^ 3 ^ 2}`, `(lit("2")@2-3 ^ (lit("3")@6-7 ^ lit("2")@10-11))`},
		{`#{-(1.5 - 2) / .5}`, `((-[(lit("1.5")@4-7 - lit("2")@10-11)]@3-12) / lit(".5")@15-17)`},
		{`#{*myPassword}`, `name(*myPassword)@2-13`},
		{`#{2 * *myX}`, `(lit("2")@2-3 * name(*myX)@6-10)`},
		{`#{"hel" + "lo"}`, `(lit("hel")@2-7 + lit("lo")@10-14)`},
		{`#{'a}b' + x}`, `(lit("a}b")@2-7 + name(x)@10-11)`},
		{`plain text, $HOME and ${X}`, `"plain text, $HOME and ${X}"`},
		{`#{myList}`, `name(myList)@2-8`},
		{`#{f()}`, `f()@2-5`},
		{`#{ minusDays( @scheduledStartTime , 1 ) }`, `minusDays(name(@scheduledStartTime)@14-33, lit("1")@36-37)@3-39`},
		// errors
		{`s3://x/#{format(@a, 'x')`, `"s3://x/" | "#{format(@a, 'x')" ! 7-9 '#{' has no closing '}'`},
		{`a #{} b`, `"a " | "" | " b" ! 2-5 empty expression '#{}'`},
		{`#{1 +}`, `"1 +" ! 5-5 expected a value, found end of the expression`},
		{`#{format(@a 'x')}`, `"format(@a 'x')" ! 12-15 expected ',' or ')' in the arguments of format, found string 'x'`},
		{`#{a.b(1)}`, `"a.b(1)" ! 2-5 'a.b' is not a function name`},
		{`#{'open}`, `"#{'open}" ! 0-2 '#{' has no closing '}'`}, // the quote hides the brace
		{`#{a.}`, `"a." ! 3-4 expected a field name after '.', found end of the expression`},
		{`#{@}`, `"@" ! 2-3 '@' must be followed by a field name`},
		{`#{a ? b}`, `"a ? b" ! 4-5 unexpected character '?'`},
		{`#{1.2.3}`, `"1.2.3" ! 2-7 malformed number '1.2.3'`},
		{`#{a b}`, `"a b" ! 4-5 unexpected name 'b' after the expression`},
	} {
		tmpl, errs := expr.ParseTemplate(tc.in)
		var parts []string
		for _, s := range tmpl.Segments {
			if s.Expr != nil {
				parts = append(parts, dump(s.Expr))
			} else {
				parts = append(parts, fmt.Sprintf("%q", s.Text))
			}
		}
		got := strings.Join(parts, " | ")
		for _, e := range errs {
			got += fmt.Sprintf(" ! %d-%d %s", e.Start, e.End, e.Msg)
		}
		if got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestParseDepth(t *testing.T) {
	deep := "#{" + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "}"
	if _, errs := expr.ParseTemplate(deep); len(errs) != 1 || !strings.Contains(errs[0].Msg, "deeper than") {
		t.Errorf("deep nesting: %v", errs)
	}
	neg := "#{" + strings.Repeat("-", 10000) + "1}"
	if _, errs := expr.ParseTemplate(neg); len(errs) != 1 {
		t.Errorf("deep unary: %v", errs)
	}
}

func FuzzParseTemplate(f *testing.F) {
	for _, s := range []string{`#{format(@scheduledStartTime,'YYYY')}`, `#{1+2*3^4}`, `a#{`, `#{}`, `#{f(g(h(1)),'}')}`, `#{*my + -x.y.@z}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tmpl, errs := expr.ParseTemplate(s)
		for _, e := range errs {
			if e.Start < 0 || e.Start > e.End || e.End > len(s) {
				t.Fatalf("error range %d-%d outside %d bytes", e.Start, e.End, len(s))
			}
		}
		prev := 0
		for _, seg := range tmpl.Segments {
			if seg.Start != prev || seg.End < seg.Start || seg.End > len(s) {
				t.Fatalf("segments do not tile the string: %+v", tmpl.Segments)
			}
			prev = seg.End
			if seg.Expr != nil {
				if a, b := seg.Expr.Span(); a < seg.Start || b > seg.End {
					t.Fatalf("expression %d-%d outside its segment %d-%d", a, b, seg.Start, seg.End)
				}
			}
		}
		if len(s) > 0 && prev != len(s) {
			t.Fatalf("segments end at %d of %d", prev, len(s))
		}
	})
}
