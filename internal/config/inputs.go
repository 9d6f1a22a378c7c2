package config

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/source"
)

// TemplateVars reads a --template-vars file: a flat JSON object of names
// to strings (numbers and booleans are taken as written), or key=value
// lines (blank lines and lines starting with # are skipped). Dotted names
// are literal keys. Errors name the place.
func TemplateVars(path string, data []byte) (map[string]string, error) {
	vars := map[string]string{}
	if t := strings.TrimSpace(string(data)); strings.HasPrefix(t, "{") {
		f := source.Parse(path, data)
		for _, p := range f.Problems {
			if p.Kind != source.DuplicateKey {
				pos := f.Position(p.Start)
				return nil, fmt.Errorf("%s:%d:%d: %s", path, pos.Line, pos.Column, p.Message)
			}
		}
		for _, m := range f.Root.Members {
			switch m.Value.Kind {
			case source.String, source.Number, source.Bool:
				vars[m.Key] = m.Value.Text
			default:
				pos := f.Position(m.Value.Start)
				return nil, fmt.Errorf("%s:%d:%d: the value of %q must be a string, a number or a boolean; found %s",
					path, pos.Line, pos.Column, m.Key, m.Value.Describe())
			}
		}
		return vars, nil
	}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%s:%d: expected key=value, found %q", path, i+1, line)
		}
		vars[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return vars, nil
}

// maxValuesFile is dp-custom-templates.md's limit on the
// --parameter-values-uri file: 15 KB.
const maxValuesFile = 15 * 1024

// ParameterValues reads a parameter values file in the form the AWS CLI
// takes for --parameter-values-uri: {"values": {"myX": "v", "myY": ["a",
// "b"]}}, at most 15 KB.
func ParameterValues(path string, data []byte) (map[string][]string, error) {
	if len(data) > maxValuesFile {
		return nil, fmt.Errorf("%s: %d bytes; a parameter values file may be at most 15 KB", path, len(data))
	}
	f := source.Parse(path, data)
	if err := f.FatalError(); err != nil {
		return nil, err
	}
	vals := f.Root.Get("values")
	if f.Root.Kind != source.Object || vals == nil || vals.Kind != source.Object {
		return nil, fmt.Errorf(`%s: expected {"values": {...}}, the form of --parameter-values-uri`, path)
	}
	out := map[string][]string{}
	for _, key := range vals.Keys() {
		v := vals.Get(key)
		for _, it := range v.Items() {
			if it.Kind != source.String {
				pos := f.Position(it.Start)
				return nil, fmt.Errorf("%s:%d:%d: the value of %q must be a string or a list of strings", path, pos.Line, pos.Column, key)
			}
			out[key] = append(out[key], it.Text)
		}
	}
	return out, nil
}
