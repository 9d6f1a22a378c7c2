package picture

import (
	"fmt"
	"io"
	"strings"
)

// Formats are the formats Write writes, the first the default.
var Formats = []string{"mermaid", "dot", "svg"}

// Write writes p in one of Formats.
func Write(w io.Writer, p *Picture, format string) (err error) {
	defer recovered(&err)
	var text string
	switch format {
	case "mermaid":
		text = Mermaid(p)
	case "dot":
		text = DOT(p)
	case "svg":
		text = SVG(p)
	default:
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	_, err = io.WriteString(w, text)
	return err
}

// nodeID is a node's id in Mermaid and DOT: the pipeline's and node's
// places, which no object id can make unsafe or ambiguous.
func nodeID(pi, ni int) string { return fmt.Sprintf("p%d_n%d", pi, ni) }

// Mermaid is p as a Mermaid flowchart, left to right, as GitHub and GitLab
// render it: a subgraph per pipeline holding one per category, every label
// quoted and escaped, styles as classes and link styles.
func Mermaid(p *Picture) string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids := map[*Node]string{}
	for pi, pl := range p.Pipelines {
		for ni, n := range pl.Nodes {
			ids[n] = nodeID(pi, ni)
		}
		mermaidPipeline(&b, pi, pl, ids)
	}
	link := 0
	var cycle, inherited, parent []string
	for _, pl := range p.Pipelines {
		for _, e := range pl.Edges {
			arrow := "-->"
			switch {
			case e.Kind == Parent || e.Kind == Inherited:
				arrow = "-.->"
			case e.Cycle:
				arrow = "==>"
			}
			fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", ids[e.From], arrow, mermaidText(e.Label()), ids[e.To])
			switch {
			case e.Cycle:
				cycle = append(cycle, fmt.Sprint(link))
			case e.Kind == Inherited:
				inherited = append(inherited, fmt.Sprint(link))
			case e.Kind == Parent:
				parent = append(parent, fmt.Sprint(link))
			}
			link++
		}
	}
	mermaidClasses(&b, p, ids)
	linkStyle := func(links []string, style string) {
		if len(links) > 0 {
			fmt.Fprintf(&b, "  linkStyle %s %s\n", strings.Join(links, ","), style)
		}
	}
	linkStyle(parent, "stroke:"+parentColour)
	linkStyle(inherited, "stroke:"+inheritedColour+",color:"+inheritedColour)
	linkStyle(cycle, "stroke:"+errorColour+",stroke-width:3px,color:"+errorText)
	return b.String()
}

// mermaidPipeline writes one pipeline's subgraph and its category
// subgraphs with their nodes.
func mermaidPipeline(b *strings.Builder, pi int, pl *Pipeline, ids map[*Node]string) {
	fmt.Fprintf(b, "  subgraph p%d[\"%s\"]\n", pi, mermaidText(pipelineTitle(pl)))
	if len(pl.Nodes) == 0 {
		fmt.Fprintf(b, "    p%d_empty[\"no objects to draw\"]\n", pi)
	}
	for c, in := range pl.byCategory() {
		if len(in) == 0 {
			continue
		}
		st := styles[c]
		fmt.Fprintf(b, "    subgraph p%d_%s[\"%s\"]\n", pi, st.key, mermaidText(st.title))
		for _, n := range in {
			lines := n.lines()
			for i, l := range lines {
				lines[i] = mermaidText(l)
			}
			fmt.Fprintf(b, "      %s%s%s%s\n", ids[n], st.mermaid[0], strings.Join(lines, "<br/>"), st.mermaid[1])
		}
		b.WriteString("    end\n")
	}
	b.WriteString("  end\n")
}

// mermaidClasses defines the classes in use and gives them to the nodes:
// a class per category, then unused, warnings and errors, defined in that
// order so that the later wins where they set the same property.
func mermaidClasses(b *strings.Builder, p *Picture, ids map[*Node]string) {
	byClass := map[string][]string{}
	var order []string
	add := func(class, id string) {
		if _, ok := byClass[class]; !ok {
			order = append(order, class)
		}
		byClass[class] = append(byClass[class], id)
	}
	for c := range nCategories {
		for _, pl := range p.Pipelines {
			for _, n := range pl.Nodes {
				if n.Category == c {
					add(styles[c].key, ids[n])
				}
			}
		}
	}
	marks := []struct {
		m     mark
		class string
		def   string
	}{
		{markUnused, "unused", "fill:" + unusedFill + ",stroke:" + unusedStroke + ",color:" + unusedText + ",stroke-dasharray:4 3"},
		{markWarnings, "warnings", "stroke:" + warningColour + ",stroke-width:3px"},
		{markErrors, "errors", "stroke:" + errorColour + ",stroke-width:3px"},
	}
	for _, m := range marks {
		for _, pl := range p.Pipelines {
			for _, n := range pl.Nodes {
				if n.mark() == m.m {
					add(m.class, ids[n])
				}
			}
		}
	}
	defs := map[string]string{}
	for c := range nCategories {
		st := styles[c]
		defs[st.key] = "fill:" + st.fill + ",stroke:" + st.stroke + ",color:#111827"
		if c == Other {
			defs[st.key] += ",stroke-dasharray:4 3"
		}
	}
	for _, m := range marks {
		defs[m.class] = m.def
	}
	for _, class := range order {
		fmt.Fprintf(b, "  classDef %s %s\n", class, defs[class])
	}
	for _, class := range order {
		fmt.Fprintf(b, "  class %s %s\n", strings.Join(byClass[class], ","), class)
	}
}

// pipelineTitle is a pipeline's name, and what was found on nothing drawn.
func pipelineTitle(pl *Pipeline) string {
	t := clean(pl.Name)
	if s := pl.Elsewhere.String(); s != "" {
		t += " (not on a drawn object: " + s + ")"
	}
	return t
}

// mermaidText escapes text for a quoted Mermaid label: the characters
// that end or change a label (quotes, the entity sign, HTML's brackets and
// ampersand, backticks that start Markdown, the pipes of an edge label)
// become Mermaid's #code; entities, and line breaks spaces.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '"', '#', '<', '>', '&', '`', '|', '\\', '{', '}', '[', ']':
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
