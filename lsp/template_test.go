package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// stackYAML is a CloudFormation template with one pipeline: a worker, a
// shell activity that runs on it and greets with a parameter.
const stackYAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: team
          Value: data
  Pipeline:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
      ParameterObjects:
        - Id: myGreeting
          Attributes:
            - Key: type
              StringValue: String
      ParameterValues:
        - Id: myGreeting
          StringValue: hi
      PipelineObjects:
        - Id: Default
          Name: Default
          Fields:
            - Key: type
              StringValue: Default
            - Key: scheduleType
              StringValue: ondemand
            - Key: role
              StringValue: DataPipelineDefaultRole
            - Key: resourceRole
              StringValue: DataPipelineDefaultResourceRole
        - Id: Worker
          Name: Worker
          Fields:
            - Key: type
              StringValue: Ec2Resource
            - Key: terminateAfter
              StringValue: 1 Hour
        - Id: Hello
          Name: Hello
          Fields:
            - Key: type
              StringValue: ShellCommandActivity
            - Key: command
              StringValue: "echo #{myGreeting}"
            - Key: runsOn
              RefValue: Worker
`

// stackTF is the same pipeline in Terraform.
const stackTF = `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  tags = {
    key = "value"
  }
}

resource "aws_datapipeline_pipeline" "nightly" {
  name = "nightly"
}

resource "aws_datapipeline_pipeline_definition" "nightly" {
  pipeline_id = aws_datapipeline_pipeline.nightly.id

  parameter_object {
    id = "myGreeting"
    attribute {
      key          = "type"
      string_value = "String"
    }
  }

  parameter_value {
    id           = "myGreeting"
    string_value = "hi"
  }

  pipeline_object {
    id   = "Default"
    name = "Default"
    field {
      key          = "type"
      string_value = "Default"
    }
    field {
      key          = "scheduleType"
      string_value = "ondemand"
    }
    field {
      key          = "role"
      string_value = "DataPipelineDefaultRole"
    }
    field {
      key          = "resourceRole"
      string_value = "DataPipelineDefaultResourceRole"
    }
  }

  pipeline_object {
    id   = "Worker"
    name = "Worker"
    field {
      key          = "type"
      string_value = "Ec2Resource"
    }
    field {
      key          = "terminateAfter"
      string_value = "1 Hour"
    }
  }

  pipeline_object {
    id   = "Hello"
    name = "Hello"
    field {
      key          = "type"
      string_value = "ShellCommandActivity"
    }
    field {
      key          = "command"
      string_value = "echo #{myGreeting}"
    }
    field {
      key       = "runsOn"
      ref_value = "Worker"
    }
  }
}
`

// openFile starts a server on a workspace holding name with text, opens
// it and waits for its first diagnostics.
func openFile(t *testing.T, name, text string) (*client, protocol.DocumentURI) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, New(Options{Debounce: 10 * time.Millisecond}))
	c.initialize(dir, map[string]any{"initializationOptions": map[string]any{"runAt": "2026-03-01T10:00:00"}})
	u := protocol.DocumentURI(uri.File(path))
	c.open(u, text)
	c.waitDiags(u, 1)
	return c, u
}

// replaceText sends the whole new text as version and waits for its lint.
func replaceText(c *client, u protocol.DocumentURI, version int32, text string) protocol.PublishDiagnosticsParams {
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument": map[string]any{"uri": u, "version": version}, "contentChanges": []map[string]any{{"text": text}}})
	return c.waitDiags(u, version)
}

// completionCase asks for completion at needle+delta and checks labels;
// edit, when set, is what the item labelled editOf must write.
type completionCase struct {
	what, needle string
	delta        int
	want, not    []string
	editOf, edit string
}

func checkCompletions(t *testing.T, c *client, u protocol.DocumentURI, text string, cases []completionCase) {
	t.Helper()
	for _, tc := range cases {
		items := completeAt(t, c, u, pos(t, text, tc.needle, 0, tc.delta))
		got := labels(items)
		if len(tc.want) == 0 && len(got) != 0 {
			t.Errorf("completion of %s: %v, want none", tc.what, got)
		}
		for _, w := range tc.want {
			if !has(got, w) {
				t.Errorf("completion of %s: no %q in %v", tc.what, w, got)
			}
		}
		for _, w := range tc.not {
			if has(got, w) {
				t.Errorf("completion of %s offers %q", tc.what, w)
			}
		}
		if tc.editOf == "" {
			continue
		}
		for _, it := range items {
			if it.Label != tc.editOf {
				continue
			}
			if it.TextEdit == nil {
				t.Errorf("completion of %s: %s has no edit", tc.what, it.Label)
				continue
			}
			if got := applyEdits(t, text, []protocol.TextEdit{*it.TextEdit}); !strings.Contains(got, tc.edit) {
				t.Errorf("completion of %s: %s writes\n%s\nwant %q in it", tc.what, it.Label, got, tc.edit)
			}
		}
	}
}

// halfYAML is stackYAML with entries being typed: it no longer parses
// (an unclosed quote), and completion reads it as it is.
var halfYAML = strings.NewReplacer(
	`            - Key: runsOn
              RefValue: Worker
`, `            - Key: runsOn
              RefValue: Worker
            - Key: scr
        - Id: Guess
          Name: Guess
          Fields:
            - Key: type
              StringValue: Sh
        - Id: Spare
          Fields:
            - Key: type
              StringValue: Ec2Resource
        - Id: Copy
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - Key: runsOn
              RefValue: W
            - Key: stage
              StringValue: t
            - Key: maximumRetries
              StringValue: "3
            - Key: scriptArgument
              StringValue: "#{myG} #{node.@sch} #{fo
            - {Key: failureAndRerunMode, StringValue: CAS}
        - Id: Flow
          Fields: [{Key: type, StringValue: ShellCommandActivity}, {Key: runsOn, RefValue: Wo}, {Key: scriptU}]
        - Id: Broken
          Name: [half
`,
	`            - Key: type
              StringValue: String
`, `            - Key: type
              StringValue: String
            - Key: def
            - Key: optional
              StringValue: 
`,
	`        - Id: myGreeting
          StringValue: hi
`, `        - Id: myGreeting
          StringValue: hi
        - Id: my
`).Replace(stackYAML)

func TestCompletionInYAMLTemplate(t *testing.T) {
	c, u := openFile(t, "stack.yaml", stackYAML)
	diags := replaceText(c, u, 2, halfYAML)
	if !strings.Contains(codes(diags), "DP9001") {
		t.Fatalf("the half-typed template parses (%s): the test wants one that does not", codes(diags))
	}
	checkCompletions(t, c, u, halfYAML, []completionCase{
		{what: "a field Key", needle: "- Key: scr\n", delta: 10, want: []string{"scriptUri", "maximumRetries"}, not: []string{"command", "runsOn", "type", "id", "name"},
			editOf: "scriptUri", edit: "- Key: scriptUri\n"},
		{what: "a type", needle: "StringValue: Sh", delta: 15, want: []string{"ShellCommandActivity", "ShellCommandPrecondition"}},
		{what: "a RefValue", needle: "RefValue: W\n", delta: 11, want: []string{"Worker", "Spare"}, not: []string{"Hello", "Default", "Guess", "Copy"}, editOf: "Worker", edit: "RefValue: Worker\n            - Key: stage"},
		{what: "a boolean", needle: "StringValue: t\n", delta: 14, want: []string{"true", "false"}, editOf: "true", edit: `StringValue: "true"`},
		{what: "a field without values", needle: `StringValue: "3`, delta: 15},
		{what: "a function", needle: "#{fo", delta: 4, want: []string{"format", "minusDays"}},
		{what: "a parameter and @ fields", needle: "#{myG}", delta: 5, want: []string{"myGreeting", "@scheduledStartTime", "node."}, editOf: "myGreeting", edit: "#{myGreeting}"},
		{what: "a node. path", needle: "#{node.@sch}", delta: 11, want: []string{"@scheduledStartTime", "@actualStartTime"}},
		{what: "an enumeration in flow style", needle: "StringValue: CAS}", delta: 16, want: []string{"cascade", "none"}, editOf: "cascade", edit: "StringValue: cascade}"},
		{what: "a field Key in flow style", needle: "{Key: type, StringValue: Sh", delta: 8, want: []string{"type", "parent"}},
		{what: "a RefValue in a flow sequence", needle: "RefValue: Wo}", delta: 12, want: []string{"Worker"}, not: []string{"Hello", "Copy"}, editOf: "Worker", edit: "{Key: runsOn, RefValue: Worker}, {Key: scriptU}]"},
		{what: "a field Key in a flow sequence", needle: "{Key: scriptU}", delta: 13, want: []string{"scriptUri"}, not: []string{"runsOn", "type"}, editOf: "scriptUri", edit: "{Key: scriptUri}]"},
		{what: "a parameter attribute", needle: "- Key: def", delta: 10, want: []string{"default", "description"}, not: []string{"type", "id"}},
		{what: "a parameter attribute's value", needle: "- Key: optional\n              StringValue: ", delta: 43, want: []string{"true", "false"}},
		{what: "a parameter value's id", needle: "- Id: my\n", delta: 8, want: []string{"myGreeting"}},
		{what: "a tag of another resource", needle: "- Key: team", delta: 11},
		{what: "a key being typed", needle: "Name: Guess", delta: 3},
	})
	// Completion between the colon and the value, with nothing typed.
	bare := strings.Replace(stackYAML, "RefValue: Worker\n", "RefValue: Worker\n            - Key: type\n              StringValue:\n", 1)
	replaceText(c, u, 3, bare)
	checkCompletions(t, c, u, bare, []completionCase{
		{what: "a type after a bare colon", needle: "StringValue:\n", delta: 12, want: []string{"ShellCommandActivity"}, editOf: "ShellCommandActivity", edit: "StringValue: ShellCommandActivity\n"},
	})
}

func TestCompletionInTemplateThatIsNoPipeline(t *testing.T) {
	text := `Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      PipelineObjects:
        - Id: Default
          Fields:
            - Key: ty
`
	c, u := openFile(t, "bucket.yaml", text)
	checkCompletions(t, c, u, text, []completionCase{{what: "a look-alike in an S3 bucket", needle: "Key: ty", delta: 7}})
	tf := `resource "aws_s3_bucket" "logs" {
  pipeline_object {
    field {
      key = "ty"
    }
  }
}
`
	c, u = openFile(t, "bucket.tf", tf)
	checkCompletions(t, c, u, tf, []completionCase{{what: "a look-alike in a bucket resource", needle: `"ty"`, delta: 3}})
}

// halfTF is stackTF with blocks being typed: it does not parse.
var halfTF = strings.NewReplacer(
	`    field {
      key       = "runsOn"
      ref_value = "Worker"
    }
`, `    field {
      key       = "runsOn"
      ref_value = "Worker"
    }
    field {
      key = "scr
    }
  }
  pipeline_object {
    id = "Guess"
    field {
      key          = "type"
      string_value = Sh
    }
  }
  pipeline_object {
    id = "Spare"
    field {
      key          = "type"
      string_value = "Ec2Resource"
    }
  }
  pipeline_object {
    id = "Copy"
    field { key = "type", string_value = "ShellCommandActivity" }
    field {
      key       = "runsOn"
      ref_value = "W"
    }
    field {
      key          = "stage"
      string_value = 
    }
    field {
      key          = "scriptArgument"
      string_value = "#{myG} ${var.x} #{fo
    }
`,
	`    attribute {
      key          = "type"
      string_value = "String"
    }
`, `    attribute {
      key          = "type"
      string_value = "String"
    }
    attribute {
      key = "de"
    }
`,
	`  parameter_value {
    id           = "myGreeting"
    string_value = "hi"
  }
`, `  parameter_value {
    id           = "myGreeting"
    string_value = "hi"
  }
  parameter_value {
    id = "my"
  }
`).Replace(stackTF)

func TestCompletionInTerraform(t *testing.T) {
	c, u := openFile(t, "main.tf", stackTF)
	diags := replaceText(c, u, 2, halfTF)
	if !strings.Contains(codes(diags), "DP9001") {
		t.Fatalf("the half-typed file parses (%s): the test wants one that does not", codes(diags))
	}
	checkCompletions(t, c, u, halfTF, []completionCase{
		{what: "a field key", needle: `key = "scr`, delta: 10, want: []string{"scriptUri", "maximumRetries"}, not: []string{"command", "runsOn", "type"}, editOf: "scriptUri", edit: `key = "scriptUri` + "\n"},
		{what: "a type, unquoted", needle: "string_value = Sh", delta: 17, want: []string{"ShellCommandActivity"}, editOf: "ShellCommandActivity", edit: `string_value = "ShellCommandActivity"`},
		{what: "a ref_value", needle: `ref_value = "W"`, delta: 14, want: []string{"Worker", "Spare"}, not: []string{"Hello", "Default", "Guess", "Copy"}, editOf: "Worker", edit: `ref_value = "Worker"`},
		{what: "a boolean, nothing typed", needle: "string_value = \n", delta: 15, want: []string{"true", "false"}, editOf: "true", edit: `string_value = "true"`},
		{what: "a function", needle: "#{fo", delta: 4, want: []string{"format"}},
		{what: "a parameter", needle: "#{myG}", delta: 5, want: []string{"myGreeting", "node."}},
		{what: "a one-line block's key", needle: `{ key = "type"`, delta: 13, want: []string{"type", "parent"}},
		{what: "a parameter attribute", needle: `key = "de"`, delta: 9, want: []string{"default", "description"}, not: []string{"type"}},
		{what: "a parameter value's id", needle: `id = "my"`, delta: 8, want: []string{"myGreeting"}},
		{what: "a pipeline_object's own id", needle: `id = "Guess"`, delta: 8},
		{what: "a bucket's tags", needle: `key = "value"`, delta: 9},
	})
}

// stackJSON is a CloudFormation template in JSON, half-typed.
const stackJSON = `{
  "Resources": {
    "Pipeline": {
      "Type": "AWS::DataPipeline::Pipeline",
      "Properties": {
        "Name": "nightly",
        "PipelineObjects": [
          {"Id": "Default", "Name": "Default", "Fields": [
            {"Key": "type", "StringValue": "Default"},
            {"Key": "scheduleType", "StringValue": "ondemand"}]},
          {"Id": "Worker", "Name": "Worker", "Fields": [{"Key": "type", "StringValue": "Ec2Resource"}]},
          {"Id": "Hello", "Name": "Hello", "Fields": [
            {"Key": "comm"},
            {"Key": "type", "StringValue": "ShellCommandActivity"},
            {"Key": "runsOn", "RefValue": "W"},
            {"Key": "stage", "StringValue": "t"}]}],
        "ParameterObjects": [{"Id": "myGreeting", "Attributes": [{"Key": "type", "StringValue": "Str"}, {"Key": "de"}]}],
        "ParameterValues": [{"Id": "my"
`

func TestCompletionInJSONTemplate(t *testing.T) {
	c, u := openFile(t, "stack.json", stackJSON)
	checkCompletions(t, c, u, stackJSON, []completionCase{
		// The entry's key is before the object's type entry: the scanner
		// reads the whole object.
		{what: "a field Key", needle: `"comm"`, delta: 5, want: []string{"command", "scriptUri"}, not: []string{"runsOn", "type", "id", "name"}},
		{what: "a boolean StringValue", needle: `"StringValue": "t"`, delta: 17, want: []string{"true", "false"}},
		{what: "a type", needle: `"StringValue": "Ec2`, delta: 18, want: []string{"Ec2Resource", "EmrCluster"}},
		{what: "a parameter attribute", needle: `{"Key": "de"}`, delta: 11, want: []string{"default", "description"}, not: []string{"type", "id"}},
		{what: "a parameter type", needle: `"StringValue": "Str"`, delta: 18, want: []string{"String", "Integer"}},
		{what: "a parameter object's own key", needle: `{"Id": "myGreeting"`, delta: 2},
	})
}

// TestTemplateScannersNeverPanic asks the scanners about every offset of
// the templates, and of every cut of them.
func TestTemplateScannersNeverPanic(t *testing.T) {
	for _, text := range []string{halfYAML, halfTF, stackYAML, stackTF, "- {", "a: \"", "x = \"${\"", "k = <<EOF\n{\n", "- - - Key:"} {
		data := []byte(text)
		for off := 0; off <= len(data); off++ {
			yamlSlot(data, off)
			hclSlot(data, off)
			yamlSlot(data[:off], off)
			hclSlot(data[:off], off)
		}
	}
}

// TestHoverAndNavigationInTemplates runs hover, definition, references
// and rename on the same pipeline written as a CloudFormation YAML
// template and as a Terraform file: the positions come from the model.
func TestHoverAndNavigationInTemplates(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		// needles: a type value, a field key, the ref to Worker, Worker's
		// id, the expression's parameter, the parameter's declaration.
		typ, key, ref, id, use, decl string
		// delta into each needle
		dt, dk, dr, di, du, dd int
		refWritten, idWritten  string // how the renamed ref and id read (the name stays Worker)
	}{
		{name: "stack.yaml", text: stackYAML,
			typ: "StringValue: ShellCommandActivity", dt: 15, key: "Key: terminateAfter", dk: 7,
			ref: "RefValue: Worker", dr: 12, id: "- Id: Worker", di: 8, use: "#{myGreeting}", du: 4, decl: "- Id: myGreeting\n          Attributes", dd: 8,
			refWritten: "RefValue: Box", idWritten: "- Id: Box"},
		{name: "main.tf", text: stackTF,
			typ: `"ShellCommandActivity"`, dt: 3, key: `"terminateAfter"`, dk: 3,
			ref: `ref_value = "Worker"`, dr: 15, id: `id   = "Worker"`, di: 10, use: "#{myGreeting}", du: 4, decl: `id = "myGreeting"`, dd: 8,
			refWritten: `ref_value = "Box"`, idWritten: `id   = "Box"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, u := openFile(t, tc.name, tc.text)
			text := tc.text
			for _, h := range []struct {
				what, needle string
				delta        int
				want         string
			}{
				{"a type value", tc.typ, tc.dt, "ShellCommandActivity (Activity)"},
				{"a field key", tc.key, tc.dk, "Ec2Resource.terminateAfter: period"},
				{"a reference", tc.ref, tc.dr, "Worker: Ec2Resource"},
				{"an expression", tc.use, tc.du, "= hi"},
				{"a parameter declaration", tc.decl, tc.dd, "parameter myGreeting"},
			} {
				if got := hoverAt(t, c, u, pos(t, text, h.needle, 0, h.delta)); !strings.Contains(got, h.want) {
					t.Errorf("hover on %s: no %q in %q", h.what, h.want, got)
				}
			}
			var locs []protocol.Location
			c.mustCall(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos(t, text, tc.ref, 0, tc.dr))}, &locs)
			if want := pos(t, text, tc.id, 0, tc.di-2); len(locs) != 1 || locs[0].Range.Start != want {
				t.Errorf("definition of the ref to Worker: %+v, want %+v", locs, want)
			}
			c.mustCall(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos(t, text, tc.use, 0, tc.du))}, &locs)
			if want := pos(t, text, tc.decl, 0, tc.dd-2); len(locs) != 1 || locs[0].Range.Start != want {
				t.Errorf("definition of #{myGreeting}: %+v, want %+v", locs, want)
			}
			c.mustCall(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: tdp(u, pos(t, text, tc.id, 0, tc.di)),
				Context: protocol.ReferenceContext{IncludeDeclaration: true}}, &locs)
			if len(locs) != 2 {
				t.Errorf("references of Worker (its id and the ref): %+v", locs)
			}
			var we protocol.WorkspaceEdit
			c.mustCall(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: tdp(u, pos(t, text, tc.id, 0, tc.di)), NewName: "Box"}, &we)
			got := applyEdits(t, text, we.Changes[u])
			if strings.Count(got, "Worker") != 1 || !strings.Contains(got, tc.refWritten) || !strings.Contains(got, tc.idWritten) {
				t.Errorf("rename Worker to Box:\n%s", got)
			}
			c.mustCall(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: tdp(u, pos(t, text, tc.use, 0, tc.du)), NewName: "myHello"}, &we)
			if got := applyEdits(t, text, we.Changes[u]); strings.Contains(got, "myGreeting") || !strings.Contains(got, "#{myHello}") {
				t.Errorf("rename myGreeting to myHello:\n%s", got)
			}
		})
	}
}

// TestCodeActionFixesARefDefault: a value taken from a template
// parameter by !Ref is fixed in the parameter's Default.
func TestCodeActionFixesARefDefault(t *testing.T) {
	text := "Parameters:\n  WorkerId:\n    Type: String\n    Default: Wroker\n" +
		strings.Replace(stackYAML, "RefValue: Worker", "RefValue: !Ref WorkerId", 1)
	c, u := openFile(t, "stack.yaml", text)
	at := pos(t, text, "!Ref WorkerId", 0, 6)
	var acts []protocol.CodeAction
	c.mustCall(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range: protocol.Range{Start: at, End: at}}, &acts)
	if len(acts) != 1 || acts[0].Edit == nil {
		t.Fatalf("actions on the !Ref: %+v", acts)
	}
	got := applyEdits(t, text, acts[0].Edit.Changes[u])
	if !strings.Contains(got, "Default: Worker\n") || !strings.Contains(got, "RefValue: !Ref WorkerId") {
		t.Errorf("%s:\n%s", acts[0].Title, got)
	}
}

// TestYAMLSlotForms: the YAML scanner on the ways a template may be
// written: sequences not indented under their key, quoted keys, CRLF
// line ends, comments, and a block scalar whose lines look like entries.
func TestYAMLSlotForms(t *testing.T) {
	head := "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      PipelineObjects:\n"
	for _, tc := range []struct {
		what, body, at string
		kind           slotKind
		field, typ     string
	}{
		{"an indentless sequence", "      - Id: A\n        Fields:\n        - Key: type\n          StringValue: Ec2Resource\n        - Key: terminateAfter\n          StringValue: 1|\n",
			"1|", slotString, "terminateAfter", "Ec2Resource"},
		{"quoted keys", "      - \"Id\": A\n        'Fields':\n          - \"Key\": type\n            'StringValue': Sh|\n", "Sh|", slotString, "type", ""},
		{"CRLF", "      - Id: A\r\n        Fields:\r\n          - Key: type\r\n            StringValue: Ec2Resource\r\n          - Key: run|\r\n", "run|", slotFieldKey, "", "Ec2Resource"},
		{"comments", "      # objects\n      - Id: A # the first\n        Fields:\n          - Key: type # its type\n            StringValue: Ec2Resource # a resource\n          - Key: |\n", "|", slotFieldKey, "", "Ec2Resource"},
		{"a block scalar", "      - Id: A\n        Fields:\n          - Key: type\n            StringValue: ShellCommandActivity\n          - Key: command\n            StringValue: |\n              Key: not an entry\n              echo hi\n          - Key: std|\n",
			"std|", slotFieldKey, "", "ShellCommandActivity"},
		{"a tagged value", "      - Id: A\n        Fields:\n          - Key: type\n            StringValue: !Sub 'Ec2|'\n", "Ec2|", slotString, "type", ""},
	} {
		text := head + tc.body
		off := strings.Index(text, tc.at) + len(tc.at) - 1
		text = text[:off] + text[off+1:] // the | marks the cursor
		s := yamlSlot([]byte(text), off)
		if s.kind != tc.kind || s.field != tc.field || (tc.typ != "" && (s.obj == nil || s.obj.typ != tc.typ)) {
			t.Errorf("%s: slot %+v (object %+v), want kind %d field %q type %q", tc.what, s, s.obj, tc.kind, tc.field, tc.typ)
		}
	}
}

// TestHCLSlotForms: the Terraform scanner past comments, heredocs and
// interpolations holding braces and quotes.
func TestHCLSlotForms(t *testing.T) {
	head := "resource \"aws_datapipeline_pipeline_definition\" \"p\" {\n  pipeline_id = \"x\"\n  pipeline_object {\n    id = \"A\"\n"
	for _, tc := range []struct {
		what, body, at string
		kind           slotKind
		field, typ     string
	}{
		{"comments", "    # a comment {\n    // another }\n    /* a block { */\n    field {\n      key = \"type\" # the type\n      string_value = \"Ec2Resource\"\n    }\n    field {\n      key = \"ter|\"\n    }\n",
			"ter|", slotFieldKey, "", "Ec2Resource"},
		{"a heredoc", "    field {\n      key = \"command\"\n      string_value = <<-EOT\n        echo { \"}\n      EOT\n    }\n    field {\n      key = \"type\"\n      string_value = \"Sh|\"\n    }\n",
			"Sh|", slotString, "type", ""},
		{"an expression over lines", "    field {\n      key = \"command\"\n      string_value = jsonencode({\n        a = \"}\"\n      })\n    }\n    field {\n      key = \"type\"\n      string_value = \"Ec2Resource\"\n    }\n    field {\n      key = \"ter|\"\n    }\n",
			"ter|", slotFieldKey, "", "Ec2Resource"},
		{"an interpolation", "    field {\n      key = \"command\"\n      string_value = \"${jsonencode({a = \"}\"})} x\"\n    }\n    field {\n      key = \"stage\"\n      string_value = \"t|\"\n    }\n",
			"t|", slotString, "stage", ""},
	} {
		text := head + tc.body + "  }\n}\n"
		off := strings.Index(text, tc.at) + len(tc.at) - 1
		text = text[:off] + text[off+1:]
		s := hclSlot([]byte(text), off)
		if s.kind != tc.kind || s.field != tc.field || (tc.typ != "" && (s.obj == nil || s.obj.typ != tc.typ)) {
			t.Errorf("%s: slot %+v (object %+v), want kind %d field %q type %q", tc.what, s, s.obj, tc.kind, tc.field, tc.typ)
		}
	}
}

func TestFormOf(t *testing.T) {
	for _, tc := range []struct {
		path, text string
		want       form
	}{
		{"p.json", `{"objects": []}`, formJSON},
		{"p.json", "\xef\xbb\xbf\n {", formJSON},
		{"stack.template", "  [", formJSON},
		{"stack.template", "Resources:", formYAML},
		{"stack.yaml", "# {\n", formYAML},
		{"main.TF", "{", formHCL},
	} {
		if got := formOf(tc.path, []byte(tc.text)); got != tc.want {
			t.Errorf("formOf(%s, %q) = %d, want %d", tc.path, tc.text, got, tc.want)
		}
	}
}
