package editorschema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dplint/dplint/internal/editorschema"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/internal/testenv"
)

var iotFile = filepath.Join("..", "..", "schema", "iotanalytics.schema.json")

// TestIoTAnalyticsSchema: the committed IoT Analytics schema is what the
// shapes generate; it accepts every valid request of testdata and refuses
// the broken requests whose defect it can express (a member unknown or
// missing, a type, a length, count, range or pattern, two activities in
// one entry, a time range with channel messages).
func TestIoTAnalyticsSchema(t *testing.T) {
	got, err := editorschema.IoTAnalyticsSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(iotFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(iotFile)
	if err != nil {
		t.Fatalf("%v; run: go test ./internal/editorschema -run TestIoTAnalyticsSchema -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date (first difference at line %d); run: go test ./internal/editorschema -run TestIoTAnalyticsSchema -update", iotFile, firstDiffLine(got, want))
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(editorschema.IoTAnalyticsURL, bytes.NewReader(want)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(editorschema.IoTAnalyticsURL)
	if err != nil {
		t.Fatalf("compiling %s: %v", iotFile, err)
	}
	root := testenv.RepoRoot(t)
	check := func(glob string, valid bool) int {
		files, _ := filepath.Glob(filepath.Join(root, glob))
		n := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lf := load.Read(f, data)
			if len(lf.IoT) != 1 || lf.IoT[0].Form != iotanalytics.CLI || len(lf.Source.Problems) > 0 {
				continue
			}
			v, err := decode(data)
			if err != nil {
				t.Fatal(err)
			}
			n++
			err = sch.Validate(v)
			if valid && err != nil {
				t.Errorf("%s: valid, but the schema says: %v", f, failures(err))
			}
			if !valid && err == nil {
				t.Errorf("%s: the schema accepts it", f)
			}
		}
		return n
	}
	if n := check("testdata/iotanalytics/ok/*.json", true); n < 5 {
		t.Errorf("only %d valid requests checked", n)
	}
	n := 0
	for _, id := range []string{"IA1001", "IA1002", "IA1003", "IA1004", "IA4001", "IA7001", "IA7002", "IA7003", "IA7004"} {
		n += check("rules/testdata/"+id+"/*.json", false)
	}
	if n < 15 {
		t.Errorf("only %d broken requests checked", n)
	}
}

// TestIoTPatterns: the schema's patterns accept and refuse what the model's
// patterns (as dplint tests them) do.
func TestIoTPatterns(t *testing.T) {
	samples := []string{"abc", "a_b", "_a", "__a", "a-b", "a.b", "a b", "channel/c/__dt=2024-01-01 00:00:00/f.json", "x#y", "a{b}(c)!'*:=", "ü"}
	for _, s := range []*iotanalytics.Shape{iotanalytics.PipelineName, iotanalytics.ChannelName, iotanalytics.DatastoreName, iotanalytics.LambdaName, iotanalytics.S3PathChannelMessage} {
		p, not := editorschema.IoTPattern(s)
		re := regexp.MustCompile(p)
		for _, text := range samples {
			got := re.MatchString(text) && (not == "" || !regexp.MustCompile(not).MatchString(text))
			if got != s.Matches(text) {
				t.Errorf("%s %q: schema pattern %v, model pattern %v", s.Name, text, got, s.Matches(text))
			}
		}
		if strings.Contains(p, `\=`) || strings.Contains(p, `\:`) || strings.Contains(p, "(?") {
			t.Errorf("%s: %s is not read alike by ECMAScript's u flag and RE2", s.Name, p)
		}
	}
}
