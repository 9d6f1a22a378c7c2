package rules

// The AWS tools' own words: where a value goes in the request the AWS CLI
// sends (botocore's parameter paths) and the texts the CLI, botocore and
// the service print for what they refuse.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/source"
)

// The service's validation exceptions start so.
const (
	exceptionPrefix  = "An error occurred (ValidationException) when calling the ValidatePipelineDefinition operation: "
	validationPrefix = exceptionPrefix + "1 validation error detected: "
)

// cliError is the AWS CLI translator's error text, trailing newline included.
func cliError(msg string) string { return "Error in pipeline definition: " + msg + "\n" }

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

var indexRE = lazyRegexp(`\[(\d+)\]`)

// coralPath renders a botocore path the way the service's validation
// exceptions name members: pipelineObjects[0].id -> pipelineObjects.1.member.id.
func coralPath(boto string) string {
	return indexRE().ReplaceAllStringFunc(boto, func(m string) string {
		i, _ := strconv.Atoi(m[1 : len(m)-1])
		return fmt.Sprintf(".%d.member", i+1)
	})
}
