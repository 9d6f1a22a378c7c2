package fix_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/fix"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/source"
)

// edit is an Edit at the first occurrence of old in text.
func edit(t *testing.T, text, old, newText string) fix.Edit {
	t.Helper()
	i := strings.Index(text, old)
	if i < 0 {
		t.Fatalf("%q is not in the text", old)
	}
	return fix.Edit{Start: i, End: i + len(old), NewText: newText}
}

// TestApplyOverlapping: edits are sorted; one that overlaps an edit kept
// before it is dropped, the first kept; a second insertion at one place is
// dropped; the same edit twice is applied once; the text outside the edits
// stays byte for byte. The golden shows the input, the edits, what was
// applied and dropped, and the result.
func TestApplyOverlapping(t *testing.T) {
	text := "{\n  // a comment\n  \"objects\": [{\"id\": \"A\",   \"type\": \"Ec2Resourc\", \"instanceTyp\": \"t3.micro\"}]\n}\n"
	at := func(old, newText string) fix.Edit { return edit(t, text, old, newText) }
	insert := func(before, newText string) fix.Edit {
		e := at(before, newText)
		e.End = e.Start
		return e
	}
	edits := []fix.Edit{
		at("instanceTyp", "instanceType"),
		at(`"Ec2Resourc"`, `"Ec2Resource"`),
		at(`Ec2Resourc`, `Ec2Resource`),
		// Overlaps the two above and starts first: kept, they are dropped.
		at(`"type": "Ec2Resourc"`, `"type": "Other"`),
		// The first edit again: applied once.
		at("instanceTyp", "instanceType"),
		insert(`"id"`, `"name": "A", `),
		// A second insertion at the same place: dropped.
		insert(`"id"`, `"x": "y", `),
	}
	out, applied, dropped := fix.Apply([]byte(text), edits)
	var b strings.Builder
	fmt.Fprintf(&b, "--- input\n%s--- edits\n", text)
	list := func(es []fix.Edit) {
		for _, e := range es {
			fmt.Fprintf(&b, "%d..%d %q -> %q\n", e.Start, e.End, text[e.Start:e.End], e.NewText)
		}
	}
	list(edits)
	b.WriteString("--- applied\n")
	list(applied)
	b.WriteString("--- dropped\n")
	list(dropped)
	fmt.Fprintf(&b, "--- output\n%s", out)
	goldie.New(t, goldie.WithNameSuffix(".golden")).Assert(t, "overlap", []byte(b.String()))
	if len(applied) != 3 || len(dropped) != 3 {
		t.Errorf("applied %d and dropped %d edits, want 3 and 3", len(applied), len(dropped))
	}
	if !strings.HasPrefix(string(out), "{\n  // a comment\n") {
		t.Errorf("the text outside the edits changed:\n%s", out)
	}
	again, applied2, _ := fix.Apply(out, nil)
	if string(again) != string(out) || len(applied2) != 0 {
		t.Errorf("no edits changed the text")
	}
	if _, applied, _ := fix.Apply([]byte("abc"), []fix.Edit{{Start: 1, End: 2, NewText: "b"}, {Start: 2, End: 9}}); len(applied) != 0 {
		t.Errorf("an edit that changes nothing, or lies past the end, was applied: %v", applied)
	}
}

// TestSecretRefused: a fix that would write inside a secret's value (a
// *-prefixed field, a masked parameter's default), or any fix on a masked
// parameter, is refused, and the file is left as it is; the other fixes
// of the file are applied. The golden is the file before and after.
func TestSecretRefused(t *testing.T) {
	text := `{"objects": [{"id": "Db", "type": "RdsDatabase", "rdsInstanceId": "db", "usrname": "u", "*password": "12345"}],
 "parameters": [{"id": "*myToken", "type": "String", "default": "t0ken"}]}
`
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := l.Lint("secret.json", []byte(text))
	if len(res.Secrets) != 2 {
		t.Fatalf("want the password and the token as secrets, got %v", res.Secrets)
	}
	// The rules offer no fix on a secret; these stand for one that would.
	src := source.Parse("secret.json", []byte(text))
	fake := func(e fix.Edit, object string) diag.Diagnostic {
		return diag.Diagnostic{File: "secret.json", Object: object, Rule: &diag.Rule{ID: "DP0000"},
			Fix: &diag.Fix{Message: "test", Start: src.Position(e.Start), End: src.Position(e.End), NewText: e.NewText}}
	}
	d := res.Definitions[0]
	d.Diagnostics = append(d.Diagnostics,
		fake(edit(t, text, `12345`, "hunter2"), "Db"),
		fake(edit(t, text, `345"`, `"`), "Db"),
		fake(fix.Edit{Start: strings.Index(text, "12345") + 2, End: strings.Index(text, "12345") + 2, NewText: "x"}, "Db"),
		fake(edit(t, text, `"String"`, `"string"`), "*myToken"),
		fake(edit(t, text, `t0ken`, "token"), "*myToken"),
	)
	edits, refused := fix.Edits(res)
	if refused != 5 {
		t.Errorf("refused %d fixes, want 5", refused)
	}
	if len(edits) != 1 || edits[0].NewText != "username" || edits[0].Rule != "DP1103" {
		t.Errorf("edits = %+v, want only DP1103's rename", edits)
	}
	out, _, _ := fix.Apply([]byte(text), edits)
	goldie.New(t, goldie.WithNameSuffix(".golden")).Assert(t, "secret", []byte("--- input\n"+text+"--- output\n"+string(out)))
	if strings.Contains(string(out), "hunter2") || !strings.Contains(string(out), `"12345"`) || !strings.Contains(string(out), `"t0ken"`) {
		t.Errorf("a secret's value was written:\n%s", out)
	}
}

// TestFileRounds: File applies the fixes, lints the result and fixes
// again, until a round changes nothing; a second File changes nothing.
func TestFileRounds(t *testing.T) {
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// The field's misspelling shows only once the type is known.
	text := `{"objects": [{"id": "W", "type": "Ec2Resourc", "instanceTyp": "t3.micro", "terminateAfter": "1 Hour"}]}`
	r := fix.File(l.Lint, "p.json", []byte(text))
	want := `{"objects": [{"id": "W", "type": "Ec2Resource", "instanceType": "t3.micro", "terminateAfter": "1 Hour"}]}`
	if string(r.Fixed) != want || len(r.Applied) != 2 || !r.Changed() {
		t.Fatalf("fixed %d edits:\n%s\nwant 2:\n%s", len(r.Applied), r.Fixed, want)
	}
	for _, d := range r.Lint.Definitions {
		for _, dg := range d.Diagnostics {
			if dg.Fix != nil {
				t.Errorf("a finding of the fixed file still offers a fix: %s", dg.Message)
			}
		}
	}
	again := fix.File(l.Lint, "p.json", r.Fixed)
	if again.Changed() || len(again.Applied) != 0 {
		t.Errorf("a second File changed the file:\n%s", again.Fixed)
	}
	// A file that is not a definition is left alone.
	if r := fix.File(l.Lint, "x.json", []byte(`{"name": "x"}`)); r.Changed() || r.Diff() != "" {
		t.Errorf("a file that is not a definition changed")
	}
}

// TestUnified: a unified diff of whole lines with three of context; a
// last line without a line break is marked.
func TestUnified(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9"
	b := "1\n2\n3\n4\n5\n6\n7\n8\nnine"
	want := "--- p\n+++ p\n@@ -6,4 +6,4 @@\n 6\n 7\n 8\n-9\n\\ No newline at end of file\n+nine\n\\ No newline at end of file\n"
	if got := fix.Unified("p", []byte(a), []byte(b)); got != want {
		t.Errorf("Unified =\n%s\nwant\n%s", got, want)
	}
	if got := fix.Unified("p", []byte("x\n"), []byte("x\n")); got != "" {
		t.Errorf("equal texts: %q", got)
	}
	want = "--- p\n+++ p\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n"
	if got := fix.Unified("p", []byte("a\nb\n"), []byte("A\nb\n")); got != want {
		t.Errorf("Unified =\n%s\nwant\n%s", got, want)
	}
}

// TestWrite: the file is replaced whole, its mode kept, no temporary file
// left behind; through a symbolic link, the link stays and its target is
// written.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.json")
	if err := os.WriteFile(p, []byte("old text, longer than the new"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("p.json", link); err != nil {
		t.Fatal(err)
	}
	if err := fix.Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != "new" {
		t.Errorf("the target holds %q", data)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v", err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the directory holds %d files, want 2", len(entries))
	}
	if err := fix.Write(filepath.Join(dir, "missing.json"), []byte("x")); err == nil {
		t.Errorf("writing a file that does not exist succeeded")
	}
}
