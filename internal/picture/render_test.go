package picture

import (
	"bytes"
	"encoding/xml"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/benchdata"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
)

var fixtures = []string{"small.json", "cycle.json", "inherited.json", "special.json", "two-pipelines.yaml", "pipeline.tf"}

// synthetic is the picture of benchdata's synthetic pipeline of n objects.
func synthetic(t testing.TB, n int) *Picture {
	t.Helper()
	p, err := Read(linter(t, lint.Config{}), "synthetic.json", benchdata.Synthetic(n), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var entity = regexp.MustCompile(`#(\d+);`)

// unMermaid undoes mermaidText.
func unMermaid(s string) string {
	return entity.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		return string(rune(n))
	})
}

var (
	mermaidNode = regexp.MustCompile(`^\s+(p\d+_n\d+)(\[\(|\[\[|\(\[|\{\{|\[/|\[\\|\[|\(|>)"(.*)"(\)\]|\]\]|\]\)|\}\}|/\]|\\\]|\]|\))$`)
	mermaidEdge = regexp.MustCompile(`^\s+(p\d+_n\d+) (-->|-\.->|==>)\|"(.*)"\| (p\d+_n\d+)$`)
	linkStyle   = regexp.MustCompile(`^\s+linkStyle ([\d,]+) stroke:(#[0-9a-f]+)`)
)

// TestMermaidLabels: every label is quoted with nothing in it that ends
// or changes it, and reads back as the object's id and type, or the slot.
func TestMermaidLabels(t *testing.T) {
	for _, name := range fixtures {
		p := read(t, name, Options{})
		text := Mermaid(p)
		if !strings.HasPrefix(text, "flowchart LR\n") {
			t.Errorf("%s: does not start with flowchart LR", name)
		}
		labels := map[string]string{}
		var edgeLabels []string
		for _, line := range strings.Split(strings.TrimSpace(text), "\n")[1:] {
			if m := mermaidNode.FindStringSubmatch(line); m != nil {
				labels[m[1]] = m[3]
			} else if m := mermaidEdge.FindStringSubmatch(line); m != nil {
				edgeLabels = append(edgeLabels, m[3])
			}
		}
		i := 0
		for pi, pl := range p.Pipelines {
			for ni, n := range pl.Nodes {
				label, ok := labels[nodeID(pi, ni)]
				if !ok {
					t.Errorf("%s: no node line for %q", name, n.ID)
					continue
				}
				if strings.ContainsAny(strings.ReplaceAll(label, "<br/>", ""), "\"<>|`") {
					t.Errorf("%s: label %q holds a character Mermaid reads", name, label)
				}
				if got, want := unMermaid(strings.ReplaceAll(label, "<br/>", "\n")), strings.Join(n.lines(), "\n"); got != want {
					t.Errorf("%s: label reads %q, want %q", name, got, want)
				}
			}
			for _, e := range pl.Edges {
				if i >= len(edgeLabels) || unMermaid(edgeLabels[i]) != e.Label() {
					t.Errorf("%s: edge %d is not labelled %q: %v", name, i, e.Label(), edgeLabels)
				}
				i++
			}
		}
		if i != len(edgeLabels) {
			t.Errorf("%s: %d edge lines for %d edges", name, len(edgeLabels), i)
		}
	}
}

// TestMermaidLinkStyles: linkStyle numbers count edges in order, so the
// red ones are exactly the edges on cycles and the grey ones the inherited.
func TestMermaidLinkStyles(t *testing.T) {
	for _, name := range []string{"cycle.json", "small.json"} {
		p := read(t, name, Options{})
		styled := map[int]string{}
		for _, line := range strings.Split(Mermaid(p), "\n") {
			if m := linkStyle.FindStringSubmatch(line); m != nil {
				for _, n := range strings.Split(m[1], ",") {
					i, _ := strconv.Atoi(n)
					styled[i] = m[2]
				}
			}
		}
		for i, e := range p.Pipelines[0].Edges {
			want := ""
			switch {
			case e.Cycle:
				want = errorColour
			case e.Kind == Inherited:
				want = inheritedColour
			case e.Kind == Parent:
				want = parentColour
			}
			if styled[i] != want {
				t.Errorf("%s: edge %d (%s → %s) styled %q, want %q", name, i, e.From.ID, e.To.ID, styled[i], want)
			}
		}
	}
}

// TestDOTText: quoted DOT text reads back as written, and no backslash of
// an id survives to become one of Graphviz's escapes.
func TestDOTText(t *testing.T) {
	for _, s := range []string{`plain`, `say "hi"`, `\N \G \l \`, "two\nlines", `a\"b`} {
		q := dotText(s)
		if !strings.HasPrefix(q, `"`) || !strings.HasSuffix(q, `"`) {
			t.Errorf("%q: not quoted: %s", s, q)
		}
		inner := q[1 : len(q)-1]
		var back strings.Builder
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\\' {
				i++
				switch inner[i] {
				case 'n':
					back.WriteByte('\n')
				case '\\', '"':
					back.WriteByte(inner[i])
				default:
					t.Errorf("%q: Graphviz escape \\%c in %s", s, inner[i], q)
				}
				continue
			}
			if inner[i] == '"' {
				t.Errorf("%q: bare quote in %s", s, q)
			}
			back.WriteByte(inner[i])
		}
		if back.String() != s {
			t.Errorf("%q reads back as %q", s, back.String())
		}
	}
}

// TestDOTWithGraphviz: Graphviz reads and draws every DOT dplint writes.
// The synthetic pipeline is small here: Graphviz itself takes 15 s on 300
// objects in clusters.
func TestDOTWithGraphviz(t *testing.T) {
	dot := testenv.Tool(t, "dot")
	pictures := map[string]*Picture{"synthetic-60": synthetic(t, 60)}
	for _, name := range fixtures {
		pictures[name] = read(t, name, Options{})
	}
	for name, p := range pictures {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = strings.NewReader(DOT(p))
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil || errb.Len() > 0 {
				t.Fatalf("dot -Tsvg: %v\n%s", err, errb.String())
			}
			if !strings.Contains(out.String(), "<svg") {
				t.Errorf("dot -Tsvg printed no SVG")
			}
		})
	}
}

// svgNodes parses an SVG with encoding/xml and returns the <title> of
// each <g> of class node, by the g's id.
func svgNodes(t *testing.T, text string) map[string]string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = true
	out := map[string]string{}
	type open struct{ id, class string }
	var stack []open
	inTitle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			o := open{}
			for _, a := range tk.Attr {
				switch a.Name.Local {
				case "id":
					o.id = a.Value
				case "class":
					o.class = a.Value
				}
			}
			stack = append(stack, o)
			inTitle = tk.Name.Local == "title"
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			inTitle = false
		case xml.CharData:
			if inTitle && len(stack) >= 2 {
				g := stack[len(stack)-2]
				if strings.HasPrefix(g.class, "node ") {
					if _, dup := out[g.id]; dup {
						t.Errorf("two nodes with the SVG id %q", g.id)
					}
					out[g.id] = string(tk)
				}
			}
		}
	}
	return out
}

// TestSVG: the SVG is well-formed, every object is a <g> whose <title>
// is its id, and the same picture gives the same bytes.
func TestSVG(t *testing.T) {
	pictures := map[string]*Picture{"synthetic-300": synthetic(t, 300)}
	for _, name := range fixtures {
		pictures[name] = read(t, name, Options{})
	}
	for name, p := range pictures {
		t.Run(name, func(t *testing.T) {
			text := SVG(p)
			titles := svgNodes(t, text)
			want := 0
			for _, pl := range p.Pipelines {
				for _, n := range pl.Nodes {
					want++
					found := false
					for _, title := range titles {
						found = found || title == n.ID
					}
					if !found {
						t.Errorf("no <g> titled %q", n.ID)
					}
				}
			}
			if len(titles) != want {
				t.Errorf("%d node groups for %d objects", len(titles), want)
			}
			if SVG(p) != text {
				t.Error("the same picture written twice differs")
			}
		})
	}
	// Read again from the bytes: byte-identical.
	a, b := SVG(synthetic(t, 300)), SVG(synthetic(t, 300))
	if a != b {
		t.Error("the synthetic pipeline read twice gives two SVGs")
	}
}

// TestSyntheticLayout: 300 objects laid out with no box on another and
// no label on a box, in input order where nothing else decides.
func TestSyntheticLayout(t *testing.T) {
	p := synthetic(t, 300)
	pl := p.Pipelines[0]
	if len(pl.Nodes) != 299 || len(pl.Edges) < 400 {
		t.Fatalf("%d nodes and %d edges", len(pl.Nodes), len(pl.Edges))
	}
	res := layoutOf(pl)
	for i, a := range res.Nodes {
		w, h := nodeSize(pl.Nodes[i])
		if a.W != w || a.H != h {
			t.Errorf("%s is %vx%v, its label needs %vx%v", pl.Nodes[i].ID, a.W, a.H, w, h)
		}
		for j := i + 1; j < len(res.Nodes); j++ {
			if a.Overlaps(res.Nodes[j]) {
				t.Errorf("%s and %s overlap", pl.Nodes[i].ID, pl.Nodes[j].ID)
			}
		}
		for k, r := range res.Edges {
			if r.Label.W > 0 && r.Label.Overlaps(a) {
				t.Errorf("the label of %s → %s covers %s", pl.Edges[k].From.ID, pl.Edges[k].To.ID, pl.Nodes[i].ID)
			}
		}
	}
	for k, r := range res.Edges {
		if len(r.Points) < 2 {
			t.Errorf("edge %d not drawn", k)
		}
	}
}

// TestTextWidth: boxes grow with their text, twice as fast for wide
// characters, and not at all for combining marks.
func TestTextWidth(t *testing.T) {
	if a, b := textWidth("abcd", 12), textWidth("ab", 12); a != 2*b {
		t.Errorf("4 characters %v, 2 characters %v", a, b)
	}
	if a, b := textWidth("検査", 12), textWidth("ab", 12); a != 2*b {
		t.Errorf("two wide characters %v, two narrow %v", a, b)
	}
	if a, b := textWidth("e\u0301", 12), textWidth("e", 12); a != b {
		t.Errorf("a combining accent adds width: %v %v", a, b)
	}
	long := strings.Repeat("x", 200)
	if s := shorten(long); len([]rune(s)) != maxLabel || !strings.HasSuffix(s, "…") {
		t.Errorf("shorten: %q", s)
	}
	if s := shorten("a\nb\tc"); s != "a b c" {
		t.Errorf("shorten keeps control characters: %q", s)
	}
}
