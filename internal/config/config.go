// Package config reads .dplint.yaml: which rules run and how severe they
// are (globally and per path), the fail level, the object limit, the
// default --at, template variables, parameter values and the baseline. Unknown keys and
// values of the wrong type are errors that name file, line and column.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Names are the file names looked for, in order, in each directory from
// the working directory up to the root.
var Names = []string{".dplint.yaml", ".dplint.yml"}

// Config is the file's content.
type Config struct {
	Path string // the file read; "" when none

	Only, Disable, Enable []string
	Severity              map[string]string // rule id or name -> error|warning|info
	FailLevel             string
	Strict                bool
	MaxObjects            int
	At                    string
	TemplateVars          map[string]string
	Values                map[string][]string
	Overrides             []Override
	// Baseline is the baseline file (lint --baseline); the file gives it
	// relative to its own directory, and it is kept joined to that.
	Baseline string
}

// Override changes rules for the files whose path matches one of Paths.
type Override struct {
	Paths    []string // globs relative to the config file's directory; ** matches any number of directories
	Disable  []string
	Enable   []string
	Severity map[string]string
	res      []*regexp.Regexp
	base     string
}

// Matches reports whether a file path (as given on the command line)
// falls under the override.
func (o *Override) Matches(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(o.base, abs)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, re := range o.res {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// Find looks for a config file from dir up to the root; "" when none.
func Find(dir string) string {
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Error is a problem in the config file, at a line and column.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
}

// Load reads and checks a config file. known, when not nil, says whether a
// rule id or name exists, so that every rule the file names is checked
// where it stands.
func Load(path string, known func(string) bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data, known)
}

// Parse reads a config file's content. Every problem is reported, each at
// its line and column (the error joins one *Error per problem). A key whose
// value is empty (values: {}, disable: []) is not set.
func Parse(path string, data []byte, known func(string) bool) (*Config, error) {
	c := &Config{Path: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{Path: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file
	}
	root := doc.Content[0]
	p := parser{path: path, known: known}
	p.mapping(root, map[string]func(*yaml.Node){
		"rules": func(n *yaml.Node) {
			p.mapping(n, map[string]func(*yaml.Node){
				"only":     func(n *yaml.Node) { c.Only = p.rules(n) },
				"disable":  func(n *yaml.Node) { c.Disable = p.rules(n) },
				"enable":   func(n *yaml.Node) { c.Enable = p.rules(n) },
				"severity": func(n *yaml.Node) { c.Severity = p.severities(n) },
			})
		},
		"fail-level": func(n *yaml.Node) {
			c.FailLevel = p.scalar(n)
			if c.FailLevel != "" && c.FailLevel != "none" && !validSeverity(c.FailLevel) {
				p.fail(n, "fail-level must be error, warning, info or none; found %q", c.FailLevel)
			}
		},
		"max-objects": func(n *yaml.Node) {
			v, err := strconv.Atoi(p.scalar(n))
			if err != nil || v < 1 {
				p.fail(n, "max-objects must be a whole number of at least 1")
			}
			c.MaxObjects = v
		},
		"at": func(n *yaml.Node) { c.At = p.scalar(n) },
		"baseline": func(n *yaml.Node) {
			if b := p.scalar(n); b != "" {
				c.Baseline = b
				if !filepath.IsAbs(b) {
					c.Baseline = filepath.Join(filepath.Dir(absOrSame(path)), b)
				}
			}
		},
		"strict": func(n *yaml.Node) {
			switch v := p.scalar(n); v {
			case "true", "false", "":
				c.Strict = v == "true"
			default:
				p.fail(n, "strict must be true or false; found %q", v)
			}
		},
		"template-vars": func(n *yaml.Node) {
			if m := p.stringMap(n); len(m) > 0 {
				c.TemplateVars = m
			}
		},
		"values": func(n *yaml.Node) {
			// An empty map is "not set": values given here replace a
			// definition's own, so {} would take them all away.
			p.each(n, func(k, v *yaml.Node) {
				if c.Values == nil {
					c.Values = map[string][]string{}
				}
				if v.Kind == yaml.SequenceNode {
					c.Values[k.Value] = p.strings(v)
				} else {
					c.Values[k.Value] = []string{p.scalar(v)}
				}
			})
		},
		"overrides": func(n *yaml.Node) {
			if n.Kind != yaml.SequenceNode {
				p.fail(n, "overrides must be a list")
				return
			}
			for _, item := range n.Content {
				o := Override{base: filepath.Dir(absOrSame(path))}
				p.mapping(item, map[string]func(*yaml.Node){
					"paths":    func(n *yaml.Node) { o.Paths = p.strings(n) },
					"disable":  func(n *yaml.Node) { o.Disable = p.rules(n) },
					"enable":   func(n *yaml.Node) { o.Enable = p.rules(n) },
					"severity": func(n *yaml.Node) { o.Severity = p.severities(n) },
				})
				if len(o.Paths) == 0 {
					p.fail(item, "an override needs paths")
				}
				for _, g := range o.Paths {
					o.res = append(o.res, globRegexp(g))
				}
				c.Overrides = append(c.Overrides, o)
			}
		},
	})
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return c, nil
}

func absOrSame(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func validSeverity(s string) bool { return s == "error" || s == "warning" || s == "info" }

// globRegexp turns a glob into a regexp: * matches within a directory,
// ** any number of directories, ? one character.
func globRegexp(g string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	g = strings.TrimPrefix(filepath.ToSlash(g), "./")
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case c == '*' && i+1 < len(g) && g[i+1] == '*':
			i++
			if i+1 < len(g) && g[i+1] == '/' {
				i++
				b.WriteString("(?:.*/)?")
			} else {
				b.WriteString(".*")
			}
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

type parser struct {
	path  string
	known func(string) bool
	errs  []error
}

func (p *parser) fail(n *yaml.Node, format string, a ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, a...)})
}

// rules reads a list of rule ids or names, each checked where it stands.
func (p *parser) rules(n *yaml.Node) []string {
	names := p.strings(n)
	if p.known != nil {
		items := n.Content
		for i, name := range names {
			at := n
			if n.Kind == yaml.SequenceNode && i < len(items) {
				at = items[i]
			}
			if !p.known(name) {
				p.fail(at, "unknown rule %q (see `dplint rules`)", name)
			}
		}
	}
	return names
}

// mapping walks a mapping node, calling the handler of each key; unknown
// keys are errors at the key.
func (p *parser) mapping(n *yaml.Node, keys map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "expected a mapping of keys")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := keys[k.Value]
		if !ok {
			var known []string
			for name := range keys {
				known = append(known, name)
			}
			sort.Strings(known)
			p.fail(k, "unknown key %q (expected one of %s)", k.Value, strings.Join(known, ", "))
			continue
		}
		h(v)
	}
}

func (p *parser) each(n *yaml.Node, fn func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "expected a mapping")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn(n.Content[i], n.Content[i+1])
	}
}

func (p *parser) scalar(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		p.fail(n, "expected a single value")
		return ""
	}
	return n.Value
}

func (p *parser) strings(n *yaml.Node) []string {
	if n.Kind == yaml.ScalarNode {
		var out []string
		for _, s := range strings.Split(n.Value, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "expected a list")
		return nil
	}
	var out []string
	for _, item := range n.Content {
		out = append(out, p.scalar(item))
	}
	return out
}

func (p *parser) stringMap(n *yaml.Node) map[string]string {
	out := map[string]string{}
	p.each(n, func(k, v *yaml.Node) { out[k.Value] = p.scalar(v) })
	return out
}

func (p *parser) severities(n *yaml.Node) map[string]string {
	out := map[string]string{}
	p.each(n, func(k, v *yaml.Node) {
		if p.known != nil && !p.known(k.Value) {
			p.fail(k, "unknown rule %q (see `dplint rules`)", k.Value)
		}
		s := p.scalar(v)
		if !validSeverity(s) {
			p.fail(v, "severity must be error, warning or info; found %q", s)
		}
		out[k.Value] = s
	})
	return out
}
