package definition_test

import (
	"reflect"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

func TestRender(t *testing.T) {
	in := `{"objects": [{"id": "${env}Default", "role": "${resources.role}", "cmd": "echo ${INPUT1_STAGING_DIR} $HOME ${", "runsOn": {"ref": "${cluster}"}}],
		"parameters": [{"id": "my${P}", "default": "${d}"}], "values": {"myX": "${x}"}}`
	d := definition.Read("t.json", source.Parse("t.json", []byte(in)))
	start := d.Objects[0].Fields[0].Values[0].Node.Start
	missing := d.Render(map[string]string{"env": "", "resources.role": "R", "cluster": "C1", "P": "Q", "x": "1"})
	o := d.Objects[0]
	got := []string{o.ID, o.Name, o.Field("role").Values[0].Text, o.Field("cmd").Values[0].Text, o.Field("runsOn").Values[0].Text,
		d.Parameters[0].ID, d.Parameters[0].Attributes[0].Values[0].Text, d.Values[0].Value.Text}
	want := []string{"Default", "Default", "R", "echo ${INPUT1_STAGING_DIR} $HOME ${", "C1", "myQ", "${d}", "1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rendered %q, want %q", got, want)
	}
	if !reflect.DeepEqual(missing, []string{"INPUT1_STAGING_DIR", "d"}) {
		t.Errorf("missing = %q", missing)
	}
	if d.Objects[0].Fields[0].Values[0].Node.Start != start {
		t.Error("rendering moved a node")
	}
}
