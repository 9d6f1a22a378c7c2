// Package explain prints what the catalog knows of an object type or field,
// and a rule's summary, in the words dplint explain uses; the language
// server's hovers show the same text.
package explain

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/schema/catalog"
)

// Type prints a type: its groups and exclusive fields, its fields,
// and, with notes, how the catalog read the guide's page.
func Type(w io.Writer, t *catalog.Type, notes bool) {
	fmt.Fprintf(w, "%s (%s)\n  %s\n  source: %s\n", t.Name, t.Category, t.Description, t.Page)
	for _, g := range t.Groups {
		if len(g.OneOf) > 0 {
			fmt.Fprintf(w, "  one of: %s\n", strings.Join(g.OneOf, ", "))
		} else {
			fmt.Fprintf(w, "  all of: %s\n", strings.Join(g.AllOf, ", "))
		}
	}
	for _, x := range t.Exclusive {
		fmt.Fprintf(w, "  not together: %s\n", strings.Join(x.Fields, ", "))
	}
	fmt.Fprintln(w, "fields:")
	var readOnly []string
	for _, f := range t.Fields {
		if f.ReadOnly() {
			readOnly = append(readOnly, f.Name)
			continue
		}
		Field(w, t, f, false)
	}
	if len(readOnly) > 0 {
		sort.Strings(readOnly)
		fmt.Fprintf(w, "set by the service (runtime and system fields): %s\n", strings.Join(readOnly, ", "))
	}
	switch {
	case notes:
		for _, n := range t.Notes {
			fmt.Fprintf(w, "note: %s\n", n)
		}
	case len(t.Notes) > 0:
		fmt.Fprintf(w, "(%d notes on how the catalog reads the guide: dplint explain --notes %s)\n", len(t.Notes), t.Name)
	}
}

// Field prints one field on one line (or, in full, with its note).
func Field(w io.Writer, t *catalog.Type, f *catalog.Field, full bool) {
	var attrs []string
	kind := string(f.Kind)
	switch f.Kind {
	case catalog.KindRef:
		kind = "reference to " + strings.Join(f.Targets, " | ")
	case catalog.KindEnum:
		kind = "one of " + strings.Join(f.Values, " | ")
		if f.CaseSensitive {
			kind += " (case-sensitive)"
		}
	}
	if f.List {
		attrs = append(attrs, "list")
	}
	if f.Required {
		attrs = append(attrs, "required")
	}
	for _, g := range t.Groups {
		for _, n := range g.OneOf {
			if n == f.Name {
				attrs = append(attrs, "one of "+strings.Join(g.OneOf, "/"))
			}
		}
	}
	if f.Invocation {
		attrs = append(attrs, "invocation")
	}
	if f.Runtime {
		attrs = append(attrs, "runtime: set by the service")
	}
	if f.System {
		attrs = append(attrs, "system: set by the service")
	}
	if f.Deprecated {
		attrs = append(attrs, "deprecated")
	}
	if f.Min != nil {
		attrs = append(attrs, "min "+num(*f.Min))
	}
	if f.Max != nil {
		attrs = append(attrs, "max "+num(*f.Max))
	}
	if f.Default != "" {
		attrs = append(attrs, fmt.Sprintf("default %q", f.Default))
	}
	extra := ""
	if len(attrs) > 0 {
		extra = " [" + strings.Join(attrs, ", ") + "]"
	}
	if full {
		fmt.Fprintf(w, "%s.%s: %s%s\n  %s\n", t.Name, f.Name, kind, extra, f.Description)
		if f.Note != "" {
			fmt.Fprintf(w, "  note: %s\n", f.Note)
		}
		return
	}
	fmt.Fprintf(w, "  %s: %s%s — %s\n", f.Name, kind, extra, f.Description)
}

// Rule prints a rule: id, name, severity, origin, summary and its doc line.
func Rule(w io.Writer, r *rules.Rule) {
	verified := ""
	if r.VerifiedText {
		verified = ", the service's own text"
	}
	fmt.Fprintf(w, "%s %s (%s, origin %s%s)\n  %s\n", r.ID, r.Name, r.Severity, r.Origin, verified, r.Summary)
	if r.Doc != "" {
		fmt.Fprintf(w, "  %s\n", r.Doc)
	}
}

func num(f float64) string { return fmt.Sprintf("%g", f) }
