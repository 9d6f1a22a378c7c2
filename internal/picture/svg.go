package picture

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/dplint/dplint/internal/layout"
)

// Sizes of the SVG's text, in pixels. Boxes are sized from the text by
// textWidth, so the font must be monospace.
const (
	fontFamily = "Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace"
	nodeFont   = 12.0
	smallFont  = 11.0
	lineH      = 15.0
	padX       = 10.0
	padY       = 7.0
	labelH     = 14.0
	titleH     = 26.0
	margin     = 12.0
)

// placed is one pipeline laid out.
type placed struct {
	pl  *Pipeline
	res layout.Result
	y   float64 // the top of its section
}

// SVG is p drawn by dplint itself, without Graphviz: each pipeline a
// section of its own, laid out left to right in layers, a band per
// category; each node a <g> with the object's id as its <title>.
func SVG(p *Picture) string {
	var sections []placed
	width, y := 0.0, 0.0
	for _, pl := range p.Pipelines {
		res := layoutOf(pl)
		width = max(width, res.Width, textWidth(pipelineTitle(pl), 13)+2*margin)
		sections = append(sections, placed{pl: pl, res: res, y: y})
		y += titleH + res.Height
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s" font-size="%s">`+"\n",
		num(width), num(y), num(width), num(y), fontFamily, num(nodeFont))
	b.WriteString(svgStyle())
	for pi, s := range sections {
		svgPipeline(&b, pi, s)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// layoutOf lays one pipeline out: a node per object, sized from its
// label, in the band of its category; an edge per reference.
func layoutOf(pl *Pipeline) layout.Result {
	g := layout.Graph{}
	index := map[*Node]int{}
	minW := 0.0
	for i, n := range pl.Nodes {
		index[n] = i
		w, h := nodeSize(n)
		g.Nodes = append(g.Nodes, layout.Node{W: w, H: h, Band: int(n.Category)})
		minW = max(minW, textWidth(n.Category.Title(), smallFont)+4*margin)
	}
	for _, e := range pl.Edges {
		g.Edges = append(g.Edges, layout.Edge{From: index[e.From], To: index[e.To],
			LabelW: textWidth(e.Label(), smallFont) + 6, LabelH: labelH})
	}
	if len(pl.Nodes) == 0 {
		minW = textWidth("no objects to draw", nodeFont) + 2*margin
	}
	return layout.Layout(g, layout.Options{MinWidth: minW})
}

// nodeSize is the box a node's label needs, with room for its shape.
func nodeSize(n *Node) (w, h float64) {
	lines := n.lines()
	for i, l := range lines {
		size := nodeFont
		if i == 2 {
			size = smallFont
		}
		w = max(w, textWidth(l, size))
	}
	w += 2 * padX
	h = float64(len(lines))*lineH + 2*padY
	switch styles[n.Category].svg {
	case shapeParallelogram, shapeArrow, shapeComponent:
		w += 14
	case shapeHexagon, shapeStadium:
		w += 18
	case shapeNote:
		w += 8
	case shapeCylinder:
		h += 10
	}
	return w, h
}

func svgStyle() string {
	var b strings.Builder
	b.WriteString("<style>\n")
	for c := range nCategories {
		st := styles[c]
		fmt.Fprintf(&b, ".%s>.shape{fill:%s;stroke:%s}\n", st.key, st.fill, st.stroke)
	}
	fmt.Fprintf(&b, `.shape{stroke-width:1.2}
.other>.shape{stroke-dasharray:4 3}
.node text{fill:#111827;text-anchor:middle}
.node .id{font-weight:bold}
.node .count{font-size:%[1]spx}
.unused>.shape{fill:%[2]s;stroke:%[3]s;stroke-dasharray:4 3}
.unused text{fill:%[4]s}
.warnings>.shape{stroke:%[5]s;stroke-width:3}
.warnings .count{fill:%[6]s}
.errors>.shape{stroke:%[7]s;stroke-width:3}
.errors .count{fill:%[8]s}
.band{fill:%[9]s;stroke:%[10]s}
.band-title{font-size:%[1]spx;fill:#6b7280}
.pipeline-title{font-size:13px;font-weight:bold;fill:#111827}
.edge path{fill:none;stroke:%[11]s;stroke-width:1.2}
.edge.parent path{stroke:%[12]s;stroke-dasharray:6 4}
.edge.inherited path{stroke:%[13]s;stroke-dasharray:2 3}
.edge.cycle path{stroke:%[7]s;stroke-width:2.5}
.edge .label-bg{fill:#ffffff;fill-opacity:0.85}
.edge text{font-size:%[1]spx;fill:#374151;text-anchor:middle}
.edge.inherited text{fill:#64748b}
.edge.cycle text{fill:%[8]s}
</style>
`, num(smallFont), unusedFill, unusedStroke, unusedText, warningColour, warningText, errorColour, errorText,
		clusterFill, clusterStroke, edgeColour, parentColour, inheritedColour)
	b.WriteString("<defs>\n")
	for _, m := range [][2]string{{"arrow", edgeColour}, {"arrow-parent", parentColour}, {"arrow-inherited", inheritedColour}, {"arrow-cycle", errorColour}} {
		fmt.Fprintf(&b, `<marker id="%s" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0L10,5L0,10z" fill="%s"/></marker>`+"\n", m[0], m[1])
	}
	b.WriteString("</defs>\n")
	return b.String()
}

// svgPipeline writes one pipeline's section: its title, a group per
// category band with its nodes, then the edges above them.
func svgPipeline(b *strings.Builder, pi int, s placed) {
	fmt.Fprintf(b, "<g id=\"p%d\" class=\"pipeline\">\n<title>%s</title>\n", pi, esc(s.pl.Name))
	fmt.Fprintf(b, "<text class=\"pipeline-title\" x=\"%s\" y=\"%s\">%s</text>\n", num(margin), num(s.y+18), esc(pipelineTitle(s.pl)))
	top := s.y + titleH
	if len(s.pl.Nodes) == 0 {
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\">no objects to draw</text>\n", num(margin), num(top+margin+nodeFont))
	}
	for _, band := range s.res.Bands {
		c := Category(band.Band)
		fmt.Fprintf(b, "<g class=\"cluster %s\">\n", styles[c].key)
		fmt.Fprintf(b, "<rect class=\"band\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"6\"/>\n",
			num(band.X), num(top+band.Y), num(band.W), num(band.H))
		fmt.Fprintf(b, "<text class=\"band-title\" x=\"%s\" y=\"%s\">%s</text>\n", num(band.X+8), num(top+band.Y+14), esc(c.Title()))
		for ni, n := range s.pl.Nodes {
			if n.Category == c {
				r := s.res.Nodes[ni]
				r.Y += top
				svgNode(b, pi, ni, n, r)
			}
		}
		b.WriteString("</g>\n")
	}
	for ei, e := range s.pl.Edges {
		svgEdge(b, e, s.res.Edges[ei], top)
	}
	b.WriteString("</g>\n")
}

// svgNode writes a node: its shape and its label, one line per tspan.
func svgNode(b *strings.Builder, pi, ni int, n *Node, r layout.Rect) {
	classes := []string{"node", styles[n.Category].key}
	switch n.mark() {
	case markErrors:
		classes = append(classes, "errors")
	case markWarnings:
		classes = append(classes, "warnings")
	case markUnused:
		classes = append(classes, "unused")
	}
	fmt.Fprintf(b, "<g id=\"p%d-n%d\" class=\"%s\"><title>%s</title>\n", pi, ni, strings.Join(classes, " "), esc(n.ID))
	b.WriteString(shapeOf(styles[n.Category].svg, r))
	lines := n.lines()
	cx := r.X + r.W/2
	base := r.Y + (r.H-float64(len(lines))*lineH)/2 + 11.5
	for i, l := range lines {
		class := [...]string{"id", "type", "count"}[i]
		fmt.Fprintf(b, "<text class=\"%s\" x=\"%s\" y=\"%s\">%s</text>\n", class, num(cx), num(base+float64(i)*lineH), esc(l))
	}
	b.WriteString("</g>\n")
}

// shapeOf draws a category's shape inside r.
func shapeOf(sh shape, r layout.Rect) string {
	x, y, w, h := r.X, r.Y, r.W, r.H
	poly := func(pts ...float64) string {
		var p []string
		for i := 0; i+1 < len(pts); i += 2 {
			p = append(p, num(pts[i])+","+num(pts[i+1]))
		}
		return `<polygon class="shape" points="` + strings.Join(p, " ") + "\"/>\n"
	}
	rect := func(x, y, w, h, rx float64) string {
		return fmt.Sprintf("<rect class=\"shape\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\"/>\n", num(x), num(y), num(w), num(h), num(rx))
	}
	switch sh {
	case shapeParallelogram:
		return poly(x+12, y, x+w, y, x+w-12, y+h, x, y+h)
	case shapeHexagon:
		return poly(x+10, y, x+w-10, y, x+w, y+h/2, x+w-10, y+h, x+10, y+h, x, y+h/2)
	case shapeArrow:
		return poly(x, y, x+w-12, y, x+w, y+h/2, x+w-12, y+h, x, y+h)
	case shapeNote:
		return poly(x, y, x+w-10, y, x+w, y+10, x+w, y+h, x, y+h)
	case shapeCylinder:
		rx := num(w / 2)
		return fmt.Sprintf("<path class=\"shape\" d=\"M%s,%sA%s,5 0 0,1 %s,%sV%sA%s,5 0 0,1 %s,%sZ\"/>\n<path class=\"shape\" d=\"M%s,%sA%s,5 0 0,0 %s,%s\" style=\"fill:none\"/>\n",
			num(x), num(y+5), rx, num(x+w), num(y+5), num(y+h-5), rx, num(x), num(y+h-5),
			num(x), num(y+5), rx, num(x+w), num(y+5))
	case shapeComponent:
		return rect(x+5, y, w-5, h, 2) + rect(x, y+h*0.25-3, 10, 6, 0) + rect(x, y+h*0.65-3, 10, 6, 0)
	case shapeStadium:
		return rect(x, y, w, h, h/2)
	case shapeRounded:
		return rect(x, y, w, h, 8)
	}
	return rect(x, y, w, h, 2)
}

// svgEdge writes an edge: its polyline with an arrowhead, its label on a
// light background.
func svgEdge(b *strings.Builder, e *Edge, r layout.Route, top float64) {
	if len(r.Points) < 2 {
		return
	}
	class, marker := "edge ref", "arrow"
	switch e.Kind {
	case Parent:
		class, marker = "edge parent", "arrow-parent"
	case Inherited:
		class, marker = "edge inherited", "arrow-inherited"
	}
	if e.Cycle {
		class, marker = class+" cycle", "arrow-cycle"
	}
	fmt.Fprintf(b, "<g class=\"%s\"><title>%s → %s: %s</title>\n", class, esc(e.From.ID), esc(e.To.ID), esc(e.Label()))
	var d strings.Builder
	for i, p := range r.Points {
		if i == 0 {
			d.WriteString("M")
		} else {
			d.WriteString("L")
		}
		d.WriteString(num(p.X) + "," + num(p.Y+top))
	}
	fmt.Fprintf(b, "<path d=\"%s\" marker-end=\"url(#%s)\"/>\n", d.String(), marker)
	if l := r.Label; l.W > 0 {
		fmt.Fprintf(b, "<rect class=\"label-bg\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"3\"/>\n", num(l.X), num(l.Y+top), num(l.W), num(l.H))
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\">%s</text>\n", num(l.X+l.W/2), num(l.Y+top+10.5), esc(e.Label()))
	}
	b.WriteString("</g>\n")
}

// esc escapes text for XML; characters XML cannot hold become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
