package lsp

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"
)

// A CloudFormation template in YAML or a Terraform file writes a pipeline
// as lists of entries (Key / StringValue / RefValue, key / string_value /
// ref_value), and a half-typed one often does not parse. yamlSlot and
// hclSlot read the text around the cursor themselves, forgivingly, and
// say which slot of which entry the cursor is in; slotItems completes it
// with the same candidates as the JSON forms.

// form is how a document is written, for completion.
type form int

const (
	formJSON form = iota
	formYAML
	formHCL
)

// formOf tells a document's form from its name and first byte: a .tf
// file is HCL, a text that opens with { or [ is JSON, any other YAML (a
// CloudFormation template named .template may be either).
func formOf(path string, data []byte) form {
	if strings.EqualFold(filepath.Ext(path), ".tf") {
		return formHCL
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte order mark
	for _, b := range data {
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			return formJSON
		}
		break
	}
	return formYAML
}

// slotKind is what the cursor's value is.
type slotKind int

const (
	slotNone      slotKind = iota
	slotFieldKey           // a field entry's Key: a field name
	slotString             // a field entry's StringValue
	slotRef                // a field entry's RefValue
	slotAttrKey            // a parameter attribute's Key
	slotAttrValue          // a parameter attribute's StringValue
	slotValueID            // a parameter value's Id
)

// slot is what a template scanner found at the cursor.
type slot struct {
	kind  slotKind
	obj   *pipelineObject // the pipeline object, for a field entry's slot
	field string          // the entry's field (or attribute) name, for a value slot
	// present are the attributes a parameter object sets already.
	present map[string]string
	// from is where the value typed so far starts (past an opening quote);
	// prefix is that text up to the cursor.
	from   int
	prefix string
	quoted bool   // the value is in quotes
	lead   string // written before an item (a space after a bare colon)
	hcl    bool   // an HCL value: always a quoted string
	// objects are the pipeline objects of the text, for a RefValue.
	objects []*pipelineObject
}

// slotItems completes a template slot.
func (c *completer) slotItems(s slot) []protocol.CompletionItem {
	if s.kind == slotNone {
		return nil
	}
	c.slotted, c.from, c.obj, c.typed = true, s.from, s.obj, s.objects
	if s.obj != nil {
		c.typeFromDefs(s.obj)
	}
	c.quote = func(v string) string { return s.lead + v }
	if !s.quoted {
		c.quote = func(v string) string { return s.lead + strconv.Quote(v) }
		if !s.hcl {
			c.quote = func(v string) string { return s.lead + yamlScalar(v) }
		}
	}
	if s.kind == slotString || s.kind == slotAttrValue {
		if i := strings.LastIndex(s.prefix, "#{"); i >= 0 && !strings.Contains(s.prefix[i:], "}") {
			return c.inExpression(s.prefix[i+2:])
		}
	}
	switch s.kind {
	case slotFieldKey:
		return c.fieldNames(s.obj)
	case slotString:
		return c.values(s.obj, s.field)
	case slotRef:
		return c.refTargets(s.obj, s.field)
	case slotAttrKey:
		return c.words(paramAttributes[1:], s.present, protocol.CompletionItemKindProperty) // id is the entry's own Id
	case slotAttrValue:
		return c.attrValues(s.field)
	case slotValueID:
		return c.paramIDs()
	}
	return nil
}

// attrValues are the values a parameter attribute takes where the guide
// lists them.
func (c *completer) attrValues(attr string) []protocol.CompletionItem {
	switch attr {
	case "type":
		return c.words([]string{"String", "Integer", "Double", "AWS::S3::ObjectKey"}, nil, protocol.CompletionItemKindEnumMember)
	case "optional", "isArray", "watermark":
		return c.words([]string{"true", "false"}, nil, protocol.CompletionItemKindValue)
	}
	return nil
}

// paramIDs are the parameter ids of the last parsed definitions.
func (c *completer) paramIDs() []protocol.CompletionItem {
	var out []protocol.CompletionItem
	seen := map[string]bool{}
	for _, d := range c.defs {
		for _, p := range d.Parameters {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, c.item(p.ID, protocol.CompletionItemKindVariable, paramType(p), ""))
			}
		}
	}
	return out
}

// yamlScalar is v as a YAML plain scalar where it reads back as the same
// string, else in double quotes (a boolean, a number, a null, or text
// with YAML's indicators).
func yamlScalar(v string) string {
	if v == "" || !bare(v) {
		return strconv.Quote(v)
	}
	return v
}

// bare reports whether v reads as itself as a YAML plain scalar: no
// indicator character, and not a word or number YAML reads otherwise.
func bare(v string) bool {
	switch strings.ToLower(v) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return false
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return false
	}
	if strings.ContainsAny(v[:1], "!&*-?:,[]{}#|>@`\"'%") || strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return false
	}
	return strings.TrimSpace(v) == v
}
