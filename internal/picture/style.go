package picture

// Category is an object's kind as the catalog groups types; every format
// gives each its own shape and colour, and clusters nodes by it.
type Category int

// The categories, in the order their clusters are drawn.
const (
	Activity Category = iota
	DataNode
	DataFormat
	Database
	Resource
	Precondition
	Action
	Schedule
	Utility
	// Other is an object whose type is missing or not one the catalog
	// knows.
	Other
	nCategories
)

// style is how one category looks in each format.
type style struct {
	catalog string // the catalog's name of the category
	key     string // a name safe in ids and classes
	title   string // the cluster's title
	fill    string
	stroke  string
	// mermaid is the node's opening and closing brackets, quotes
	// included: the shape.
	mermaid [2]string
	dot     string // the Graphviz shape
	svg     shape
}

type shape int

const (
	shapeRect shape = iota
	shapeParallelogram
	shapeNote
	shapeCylinder
	shapeComponent
	shapeHexagon
	shapeArrow
	shapeStadium
	shapeRounded
)

var styles = [nCategories]style{
	Activity:     {"Activity", "activity", "Activities", "#dbeafe", "#1d4ed8", [2]string{`["`, `"]`}, "box", shapeRect},
	DataNode:     {"DataNode", "datanode", "Data nodes", "#dcfce7", "#15803d", [2]string{`[/"`, `"/]`}, "parallelogram", shapeParallelogram},
	DataFormat:   {"DataFormat", "dataformat", "Data formats", "#ccfbf1", "#0f766e", [2]string{`[\"`, `"\]`}, "note", shapeNote},
	Database:     {"Database", "database", "Databases", "#e7e5e4", "#44403c", [2]string{`[("`, `")]`}, "cylinder", shapeCylinder},
	Resource:     {"Resource", "resource", "Resources", "#ede9fe", "#6d28d9", [2]string{`[["`, `"]]`}, "component", shapeComponent},
	Precondition: {"Precondition", "precondition", "Preconditions", "#fae8ff", "#a21caf", [2]string{`{{"`, `"}}`}, "hexagon", shapeHexagon},
	Action:       {"Action", "action", "Actions", "#fce7f3", "#be185d", [2]string{`>"`, `"]`}, "cds", shapeArrow},
	Schedule:     {"Schedule", "schedule", "Schedules", "#f1f5f9", "#475569", [2]string{`(["`, `"])`}, "ellipse", shapeStadium},
	Utility:      {"Utility", "utility", "Configurations and properties", "#f4f4f5", "#71717a", [2]string{`("`, `")`}, "tab", shapeRounded},
	Other:        {"", "other", "Untyped or unknown type", "#ffffff", "#6b7280", [2]string{`["`, `"]`}, "box", shapeRect},
}

// categoryOf maps the catalog's category name.
func categoryOf(name string) Category {
	for c, s := range styles {
		if s.catalog == name && name != "" {
			return Category(c)
		}
	}
	return Other
}

// Title is the category's cluster title.
func (c Category) Title() string { return styles[c].title }

// Colours of what findings and links mean, the same in every format.
const (
	errorColour     = "#dc2626" // a node with an error; an edge on a cycle
	errorText       = "#b91c1c"
	warningColour   = "#d97706" // a node with warnings and no error
	warningText     = "#b45309"
	unusedFill      = "#f3f4f6" // an object the linter reports as unused
	unusedStroke    = "#9ca3af"
	unusedText      = "#6b7280"
	edgeColour      = "#4b5563"
	parentColour    = "#6b7280"
	inheritedColour = "#94a3b8" // a reference inherited from Default
	clusterFill     = "#f9fafb"
	clusterStroke   = "#d1d5db"
)

// mark is what a node's findings make of it: the worst wins, and an
// unused object with no error is greyed whatever its warnings.
type mark int

const (
	markNone mark = iota
	markWarnings
	markUnused
	markErrors
)

func (n *Node) mark() mark {
	switch {
	case n.Findings.Errors > 0:
		return markErrors
	case n.Unused:
		return markUnused
	case n.Findings.Warnings > 0:
		return markWarnings
	}
	return markNone
}

// lines are a node's label: its id, its type and its findings.
func (n *Node) lines() []string {
	t := n.Type
	if t == "" {
		t = "(no type)"
	}
	out := []string{shorten(n.ID), shorten(t)}
	if s := n.Findings.String(); s != "" {
		out = append(out, s)
	}
	return out
}
