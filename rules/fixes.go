package rules

// Fixes for "did you mean": the edit that writes the suggestion in place
// of a misspelt name. One is offered only where the name is written in the
// file exactly as the rule read it, so the edit replaces that text and
// nothing else: not a name with escapes in a template, a value rendered
// from --template-vars or worked out from a template's parameters (but a
// !Ref to a parameter's Default, fixed in the Default). In a parameter
// objects file read with the definition (--parameters) the edit is of
// that file.

import (
	"encoding/json"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

// nameFix returns the fix that writes want in place of got, the name the
// string node n holds, or nil when n does not hold got as written.
func (in *Input) nameFix(n *source.Node, got, want, msg string) *Fix {
	if n == nil {
		return nil
	}
	if local, ok := in.Def.InParametersFile(n.Start); ok {
		// A --parameters file (JSON, as the AWS CLI reads it): the edit is
		// worked out in its text and placed after this file's, where its
		// nodes are.
		base := n.Start - local
		m := *n
		m.Start, m.End = local, n.End-base
		fx := literalFix(in.Def.ParametersFrom.Content, &m, got, want, msg, false)
		if fx != nil {
			fx.Start, fx.End = fx.Start+base, fx.End+base
		}
		return fx
	}
	content := in.File.Content
	if n.Kind != source.String || want == "" || want == got || n.Start < 0 || n.End > len(content) || n.Start >= n.End {
		return nil
	}
	if in.resolved(n.Start, n.End) {
		// A value copied from a template parameter's Default is fixed
		// there, where it is written.
		if from := in.copiedFrom(n); from != nil && from.Text == got {
			return in.nameFix(from, got, want, msg)
		}
		return nil
	}
	embedded := in.Def.Embedded != nil
	switch n.Map {
	case source.VerbatimText:
		if n.Text != got {
			return nil
		}
		return in.spanFix(n.TextStart, n.TextStart+len(got), got, want, msg)
	case source.OpaqueText:
		return nil
	}
	return literalFix(content, n, got, want, msg, embedded)
}

// literalFix is the fix of a JSON string literal n of content that holds
// got; in a template (embedded) only a plain name written without escapes.
func literalFix(content []byte, n *source.Node, got, want, msg string, embedded bool) *Fix {
	if n.Kind != source.String || want == "" || want == got || n.Start < 0 || n.End > len(content) || n.Start >= n.End {
		return nil
	}
	lit := content[n.Start:n.End]
	var decoded string
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' || json.Unmarshal(lit, &decoded) != nil || decoded != got {
		return nil
	}
	if string(lit[1:len(lit)-1]) == got {
		if embedded && !bare(want) {
			return nil // a template's own quoting rules: only plain names
		}
		q := jsonQuote(want)
		return &Fix{Message: msg, Start: n.Start + 1, End: n.End - 1, NewText: q[1 : len(q)-1]}
	}
	if embedded {
		return nil // escapes: the text in the template is not the name
	}
	return &Fix{Message: msg, Start: n.Start, End: n.End, NewText: jsonQuote(want)}
}

// keyFix is nameFix for a field's key: the member key of the CLI form,
// the "key" string of the API form.
func (in *Input) keyFix(o *definition.Object, f *definition.Field, want, msg string) *Fix {
	if !writtenOnce(o, f) {
		return nil // renaming one of several would split the field's values
	}
	if f.At != nil && f.At.Kind == source.Object && f.At.Get("fields") == nil {
		if k := f.At.Get("key"); k != nil && k.Start == f.KeyStart && k.End == f.KeyEnd {
			return in.nameFix(k, f.Key, want, msg) // an API-form field entry
		}
	}
	if in.Def.Embedded != nil {
		return nil // a template's fields are API-form entries, found above
	}
	return in.nameFix(&source.Node{Kind: source.String, Start: f.KeyStart, End: f.KeyEnd, Text: f.Key}, f.Key, want, msg)
}

// spanFix returns the fix writing want over start..end, which must hold
// got byte for byte; outside plain JSON, only a plain name is written.
func (in *Input) spanFix(start, end int, got, want, msg string) *Fix {
	content := in.File.Content
	if want == "" || want == got || start < 0 || end > len(content) || start >= end || string(content[start:end]) != got {
		return nil
	}
	if _, ok := in.Def.InParametersFile(start); ok || in.resolved(start, end) {
		return nil
	}
	if !bare(want) {
		return nil
	}
	return &Fix{Message: msg, Start: start, End: end, NewText: want}
}

// copiedFrom is the literal a resolved value n is a copy of (the whole
// value, as one Resolved), or nil.
func (in *Input) copiedFrom(n *source.Node) *source.Node {
	if e := in.Def.Embedded; e != nil {
		for _, r := range e.Resolved {
			if r.Start == n.Start && r.End == n.End && r.From != nil && r.From != n {
				return r.From
			}
		}
	}
	return nil
}

// resolved reports whether start..end overlaps a value dplint worked out
// from a template rather than read as written.
func (in *Input) resolved(start, end int) bool {
	if e := in.Def.Embedded; e != nil {
		for _, r := range e.Resolved {
			if start < r.End && r.Start < end {
				return true
			}
		}
	}
	return false
}

// writtenOnce reports whether the object writes the field's key once: a
// repeated key (the CLI form's last one wins, the API form's entries add
// up) is left to the author.
func writtenOnce(o *definition.Object, f *definition.Field) bool {
	if o.Node == nil {
		return false
	}
	n := 0
	for _, m := range o.Node.Members {
		if m.Key == f.Key {
			n++
		}
	}
	if list := o.Node.Get("fields"); list != nil {
		for _, e := range list.Elems {
			if k := e.Get("key"); k != nil && k.Kind == source.String && k.Text == f.Key {
				n++
			}
		}
	}
	return n == 1
}

// bare reports whether a name can be written as is in any of the formats
// dplint reads (inside a JSON or HCL string, a YAML quoted or plain
// scalar) and still read as the same string: letters, digits, '_', '.',
// '-' and single inner spaces, starting with a letter or '_', and not a
// word YAML reads as a boolean or null.
func bare(s string) bool {
	if s == "" || strings.HasSuffix(s, " ") || strings.Contains(s, "  ") {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '.' || r == '-' || r == ' '):
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}

// jsonQuote is s as a JSON string literal, HTML characters as they are.
func jsonQuote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
