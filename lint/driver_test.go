package lint_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/rules"
)

const def = `{"objects": [{"id": "A", "x": "1"}, {"id": "B", "y": "2"}]}`

// fakeRules builds two rules: "base" reports at offset 14 (object A, placed
// by position); "user" requires base and a plain analyzer, "reader", that
// checks the pass the driver built and returns a value; user reports twice
// the same finding at offset 39 (object B), and records what base and
// reader returned.
func fakeRules(t *testing.T, runs map[string]int, got *[]any) (base, user *rules.Rule) {
	t.Helper()
	report := func(pass *rules.Pass, off int, msg string) {
		pass.Report(rules.Finding{Start: off, End: off + 3, Message: msg})
	}
	reader := &analysis.Analyzer{
		Name: "reader", Doc: "reader", Requires: []*analysis.Analyzer{rules.InputAnalyzer},
		ResultType: reflect.TypeOf(""),
		Run: func(pass *analysis.Pass) (any, error) {
			runs["reader"]++
			if in := pass.ResultOf[rules.InputAnalyzer].(*rules.Input); in.Def == nil || len(in.Def.Objects) != 2 {
				t.Errorf("reader: the input analyzer's result lacks the definition")
			}
			if data, err := pass.ReadFile(pass.OtherFiles[0]); err != nil || string(data) != def {
				t.Errorf("ReadFile(OtherFiles[0]) = %q, %v", data, err)
			}
			return "reader result", nil
		},
	}
	base = rules.Build(&rules.Rule{Meta: rules.Meta{ID: "DP9001", Name: "base-rule", Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None, Summary: "base"},
		Check: func(pass *rules.Pass) {
			runs["base"]++
			report(pass, 14, "from base")
		}})
	user = rules.Build(&rules.Rule{Meta: rules.Meta{ID: "DP9002", Name: "user-rule", Severity: diag.Error, Origin: diag.Service, Channel: diag.Response, Summary: "user"},
		Requires: []*analysis.Analyzer{base.Analyzer, reader},
		Check: func(pass *rules.Pass) {
			runs["user"]++
			var msgs []string
			for p := range pass.ResultOf(base.Analyzer).(*rules.Found).All() {
				msgs = append(msgs, p.Object+"/"+p.Message)
			}
			*got = append(*got, strings.Join(msgs, ","), pass.ResultOf(reader))
			report(pass, 39, "from user")
			report(pass, 39, "from user")
		}})
	return base, user
}

func TestDriverRunsDependenciesAndDropsDisabled(t *testing.T) {
	tests := []struct {
		name     string
		cfg      lint.Config
		runs     map[string]int
		messages []string // "object/rule/severity/message" in output order
	}{
		{"all on", lint.Config{}, map[string]int{"base": 1, "user": 1, "reader": 1},
			[]string{"A/DP9001/warning/from base", "B/DP9002/error/from user"}},
		{"required base disabled still runs, findings dropped", lint.Config{Disable: []string{"base-rule"}}, map[string]int{"base": 1, "user": 1, "reader": 1},
			[]string{"B/DP9002/error/from user"}},
		{"only base: user never runs", lint.Config{Only: []string{"DP9001"}}, map[string]int{"base": 1},
			[]string{"A/DP9001/warning/from base"}},
		{"everything off", lint.Config{Disable: []string{"DP9001", "DP9002"}}, map[string]int{}, nil},
		{"severity override", lint.Config{Severity: map[string]diag.Severity{"user-rule": diag.Info}}, map[string]int{"base": 1, "user": 1, "reader": 1},
			[]string{"A/DP9001/warning/from base", "B/DP9002/info/from user"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runs := map[string]int{}
			var got []any
			base, user := fakeRules(t, runs, &got)
			l, err := lint.NewWith([]*rules.Rule{user, base}, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			res := l.Lint("p.json", []byte(def))
			if res.Err != nil || len(res.Definitions) != 1 {
				t.Fatalf("Lint: err %v, %d definitions", res.Err, len(res.Definitions))
			}
			if !reflect.DeepEqual(runs, tc.runs) {
				t.Errorf("runs = %v, want %v", runs, tc.runs)
			}
			if runs["user"] > 0 && (len(got) != 2 || got[0] != "A/from base" || got[1] != "reader result") {
				t.Errorf("user saw base's and reader's results %q", got)
			}
			var msgs []string
			for _, d := range res.Definitions[0].Diagnostics {
				msgs = append(msgs, d.Object+"/"+d.Rule.ID+"/"+d.Severity.String()+"/"+d.Message)
				if d.File != "p.json" || d.Start.Line != 1 || d.End.Offset != d.Start.Offset+3 {
					t.Errorf("bad placement: %+v", d)
				}
			}
			if !reflect.DeepEqual(msgs, tc.messages) {
				t.Errorf("diagnostics = %q, want %q", msgs, tc.messages)
			}
		})
	}
}

func TestDriverContainsRuleFailures(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(*analysis.Pass) (any, error)
		want string
	}{
		{"panic", func(*analysis.Pass) (any, error) { panic("boom") }, "internal error in rule broken: boom"},
		{"error", func(*analysis.Pass) (any, error) { return nil, errors.New("cannot") }, "rule broken: cannot"},
		{"a bare Diagnostic", func(pass *analysis.Pass) (any, error) {
			pass.Report(analysis.Diagnostic{Message: "unplaced"})
			return (*rules.Found)(nil), nil
		}, `reported "unplaced" through analysis.Pass.Report`},
		{"not what it found", func(*analysis.Pass) (any, error) { return "text", nil }, "rule broken: its analyzer returned string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &rules.Rule{Meta: rules.Meta{ID: "DP9003", Name: "broken", Severity: diag.Error, Origin: diag.Lint},
				Analyzer: &analysis.Analyzer{Name: "broken", Doc: "broken", Requires: []*analysis.Analyzer{rules.InputAnalyzer}, Run: tc.run}}
			l, err := lint.NewWith([]*rules.Rule{r}, lint.Config{})
			if err != nil {
				t.Fatal(err)
			}
			res := l.Lint("p.json", []byte(def))
			if res.Err == nil || !strings.Contains(res.Err.Error(), tc.want) {
				t.Errorf("Err = %v, want it to contain %q", res.Err, tc.want)
			}
		})
	}
}

func TestDriverRejectsBadConfig(t *testing.T) {
	runs := map[string]int{}
	var got []any
	base, user := fakeRules(t, runs, &got)
	for _, cfg := range []lint.Config{
		{Only: []string{"nope"}},
		{Disable: []string{"DP0000"}},
		{Enable: []string{"x"}},
		{Severity: map[string]diag.Severity{"nope": diag.Info}},
	} {
		if _, err := lint.NewWith([]*rules.Rule{base, user}, cfg); err == nil || !strings.Contains(err.Error(), "unknown rule") {
			t.Errorf("%+v: err = %v, want unknown rule", cfg, err)
		}
	}
	bad := &rules.Rule{Meta: rules.Meta{ID: "DP9004", Name: "bad-name"}, Analyzer: &analysis.Analyzer{Name: "bad-name", Doc: "x", Run: func(*analysis.Pass) (any, error) { return nil, nil }}}
	if _, err := lint.NewWith([]*rules.Rule{bad}, lint.Config{}); err == nil || !strings.Contains(err.Error(), "rule graph") {
		t.Errorf("an analyzer named bad-name must fail analysis.Validate; err = %v", err)
	}
}

func TestDriverSkipsWhatIsNotOurs(t *testing.T) {
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{`{"name": "pkg"}`, `[]`, `"objects"`, ``, `not json at all`} {
		if res := l.Lint("x.json", []byte(text)); !res.Skipped || len(res.Definitions) != 0 {
			t.Errorf("%q: skipped=%v, %d definitions", text, res.Skipped, len(res.Definitions))
		}
	}
}

func TestAWSOutcomeStages(t *testing.T) {
	d := func(stage diag.Stage, path string, ch diag.Channel, aws string) diag.Diagnostic {
		return diag.Diagnostic{Channel: ch, AWSStage: stage, AWSPath: path, AWSText: aws, Message: "msg " + path}
	}
	const (
		json  = diag.StageJSON
		trans = diag.StageTranslate
		valid = diag.StageValidate
	)
	tests := []struct {
		name               string
		in                 []diag.Diagnostic
		refusal, exception string
	}{
		{"nothing", []diag.Diagnostic{d(0, "", diag.Response, "")}, "", ""},
		{"json first, in file order", []diag.Diagnostic{d(valid, "pipelineObjects[0].id", diag.Client, "bad type"),
			d(json, "", diag.Client, "Expecting value: line 1 column 1 (char 0)"), d(json, "", diag.Client, "later")},
			"Expecting value: line 1 column 1 (char 0)", ""},
		{"translator: the first in request order", []diag.Diagnostic{d(trans, "parameterObjects[0]", diag.Client, "param"),
			d(trans, "pipelineObjects[3]", diag.Client, "element 3"), d(trans, "pipelineObjects", diag.Client, "objects")}, "objects", ""},
		{"validation gathers all in request order", []diag.Diagnostic{
			d(valid, "pipelineObjects[0].fields[10].stringValue", diag.Client, "f10"),
			d(valid, "pipelineObjects[0].fields[2].stringValue", diag.Client, "f2"),
			d(valid, "parameterValues[0].stringValue", diag.Client, "v0"),
			d(valid, "pipelineObjects[0].name", diag.Client, "name"),
			d(valid, "pipelineObjects[0]", diag.Client, "missing"),
			d(valid, "pipelineObjects[0].fields[2].key", diag.Client, "k2"),
			d(0, "", diag.Client, ""),
		}, "Parameter validation failed:\nmsg \nmissing\nname\nk2\nf2\nf10\nv0", ""},
		{"exception", []diag.Diagnostic{d(0, "", diag.Exception, "An error occurred (X)"), d(0, "", diag.Exception, "later")}, "", "An error occurred (X)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, e := lint.AWSOutcome(tc.in)
			if r != tc.refusal || e != tc.exception {
				t.Errorf("got (%q, %q), want (%q, %q)", r, e, tc.refusal, tc.exception)
			}
		})
	}
}
