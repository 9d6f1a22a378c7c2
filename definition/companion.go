package definition

import (
	"fmt"

	"github.com/dplint/dplint/source"
)

// ReadParameterObjects reads a parameter objects file as the AWS CLI's
// put-pipeline-definition --parameter-objects takes it: a JSON object whose
// "parameters" list is used (anything else in it is not). Its nodes are
// shifted by base (source.Node.Shift). A file the CLI could not read, or one
// with no parameters list, is an error naming the place.
func ReadParameterObjects(name string, data []byte, base int) (*source.File, []*Parameter, error) {
	f := source.Parse(name, data)
	for _, p := range f.Problems {
		if p.Fatal() || p.CLIMessage != "" {
			pos := f.Position(p.Start)
			return nil, nil, fmt.Errorf("%s:%d:%d: %s (the AWS CLI cannot read this file)", name, pos.Line, pos.Column, p.Message)
		}
	}
	list := f.Root.Get("parameters")
	if f.Root.Kind != source.Object || list == nil || list.Kind != source.Array {
		return nil, nil, fmt.Errorf(`%s: not a parameter objects file: it needs a "parameters" list, as in {"parameters": [{"id": "myX", "type": "String"}]}`, name)
	}
	f.Root.Shift(base)
	var out []*Parameter
	var a blocks
	for _, n := range list.Elems {
		if par := a.readParameter(n, false); par != nil {
			out = append(out, par)
		}
	}
	return f, out, nil
}

// UseParameters replaces the definition's parameter objects with those of
// another file, as --parameter-objects replaces them in what the AWS CLI
// sends. That file's nodes are placed after this file's last byte, so a
// finding on a parameter names a place in it (ParametersFrom).
func (d *Definition) UseParameters(name string, data []byte) error {
	base := len(d.File.Content) + 1
	f, params, err := ReadParameterObjects(name, data, base)
	if err != nil {
		return err
	}
	d.Parameters, d.ParametersFrom, d.ParametersBase = params, f, base
	return nil
}

// InParametersFile reports whether a byte offset lies in ParametersFrom,
// and where in it.
func (d *Definition) InParametersFile(off int) (int, bool) {
	if d.ParametersFrom == nil || off < d.ParametersBase {
		return off, false
	}
	return off - d.ParametersBase, true
}
