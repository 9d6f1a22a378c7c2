package rules

// Names and suggestions: how messages quote, list and count names, and the
// "did you mean" hints.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/graph"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
	"github.com/dplint/dplint/schema/catalog"
)

// quote puts a slot or id name in single quotes, the service's style.
func quote(s string) string { return "'" + s + "'" }

func listOf(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = quote(v)
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func listAnd(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = quote(v)
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " and " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiouAEIOU", rune(s[0])) {
		return "an"
	}
	return "a"
}

func plural1(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// suggest returns ` (did you mean 'x'?)` for the closest candidate within
// a small edit distance, or "".
func suggest(word string, candidates []string) string {
	return didYouMean(suggestpkg.Closest(word, candidates))
}

// didYouMean is ` (did you mean 'x'?)` for a suggestion, "" for none.
func didYouMean(best string) string {
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", quote(best))
}

func typeNames(cat *catalog.Catalog) []string {
	var out []string
	for _, t := range cat.Types {
		out = append(out, t.Name)
	}
	return out
}

func fieldNames(t *catalog.Type) []string {
	var out []string
	for _, f := range t.Fields {
		if !f.ReadOnly() {
			out = append(out, f.Name)
		}
	}
	return out
}

func ids(g *graph.Graph) []string {
	var out []string
	for _, o := range g.Def.Objects {
		if o.ID != "" {
			out = append(out, o.ID)
		}
	}
	return out
}

// slotTypeName names the type a ref field takes, as the service names it
// in "'<slot>' values must be of type '<Type>'": the one target type, or
// for a slot taking several, their common category (unverified: the
// service's word for those is not known); any object is 'Default'.
func slotTypeName(cat *catalog.Catalog, sf *catalog.Field) string {
	if len(sf.Targets) == 1 {
		if sf.Targets[0] == catalog.AnyTarget {
			return "Default"
		}
		return sf.Targets[0]
	}
	category := ""
	for _, t := range sf.Targets {
		c := t
		if ct := cat.Type(t); ct != nil {
			c = ct.Category
		}
		if category != "" && c != category {
			return sf.Targets[0]
		}
		category = c
	}
	return category
}

// foundTypeName is the type the service names for a referenced object: its
// effective type, or 'Default' for an untyped one.
func foundTypeName(g *graph.Graph, o *definition.Object) string {
	if t := g.Type(o); t != "" {
		return t
	}
	return "Default"
}

// masked renders a value for a message, hiding the values of masked
// (*my…) parameters.
func masked(id, value string) string {
	if strings.HasPrefix(id, "*") {
		return "'****'"
	}
	return quote(value)
}

// elementKind names what a pointer points at: "object", "field", ...
func elementKind(ptr string) string {
	segs := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	switch {
	case len(segs) == 2 && (segs[0] == "objects" || segs[0] == "pipelineObjects"):
		return "object"
	case len(segs) == 4 && segs[2] == "fields":
		return "field"
	case len(segs) == 2 && (segs[0] == "parameters" || segs[0] == "parameterObjects"):
		return "parameter"
	case len(segs) == 4 && segs[2] == "attributes":
		return "parameter attribute"
	case len(segs) == 2 && segs[0] == "parameterValues":
		return "parameter value"
	}
	return "element"
}

func parentName(ptr string) string {
	ptr = ptr[:strings.LastIndex(ptr, "/")]
	return ptr[strings.LastIndex(ptr, "/")+1:]
}

// lazyRegexp compiles a pattern on first use: start-up compiles nothing
// (`dplint version` runs no rule).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
