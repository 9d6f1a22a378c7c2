package rules

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	suggestpkg "github.com/dplint/dplint/internal/suggest"
)

// UnknownField reports fields the object's type does not have.
var UnknownField = &Rule{
	Meta: Meta{
		ID: "DP1103", Name: "unknown-field", Explains: []string{"DP6008", "DP1105", "DP1111", "DP5001", "DP5002"}, Severity: diag.Error, Origin: diag.Service,
		Summary: "a field that the object's type does not have (user-defined fields start with 'my' and an upper-case letter or '_')",
		Doc: "Fields are case-sensitive. Your own fields must be named my + an upper-case letter or underscore (myNote, my_note); " +
			"the service keeps them and ignores their values. On Default and on untyped templates, any field of any type is allowed, " +
			"since every object inherits them. When one field is close, the finding offers a fix that renames the key (`dplint lint --fix` applies it), " +
			"unless the object already has that field or writes the key more than once.",
	},
	Example: Example{Build: func() string {
		return example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "instanceTyp": "t3.micro"}`)
	}},
	Requires: needsGraph,
	Check:    checkUnknownField,
}

func checkUnknownField(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	ty := pass.Typing()
	// The same misspelling on objects of one type gets the same answer:
	// edit distances are worked out once per (type, key), not per object.
	closest := map[[2]string]string{}
	for i, o := range g.Def.Objects {
		t := ty.types[i]
		if t == nil && g.Type(o) != "" {
			continue // unknown type: DP1101
		}
		for j, f := range o.Fields {
			if ty.fields[i][j] != nil || f.Key == "type" || f.Key == "" || isUserField(f.Key) {
				continue
			}
			what, typeName := "any object type", ""
			if t != nil && t.Name != "Default" {
				what, typeName = quote(t.Name), t.Name
			}
			meant, ok := closest[[2]string{typeName, f.Key}]
			if !ok {
				var candidates []string
				if typeName != "" {
					candidates = fieldNames(t)
				} else {
					for _, t := range cat.Types {
						candidates = append(candidates, fieldNames(t)...)
					}
				}
				meant = suggestpkg.Closest(f.Key, candidates)
				closest[[2]string{typeName, f.Key}] = meant
			}
			hint := ""
			switch {
			case meant != "":
				hint = fmt.Sprintf(" (did you mean %s?)", quote(meant))
			case len(f.Key) >= 2 && definition.IndexFold(f.Key[:2], "my") == 0:
				hint = " (a user-defined field needs 'my' followed by an upper-case letter or '_')"
			}
			fd := keyFinding(o, f, fmt.Sprintf("%s is not a field of %s%s", quote(f.Key), what, hint))
			fd.Leaves = meant // a misspelt required field is reported missing too: that folds into this
			// The fix renames the key, unless onto a field the object has
			// (the key would be repeated).
			if meant != "" && o.Field(meant) == nil {
				fd.Fix = pass.keyFix(o, f, meant, "rename the field")
			}
			pass.Report(fd)
		}
	}
}
