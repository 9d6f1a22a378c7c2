package lint_test

import (
	"testing"

	"github.com/dplint/dplint/lint"
)

// TestDiagnosticField: each finding names the field it is in, whatever the
// file form; one that fields are missing names those; one on the object as
// a whole, none.
func TestDiagnosticField(t *testing.T) {
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, data string
		want       map[string]string // "rule object" -> field
	}{
		{"cli", `{"objects": [
  {"id": "Default", "scheduleType": "cron", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": ""},
  {"id": "R", "type": "Ec2Resource"},
  {"id": "A", "type": "ShellCommandActivity", "command": "x", "runsOn": {"ref": "Nowhere"}},
  {"id": "A", "type": "ShellCommandActivity", "command": "x", "workerGroup": "wg"}
]}`, map[string]string{
			"DP1006 Default": "workerGroup",
			"DP0002 Default": "scheduleType", // the repeated key's first place: not the field's
			"DP2001 A":       "runsOn",
			"DP1105 R":       "resourceRole",
			"DP1005 A":       "",
		}},
		{"api", `{"pipelineObjects": [
  {"id": "Default", "name": "Default", "fields": [{"key": "scheduleType", "stringValue": "ondemand"}, {"key": "workerGroup", "stringValue": ""}]}
]}`, map[string]string{"DP1006 Default": "workerGroup"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := l.LintNamed(c.name+".json", []byte(c.data))
			got := map[string]string{}
			for _, d := range res.Definitions {
				for _, dg := range d.Diagnostics {
					key := dg.Rule.ID + " " + dg.Object
					if prev, ok := got[key]; ok && prev < dg.Field {
						continue // the first by field name, for a rule that reports several
					}
					got[key] = dg.Field
				}
			}
			for k, want := range c.want {
				if f, ok := got[k]; !ok || f != want {
					t.Errorf("%s: field %q (found: %v), want %q; all: %v", k, f, ok, want, got)
				}
			}
		})
	}
}
