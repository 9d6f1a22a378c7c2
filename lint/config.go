package lint

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/config"
	"github.com/dplint/dplint/rules"
)

// LoadConfig reads a .dplint.yaml, checking every rule it names against
// the rule table.
func LoadConfig(path string) (*config.Config, error) {
	return config.Load(path, func(name string) bool { return rules.Lookup(name) != nil })
}

// ConfigFrom is the linter configuration a .dplint.yaml asks for on its own:
// rules, severities, per-path overrides, the objects limit, strictness,
// and template variables and parameter values. The command
// line lays its flags over it; the language server uses it as it is.
func ConfigFrom(cfg *config.Config) (Config, error) {
	c := Config{}
	if cfg == nil {
		return c, nil
	}
	c.Only, c.MaxObjects, c.Strict = cfg.Only, cfg.MaxObjects, cfg.Strict
	c.Disable = append([]string{}, cfg.Disable...)
	c.Enable = append([]string{}, cfg.Enable...)
	c.TemplateVars, c.Values = cfg.TemplateVars, cfg.Values
	var err error
	if c.Severity, err = Severities(cfg.Severity); err != nil {
		return c, fmt.Errorf("%s: %w", cfg.Path, err)
	}
	for i := range cfg.Overrides {
		ov := &cfg.Overrides[i]
		sev, err := Severities(ov.Severity)
		if err != nil {
			return c, fmt.Errorf("%s: %w", cfg.Path, err)
		}
		c.Overrides = append(c.Overrides, Override{Match: ov.Matches, Disable: ov.Disable, Severity: sev})
	}
	return c, nil
}

// Severities reads a rule -> severity map as a config file writes it.
func Severities(m map[string]string) (map[string]diag.Severity, error) {
	if len(m) == 0 {
		return nil, nil
	}
	out := map[string]diag.Severity{}
	for k, v := range m {
		s, ok := diag.ParseSeverity(v)
		if !ok {
			return nil, fmt.Errorf("severity of %s: %q is not error, warning or info", k, v)
		}
		out[k] = s
	}
	return out, nil
}
