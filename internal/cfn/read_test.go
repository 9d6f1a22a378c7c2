package cfn

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/source"
)

// template wraps pipeline objects (YAML, indented for PipelineObjects) in
// a template with one pipeline, Nightly, and the given parameters.
func template(params, objects string) string {
	return "Parameters:\n" + params + `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Nightly:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
      PipelineObjects:
` + objects
}

func readOne(t *testing.T, text string) (*definition.Definition, []byte) {
	t.Helper()
	data := []byte(text)
	defs, ours := Read("t.yaml", data, nil)
	if !ours || len(defs) != 1 {
		t.Fatalf("ours %v, %d definitions; want one", ours, len(defs))
	}
	return defs[0], data
}

// value returns the first value of field key on object id.
func value(t *testing.T, d *definition.Definition, id, key string) *definition.Value {
	t.Helper()
	for _, o := range d.Objects {
		if o.ID == id {
			if f := o.Field(key); f != nil && len(f.Values) > 0 {
				return f.Values[0]
			}
		}
	}
	t.Fatalf("no %s.%s", id, key)
	return nil
}

func TestValuesAndPositions(t *testing.T) {
	d, data := readOne(t, template("  Env: {Type: String, Default: prod}\n  Secret: {Type: String, Default: hunter2, NoEcho: true}\n  Free: {Type: String}\n", `        - Id: Default
          Name: Default
          Fields:
            - Key: plain
              StringValue: s3://b/#{format(@scheduledStartTime,'YYYY')}
            - Key: dq
              StringValue: "a b"
            - Key: escaped
              StringValue: "tab\there"
            - Key: sq
              StringValue: 'it''s'
            - Key: block
              StringValue: |
                line one
                line two
            - Key: ref
              StringValue: !Ref Env
            - Key: sub
              StringValue: !Sub "s3://${Env}-${AWS::Region}/${!Literal}"
            - Key: subvars
              StringValue: !Sub ["${A}/${Env}", {A: x}]
            - Key: join
              StringValue: {"Fn::Join": ["-", [a, !Ref Env]]}
            - Key: secret
              StringValue: !Ref Secret
            - Key: free
              StringValue: !Ref Free
            - Key: att
              StringValue: !GetAtt Bucket.Arn
            - Key: link
              RefValue: Other
`))
	src := func(v *definition.Value) string { return string(data[v.Node.Start:v.Node.End]) }
	for _, c := range []struct {
		key, text, src, unknown string
		m                       source.TextMap
	}{
		{"plain", "s3://b/#{format(@scheduledStartTime,'YYYY')}", "s3://b/#{format(@scheduledStartTime,'YYYY')}", "", source.VerbatimText},
		{"dq", "a b", `"a b"`, "", source.VerbatimText},
		{"escaped", "tab\there", `"tab\there"`, "", source.OpaqueText},
		{"sq", "it's", `'it''s'`, "", source.OpaqueText},
		{"block", "line one\nline two\n", "|\n                line one\n                line two", "", source.OpaqueText},
		{"ref", "prod", "!Ref Env", "", source.OpaqueText},
		{"sub", "s3://prod-us-east-1/${Literal}", `!Sub "s3://${Env}-${AWS::Region}/${!Literal}"`, "", source.OpaqueText},
		{"subvars", "x/prod", `!Sub ["${A}/${Env}", {A: x}]`, "", source.OpaqueText},
		{"join", "a-prod", `{"Fn::Join": ["-", [a, !Ref Env]]}`, "", source.OpaqueText},
		{"secret", "hunter2", "!Ref Secret", "", source.OpaqueText},
		{"free", "${Free}", "!Ref Free", "!Ref Free", source.OpaqueText},
		{"att", "${!GetAtt Bucket.Arn}", "!GetAtt Bucket.Arn", "!GetAtt Bucket.Arn", source.OpaqueText},
	} {
		v := value(t, d, "Default", c.key)
		if v.Kind != definition.Str || v.Text != c.text || src(v) != c.src || v.Unknown != c.unknown || v.Node.Map != c.m {
			t.Errorf("%s: kind %d text %q src %q unknown %q map %d; want %q %q %q %d", c.key, v.Kind, v.Text, src(v), v.Unknown, v.Node.Map, c.text, c.src, c.unknown, c.m)
		}
	}
	// A verbatim scalar maps every byte: the expression's name is found.
	v := value(t, d, "Default", "plain")
	m := source.StringOffsets(data, v.Node)
	i := strings.Index(v.Text, "format")
	if got := string(data[m[i]:m[i+len("format")]]); got != "format" {
		t.Errorf("offsets map %q", got)
	}
	if r := value(t, d, "Default", "link"); r.Kind != definition.Ref || r.Text != "Other" {
		t.Errorf("RefValue: %+v", r)
	}
	// Resolved values say how; a NoEcho default is never shown.
	notes := map[string]string{}
	for _, r := range d.Embedded.Resolved {
		notes[string(data[r.Start:r.End])] = r.Note + " | " + r.Written
	}
	for src, want := range map[string]string{
		"!Ref Env":    "value worked out from parameter Env's Default 'prod' | ${Env}",
		"!Ref Secret": "value worked out from parameter Secret's Default | ${Secret}",
		`!Sub "s3://${Env}-${AWS::Region}/${!Literal}"`: "value worked out from parameter Env's Default 'prod', AWS::Region taken as 'us-east-1' | s3://${Env}-${AWS::Region}/${!Literal}",
	} {
		if notes[src] != want {
			t.Errorf("note for %s: %q, want %q", src, notes[src], want)
		}
	}
	// Pointers lead back into the template.
	if p := d.Embedded.Origins[value(t, d, "Default", "dq").Node].Pointer(); p != "/Resources/Nightly/Properties/PipelineObjects/0/Fields/1/StringValue" {
		t.Errorf("pointer %q", p)
	}
	// AsWritten puts the placeholders back for translation.
	d.AsWritten()
	if v := value(t, d, "Default", "ref"); v.Text != "${Env}" {
		t.Errorf("as written: %q", v.Text)
	}
	if len(d.Embedded.Problems) != 0 || d.Embedded.Incomplete {
		t.Errorf("problems %+v, incomplete %v", d.Embedded.Problems, d.Embedded.Incomplete)
	}
}

func TestProblems(t *testing.T) {
	d, data := readOne(t, template("", `        - Id: Default
          Name: Default
          Fields:
            - Key: retries
              StringValue: 3
            - {Key: x, tringValue: y}
            - {Key: both, StringValue: a, RefValue: b}
            - {Key: none}
            - Key: r
              RefValue: !ImportValue Shared
            - Key: unknown
              StringValue: !Ref Nowhere
            - Key: comment
              StringValue: #{myParam}
        - Id: NoName
          Fields: []
        - !If [Cond, {Id: X, Name: X, Fields: []}, !Ref "AWS::NoValue"]
        - just a string
      Activate: maybe
      PipelineTags: [{Key: k}]
`))
	var got []string
	for _, p := range d.Embedded.Problems {
		got = append(got, fmt.Sprintf("%s %s %q %s", p.Rule, p.Object, data[p.Start:p.End], p.Message))
	}
	want := []string{
		`DP9005  "maybe" 'Activate' must be true or false; found 'maybe'`,
		`DP9002  "Key" the tag has no 'Value'; CloudFormation requires it`,
		`DP9006  "!If [Cond, {Id: X, Name: X, Fields: []}, !Ref \"AWS::NoValue\"]" an entry of PipelineObjects is !If, known only at deploy time: not checked`,
		`DP9003 Default "3" 'StringValue' is a YAML number (3); CloudFormation wants a string: quote it`,
		`DP9002 Default "tringValue" unknown property 'tringValue' in a field (did you mean 'StringValue'?)`,
		`DP9002 Default "RefValue" a field has both 'StringValue' and 'RefValue'; give one`,
		`DP9002 Default "Key" the field has neither 'StringValue' nor 'RefValue'`,
		`DP9004 Default "!ImportValue Shared" 'RefValue' is !ImportValue Shared, known only at deploy time; a reference names an object id of this pipeline, which dplint cannot check`,
		`DP9002 Default "#{myParam}" 'StringValue' is empty: in YAML a '#' after a space starts a comment, so #{...} must be quoted`,
		`DP9002 NoName "Id" pipeline object 'NoName' has no 'Name'; CloudFormation requires it`,
		`DP9002  "just a string" a PipelineObjects entry must be a mapping; found a string`,
		`DP9007  "!Ref Nowhere" !Ref Nowhere names no parameter or resource of this template`,
		`DP9007  "!If [Cond, {Id: X, Name: X, Fields: []}, !Ref \"AWS::NoValue\"]" !If names condition 'Cond', which is not in the template's Conditions`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !d.Embedded.Incomplete {
		t.Error("an !If entry and an unknown RefValue leave the pipeline incomplete")
	}
	// The quote fix keeps the text; the name of NoName defaults to its id.
	for _, p := range d.Embedded.Problems {
		if p.Rule == RuleStringType && (p.Fix == nil || p.Fix.NewText != `"3"`) {
			t.Errorf("fix %+v", p.Fix)
		}
	}
	if len(d.Objects) != 2 || d.Objects[1].Name != "NoName" {
		t.Errorf("objects %d, second named %q", len(d.Objects), d.Objects[len(d.Objects)-1].Name)
	}
}

func TestNotOurs(t *testing.T) {
	for name, text := range map[string]string{
		"workflow":     "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n",
		"other stack":  "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
		"broken other": "a: [1,\nb: c\n",
		"scalar":       "just text\n",
		"empty":        "",
		"resources":    "Resources: [1, 2]\n",
	} {
		if defs, ours := Read(name+".yaml", []byte(text), nil); ours || defs != nil {
			t.Errorf("%s: ours %v", name, ours)
		}
	}
}

func TestUnreadable(t *testing.T) {
	data := []byte("Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: {Name: [x\n")
	defs, ours := Read("b.yaml", data, nil)
	if !ours || len(defs) != 1 || len(defs[0].Embedded.Problems) != 1 || defs[0].Embedded.Problems[0].Rule != RuleUnreadable {
		t.Fatalf("ours %v defs %d", ours, len(defs))
	}
	p := defs[0].Embedded.Problems[0]
	if !strings.HasPrefix(p.Message, "the template cannot be read as YAML: ") || p.End < p.Start || p.End > len(data) {
		t.Errorf("%+v", p)
	}
}

func TestJSONTemplate(t *testing.T) {
	data := []byte(`{"Resources": {
  "A": {"Type": "AWS::DataPipeline::Pipeline", "Properties": {"Name": "a", "PipelineObjects": [
    {"Id": "Default", "Name": "Default", "Fields": [{"Key": "x", "StringValue": 5},]}]}},
  "B": {"Type": "AWS::DataPipeline::Pipeline", "Properties": {"Name": "b", "PipelineObjects": []}}
}, "Outputs": {},}`)
	sf := source.Parse("t.json", data)
	defs, ours := Read("t.json", data, sf)
	if !ours || len(defs) != 2 || defs[0].Name != "t.json#A" || defs[1].Name != "t.json#B" {
		t.Fatalf("ours %v, %d definitions", ours, len(defs))
	}
	// Each JSON problem goes with the pipeline it sits in, the rest with the first.
	if n := len(defs[0].File.Problems); n != 2 || len(defs[1].File.Problems) != 0 {
		t.Errorf("problems: %d and %d, want 2 and 0", n, len(defs[1].File.Problems))
	}
	p := defs[0].Embedded.Problems
	if len(p) != 1 || p[0].Rule != RuleStringType || !strings.Contains(p[0].Message, "a JSON number (5)") {
		t.Errorf("%+v", p)
	}
	// Broken JSON naming the type is ours, for the syntax rules.
	broken := []byte(`{"Resources": {"A": {"Type": "AWS::DataPipeline::Pipeline"`)
	if defs, ours := Read("b.json", broken, source.Parse("b.json", broken)); !ours || len(defs) != 1 || defs[0].File.Root != nil {
		t.Errorf("broken JSON: ours %v", ours)
	}
}

func TestAliasesAreBounded(t *testing.T) {
	// Each level doubles the tree: 2^30 values if expanded without a bound.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x]\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d]\n", i, i, i-1, i-1)
	}
	b.WriteString("Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: {Name: x, PipelineObjects: *a30}\n")
	defs, ours := Read("bomb.yaml", []byte(b.String()), nil)
	if !ours || len(defs) != 1 || len(defs[0].Embedded.Problems) != 1 || defs[0].Embedded.Problems[0].Rule != RuleUnreadable {
		t.Fatalf("ours %v, %d definitions", ours, len(defs))
	}
	if !strings.Contains(defs[0].Embedded.Problems[0].Message, "expands to more than") {
		t.Errorf("%s", defs[0].Embedded.Problems[0].Message)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(template("  E: {Type: String, Default: x}\n", "        - {Id: A, Name: A, Fields: [{Key: k, StringValue: !Sub '${E}'}]}\n")))
	f.Add([]byte("Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: !If [c, {}, {}]\n"))
	f.Add([]byte(`{"Resources": {"P": {"Type": "AWS::DataPipeline::Pipeline", "Properties": {"PipelineObjects": [{"Id": {"Ref": "X"}}]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, parsed := range []*source.File{nil, source.Parse("f.json", data)} {
			defs, _ := Read("f.yaml", data, parsed)
			for _, d := range defs {
				if err := d.CheckRanges(data); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

// TestYAMLErrorLine: a syntax error is placed on the line at fault, where
// yaml.v3 itself names the line its enclosing collection starts on.
func TestYAMLErrorLine(t *testing.T) {
	head := "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      PipelineObjects:\n"
	for _, c := range []struct {
		name, text string
		line       int
		at         string
	}{
		{"misindented key", head + "        - Id: A\n          Name: A\n         Fields: []\n", 8, "Fields: []"},
		{"tab indentation", head + "        - Id: A\n\t  Name: A\n", 7, "Name: A"},
		{"deep in a long file", head + strings.Repeat("        - Id: A\n          Name: A\n", 300) + "       oops: 1\n", 606, "oops: 1"},
	} {
		data := []byte(c.text)
		defs, _ := Read("e.yaml", data, nil)
		if len(defs) != 1 || len(defs[0].Embedded.Problems) != 1 {
			t.Fatalf("%s: %d definitions", c.name, len(defs))
		}
		p := defs[0].Embedded.Problems[0]
		if got := defs[0].File.Position(p.Start).Line; got != c.line || string(data[p.Start:p.End]) != c.at {
			t.Errorf("%s: line %d %q, want line %d %q (%s)", c.name, got, data[p.Start:p.End], c.line, c.at, p.Message)
		}
	}
}

// TestSecretsNeverShown: the value of a *field, and of a masked parameter,
// stays out of messages and fixes.
func TestSecretsNeverShown(t *testing.T) {
	d, _ := readOne(t, template("  DbPass: {Type: String, Default: hunter2}\n", `        - Id: Db
          Name: Db
          Fields:
            - {Key: "*password", StringValue: 123456}
            - {Key: "*token", StringValue: !Sub "${DbPass}"}
      ParameterObjects:
        - Id: "*myPin"
          Attributes:
            - {Key: default, StringValue: 4242}
      ParameterValues:
        - {Id: "*myPin", StringValue: 9999}
`))
	for _, p := range d.Embedded.Problems {
		for _, secret := range []string{"123456", "4242", "9999"} {
			if strings.Contains(p.Message, secret) || (p.Fix != nil && strings.Contains(p.Fix.NewText, secret)) {
				t.Errorf("%s shows a secret: %q %+v", p.Rule, p.Message, p.Fix)
			}
		}
	}
	for _, r := range d.Embedded.Resolved {
		if strings.Contains(r.Note, "hunter2") {
			t.Errorf("a note shows a secret: %q", r.Note)
		}
	}
	if n := len(d.Embedded.Problems); n != 3 {
		t.Errorf("%d problems, want the three numbers", n)
	}
}

// TestRefDefaultIsWhereAFixGoes: a value that is a !Ref to a parameter
// with a string Default records that Default (From), unless the parameter
// is NoEcho or another value takes the same Default.
func TestRefDefaultIsWhereAFixGoes(t *testing.T) {
	params := "  Mine:\n    Type: String\n    Default: Wroker\n" +
		"  Hidden:\n    Type: String\n    NoEcho: true\n    Default: Wroker\n" +
		"  Shared:\n    Type: String\n    Default: Wroker\n"
	objects := ""
	for _, p := range []string{"Mine", "Hidden", "Shared", "Shared"} {
		objects += fmt.Sprintf("        - Id: Uses%s%d\n          Name: x\n          Fields:\n            - Key: runsOn\n              RefValue: !Ref %s\n", p, len(objects), p)
	}
	d, data := readOne(t, template(params, objects))
	from := map[string]string{} // the !Ref's parameter -> what From holds
	for _, r := range d.Embedded.Resolved {
		ref := strings.TrimPrefix(string(data[r.Start:r.End]), "!Ref ")
		got := "nil"
		if r.From != nil {
			got = string(data[r.From.Start:r.From.End])
			if want := strings.Index(string(data), ref+":\n    Type: String\n    Default: Wroker") + len(ref+":\n    Type: String\n    Default: "); r.From.Start != want {
				t.Errorf("!Ref %s: From at %d, want the Default at %d", ref, r.From.Start, want)
			}
		}
		from[ref] += got + " "
	}
	if want := map[string]string{"Mine": "Wroker ", "Hidden": "nil ", "Shared": "nil nil "}; fmt.Sprint(from) != fmt.Sprint(want) {
		t.Errorf("From by parameter: %v, want %v", from, want)
	}
}
