package picture

import (
	"fmt"
	"strings"
)

// DOT is p in Graphviz's DOT language, left to right: a cluster per
// pipeline holding one per category, shapes and colours per category,
// findings as the node's border, styles of links as in Mermaid.
func DOT(p *Picture) string {
	var b strings.Builder
	b.WriteString("digraph dplint {\n")
	b.WriteString("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11, style=filled, penwidth=1.2];\n")
	fmt.Fprintf(&b, "  edge [fontname=\"Helvetica\", fontsize=9, color=%q, fontcolor=%q];\n", edgeColour, edgeColour)
	ids := map[*Node]string{}
	for pi, pl := range p.Pipelines {
		for ni, n := range pl.Nodes {
			ids[n] = nodeID(pi, ni)
		}
		dotPipeline(&b, pi, pl, ids)
	}
	for _, pl := range p.Pipelines {
		for _, e := range pl.Edges {
			attrs := []string{"label=" + dotText(e.Label())}
			colour, font := "", ""
			switch e.Kind {
			case Parent:
				attrs = append(attrs, "style=dashed")
				colour = parentColour
			case Inherited:
				attrs = append(attrs, "style=dotted")
				colour, font = inheritedColour, inheritedColour
			}
			if e.Cycle {
				attrs = append(attrs, "penwidth=2.5")
				colour, font = errorColour, errorText
			}
			if colour != "" {
				attrs = append(attrs, "color="+quote(colour))
			}
			if font != "" {
				attrs = append(attrs, "fontcolor="+quote(font))
			}
			fmt.Fprintf(&b, "  %s -> %s [%s];\n", ids[e.From], ids[e.To], strings.Join(attrs, ", "))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// dotPipeline writes one pipeline's cluster and its category clusters with
// their nodes.
func dotPipeline(b *strings.Builder, pi int, pl *Pipeline, ids map[*Node]string) {
	fmt.Fprintf(b, "  subgraph cluster_p%d {\n    label=%s;\n    labeljust=l;\n    color=%q;\n", pi, dotText(pipelineTitle(pl)), clusterStroke)
	if len(pl.Nodes) == 0 {
		fmt.Fprintf(b, "    p%d_empty [label=\"no objects to draw\", shape=plaintext, style=\"\"];\n", pi)
	}
	for c, in := range pl.byCategory() {
		if len(in) == 0 {
			continue
		}
		st := styles[c]
		fmt.Fprintf(b, "    subgraph cluster_p%d_%s {\n      label=%s;\n      style=\"rounded,filled\";\n      fillcolor=%q;\n      color=%q;\n",
			pi, st.key, dotText(st.title), clusterFill, clusterStroke)
		for _, n := range in {
			fmt.Fprintf(b, "      %s [%s];\n", ids[n], strings.Join(dotNode(n), ", "))
		}
		b.WriteString("    }\n")
	}
	b.WriteString("  }\n")
}

// dotNode is a node's attributes.
func dotNode(n *Node) []string {
	st := styles[n.Category]
	fill, stroke, font, style := st.fill, st.stroke, "#111827", "filled"
	if n.Category == Other {
		style = "filled,dashed"
	}
	attrs := []string{"label=" + dotText(strings.Join(n.lines(), "\n")), "shape=" + st.dot, "tooltip=" + dotText(n.ID)}
	switch n.mark() {
	case markErrors:
		stroke = errorColour
		attrs = append(attrs, "penwidth=3")
	case markWarnings:
		stroke = warningColour
		attrs = append(attrs, "penwidth=3")
	case markUnused:
		fill, stroke, font, style = unusedFill, unusedStroke, unusedText, "filled,dashed"
	}
	return append(attrs, "style="+quote(style), "fillcolor="+quote(fill), "color="+quote(stroke), "fontcolor="+quote(font))
}

// dotText quotes text for DOT: backslashes and quotes escaped (so none of
// Graphviz's \N, \G, \l escapes can come from an object's id), line
// breaks as \n.
func dotText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.ReplaceAll(clean(l), `\`, `\\`)
		lines[i] = strings.ReplaceAll(l, `"`, `\"`)
	}
	return `"` + strings.Join(lines, `\n`) + `"`
}

func quote(s string) string { return `"` + s + `"` }
