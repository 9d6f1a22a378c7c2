package rules

// The strings the API constrains: every id, name, key and value with the
// lengths the API model and the limits page allow, listed once for the
// length (DP7001) and character (DP7002) rules.

import (
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

// Limits from the API model (datapipeline-2012-10-29): id and name are the
// "id" shape (1-1024), field keys, refValues, parameter ids and attribute
// keys are "fieldNameString"/"attributeNameString" (1-256), string values
// are "fieldStringValue"/"attributeValueString" (0-10240). The model counts
// characters; dp-limits.md counts UTF-8 bytes for field names (256) and
// fields (10,240). dplint checks the stricter byte count for field names and
// values, where both sources agree on the number, and characters for ids,
// where dp-limits' "256 bytes per identifier" would reject ids the API
// model allows (we prefer not to reject what the API accepts).
//
// The guide contradicts itself on sizes: dp-writing-pipeline-definition.md
// says fields are limited to 2,048 characters and objects to 20 KB, while
// dp-limits.md and the API model say 10,240 bytes per field and 15,360 per
// object. dplint uses 10,240 and 15,360: the limits page is the newer, more
// specific source and agrees with the API model, and real definitions carry
// fields (scripts, SQL) longer than 2,048 characters.
const (
	maxIDChars    = 1024
	maxKeyBytes   = 256
	maxRefChars   = 256
	maxValueBytes = 10240
)

// limitCheck is one value checked against a length limit.
type limitCheck struct {
	owner string
	node  *source.Node // the value's node; nil for a name (isName)
	// isName is set for a field's or attribute's name, which has no node.
	isName bool
	// start and end are where to report: the value, or the name's text.
	start, end int
	text       string
	what       string // "object id", "value of", ...; with name, if set: "value of 'command'"
	name       string // the field or parameter the string belongs to, quoted in messages
	min        int
	max        int
	bytes      bool // count UTF-8 bytes instead of characters
	// keyOf, for a field or attribute name, is the node of its first
	// value: the name travels in the same request entry.
	keyOf *source.Node
	// field, for a name, is its field: the place to report it (names have
	// no node of their own).
	field *definition.Field
}

// describe names the string in a message; built only for findings, as the
// names may be long and there is one check per value.
func (c *limitCheck) describe() string {
	if c.name == "" {
		return c.what
	}
	return c.what + " " + quote(c.name)
}

// at is the node a finding on the string names (its pointer is written
// only if an output asks): the name's field's, else the value's.
func (c *limitCheck) at() *source.Node {
	if c.isName {
		return c.field.At
	}
	return c.node
}

// path is where the string goes in the request the AWS CLI sends
// (botocore's parameter path), or "".
func (c *limitCheck) path(d *definition.Definition) string {
	switch {
	case !c.isName:
		return requestPath(d, c.node)
	case c.keyOf == nil:
		return "" // a name with no value is not sent
	}
	p := requestPath(d, c.keyOf)
	if i := strings.LastIndex(p, "."); i >= 0 {
		return p[:i] + ".key"
	}
	return ""
}

// apiStrings walks every string the API constrains, with its limits. The
// strings are walked, not listed: a list would hold an entry for every
// value of the definition, and only the rare one out of bounds matters.
// The check given to yield is valid only during the call.
type apiStrings func(yield func(*limitCheck) bool)

// stringsAnalyzer gives the length and character rules the one walk they
// share.
var stringsAnalyzer = &analysis.Analyzer{
	Name:       "apistrings",
	Doc:        "walks every string the API constrains, with its limits",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf(apiStrings(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		in := input(pass)
		return apiStrings(func(yield func(*limitCheck) bool) { limitChecks(in, yield) }), nil
	},
}

// limitChecks calls yield for every string the API constrains, until it
// returns false.
func limitChecks(in *Input, yield func(*limitCheck) bool) {
	d := in.Def
	stop := false
	// One place for all, written in place (a check is 150 bytes, and
	// passing each by value copied it twice); yield must not keep the
	// pointer.
	var cur limitCheck
	emit := func() {
		if stop || cur.node == nil && !cur.isName {
			return
		}
		if !cur.isName {
			cur.start, cur.end = cur.node.Start, cur.node.End
		}
		stop = !yield(&cur)
	}
	for _, o := range d.Objects {
		if o.IDNode != nil && o.IDNode.Kind == source.String {
			cur = limitCheck{owner: o.ID, node: o.IDNode, text: o.ID, what: "object id", min: 1, max: maxIDChars}
			emit()
		}
		if o.NameNode != nil && o.NameNode.Kind == source.String {
			cur = limitCheck{owner: o.ID, node: o.NameNode, text: o.Name, what: "object name", min: 1, max: maxIDChars}
			emit()
		}
		for _, f := range o.Fields {
			cur = keyCheck(o.ID, f, "field name", true)
			emit()
			for _, v := range f.Values {
				switch v.Kind {
				case definition.Str:
					cur = limitCheck{owner: o.ID, node: v.Node, text: v.Text, what: "value of", name: f.Key, max: maxValueBytes, bytes: true}
					emit()
				case definition.Ref:
					// An empty reference is empty-value's (DP1006) to report.
					cur = limitCheck{owner: o.ID, node: v.Node, text: v.Text, what: "reference in", name: f.Key, max: maxRefChars}
					emit()
				}
			}
		}
	}
	for _, p := range d.Parameters {
		if p.IDNode != nil && p.IDNode.Kind == source.String {
			cur = limitCheck{owner: p.ID, node: p.IDNode, text: p.ID, what: "parameter id", min: 1, max: maxKeyBytes}
			emit()
		}
		for _, a := range p.Attributes {
			cur = keyCheck(p.ID, a, "parameter attribute name", false)
			emit()
			for _, v := range a.Values {
				if v.Kind == definition.Str {
					cur = limitCheck{owner: p.ID, node: v.Node, text: v.Text, what: "parameter attribute", name: a.Key, max: maxValueBytes, bytes: true}
					emit()
				}
			}
		}
	}
	for _, v := range d.Values {
		if v.Value.Kind == definition.Str {
			cur = limitCheck{owner: v.ID, node: v.Value.Node, text: v.Value.Text, what: "value of parameter", name: v.ID, max: maxValueBytes, bytes: true}
			emit()
		}
	}
}

// keyCheck is the check of a field's or attribute's name, placed on its
// text; keyOf, its first value's node, places it in the request.
func keyCheck(owner string, f *definition.Field, what string, bytes bool) limitCheck {
	c := limitCheck{owner: owner, start: f.KeyStart, end: f.KeyEnd, text: f.Key, what: what, min: 1, max: maxKeyBytes, bytes: bytes,
		field: f, isName: true}
	if len(f.Values) > 0 {
		c.keyOf = f.Values[0].Node
	}
	return c
}
