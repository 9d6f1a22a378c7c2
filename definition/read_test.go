package definition_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

func rdParse(in string) *source.File { return source.Parse("in.json", []byte(in)) }

func rdRead(t *testing.T, in string) *definition.Definition {
	t.Helper()
	f := rdParse(in)
	for _, p := range f.Problems {
		if p.Fatal() {
			t.Fatalf("test input does not parse: %s at %d", p.Message, p.Start)
		}
	}
	return definition.Read("in.json", f)
}

// rdAt is the offset of the only occurrence of sub in s.
func rdAt(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 || strings.Count(s, sub) != 1 {
		t.Fatalf("%q occurs %d times in the input", sub, strings.Count(s, sub))
	}
	return i
}

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want definition.Form
	}{
		{"cli", `{"objects": [{"id": "Default"}]}`, definition.CLI},
		{"cli empty", `{"objects": []}`, definition.CLI},
		{"cli objects not a list", `{"objects": {"id": "a"}}`, definition.CLI},
		{"cli objects null", `{"objects": null}`, definition.CLI},
		{"cli with parameters and values", `{"objects": [], "parameters": [], "values": {}}`, definition.CLI},
		{"cli with metadata", `{"metadata": {"note": "x"}, "objects": []}`, definition.CLI},
		{"cli with unknown keys", `{"objects": [], "comment": "hi"}`, definition.CLI},
		{"cli with comments and a BOM", "\xef\xbb\xbf// c\n{\"objects\": [],}", definition.CLI},
		{"cli fields not a list", `{"objects": [{"id": "a", "fields": "x"}]}`, definition.CLI},
		{"api", `{"pipelineObjects": [{"id": "a", "name": "a", "fields": []}]}`, definition.API},
		{"api wins over objects", `{"objects": [], "pipelineObjects": []}`, definition.API},
		{"api with everything", `{"pipelineObjects": [], "parameterObjects": [], "parameterValues": []}`, definition.API},
		{"hybrid", `{"objects": [{"id": "a", "fields": [{"key": "k", "stringValue": "v"}]}]}`, definition.Hybrid},
		{"hybrid empty fields", `{"objects": [{"id": "a"}, {"id": "b", "fields": []}]}`, definition.Hybrid},
		{"hybrid by the last duplicate", `{"objects": 1, "objects": [{"fields": []}]}`, definition.Hybrid},
		{"companion parameters", `{"parameters": [{"id": "myP", "type": "String"}]}`, definition.Companion},
		{"companion values", `{"values": {"myP": "x"}}`, definition.Companion},
		{"companion both with metadata", `{"parameters": [], "values": {}, "metadata": {"a": 1}}`, definition.Companion},
		{"companion values not an object", `{"values": 1}`, definition.Companion},
		{"api companion parameterObjects", `{"parameterObjects": [{"id": "p", "attributes": []}]}`, definition.API},
		{"api companion parameterValues", `{"parameterValues": [{"id": "p", "stringValue": "x"}]}`, definition.API},
		{"api companion with metadata", `{"parameterObjects": [], "parameterValues": [], "metadata": {}}`, definition.API},
		{"mixed companion", `{"parameters": [], "parameterValues": []}`, definition.API},
		{"metadata only", `{"metadata": {}}`, definition.NotOurs},
		{"empty object", `{}`, definition.NotOurs},
		{"companion plus another key", `{"parameters": [], "name": "x"}`, definition.NotOurs},
		{"misspelt Objects", `{"Objects": []}`, definition.CLI},
		{"singular object list", `{"object": [{"id": "Default"}]}`, definition.CLI},
		{"a Stripe-like object name is not ours", `{"id": "cus_1", "object": "customer", "email": "a@example.com"}`, definition.NotOurs},
		{"misspelt key holding an object is not ours", `{"Objects": {"a": 1}}`, definition.NotOurs},
		{"misspelt object", `{"object": [{"id": "a"}]}`, definition.CLI},
		{"misspelt PipelineObjects", `{"PipelineObjects": []}`, definition.CLI},
		{"package.json", `{"name": "my-app", "version": "1.0.0", "scripts": {"test": "jest"}, "dependencies": {"left-pad": "^1.3.0"}}`, definition.NotOurs},
		{"top-level array", `[{"objects": []}]`, definition.NotOurs},
		{"top-level string", `"objects"`, definition.NotOurs},
		{"top-level number", `1`, definition.NotOurs},
		{"arm template", `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": {"name": {"type": "string"}}, "resources": []}`, definition.NotOurs},
		{"cloudformation", `{"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {}, "Resources": {}}`, definition.NotOurs},
		{"broken cli", `{"objects": [{"id": "Default",`, definition.CLI},
		{"broken cli single quotes", `{'objects': [{'id': 'Default'}]}`, definition.CLI},
		{"broken cli bare key", `{objects: []}`, definition.CLI},
		{"broken api", `{"pipelineObjects": [`, definition.CLI},
		{"broken api companion", `{"parameterValues": [,]}`, definition.CLI},
		{"broken package.json", `{"name": "my-app", "version": "1.0.0",`, definition.NotOurs},
		{"broken, objects only as a value", `{"name": "objects"`, definition.NotOurs},
		{"broken cli companion", `{"parameters": [`, definition.NotOurs},
		{"empty file", ``, definition.NotOurs},
		{"too deep", `{"objects": ` + strings.Repeat("[", 300), definition.CLI},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := definition.Detect(rdParse(tt.in)); got != tt.want {
				t.Errorf("Detect(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormString(t *testing.T) {
	for f, want := range map[definition.Form]string{
		definition.NotOurs: "not a definition", definition.CLI: "cli", definition.API: "api",
		definition.Hybrid: "objects-with-fields", definition.Companion: "companion",
	} {
		if got := f.String(); got != want {
			t.Errorf("Form(%d).String() = %q, want %q", f, got, want)
		}
	}
}

// rdValue renders a value for comparison: kind, text and where its node is.
func rdValue(v *definition.Value) string {
	kind := map[definition.ValueKind]string{definition.Str: "str", definition.Ref: "ref", definition.Invalid: "invalid"}[v.Kind]
	return fmt.Sprintf("%s %q @%d..%d in %d..%d", kind, v.Text, v.Node.Start, v.Node.End, v.Whole.Start, v.Whole.End)
}

type rdFieldRow struct {
	Key              string
	KeyStart, KeyEnd int
	Pointer          string
	List             bool
	Values           []string
}

func rdFields(fields []*definition.Field) []rdFieldRow {
	out := []rdFieldRow{}
	for _, f := range fields {
		row := rdFieldRow{Key: f.Key, KeyStart: f.KeyStart, KeyEnd: f.KeyEnd, Pointer: f.Pointer(), List: f.List, Values: []string{}}
		for _, v := range f.Values {
			row.Values = append(row.Values, rdValue(v))
		}
		out = append(out, row)
	}
	return out
}

// rdNode renders where a node is.
func rdNode(n *source.Node) string {
	if n == nil {
		return "nil"
	}
	return fmt.Sprintf("%s@%d..%d", n.Kind, n.Start, n.End)
}

func rdCompareFields(t *testing.T, what string, got []*definition.Field, want []rdFieldRow) {
	t.Helper()
	g := rdFields(got)
	if !reflect.DeepEqual(g, want) {
		t.Errorf("%s fields:\n got  %+v\n want %+v", what, g, want)
	}
}

func TestReadCLI(t *testing.T) {
	const in = `{
  "objects": [
    {"id": "Default", "name": "Default", "scheduleType": "ondemand"},
    {"id": "A", "type": "ShellCommandActivity", "runsOn": {"ref": "R"}, "command": "echo 1",
     "dependsOn": [{"ref": "B"}, {"ref": "C"}], "command": "echo 2", "n": 5,
     "tags": ["t", {"ref": "D"}, [1], null], "one": ["only"], "empty": []},
    {"id": "B"},
    {"name": "no id"},
    "not an object",
    {"id": 7, "name": true, "bad": {"ref": 1}, "two": {"ref": "x", "other": "y"}, "dupref": {"ref": "p", "ref": "q"}}
  ]
}`
	d := rdRead(t, in)
	if d.Form != definition.CLI || d.Name != "in.json" || d.File == nil {
		t.Fatalf("Form %v, Name %q", d.Form, d.Name)
	}
	if d.ObjectsKey == nil || d.ObjectsKey.Key != "objects" || d.ObjectsKey.KeyStart != rdAt(t, in, `"objects"`) {
		t.Errorf("ObjectsKey = %+v", d.ObjectsKey)
	}
	type objRow struct{ ID, Name, IDNode, NameNode, Node string }
	var objs []objRow
	for _, o := range d.Objects {
		objs = append(objs, objRow{o.ID, o.Name, rdNode(o.IDNode), rdNode(o.NameNode), rdNode(o.Node)})
	}
	str := func(sub string) string { // the node of a string literal
		i := rdAt(t, in, sub)
		return fmt.Sprintf("string@%d..%d", i, i+len(sub))
	}
	objAt := func(sub string, closing string) string {
		i := rdAt(t, in, sub)
		j := strings.Index(in[i:], closing) + len(closing)
		return fmt.Sprintf("object@%d..%d", i, i+j)
	}
	wantObjs := []objRow{
		{"Default", "Default", "string@" + fmt.Sprint(rdAt(t, in, `"Default", "name"`)) + ".." + fmt.Sprint(rdAt(t, in, `"Default", "name"`)+9),
			"string@" + fmt.Sprint(rdAt(t, in, `"Default", "sched`)) + ".." + fmt.Sprint(rdAt(t, in, `"Default", "sched`)+9),
			objAt(`{"id": "Default"`, `"ondemand"}`)},
		{"A", "A", str(`"A"`), "nil", objAt(`{"id": "A"`, `"empty": []}`)},
		{"B", "B", fmt.Sprintf("string@%d..%d", rdAt(t, in, `{"id": "B"}`)+7, rdAt(t, in, `{"id": "B"}`)+10), "nil", objAt(`{"id": "B"}`, `}`)},
		{"", "no id", "nil", str(`"no id"`), objAt(`{"name": "no id"}`, `}`)},
		{"", "", "number@" + fmt.Sprint(rdAt(t, in, `7`)) + ".." + fmt.Sprint(rdAt(t, in, `7`)+1),
			"boolean@" + fmt.Sprint(rdAt(t, in, `true`)) + ".." + fmt.Sprint(rdAt(t, in, `true`)+4),
			objAt(`{"id": 7`, `"q"}}`)},
	}
	if !reflect.DeepEqual(objs, wantObjs) {
		t.Fatalf("objects:\n got  %+v\n want %+v", objs, wantObjs)
	}

	rdCompareFields(t, "Default", d.Objects[0].Fields, []rdFieldRow{
		{"scheduleType", rdAt(t, in, `"scheduleType"`), rdAt(t, in, `"scheduleType"`) + 14, "/objects/0/scheduleType", false,
			[]string{fmt.Sprintf(`str "ondemand" @%d..%d in %[1]d..%[2]d`, rdAt(t, in, `"ondemand"`), rdAt(t, in, `"ondemand"`)+10)}},
	})

	at := func(sub string) int { return rdAt(t, in, sub) }
	span := func(sub string) (int, int) { i := at(sub); return i, i + len(sub) }
	sv := func(sub string) string { // a string value
		s, e := span(sub)
		return fmt.Sprintf("str %q @%d..%d in %d..%d", strings.Trim(sub, `"`), s, e, s, e)
	}
	ref := func(whole, id string) string { // a {"ref": id} value
		ws, we := span(whole)
		is := ws + strings.Index(whole, id)
		return fmt.Sprintf("ref %q @%d..%d in %d..%d", strings.Trim(id, `"`), is, is+len(id), ws, we)
	}
	invalid := func(sub string) string {
		s, e := span(sub)
		return fmt.Sprintf(`invalid "" @%d..%d in %d..%d`, s, e, s, e)
	}
	row := func(k string, ptr string, list bool, values ...string) rdFieldRow {
		ks, ke := span(k)
		if values == nil {
			values = []string{}
		}
		return rdFieldRow{strings.Trim(k, `":, `), ks, ke, ptr, list, values}
	}
	rdCompareFields(t, "A", d.Objects[1].Fields, []rdFieldRow{
		row(`"type"`, "/objects/1/type", false, sv(`"ShellCommandActivity"`)),
		row(`"runsOn"`, "/objects/1/runsOn", false, ref(`{"ref": "R"}`, `"R"`)),
		// Order of first appearance; the last value and its key win.
		{"command", at(`"command": "echo 2"`), at(`"command": "echo 2"`) + 9, "/objects/1/command", false, []string{sv(`"echo 2"`)}},
		row(`"dependsOn"`, "/objects/1/dependsOn", true, ref(`{"ref": "B"}`, `"B"`), ref(`{"ref": "C"}`, `"C"`)),
		row(`"n"`, "/objects/1/n", false, invalid(`5`)),
		row(`"tags"`, "/objects/1/tags", true, sv(`"t"`), ref(`{"ref": "D"}`, `"D"`), invalid(`[1]`), invalid(`null`)),
		row(`"one"`, "/objects/1/one", true, sv(`"only"`)),
		row(`"empty"`, "/objects/1/empty", true),
	})
	if got := d.Objects[1].Type(); got != "ShellCommandActivity" {
		t.Errorf("Type() = %q", got)
	}
	if d.Objects[1].Field("command") == nil || d.Objects[1].Field("id") != nil || d.Objects[1].Field("name") != nil {
		t.Error("Field: id and name are not fields; command is")
	}
	if d.Objects[1].Anchor() != d.Objects[1].IDNode || d.Objects[3].Anchor() != d.Objects[3].Node {
		t.Error("Anchor: the id, else the object")
	}
	if len(d.Objects[2].Fields) != 0 || d.Objects[2].Type() != "" {
		t.Errorf("B: fields %v", rdFields(d.Objects[2].Fields))
	}

	// Values of the wrong shape are kept as Invalid.
	bs, be := span(`{"ref": 1}`)
	ts, te := span(`{"ref": "x", "other": "y"}`)
	ds, de := span(`{"ref": "p", "ref": "q"}`)
	rdCompareFields(t, "7", d.Objects[4].Fields, []rdFieldRow{
		// A ref whose id is not a string: the id node is the place.
		row(`"bad"`, "/objects/5/bad", false, fmt.Sprintf(`invalid "" @%d..%d in %d..%d`, be-2, be-1, bs, be)),
		// An object with more than "ref" is not a reference.
		row(`"two"`, "/objects/5/two", false, fmt.Sprintf(`invalid "" @%d..%d in %d..%d`, ts, te, ts, te)),
		// A repeated "ref" key is still only "ref": the last one wins.
		row(`"dupref"`, "/objects/5/dupref", false, fmt.Sprintf(`ref "q" @%d..%d in %d..%d`, de-4, de-1, ds, de)),
	})
	if len(d.Parameters) != 0 || len(d.Values) != 0 {
		t.Errorf("parameters %d values %d", len(d.Parameters), len(d.Values))
	}
}

type rdParamValueRow struct {
	ID               string
	KeyStart, KeyEnd int
	IDNode           string
	Value            string
}

func rdParamValues(vals []*definition.ParamValue) []rdParamValueRow {
	out := []rdParamValueRow{}
	for _, v := range vals {
		out = append(out, rdParamValueRow{v.ID, v.KeyStart, v.KeyEnd, rdNode(v.IDNode), rdValue(v.Value)})
	}
	return out
}

func TestReadCLIParametersAndValues(t *testing.T) {
	const in = `{
  "objects": [],
  "parameters": [
    {"id": "myP", "type": "String", "description": "d", "default": ["a", "b"], "type": "Integer"},
    3,
    {"type": "String"}
  ],
  "values": {"myP": "v", "myList": ["x", "y"], "bad": 1, "myP": "w", "none": []}
}`
	d := rdRead(t, in)
	at := func(sub string) int { return rdAt(t, in, sub) }
	span := func(sub string) (int, int) { i := at(sub); return i, i + len(sub) }
	sv := func(sub string) string {
		s, e := span(sub)
		return fmt.Sprintf("str %q @%d..%d in %d..%d", strings.Trim(sub, `"`), s, e, s, e)
	}
	if len(d.Parameters) != 2 {
		t.Fatalf("%d parameters, want 2 (the number is left out)", len(d.Parameters))
	}
	p := d.Parameters[0]
	if p.ID != "myP" || p.IDNode == nil || p.IDNode.Start != at(`"myP", "type"`) || p.Node.Start != at(`{"id": "myP"`) {
		t.Errorf("parameter 0: %q %s %s", p.ID, rdNode(p.IDNode), rdNode(p.Node))
	}
	ks := at(`"type": "Integer"`)
	ds, de := span(`"description"`)
	fs, fe := span(`"default"`)
	rdCompareFields(t, "myP", p.Attributes, []rdFieldRow{
		{"type", ks, ks + 6, "/parameters/0/type", false, []string{sv(`"Integer"`)}},
		{"description", ds, de, "/parameters/0/description", false, []string{sv(`"d"`)}},
		{"default", fs, fe, "/parameters/0/default", true, []string{sv(`"a"`), sv(`"b"`)}},
	})
	if q := d.Parameters[1]; q.ID != "" || q.IDNode != nil || len(q.Attributes) != 1 {
		t.Errorf("parameter without id: %+v", q)
	}

	vrow := func(id, keySub, value string) rdParamValueRow {
		s, e := span(keySub)
		return rdParamValueRow{id, s, e, "nil", value}
	}
	ms := at(`"myP": "w"`)
	one := at(`1, "myP"`)
	want := []rdParamValueRow{
		// A repeated key: the last value, at the last key, in the first place.
		{"myP", ms, ms + 5, "nil", sv(`"w"`)},
		vrow("myList", `"myList"`, sv(`"x"`)),
		vrow("myList", `"myList"`, sv(`"y"`)),
		vrow("bad", `"bad"`, fmt.Sprintf(`invalid "" @%d..%d in %d..%d`, one, one+1, one, one+1)),
	}
	if got := rdParamValues(d.Values); !reflect.DeepEqual(got, want) {
		t.Errorf("values:\n got  %+v\n want %+v", got, want)
	}
}

func TestReadAPI(t *testing.T) {
	const in = `{
  "pipelineObjects": [
    {"id": "Default", "name": "Default", "fields": [
      {"key": "scheduleType", "stringValue": "cron"},
      {"key": "schedule", "refValue": "S"},
      {"key": "tag", "stringValue": "a"},
      {"key": "scheduleType", "stringValue": "ondemand"},
      {"key": "tag", "refValue": "T"},
      {"key": "both", "stringValue": "s", "refValue": "r"},
      {"key": "neither"},
      {"key": "num", "stringValue": 5},
      {"key": 3, "stringValue": "skipped"},
      "skipped too",
      {"key": "badref", "refValue": 9}
    ]},
    {"id": "NoName", "fields": []},
    {"id": "NoFields"},
    []
  ],
  "parameterObjects": [
    {"id": "p1", "attributes": [
      {"key": "type", "stringValue": "String"},
      {"key": "allowedValues", "stringValue": "x"},
      {"key": "allowedValues", "stringValue": "y"}
    ]},
    {"id": "p2", "type": "String"}
  ],
  "parameterValues": [
    {"id": "p1", "stringValue": "v1"},
    {"id": "p1", "stringValue": "v2"},
    {"stringValue": "no id"},
    {"id": "p2"},
    5
  ]
}`
	d := rdRead(t, in)
	if d.Form != definition.API {
		t.Fatalf("Form = %v", d.Form)
	}
	if d.ObjectsKey == nil || d.ObjectsKey.Key != "pipelineObjects" {
		t.Errorf("ObjectsKey = %+v", d.ObjectsKey)
	}
	var ids []string
	for _, o := range d.Objects {
		ids = append(ids, o.ID+"/"+o.Name)
	}
	if !reflect.DeepEqual(ids, []string{"Default/Default", "NoName/NoName", "NoFields/NoFields"}) {
		t.Errorf("objects = %q", ids)
	}
	at := func(sub string) int { return rdAt(t, in, sub) }
	span := func(sub string) (int, int) { i := at(sub); return i, i + len(sub) }
	entry := func(sub string) (int, int) { // the {...} field entry holding sub
		i := at(sub)
		s := strings.LastIndex(in[:i], "{")
		return s, i + strings.Index(in[i:], "}") + 1
	}
	sv := func(lit, in_ string) string { // stringValue lit inside the entry holding in_
		ws, we := entry(in_)
		s := ws + strings.Index(in[ws:we], lit)
		return fmt.Sprintf("str %q @%d..%d in %d..%d", strings.Trim(lit, `"`), s, s+len(lit), ws, we)
	}
	ref := func(lit, in_ string) string {
		ws, we := entry(in_)
		s := ws + strings.Index(in[ws:we], lit)
		return fmt.Sprintf("ref %q @%d..%d in %d..%d", strings.Trim(lit, `"`), s, s+len(lit), ws, we)
	}
	whole := func(in_ string) string {
		ws, we := entry(in_)
		return fmt.Sprintf(`invalid "" @%d..%d in %d..%d`, ws, we, ws, we)
	}
	keyOf := func(in_ string) (int, int) { // the "key" string of the entry holding in_
		ws, we := entry(in_)
		s := ws + strings.Index(in[ws:we], `": "`) + 3
		e := s + strings.Index(in[s+1:], `"`) + 2
		return s, e
	}
	row := func(k, first, ptr string, list bool, values ...string) rdFieldRow {
		ks, ke := keyOf(first)
		return rdFieldRow{k, ks, ke, ptr, list, values}
	}
	ns, ne := span(`5}`)
	rdCompareFields(t, "Default", d.Objects[0].Fields, []rdFieldRow{
		// Repeated keys are gathered at the first, each value keeping its own place.
		row("scheduleType", `"cron"`, "/pipelineObjects/0/fields/0", true, sv(`"cron"`, `"cron"`), sv(`"ondemand"`, `"ondemand"`)),
		row("schedule", `"S"`, "/pipelineObjects/0/fields/1", false, ref(`"S"`, `"S"`)),
		row("tag", `"a"`, "/pipelineObjects/0/fields/2", true, sv(`"a"`, `"a"`), ref(`"T"`, `"T"`)),
		row("both", `"both"`, "/pipelineObjects/0/fields/5", false, whole(`"both"`)),
		row("neither", `"neither"`, "/pipelineObjects/0/fields/6", false, whole(`"neither"`)),
		row("num", `"num"`, "/pipelineObjects/0/fields/7", false, fmt.Sprintf(`invalid "" @%d..%d in %d..%d`, ns, ne-1, at(`{"key": "num"`), ne)),
		row("badref", `"badref"`, "/pipelineObjects/0/fields/10", false, whole(`"badref"`)),
	})
	if got := d.Objects[0].Type(); got != "" {
		t.Errorf("Type() = %q", got)
	}
	if len(d.Objects[1].Fields) != 0 || len(d.Objects[2].Fields) != 0 {
		t.Error("objects without fields")
	}

	if len(d.Parameters) != 2 {
		t.Fatalf("%d parameters", len(d.Parameters))
	}
	rdCompareFields(t, "p1", d.Parameters[0].Attributes, []rdFieldRow{
		row("type", `"type", "stringValue"`, "/parameterObjects/0/attributes/0", false, sv(`"String"`, `"type", "stringValue"`)),
		row("allowedValues", `"x"`, "/parameterObjects/0/attributes/1", true, sv(`"x"`, `"x"`), sv(`"y"`, `"y"`)),
	})
	// API parameters take their attributes from "attributes" only.
	if p := d.Parameters[1]; p.ID != "p2" || len(p.Attributes) != 0 {
		t.Errorf("p2: %q %d attributes", p.ID, len(p.Attributes))
	}

	v1s, v1e := span(`"p1", "stringValue": "v1"`)
	v2s, v2e := span(`"p1", "stringValue": "v2"`)
	nid := at(`{"stringValue": "no id"}`)
	p2s, p2e := span(`"p2"}`)
	p2whole := at(`{"id": "p2"}`)
	entryOf := func(s int) (int, int) { // the {...} entry around offset s
		start := strings.LastIndex(in[:s], "{")
		return start, s + strings.Index(in[s:], "}") + 1
	}
	e1s, e1e := entryOf(v1s)
	e2s, e2e := entryOf(v2s)
	_, nide := entryOf(nid + 1)
	want := []rdParamValueRow{
		// The value's Whole is the whole {id, stringValue} entry, as in
		// the API form's fields.
		{"p1", v1s, v1s + 4, fmt.Sprintf("string@%d..%d", v1s, v1s+4), fmt.Sprintf(`str "v1" @%d..%d in %d..%d`, v1e-4, v1e, e1s, e1e)},
		{"p1", v2s, v2s + 4, fmt.Sprintf("string@%d..%d", v2s, v2s+4), fmt.Sprintf(`str "v2" @%d..%d in %d..%d`, v2e-4, v2e, e2s, e2e)},
		// No id: the place is the entry's opening brace.
		{"", nid, nid + 1, "nil", fmt.Sprintf(`str "no id" @%d..%d in %d..%d`, nid+16, nid+23, nid, nide)},
		// No stringValue: the whole entry is the invalid value.
		{"p2", p2s, p2e - 1, fmt.Sprintf("string@%d..%d", p2s, p2e-1), fmt.Sprintf(`invalid "" @%d..%d in %[1]d..%[2]d`, p2whole, p2e)},
	}
	if got := rdParamValues(d.Values); !reflect.DeepEqual(got, want) {
		t.Errorf("values:\n got  %+v\n want %+v", got, want)
	}
}

func TestReadHybridAndCompanions(t *testing.T) {
	t.Run("hybrid", func(t *testing.T) {
		const in = `{"objects": [{"id": "A", "fields": [{"key": "k", "stringValue": "v"}, {"key": "k", "refValue": "B"}]}, {"id": "B", "x": "cli style"}],
 "parameters": [{"id": "p", "attributes": [{"key": "type", "stringValue": "String"}]}],
 "parameterValues": [{"id": "p", "stringValue": "x"}]}`
		d := rdRead(t, in)
		if d.Form != definition.Hybrid || d.ObjectsKey == nil || d.ObjectsKey.Key != "objects" {
			t.Fatalf("Form %v ObjectsKey %+v", d.Form, d.ObjectsKey)
		}
		if len(d.Objects) != 2 || d.Objects[0].ID != "A" || len(d.Objects[0].Fields) != 1 || len(d.Objects[0].Fields[0].Values) != 2 ||
			!d.Objects[0].Fields[0].List || d.Objects[0].Fields[0].Values[1].Kind != definition.Ref {
			t.Errorf("objects: %+v", d.Objects)
		}
		// Entries are read API-style: CLI-style keys are not fields.
		if len(d.Objects[1].Fields) != 0 {
			t.Errorf("B has fields %v", rdFields(d.Objects[1].Fields))
		}
		if len(d.Parameters) != 1 || d.Parameters[0].ID != "p" || len(d.Parameters[0].Attributes) != 1 || d.Parameters[0].Attributes[0].Key != "type" {
			t.Errorf("parameters: %+v", d.Parameters)
		}
		if len(d.Values) != 1 || d.Values[0].ID != "p" || d.Values[0].Value.Text != "x" {
			t.Errorf("values: %+v", rdParamValues(d.Values))
		}
	})
	t.Run("cli companion", func(t *testing.T) {
		const in = `{"parameters": [{"id": "p", "type": "String"}], "values": {"p": "x", "q": ["1", "2"]}, "metadata": {}}`
		d := rdRead(t, in)
		if d.Form != definition.Companion || d.ObjectsKey != nil || len(d.Objects) != 0 {
			t.Fatalf("Form %v ObjectsKey %+v objects %d", d.Form, d.ObjectsKey, len(d.Objects))
		}
		if len(d.Parameters) != 1 || d.Parameters[0].ID != "p" || len(d.Parameters[0].Attributes) != 1 {
			t.Errorf("parameters: %+v", d.Parameters)
		}
		var vals []string
		for _, v := range d.Values {
			vals = append(vals, v.ID+"="+v.Value.Text)
		}
		if !reflect.DeepEqual(vals, []string{"p=x", "q=1", "q=2"}) {
			t.Errorf("values = %q", vals)
		}
	})
	t.Run("values only", func(t *testing.T) {
		d := rdRead(t, `{"values": {"a": "1", "b": "2", "a": "3"}}`)
		var vals []string
		for _, v := range d.Values {
			vals = append(vals, v.ID+"="+v.Value.Text)
		}
		if d.Form != definition.Companion || !reflect.DeepEqual(vals, []string{"a=3", "b=2"}) {
			t.Errorf("Form %v values %q", d.Form, vals)
		}
	})
	t.Run("api companion", func(t *testing.T) {
		d := rdRead(t, `{"parameterObjects": [{"id": "p", "attributes": [{"key": "type", "stringValue": "String"}]}], "parameterValues": [{"id": "p", "stringValue": "x"}]}`)
		if d.Form != definition.API || d.ObjectsKey != nil || len(d.Objects) != 0 || len(d.Parameters) != 1 || len(d.Values) != 1 || d.Values[0].Value.Text != "x" {
			t.Errorf("Form %v objects %d parameters %d values %v", d.Form, len(d.Objects), len(d.Parameters), rdParamValues(d.Values))
		}
	})
	t.Run("not ours", func(t *testing.T) {
		d := rdRead(t, `{"name": "my-app", "objects2": [{"id": "x"}]}`)
		if d.Form != definition.NotOurs || len(d.Objects) != 0 || d.ObjectsKey != nil {
			t.Errorf("Form %v objects %d", d.Form, len(d.Objects))
		}
	})
	t.Run("broken", func(t *testing.T) {
		d := definition.Read("in.json", rdParse(`{"objects": [{"id": "A"`))
		if d.Form != definition.CLI || len(d.Objects) != 0 || d.ObjectsKey != nil || d.File == nil {
			t.Errorf("Form %v objects %d", d.Form, len(d.Objects))
		}
	})
	t.Run("misspelt", func(t *testing.T) {
		d := rdRead(t, `{"Objects": [{"id": "A"}]}`)
		if d.Form != definition.CLI || len(d.Objects) != 0 || d.ObjectsKey != nil {
			t.Errorf("Form %v objects %d", d.Form, len(d.Objects))
		}
	})
}
