package cli

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

// exampleNow fixes "now" for the examples, so the document is the same on
// every machine and every day.
var exampleNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// ExampleFindings lints a rule's example and returns the one-line text of
// the findings of that rule.
func ExampleFindings(r *rules.Rule) (string, error) {
	l, err := lint.New(lint.Config{Now: exampleNow})
	if err != nil {
		return "", err
	}
	res := l.Lint("example.json", []byte(r.Example))
	if res.Err != nil {
		return "", res.Err
	}
	run := &report.Run{}
	rf := report.File{Path: "example.json", Source: res.Source}
	for _, d := range res.Definitions {
		def := report.Definition{Name: d.Name, IDs: d.IDs}
		for _, dg := range d.Diagnostics {
			if dg.RuleID == r.ID {
				def.Diagnostics = append(def.Diagnostics, dg)
			}
		}
		rf.Definitions = append(rf.Definitions, def)
	}
	run.Files = append(run.Files, rf)
	var out bytes.Buffer
	if err := report.Text(&out, nil, run, report.Options{Oneline: true}); err != nil {
		return "", err
	}
	return out.String(), nil
}

// RulesMarkdown renders docs/rules.md from the rules' metadata.
func RulesMarkdown() (string, error) {
	var b strings.Builder
	b.WriteString("# dplint rules\n\n")
	b.WriteString("<!-- Generated from the rules' metadata by `dplint rules --markdown`; TestRulesDoc fails when this file is stale. -->\n\n")
	b.WriteString("Origin `service`: ValidatePipelineDefinition (or the API, or the AWS CLI before it sends) makes the check. " +
		"Origin `lint`: dplint's own advice. *Verified*: the message is the service's own text.\n\n")
	b.WriteString("| id | name | severity | origin | summary |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID+"-"+r.Name), r.Name, r.Severity, r.Origin, strings.ReplaceAll(r.Summary, "|", `\|`))
	}
	for _, r := range rules.All() {
		verified := ""
		if r.VerifiedText {
			verified = ", verified text"
		}
		fmt.Fprintf(&b, "\n## %s %s\n\n%s, origin `%s`%s.\n\n%s.\n", r.ID, r.Name, r.Severity, r.Origin, verified, capitalize(r.Summary))
		if r.Doc != "" {
			fmt.Fprintf(&b, "\n%s\n", r.Doc)
		}
		example := r.Example
		if len(example) > 700 {
			cut := 600
			for !utf8.RuneStart(example[cut]) {
				cut--
			}
			example = example[:cut] + fmt.Sprintf("… (%d bytes in all)\n", len(r.Example))
		}
		example = strings.ToValidUTF8(strings.TrimPrefix(example, "\ufeff"), "\ufffd")
		if strings.HasPrefix(r.Example, "\ufeff") {
			example = "(the file starts with the bytes EF BB BF)\n" + example
		}
		findings, err := ExampleFindings(r)
		if err != nil {
			return "", fmt.Errorf("%s: %w", r.ID, err)
		}
		fmt.Fprintf(&b, "\nExample:\n\n```json\n%s```\n\ndplint says:\n\n```\n%s```\n", example, findings)
	}
	return b.String(), nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
