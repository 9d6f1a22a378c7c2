package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/schema/catalog"
)

const explainHelp = `Usage: dplint explain [TYPE[.FIELD] | RULE]

Prints what dplint knows: with no argument, every object type by category;
with TYPE, its fields (kind, required, allowed references, enumeration
values, lists, runtime and system fields); with TYPE.FIELD, one field; with
a rule id or name, the rule.
`

func runExplain(args []string, env Env) int {
	fs := newFlagSet("explain", env, explainHelp)
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	cat := catalog.Objects()
	w := env.Stdout
	if fs.NArg() == 0 {
		byCat := map[string][]string{}
		for _, t := range cat.Types {
			byCat[t.Category] = append(byCat[t.Category], t.Name)
		}
		for _, c := range catalog.Categories {
			if len(byCat[c]) > 0 {
				fmt.Fprintf(w, "%s: %s\n", c, strings.Join(byCat[c], ", "))
			}
		}
		return ExitOK
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(env.Stderr, "dplint: explain: give one TYPE, TYPE.FIELD or rule\n")
		return ExitUsage
	}
	arg := fs.Arg(0)
	if r := rules.Lookup(arg); r != nil {
		explainRule(w, r)
		return ExitOK
	}
	typeName, fieldName, hasField := strings.Cut(arg, ".")
	t := cat.Type(typeName)
	if t == nil {
		var names []string
		for _, t := range cat.Types {
			if strings.EqualFold(t.Name, typeName) {
				names = append(names, t.Name)
			}
		}
		hint := ""
		if len(names) > 0 {
			hint = fmt.Sprintf(" (did you mean %s?)", names[0])
		}
		fmt.Fprintf(env.Stderr, "dplint: explain: %q is not an object type or a rule%s; `dplint explain` lists the types\n", typeName, hint)
		return ExitUsage
	}
	if hasField {
		f := t.Field(fieldName)
		if f == nil {
			fmt.Fprintf(env.Stderr, "dplint: explain: %s has no field %q\n", t.Name, fieldName)
			return ExitUsage
		}
		explainField(w, t, f, true)
		return ExitOK
	}
	explainType(w, t)
	return ExitOK
}

// explainType prints a type: its groups, exclusive fields, notes and fields.
func explainType(w io.Writer, t *catalog.Type) {
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
	for _, n := range t.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
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
