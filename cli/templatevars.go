package cli

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/source"
)

// readTemplateVars reads --template-vars: a flat JSON object of names to
// strings (numbers and booleans are taken as written), or key=value lines
// (blank lines and lines starting with # are skipped). Dotted names are
// literal keys. Errors name the place.
func readTemplateVars(path string) (map[string]string, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
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
