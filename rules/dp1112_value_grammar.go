package rules

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/schema/catalog"
)

// ValueGrammar reports string values that break a grammar their page
// states (the catalog's grammar key): bid prices, single characters, SQL
// predicates.
var ValueGrammar = &Rule{
	Meta: Meta{
		ID: "DP1112", Name: "value-grammar", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a string field breaks the value grammar its page states (a bid price outside 0 to 20.00, a recordSeparator of more than one character, a filterSql that begins with WHERE)",
		Doc: "These fields are String slots whose pages say more about the value: Ec2Resource's spotBidPrice and EmrCluster's " +
			"masterInstanceBidPrice and taskInstanceBidPrice are \"a decimal value between 0 and 20.00, exclusive\" (the EmrCluster " +
			"ones may also be OnDemandPrice; coreInstanceBidPrice's description gives no range, so it is not checked); the Custom " +
			"data format's recordSeparator: \"Only single characters are supported\" (counted once JSON escapes are read, so \"\\n\" " +
			"is one character); HiveCopyActivity's filterSql \"should only contain predicates and not begin with a WHERE clause\", " +
			"since the service adds the WHERE itself. A value is checked against the type of each object that has it (own, parent's " +
			"or Default's) and reported once, where it is written. Values holding #{...} or ${...} are not known offline and are skipped, except " +
			"that a filterSql is read up to its first expression. Whether the service refuses such a value or fails at run time is " +
			"not known, so this is a warning.",
	},
	Example: Example{Build: func() string {
		return example(`{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "spotBidPrice": "25"}`, exHello)
	}},
	Requires: needsGraph,
	Check:    checkValueGrammar,
}

// bidPriceText is a plain decimal: digits with an optional fraction, or a
// fraction alone (no sign, no exponent).
var bidPriceText = lazyRegexp(`^(?:\d+(?:\.\d*)?|\.\d+)$`)

// leadingWhere is a WHERE keyword at the start of a SQL text.
var leadingWhere = lazyRegexp(`(?i)^\s*where\b`)

func checkValueGrammar(pass *Pass) {
	g := pass.Graph()
	ty := pass.Typing()
	reported := map[*definition.Value]bool{}
	for _, o := range g.Def.Objects {
		t := ty.objectType(o)
		if t == nil || t.Name == "Default" || !concrete(g, o) {
			continue // a template's or Default's value is checked on the objects that inherit it
		}
		for _, sf := range t.Fields {
			if sf.Grammar == "" || sf.ReadOnly() {
				continue
			}
			f, from := g.Lookup(o, sf.Name)
			if f == nil {
				continue
			}
			for _, v := range f.Values {
				if v.Kind != definition.Str || v.Text == "" || reported[v] { // an empty value is DP1006's
					continue
				}
				if msg := grammarProblem(sf.Grammar, f.Key, v.Text); msg != "" {
					reported[v] = true
					pass.Report(valueFinding(from, v, msg))
				}
			}
		}
	}
}

// grammarProblem returns the message for a value that breaks a grammar,
// or "" when it keeps it or is not known offline.
func grammarProblem(grammar, key, text string) string {
	if grammar == catalog.GrammarSQLPredicate {
		known := text
		if i := strings.Index(known, "#{"); i >= 0 {
			known = known[:i]
		}
		if i := strings.Index(known, "${"); i >= 0 {
			known = known[:i]
		}
		if leadingWhere().MatchString(known) {
			return fmt.Sprintf("%s must hold only predicates, without a leading WHERE (the service adds it); found %s", quote(key), quote(shorten(text)))
		}
		return ""
	}
	if opaque(text) {
		return ""
	}
	switch grammar {
	case catalog.GrammarBidPrice:
		if !validBidPrice(text) {
			return fmt.Sprintf("%s must be a decimal between 0 and 20.00 (exclusive); found %s", quote(key), quote(text))
		}
	case catalog.GrammarBidPriceOrOnDemandPrice:
		if !validBidPrice(text) && !strings.EqualFold(strings.TrimSpace(text), "OnDemandPrice") {
			return fmt.Sprintf("%s must be a decimal between 0 and 20.00 (exclusive) or OnDemandPrice; found %s", quote(key), quote(text))
		}
	case catalog.GrammarSingleCharacter:
		if utf8.RuneCountInString(text) != 1 {
			return fmt.Sprintf("%s must be a single character; found %s", quote(key), quote(escaped(text)))
		}
	}
	return ""
}

func validBidPrice(text string) bool {
	text = strings.TrimSpace(text)
	if !bidPriceText().MatchString(text) {
		return false
	}
	n, err := strconv.ParseFloat(text, 64)
	return err == nil && n > 0 && n < 20
}

// escaped shows a short value with control characters as Go escapes
// (\n, \t, \r), so a separator reads on one line.
func escaped(s string) string {
	q := strconv.Quote(s)
	return strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
}

// shorten cuts a long value for a message.
func shorten(s string) string {
	const most = 60
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "..."
}
