package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/serve"
	"github.com/dplint/dplint/source"
)

// startServeInProcess runs dplint serve's handler on a loopback port for
// the test, with throw-away credentials in the environment for the SDK.
func startServeInProcess(t *testing.T) string {
	t.Helper()
	awsfake.Credentials(t)
	s, err := serve.New(serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return hs.URL
}

// definitionFiles lists the files under dir that dplint lints, sorted.
func definitionFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".json", ".yaml", ".yml", ".template", ".tf":
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// lint --remote against dplint serve gives, for every file of testdata and
// the corpus, the answer dplint gives offline: the same exception where
// dplint predicts one, and otherwise no disagreement and the same messages
// on the same objects (the order within an object may differ: the service
// sees the API form, whose fields are sorted by key; so may a line a
// message cites, and a template's worked-out values, see disagrees).
func TestServeAgreesWithLint(t *testing.T) {
	root := inRepoRoot(t)
	url := startServeInProcess(t)
	t.Run("testdata", func(t *testing.T) {
		agreeOn(t, url, definitionFiles(t, filepath.Join(root, "testdata")), 30, 1)
	})
	t.Run("corpus", func(t *testing.T) {
		agreeOn(t, url, definitionFiles(t, filepath.Join(testenv.SharedDir(t), "corpus")), 60, 0)
	})
}

// agreeOn compares lint --remote against serve with the offline lint on
// files, requiring at least least responses and leastExc exceptions
// compared (so that the comparison cannot pass by comparing nothing).
func agreeOn(t *testing.T, url string, files []string, least, leastExc int) {
	exception := regexp.MustCompile(`An error occurred \((\w+)\) when calling the ValidatePipelineDefinition operation`)
	compared, exceptions := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if lf := load.Read(f, data); lf.Form == definition.NotOurs || lf.Form == definition.Companion {
			continue // nothing to send: the SDK refuses a request without pipelineObjects
		}
		off, offErr, _ := run(t, "", "lint", "--format", "aws", f)
		on, onErr, code := run(t, "", "lint", "--format", "aws", "--remote", "--endpoint-url", url, "--remote-timeout", "30s", f)
		if strings.Contains(onErr, "left a scratch pipeline") || strings.Contains(onErr, "may have left") {
			t.Errorf("%s: a scratch pipeline left behind:\n%s", f, onErr)
		}
		if m := exception.FindStringSubmatch(offErr); m != nil {
			if !strings.Contains(onErr, "An error occurred ("+m[1]+") when calling the ValidatePipelineDefinition operation") {
				t.Errorf("%s: dplint predicts %s, serve answered\n%s", f, m[1], onErr)
			}
			exceptions++
			continue
		}
		if offErr != "" {
			continue // the AWS CLI would refuse it: no answer to compare
		}
		if code == cli.ExitFailed || disagrees(onErr) {
			t.Errorf("%s: lint --remote against serve: exit %d\n%s", f, code, onErr)
			continue
		}
		if strings.Contains(onErr, "not sent") || strings.Contains(onErr, "not compared") {
			continue // values known only at deploy time
		}
		if a, b := byObject(t, on), byObject(t, off); a != b {
			t.Errorf("%s: serve's answer\n%s\ndplint offline\n%s", f, on, off)
		}
		compared++
	}
	if compared < least || exceptions < leastExc {
		t.Fatalf("compared only %d responses (and %d exceptions) of %d files", compared, exceptions, len(files))
	}
	t.Logf("serve answered %d of %d files as dplint does offline, and %d with the exception dplint predicts", compared, len(files), exceptions)
}

// disagrees reports a disagreement beyond what no service could match:
// dplint's note on a value it worked out from a template's parameter
// ("(value worked out from ...)") and the line a message cites (the
// service sees the request, not the file).
func disagrees(stderr string) bool {
	if !strings.Contains(stderr, "disagree") {
		return false
	}
	count := map[string]int{}
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		if text, ok := strings.CutPrefix(line, "the service said, dplint did not: "); ok {
			count[comparable(text)]++
		}
		if text, ok := strings.CutPrefix(line, "dplint said (a check the service makes), the service did not: "); ok {
			count[comparable(text)]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return true
		}
	}
	return false
}

var (
	workedOut = regexp.MustCompile(` \(value worked out from .*\)$`)
	atLine    = regexp.MustCompile(`at line \d+`)
)

func comparable(text string) string {
	return atLine.ReplaceAllString(workedOut.ReplaceAllString(text, ""), "at line N")
}

// byObject is an aws-format answer with each object's messages sorted.
func byObject(t *testing.T, out string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		return out // several definitions, or not JSON: compared as printed
	}
	answers := []map[string]any{v}
	if _, ok := v["errored"]; !ok { // several definitions, by name
		answers = nil
		for _, a := range v {
			if m, ok := a.(map[string]any); ok {
				answers = append(answers, m)
			}
		}
	}
	for _, a := range answers {
		sortMessages(a)
	}
	data, _ := json.Marshal(v)
	return string(data)
}

func sortMessages(v map[string]any) {
	for _, list := range []string{"validationErrors", "validationWarnings"} {
		entries, _ := v[list].([]any)
		for _, e := range entries {
			m := e.(map[string]any)
			for _, k := range []string{"errors", "warnings"} {
				if msgs, ok := m[k].([]any); ok {
					for i := range msgs {
						msgs[i] = comparable(fmt.Sprint(msgs[i]))
					}
					sort.Slice(msgs, func(i, j int) bool { return fmt.Sprint(msgs[i]) < fmt.Sprint(msgs[j]) })
				}
			}
		}
	}
}

// dplint pull from serve writes back what was put, as the AWS CLI's
// get-pipeline-definition prints it.
func TestPullFromServe(t *testing.T) {
	root := inRepoRoot(t)
	url := startServeInProcess(t)
	ctx := context.Background()
	api, err := remote.NewClient(ctx, remote.Options{EndpointURL: url, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	client := api.(*datapipeline.Client)
	files, _ := filepath.Glob(filepath.Join(root, "testdata/ok/*.json"))
	want := map[string]string{}
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := definition.Read(f, source.Parse(f, data))
		if d.Form == definition.NotOurs || d.Form == definition.Companion {
			continue
		}
		body, err := definition.ToAPI(d)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		req, err := remote.FromDefinition(body)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		created, err := client.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String(filepath.Base(f)), UniqueId: aws.String(fmt.Sprint(i))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.PutPipelineDefinition(ctx, &datapipeline.PutPipelineDefinitionInput{PipelineId: created.PipelineId,
			PipelineObjects: req.PipelineObjects, ParameterObjects: req.ParameterObjects, ParameterValues: req.ParameterValues}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cliForm, err := definition.ToCLI(definition.Read("sent.json", source.Parse("sent.json", ojson.Marshal(body))))
		if err != nil {
			t.Fatal(err)
		}
		want[aws.ToString(created.PipelineId)] = string(ojson.Marshal(cliForm))
	}
	if len(want) < 3 {
		t.Fatalf("only %d fixtures put", len(want))
	}
	dir := filepath.Join(t.TempDir(), "pulled")
	out, errOut, code := run(t, "", "pull", "--all", "-o", dir, "--endpoint-url", url)
	if code != cli.ExitOK {
		t.Fatalf("pull --all: exit %d\n%s\n%s", code, out, errOut)
	}
	for id, w := range want {
		if got := readString(t, filepath.Join(dir, id+".json")); got != w {
			t.Errorf("%s pulled from serve:\n%s\nwant:\n%s", id, got, w)
		}
	}
}

// dplint eval --remote against serve: the service's EvaluateExpression is
// dplint's evaluator, so both sides agree, also on the run's time.
func TestEvalRemoteAgainstServe(t *testing.T) {
	root := inRepoRoot(t)
	url := startServeInProcess(t)
	ctx := context.Background()
	api, err := remote.NewClient(ctx, remote.Options{EndpointURL: url, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	client := api.(*datapipeline.Client)
	f := filepath.Join(root, "serve", "testdata", "scheduled.json")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	d := definition.Read(f, source.Parse(f, data))
	d.ValuesGiven = map[string][]string{"myGreeting": {"howdy"}}
	body, err := definition.ToAPI(d)
	if err != nil {
		t.Fatal(err)
	}
	req, err := remote.FromDefinition(body)
	if err != nil {
		t.Fatal(err)
	}
	created, err := client.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String("eval"), UniqueId: aws.String("eval")})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(created.PipelineId)
	if _, err := client.PutPipelineDefinition(ctx, &datapipeline.PutPipelineDefinitionInput{PipelineId: created.PipelineId,
		PipelineObjects: req.PipelineObjects, ParameterObjects: req.ParameterObjects, ParameterValues: req.ParameterValues}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := client.ActivatePipeline(ctx, &datapipeline.ActivatePipelineInput{PipelineId: created.PipelineId, StartTimestamp: &start}); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"#{myGreeting} from #{runsOn.instanceType}":                 "howdy from t3.micro",
		"#{format(plusDays(@scheduledStartTime, 2), 'YYYY-MM-dd')}": "2030-01-03",
	} {
		out, errOut, code := run(t, "", "eval", "--remote", "--pipeline-id", id, "--object", "Greet", "--at", "2030-01-01T00:00:00",
			"--endpoint-url", url, text)
		if code != cli.ExitOK || out != "dplint: "+want+"\nservice: "+want+"\nsame\n" {
			t.Errorf("eval --remote %q: exit %d\n%s%s", text, code, out, errOut)
		}
	}
}
