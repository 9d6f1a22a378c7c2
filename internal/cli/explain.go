package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/dplint/dplint/internal/explain"
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
		explain.Rule(w, r)
		return ExitOK
	}
	typeName, fieldName, hasField := strings.Cut(arg, ".")
	t := cat.Type(typeName)
	if t == nil {
		if holders := typesWithField(cat, arg); len(holders) > 0 {
			explain.Field(w, holders[0], holders[0].Field(arg), true)
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
		explain.Field(w, t, f, true)
		return ExitOK
	}
	explain.Type(w, t, *notes)
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
