package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/schema/catalog"
)

// UnknownName reports names that resolve to nothing.
var UnknownName = &Rule{
	Meta: Meta{
		ID: "DP3005", Name: "unknown-name", Severity: diag.Error, Origin: diag.Service,
		Summary: "an expression names a parameter, field or runtime field that does not exist",
		Doc: "A name is a declared parameter (myX, *myX for masked values), a field of the object (own, from its parent or Default), " +
			"a runtime or system field (@scheduledStartTime, @id, ...), or a reference slot followed by a field of the object it names " +
			"(input.directoryPath, node.@scheduledStartTime). `node` belongs to actions and preconditions.",
	},
	Example: Example{Build: func() string {
		return example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{@scheduledStartTme}"}`)
	}},
	Requires: needsExprs,
	Check:    checkUnknownName,
}

func checkUnknownName(pass *Pass) {
	uses, g, ty := pass.Exprs(), pass.Graph(), pass.Typing()
	// A name with a value resolves even when no parameter declares it:
	// real definitions the service accepted do that (DP6001 warns).
	declared := map[string]bool{}
	for _, p := range g.Def.Parameters {
		declared[p.ID] = true
	}
	for id := range pass.givenValues() {
		declared[id] = true
	}
	// *myX marks a value to encrypt; an AWS sample the service runs
	// declares *myRedshiftPassword and writes #{myRedshiftPassword}, so
	// either spelling resolves either declaration.
	for id := range declared {
		if strings.HasPrefix(id, "*") {
			declared[id[1:]] = true
		} else {
			declared["*"+id] = true
		}
	}
	hasParams := len(g.Def.Parameters)+len(declared) > 0
	eachNode(uses, func(u *exprUse, n expr.Node) {
		name, ok := n.(*expr.Name)
		if !ok {
			return
		}
		if msg, part := resolveName(ty, u.Object, name, declared, hasParams); msg != "" {
			p := name.Parts[part]
			pass.Report(u.at(p.Start, p.End, msg))
		}
	})
}

// resolveName checks a name against the object's world; it returns a
// message and the index of the part at fault, or "" when the name is fine
// or cannot be judged offline.
func resolveName(ty *typing, o *definition.Object, n *expr.Name, declared map[string]bool, hasParams bool) (string, int) {
	g, cat := ty.g, ty.cat
	first := n.Parts[0].Text
	cur := o
	switch {
	case strings.HasPrefix(first, "*"):
		if !declared[first] && hasParams {
			return fmt.Sprintf("%s is not a declared parameter%s", quote(first), suggest(first, slices.Sorted(maps.Keys(declared)))), 0
		}
		return "", 0
	case declared[first]:
		return "", 0
	case first == "node":
		t := cat.Type(g.Type(o))
		if t != nil && t.Category != "Action" && t.Category != "Precondition" {
			return fmt.Sprintf("'node' is only available in actions and preconditions; %s is %s %s", quote(o.ID), article(t.Category), t.Category), 0
		}
		if len(n.Parts) > 1 {
			return checkField(cat, nil, n, 1)
		}
		return "", 0
	}
	// A reference slot followed by a field of what it names.
	if len(n.Parts) > 1 && !strings.HasPrefix(first, "@") {
		f, _ := g.Lookup(o, first)
		if f == nil || len(f.Values) == 0 || f.Values[0].Kind != definition.Ref {
			if sf := ty.field(o, first); sf != nil && sf.Kind == catalog.KindRef {
				return fmt.Sprintf("%s is not set on this object, so %s names nothing", quote(first), quote(n.String())), 0
			}
			return fmt.Sprintf("%s is not a reference field of this object", quote(first)), 0
		}
		target := g.Object(f.Values[0].Text)
		if target == nil {
			return "", 0 // a dangling reference: DP2001
		}
		return checkField(cat, func(key string) bool { f, _ := g.Lookup(target, key); return f != nil }, n, 1, g.Type(target))
	}
	// A single name: a field of the object, a runtime field.
	if strings.HasPrefix(first, "@") {
		if anyField(cat, first) == nil && first != "@id" && first != "@name" {
			return fmt.Sprintf("%s is not a runtime or system field%s", quote(first), suggest(first, runtimeNames(cat))), 0
		}
		// A runtime field the object's own type never has is never
		// available where it is used (the expression is evaluated on this
		// object); Default and templates lend fields to every type.
		if t := ty.objectType(o); t != nil && t.Name != "Default" && !(g.UsedAsParent(o) && o.Type() == "") &&
			t.Field(first) == nil && first != "@id" && first != "@name" {
			return fmt.Sprintf("%s is never available on %s %s: it is a runtime field of other object types", quote(first), article(t.Name), quote(t.Name)), 0
		}
		return "", 0
	}
	if f, _ := g.Lookup(cur, first); f != nil {
		return "", 0
	}
	if first == "id" || first == "name" {
		return "", 0
	}
	if isUserField(first) {
		if !hasParams {
			return "", 0 // parameters may come from a separate file
		}
		return fmt.Sprintf("%s is neither a declared parameter nor a field of this object%s", quote(first),
			suggest(first, append(slices.Sorted(maps.Keys(declared)), objectFieldNames(ty, o)...))), 0
	}
	if ty.field(o, first) != nil {
		return fmt.Sprintf("%s is not set on this object (nor inherited)", quote(first)), 0
	}
	return fmt.Sprintf("unknown name %s: not a parameter, nor a field of this object%s", quote(first),
		suggest(first, append(objectFieldNames(ty, o), slices.Sorted(maps.Keys(declared))...))), 0
}

// objectFieldNames are the fields an expression on o may name: those of
// its type and those set on it or inherited.
func objectFieldNames(ty *typing, o *definition.Object) []string {
	var out []string
	if t := ty.objectType(o); t != nil {
		out = fieldNames(t)
	}
	for _, f := range o.Fields {
		out = append(out, f.Key)
	}
	return out
}

// runtimeNames are every runtime and system field name, sorted.
func runtimeNames(cat *catalog.Catalog) []string {
	seen := map[string]bool{}
	for _, t := range cat.Types {
		for _, f := range t.Fields {
			if strings.HasPrefix(f.Name, "@") {
				seen[f.Name] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// checkField checks the part after a reference: a field the target has
// (set, or in its type), a runtime field, or another reference to follow
// (not followed further).
func checkField(cat *catalog.Catalog, set func(string) bool, n *expr.Name, i int, targetType ...string) (string, int) {
	key := n.Parts[i].Text
	if key == "id" || key == "name" || key == "@id" || key == "@name" || isUserField(key) {
		return "", 0
	}
	if strings.HasPrefix(key, "@") {
		if anyField(cat, key) == nil {
			return fmt.Sprintf("%s is not a runtime or system field%s", quote(key), suggest(key, runtimeNames(cat))), i
		}
		return "", 0
	}
	if set != nil && set(key) {
		return "", 0
	}
	if len(targetType) > 0 {
		if t := cat.Type(targetType[0]); t != nil && t.Field(key) == nil {
			return fmt.Sprintf("%s is not a field of %s%s", quote(key), quote(t.Name), suggest(key, fieldNames(t))), i
		}
		return "", 0
	}
	if anyField(cat, key) == nil {
		return fmt.Sprintf("%s is not a field of any object type", quote(key)), i
	}
	return "", 0
}
