package lsp

import (
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func tdp(u protocol.DocumentURI, p protocol.Position) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: p}
}

func hoverAt(t *testing.T, c *client, u protocol.DocumentURI, p protocol.Position) string {
	t.Helper()
	var h *protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: tdp(u, p)}, &h)
	if h == nil {
		return ""
	}
	return h.Contents.Value
}

func TestHover(t *testing.T) {
	text := strings.Replace(fixedText, `"name": "Hello",`, `"name": "Hello", "myDplintIgnore": "DP2006 kept for later",`, 1)
	text = strings.Replace(text, `{"id": "myGreeting", "type": "String", "default": "hi"}`,
		`{"id": "myGreeting", "type": "String", "default": "hi"}, {"id": "*myToken", "type": "String", "default": "s3cr3t"}`, 1)
	text = strings.Replace(text, `"echo #{myGreeting}`, `"echo #{*myToken} #{myGreeting}`, 1)
	c, u, _ := setup(t, text)
	c.waitDiags(u, 1)
	for _, tc := range []struct {
		what, needle string
		n, delta     int
		want         []string
		not          []string
	}{
		{"a type value", `"ShellCommandActivity"`, 0, 3, []string{"ShellCommandActivity (Activity)", "fields:", "command:"}, nil},
		{"a field key", `"terminateAfter"`, 0, 2, []string{"Ec2Resource.terminateAfter: period"}, nil},
		{"a reference", `{"ref": "Worker"}`, 0, 10, []string{"Worker: Ec2Resource"}, nil},
		{"a rule id in myDplintIgnore", `DP2006 kept`, 0, 2, []string{"DP2006 unused-object"}, nil},
		{"an expression", `#{format(`, 0, 4, []string{"#{format(@scheduledStartTime, 'YYYY')}", "= 2026 (for a run scheduled at 2026-03-01T10:00:00)", "String format(DateTime"}, nil},
		{"a parameter in an expression", `#{myGreeting}`, 0, 4, []string{"= hi", "parameter myGreeting", "default: hi"}, nil},
		{"a masked parameter", `#{*myToken}`, 0, 4, []string{"= ****", "parameter *myToken", "default: ****"}, []string{"s3cr3t"}},
		{"a parameter declaration", `"myGreeting", "type"`, 0, 3, []string{"parameter myGreeting", "type: String"}, nil},
	} {
		got := hoverAt(t, c, u, pos(t, text, tc.needle, tc.n, tc.delta))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("hover on %s (%+v): no %q in\n%s", tc.what, pos(t, text, tc.needle, tc.n, tc.delta), w, got)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(got, w) {
				t.Errorf("hover on %s shows %q:\n%s", tc.what, w, got)
			}
		}
	}
	if got := hoverAt(t, c, u, protocol.Position{Line: 0, Character: 0}); got != "" {
		t.Errorf("hover on the opening brace: %q", got)
	}
}

func completeAt(t *testing.T, c *client, u protocol.DocumentURI, p protocol.Position) []protocol.CompletionItem {
	t.Helper()
	var l protocol.CompletionList
	c.mustCall(protocol.MethodTextDocumentCompletion, protocol.CompletionParams{TextDocumentPositionParams: tdp(u, p)}, &l)
	return l.Items
}

func labels(items []protocol.CompletionItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	sort.Strings(out)
	return out
}

func has(list []string, w string) bool {
	for _, l := range list {
		if l == w {
			return true
		}
	}
	return false
}

func TestCompletion(t *testing.T) {
	c, u, _ := setup(t, fixedText)
	c.waitDiags(u, 1)
	// Half-type a new object after Hello: the text no longer parses, and
	// completion reads it as it is.
	text := strings.Replace(fixedText, `"runsOn": {"ref": "Worker"}
    }`, `"runsOn": {"ref": "Worker"}
    },
    {"id": "Guess", "type": "Sh"},
    {"id": "Copy", "type": "ShellCommandActivity", "runsOn": {"ref": "W"}, "stage": "t", "comm`, 1)
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument": map[string]any{"uri": u, "version": 2}, "contentChanges": []map[string]any{{"text": text}}})
	c.waitDiags(u, 2)
	for _, tc := range []struct {
		what, needle string
		delta        int
		want, not    []string
	}{
		{"a type value", `"Sh"`, 3, []string{"ShellCommandActivity", "ShellCommandPrecondition"}, nil},
		{"a field name", `"comm` + "\n", 5, []string{"command", "scriptUri", "maximumRetries"}, []string{"runsOn", "id", "type"}},
		{"a ref target", `{"ref": "W"}`, 10, []string{"Worker"}, []string{"Hello", "Default"}},
		{"a boolean value", `"stage": "t"`, 11, []string{"true", "false"}, nil},
	} {
		got := labels(completeAt(t, c, u, pos(t, text, tc.needle, 0, tc.delta)))
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
	}
	// A reference field's name comes with {"ref": …} as a snippet.
	for _, it := range completeAt(t, c, u, pos(t, text, `"comm`+"\n", 0, 5)) {
		if it.Label == "dependsOn" {
			if it.TextEdit == nil || it.TextEdit.NewText != `"dependsOn": {"ref": "$1"}` || it.InsertTextFormat != protocol.InsertTextFormatSnippet {
				t.Errorf("dependsOn completion: %+v", it)
			}
		}
	}
}

func TestCompletionInExpressions(t *testing.T) {
	text := strings.Replace(fixedText, `'YYYY')}"`, `'YYYY')} #{fo} #{node.@sch} #{"`, 1)
	c, u, _ := setup(t, text)
	c.waitDiags(u, 1)
	for _, tc := range []struct {
		what, needle string
		delta        int
		want         []string
	}{
		{"a function", `#{fo}`, 4, []string{"format", "minusDays"}},
		{"a parameter and @ fields", `#{"`, 2, []string{"myGreeting", "@scheduledStartTime", "node."}},
		{"a node. path", `#{node.@sch}`, 11, []string{"@scheduledStartTime", "@actualStartTime"}},
	} {
		got := labels(completeAt(t, c, u, pos(t, text, tc.needle, 0, tc.delta)))
		for _, w := range tc.want {
			if !has(got, w) {
				t.Errorf("completion of %s: no %q in %v", tc.what, w, got)
			}
		}
	}
	items := completeAt(t, c, u, pos(t, text, `#{fo}`, 0, 4))
	for _, it := range items {
		if it.Label == "format" && (it.TextEdit == nil || it.TextEdit.Range.End.Character-it.TextEdit.Range.Start.Character != 2) {
			t.Errorf("format replaces %+v, want the two characters typed", it.TextEdit)
		}
	}
}

func TestNavigation(t *testing.T) {
	text := strings.Replace(fixedText, `"terminateAfter": "1 Hour"`, `"terminateAfter": "1 Hour", "parent": {"ref": "Default"}`, 1)
	c, u, _ := setup(t, text)
	c.waitDiags(u, 1)
	var locs []protocol.Location
	c.mustCall(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos(t, text, `{"ref": "Worker"}`, 0, 10))}, &locs)
	if len(locs) != 1 || locs[0].Range.Start != pos(t, text, `"Worker"`, 0, 1) {
		t.Errorf("definition of the ref Worker: %+v", locs)
	}
	c.mustCall(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos(t, text, `#{myGreeting}`, 0, 4))}, &locs)
	if len(locs) != 1 || locs[0].Range.Start != pos(t, text, `"myGreeting", "type"`, 0, 1) {
		t.Errorf("definition of #{myGreeting}: %+v", locs)
	}
	c.mustCall(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: tdp(u, pos(t, text, `"Default"`, 0, 2)),
		Context: protocol.ReferenceContext{IncludeDeclaration: true}}, &locs)
	if len(locs) != 2 {
		t.Errorf("references of Default (its id and a parent): %+v", locs)
	}
	// Rename an object: its id and every ref, as one edit.
	var we protocol.WorkspaceEdit
	c.mustCall(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: tdp(u, pos(t, text, `"Worker"`, 0, 2)), NewName: "Box"}, &we)
	if got := applyEdits(t, text, we.Changes[u]); strings.Contains(got, `"Worker"}`) || !strings.Contains(got, `"id": "Box"`) || !strings.Contains(got, `{"ref": "Box"}`) {
		t.Errorf("rename Worker to Box:\n%s", got)
	}
	// Rename a parameter: its declaration and its uses in expressions.
	c.mustCall(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: tdp(u, pos(t, text, `#{myGreeting}`, 0, 4)), NewName: "myHello"}, &we)
	if got := applyEdits(t, text, we.Changes[u]); strings.Contains(got, "myGreeting") || !strings.Contains(got, "#{myHello}") || !strings.Contains(got, `"id": "myHello"`) {
		t.Errorf("rename myGreeting to myHello:\n%s", got)
	}
	// A name that collides is refused.
	err := c.call(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: tdp(u, pos(t, text, `"Worker"`, 0, 2)), NewName: "Hello"}, &we)
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || !strings.Contains(je.Message, "exists already") {
		t.Errorf("rename Worker to Hello: %v", err)
	}
	var syms []protocol.DocumentSymbol
	c.mustCall(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &syms)
	var outline []string
	for _, s := range syms {
		var kids []string
		for _, k := range s.Children {
			kids = append(kids, k.Name+":"+k.Detail)
		}
		outline = append(outline, s.Name+"["+strings.Join(kids, " ")+"]")
	}
	if got, want := strings.Join(outline, " "), "Activity[Hello:ShellCommandActivity] Default[Default:] Resource[Worker:Ec2Resource] Parameters[myGreeting:String]"; got != want {
		t.Errorf("outline:\n got %s\nwant %s", got, want)
	}
}

func TestCodeActions(t *testing.T) {
	c, u, _ := setup(t, pipelineText)
	c.waitDiags(u, 1)
	var acts []protocol.CodeAction
	at := pos(t, pipelineText, `"comand"`, 0, 2)
	c.mustCall(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range: protocol.Range{Start: at, End: at}}, &acts)
	var ignore *protocol.CodeAction
	for i, a := range acts {
		switch {
		case strings.HasPrefix(a.Title, "Ignore DP1103 on Hello"):
			ignore = &acts[i]
		case a.IsPreferred: // the rule's own fix, where it has one
			if got := applyEdits(t, pipelineText, a.Edit.Changes[u]); !strings.Contains(got, `"command": "echo`) {
				t.Errorf("%s:\n%s", a.Title, got)
			}
		}
	}
	if ignore == nil {
		t.Fatalf("no ignore action on comand: %+v", acts)
	}
	got := applyEdits(t, pipelineText, ignore.Edit.Changes[u])
	if !strings.Contains(got, "{\n      \"myDplintIgnore\": \"DP1103 reason: …\",\n      \"id\": \"Hello\"") {
		t.Errorf("%s:\n%s", ignore.Title, got)
	}
	// The edited text lints without DP1103.
	c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
		"textDocument": map[string]any{"uri": u, "version": 2}, "contentChanges": []map[string]any{{"text": got}}})
	if codes := codes(c.waitDiags(u, 2)); strings.Contains(codes, "DP1103") {
		t.Errorf("after ignoring DP1103: %s", codes)
	}
}

// applyEdits applies non-overlapping edits to an ASCII text.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	tx := newText([]byte(text), utf16Units)
	sort.Slice(edits, func(i, j int) bool { return before(edits[j].Range.Start, edits[i].Range.Start) })
	out := text
	for _, e := range edits {
		s, end := tx.offset(e.Range.Start), tx.offset(e.Range.End)
		out = out[:s] + e.NewText + out[end:]
	}
	return out
}

// templateText is a CloudFormation template whose occurrences is a YAML
// number where the service wants a string (DP9003, fixed by quoting it).
const templateText = `Resources:
  Pipeline:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
      PipelineObjects:
        - Id: Default
          Name: Default
          Fields:
            - Key: type
              StringValue: Default
            - Key: scheduleType
              StringValue: cron
            - Key: schedule
              RefValue: Daily
            - Key: role
              StringValue: DataPipelineDefaultRole
            - Key: resourceRole
              StringValue: DataPipelineDefaultResourceRole
        - Id: Daily
          Name: Daily
          Fields:
            - Key: type
              StringValue: Schedule
            - Key: period
              StringValue: 1 days
            - Key: startAt
              StringValue: FIRST_ACTIVATION_DATE_TIME
            - Key: occurrences
              StringValue: 3
`

func TestCodeActionFixInATemplate(t *testing.T) {
	dir := t.TempDir()
	c := newClient(t, New(Options{Debounce: 10 * time.Millisecond}))
	c.initialize(dir, nil)
	u := protocol.DocumentURI(uri.File(filepath.Join(dir, "stack.yaml")))
	c.open(u, templateText)
	if got := codes(c.waitDiags(u, 1)); !strings.Contains(got, "DP9003") {
		t.Fatalf("template: %q, want DP9003", got)
	}
	at := pos(t, templateText, "StringValue: 3", 0, 13)
	var acts []protocol.CodeAction
	c.mustCall(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range: protocol.Range{Start: at, End: at}}, &acts)
	for _, a := range acts {
		if strings.HasPrefix(a.Title, "Ignore") {
			t.Errorf("an ignore action on a template, which is not edited: %q", a.Title)
		}
	}
	if len(acts) != 1 {
		t.Fatalf("actions on the YAML number: %+v", acts)
	}
	if got := applyEdits(t, templateText, acts[0].Edit.Changes[u]); !strings.Contains(got, `StringValue: "3"`) {
		t.Errorf("%s:\n%s", acts[0].Title, got)
	}
}

// TestCompletionOfParameters: a parameter attribute's name and value in
// the CLI form, and the parameter a value is given for.
func TestCompletionOfParameters(t *testing.T) {
	text := strings.Replace(fixedText, `"parameters": [`, `"values": {"my": "x"}, "parameters": [`, 1)
	text = strings.Replace(text, `{"id": "myGreeting", "type": "String", "default": "hi"}`, `{"id": "myGreeting", "type": "String", "default": "hi", "de": ""}`, 1)
	c, u, _ := setup(t, text)
	c.waitDiags(u, 1)
	checkCompletions(t, c, u, text, []completionCase{
		{what: "a parameter value's id", needle: `{"my"`, delta: 4, want: []string{"myGreeting"}},
		{what: "a parameter's type", needle: `"type": "String", "default"`, delta: 11, want: []string{"String", "Integer", "Double"}},
		{what: "a parameter attribute", needle: `"de": ""`, delta: 3, want: []string{"description", "allowedValues"}, not: []string{"type", "default", "id"}},
	})
}
