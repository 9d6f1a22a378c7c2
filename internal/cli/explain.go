package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dplint/dplint/internal/suggest"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/schema/catalog"
)

const explainHelp = `Usage: dplint explain [--notes] [TYPE[.FIELD] | FIELD | RULE]

Prints what dplint knows: with no argument, every object type by category;
with TYPE, its fields (kind, required, allowed references, enumeration
values, lists, runtime and system fields); with TYPE.FIELD, one field; with
a field name alone (@scheduledStartTime, runsOn), the field and the types
that have it; with a rule id or name, the rule. A name dplint does not know
gets the closest one it does.
`

func runExplain(args []string, env Env) int {
	fs := newFlagSet("explain", env, explainHelp)
	notes := fs.Bool("notes", false, "with TYPE: also print the catalog's notes on how the type was read from the guide")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	cat := catalog.Objects()
	w := env.Stdout
	switch len(rest) {
	case 0:
		explainCategories(w, cat)
		return ExitOK
	case 1:
	default:
		return usage(env, "explain: give one TYPE, TYPE.FIELD, FIELD or rule")
	}
	arg := rest[0]
	if r := rules.Lookup(arg); r != nil {
		explainRule(w, r)
		return ExitOK
	}
	typeName, fieldName, hasField := strings.Cut(arg, ".")
	t := cat.Type(typeName)
	if t == nil {
		if holders := typesWithField(cat, arg); len(holders) > 0 {
			explainField(w, holders[0], holders[0].Field(arg), true)
			fmt.Fprintf(w, "  on: %s\n", strings.Join(typeNames(holders), ", "))
			return ExitOK
		}
		return usage(env, "explain: %q is not an object type, a field or a rule%s; `dplint explain` lists the types",
			typeName, didYouMean(typeName, explainNames(cat)))
	}
	if hasField {
		f := t.Field(fieldName)
		if f == nil {
			return usage(env, "explain: %s has no field %q%s", t.Name, fieldName, didYouMean(fieldName, fieldNamesOf(t)))
		}
		explainField(w, t, f, true)
		return ExitOK
	}
	explainType(w, t, *notes)
	return ExitOK
}

func explainCategories(w io.Writer, cat *catalog.Catalog) {
	byCat := map[string][]string{}
	for _, t := range cat.Types {
		byCat[t.Category] = append(byCat[t.Category], t.Name)
	}
	for _, c := range catalog.Categories {
		if len(byCat[c]) > 0 {
			fmt.Fprintf(w, "%s: %s\n", c, strings.Join(byCat[c], ", "))
		}
	}
}

// typesWithField lists the types that have a field of this name.
func typesWithField(cat *catalog.Catalog, name string) []*catalog.Type {
	var out []*catalog.Type
	for _, t := range cat.Types {
		if t.Field(name) != nil {
			out = append(out, t)
		}
	}
	return out
}

func typeNames(ts []*catalog.Type) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func fieldNamesOf(t *catalog.Type) []string {
	out := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		out[i] = f.Name
	}
	return out
}

// explainNames are what explain takes: types, every field name, rules.
func explainNames(cat *catalog.Catalog) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, t := range cat.Types {
		add(t.Name)
	}
	for _, t := range cat.Types {
		for _, f := range t.Fields {
			add(f.Name)
		}
	}
	for _, r := range rules.All() {
		add(r.ID)
		add(r.Name)
	}
	return out
}

func didYouMean(word string, candidates []string) string {
	if s := suggest.Closest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %s?)", s)
	}
	return ""
}

// explainType prints a type: its groups and exclusive fields, its fields,
// and, with notes, how the catalog read the guide's page.
func explainType(w io.Writer, t *catalog.Type, notes bool) {
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
		explainField(w, t, f, false)
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

// explainField prints one field on one line (or, in full, with its note).
func explainField(w io.Writer, t *catalog.Type, f *catalog.Field, full bool) {
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

func explainRule(w io.Writer, r *rules.Rule) {
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
