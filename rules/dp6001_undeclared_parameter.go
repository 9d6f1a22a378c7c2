package rules

import (
	"fmt"
	"sort"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
)

// UndeclaredParameter warns about values for parameters never declared.
var UndeclaredParameter = &Rule{
	Meta: Meta{
		ID: "DP6001", Name: "undeclared-parameter", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "a value is given for a parameter the definition does not declare",
		Doc: "Whether the service refuses such a value is not known. A companion values file is not checked against a definition here. " +
			"Values given with --param, --values or the configuration file replace the file's own, as with the AWS CLI, and are checked instead; " +
			"having no place in the file, they are reported at the objects list.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myInput", "type": "String"}], "values": {"myInput": "a", "myInptu": "b"}}` + "\n"
	}},
	Check: checkUndeclaredParameter,
}

func checkUndeclaredParameter(pass *Pass) {
	d := pass.Def
	if len(d.Objects) == 0 && d.Form == definition.Companion {
		return // a values file on its own: its parameters are declared elsewhere
	}
	declared := map[string]bool{}
	for _, p := range d.Parameters {
		declared[p.ID] = true
	}
	if given := pass.Options.Values; given != nil {
		var ids []string
		for id := range given {
			if !declared[id] && id != "" {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			// The value has no place in the file: the finding goes on the
			// objects list, about the file as a whole.
			f := Finding{Start: 0, End: min(1, len(pass.File.Content)),
				Message: fmt.Sprintf("a value is given (--param, --values or the configuration) for %s, which is not a declared parameter%s",
					quote(id), suggest(id, paramIDs(d)))}
			if k := d.ObjectsKey; k != nil {
				f.Start, f.End, f.Pointer = k.KeyStart, k.KeyEnd, k.Value.Pointer()
			}
			pass.Report(f)
		}
		return
	}
	seen := map[string]bool{}
	for _, v := range d.Values {
		if declared[v.ID] || seen[v.ID] || v.ID == "" {
			continue
		}
		seen[v.ID] = true
		pass.Report(Finding{Object: v.ID, Start: v.KeyStart, End: v.KeyEnd, At: valueEntry(v),
			Message: fmt.Sprintf("a value is given for %s, which is not a declared parameter%s", quote(v.ID), suggest(v.ID, paramIDs(d)))})
	}
}

func paramIDs(d *definition.Definition) []string {
	out := make([]string, len(d.Parameters))
	for i, p := range d.Parameters {
		out[i] = p.ID
	}
	return out
}
