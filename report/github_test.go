package report

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

func TestGitHub(t *testing.T) {
	withBase(t, "/repo")
	all := runs(t)
	for _, c := range []struct{ run, want string }{
		{"empty", ""},
		{"clean", ""},
		{"findings", "" +
			"::error file=pipelines/a.json,line=3,col=10,endLine=3,endColumn=16,title=DP1005 duplicate-object-id::object id 'Copy' is already used by the object at line 2%0Anote: pipelines/a.json:2:10: first object with this id\n" +
			"::warning file=pipelines/a.json,line=4,col=4,endLine=4,endColumn=18,title=DP0002 duplicate-key::key \"scheduleType\" is repeated at line 4%0Anote: pipelines/a.json:4:28: the value that wins\n" +
			// Over two lines: no columns. Info is a notice. Data escaped.
			"::notice file=pipelines/a.json,line=3,endLine=4,title=DP0005 unrendered-template::50%25 done,%0D%0Asee: here\n"},
		// UTF-16 columns ("bad" is at byte column 18, UTF-16 column 15);
		// a file outside the base directory keeps its path.
		{"wide", "" +
			"::warning file=/elsewhere/wide.json,line=2,col=15,endLine=2,endColumn=20,title=DP0002 duplicate-key::a finding after é😀\n" +
			"::error file=/elsewhere/wide.json,line=3,col=3,endLine=3,endColumn=14,title=DP1005 duplicate-object-id::on the secret's line\n"},
		{"failed", "" +
			"::error file=missing.json::missing.json: no such file or directory\n" +
			"::error file=pipelines/broken.json,line=3,col=10,endLine=3,endColumn=16,title=DP1005 duplicate-object-id::found before the failure\n" +
			"::error file=pipelines/broken.json::internal error in rule DP9999: boom\n"},
	} {
		if got := render(t, GitHub, all[c.run]); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.run, got, c.want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := escapeData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad"; got != want {
		t.Errorf("escapeData: %q, want %q", got, want)
	}
	if got, want := escapeProperty("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad"; got != want {
		t.Errorf("escapeProperty: %q, want %q", got, want)
	}
	withBase(t, "/repo")
	f := source.Parse("dir,1/a:b.json", []byte("{\"objects\": []}\n"))
	run := &Run{Files: []*diag.File{fileOf(f, finding(t, f, "DP0001", "x", diag.Error, `"objects"`, 0, "m"))}}
	want := "::error file=dir%2C1/a%3Ab.json,line=1,col=2,endLine=1,endColumn=11,title=DP0001 x::m\n"
	if got := render(t, GitHub, run); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

type problemMatcherFile struct {
	ProblemMatcher []struct {
		Owner   string `json:"owner"`
		Pattern []struct {
			Regexp   string `json:"regexp"`
			File     int    `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity int    `json:"severity"`
			Message  int    `json:"message"`
			Code     int    `json:"code"`
		} `json:"pattern"`
	} `json:"problemMatcher"`
}

// TestProblemMatcher: .github/dplint-problem-matcher.json's pattern (a
// JavaScript regexp written to mean the same in Go's syntax: no lookaround,
// no backreferences, ASCII \d) picks the text format's finding lines apart
// and nothing else.
func TestProblemMatcher(t *testing.T) {
	data, err := os.ReadFile("../.github/dplint-problem-matcher.json")
	if err != nil {
		t.Fatal(err)
	}
	var pm problemMatcherFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pm); err != nil {
		t.Fatal(err)
	}
	if len(pm.ProblemMatcher) != 1 || pm.ProblemMatcher[0].Owner != "dplint" || len(pm.ProblemMatcher[0].Pattern) != 1 {
		t.Fatalf("want one matcher, owner dplint, one pattern: %+v", pm)
	}
	p := pm.ProblemMatcher[0].Pattern[0]
	re, err := regexp.Compile(p.Regexp)
	if err != nil {
		t.Fatalf("the pattern is not a Go regexp: %v", err)
	}

	f := source.Parse("C:/work/pipe:line.json", []byte("{\"objects\": [{\"id\": \"[x]\", \"k\": \"v\"}]}\n"))
	d1 := finding(t, f, "DP1005", "duplicate-object-id", diag.Error, `"[x]"`, 0, "object id '[x]' is odd [see: DP1005]")
	d1.Related = []diag.Related{related(t, f, `"k"`, 0, "note here")}
	d2 := finding(t, f, "DP0002", "duplicate-key", diag.Warning, `"k"`, 0, "key 'k': repeated")
	d3 := finding(t, f, "DP0005", "unrendered-template", diag.Info, `"v"`, 0, "looks unrendered")
	run := &Run{Files: []*diag.File{fileOf(f, d1, d2, d3)}}
	var b strings.Builder
	if err := Text(&b, nil, run, Options{}); err != nil {
		t.Fatal(err)
	}
	type fields struct{ file, line, column, severity, message, code string }
	want := []fields{
		{"C:/work/pipe:line.json", "1", "21", "error", "object id '[x]' is odd [see: DP1005]", "DP1005"},
		{"C:/work/pipe:line.json", "1", "28", "warning", "key 'k': repeated", "DP0002"},
		{"C:/work/pipe:line.json", "1", "33", "info", "looks unrendered", "DP0005"},
	}
	var got []fields
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		m := re.FindStringSubmatch(line)
		if m == nil {
			if strings.HasPrefix(line, "C:/work/") {
				t.Errorf("finding line not matched: %q", line)
			}
			continue
		}
		got = append(got, fields{m[p.File], m[p.Line], m[p.Column], m[p.Severity], m[p.Message], m[p.Code]})
	}
	if len(got) != len(want) {
		t.Fatalf("matched %d lines, want %d (snippet, note and summary lines must not match):\n%s", len(got), len(want), b.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
