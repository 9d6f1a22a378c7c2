package rules

// Area 7, limits: the API model's length and character constraints
// (../shared/reference/api-models) and the service limits of the Developer
// Guide (dp-limits.md).

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
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
	maxIDChars       = 1024
	maxKeyBytes      = 256
	maxRefChars      = 256
	maxValueBytes    = 10240
	maxFieldsPerObj  = 50
	maxBytesPerObj   = 15360
	exceptionPrefix  = "An error occurred (ValidationException) when calling the ValidatePipelineDefinition operation: "
	validationPrefix = exceptionPrefix + "1 validation error detected: "
)

// limitCheck is one value checked against a length limit.
type limitCheck struct {
	owner string
	node  *source.Node // where to report; its text is the value
	text  string
	what  string // "object id", "value of", ...; with name, if set: "value of 'command'"
	name  string // the field or parameter the string belongs to, quoted in messages
	min   int
	max   int
	bytes bool // count UTF-8 bytes instead of characters
	// keyOf, for a field or attribute name, is the node of its first
	// value: the name travels in the same request entry.
	keyOf *source.Node
	// keyPointer is the JSON Pointer to report a name at (names have no
	// node of their own).
	keyPointer string
}

// describe names the string in a message; built only for findings, as the
// names may be long and there is one check per value.
func (c limitCheck) describe() string {
	if c.name == "" {
		return c.what
	}
	return c.what + " " + quote(c.name)
}

func (c limitCheck) pointer() string {
	if c.keyOf != nil || c.keyPointer != "" {
		return c.keyPointer
	}
	return c.node.Pointer()
}

// path is where the string goes in the request the AWS CLI sends
// (botocore's parameter path), or "".
func (c limitCheck) path(d *definition.Definition) string {
	if c.keyOf == nil {
		return requestPath(d, c.node)
	}
	p := requestPath(d, c.keyOf)
	if i := strings.LastIndex(p, "."); i >= 0 {
		return p[:i] + ".key"
	}
	return ""
}

// StringsAnalyzer lists, once, every string the API constrains with its
// limits, for the length and character rules to share.
var StringsAnalyzer = &analysis.Analyzer{
	Name:       "apistrings",
	Doc:        "lists every string the API constrains, with its limits",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf([]limitCheck(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		if in := input(pass); in.Def != nil {
			return limitChecks(in), nil
		}
		return []limitCheck(nil), nil
	},
}

// stringsRule builds a rule over StringsAnalyzer's list.
func stringsRule(r *Rule, run func(rep Reporter, d *definition.Definition, checks []limitCheck)) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer, StringsAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			if rep.in.Def != nil {
				run(rep, rep.in.Def, pass.ResultOf[StringsAnalyzer].([]limitCheck))
			}
			return nil, nil
		},
	}
	return register(r)
}

// limitChecks lists every string the API constrains, with its limits.
func limitChecks(in *Input) []limitCheck {
	d := in.Def
	var out []limitCheck
	add := func(c limitCheck) {
		if c.node != nil {
			out = append(out, c)
		}
	}
	for _, o := range d.Objects {
		if o.IDNode != nil && o.IDNode.Kind == source.String {
			add(limitCheck{owner: o.ID, node: o.IDNode, text: o.ID, what: "object id", min: 1, max: maxIDChars})
		}
		if o.NameNode != nil && o.NameNode.Kind == source.String {
			add(limitCheck{owner: o.ID, node: o.NameNode, text: o.Name, what: "object name", min: 1, max: maxIDChars})
		}
		for _, f := range o.Fields {
			add(limitCheck{owner: o.ID, node: keyNode(in, f), text: f.Key, what: "field name", min: 1, max: maxKeyBytes, bytes: true, keyOf: firstValue(f), keyPointer: f.Pointer})
			for _, v := range f.Values {
				switch v.Kind {
				case definition.Str:
					add(limitCheck{owner: o.ID, node: v.Node, text: v.Text, what: "value of", name: f.Key, max: maxValueBytes, bytes: true})
				case definition.Ref:
					// An empty reference is empty-value's (DP1006) to report.
					add(limitCheck{owner: o.ID, node: v.Node, text: v.Text, what: "reference in", name: f.Key, max: maxRefChars})
				}
			}
		}
	}
	for _, p := range d.Parameters {
		if p.IDNode != nil && p.IDNode.Kind == source.String {
			add(limitCheck{owner: p.ID, node: p.IDNode, text: p.ID, what: "parameter id", min: 1, max: maxKeyBytes})
		}
		for _, a := range p.Attributes {
			add(limitCheck{owner: p.ID, node: keyNode(in, a), text: a.Key, what: "parameter attribute name", min: 1, max: maxKeyBytes, keyOf: firstValue(a), keyPointer: a.Pointer})
			for _, v := range a.Values {
				if v.Kind == definition.Str {
					add(limitCheck{owner: p.ID, node: v.Node, text: v.Text, what: "parameter attribute", name: a.Key, max: maxValueBytes, bytes: true})
				}
			}
		}
	}
	for _, v := range d.Values {
		if v.Value.Kind == definition.Str {
			add(limitCheck{owner: v.ID, node: v.Value.Node, text: v.Value.Text, what: "value of parameter", name: v.ID, max: maxValueBytes, bytes: true})
		}
	}
	return out
}

func firstValue(f *definition.Field) *source.Node {
	if len(f.Values) == 0 {
		return nil
	}
	return f.Values[0].Node
}

// nameDefaults reports whether the object whose id node is given has no
// name of its own in the CLI form, so the AWS CLI sends the id as its name.
func nameDefaults(d *definition.Definition, id *source.Node) bool {
	if d.Form != definition.CLI {
		return false
	}
	for _, o := range d.Objects {
		if o.IDNode == id {
			return o.NameNode == nil
		}
	}
	return false
}

// keyNode returns a node spanning a field's key text (for reporting).
func keyNode(in *Input, f *definition.Field) *source.Node {
	return &source.Node{Kind: source.String, Start: f.KeyStart, End: f.KeyEnd, Text: f.Key}
}

var indexRE = regexp.MustCompile(`\[(\d+)\]`)

// coralPath renders a botocore path the way the service's validation
// exceptions name members: pipelineObjects[0].id -> pipelineObjects.1.member.id.
func coralPath(boto string) string {
	return indexRE.ReplaceAllStringFunc(boto, func(m string) string {
		i, _ := strconv.Atoi(m[1 : len(m)-1])
		return fmt.Sprintf(".%d.member", i+1)
	})
}

func length(c limitCheck) (int, string) {
	if c.bytes {
		return len(c.text), "bytes"
	}
	return utf8.RuneCountInString(c.text), "characters"
}

// allowedRune is the API model's pattern for every string:
// [\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*.
func allowedRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000
	// A lone surrogate (U+D800-U+DFFF, kept by the reader) is not allowed:
	// the pattern admits surrogates only as pairs.
}

var (
	// LengthLimit reports ids, names, keys and values outside the API's lengths.
	LengthLimit = stringsRule(&Rule{
		ID: "DP7001", Name: "length-limit", Severity: diag.Error, Origin: diag.Service, Channel: diag.Exception,
		Summary: "an id, name, field name or value is empty where the API forbids it, or longer than the API allows",
		Doc: "Ids and names: 1-1,024 characters. Field names, parameter ids and references: 1-256 (field names: 256 UTF-8 bytes, dp-limits.md). " +
			"Values: at most 10,240 UTF-8 bytes. The AWS CLI refuses an empty id or key before sending; the service refuses the rest.",
	}, func(rep Reporter, d *definition.Definition, checks []limitCheck) {
		for _, c := range checks {
			n, unit := length(c)
			path := ""
			if n < c.min || n > c.max {
				// Where the value goes in the request: costly, so only for findings.
				path = c.path(d)
			}
			switch {
			case n < c.min:
				f := Finding{Object: c.owner, Start: c.node.Start, End: c.node.End, Pointer: c.pointer(),
					Message: fmt.Sprintf("%s must not be empty", c.describe())}
				if path != "" {
					// botocore checks minimum lengths before sending.
					f.AWSText = fmt.Sprintf("Invalid length for parameter %s, value: 0, valid min length: %d", path, c.min)
					f.Channel, f.AWSStage, f.AWSPath = diag.Client, diag.StageValidate, path
					if strings.HasSuffix(path, ".id") && strings.HasPrefix(path, "pipelineObjects[") {
						if nameDefaults(rep.in.Def, c.node) {
							f.AWSText += "\n" + fmt.Sprintf("Invalid length for parameter %s.name, value: 0, valid min length: %d", strings.TrimSuffix(path, ".id"), c.min)
						}
					}
				}
				rep.Report(f)
			case n > c.max:
				f := Finding{Object: c.owner, Start: c.node.Start, End: c.node.End, Pointer: c.pointer(),
					Message: fmt.Sprintf("%s is %d %s long; the limit is %d", c.describe(), n, unit, c.max)}
				if path != "" {
					f.AWSText = validationPrefix + fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", coralPath(path), c.max)
				} else {
					f.AWSText = exceptionPrefix + f.Message
				}
				rep.Report(f)
			}
		}
	})

	// InvalidCharacters reports characters outside the API's allowed set.
	InvalidCharacters = stringsRule(&Rule{
		ID: "DP7002", Name: "invalid-characters", Severity: diag.Error, Origin: diag.Service, Channel: diag.Exception,
		Summary: "a string holds a control character (other than tab, line feed, carriage return) or U+FFFE/U+FFFF",
		Doc:     "Every string in the API must match [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*.",
	}, func(rep Reporter, d *definition.Definition, checks []limitCheck) {
		for _, c := range checks {
			for i := 0; i < len(c.text); {
				r, n := source.DecodeRune(c.text[i:])
				i += n
				if !allowedRune(r) {
					f := Finding{Object: c.owner, Start: c.node.Start, End: c.node.End, Pointer: c.pointer(),
						Message: fmt.Sprintf("%s holds the character U+%04X, which the API does not allow", c.describe(), r)}
					if path := c.path(d); path != "" {
						f.AWSText = validationPrefix + fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*", coralPath(path))
					}
					rep.Report(f)
					break
				}
			}
		}
	})

	// TooManyFields reports objects with more than 50 fields.
	TooManyFields = simpleRule(&Rule{
		ID: "DP7003", Name: "too-many-fields", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object has more than 50 fields (a fixed service limit)",
		Doc:     "dp-limits.md: 50 fields per object, not adjustable. Each value of a list counts as one field, as the API sends it.",
	}, func(rep Reporter, d *definition.Definition) {
		for _, o := range d.Objects {
			n := 0
			for _, f := range o.Fields {
				n += len(f.Values)
			}
			if n > maxFieldsPerObj {
				a := o.Anchor()
				rep.Report(Finding{Object: o.ID, Start: a.Start, End: a.End, Pointer: a.Pointer(),
					Message: fmt.Sprintf("object has %d fields; the limit is %d per object", n, maxFieldsPerObj)})
			}
		}
	})

	// ObjectTooLarge reports objects over 15,360 UTF-8 bytes.
	ObjectTooLarge = simpleRule(&Rule{
		ID: "DP7004", Name: "object-too-large", Severity: diag.Error, Origin: diag.Service,
		Summary: "an object's id, name, field names and values add up to more than 15,360 UTF-8 bytes",
		Doc:     "dp-limits.md: 15,360 UTF-8 bytes per object, including field names; not adjustable.",
	}, func(rep Reporter, d *definition.Definition) {
		for _, o := range d.Objects {
			n := len(o.ID) + len(o.Name)
			for _, f := range o.Fields {
				for _, v := range f.Values {
					n += len(f.Key) + len(v.Text)
				}
			}
			if n > maxBytesPerObj {
				a := o.Anchor()
				rep.Report(Finding{Object: o.ID, Start: a.Start, End: a.End, Pointer: a.Pointer(),
					Message: fmt.Sprintf("object is %d UTF-8 bytes (id, name, field names and values); the limit is %d", n, maxBytesPerObj)})
			}
		}
	})

	// TooManyObjects reports definitions over the objects-per-pipeline limit.
	TooManyObjects = simpleRule(&Rule{
		ID: "DP7005", Name: "too-many-objects", Severity: diag.Error, Origin: diag.Service, Channel: diag.Exception,
		Summary: "the definition has more objects than the account's limit (100 by default, adjustable; see --max-objects)",
		Doc: "The service answers with an InvalidRequestException, \"Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline\". " +
			"100 is the default; AWS raises it on request. If your account's limit is higher, pass --max-objects.",
	}, func(rep Reporter, d *definition.Definition) {
		limit := rep.in.Options.MaxObjects
		if limit <= 0 {
			limit = DefaultMaxObjects
		}
		if len(d.Objects) <= limit || d.ObjectsKey == nil {
			return
		}
		k := d.ObjectsKey
		adjust := "the default limit, adjustable on request: if your account's limit is higher, pass --max-objects"
		if limit != DefaultMaxObjects {
			adjust = "the limit set with --max-objects"
		}
		rep.Report(Finding{Start: k.KeyStart, End: k.KeyEnd, Pointer: k.Value.Pointer(),
			Message: fmt.Sprintf("Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline (%d objects; %d is %s)",
				len(d.Objects), limit, adjust),
			AWSText: "An error occurred (InvalidRequestException) when calling the ValidatePipelineDefinition operation: " +
				"Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline"})
	})
)
