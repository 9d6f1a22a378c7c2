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
