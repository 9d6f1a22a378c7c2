package evalenv_test

import (
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/schema/catalog"
	"github.com/dplint/dplint/source"
)

func TestResolve(t *testing.T) {
	text := `{"objects": [
		{"id": "Default", "myRoot": "s3://root"},
		{"id": "Base", "myPrefix": "#{myRoot}/base"},
		{"id": "In", "type": "S3DataNode", "parent": {"ref": "Base"}, "directoryPath": "#{myPrefix}/#{format(@scheduledStartTime, 'YYYY')}/#{myTables}"},
		{"id": "Loop", "myA": "#{myB}", "myB": "#{myA}"},
		{"id": "Copy", "type": "CopyActivity", "input": {"ref": "In"}, "myNote": "#{input.directoryPath}", "myCount": "#{myN + 1}", "*myKey": "k3y"}
	],
	"parameters": [{"id": "myTables", "type": "String", "isArray": "true"}, {"id": "myN", "type": "Integer", "default": "41"}, {"id": "*mySecret", "type": "String"}],
	"values": {"myTables": ["a", "b"], "*mySecret": "hunter2"}}`
	d := definition.Read("t.json", source.Parse("t.json", []byte(text)))
	g := graph.Build(d)
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ object, text, want string }{
		{"In", "#{directoryPath}", "s3://root/base/2026/[a, b]"},
		{"Copy", "#{myNote}", "s3://root/base/2026/[a, b]"},
		{"Copy", "#{myCount}", "42"},
		{"Copy", "#{*mySecret} #{mySecret}", "**** ****"},
		{"Copy", "#{@id} #{name}", "Copy Copy"},
		{"Copy", "#{*myKey}", "****"},
		{"", "#{myN * 2}", "82"},
	} {
		env := &evalenv.Env{G: g, Cat: catalog.Objects(), Object: g.Object(tc.object), At: at}
		tmpl, errs := expr.ParseTemplate(tc.text)
		if len(errs) > 0 {
			t.Fatal(errs[0].Msg)
		}
		got, err := expr.EvalTemplate(tmpl, env)
		if err != nil || got != tc.want {
			t.Errorf("%s %s = %q, %v; want %q", tc.object, tc.text, got, err, tc.want)
		}
	}
	// A loop of fields is unknown, not a hang.
	env := &evalenv.Env{G: g, Cat: catalog.Objects(), Object: g.Object("Loop"), At: at}
	tmpl, _ := expr.ParseTemplate("#{myA}")
	if _, err := expr.EvalTemplate(tmpl, env); err == nil {
		t.Error("a loop of fields evaluated")
	}
	// Runtime fields other than @scheduledStartTime are unknown offline.
	tmpl, _ = expr.ParseTemplate("#{@actualStartTime}")
	if _, err := expr.EvalTemplate(tmpl, env); err == nil {
		t.Error("@actualStartTime evaluated offline")
	}
}

// TestRunTime: with an instance's runtime fields, the node that ran an
// action and Reveal, an expression sees what the service gives a task
// runner; without them (offline) the same names stay unknown or masked.
func TestRunTime(t *testing.T) {
	text := `{"objects": [
		{"id": "Copy", "type": "ShellCommandActivity", "*myToken": "t0k", "onFail": {"ref": "Alarm"}},
		{"id": "Alarm", "type": "SnsAlarm", "subject": "#{node.name} failed at #{node.@actualEndTime}", "message": "#{*myPass} #{@status}"}
	],
	"parameters": [{"id": "*myPass", "type": "String"}],
	"values": {"*myPass": "hunter2"}}`
	d := definition.Read("t.json", source.Parse("t.json", []byte(text)))
	g := graph.Build(d)
	end := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	params := map[string][]string{"*myPass": {"hunter2"}}
	run := &evalenv.Env{G: g, Cat: catalog.Objects(), Object: g.Object("Alarm"), Node: g.Object("Copy"), Reveal: true, Params: params,
		Run: map[string]expr.Value{"@actualEndTime": expr.DateTimeValue(end), "@status": expr.StringValue("FAILED")}}
	offline := &evalenv.Env{G: g, Cat: catalog.Objects(), Object: g.Object("Alarm"), Params: params}
	for _, tc := range []struct{ text, run, offline string }{
		{"#{subject}", "Copy failed at 2027-01-01T10:00:00", "(cannot be known offline)"},
		{"#{message}", "hunter2 FAILED", "(cannot be known offline)"},
		{"#{*myPass}", "hunter2", "****"},
		{"#{node.*myToken}", "t0k", "(cannot be known offline)"},
	} {
		if got := evalenv.Evaluate(run, tc.text); got != tc.run {
			t.Errorf("at run time %s = %q, want %q", tc.text, got, tc.run)
		}
		if got := evalenv.Evaluate(offline, tc.text); got != tc.offline {
			t.Errorf("offline %s = %q, want %q", tc.text, got, tc.offline)
		}
	}
	if params["*myPass"][0] != "hunter2" {
		t.Errorf("masking changed the caller's Params: %v", params)
	}
}
