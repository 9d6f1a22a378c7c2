package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/config"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
)

// The documentation tests keep README.md, CONTRIBUTING.md and docs/ true:
// every flag of every command documented (and every documented flag real),
// every format, every configuration key, every relative link resolving, and
// the README's console snippets printing what they show.

// documented are the commands with a section of their own in
// docs/commands.md, whose flags must each have a row in its table.
var documented = []string{"lint", "translate", "eval", "graph", "pull", "explain", "rules", "schema", "lsp", "serve"}

func readDoc(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var helpFlag = regexp.MustCompile(`(?m)^  --?([a-z][a-z-]*)`)

// flagsOf lists a command's flags from its --help.
func flagsOf(t *testing.T, command string) []string {
	t.Helper()
	out, errOut, _ := run(t, "", command, "--help")
	var flags []string
	for _, m := range helpFlag.FindAllStringSubmatch(out+errOut, -1) {
		flags = append(flags, m[1])
	}
	return flags
}

// dashed is a flag as the docs spell it: -o, --format.
func dashed(flag string) string {
	if len(flag) == 1 {
		return "-" + flag
	}
	return "--" + flag
}

// section returns the part of a Markdown document under a "## " heading
// that starts with title, up to the next "## " heading.
func section(doc, title string) string {
	i := strings.Index(doc, "\n## "+title)
	if i < 0 {
		return ""
	}
	rest := doc[i+1:]
	if j := strings.Index(rest[3:], "\n## "); j >= 0 {
		return rest[:j+3]
	}
	return rest
}

var flagRow = regexp.MustCompile("(?m)^\\| `(-{1,2}[a-z][a-z-]*)")

func TestCommandsDocumented(t *testing.T) {
	inRepoRoot(t)
	doc := readDoc(t, "docs/commands.md")
	for _, command := range documented {
		sec := section(doc, "`dplint "+command+"`")
		if sec == "" {
			t.Errorf("docs/commands.md has no section \"## `dplint %s`\"", command)
			continue
		}
		flags := flagsOf(t, command)
		if command == "lint" && len(flags) < 20 {
			t.Fatalf("found only %d flags in `dplint lint --help`", len(flags))
		}
		real := map[string]bool{}
		for _, f := range flags {
			real[dashed(f)] = true
			if !regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(dashed(f)) + "[` ]").MatchString(sec) {
				t.Errorf("docs/commands.md: `dplint %s` has no table row for %s", command, dashed(f))
			}
		}
		for _, m := range flagRow.FindAllStringSubmatch(sec, -1) {
			if !real[m[1]] {
				t.Errorf("docs/commands.md documents %s for `dplint %s`, which has no such flag", m[1], command)
			}
		}
	}
	// Every command of `dplint help` is named in the synopsis of both.
	out, _, _ := run(t, "", "help")
	readme := readDoc(t, "README.md")
	for _, m := range regexp.MustCompile(`(?m)^  dplint ([a-z]+)`).FindAllStringSubmatch(out, -1) {
		for name, text := range map[string]string{"README.md": readme, "docs/commands.md": doc} {
			if !strings.Contains(text, "\ndplint "+m[1]+" ") {
				t.Errorf("%s's synopsis lacks `dplint %s`", name, m[1])
			}
		}
	}
}

// TestDocumentedFlagsExist: every `dplint COMMAND --flag` in a sh or console
// snippet of the README, CONTRIBUTING.md or docs/ is a flag the command has.
func TestDocumentedFlagsExist(t *testing.T) {
	inRepoRoot(t)
	flags := map[string]map[string]bool{}
	for _, c := range documented {
		flags[c] = map[string]bool{"--help": true}
		for _, f := range flagsOf(t, c) {
			flags[c][dashed(f)] = true
		}
	}
	seen := 0
	for _, path := range docFiles(t) {
		for _, block := range fenced(readDoc(t, path), "sh", "console") {
			for _, line := range strings.Split(block, "\n") {
				line = strings.TrimPrefix(strings.TrimSpace(line), "$ ")
				line = strings.TrimPrefix(line, "go run ./cmd/")
				words := shellWords(line)
				if len(words) < 2 || words[0] != "dplint" || flags[words[1]] == nil {
					continue
				}
				seen++
				for _, w := range words[2:] {
					if w == "#" {
						break
					}
					name, _, _ := strings.Cut(w, "=")
					if strings.HasPrefix(w, "-") && w != "-" && !flags[words[1]][name] {
						t.Errorf("%s: `%s` uses %s, which `dplint %s` does not have", path, line, name, words[1])
					}
				}
			}
		}
	}
	if seen < 20 {
		t.Errorf("found only %d dplint commands in the documentation's snippets", seen)
	}
}

func TestFormatsDocumented(t *testing.T) {
	inRepoRoot(t)
	for _, path := range []string{"README.md", "docs/formats.md"} {
		doc := readDoc(t, path)
		for _, f := range report.Names() {
			if !strings.Contains(doc, "**"+f+"**") {
				t.Errorf("%s does not describe the %s format", path, f)
			}
		}
	}
}

// TestConfigurationDocumented: every key of the starter .dplint.yaml (which
// holds every key the configuration file takes, some commented out) has a
// row in docs/configuration.md.
func TestConfigurationDocumented(t *testing.T) {
	inRepoRoot(t)
	doc := readDoc(t, "docs/configuration.md")
	keys := regexp.MustCompile(`(?m)^#?\s*(?:- )?([a-z][a-z-]*):`).FindAllStringSubmatch(config.Starter, -1)
	if len(keys) < 10 {
		t.Fatalf("found only %d keys in the starter configuration", len(keys))
	}
	for _, k := range keys {
		if !strings.Contains(doc, "| `"+k[1]+"` |") {
			t.Errorf("docs/configuration.md has no row for the key %q", k[1])
		}
	}
}

func TestReadmeIsAFrontPage(t *testing.T) {
	inRepoRoot(t)
	readme := readDoc(t, "README.md")
	if len(readme) > 16*1024 {
		t.Errorf("README.md is %d bytes; keep it under 16 KB and move reference material to docs/", len(readme))
	}
	if !strings.Contains(readme, "\n## Contents\n") {
		t.Error("README.md has no table of contents")
	}
	// Every "## " heading is in the contents list.
	for _, m := range regexp.MustCompile(`(?m)^## (.+)$`).FindAllStringSubmatch(readme, -1) {
		if m[1] != "Contents" && !strings.Contains(readme, "- ["+m[1]+"](#"+slug(m[1])+")") {
			t.Errorf("README.md's contents lack %q", m[1])
		}
	}
	if want := fmt.Sprintf("\n%d rules, ", len(rules.All())); !strings.Contains(readme, want) {
		t.Errorf("README.md should say %q", strings.TrimSpace(want))
	}
}

// TestDocLinks: every relative link in the documentation names a file that
// exists, and an anchor a heading of that file.
func TestDocLinks(t *testing.T) {
	inRepoRoot(t)
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, path := range docFiles(t) {
		doc := readDoc(t, path)
		for _, m := range link.FindAllStringSubmatch(stripCode(doc), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			resolved := path
			if file != "" {
				resolved = filepath.Join(filepath.Dir(path), file)
				if _, err := os.Stat(resolved); err != nil {
					t.Errorf("%s: link %s: %v", path, target, err)
					continue
				}
			}
			if anchor != "" && !hasAnchor(readDoc(t, resolved), anchor) {
				t.Errorf("%s: link %s: %s has no heading with that anchor", path, target, resolved)
			}
		}
	}
}

// TestReadmeSnippetsRun runs every `$ dplint ...` line of the README's
// console snippets, from the repository's root, and requires exactly the
// output shown below it.
func TestReadmeSnippetsRun(t *testing.T) {
	inRepoRoot(t)
	ran := 0
	for _, block := range fenced(readDoc(t, "README.md"), "console") {
		var cmd []string
		var want strings.Builder
		check := func() {
			if cmd == nil {
				return
			}
			ran++
			out, errOut, _ := run(t, "", cmd[1:]...)
			if out != want.String() {
				t.Errorf("README: `%s` prints\n%s(stderr %q)\nbut the README shows\n%s", strings.Join(cmd, " "), out, errOut, want.String())
			}
		}
		for _, line := range strings.SplitAfter(block, "\n") {
			if rest, ok := strings.CutPrefix(line, "$ "); ok {
				check()
				cmd = shellWords(strings.TrimSpace(rest))
				if len(cmd) == 0 || cmd[0] != "dplint" {
					t.Fatalf("README console snippet runs %q; only dplint commands are checked", rest)
				}
				want.Reset()
				continue
			}
			want.WriteString(line)
		}
		check()
	}
	if ran < 3 {
		t.Errorf("ran only %d README snippets", ran)
	}
}

// docFiles are the hand-written documentation files (the generated rule
// pages are checked by their own tests).
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md", "CONTRIBUTING.md", "schema/catalog/README.md"}
	more, err := filepath.Glob("docs/*.md")
	if err != nil || len(more) < 5 {
		t.Fatalf("docs/*.md: %v (%d files)", err, len(more))
	}
	return append(files, more...)
}

var fence = regexp.MustCompile("(?ms)^```([a-z]*)\n(.*?)^```")

// fenced returns the bodies of the fenced code blocks of the given languages.
func fenced(doc string, langs ...string) []string {
	var out []string
	for _, m := range fence.FindAllStringSubmatch(doc, -1) {
		for _, l := range langs {
			if m[1] == l {
				out = append(out, m[2])
			}
		}
	}
	return out
}

// stripCode removes fenced blocks and inline code, where "](" is not a link.
func stripCode(doc string) string {
	doc = fence.ReplaceAllString(doc, "")
	return regexp.MustCompile("`[^`\n]*`").ReplaceAllString(doc, "")
}

// shellWords splits a command line the way sh would for the simple quoting
// the docs use: single and double quotes, no escapes.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// slug is GitHub's anchor for a heading: lower case, spaces to hyphens,
// punctuation other than hyphens and underscores dropped.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasAnchor(doc, anchor string) bool {
	for _, m := range regexp.MustCompile(`(?m)^#{1,6} (.+)$`).FindAllStringSubmatch(stripFences(doc), -1) {
		if slug(m[1]) == anchor {
			return true
		}
	}
	return false
}

func stripFences(doc string) string { return fence.ReplaceAllString(doc, "") }
