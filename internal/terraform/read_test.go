package terraform

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

// fixture reads a file by its path in the repository: the reader's own
// fixtures in testdata/terraform, and the golden cases of the rules they
// feed in rules/testdata.
func fixture(t *testing.T, name string) (string, []byte) {
	t.Helper()
	path := filepath.Join("..", "..", filepath.FromSlash(name))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// readOne reads data and wants exactly one definition.
func readOne(t *testing.T, path string, data []byte) *definition.Definition {
	t.Helper()
	defs, ours := Read(path, data)
	if !ours || len(defs) != 1 {
		t.Fatalf("Read(%s) = %d definitions, ours=%v; want 1, true", path, len(defs), ours)
	}
	return defs[0]
}

// text is the file text a node covers.
func text(data []byte, n *source.Node) string { return string(data[n.Start:n.End]) }

func object(t *testing.T, d *definition.Definition, id string) *definition.Object {
	t.Helper()
	for _, o := range d.Objects {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("%s: no object %q", d.Name, id)
	return nil
}

func value(t *testing.T, o *definition.Object, key string) *definition.Value {
	t.Helper()
	f := o.Field(key)
	if f == nil || len(f.Values) != 1 {
		t.Fatalf("object %q: field %q missing or not single-valued: %+v", o.ID, key, f)
	}
	return f.Values[0]
}

// checkVerbatim checks that a VerbatimText string maps back byte for byte.
func checkVerbatim(t *testing.T, data []byte, n *source.Node) {
	t.Helper()
	if n.Map != source.VerbatimText {
		t.Fatalf("%q: Map = %v, want VerbatimText", text(data, n), n.Map)
	}
	m := source.StringOffsets(data, n)
	if len(m) != len(n.Text)+1 {
		t.Fatalf("%q: %d offsets for %d bytes", n.Text, len(m), len(n.Text))
	}
	if got := string(data[m[0]:m[len(n.Text)]]); got != n.Text {
		t.Errorf("offsets map %q back to %q", n.Text, got)
	}
	for i := range n.Text {
		if data[m[i]] != n.Text[i] {
			t.Errorf("%q: byte %d maps to %q", n.Text, i, data[m[i]])
		}
	}
}

// checkTree checks what every built tree must satisfy: every node has a
// pointer into the .tf file and a byte range inside it, and members' keys
// lie inside their object.
func checkTree(t *testing.T, d *definition.Definition) {
	t.Helper()
	data := d.File.Content
	d.File.Root.Walk(func(n *source.Node) {
		if n.Start < 0 || n.End > len(data) || n.Start > n.End {
			t.Errorf("node %s: range %d..%d outside the file", n.Pointer(), n.Start, n.End)
		}
		if p, ok := d.Embedded.Pointers[n]; !ok || !strings.HasPrefix(p, "/resource/"+ResourceType+"/") {
			t.Errorf("node %s: pointer %q", n.Pointer(), p)
		}
		for _, m := range n.Members {
			if m.KeyStart < n.Start || m.KeyEnd > n.End || m.KeyStart >= m.KeyEnd {
				t.Errorf("member %s of %s: key %d..%d outside %d..%d", m.Key, n.Pointer(), m.KeyStart, m.KeyEnd, n.Start, n.End)
			}
		}
	})
}

func TestProviderExample(t *testing.T) {
	path, data := fixture(t, "rules/testdata/DP2002/terraform-provider-example.tf")
	d := readOne(t, path, data)
	if want := path + "#aws_datapipeline_pipeline_definition.example"; d.Name != want {
		t.Errorf("Name = %q, want %q", d.Name, want)
	}
	if d.Form != definition.API || d.File.Name != path || string(d.File.Content) != string(data) {
		t.Errorf("Form %v, file %q: want the API form of the whole file", d.Form, d.File.Name)
	}
	e := d.Embedded
	if e.Format != "Terraform" || e.Resource != "aws_datapipeline_pipeline_definition.example" {
		t.Errorf("Embedding = %q %q", e.Format, e.Resource)
	}
	if len(e.Problems) != 0 {
		t.Errorf("problems: %+v", e.Problems)
	}
	if got := text(data, e.Anchor); got != `"example"` {
		t.Errorf("anchor covers %q", got)
	}
	checkVerbatim(t, data, e.Anchor)
	if got := text(data, d.File.Root); !strings.HasPrefix(got, `resource "aws_datapipeline_pipeline_definition" "example" {`) || !strings.HasSuffix(got, "}") {
		t.Errorf("root covers %q", got)
	}
	if got := string(data[d.ObjectsKey.KeyStart:d.ObjectsKey.KeyEnd]); got != "pipeline_object" {
		t.Errorf("pipelineObjects key covers %q", got)
	}

	var ids, names []string
	for _, o := range d.Objects {
		ids = append(ids, o.ID)
		names = append(names, o.Name)
	}
	if want := []string{"Default", "Schedule", "SayHello"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	if want := []string{"Default", "Every two hours", "SayHello"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}

	def := object(t, d, "Default")
	if got := text(data, def.Node); !strings.HasPrefix(got, "pipeline_object {") || !strings.HasSuffix(got, "}") {
		t.Errorf("Default covers %q", got)
	}
	if got := text(data, def.IDNode); got != `"Default"` {
		t.Errorf("Default's id covers %q", got)
	}
	var keys []string
	for _, f := range def.Fields {
		keys = append(keys, f.Key)
	}
	if want := []string{"workerGroup", "failureAndRerunMode", "resourceRole", "role", "scheduleType"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("Default's fields = %q, want %q", keys, want)
	}
	if v := value(t, def, "scheduleType"); v.Kind != definition.Str || v.Text != "cron" || v.Unknown != "" {
		t.Errorf("scheduleType = %+v", v)
	}

	// The mistake the example makes, kept as written: parent and schedule
	// are strings, not references.
	hello := object(t, d, "SayHello")
	for _, key := range []string{"parent", "schedule"} {
		v := value(t, hello, key)
		if v.Kind != definition.Str {
			t.Errorf("%s: Kind = %v, want a string value", key, v.Kind)
		}
		if got, want := text(data, v.Node), `"`+v.Text+`"`; got != want {
			t.Errorf("%s: value covers %q, want %q", key, got, want)
		}
		checkVerbatim(t, data, v.Node)
		f := hello.Field(key)
		if got := string(data[f.KeyStart:f.KeyEnd]); got != `"`+key+`"` {
			t.Errorf("%s: key covers %q", key, got)
		}
		if got := text(data, v.Whole); !strings.HasPrefix(got, "field {") || !strings.HasSuffix(got, "}") {
			t.Errorf("%s: field entry covers %q", key, got)
		}
	}
	if p, want := e.Pointers[value(t, hello, "parent").Node], "/resource/aws_datapipeline_pipeline_definition/example/pipeline_object/2/field/2/string_value"; p != want {
		t.Errorf("parent's pointer = %q, want %q", p, want)
	}
	if p, want := e.Pointers[hello.Node], "/resource/aws_datapipeline_pipeline_definition/example/pipeline_object/2"; p != want {
		t.Errorf("SayHello's pointer = %q, want %q", p, want)
	}
	// A string with escapes has no byte-for-byte mapping.
	cmd := value(t, hello, "command")
	if cmd.Text != `echo "hello from #{@scheduledStartTime}"` || cmd.Node.Map != source.OpaqueText {
		t.Errorf("command = %q (map %v)", cmd.Text, cmd.Node.Map)
	}

	// The member key of a value is the argument name.
	entry := value(t, def, "role").Whole
	if m := entry.Member("stringValue"); m == nil || string(data[m.KeyStart:m.KeyEnd]) != "string_value" {
		t.Errorf("stringValue member: %+v", m)
	}

	if len(d.Parameters) != 1 || d.Parameters[0].ID != "myGreeting" || len(d.Parameters[0].Attributes) != 2 {
		t.Fatalf("parameters = %+v", d.Parameters)
	}
	if a := d.Parameters[0].Attributes[1]; a.Key != "default" || a.Values[0].Text != "hello" {
		t.Errorf("second attribute = %s %+v", a.Key, a.Values[0])
	}
	if p := e.Pointers[d.Parameters[0].Attributes[1].Values[0].Node]; p != "/resource/aws_datapipeline_pipeline_definition/example/parameter_object/0/attribute/1/string_value" {
		t.Errorf("attribute pointer = %q", p)
	}
	if len(d.Values) != 1 || d.Values[0].ID != "myGreeting" || d.Values[0].Value.Text != "good morning" {
		t.Fatalf("values = %+v", d.Values)
	}
	if got := string(data[d.ValuesKey.KeyStart:d.ValuesKey.KeyEnd]); got != "parameter_value" {
		t.Errorf("parameterValues key covers %q", got)
	}
	checkTree(t, d)
}

func TestOK(t *testing.T) {
	path, data := fixture(t, "testdata/terraform/ok.tf")
	defs, ours := Read(path, data)
	if !ours || len(defs) != 2 {
		t.Fatalf("Read = %d definitions, ours=%v", len(defs), ours)
	}
	var names []string
	for _, d := range defs {
		names = append(names, d.Name)
		if len(d.Embedded.Problems) != 0 {
			t.Errorf("%s: problems %+v", d.Name, d.Embedded.Problems)
		}
		checkTree(t, d)
	}
	if want := []string{path + "#aws_datapipeline_pipeline_definition.copy", path + "#aws_datapipeline_pipeline_definition.ping"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
	d := defs[0]
	def := object(t, d, "Default")

	tests := []struct {
		obj, key string
		kind     definition.ValueKind
		text     string
		unknown  string
		src      string // the file text the value node covers
		verbatim bool
	}{
		{"Default", "scheduleType", definition.Str, "cron", "", `"cron"`, true},
		{"Default", "schedule", definition.Ref, "Daily", "", `"Daily"`, true},
		{"Default", "workerGroup", definition.Str, "${local.worker_group}", "local.worker_group", "local.worker_group", false},
		{"Default", "pipelineLogUri", definition.Str, "s3://${aws_s3_bucket.logs.bucket}/logs/", `"s3://${aws_s3_bucket.logs.bucket}/logs/"`, `"s3://${aws_s3_bucket.logs.bucket}/logs/"`, false},
		{"Default", "maximumRetries", definition.Str, "3", "", "3", true},
		{"Default", "enableDebugging", definition.Str, "true", "", "true", true},
		{"CopyLogs", "stdout", definition.Str, `s3://bucket/"quoted"/out`, "", `"s3://bucket/\"quoted\"/out"`, false},
		{"CopyLogs", "stderr", definition.Str, "s3://bucket/${HOME}/err %{x}", "", `"s3://bucket/$${HOME}/err %%{x}"`, false},
		{"CopyLogs", "runsOn", definition.Ref, "Worker", "", `"Worker"`, true},
		{"Worker", "terminateAfter", definition.Str, "2 Hours", "", `"2 Hours"`, true},
	}
	for _, tc := range tests {
		v := value(t, object(t, d, tc.obj), tc.key)
		if v.Kind != tc.kind || v.Text != tc.text || v.Unknown != tc.unknown {
			t.Errorf("%s.%s = kind %v %q unknown %q; want kind %v %q unknown %q", tc.obj, tc.key, v.Kind, v.Text, v.Unknown, tc.kind, tc.text, tc.unknown)
		}
		if got := text(data, v.Node); got != tc.src {
			t.Errorf("%s.%s covers %q, want %q", tc.obj, tc.key, got, tc.src)
		}
		if tc.verbatim {
			checkVerbatim(t, data, v.Node)
		} else if v.Node.Map != source.OpaqueText {
			t.Errorf("%s.%s: Map = %v, want OpaqueText", tc.obj, tc.key, v.Node.Map)
		}
	}

	// A flush heredoc: indentation trimmed, the trailing newline kept, the
	// Data Pipeline expression and the escaped shell variable as text.
	cmd := value(t, object(t, d, "CopyLogs"), "command")
	want := "aws s3 sync s3://source/#{format(@scheduledStartTime,'YYYY-MM-dd')}/ \"${OUTPUT1_STAGING_DIR}\"\n"
	if cmd.Text != want || cmd.Unknown != "" || cmd.Node.Map != source.OpaqueText {
		t.Errorf("heredoc = %q unknown %q map %v; want %q", cmd.Text, cmd.Unknown, cmd.Node.Map, want)
	}
	if got := text(data, cmd.Node); !strings.HasPrefix(got, "<<-EOT\n") || !strings.HasSuffix(got, "EOT") {
		t.Errorf("heredoc covers %q", got)
	}
	if len(def.Fields) != 6 {
		t.Errorf("Default has %d fields", len(def.Fields))
	}
	if len(d.Values) != 1 || d.Values[0].Value.Text != "${var.log_bucket}" || d.Values[0].Value.Unknown != "var.log_bucket" {
		t.Errorf("parameter value = %+v", d.Values[0].Value)
	}
	if len(defs[1].Objects) != 1 || defs[1].Objects[0].ID != "Default" {
		t.Errorf("second resource objects = %+v", defs[1].Objects)
	}
}

func TestBad(t *testing.T) {
	path, data := fixture(t, "rules/testdata/DP9002/terraform.tf")
	d := readOne(t, path, data)
	checkTree(t, d)
	want := []struct {
		rule, msg, at, obj string
	}{
		{"DP9002", `unknown argument 'str_value' in field (did you mean 'string_value'?)`, "str_value", "Default"},
		{"DP9004", "ref_value is an expression (var.schedule_id) known only at apply time; a reference must name an object id of this pipeline, which dplint cannot check", "var.schedule_id", "Default"},
		{"DP9002", `unknown block 'feild' in pipeline_object (did you mean 'field'?)`, "feild", "Default"},
		{"DP9002", `pipeline_object has no 'name' argument; Terraform requires it`, "pipeline_object", "NoName"},
		{"DP9002", `field 'type' has both string_value and ref_value; Data Pipeline takes one or the other`, "ref_value", "NoName"},
		{"DP9002", `field 'command' has neither string_value nor ref_value; give one of them`, "field", "NoName"},
		{"DP9006", `dynamic "field" block: its fields are built at plan time and are not checked`, `dynamic "field"`, "NoName"},
		{"DP9006", `dynamic "pipeline_object" block: its objects are built at plan time and are not checked`, `dynamic "pipeline_object"`, ""},
	}
	got := d.Embedded.Problems
	if len(got) != len(want) {
		for _, p := range got {
			t.Logf("%s %q at %q", p.Rule, p.Message, data[p.Start:p.End])
		}
		t.Fatalf("%d problems, want %d", len(got), len(want))
	}
	for i, w := range want {
		p := got[i]
		if p.Rule != w.rule || p.Message != w.msg || string(data[p.Start:p.End]) != w.at || p.Object != w.obj {
			t.Errorf("problem %d = %s %q at %q object %q;\n want %s %q at %q object %q", i, p.Rule, p.Message, data[p.Start:p.End], p.Object, w.rule, w.msg, w.at, w.obj)
		}
	}
	// Misspellings come with a fix that renames them.
	if f := got[0].Fix; f == nil || f.NewText != "string_value" {
		t.Errorf("str_value fix = %+v", f)
	}
	if f := got[2].Fix; f == nil || f.NewText != "field" {
		t.Errorf("feild fix = %+v", f)
	}

	// The tree: the misspelt block, the dynamic blocks and the broken
	// fields are left out (as in a CloudFormation template), the nameless
	// object is named by its id.
	if len(d.Objects) != 2 {
		t.Fatalf("%d objects, want 2", len(d.Objects))
	}
	def := object(t, d, "Default")
	if len(def.Fields) != 1 || def.Field("scheduleType") != nil {
		t.Errorf("Default has %d fields, want 1 (scheduleType's value is misspelt)", len(def.Fields))
	}
	if v := value(t, def, "schedule"); v.Kind != definition.Ref || v.Text != "${var.schedule_id}" || v.Unknown != "var.schedule_id" || v.Node.Map != source.OpaqueText {
		t.Errorf("schedule = %+v", v)
	}
	nn := object(t, d, "NoName")
	if nn.Name != "NoName" || nn.NameNode == nil || nn.NameNode.Text != "NoName" {
		t.Errorf("NoName's name = %q", nn.Name)
	}
	if len(nn.Fields) != 0 {
		t.Errorf("NoName keeps %d fields; the one with both values and the one with neither are left out", len(nn.Fields))
	}
}

func TestNotOurs(t *testing.T) {
	path, data := fixture(t, "testdata/terraform/notours.tf")
	if Mentions(data) {
		t.Errorf("Mentions(notours.tf) = true")
	}
	for name, src := range map[string]string{
		"notours.tf": string(data),
		// Named, but only as a data source and a reference: no resource.
		"data.tf": `data "aws_datapipeline_pipeline_definition" "d" { pipeline_id = "df-1" }
output "x" { value = aws_datapipeline_pipeline_definition.other.id }`,
		// Broken, but not ours: skipped, not reported.
		"garbage.tf": "resource {{{ ]]]",
		"empty.tf":   "",
	} {
		if defs, ours := Read(name, []byte(src)); ours || defs != nil {
			t.Errorf("%s: Read = %d definitions, ours=%v; want nil, false", path, len(defs), ours)
		}
	}
}

func TestBroken(t *testing.T) {
	path, data := fixture(t, "rules/testdata/DP9001/broken-terraform.tf")
	d := readOne(t, path, data)
	if d.Name != path || d.File.Root != nil || d.Form != definition.API {
		t.Errorf("definition = %q root %v form %v", d.Name, d.File.Root, d.Form)
	}
	if len(d.Objects) != 0 || d.Embedded == nil {
		t.Fatalf("objects %d, embedding %v", len(d.Objects), d.Embedded)
	}
	if got := text(data, d.Embedded.Anchor); got != ResourceType {
		t.Errorf("anchor covers %q", got)
	}
	ps := d.Embedded.Problems
	if len(ps) != 1 {
		t.Fatalf("problems = %+v", ps)
	}
	want := "the Terraform file cannot be read: Argument or block definition required: An argument or block definition is required here."
	if ps[0].Rule != "DP9001" || ps[0].Message != want || string(data[ps[0].Start:ps[0].End]) != "]" {
		t.Errorf("problem = %s %q at %q", ps[0].Rule, ps[0].Message, data[ps[0].Start:ps[0].End])
	}
}

// tf wraps pipeline_object content in a resource, after a valid Default.
func tf(content string) []byte {
	return []byte(`resource "aws_datapipeline_pipeline_definition" "t" {
  pipeline_id = "df-1"
  pipeline_object {
    id   = "O"
    name = "O"
` + content + `
  }
}
`)
}

// TestValues checks how each kind of HCL expression becomes a value.
func TestValues(t *testing.T) {
	tests := []struct {
		expr     string
		text     string
		unknown  string // "" for a known value
		verbatim bool
	}{
		{`"plain"`, "plain", "", true},
		{`""`, "", "", true},
		{`"#{format(@scheduledStartTime,'YYYY')}"`, "#{format(@scheduledStartTime,'YYYY')}", "", true},
		{`"50% of #{x}"`, "50% of #{x}", "", true},
		{`"café"`, "café", "", true},
		{`"tab\there"`, "tab\there", "", false},
		{`"\u00e9"`, "é", "", false},
		{`"$${HOME}"`, "${HOME}", "", false},
		{`"%%{if}"`, "%{if}", "", false},
		{"5", "5", "", true},
		{"1.5", "1.5", "", true},
		{"1e3", "1000", "", false},
		{"true", "true", "", true},
		{"false", "false", "", true},
		{`"${"lit"}"`, "lit", "", false},
		{`1 + 2`, "3", "", false},
		{"<<EOT\nline one\nline two\nEOT\n", "line one\nline two\n", "", false},
		{`var.x`, "${var.x}", "var.x", false},
		{`local.y`, "${local.y}", "local.y", false},
		{`aws_s3_bucket.b.id`, "${aws_s3_bucket.b.id}", "aws_s3_bucket.b.id", false},
		{`"${var.x}/logs"`, "${var.x}/logs", `"${var.x}/logs"`, false},
		{`"a-${var.a}-${var.b}"`, "a-${var.a}-${var.b}", `"a-${var.a}-${var.b}"`, false},
		{`upper("x")`, `${upper("x")}`, `upper("x")`, false},
		{`timestamp()`, "${timestamp()}", "timestamp()", false},
		{`var.on ? "a" : "b"`, `${var.on ? "a" : "b"}`, `var.on ? "a" : "b"`, false},
		{`"%{if var.on}a%{endif}"`, `${"%{if var.on}a%{endif}"}`, `"%{if var.on}a%{endif}"`, false},
		{"<<EOT\n${var.x}\nEOT\n", "<<EOT\n${var.x}\nEOT", "<<EOT\n${var.x}\nEOT", false},
	}
	for _, tc := range tests {
		data := tf("    field {\n      key = \"k\"\n      string_value = " + tc.expr + "\n    }")
		d := readOne(t, "v.tf", data)
		if len(d.Embedded.Problems) != 0 {
			t.Errorf("%s: problems %+v", tc.expr, d.Embedded.Problems)
			continue
		}
		v := value(t, d.Objects[0], "k")
		if v.Kind != definition.Str || v.Text != tc.text || v.Unknown != tc.unknown {
			t.Errorf("%s: kind %v text %q unknown %q; want %q unknown %q", tc.expr, v.Kind, v.Text, v.Unknown, tc.text, tc.unknown)
		}
		if got, want := text(data, v.Node), strings.TrimSuffix(tc.expr, "\n"); got != want {
			t.Errorf("%s: node covers %q", tc.expr, got)
		}
		if tc.verbatim {
			checkVerbatim(t, data, v.Node)
		} else if v.Node.Map != source.OpaqueText {
			t.Errorf("%s: Map = %v, want OpaqueText", tc.expr, v.Node.Map)
		}
	}
}

// TestProblems covers the reader's problems one by one.
func TestProblems(t *testing.T) {
	type want struct{ rule, msg, at string }
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{"api spelling", string(tf(`    field {
      key         = "type"
      stringValue = "Schedule"
    }`)), []want{{"DP9002", `unknown argument 'stringValue' in field (did you mean 'string_value'?)`, "stringValue"}}},
		{"field as argument", string(tf(`    field = { key = "type", string_value = "Schedule" }`)),
			[]want{{"DP9002", `unknown argument 'field' in pipeline_object; field is a block: write field { ... }`, "field"}}},
		{"argument as block", string(tf(`    field {
      key { }
      string_value = "x"
    }`)), []want{
			{"DP9002", `unknown block 'key' in field; key is an argument: write key = ...`, "key"},
		}},
		{"misspelt required argument", string(tf(`    field {
      kye          = "type"
      string_value = "x"
    }`)), []want{
			{"DP9002", `unknown argument 'kye' in field (did you mean 'key'?)`, "kye"},
		}},
		{"missing key", string(tf(`    field {
      string_value = "x"
    }`)), []want{
			{"DP9002", `field has no 'key' argument; Terraform requires it`, "field"},
		}},
		{"null value", string(tf(`    field {
      key          = "type"
      string_value = null
    }`)), []want{{"DP9002", `field 'type' has neither string_value nor ref_value; give one of them`, "field"}}},
		{"null beside a ref", string(tf(`    field {
      key          = "schedule"
      string_value = null
      ref_value    = "S"
    }`)), nil},
		{"list value", string(tf(`    field {
      key          = "type"
      string_value = ["a"]
    }`)), []want{{"DP9002", `string_value is a list; Terraform requires a string`, `["a"]`}}},
		{"unknown ref", string(tf(`    field {
      key       = "schedule"
      ref_value = "${var.prefix}Schedule"
    }`)), []want{{"DP9004", `ref_value is an expression ("${var.prefix}Schedule") known only at apply time; a reference must name an object id of this pipeline, which dplint cannot check`, `"${var.prefix}Schedule"`}}},
		{"label on a nested block", string(tf(`    field "x" {
      key          = "type"
      string_value = "S"
    }`)), []want{{"DP9002", `extraneous label 'x' on field; the block takes none`, `"x"`}}},
		{"dynamic misspelt", string(tf(`    dynamic "feilds" {
      for_each = var.f
      content {}
    }`)), []want{{"DP9002", `unknown block 'feilds' in pipeline_object (did you mean 'field'?)`, "feilds"}}},
		{"unknown argument, nothing close", string(tf(`    colour = "blue"`)),
			[]want{{"DP9002", `unknown argument 'colour' in pipeline_object`, "colour"}}},
		{"resource level", `resource "aws_datapipeline_pipeline_definition" "r" {
  pipline_id = "df-1"
  pipeline_objects = []
  dynamic "parameter_object" {
    for_each = var.p
    content {}
  }
  dynamic "parameter_value" {
    for_each = var.v
    content {}
  }
  lifecycle {
    create_before_destroy = true
  }
  depends_on = [aws_datapipeline_pipeline.p]
  region     = "eu-west-1"
}`, []want{
			{"DP9002", `unknown argument 'pipline_id' in aws_datapipeline_pipeline_definition (did you mean 'pipeline_id'?)`, "pipline_id"},
			{"DP9002", `unknown argument 'pipeline_objects' in aws_datapipeline_pipeline_definition (did you mean a pipeline_object block?)`, "pipeline_objects"},
			{"DP9006", `dynamic "parameter_object" block: its parameters are built at plan time and are not checked`, `dynamic "parameter_object"`},
			{"DP9006", `dynamic "parameter_value" block: its parameter values are built at plan time and are not checked`, `dynamic "parameter_value"`},
		}},
		{"resource with nothing", `resource "aws_datapipeline_pipeline_definition" "r" {
  depends_on = []
}`, []want{
			{"DP9002", `aws_datapipeline_pipeline_definition has no 'pipeline_id' argument; Terraform requires it`, `resource "aws_datapipeline_pipeline_definition" "r"`},
			{"DP9002", `aws_datapipeline_pipeline_definition has no pipeline_object block; Terraform requires at least one`, `resource "aws_datapipeline_pipeline_definition" "r"`},
		}},
		{"parameters", `resource "aws_datapipeline_pipeline_definition" "r" {
  pipeline_id = "df-1"
  pipeline_object {
    id   = "Default"
    name = "Default"
  }
  parameter_object {
    attribute {
      key = "type"
    }
    dynamic "attribute" {
      for_each = var.a
      content {}
    }
  }
  parameter_value {
    id = "myP"
    value = "x"
  }
}`, []want{
			{"DP9002", `parameter_object has no 'id' argument; Terraform requires it`, "parameter_object"},
			{"DP9002", `attribute has no 'string_value' argument; Terraform requires it`, "attribute"},
			{"DP9006", `dynamic "attribute" block: its attributes are built at plan time and are not checked`, `dynamic "attribute"`},
			{"DP9002", `parameter_value has no 'string_value' argument; Terraform requires it`, "parameter_value"},
			{"DP9002", `unknown argument 'value' in parameter_value`, "value"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.src)
			d := readOne(t, "p.tf", data)
			checkTree(t, d)
			got := d.Embedded.Problems
			for i := 0; i < max(len(got), len(tc.want)); i++ {
				switch {
				case i >= len(got):
					t.Errorf("missing problem %s %q", tc.want[i].rule, tc.want[i].msg)
				case i >= len(tc.want):
					t.Errorf("unexpected problem %s %q at %q", got[i].Rule, got[i].Message, data[got[i].Start:got[i].End])
				default:
					p, w := got[i], tc.want[i]
					if p.Rule != w.rule || p.Message != w.msg || string(data[p.Start:p.End]) != w.at {
						t.Errorf("problem %d = %s %q at %q;\n  want %s %q at %q", i, p.Rule, p.Message, data[p.Start:p.End], w.rule, w.msg, w.at)
					}
				}
			}
		})
	}
}

func TestLabels(t *testing.T) {
	data := []byte(`resource "aws_datapipeline_pipeline_definition" {
  pipeline_id = "df-1"
  pipeline_object {
    id   = "Default"
    name = "Default"
  }
}
resource "aws_datapipeline_pipeline_definition" "a" "b" {
  pipeline_id = "df-2"
  pipeline_object {
    id   = "Default"
    name = "Default"
  }
}
resource "aws_datapipeline_pipeline_definition" "odd/name~1" {
  pipeline_id = "df-3"
  pipeline_object {
    id   = "Default"
    name = "Default"
  }
}
`)
	defs, ours := Read("l.tf", data)
	if !ours || len(defs) != 3 {
		t.Fatalf("Read = %d definitions, ours=%v", len(defs), ours)
	}
	type want struct{ name, msg, at string }
	for i, w := range []want{
		{"l.tf#aws_datapipeline_pipeline_definition", `the resource has no name label; Terraform requires resource "aws_datapipeline_pipeline_definition" "NAME"`, `resource "aws_datapipeline_pipeline_definition"`},
		{"l.tf#aws_datapipeline_pipeline_definition.a", `extraneous label 'b' on the resource; Terraform takes a type and a name`, `"b"`},
	} {
		d := defs[i]
		ps := d.Embedded.Problems
		if d.Name != w.name || len(ps) != 1 || ps[0].Message != w.msg || string(data[ps[0].Start:ps[0].End]) != w.at {
			t.Errorf("definition %d: %q, problems %+v", i, d.Name, ps)
		}
		checkTree(t, d)
	}
	// Labels are escaped in pointers.
	d := defs[2]
	if p := d.Embedded.Pointers[d.Objects[0].IDNode]; p != "/resource/aws_datapipeline_pipeline_definition/odd~1name~01/pipeline_object/0/id" {
		t.Errorf("pointer = %q", p)
	}
}

// TestEmptyResource checks the tree of a resource with no objects: the
// list is still there, over the resource.
func TestEmptyResource(t *testing.T) {
	data := []byte(`resource "aws_datapipeline_pipeline_definition" "e" {
  pipeline_id = "df-1"
}
`)
	d := readOne(t, "e.tf", data)
	list := d.File.Root.Get("pipelineObjects")
	if list == nil || list.Kind != source.Array || len(list.Elems) != 0 || list.Start != 0 || list.End != len(data)-1 {
		t.Errorf("pipelineObjects = %+v", list)
	}
	if d.File.Root.Get("parameterObjects") != nil || d.File.Root.Get("parameterValues") != nil {
		t.Errorf("parameter members without parameter blocks")
	}
	checkTree(t, d)
}

// dump renders everything Read returns that a caller sees, for comparing
// runs.
func dump(defs []*definition.Definition, ours bool) string {
	var b strings.Builder
	fmt.Fprintln(&b, ours)
	for _, d := range defs {
		fmt.Fprintln(&b, d.Name, d.Embedded.Resource, d.Embedded.Anchor.Start, d.Embedded.Anchor.End)
		for _, p := range d.Embedded.Problems {
			fmt.Fprintf(&b, "%s %d %d %q %q", p.Rule, p.Start, p.End, p.Object, p.Message)
			if p.Fix != nil {
				fmt.Fprintf(&b, " fix %+v", *p.Fix)
			}
			fmt.Fprintln(&b)
		}
		if d.File.Root == nil {
			continue
		}
		d.File.Root.Walk(func(n *source.Node) {
			fmt.Fprintf(&b, "%s %d %d %q %d %d %s\n", n.Kind, n.Start, n.End, n.Text, n.Map, n.TextStart, d.Embedded.Pointers[n])
			for _, m := range n.Members {
				fmt.Fprintf(&b, "  %s %d %d\n", m.Key, m.KeyStart, m.KeyEnd)
			}
		})
		for _, o := range d.Objects {
			for _, f := range o.Fields {
				for _, v := range f.Values {
					fmt.Fprintf(&b, "%s %s %d %q %q\n", o.ID, f.Key, v.Kind, v.Text, v.Unknown)
				}
			}
		}
	}
	return b.String()
}

func TestDeterministic(t *testing.T) {
	for _, name := range []string{"rules/testdata/DP2002/terraform-provider-example.tf", "testdata/terraform/ok.tf", "rules/testdata/DP9002/terraform.tf", "rules/testdata/DP9001/broken-terraform.tf"} {
		path, data := fixture(t, name)
		first := dump(Read(path, data))
		for i := 0; i < 20; i++ {
			if again := dump(Read(path, data)); again != first {
				t.Fatalf("%s: run %d differs:\n%s\nvs\n%s", name, i, first, again)
			}
		}
	}
}

// TestHostile feeds inputs that must neither panic, nor overflow the
// stack, nor take long: deep nesting of every kind the parser recurses on,
// unclosed constructs and garbage, each naming the resource so it is read.
func TestHostile(t *testing.T) {
	head := `resource "aws_datapipeline_pipeline_definition" "h" {` + "\n"
	deep := 50000 // 20,000 nested blocks take the parser minutes; 100,000 '(' overflow its stack
	inputs := map[string]string{
		"parens":       head + "x = " + strings.Repeat("(", deep) + "1" + strings.Repeat(")", deep) + "\n}",
		"brackets":     head + "x = " + strings.Repeat("[", deep),
		"objects":      head + "x = " + strings.Repeat("{a = ", deep),
		"blocks":       head + strings.Repeat("pipeline_object {\n", deep),
		"closed":       head + strings.Repeat("a {\n", deep) + strings.Repeat("}\n", deep) + "}",
		"templates":    head + "x = " + strings.Repeat(`"${`, deep),
		"template ifs": head + `x = "` + strings.Repeat("%{if true}", deep) + `"`,
		"bangs":        head + "x = " + strings.Repeat("!", deep) + "true\n}",
		"minuses":      head + "x = " + strings.Repeat("- ", deep) + "1\n}",
		"conditionals": head + "x = " + strings.Repeat("true ? 1 : ", deep) + "2\n}",
		// Newlines inside parentheses do not end the expression.
		"conditionals, parenthesized": head + "x = (" + strings.Repeat("true ? 1 : (true) ? 2 :\n", deep) + "3)\n}",
		"many errors":                 head + strings.Repeat("x = ]\n", deep) + "}",
		"long sum":                    head + "x = 1" + strings.Repeat(" + 1", deep) + "\n}",
		"heredoc":                     head + "x = <<EOT\n" + strings.Repeat("(", deep) + "\nEOT\n}",
		"unclosed":                    head + `pipeline_object { id = "a`,
		"nul bytes":                   head + "\x00\x00\x00",
		"bad utf8":                    head + "\xff\xfe pipeline_object { id = \"\xc3\" }\n}",
		"only name":                   ResourceType,
		"bom":                         "\ufeff" + head + "}",
	}
	for name, src := range inputs {
		start := time.Now()
		defs, ours := Read("h.tf", []byte(src))
		if !ours || len(defs) == 0 {
			t.Errorf("%s: Read = %d definitions, ours=%v", name, len(defs), ours)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%s: took %v", name, el)
		}
		for _, d := range defs {
			for _, p := range d.Embedded.Problems {
				if p.Start < 0 || p.End > len(src) || p.Start > p.End {
					t.Errorf("%s: problem range %d..%d", name, p.Start, p.End)
				}
			}
		}
	}
	// Deep nesting is refused before parsing, at the token that goes too deep.
	for _, name := range []string{"parens", "brackets", "objects", "blocks", "closed", "templates", "template ifs",
		"bangs", "minuses", "conditionals", "conditionals, parenthesized"} {
		defs, _ := Read("h.tf", []byte(inputs[name]))
		ps := defs[0].Embedded.Problems
		if len(ps) != 1 || ps[0].Message != "the Terraform file cannot be read: it nests deeper than 256 levels" {
			t.Errorf("%s: problems %+v", name, ps)
		} else if at := inputs[name][ps[0].Start:ps[0].End]; at == "" || !strings.Contains("([{\"${%!-?", at[:1]) && at != "if" {
			t.Errorf("%s: problem at %q", name, at)
		}
	}
	// A garbage file's errors are capped.
	defs, _ := Read("h.tf", []byte(inputs["many errors"]))
	if n := len(defs[0].Embedded.Problems); n != maxParseErrors {
		t.Errorf("many errors: %d problems, want %d", n, maxParseErrors)
	}
	// Nesting within the limit still reads.
	ok := head + "pipeline_id = \"df-1\"\npipeline_object {\nid = \"A\"\nname = \"A\"\n field {\nkey = \"k\"\nstring_value = " +
		strings.Repeat("(", 100) + `"v"` + strings.Repeat(")", 100) + "\n}\n}\n}"
	d := readOne(t, "ok.tf", []byte(ok))
	if v := value(t, d.Objects[0], "k"); v.Text != "v" || len(d.Embedded.Problems) != 0 {
		t.Errorf("nested parentheses: %+v, problems %+v", v, d.Embedded.Problems)
	}
}

// TestMutations reads random mutations of the fixtures: every result must
// keep its ranges inside the file.
func TestMutations(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, name := range []string{"testdata/terraform/ok.tf", "rules/testdata/DP9002/terraform.tf", "rules/testdata/DP2002/terraform-provider-example.tf"} {
		_, data := fixture(t, name)
		for i := 0; i < 300; i++ {
			mut := append([]byte(nil), data...)
			for k := rng.Intn(4) + 1; k > 0; k-- {
				p := rng.Intn(len(mut))
				switch rng.Intn(3) {
				case 0: // delete a run
					e := min(len(mut), p+rng.Intn(20))
					mut = append(mut[:p], mut[e:]...)
				case 1: // insert a syntax character
					const chars = "{}[]()\"$%=\n#\\<"
					c := chars[rng.Intn(len(chars))]
					mut = append(mut[:p], append([]byte{c}, mut[p:]...)...)
				case 2: // duplicate a run
					e := min(len(mut), p+rng.Intn(40))
					mut = append(mut[:e], append(append([]byte(nil), mut[p:e]...), mut[e:]...)...)
				}
				if len(mut) == 0 {
					break
				}
			}
			defs, _ := Read(name, mut)
			for _, d := range defs {
				for _, p := range d.Embedded.Problems {
					if p.Start < 0 || p.End > len(mut) || p.Start > p.End {
						t.Fatalf("%s mutation %d: problem range %d..%d of %d", name, i, p.Start, p.End, len(mut))
					}
				}
				if d.File.Root != nil {
					checkTree(t, d)
				}
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		s          *blockSchema
		name, want string
		block      bool
	}{
		{fieldSchema, "str_value", "string_value", false},
		{fieldSchema, "stringValue", "string_value", false},
		{fieldSchema, "refValue", "ref_value", false},
		{fieldSchema, "ref", "ref_value", false},
		{fieldSchema, "kye", "key", false},
		{fieldSchema, "x", "", false},
		{fieldSchema, "type", "", false},
		{objectSchema, "feild", "field", true},
		{objectSchema, "fields", "field", true},
		{objectSchema, "nme", "name", false},
		{resourceSchema, "pipeline_objects", "pipeline_object", true},
		{resourceSchema, "parameterValue", "parameter_value", true},
		{parameterSchema, "attributes", "attribute", true},
	}
	for _, tc := range tests {
		got, block := tc.s.suggest(tc.name)
		if got != tc.want || (got != "" && block != tc.block) {
			t.Errorf("%s: suggest(%q) = %q block=%v; want %q block=%v", tc.s.name, tc.name, got, block, tc.want, tc.block)
		}
	}
}
