package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/lint"
)

// The IoT Analytics side of the command line: testdata/iotanalytics/ok
// lints clean, testdata/iotanalytics/not-ours is skipped, a mutation test
// of the IA rules, the aws format's client refusals against botocore's
// own validator, and cfn-lint beside dplint on the IoT templates. The
// format goldens are testdata/format/iot-*.

const iotDir = "testdata/iotanalytics"

func TestIoTOKAndNotOurs(t *testing.T) {
	inRepoRoot(t)
	ok := lintableFiles(t, filepath.Join(iotDir, "ok"))
	if len(ok) < 6 {
		t.Fatalf("only %d valid IoT Analytics fixtures", len(ok))
	}
	for _, f := range ok {
		out, errOut, code := run(t, "", "lint", "--no-color", "--fail-level", "info", f)
		if code != cli.ExitOK || !strings.Contains(out, "0 errors, 0 warnings, 0 info in 1 file") {
			t.Errorf("%s: exit %d, want a clean lint of one file:\n%s%s", f, code, out, errOut)
		}
	}
	notOurs := lintableFiles(t, filepath.Join(iotDir, "not-ours"))
	if len(notOurs) < 6 {
		t.Fatalf("only %d look-alike fixtures", len(notOurs))
	}
	for _, f := range notOurs {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if lf := load.Read(f, data); lf.Ours() {
			t.Errorf("%s: read as ours (%d IoT documents, form %v); it must stay silent", f, len(lf.IoT), lf.Form)
		}
	}
	// A hook that lints every file of a directory sees nothing there.
	out, errOut, code := run(t, "", "lint", "--no-color", "--fail-level", "info", filepath.Join(iotDir, "not-ours"))
	if code != cli.ExitOK || !strings.Contains(out, "in 0 files") {
		t.Errorf("lint of the look-alikes: exit %d\n%s%s", code, out, errOut)
	}
}

func TestIoTExplain(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"IA2004", "IA2004 iot-broken-chain (error, origin lint)"},
		{"iot-time-and-messages", "IA4001 iot-time-and-messages (error, origin service)"},
	} {
		out, errOut, code := run(t, "", "explain", c.arg)
		if code != cli.ExitOK || !strings.Contains(out, c.want) {
			t.Errorf("explain %s: exit %d, want %q:\n%s%s", c.arg, code, c.want, out, errOut)
		}
	}
}

// iotMutant is one defect planted in a valid IoT Analytics request: the
// rule that must report it, on which activity ("" for the request).
type iotMutant struct {
	name, rule, object string
	data               []byte
}

// TestIoTMutations plants one defect at a time in every CLI-form request
// of testdata/iotanalytics/ok (decoded into the ordered tree the Data
// Pipeline mutation test uses) and requires the IA rule that says it on
// the right activity: a required member dropped, next misspelt or naming
// nothing, an activity named twice, the channel not first, a chain cut,
// batchSize, attribute lists and expressions broken, a bad pipeline name;
// for reprocessing requests, a time range with channel messages, the range
// reversed, a date out of range, an S3 path that is no channel key, an
// empty list, a misspelt member. (A misspelt top-level key of a
// reprocessing request makes it no longer one: detection takes only the
// request's own keys, so it is not mutated.) The bar is every mutant
// detected.
func TestIoTMutations(t *testing.T) {
	inRepoRoot(t)
	l, err := lint.New(lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	total, detected := 0, 0
	for _, f := range jsonFiles(t, filepath.Join(iotDir, "ok")) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := mutDecode(data)
		if err != nil || root.get("Resources") != nil {
			continue // templates are not mutated
		}
		for _, m := range iotMutants(root) {
			total++
			res := l.Lint(f, m.data)
			if res.Skipped || len(res.Definitions) != 1 {
				t.Errorf("%s, %s: not linted as one IoT Analytics document", f, m.name)
				continue
			}
			var got []string
			found := false
			for _, d := range diag.Flatten(res.Definitions[0].Diagnostics) {
				got = append(got, fmt.Sprintf("%s on %q: %s", d.Rule.ID, d.Object, d.Message))
				found = found || d.Rule.ID == m.rule && d.Object == m.object
			}
			if !found {
				t.Errorf("%s, %s: want %s on %q; got %v", f, m.name, m.rule, m.object, got)
				continue
			}
			detected++
		}
	}
	t.Logf("IoT Analytics mutants detected: %d of %d", detected, total)
	if total < 40 {
		t.Errorf("only %d mutants; the valid fixtures should give at least 40", total)
	}
}

func iotMutants(root *mutNode) []iotMutant {
	var out []iotMutant
	add := func(name, rule, object string, edit func(r *mutNode)) {
		c := root.clone()
		edit(c)
		var b bytes.Buffer
		c.encode(&b)
		out = append(out, iotMutant{name, rule, object, b.Bytes()})
	}
	set := func(n *mutNode, key string, v *mutNode) {
		for _, m := range n.members {
			if m.key == key {
				m.val = v
				return
			}
		}
		n.members = append(n.members, &mutMember{key: key, val: v})
	}
	str := func(s string) *mutNode { return &mutNode{kind: 's', text: s} }
	lit := func(s string) *mutNode { return &mutNode{kind: 'l', text: s} }
	add("pipeline name with a dash", "IA7002", "", func(r *mutNode) { set(r, "pipelineName", str("bad-name")) })
	add("empty pipeline name", "IA7001", "", func(r *mutNode) { set(r, "pipelineName", str("")) })

	acts := root.get("pipelineActivities")
	if acts == nil { // a reprocessing request
		if root.get("channelMessages") != nil {
			add("a time with the messages", "IA4001", "", func(r *mutNode) { set(r, "startTime", str("2024-01-01T00:00:00Z")) })
			add("a path that is no key", "IA4005", "", func(r *mutNode) { r.get("channelMessages").get("s3Paths").elems[0] = str("raw/readings.json") })
			add("no paths", "IA7003", "", func(r *mutNode) { set(r.get("channelMessages"), "s3Paths", &mutNode{kind: 'a'}) })
			add("a path with #", "IA7002", "", func(r *mutNode) { r.get("channelMessages").get("s3Paths").elems[0].text += "#1" })
			add("s3Paths misspelt", "IA1001", "", func(r *mutNode) { r.get("channelMessages").members[0].key = "s3Path" })
			return out
		}
		add("messages with the times", "IA4001", "", func(r *mutNode) {
			set(r, "channelMessages", &mutNode{kind: 'o', members: []*mutMember{{key: "s3Paths", val: &mutNode{kind: 'a', elems: []*mutNode{str("channel/c/__dt=2024-01-01 00:00:00/f.json")}}}}})
		})
		add("the range reversed", "IA4004", "", func(r *mutNode) {
			s, e := r.get("startTime"), r.get("endTime")
			set(r, "startTime", e)
			set(r, "endTime", s)
		})
		add("a month out of range", "IA4002", "", func(r *mutNode) { set(r, "startTime", str("2024-13-01T00:00:00Z")) })
		add("a null end", "IA4002", "", func(r *mutNode) { set(r, "endTime", lit("null")) })
		add("a guessed start", "IA4003", "", func(r *mutNode) { set(r, "startTime", str("01/02/2024")) })
		return out
	}
	n := len(acts.elems)
	body := func(r *mutNode, i int) (string, *mutNode) {
		m := r.get("pipelineActivities").elems[i].members[0]
		return m.key, m.val
	}
	nameOf := func(i int) string { _, b := body(root, i); return b.get("name").text }
	add("the channel last", "IA2001", nameOf(0), func(r *mutNode) {
		e := r.get("pipelineActivities").elems
		e[0], e[n-1] = e[n-1], e[0]
	})
	add("an empty entry", "IA1004", "", func(r *mutNode) {
		a := r.get("pipelineActivities")
		a.elems = slices.Insert(a.elems, 1, &mutNode{kind: 'o'})
	})
	add("the chain cut before the datastore", "IA2004", nameOf(n-2), func(r *mutNode) { _, b := body(r, n-2); b.remove("next") })
	add("a second entry named as the first", "IA2002", nameOf(0), func(r *mutNode) { _, b := body(r, 1); set(b, "name", str(nameOf(0))) })
	for i := range acts.elems {
		kind, b := body(root, i)
		name := nameOf(i)
		shape := iotanalytics.PipelineActivity.Lookup(kind).Shape
		for _, m := range shape.Members {
			if !m.Required {
				continue
			}
			owner := name
			if m.Name == "name" {
				owner = fmt.Sprintf("activity %d", i+1)
			}
			add(fmt.Sprintf("%s without %s", name, m.Name), "IA1002", owner, func(r *mutNode) { _, b := body(r, i); b.remove(m.Name) })
		}
		if b.get("next") != nil {
			add(name+"'s next misspelt", "IA1001", name, func(r *mutNode) {
				_, b := body(r, i)
				for _, m := range b.members {
					if m.key == "next" {
						m.key = "nextt"
					}
				}
			})
			add(name+"'s next naming nothing", "IA2003", name, func(r *mutNode) { _, b := body(r, i); set(b, "next", str("zz_nowhere")) })
		}
		switch kind {
		case "lambda":
			add(name+"'s batch of 0", "IA7004", name, func(r *mutNode) { _, b := body(r, i); set(b, "batchSize", lit("0")) })
			add(name+"'s batch as text", "IA1003", name, func(r *mutNode) { _, b := body(r, i); set(b, "batchSize", str("10")) })
		case "filter", "math":
			add(name+"'s expression unbalanced", "IA3001", name, func(r *mutNode) { _, b := body(r, i); b.get(kind).text = "(" + b.get(kind).text })
		case "removeAttributes", "selectAttributes":
			add(name+"'s attributes empty", "IA7003", name, func(r *mutNode) { _, b := body(r, i); set(b, "attributes", &mutNode{kind: 'a'}) })
		case "deviceRegistryEnrich", "deviceShadowEnrich":
			add(name+"'s role ARN short", "IA7001", name, func(r *mutNode) { _, b := body(r, i); set(b, "roleArn", str("arn:aws:iam::1")) })
		case "channel", "datastore":
			add(name+"'s resource name with a dash", "IA7002", name, func(r *mutNode) { _, b := body(r, i); set(b, kind+"Name", str("with-dash")) })
		}
	}
	return out
}

// TestIoTRefusalsMatchBotocore runs botocore's own parameter validation
// (the AWS CLI's, with the service model from ../shared) on every
// CLI-form IoT Analytics request among the fixtures, and requires `lint
// --format aws` to print exactly what the AWS CLI would: the same
// "Parameter validation failed:" lines in the same order, or no refusal
// at all.
func TestIoTRefusalsMatchBotocore(t *testing.T) {
	inRepoRoot(t)
	model := filepath.Join(testenv.SharedDir(t), "reference", "api-models", "iotanalytics-2017-11-27.service-2.json")
	py := testenv.Tool(t, "python3")
	if err := exec.Command(py, "-c", "import botocore.validate").Run(); err != nil {
		testenv.Missing(t, "botocore (the AWS CLI's) is not importable by python3; .ci/run installs the AWS CLI")
	}
	var files []string
	dirs, _ := filepath.Glob("rules/testdata/IA*")
	dirs = append(dirs, "testdata/format", filepath.Join(iotDir, "ok"))
	for _, dir := range dirs {
		for _, f := range jsonFiles(t, dir) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if lf := load.Read(f, data); len(lf.IoT) == 1 && lf.IoT[0].Form == iotanalytics.CLI {
				files = append(files, f)
			}
		}
	}
	if len(files) < 30 {
		t.Fatalf("only %d IoT Analytics requests among the fixtures", len(files))
	}
	inputs := make([][]byte, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[i] = data
	}
	answers := testenv.PythonEach(t, `
import json
from botocore.model import ServiceModel
from botocore.validate import ParamValidator
_model = ServiceModel(json.load(open(`+fmt.Sprintf("%q", model)+`)), 'iotanalytics')
def run(data):
    try:
        params = json.loads(data)
    except ValueError:
        return 'JSON'
    op = 'CreatePipeline' if 'pipelineActivities' in params else 'StartPipelineReprocessing'
    report = ParamValidator().validate(params, _model.operation_model(op).input_shape)
    if report.has_errors():
        return 'Parameter validation failed:\n' + report.generate_report()
    return ''
`, inputs)
	for i, f := range files {
		want := *answers[i]
		if want == "JSON" {
			continue // the AWS CLI stops at the JSON: IA0001's, tested by its goldens
		}
		_, errOut, _ := run(t, "", "lint", "--format", "aws", f)
		got := strings.TrimSpace(errOut)
		if !strings.HasPrefix(got, "Parameter validation failed:") {
			got = "" // the service's exception, or nothing: botocore sends it
		}
		if got != want {
			t.Errorf("%s: the AWS CLI would print\n%s\ndplint predicts\n%s", f, want, got)
		}
	}
}

// iotCFNLintOutside are cfn-lint rules that fire on an IoT Analytics
// pipeline resource without a defect dplint checks, with the reason.
var iotCFNLintOutside = map[string]string{
	"E3710": "the service was shut down on 2025-12-15: cfn-lint says so on every resource of the type",
}

// TestIoTCFNLintPeer runs cfn-lint (whose schema of
// AWS::IoTAnalytics::Pipeline is the resource provider's) beside dplint
// on every IoT Analytics template of testdata: each defect cfn-lint
// reports on such a resource dplint must report on the same line; what
// only dplint finds is kept in testdata/iotanalytics/cfn-peer.golden.
func TestIoTCFNLintPeer(t *testing.T) {
	cfnLint := testenv.Tool(t, "cfn-lint")
	inRepoRoot(t)
	var files []string
	iotResources := map[string]bool{} // file#LogicalId of each IoT Analytics pipeline
	for _, dir := range []string{"rules/testdata", "testdata"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !slices.Contains([]string{".yaml", ".yml", ".json", ".template"}, filepath.Ext(path)) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if lf := load.Read(path, data); len(lf.IoT) > 0 && lf.IoT[0].Form == iotanalytics.CloudFormation && lf.IoT[0].Resource != nil {
				files = append(files, filepath.ToSlash(path))
				for _, d := range lf.IoT {
					iotResources[filepath.ToSlash(path)+"#"+d.Resource.Key] = true
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	if len(files) < 8 {
		t.Fatalf("only %d IoT Analytics templates", len(files))
	}
	cmd := exec.Command(cfnLint, append([]string{"--format", "json", "--"}, files...)...)
	out, err := cmd.Output()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok || len(out) == 0 {
			t.Fatalf("cfn-lint: %v", err)
		}
	}
	var peer []cfnLintResult
	if err := json.Unmarshal(out, &peer); err != nil {
		t.Fatalf("cfn-lint output: %v\n%s", err, out)
	}
	stdout, errOut, code := run(t, "", append([]string{"lint", "--format", "json", "--fail-level", "info"}, files...)...)
	if code > 1 {
		t.Fatalf("dplint exit %d: %s", code, errOut)
	}
	var doc struct {
		Diagnostics []struct {
			File    string
			Range   struct{ Start struct{ Line, Column int } }
			Rule    struct{ ID string }
			Message string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("dplint output: %v", err)
	}
	type key struct {
		file string
		line int
	}
	ours := map[key]bool{}
	for _, d := range doc.Diagnostics {
		ours[key{d.File, d.Range.Start.Line}] = true
	}
	matched := map[key]bool{}
	checked := 0
	for _, p := range peer {
		if len(p.Location.Path) < 2 || p.Location.Path[0] != "Resources" || !iotResources[filepath.ToSlash(p.Filename)+"#"+fmt.Sprint(p.Location.Path[1])] {
			continue // not on an IoT Analytics pipeline
		}
		if why, ok := iotCFNLintOutside[p.Rule.ID]; ok {
			t.Logf("%s:%d: cfn-lint %s left to cfn-lint (%s)", p.Filename, p.Location.Start.LineNumber, p.Rule.ID, why)
			continue
		}
		k := key{filepath.ToSlash(p.Filename), p.Location.Start.LineNumber}
		checked++
		if !ours[k] {
			t.Errorf("%s:%d:%d: cfn-lint %s %q; dplint reports nothing on that line", k.file, k.line, p.Location.Start.ColumnNumber, p.Rule.ID, p.Message)
		}
		matched[k] = true
	}
	if checked < 5 {
		t.Errorf("cfn-lint made only %d findings on the IoT templates to compare", checked)
	}
	var only []string
	for _, d := range doc.Diagnostics {
		if !matched[key{d.File, d.Range.Start.Line}] {
			only = append(only, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Range.Start.Line, d.Range.Start.Column, d.Rule.ID, d.Message))
		}
	}
	sort.Strings(only)
	goldie.New(t, goldie.WithFixtureDir(iotDir), goldie.WithNameSuffix(".golden")).Assert(t, "cfn-peer", []byte(strings.Join(only, "\n")+"\n"))
}

func TestIoTSchemaCommand(t *testing.T) {
	inRepoRoot(t)
	out, errOut, code := run(t, "", "schema", "--iotanalytics")
	want, err := os.ReadFile("schema/iotanalytics.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if code != cli.ExitOK || out != string(want) {
		t.Errorf("schema --iotanalytics: exit %d, %d bytes (want the %d of schema/iotanalytics.schema.json)\n%s", code, len(out), len(want), errOut)
	}
	if _, _, code := run(t, "", "schema", "--iotanalytics", "--files"); code != cli.ExitUsage {
		t.Errorf("schema --iotanalytics --files: exit %d, want a usage error", code)
	}
}
