package rules

// Area 1, shape: the file's structure checked against the embedded JSON
// Schema (schema/files.schema.json). One base analyzer validates once; four
// rules split its violations by kind.

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/source"
)

// ShapeAnalyzer validates the file against the JSON Schema of its form and
// returns the violations for the shape rules to report.
var ShapeAnalyzer = &analysis.Analyzer{
	Name:       "shape",
	Doc:        "validates the file against the JSON Schema of its form",
	Requires:   []*analysis.Analyzer{InputAnalyzer},
	ResultType: reflect.TypeOf([]schema.Violation(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		in := input(pass)
		if in.Def == nil || in.File.Root == nil {
			return []schema.Violation(nil), nil
		}
		shape := map[definition.Form]schema.Shape{
			definition.CLI: schema.CLIFile, definition.Companion: schema.CLICompanion,
			definition.Hybrid: schema.HybridFile, definition.API: schema.APIFile,
		}[in.Def.Form]
		if shape == "" {
			return []schema.Violation(nil), nil
		}
		if in.File.Root.Kind != source.Object {
			return []schema.Violation{{Class: schema.WrongType, Node: in.File.Root, Want: "object"}}, nil
		}
		return schema.Check(shape, in.File.Root)
	},
}

// shapeRule builds a rule reporting the violations of some classes.
func shapeRule(r *Rule, report func(rep Reporter, v schema.Violation) bool) *Rule {
	r.Analyzer = &analysis.Analyzer{
		Name:     analyzerName(r.Name),
		Doc:      analyzerDoc(r),
		Requires: []*analysis.Analyzer{InputAnalyzer, ShapeAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			rep := reporter(pass)
			for _, v := range pass.ResultOf[ShapeAnalyzer].([]schema.Violation) {
				report(rep, v)
			}
			return nil, nil
		},
	}
	return register(r)
}

var (
	// MissingObjects reports a definition without its objects list.
	MissingObjects = shapeRule(&Rule{
		ID: "DP1001", Name: "missing-objects", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "the definition has no 'objects' list",
		Doc:     "The AWS CLI refuses such a file with `Missing \"objects\" key`. Keys are case-sensitive.",
	}, func(rep Reporter, v schema.Violation) bool {
		if v.Class != schema.MissingKey || v.Node.Pointer() != "" {
			return false
		}
		msg := fmt.Sprintf("the definition has no %s list", quote(v.Key))
		if near := nearKey(v.Node, v.Key); near != nil {
			msg += fmt.Sprintf(" (found %s: keys are case-sensitive)", quote(near.Key))
			rep.Report(Finding{Start: near.KeyStart, End: near.KeyEnd, Pointer: near.Value.Pointer(), Message: msg,
				AWSText: cliError(`Missing "objects" key`), AWSStage: diag.StageTranslate})
			return true
		}
		rep.Report(Finding{Start: v.Node.Start, End: v.Node.Start + 1, Message: msg,
			AWSText: cliError(`Missing "objects" key`), AWSStage: diag.StageTranslate})
		return true
	})

	// MissingID reports objects and parameters without an id.
	MissingID = shapeRule(&Rule{
		ID: "DP1002", Name: "missing-id", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "an object, parameter or parameter value has no 'id'",
		Doc:     "Every object and parameter needs an id; the AWS CLI refuses the file with `Missing \"id\" key of element`.",
	}, func(rep Reporter, v schema.Violation) bool {
		if v.Class != schema.MissingKey || v.Key != "id" {
			return false
		}
		f := Finding{Start: v.Node.Start, End: v.Node.Start + 1, Pointer: v.Node.Pointer(),
			Message: elementKind(v.Node.Pointer()) + " has no 'id'", AWSPath: botoPath(v.Node.Pointer())}
		cliForm := rep.in.Def.Form == definition.CLI || rep.in.Def.Form == definition.Companion
		switch {
		case cliForm && strings.HasPrefix(v.Node.Pointer(), "/objects/"):
			f.AWSText, f.AWSStage = cliError(`Missing "id" key of element: `+pyjson.Dumps(v.Node)), diag.StageTranslate
		case cliForm && strings.HasPrefix(v.Node.Pointer(), "/parameters/"):
			f.AWSText, f.AWSStage = cliError(`Missing "id" key of parameter: `+pyjson.Dumps(v.Node)), diag.StageTranslate
		default:
			f.AWSText, f.AWSStage = fmt.Sprintf(`Missing required parameter in %s: "id"`, botoPath(v.Node.Pointer())), diag.StageValidate
		}
		rep.Report(f)
		return true
	})

	// InvalidValue reports values that are neither strings nor references.
	InvalidValue = shapeRule(&Rule{
		ID: "DP1003", Name: "invalid-value", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "a value is not a string, a {\"ref\": ...} reference or a list of those",
		Doc: "The AWS CLI passes numbers, booleans and other objects through as stringValue, and the SDK then refuses the call. " +
			"Quote numbers and booleans (\"maximumRetries\": \"3\"); a reference is an object with the single key \"ref\".",
	}, func(rep Reporter, v schema.Violation) bool {
		if v.Class != schema.InvalidValue {
			return false
		}
		owner := rep.in.ownerAt(v.Node.Start)
		text, path := invalidTypeText(rep.in.Def, v.Node, "str")
		if isRef(v.Node) && strings.HasSuffix(path, ".stringValue") && strings.HasPrefix(path, "parameterObjects") {
			// The CLI's translator turns {"ref": x} into a refValue, which a
			// parameter attribute does not have.
			path = strings.TrimSuffix(path, ".stringValue")
			text = fmt.Sprintf("Missing required parameter in %s: \"stringValue\"\nUnknown parameter in %s: \"refValue\", must be one of: key, stringValue", path, path)
		}
		rep.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
			Message: invalidValueMessage(v), AWSText: text, AWSPath: path, AWSStage: diag.StageValidate})
		return true
	})

	// InvalidShape reports every other structural problem.
	InvalidShape = shapeRule(&Rule{
		ID: "DP1004", Name: "invalid-shape", Severity: diag.Error, Origin: diag.Service, Channel: diag.Client,
		Summary: "the file's structure does not match its form (wrong JSON types, missing or unknown keys)",
		Doc:     "Checked against dplint's JSON Schema of the CLI and API forms (schema/files.schema.json).",
	}, func(rep Reporter, v schema.Violation) bool {
		owner := rep.in.ownerAt(v.Node.Start)
		switch v.Class {
		case schema.MissingKey:
			if v.Key == "id" || v.Node.Pointer() == "" {
				return false
			}
			rep.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.Start + 1, Pointer: v.Node.Pointer(),
				Message:  fmt.Sprintf("%s has no %s", elementKind(v.Node.Pointer()), quote(v.Key)),
				AWSText:  fmt.Sprintf(`Missing required parameter in %s: "%s"`, botoPath(v.Node.Pointer()), v.Key),
				AWSStage: diag.StageValidate, AWSPath: botoPath(v.Node.Pointer())})
		case schema.UnknownKey:
			parent := v.Node.Pointer()[:strings.LastIndex(v.Node.Pointer(), "/")]
			allowed := map[string]string{
				"object": "id, name, fields", "field": "key, stringValue, refValue",
				"parameter": "id, attributes", "parameter attribute": "key, stringValue", "parameter value": "id, stringValue",
			}[elementKind(parent)]
			rep.Report(Finding{Object: owner, Start: v.KeyStart, End: v.KeyEnd, Pointer: v.Node.Pointer(),
				Message:  fmt.Sprintf("unknown key %s in %s %s; expected %s", quote(v.Key), article(elementKind(parent)), elementKind(parent), allowed),
				AWSText:  fmt.Sprintf(`Unknown parameter in %s: "%s", must be one of: %s`, botoPath(parent), v.Key, allowed),
				AWSStage: diag.StageValidate, AWSPath: botoPath(v.Node.Pointer())})
		case schema.WrongType:
			name := "the top level"
			if i := strings.LastIndex(v.Node.Pointer(), "/"); i >= 0 {
				name = quote(source.UnescapeToken(v.Node.Pointer()[i+1:]))
				if _, err := strconv.Atoi(v.Node.Pointer()[i+1:]); err == nil {
					name = "each entry of " + quote(source.UnescapeToken(parentName(v.Node.Pointer())))
				}
			}
			want := map[string]string{"array": "an array", "object": "an object", "string": "a string"}[v.Want]
			if want == "" {
				want = v.Want
			}
			f := Finding{Object: owner, Start: v.Node.Start, End: v.Node.End, Pointer: v.Node.Pointer(),
				Message: fmt.Sprintf("%s must be %s; found %s", name, want, v.Node.Describe())}
			f.AWSText, f.AWSStage, f.AWSPath = wrongTypeText(rep.in.Def, v.Node, v.Want)
			if f.AWSText == "" && isEmpty(v.Node) && v.Node.Parent() == rep.in.File.Root {
				// Python loops over an empty list or string without a word:
				// the AWS CLI sends the definition, with an empty list here.
				f.Channel = diag.None
			}
			rep.Report(f)
		case schema.ValueChoice:
			rep.Report(Finding{Object: owner, Start: v.Node.Start, End: v.Node.Start + 1, Pointer: v.Node.Pointer(),
				Message: "a field must have exactly one of 'stringValue' and 'refValue'"})
		default:
			return false
		}
		return true
	})
)

// isRef reports a CLI-form reference: an object whose only key is "ref".
func isRef(n *source.Node) bool {
	keys := n.Keys()
	return n.Kind == source.Object && len(keys) == 1 && keys[0] == "ref"
}

// isEmpty reports an empty object, array or string.
func isEmpty(n *source.Node) bool {
	return (n.Kind == source.Object && len(n.Members) == 0) || (n.Kind == source.Array && len(n.Elems) == 0) ||
		(n.Kind == source.String && n.Text == "")
}

// cliError is the AWS CLI translator's error text, trailing newline included.
func cliError(msg string) string { return "Error in pipeline definition: " + msg + "\n" }

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiouAEIOU", rune(s[0])) {
		return "an"
	}
	return "a"
}

// nearKey finds a top-level key that is a misspelling of the objects list
// (case, singular, or the API form's name in the wrong case), the usual
// ways it goes missing.
func nearKey(root *source.Node, want string) *source.Member {
	for _, m := range root.Members {
		switch strings.ToLower(m.Key) {
		case "objects", "object", "pipelineobjects", "pipelineobject":
			if m.Key != want {
				return m
			}
		}
	}
	return nil
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

func invalidValueMessage(v schema.Violation) string {
	segs := strings.Split(strings.TrimPrefix(v.Slot.Pointer(), "/"), "/")
	found := v.Node.Describe()
	switch segs[0] {
	case "objects":
		key := quote(source.UnescapeToken(segs[len(segs)-1]))
		if len(segs) == 3 {
			if v.Node != v.Slot && strings.HasSuffix(v.Node.Pointer(), "/ref") {
				return fmt.Sprintf("the reference in %s must be an object id string; found %s", key, found)
			}
			if v.Node.Kind == source.Object {
				return fmt.Sprintf(`%s value is an object but not a reference: a reference has the single key "ref"`, key)
			}
			return fmt.Sprintf(`%s must be a string, a reference {"ref": "<id>"} or a list of those; found %s`, key, found)
		}
	case "parameters":
		if len(segs) == 3 {
			return fmt.Sprintf("parameter attribute %s must be a string or a list of strings; found %s", quote(source.UnescapeToken(segs[2])), found)
		}
	case "values":
		return fmt.Sprintf("the value of parameter %s must be a string or a list of strings; found %s", quote(source.UnescapeToken(segs[1])), found)
	}
	return fmt.Sprintf("%s must be a string; found %s", quote(source.UnescapeToken(segs[len(segs)-1])), found)
}

// botoPath renders an API-form JSON Pointer as botocore names a parameter:
// /pipelineObjects/0/fields/2 -> pipelineObjects[0].fields[2].
func botoPath(ptr string) string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if _, err := strconv.Atoi(seg); err == nil {
			b.WriteString("[" + seg + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(source.UnescapeToken(seg))
	}
	return b.String()
}

// invalidTypeText is botocore's complaint about a value of the wrong type,
// at the place the AWS CLI's translator puts the value in the request, and
// that place. want is the Python type botocore expects ("str", "list",
// "dict").
func invalidTypeText(d *definition.Definition, n *source.Node, want string) (text, path string) {
	path = requestPath(d, n)
	if path == "" {
		return "", ""
	}
	valid := "<class '" + want + "'>"
	if want == "list" {
		valid = "<class 'list'>, <class 'tuple'>"
	}
	return fmt.Sprintf("Invalid type for parameter %s, value: %s, type: <class '%s'>, valid types: %s",
		path, pyjson.Repr(n), pyjson.TypeName(n), valid), path
}

// wrongTypeText is what the AWS CLI says about a container or id of the
// wrong JSON type. In the CLI form, a wrong objects or parameters list, or
// an entry that is not an object, crashes the CLI's translator with a
// Python error; an id (or name) that is not a string fails botocore's
// validation, twice when the name defaults to the id.
func wrongTypeText(d *definition.Definition, n *source.Node, want string) (string, diag.Stage, string) {
	segs := strings.Split(strings.TrimPrefix(n.Pointer(), "/"), "/")
	cliForm := d.Form == definition.CLI || d.Form == definition.Companion
	list := map[string]string{"objects": "pipelineObjects", "parameters": "parameterObjects"}[segs[0]]
	switch {
	case cliForm && list != "" && len(segs) == 1:
		if isEmpty(n) {
			return "", 0, "" // nothing to loop over: the CLI sends an empty list
		}
		switch n.Kind {
		case source.Object, source.String:
			return "'str' object has no attribute 'pop'", diag.StageTranslate, list
		case source.Number, source.Bool, source.Null:
			return fmt.Sprintf("'%s' object is not iterable", pyjson.TypeName(n)), diag.StageTranslate, list
		}
	case cliForm && list != "" && len(segs) == 2:
		i, _ := strconv.Atoi(segs[1])
		path := fmt.Sprintf("%s[%d]", list, i)
		if n.Kind == source.Array {
			return "'str' object cannot be interpreted as an integer", diag.StageTranslate, path
		}
		return fmt.Sprintf("'%s' object has no attribute 'pop'", pyjson.TypeName(n)), diag.StageTranslate, path
	}
	pyWant := map[string]string{"string": "str", "array": "list", "object": "dict"}[want]
	text, path := invalidTypeText(d, n, pyWant)
	if text == "" {
		return "", 0, ""
	}
	if cliForm && segs[0] == "objects" && len(segs) == 3 && segs[2] == "id" {
		i, _ := strconv.Atoi(segs[1])
		if d.File.Root.Get("objects").Elems[i].Get("name") == nil {
			name, _ := invalidTypeText(d, n, pyWant)
			text += "\n" + strings.Replace(name, path, strings.TrimSuffix(path, ".id")+".name", 1)
		}
	}
	return text, diag.StageValidate, path
}

// requestPath is where node n ends up in the request the AWS CLI sends, as
// botocore names it, or "" when it does not map to one place.
func requestPath(d *definition.Definition, n *source.Node) string {
	if d == nil {
		return ""
	}
	segs := strings.Split(strings.TrimPrefix(n.Pointer(), "/"), "/")
	if d.Form == definition.API {
		return botoPath(n.Pointer())
	}
	root := d.File.Root
	switch segs[0] {
	case "objects", "parameters":
		if len(segs) < 3 {
			return ""
		}
		i, _ := strconv.Atoi(segs[1])
		elem := root.Get(segs[0]).Elems[i]
		key := source.UnescapeToken(segs[2])
		list, item := "pipelineObjects", "fields"
		skip := map[string]bool{"id": true, "name": true}
		if segs[0] == "parameters" {
			list, item = "parameterObjects", "attributes"
			skip = map[string]bool{"id": true}
		}
		if skip[key] {
			if len(segs) != 3 {
				return ""
			}
			return fmt.Sprintf("%s[%d].%s", list, i, key)
		}
		keys := elem.Keys()
		sort.Strings(keys)
		j := 0
		for _, k := range keys {
			if skip[k] {
				continue
			}
			v := elem.Get(k)
			for _, it := range v.Items() {
				if k == key && it == n {
					return fmt.Sprintf("%s[%d].%s[%d].stringValue", list, i, item, j)
				}
				if k == key && n.Pointer() == it.Pointer()+"/ref" {
					return fmt.Sprintf("%s[%d].%s[%d].refValue", list, i, item, j)
				}
				j++
			}
		}
	case "values":
		vals := root.Get("values")
		k := 0
		for _, key := range vals.Keys() {
			v := vals.Get(key)
			for _, it := range v.Items() {
				if it == n {
					return fmt.Sprintf("parameterValues[%d].stringValue", k)
				}
				k++
			}
		}
	}
	return ""
}
