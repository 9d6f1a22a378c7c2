package picture

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
)

func linter(t testing.TB, cfg lint.Config) *lint.Linter {
	t.Helper()
	l, err := lint.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fixture reads testdata/graph/<name> of the repository.
func fixture(t testing.TB, name string) (string, []byte) {
	t.Helper()
	path := filepath.Join(testenv.RepoRoot(t), "testdata", "graph", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return "testdata/graph/" + name, data
}

func read(t testing.TB, name string, opt Options) *Picture {
	t.Helper()
	path, data := fixture(t, name)
	p, err := Read(linter(t, lint.Config{}), path, data, opt)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return p
}

func node(t *testing.T, pl *Pipeline, id string) *Node {
	t.Helper()
	for _, n := range pl.Nodes {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("no node %q in %s", id, pl.Name)
	return nil
}

// edges lists a pipeline's edges as "From -slot-> To", with "~" for an
// inherited edge, "=" for a parent edge and "!" for one on a cycle.
func edges(pl *Pipeline) []string {
	var out []string
	for _, e := range pl.Edges {
		s := e.From.ID + " -" + e.Slot + "-> " + e.To.ID
		switch e.Kind {
		case Inherited:
			s = "~" + s
		case Parent:
			s = "=" + s
		}
		if e.Cycle {
			s = "!" + s
		}
		out = append(out, s)
	}
	return out
}

func TestSmall(t *testing.T) {
	p := read(t, "small.json", Options{})
	if len(p.Pipelines) != 1 {
		t.Fatalf("%d pipelines", len(p.Pipelines))
	}
	pl := p.Pipelines[0]
	for _, n := range pl.Nodes {
		if n.ID == "Default" {
			t.Error("Default is drawn as a node")
		}
	}
	want := map[string]struct {
		cat    Category
		count  Count
		unused bool
	}{
		"Copy":    {Activity, Count{Errors: 1}, false},
		"Input":   {DataNode, Count{}, false},
		"Rows":    {DataFormat, Count{}, false},
		"Ready":   {Precondition, Count{}, false},
		"Worker":  {Resource, Count{Warnings: 1}, false},
		"Page":    {Action, Count{}, false},
		"Nightly": {Schedule, Count{}, false},
		"Spare":   {Resource, Count{Warnings: 1}, true},
	}
	for id, w := range want {
		n := node(t, pl, id)
		if n.Category != w.cat || n.Findings != w.count || n.Unused != w.unused {
			t.Errorf("%s: category %v, findings %+v, unused %v; want %v, %+v, %v", id, n.Category, n.Findings, n.Unused, w.cat, w.count, w.unused)
		}
	}
	if m := node(t, pl, "Copy").mark(); m != markErrors {
		t.Errorf("Copy's mark %v, want errors", m)
	}
	if m := node(t, pl, "Spare").mark(); m != markUnused {
		t.Errorf("Spare's mark %v, want unused", m)
	}
	got := strings.Join(edges(pl), "\n")
	for _, e := range []string{
		"Input -dataFormat-> Rows", "Copy -input-> Input", "Copy -output-> Output", "Copy -runsOn-> Worker",
		"Copy -precondition-> Ready", "Copy -onFail-> Page", "~Copy -schedule-> Nightly", "~Input -schedule-> Nightly",
	} {
		if !strings.Contains(got, e) {
			t.Errorf("no edge %s in\n%s", e, got)
		}
	}
	// A precondition has no schedule field, so it inherits none.
	if strings.Contains(got, "Ready -schedule") {
		t.Errorf("Ready (S3PrefixNotEmpty) drawn with a schedule:\n%s", got)
	}
}

// TestInherited: an object inherits Default's schedule only when neither
// it nor a parent sets one.
func TestInherited(t *testing.T) {
	pl := read(t, "inherited.json", Options{}).Pipelines[0]
	got := strings.Join(edges(pl), "\n")
	want := strings.Join([]string{
		"Template -runsOn-> Box", "~Template -schedule-> Hourly",
		"=Hourly job -parent-> Template", "~Hourly job -schedule-> Hourly",
		"=Daily job -parent-> Template", "Daily job -schedule-> Daily",
		"~Box -schedule-> Hourly",
	}, "\n")
	if got != want {
		t.Errorf("edges:\n%s\nwant:\n%s", got, want)
	}
	if e := pl.Edges[1]; e.Label() != "schedule (Default)" {
		t.Errorf("inherited label %q", e.Label())
	}
}

func TestCycles(t *testing.T) {
	pl := read(t, "cycle.json", Options{}).Pipelines[0]
	got := strings.Join(edges(pl), "\n")
	want := strings.Join([]string{
		"!Extract -dependsOn-> Load",
		"!Transform -dependsOn-> Extract",
		"!Load -dependsOn-> Transform",
		"Report -dependsOn-> Load",
		"!Report -dependsOn-> Report",
		"!=BaseA -parent-> BaseB",
		"!=BaseB -parent-> BaseA",
		"=Child -parent-> BaseA",
		"Child -dependsOn-> Report",
	}, "\n")
	if got != want {
		t.Errorf("edges:\n%s\nwant:\n%s", got, want)
	}
	// Child inherits its type through two parents.
	if n := node(t, pl, "Child"); n.Type != "ShellCommandActivity" || n.Category != Activity {
		t.Errorf("Child: %q %v", n.Type, n.Category)
	}
}

func TestTwoPipelines(t *testing.T) {
	p := read(t, "two-pipelines.yaml", Options{})
	if len(p.Pipelines) != 2 || p.Pipelines[0].Name != "testdata/graph/two-pipelines.yaml#Nightly" ||
		p.Pipelines[1].Name != "testdata/graph/two-pipelines.yaml#OnDemand" {
		t.Fatalf("pipelines %v", names(p))
	}
	if n := node(t, p.Pipelines[1], "Helper"); n.Findings.Errors != 1 {
		t.Errorf("Helper's findings %+v, want its invalid period", n.Findings)
	}
	one := read(t, "two-pipelines.yaml", Options{Pipeline: "OnDemand"})
	if len(one.Pipelines) != 1 || !strings.HasSuffix(one.Pipelines[0].Name, "#OnDemand") {
		t.Errorf("--pipeline OnDemand: %v", names(one))
	}
	path, data := fixture(t, "two-pipelines.yaml")
	if _, err := Read(linter(t, lint.Config{}), path, data, Options{Pipeline: "Weekly"}); err == nil || !strings.Contains(err.Error(), `no pipeline "Weekly"`) {
		t.Errorf("--pipeline Weekly: %v", err)
	}
}

func names(p *Picture) []string {
	var out []string
	for _, pl := range p.Pipelines {
		out = append(out, pl.Name)
	}
	return out
}

func TestTerraform(t *testing.T) {
	pl := read(t, "pipeline.tf", Options{}).Pipelines[0]
	got := strings.Join(edges(pl), "\n")
	want := "Orders -database-> Warehouse\nDump -input-> Orders\nDump -output-> Export\nDump -runsOn-> Runner"
	if got != want {
		t.Errorf("edges:\n%s\nwant:\n%s", got, want)
	}
	if n := node(t, pl, "Warehouse"); n.Category != Database {
		t.Errorf("Warehouse is %v", n.Category)
	}
}

// TestConfigApplies: the findings are the lint's as configured: a
// disabled rule marks nothing, and a rule made an error turns a warning
// red.
func TestConfigApplies(t *testing.T) {
	path, data := fixture(t, "small.json")
	p, err := Read(linter(t, lint.Config{Disable: []string{"invalid-number", "DP2006"}}), path, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pl := p.Pipelines[0]
	if n := node(t, pl, "Copy"); n.Findings.Errors != 0 {
		t.Errorf("Copy has %+v with DP1109 disabled", n.Findings)
	}
	if n := node(t, pl, "Spare"); n.Unused {
		t.Error("Spare is greyed with DP2006 disabled")
	}
}

func TestFocus(t *testing.T) {
	for _, tc := range []struct {
		id    string
		depth int
		want  string
	}{
		{"Copy", 0, "Copy"},
		{"Copy", 1, "Nightly Input Output Ready Copy Worker Page"},
		{"Rows", 1, "Input Rows"},
		{"Rows", 2, "Nightly Input Rows Copy"},
	} {
		p := read(t, "small.json", Options{Focus: tc.id, Depth: tc.depth})
		var got []string
		for _, n := range p.Pipelines[0].Nodes {
			got = append(got, n.ID)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("--focus %s --depth %d: %v, want %s", tc.id, tc.depth, got, tc.want)
		}
		for _, e := range p.Pipelines[0].Edges {
			if !strings.Contains(" "+tc.want+" ", " "+e.From.ID+" ") || !strings.Contains(" "+tc.want+" ", " "+e.To.ID+" ") {
				t.Errorf("--focus %s: edge %s → %s kept without both ends", tc.id, e.From.ID, e.To.ID)
			}
		}
	}
	// In a template, only the pipelines holding the object are drawn.
	p := read(t, "two-pipelines.yaml", Options{Focus: "Helper", Depth: 1})
	if len(p.Pipelines) != 1 || len(p.Pipelines[0].Nodes) != 2 {
		t.Errorf("--focus Helper: %v", names(p))
	}
	path, data := fixture(t, "small.json")
	for id, want := range map[string]string{
		"copy":    `no object "copy" (did you mean "Copy"?)`,
		"Nothing": `no object "Nothing" (did you mean "Nightly"?)`,
		"Default": "Default is not drawn",
	} {
		_, err := Read(linter(t, lint.Config{}), path, data, Options{Focus: id, Depth: 1})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--focus %s: %v, want %q", id, err, want)
		}
	}
}

func TestUnreadable(t *testing.T) {
	l := linter(t, lint.Config{})
	var input *InputError
	_, err := Read(l, "broken.json", []byte("{\"objects\": [\n  {\"id\": \"A\",, }\n"), Options{})
	if !errors.As(err, &input) || input.Line != 2 || input.Column == 0 {
		t.Errorf("broken JSON: %v", err)
	}
	_, err = Read(l, "stack.yaml", []byte("Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: [a\n"), Options{})
	if !errors.As(err, &input) {
		t.Errorf("broken YAML: %v", err)
	}
	_, err = Read(l, "package.json", []byte(`{"name": "web"}`), Options{})
	if !errors.Is(err, ErrNoPipeline) {
		t.Errorf("not a definition: %v", err)
	}
	// A file the lint reads past (a trailing comma) is drawn.
	p, err := Read(l, "comma.json", []byte(`{"objects": [{"id": "A", "type": "Ec2Resource",}]}`), Options{})
	if err != nil || len(p.Pipelines[0].Nodes) != 1 || p.Pipelines[0].Nodes[0].Findings.Errors == 0 || p.Pipelines[0].Elsewhere.Warnings == 0 {
		t.Errorf("trailing comma: %v", err)
	}
	// A companion file has a pipeline with nothing to draw.
	p, err = Read(l, "values.json", []byte(`{"values": {"myA": "a"}}`), Options{})
	if err != nil || len(p.Pipelines) != 1 || len(p.Pipelines[0].Nodes) != 0 {
		t.Errorf("values file: %v", err)
	}
}

// TestFindingsOnDuplicates: a finding goes to the object whose text holds
// it, among objects sharing an id.
func TestFindingsOnDuplicates(t *testing.T) {
	data := []byte(`{"objects": [
  {"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "failureAndRerunMode": "CASCADE", "role": "r", "resourceRole": "rr", "workerGroup": "wg"},
  {"id": "Say", "type": "ShellCommandActivity", "command": "echo"},
  {"id": "Say", "type": "ShellCommandActivity", "command": "echo", "maximumRetries": "x"}
]}`)
	p, err := Read(linter(t, lint.Config{}), "dup.json", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ns := p.Pipelines[0].Nodes
	if len(ns) != 2 || ns[0].Findings.Errors != 0 || ns[1].Findings.Errors != 2 {
		t.Errorf("findings %+v %+v, want none on the first, the duplicate id and the bad number on the second", ns[0].Findings, ns[1].Findings)
	}
}

// TestInternalErrorIsAnError: a bug met while drawing is an error that
// says so, not a crash of the command.
func TestInternalErrorIsAnError(t *testing.T) {
	n := &Node{ID: "A"}
	broken := &Picture{Pipelines: []*Pipeline{{Nodes: []*Node{n}, Edges: []*Edge{{From: nil, To: n, Slot: "x"}}}}}
	var b strings.Builder
	err := Write(&b, broken, "svg")
	if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("Write on an edge with no source: %v", err)
	}
	if err := Write(&b, &Picture{}, "png"); err == nil || !strings.Contains(err.Error(), `unknown format "png"`) {
		t.Errorf("unknown format: %v", err)
	}
}
