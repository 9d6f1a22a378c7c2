package schema

import "github.com/dplint/dplint/source"

// Validating every object of a large definition with the JSON Schema costs
// most of a lint: the validator walks each value and writes the location of
// each. Nearly every object is plainly what its $def asks for (strings,
// references, lists of those), and for those the answer is known without
// it. plainObject says so, conservatively: anything it is not sure of goes
// to the validator as written, so the violations reported, and their
// places, are the validator's alone. TestPlainObjectsAreValid holds it to
// that.

// objectLists names, for each shape, its list of objects and their $def.
var objectLists = map[Shape]struct{ key, def string }{
	CLIFile:    {"objects", "cliObject"},
	HybridFile: {"objects", "hybridObject"},
	APIFile:    {"pipelineObjects", "apiObject"},
}

// standIns are small values each $def accepts, given to the validator in
// place of a plain object (the index stays, so locations do not move).
func standIn(def string) any {
	switch def {
	case "cliObject":
		return map[string]any{"id": ""}
	case "hybridObject":
		return map[string]any{"id": "", "fields": []any{}}
	}
	return map[string]any{"id": "", "name": "", "fields": []any{}}
}

// plainObject reports whether n certainly keeps def.
func plainObject(def string, n *source.Node) bool {
	if n.Kind != source.Object || !uniqueKeys(n) {
		return false
	}
	switch def {
	case "cliObject":
		if !isString(n.Get("id")) {
			return false
		}
		for _, m := range n.Members {
			switch m.Key {
			case "id":
			case "name":
				if !isString(m.Value) {
					return false
				}
			default:
				if !plainFieldValue(m.Value) {
					return false
				}
			}
		}
		return true
	case "hybridObject", "apiObject":
		if !isString(n.Get("id")) || n.Get("fields") == nil || def == "apiObject" && n.Get("name") == nil {
			return false
		}
		for _, m := range n.Members {
			switch m.Key {
			case "id", "name":
				if !isString(m.Value) {
					return false
				}
			case "fields":
				if m.Value.Kind != source.Array {
					return false
				}
				for _, f := range m.Value.Elems {
					if !plainAPIField(f) {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	return false
}

// plainFieldValue: a string, a {"ref": string}, or a list of those.
func plainFieldValue(v *source.Node) bool {
	switch v.Kind {
	case source.String:
		return true
	case source.Array:
		for _, e := range v.Elems {
			if !isString(e) && !plainRef(e) {
				return false
			}
		}
		return true
	}
	return plainRef(v)
}

func plainRef(v *source.Node) bool {
	return v.Kind == source.Object && len(v.Members) == 1 && v.Members[0].Key == "ref" && isString(v.Members[0].Value)
}

// plainAPIField: {"key": string} with exactly one of stringValue and
// refValue, a string, and nothing else.
func plainAPIField(f *source.Node) bool {
	if f.Kind != source.Object || len(f.Members) != 2 {
		return false
	}
	hasKey, values := false, 0
	for _, m := range f.Members {
		switch m.Key {
		case "key":
			hasKey = isString(m.Value)
		case "stringValue", "refValue":
			if !isString(m.Value) {
				return false
			}
			values++
		default:
			return false
		}
	}
	return hasKey && values == 1
}

func isString(n *source.Node) bool { return n != nil && n.Kind == source.String }

// uniqueKeys: no key is repeated (the last of repeated keys would win,
// which the validator, not this, should see).
func uniqueKeys(n *source.Node) bool {
	if len(n.Members) <= 16 {
		for i, a := range n.Members {
			for _, b := range n.Members[:i] {
				if a.Key == b.Key {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[string]bool, len(n.Members))
	for _, m := range n.Members {
		if seen[m.Key] {
			return false
		}
		seen[m.Key] = true
	}
	return true
}

// plainFile reports whether a whole file certainly keeps its shape: then
// there is nothing for the validator to find, and it is not even compiled
// (most files a hook sees are such).
func plainFile(shape Shape, root *source.Node) bool {
	if root == nil || root.Kind != source.Object || !uniqueKeys(root) {
		return false
	}
	lists := map[string]func(*source.Node) bool{}
	switch shape {
	case CLIFile:
		lists["objects"] = func(n *source.Node) bool { return plainObject("cliObject", n) }
		lists["parameters"] = plainCLIParameter
	case CLICompanion:
		lists["parameters"] = plainCLIParameter
	case HybridFile:
		lists["objects"] = func(n *source.Node) bool { return plainObject("hybridObject", n) }
		lists["parameters"] = plainAPIParameter
		lists["parameterValues"] = plainAPIParameterValue
	case APIFile:
		lists["pipelineObjects"] = func(n *source.Node) bool { return plainObject("apiObject", n) }
		lists["parameterObjects"] = plainAPIParameter
		lists["parameterValues"] = plainAPIParameterValue
	default:
		return false
	}
	if (shape == CLIFile || shape == HybridFile) && root.Get("objects") == nil {
		return false // required
	}
	for _, m := range root.Members {
		if m.Key == "values" && shape != APIFile {
			if !plainCLIValues(m.Value) {
				return false
			}
			continue
		}
		each, ok := lists[m.Key]
		if !ok {
			continue // other keys are the file's own business
		}
		if m.Value.Kind != source.Array {
			return false
		}
		for _, e := range m.Value.Elems {
			if !each(e) {
				return false
			}
		}
	}
	return true
}

// plainCLIParameter: {"id": string, ...: string or list of strings}.
func plainCLIParameter(n *source.Node) bool {
	if n.Kind != source.Object || !uniqueKeys(n) || !isString(n.Get("id")) {
		return false
	}
	for _, m := range n.Members {
		if m.Key != "id" && !plainStrings(m.Value) {
			return false
		}
	}
	return true
}

// plainCLIValues: an object of strings or lists of strings.
func plainCLIValues(n *source.Node) bool {
	if n.Kind != source.Object || !uniqueKeys(n) {
		return false
	}
	for _, m := range n.Members {
		if !plainStrings(m.Value) {
			return false
		}
	}
	return true
}

func plainStrings(v *source.Node) bool {
	if v.Kind == source.String {
		return true
	}
	if v.Kind != source.Array {
		return false
	}
	for _, e := range v.Elems {
		if !isString(e) {
			return false
		}
	}
	return true
}

// plainAPIParameter: {"id": string, "attributes": [{"key": string,
// "stringValue": string}]} and nothing else.
func plainAPIParameter(n *source.Node) bool {
	if n.Kind != source.Object || len(n.Members) != 2 || !uniqueKeys(n) || !isString(n.Get("id")) {
		return false
	}
	attrs := n.Get("attributes")
	if attrs == nil || attrs.Kind != source.Array {
		return false
	}
	for _, a := range attrs.Elems {
		if a.Kind != source.Object || len(a.Members) != 2 || !uniqueKeys(a) || !isString(a.Get("key")) || !isString(a.Get("stringValue")) {
			return false
		}
	}
	return true
}

// plainAPIParameterValue: {"id": string, "stringValue": string} only.
func plainAPIParameterValue(n *source.Node) bool {
	return n.Kind == source.Object && len(n.Members) == 2 && uniqueKeys(n) && isString(n.Get("id")) && isString(n.Get("stringValue"))
}
