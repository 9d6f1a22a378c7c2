package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/rules"
)

// TestCommandTable drives every command and lint flag in-process and checks
// exit codes and the key parts of stdout and stderr.
func TestCommandTable(t *testing.T) {
	inRepoRoot(t)
	scratch := t.TempDir()
	write := func(rel, text string) string {
		p := filepath.Join(scratch, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	warnOnly := write("warn/only-warning.json", `{"objects": [{"id": "Default", "scheduleType": "ondemand", "scheduleType": "cron"}]}`)
	pkg := write("tree/package.json", `{"name": "web", "version": "1.0.0", "dependencies": {}}`)
	write("tree/nested/deeper/bad.json", `{"objects": [{"id": "A"}, {"id": "A"}]}`)
	write("tree/.git/ignored.json", `{"objects": [{"id": "A"}, {"id": "A"}]}`)
	write("tree/node_modules/dep/ignored.json", `{"objects": [{"id": "A"}, {"id": "A"}]}`)
	write("tree/notes.txt", `{"objects": [{"id": "A"}, {"id": "A"}]}`)
	write("tree/stacks/pipeline.yaml", "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties: {Name: p, Activate: maybe}\n")
	write("tree/stacks/bucket.template", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n")
	write("tree/infra/main.tf", "resource \"aws_datapipeline_pipeline_definition\" \"p\" {\n  pipeline_id = \"df-1\"\n  pipeline_object {\n    id = \"A\"\n  }\n}\n")
	if err := os.Symlink(filepath.Join(scratch, "tree/nested/deeper/bad.json"), filepath.Join(scratch, "tree/linked.json")); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(scratch, "dangling.json")
	if err := os.Symlink(filepath.Join(scratch, "nowhere"), broken); err != nil {
		t.Fatal(err)
	}
	varsLines := write("vars/vars.txt", "# rendered by the deploy script\nhours=2\nsubnet = subnet-0abc\nresources.role=MyRole\n")
	varsJSON := write("vars/vars.json", `{"hours": "2 hours", "subnet": 7}`)
	varsBad := write("vars/bad.json", `{"hours": {"n": 2}}`)
	varsBadLines := write("vars/bad.txt", "hours\n")
	placeholders := "rules/testdata/DP0005/placeholders.json"
	valuesOK := write("vals/ok.json", `{"values": {"myA": "a", "myD": "d"}}`)
	valuesBad := write("vals/bad.json", `{"values": {"myA": 1}}`)
	valuesBig := write("vals/big.json", `{"values": {"myA": "`+strings.Repeat("x", 16*1024)+`"}}`)
	missingParams := "rules/testdata/DP6005/missing.json"
	clean := "testdata/format/clean.json"
	multi := "testdata/format/multi.json"
	many := "rules/testdata/DP7005/too-many-objects.json"
	respBad := write("resp/bad.json", `{"validationErrors": [{"id": "A", "errors": "not a list"}]}`)
	respBroken := write("resp/broken.json", `{"validationErrors": [`)
	respArray := write("resp/array.json", `[]`)
	respRole := "rules/testdata/DP8002/role-policy.response.json"
	withParam := write("param.json", `{"objects": [{"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": "wg"},
 {"id": "A", "type": "ShellCommandActivity", "command": "echo #{myInput}"}],
 "parameters": [{"id": "myInput", "type": "String"}], "values": {"myInput": "a"}}`)
	valuesFile := write("values.json", `{"values": {"myInput": "b", "myOther": "c"}}`)
	emptyFile := write("strict/empty.json", "")
	randomBytes := write("strict/random.bin", "\x00\xff\x13binary\x80")
	noDefs := filepath.Join(scratch, "nodefs")
	write("nodefs/package.json", `{"name": "x"}`)
	withDef := filepath.Join(scratch, "withdef")
	write("withdef/package.json", `{"name": "x"}`)
	write("withdef/p.json", `{"objects": [{"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": "wg"}]}`)

	tests := []struct {
		name      string
		args      []string
		stdin     string
		code      int
		stdout    []string // substrings that must appear
		notStdout []string // substrings that must not appear
		stderr    []string
		stdoutRE  string // stdout must match fully
	}{
		{name: "no arguments", args: nil, code: cli.ExitUsage, stderr: []string{"Usage:"}},
		{name: "unknown command", args: []string{"lnt"}, code: cli.ExitUsage, stderr: []string{`unknown command "lnt"`}},
		{name: "version", args: []string{"version"}, code: cli.ExitOK, stdoutRE: `^dplint \S.*\n$`},
		{name: "help", args: []string{"help"}, code: cli.ExitOK, stdout: []string{"dplint lint [flags] PATH..."}},
		{name: "param for no parameter", args: []string{"lint", "--oneline", "--param", "myInput=b", "--param", "myInptu=c", withParam}, code: cli.ExitOK,
			stdout: []string{"for 'myInptu', which is not a declared parameter (did you mean 'myInput'?) [DP6001 undeclared-parameter]"}},
		{name: "values for no parameter", args: []string{"lint", "--oneline", "--values", valuesFile, withParam}, code: cli.ExitOK,
			stdout: []string{"for 'myOther', which is not a declared parameter [DP6001"}},
		{name: "params all declared", args: []string{"lint", "--oneline", "--param", "myInput=b", withParam}, code: cli.ExitOK, stdoutRE: `^$`},
		{name: "named non-definitions pass by default", args: []string{"lint", "--oneline", emptyFile, randomBytes, noDefs}, code: cli.ExitOK, stdoutRE: `^$`},
		{name: "strict: named non-definitions are findings", args: []string{"lint", "--oneline", "--strict", emptyFile, randomBytes}, code: cli.ExitFindings,
			stdout: []string{"empty.json:1:1: error: not a pipeline definition", "random.bin:1:1: error: not a pipeline definition", "[DP0007 not-a-definition]"}},
		{name: "strict: a directory with no definition fails", args: []string{"lint", "--strict", noDefs}, code: cli.ExitFindings,
			stderr: []string{"nodefs: no pipeline definition in this directory (--strict)"}},
		{name: "strict: walked non-definitions stay skipped", args: []string{"lint", "--oneline", "--strict", withDef}, code: cli.ExitOK, stdoutRE: `^$`},
		{name: "help help", args: []string{"help", "help"}, code: cli.ExitOK, stdout: []string{"dplint lint [flags] PATH..."}},
		{name: "help --help", args: []string{"help", "--help"}, code: cli.ExitOK, stdout: []string{"dplint lint [flags] PATH..."}},
		{name: "help lint", args: []string{"help", "lint"}, code: cli.ExitOK, stderr: []string{"-fail-level", "-max-objects", "-stdin-filename"}},
		{name: "rules", args: []string{"rules"}, code: cli.ExitOK, stdout: []string{"ID", "DP0001", "invalid-json", "DP7005", "too-many-objects", "service", "lint"}},
		{name: "lint without paths", args: []string{"lint"}, code: cli.ExitUsage, stderr: []string{"no paths given"}},
		{name: "missing path", args: []string{"lint", "does/not/exist.json"}, code: cli.ExitUsage, stderr: []string{"does/not/exist.json: no such file or directory"}},
		{name: "dangling symlink", args: []string{"lint", broken}, code: cli.ExitUsage, stderr: []string{"dangling.json: no such file or directory"}},
		{name: "missing path still reports the others", args: []string{"lint", "--oneline", "nope.json", multi}, code: cli.ExitUsage,
			stdout: []string{"[DP1005 duplicate-object-id]"}, stderr: []string{"nope.json"}},
		{name: "summary says what was not checked", args: []string{"lint", "--no-color", "nope.json", multi}, code: cli.ExitUsage,
			stdout: []string{" in 1 file; 1 file not checked in full (see the errors above)\n"}},
		{name: "clean file", args: []string{"lint", clean}, code: cli.ExitOK, stdout: []string{"0 errors, 0 warnings, 0 info in 1 file"}},
		{name: "findings", args: []string{"lint", "--oneline", multi}, code: cli.ExitFindings, stdout: []string{"testdata/format/multi.json:17:13: error: object id 'Copy'"}},
		{name: "flags after paths", args: []string{"lint", multi, "--format", "json"}, code: cli.ExitFindings, stdout: []string{`"version": 1`}},
		{name: "double dash", args: []string{"lint", "--oneline", "--", multi}, code: cli.ExitFindings, stdout: []string{"DP1005"}},
		{name: "warnings pass at fail-level error", args: []string{"lint", "--oneline", warnOnly}, code: cli.ExitOK, stdout: []string{"[DP0002 duplicate-key]"}},
		{name: "warnings fail at fail-level warning", args: []string{"lint", "--oneline", "--fail-level", "warning", warnOnly}, code: cli.ExitFindings},
		{name: "warnings fail at fail-level info", args: []string{"lint", "--oneline", "--fail-level=info", warnOnly}, code: cli.ExitFindings},
		{name: "fail-level none never fails on findings", args: []string{"lint", "--oneline", "--fail-level", "none", multi}, code: cli.ExitOK, stdout: []string{"DP1005"}},
		{name: "fail-level none still fails on usage", args: []string{"lint", "--fail-level", "none", "nope.json"}, code: cli.ExitUsage},
		{name: "bad fail-level", args: []string{"lint", "--fail-level", "fatal", clean}, code: cli.ExitUsage, stderr: []string{"--fail-level"}},
		{name: "bad format", args: []string{"lint", "--format", "xml", clean}, code: cli.ExitUsage, stderr: []string{`unknown format "xml" (one of aws, github, json, lsp, sarif, text)`}},
		{name: "unknown flag", args: []string{"lint", "--frobnicate", clean}, code: cli.ExitUsage, stderr: []string{"frobnicate"}},
		{name: "disable by id", args: []string{"lint", "--oneline", "--disable", "DP0002", warnOnly}, code: cli.ExitOK, notStdout: []string{"DP0002"}},
		{name: "disable by name", args: []string{"lint", "--oneline", "--disable", "duplicate-key,duplicate-object-id", multi}, code: cli.ExitFindings,
			notStdout: []string{"DP0002", "DP1005"}, stdout: []string{"DP1006"}},
		{name: "enable after disable", args: []string{"lint", "--oneline", "--disable", "DP0002", "--enable", "duplicate-key", warnOnly}, code: cli.ExitOK, stdout: []string{"DP0002"}},
		{name: "only", args: []string{"lint", "--oneline", "--only", "DP1005", multi}, code: cli.ExitFindings, stdout: []string{"DP1005"}, notStdout: []string{"DP1006", "DP0002"}},
		{name: "only a rule that needs a disabled base", args: []string{"lint", "--oneline", "--only", "invalid-shape", "rules/testdata/DP1004/api-shapes.json"}, code: cli.ExitFindings,
			stdout: []string{"DP1004"}},
		{name: "unknown rule", args: []string{"lint", "--disable", "DP9999", clean}, code: cli.ExitUsage, stderr: []string{`unknown rule "DP9999"`}},
		{name: "too many objects by default", args: []string{"lint", "--oneline", many}, code: cli.ExitFindings, stdout: []string{"DP7005"}},
		{name: "max-objects raises the limit", args: []string{"lint", "--oneline", "--max-objects", "200", many}, code: cli.ExitOK, notStdout: []string{"DP7005"}},
		{name: "max-objects lower", args: []string{"lint", "--oneline", "--max-objects", "5", multi}, code: cli.ExitFindings, notStdout: []string{"DP7005"}},
		{name: "max-objects invalid", args: []string{"lint", "--max-objects", "0", clean}, code: cli.ExitUsage, stderr: []string{"--max-objects"}},
		{name: "stdin", args: []string{"lint", "--oneline", "--stdin-filename", "pipelines/etl.json", "-"}, stdin: `{"objects": [{"id": "A"}, {"id": "A"}]}`,
			code: cli.ExitFindings, stdout: []string{"pipelines/etl.json:1:34: error: object id 'A'"}},
		{name: "stdin default name", args: []string{"lint", "--oneline", "-"}, stdin: `{"objects": [{"id": "A"}, {"id": "A"}]}`, code: cli.ExitFindings, stdout: []string{"<stdin>:1:34:"}},
		{name: "stdin twice", args: []string{"lint", "-", "-"}, code: cli.ExitUsage, stderr: []string{"more than once"}},
		{name: "not ours named", args: []string{"lint", "--oneline", pkg}, code: cli.ExitOK, stdoutRE: `^$`},
		{name: "not ours verbose", args: []string{"lint", "--verbose", "--oneline", pkg}, code: cli.ExitOK, stderr: []string{"package.json: skipped: not a pipeline definition"}},
		{name: "stdin not ours", args: []string{"lint", "--oneline", "-"}, stdin: `[1, 2, 3]`, code: cli.ExitOK, stdoutRE: `^$`},
		{name: "directory walk", args: []string{"lint", "--oneline", "--verbose", filepath.Join(scratch, "tree")}, code: cli.ExitFindings,
			stdout:    []string{"nested/deeper/bad.json:1:34:", "tree/linked.json:1:34:", "stacks/pipeline.yaml:4:37: error: P: 'Activate' must be true or false", "infra/main.tf:3:3: error: aws_datapipeline_pipeline_definition.p: pipeline_object has no 'name' argument"},
			notStdout: []string{"ignored.json", "notes.txt", "bucket.template:"}, stderr: []string{"package.json: skipped", "bucket.template: skipped"}},
		{name: "ok directory", args: []string{"lint", "testdata/ok"}, code: cli.ExitOK, stdout: []string{"0 errors, 0 warnings, 0 info in 12 files"}},
		{name: "color always", args: []string{"lint", "--color", "always", multi}, code: cli.ExitFindings, stdout: []string{"\x1b[31merror:\x1b[0m"}},
		{name: "no-color wins", args: []string{"lint", "--color", "always", "--no-color", multi}, code: cli.ExitFindings, notStdout: []string{"\x1b["}},
		{name: "bad color", args: []string{"lint", "--color", "sometimes", multi}, code: cli.ExitUsage, stderr: []string{"--color"}},
		{name: "aws one definition", args: []string{"lint", "--format", "aws", clean}, code: cli.ExitOK, stdoutRE: `^\{\n    "validationErrors": \[\],\n    "validationWarnings": \[\],\n    "errored": false\n\}\n$`},
		{name: "aws several definitions", args: []string{"lint", "--format", "aws", clean, multi}, code: cli.ExitFindings,
			stdout: []string{"{\n    \"testdata/format/clean.json\": {\n        \"validationErrors\": [],", "\"testdata/format/multi.json\": {"}},
		{name: "aws several with a refusal", args: []string{"lint", "--format", "aws", clean, "testdata/format/refused.json"}, code: cli.ExitFindings,
			stdout: []string{"\"testdata/format/clean.json\""}, notStdout: []string{"refused.json"},
			stderr: []string{"testdata/format/refused.json:\nError in pipeline definition: Missing \"id\" key of element"}},
		{name: "aws exception", args: []string{"lint", "--format", "aws", many}, code: cli.ExitFindings, stdoutRE: `^$`,
			stderr: []string{"An error occurred (InvalidRequestException) when calling the ValidatePipelineDefinition operation: Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline\n"}},
		{name: "aws syntax error", args: []string{"lint", "--format", "aws", "rules/testdata/DP0001/trailing-commas.json"}, code: cli.ExitFindings,
			stderr: []string{"\nExpecting property name enclosed in double quotes: line 6 column 5 (char 84)\n"}},
		{name: "json with nothing to report", args: []string{"lint", "--format", "json", pkg}, code: cli.ExitOK,
			stdoutRE: `^\{\n  "version": 1,\n  "diagnostics": \[\],\n  "errors": \[\]\n\}\n$`},
		{name: "json lists unreadable files", args: []string{"lint", "--format", "json", "nope.json", clean}, code: cli.ExitUsage,
			stdout: []string{`"errors": [`, `"file": "nope.json"`, `"message": "nope.json: no such file or directory"`}},
		{name: "translate to api", args: []string{"translate", "--to", "api", "testdata/ok/hello-ondemand.json"}, code: cli.ExitOK,
			stdout: []string{"\"pipelineObjects\": [", "\"refValue\": \"Worker\"", "\"name\": \"Say héllo\""}},
		{name: "translate to cli", args: []string{"translate", "--to", "cli", "testdata/ok/api-form.json"}, code: cli.ExitOK,
			stdout: []string{"\"objects\": [", "\"dependsOn\": [\n                {\n                    \"ref\": \"First\""}},
		{name: "translate stdin", args: []string{"translate", "--to=api", "-"}, stdin: `{"objects": [{"id": "A", "b": "c"}]}`, code: cli.ExitOK,
			stdout: []string{"\"key\": \"b\""}},
		{name: "translate bad target", args: []string{"translate", "--to", "yaml", clean}, code: cli.ExitUsage, stderr: []string{"--to must be api, cli, cfn or cfn-yaml"}},
		{name: "translate missing file", args: []string{"translate", "--to", "api", "nope.json"}, code: cli.ExitUsage, stderr: []string{"nope.json: no such file or directory"}},
		{name: "translate two files", args: []string{"translate", "--to", "api", clean, multi}, code: cli.ExitUsage, stderr: []string{"exactly one FILE"}},
		{name: "translate broken", args: []string{"translate", "--to", "api", "rules/testdata/DP0001/missing-comma.json"}, code: cli.ExitFindings,
			stderr: []string{"missing-comma.json:7:5: error: expected ','"}},
		{name: "translate a template needs --pipeline", args: []string{"translate", "--to", "cli", "testdata/ok/cfn-two-pipelines.yaml"}, code: cli.ExitUsage,
			stderr: []string{"holds 2 pipelines; name one with --pipeline: Nightly OnDemand"}},
		{name: "translate a template's pipeline to the CLI form", args: []string{"translate", "--to", "cli", "--pipeline", "Nightly", "testdata/ok/cfn-two-pipelines.yaml"}, code: cli.ExitOK,
			stdout: []string{"\"pipelineLogUri\": \"s3://${LogBucket}/logs/\"", "\"period\": \"${Period}\"", "\"schedule\": {\n                \"ref\": \"Daily\""}},
		{name: "translate an unknown pipeline", args: []string{"translate", "--to", "cli", "--pipeline", "Weekly", "testdata/ok/cfn-two-pipelines.yaml"}, code: cli.ExitUsage,
			stderr: []string{"has no pipeline \"Weekly\""}},
		{name: "translate to CloudFormation YAML", args: []string{"translate", "--to", "cfn-yaml", "testdata/ok/hello-ondemand.json"}, code: cli.ExitOK,
			stdout: []string{"PipelineObjects:\n  - Id: Default\n    Name: Default\n    Fields:\n", "      - Key: runsOn\n        RefValue: Worker\n"}},
		{name: "translate to CloudFormation JSON", args: []string{"translate", "--to", "cfn", "testdata/ok/daily-copy-with-parameters.json"}, code: cli.ExitOK,
			stdout: []string{"\"PipelineObjects\": [", "\"ParameterObjects\": [", "\"ParameterValues\": ["}},
		{name: "translate a template with an open condition", args: []string{"translate", "--to", "cli", "rules/testdata/DP1105/cfn-conditions-json.template"}, code: cli.ExitOK,
			stdout: []string{`"workerGroup": "wg"`}, notStdout: []string{`"runsOn"`},
			stderr: []string{"cfn-conditions-json.template: condition OnResource is left to the deploy: translated as false"}},
		{name: "translate a Terraform pipeline", args: []string{"translate", "--to", "cli", "rules/testdata/DP2002/terraform-provider-example.tf"}, code: cli.ExitOK,
			stdout: []string{"\"objects\": [", "\"id\": \"SayHello\""}},
		{name: "lint a template from stdin", args: []string{"lint", "--oneline", "--stdin-filename", "stack.yaml", "-"}, stdin: "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      Name: p\n      Activate: maybe\n",
			code: cli.ExitFindings, stdout: []string{"stack.yaml:6:17: error: P: 'Activate' must be true or false; found 'maybe' [DP9005 activate-not-boolean]"}},
		{name: "a YAML file with no pipeline is skipped", args: []string{"lint", "--verbose", "--oneline", "action.yml"}, code: cli.ExitOK, stdoutRE: `^$`, stderr: []string{"action.yml: skipped"}},
		{name: "template placeholders are unknown", args: []string{"lint", "--oneline", placeholders}, code: cli.ExitOK, stdout: []string{"[DP0005 unrendered-template]"}},
		{name: "template vars from key=value lines", args: []string{"lint", "--oneline", "--template-vars", varsLines, placeholders}, code: cli.ExitOK, stdoutRE: `^$`},
		{name: "template vars from JSON, checked after rendering", args: []string{"lint", "--oneline", "--template-vars", varsJSON, placeholders}, code: cli.ExitFindings,
			stdout: []string{"placeholders.json:13:25: error: 'terminateAfter' must be a period", "found '2 hours Hours'"}},
		{name: "template vars not flat", args: []string{"lint", "--template-vars", varsBad, clean}, code: cli.ExitUsage, stderr: []string{"bad.json:1:11: the value of \"hours\" must be a string"}},
		{name: "template vars bad line", args: []string{"lint", "--template-vars", varsBadLines, clean}, code: cli.ExitUsage, stderr: []string{"bad.txt:1: expected key=value"}},
		{name: "template vars missing file", args: []string{"lint", "--template-vars", "nope.vars", clean}, code: cli.ExitUsage, stderr: []string{"nope.vars: no such file or directory"}},
		{name: "bad now", args: []string{"lint", "--now", "yesterday", clean}, code: cli.ExitUsage, stderr: []string{"--now"}},
		{name: "editor schema", args: []string{"schema"}, code: cli.ExitOK, stdout: []string{`"$schema": "https://json-schema.org/draft/2020-12/schema"`, `"ShellCommandActivity"`}},
		{name: "files schema", args: []string{"schema", "--files"}, code: cli.ExitOK, stdout: []string{`"cliFile"`}},
		{name: "schema with arguments", args: []string{"schema", "x"}, code: cli.ExitUsage, stderr: []string{"no arguments"}},
		{name: "eval a template", args: []string{"eval", "--at", "2011-05-24T17:10:00", "s3://b/#{format(@scheduledStartTime,'YYYY-MM-dd')}/#{plusHours(@scheduledStartTime, 2)}"},
			code: cli.ExitOK, stdoutRE: `^s3://b/2011-05-24/2011-05-24T19:10:00\n$`},
		{name: "eval in a definition's object", args: []string{"eval", "--file", "testdata/ok/daily-copy-with-parameters.json", "--object", "Input", "--at", "2026-03-01T00:00:00", "#{directoryPath}"},
			code: cli.ExitOK, stdoutRE: `^s3://example-in/data/2026-03-01\n$`},
		{name: "eval in a template's pipeline", args: []string{"eval", "--file", "testdata/ok/cfn-two-pipelines.yaml", "--pipeline", "Nightly", "--object", "Copy", "--at", "2026-01-02T00:00:00", "#{command}"},
			code: cli.ExitOK, stdoutRE: `^aws s3 cp --recursive s3://my-input/ s3://prod-archive/2026-01-02/\n$`},
		{name: "eval with --param over the file's values", args: []string{"eval", "--file", "testdata/ok/daily-copy-with-parameters.json", "--param", "myInput=s3://other", "#{myInput}/x"},
			code: cli.ExitOK, stdoutRE: `^s3://other/x\n$`},
		{name: "eval masks masked parameters", args: []string{"eval", "--param", "*myToken=s3cr3t", "token=#{*myToken}"}, code: cli.ExitOK, stdoutRE: `^token=\*\*\*\*\n$`},
		{name: "eval arithmetic", args: []string{"eval", "#{1 / 2} #{1.0 / 2} #{2 ^ 2} #{'a' + 1}"}, code: cli.ExitOK, stdoutRE: `^0 \.5 4\.0 a1\n$`},
		{name: "eval unknown offline", args: []string{"eval", "#{node.@scheduledStartTime}"}, code: cli.ExitFindings, stderr: []string{"cannot be evaluated offline"}},
		{name: "eval syntax error", args: []string{"eval", "#{format(@scheduledStartTime"}, code: cli.ExitFindings, stderr: []string{"column 1: '#{' has no closing '}'"}},
		{name: "eval bad --at", args: []string{"eval", "--at", "tomorrow", "x"}, code: cli.ExitUsage, stderr: []string{"--at"}},
		{name: "eval bad --param", args: []string{"eval", "--param", "novalue", "x"}, code: cli.ExitUsage, stderr: []string{"Invalid inline parameter format: novalue"}},
		{name: "eval object without file", args: []string{"eval", "--object", "A", "x"}, code: cli.ExitUsage, stderr: []string{"--object needs --file"}},
		{name: "eval unknown object", args: []string{"eval", "--file", clean, "--object", "Nope", "x"}, code: cli.ExitUsage, stderr: []string{`has no object "Nope"`}},
		{name: "show values", args: []string{"lint", "--show-values", "--at", "2026-03-01T00:00:00", "testdata/ok/daily-copy-with-parameters.json"}, code: cli.ExitOK,
			stdout: []string{"values of testdata/ok/daily-copy-with-parameters.json for a run at 2026-03-01T00:00:00:", "  Input.directoryPath = s3://example-in/data/2026-03-01", "  Default.pipelineLogUri = s3://example-logs/copy/"}},
		{name: "show values masks secrets", args: []string{"lint", "--show-values", "--oneline", "rules/testdata/DP6006/values.json"}, code: cli.ExitFindings,
			stdout: []string{"Hello.command = echo ten .5 REPLACE [a, b] ****"}},
		{name: "show values needs text", args: []string{"lint", "--show-values", "--format", "json", clean}, code: cli.ExitUsage, stderr: []string{"text format only"}},
		{name: "values file replaces the file's values", args: []string{"lint", "--oneline", "--values", valuesOK, missingParams}, code: cli.ExitOK,
			notStdout: []string{"DP6005"}},
		{name: "inline values replace the file's values", args: []string{"lint", "--oneline", "--param", "myA=a", missingParams}, code: cli.ExitFindings,
			stdout: []string{"missing.json:40:13: error: Value is missing for this parameter [DP6005 missing-parameter-value]"}},
		{name: "inline values checked against the type", args: []string{"lint", "--oneline", "--param", "myCount=ten", "--param", "myRatio=x", "rules/testdata/DP6006/values.json"}, code: cli.ExitFindings,
			stdout: []string{"error: the value given for 'myCount' is not an Integer: 'ten' [DP6006 parameter-value]", "the value given for 'myRatio' is not a Double: 'x'"}},
		{name: "values and param together", args: []string{"lint", "--values", valuesOK, "--param", "a=b", clean}, code: cli.ExitUsage, stderr: []string{"Only parameter-values or parameter-values-uri is allowed"}},
		{name: "malformed inline value", args: []string{"lint", "--param", "justakey", clean}, code: cli.ExitUsage, stderr: []string{"Error in parameter: Invalid inline parameter format: justakey"}},
		{name: "values file of the wrong shape", args: []string{"lint", "--values", valuesBad, clean}, code: cli.ExitUsage, stderr: []string{`bad.json:1:20: the value of "myA" must be a string`}},
		{name: "values file over 15 KB", args: []string{"lint", "--values", valuesBig, clean}, code: cli.ExitUsage, stderr: []string{"may be at most 15 KB"}},
		{name: "explain lists the types", args: []string{"explain"}, code: cli.ExitOK, stdout: []string{"Activity: CopyActivity, EmrActivity", "Schedule: Schedule", "Default: Default"}},
		{name: "explain a type", args: []string{"explain", "Schedule"}, code: cli.ExitOK,
			stdout: []string{"Schedule (Schedule)", "one of: startAt, startDateTime", "not together: endDateTime, occurrences", "  period: period [required]", "set by the service (runtime and system fields): @error"}},
		{name: "explain a field", args: []string{"explain", "ShellCommandActivity.runsOn"}, code: cli.ExitOK,
			stdout: []string{"ShellCommandActivity.runsOn: reference to Ec2Resource | EmrCluster [one of runsOn/workerGroup]"}},
		{name: "explain an enum field", args: []string{"explain", "Default.scheduleType"}, code: cli.ExitOK, stdout: []string{"one of cron | ondemand | timeseries"}},
		{name: "explain a rule", args: []string{"explain", "pipeline-log-uri"}, code: cli.ExitOK, stdout: []string{"DP5002 pipeline-log-uri (warning, origin service, the service's own text)"}},
		{name: "explain a type in the wrong case", args: []string{"explain", "shellcommandactivity"}, code: cli.ExitUsage, stderr: []string{"did you mean ShellCommandActivity?"}},
		{name: "explain an unknown field", args: []string{"explain", "Schedule.periodd"}, code: cli.ExitUsage, stderr: []string{`Schedule has no field "periodd"`}},
		{name: "explain two things", args: []string{"explain", "Schedule", "Default"}, code: cli.ExitUsage, stderr: []string{"give one"}},
		{name: "translate not ours", args: []string{"translate", "--to", "api", pkg}, code: cli.ExitUsage, stderr: []string{"not a pipeline definition"}},
		{name: "remote response: one definition only", args: []string{"lint", "--remote-response", respRole, clean, multi}, code: cli.ExitUsage,
			stderr: []string{"--remote-response: a saved response answers one definition; give one path, not 2"}},
		{name: "remote response: missing file", args: []string{"lint", "--remote-response", "nope.json", clean}, code: cli.ExitUsage,
			stderr: []string{"--remote-response: ", "nope.json"}},
		{name: "remote response: malformed JSON", args: []string{"lint", "--remote-response", respBroken, clean}, code: cli.ExitUsage,
			stderr: []string{"--remote-response: " + respBroken + ":1:"}},
		{name: "remote response: not an object", args: []string{"lint", "--remote-response", respArray, clean}, code: cli.ExitUsage,
			stderr: []string{"expected a ValidatePipelineDefinition response object"}},
		{name: "remote response: wrong shape", args: []string{"lint", "--remote-response", respBad, clean}, code: cli.ExitUsage,
			stderr: []string{respBad + `:1:23: each validationErrors entry needs an "id" and a list of "errors"`}},
		{name: "remote response: warnings only keep exit 0", args: []string{"lint", "--oneline", "--remote-response", respRole, clean}, code: cli.ExitOK,
			stdout: []string{"[DP8002 remote-warning]"}, stderr: []string{"an account check only the service makes", "the service and dplint agree"}},
		{name: "remote response: not a definition", args: []string{"lint", "--remote-response", respRole, pkg}, code: cli.ExitFailed,
			stderr: []string{"no definition was linted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := run(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			expectOutput(t, out, errOut, tc.stdout, tc.notStdout, tc.stderr)
			if tc.stdoutRE != "" && !regexp.MustCompile(tc.stdoutRE).MatchString(out) {
				t.Errorf("stdout does not match %q:\n%q", tc.stdoutRE, out)
			}
		})
	}
}

// TestJSONFormatIsValid: the json format is one valid document for every
// fixture, with the documented fields.
func TestJSONFormatIsValid(t *testing.T) {
	inRepoRoot(t)
	out, _, _ := run(t, "", "lint", "--format", "json", "testdata", "rules/testdata")
	var doc struct {
		Version     int `json:"version"`
		Diagnostics []struct {
			File  string `json:"file"`
			Range struct {
				Start struct{ Line, Column, Offset int } `json:"start"`
				End   struct{ Line, Column, Offset int } `json:"end"`
			} `json:"range"`
			Pointer  string `json:"pointer"`
			Object   string `json:"object"`
			Rule     struct{ ID, Name string }
			Severity string `json:"severity"`
			Origin   string `json:"origin"`
			Message  string `json:"message"`
		} `json:"diagnostics"`
		Errors []any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.Version != 1 || len(doc.Diagnostics) == 0 || doc.Errors == nil {
		t.Fatalf("unexpected document: version %d, %d diagnostics, errors %v", doc.Version, len(doc.Diagnostics), doc.Errors)
	}
	for _, d := range doc.Diagnostics {
		if rules.Lookup(d.Rule.ID) == nil || rules.Lookup(d.Rule.ID).Name != d.Rule.Name {
			t.Errorf("%s: unknown rule %v", d.File, d.Rule)
		}
		if d.Range.Start.Line < 1 || d.Range.Start.Column < 1 || d.Range.End.Offset < d.Range.Start.Offset {
			t.Errorf("%s: bad range %+v", d.File, d.Range)
		}
		if d.Severity != "error" && d.Severity != "warning" && d.Severity != "info" {
			t.Errorf("%s: bad severity %q", d.File, d.Severity)
		}
		if d.Message == "" {
			t.Errorf("%s: empty message", d.File)
		}
	}
}

// TestSizeCap: a file or stdin over the cap is refused with its name and
// exit 2, never read to the end (a device or endless pipe cannot hang dplint).
func TestSizeCap(t *testing.T) {
	inRepoRoot(t)
	defer cli.SetMaxFileSize(64)()
	_, errOut, code := run(t, "", "lint", "testdata/format/multi.json")
	if code != cli.ExitUsage || !strings.Contains(errOut, "testdata/format/multi.json: larger than 0 MiB") {
		t.Errorf("file over the cap: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, strings.Repeat(" ", 65)+"{}", "lint", "-")
	if code != cli.ExitUsage || !strings.Contains(errOut, "<stdin>: larger than") {
		t.Errorf("stdin over the cap: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = run(t, "", "translate", "--to", "api", "testdata")
	if code != cli.ExitUsage || !strings.Contains(errOut, "testdata: is a directory") {
		t.Errorf("translate a directory: exit %d, stderr %q", code, errOut)
	}
}

// TestSecretsNeverShown: the values of *-prefixed fields and of masked
// (*my…) parameters appear in no output format, snippets included.
func TestSecretsNeverShown(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "secret.json")
	def := `{"objects": [
  {"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://logs/"},
  {"id": "Db", "type": "RedshiftDatabase", "clusterId": "c", "username": "u", "*password": "hunter2", "databaseName": "d", "my Note": "on the secret line"},
  {"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "echo #{*myToken} #{myCount}", "stdout": "s3cr3t-not-a-path"},
  {"id": "Db2", "type": "RedshiftDatabase", "clusterId": "c", "username": "u", "password": "pl41nt3xt", "databaseName": "d", "myDbPASSWORD": "an0ther"}
],
"parameters": [{"id": "*myToken", "type": "Integer", "default": "tok3n"}, {"id": "myCount", "type": "Integer"}],
"values": {"*myToken": "s3cr3t", "myCount": "2"}}
`
	if err := os.WriteFile(file, []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"lint", "--no-color", file},
		{"lint", "--oneline", file},
		{"lint", "--format", "json", file},
		{"lint", "--format", "aws", "--all", file},
		{"lint", "--format", "sarif", file},
		{"lint", "--format", "github", file},
		{"lint", "--format", "lsp", file},
	} {
		out, errOut, _ := run(t, "", args...)
		for _, secret := range []string{"hunter2", "s3cr3t\"", "tok3n", "pl41nt3xt", "an0ther"} {
			if strings.Contains(out+errOut, secret) {
				t.Errorf("%v shows the secret %q:\n%s%s", args, secret, out, errOut)
			}
		}
		if !strings.Contains(out+errOut, "myToken") || args[1] != "--format" && !strings.Contains(out, "DP6008") {
			t.Errorf("%v: the fixture should produce findings about *myToken and the plain password:\n%s", args, out)
		}
	}
}

// TestFlagErrorsAndHelp: a bad flag is said in two lines, not the whole
// help; help spells flags as the documentation does (--all, -o).
func TestFlagErrorsAndHelp(t *testing.T) {
	for _, command := range []string{"lint", "translate", "eval", "pull", "rules", "schema", "explain", "init"} {
		_, errOut, code := run(t, "", command, "--frobnicate")
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != cli.ExitUsage || len(lines) != 2 || !strings.Contains(lines[0], "frobnicate") ||
			lines[1] != "Run 'dplint help "+command+"' for its flags." {
			t.Errorf("%s --frobnicate: exit %d, stderr:\n%s", command, code, errOut)
		}
	}
	_, help, code := run(t, "", "help", "lint")
	if code != cli.ExitOK || !strings.Contains(help, "\n  --all\n") || !strings.Contains(help, "\n  --format string\n") ||
		strings.Contains(help, "\n  -all") {
		t.Errorf("help lint: exit %d\n%s", code, help)
	}
	if _, help, _ := run(t, "", "help", "pull"); !strings.Contains(help, "\n  -o string\n") || !strings.Contains(help, "\n  --all\n") {
		t.Errorf("help pull:\n%s", help)
	}
	out, _, _ := run(t, "", "help")
	for _, want := range []string{"translate --to api|cli|cfn|cfn-yaml [--pipeline NAME] FILE", "rules [--markdown|--docs DIR]"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}

func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{[]string{"Schedule.perod"}, cli.ExitUsage, nil, []string{`Schedule has no field "perod" (did you mean period?)`}},
		{[]string{"Shedule"}, cli.ExitUsage, nil, []string{`(did you mean Schedule?)`}},
		{[]string{"missing-refrence"}, cli.ExitUsage, nil, []string{`(did you mean missing-reference?)`}},
		{[]string{"@scheduledStartTime"}, cli.ExitOK, []string{"@scheduledStartTime: datetime [runtime: set by the service]", "on: CopyActivity, ", "ShellCommandActivity"}, nil},
		{[]string{"EmrCluster"}, cli.ExitOK, []string{"fields:\n", "notes on how the catalog reads the guide: dplint explain --notes EmrCluster)"}, nil},
		{[]string{"--notes", "EmrCluster"}, cli.ExitOK, []string{"\nnote: "}, nil},
	} {
		out, errOut, code := run(t, "", append([]string{"explain"}, tc.args...)...)
		if code != tc.code {
			t.Errorf("explain %v: exit %d, want %d\n%s%s", tc.args, code, tc.code, out, errOut)
		}
		expectOutput(t, out, errOut, tc.stdout, nil, tc.stderr)
	}
	// Fields come before the notes; without --notes there are none.
	out, _, _ := run(t, "", "explain", "EmrCluster")
	if strings.Contains(out, "note: ") {
		t.Errorf("explain EmrCluster prints notes without --notes:\n%s", out)
	}
}

// TestSnippetsOfMinifiedFiles: a definition written on one line of
// kilobytes gets snippets cut to a window, in text and SARIF alike, not the
// whole line once per finding.
func TestSnippetsOfMinifiedFiles(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"objects":[{"id":"Default","scheduleType":"ondemand","pipelineLogUri":"s3://l/","workerGroup":"wg"}`)
	for i := range 40 {
		fmt.Fprintf(&b, `,{"id":"A%d","type":"ShellCommandActivity","command":"echo %d","runsOn":{"ref":"Nope"}}`, i, i)
	}
	b.WriteString("]}")
	file := filepath.Join(t.TempDir(), "min.json")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "", "lint", "--no-color", file)
	if code != cli.ExitFindings || strings.Count(out, "[DP2001 missing-reference]") != 40 {
		t.Fatalf("exit %d:\n%.2000s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > 200 {
			t.Fatalf("a %d-character output line:\n%.300s", n, line)
		}
	}
	sarif, _, _ := run(t, "", "lint", "--format", "sarif", file)
	var doc struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct {
							Snippet struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(sarif), &doc); err != nil || len(doc.Runs) != 1 || len(doc.Runs[0].Results) != 40 {
		t.Fatalf("sarif: %v", err)
	}
	for _, r := range doc.Runs[0].Results {
		if s := r.Locations[0].PhysicalLocation.Region.Snippet.Text; utf8.RuneCountInString(s) > 200 || !strings.Contains(s, `"Nope"`) {
			t.Fatalf("sarif snippet %q", s)
		}
	}
}

// TestOneMistakeOneFinding: a finding that explains another on the same
// span (a plain 'password' field: unknown, and a plaintext password) is
// shown once with the other as a note, carried in json's "folded", and
// listed in full by --format aws, as the service would.
func TestOneMistakeOneFinding(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw.json")
	if err := os.WriteFile(file, []byte(`{"objects": [{"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": "wg"},
 {"id": "Db", "type": "RedshiftDatabase", "clusterId": "c", "username": "u", "password": "x", "*password": "y", "databaseName": "d"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	oneline, _, _ := run(t, "", "lint", "--oneline", file)
	if !strings.Contains(oneline, "[DP1103 unknown-field]") || strings.Contains(oneline, "DP6008") {
		t.Errorf("oneline:\n%s", oneline)
	}
	text, _, _ := run(t, "", "lint", "--no-color", file)
	if !strings.Contains(text, "  note: warning: 'password' holds a password in plain text") || !strings.Contains(text, "[DP6008 plaintext-password]\n") {
		t.Errorf("text:\n%s", text)
	}
	js, _, _ := run(t, "", "lint", "--format", "json", file)
	var doc struct {
		Diagnostics []struct {
			Rule   struct{ ID string }
			Folded []struct{ Rule struct{ ID string } }
		}
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range doc.Diagnostics {
		if d.Rule.ID == "DP6008" {
			t.Errorf("json lists DP6008 on its own")
		}
		if d.Rule.ID == "DP1103" && len(d.Folded) == 1 && d.Folded[0].Rule.ID == "DP6008" {
			found = true
		}
	}
	if !found {
		t.Errorf("json: no DP1103 with DP6008 folded:\n%s", js)
	}
	aws, _, _ := run(t, "", "lint", "--format", "aws", "--all", file)
	if !strings.Contains(aws, "'password' is not a field of") || !strings.Contains(aws, "holds a password in plain text") {
		t.Errorf("aws lists every message:\n%s", aws)
	}
}

// TestCascades: each mistake that makes other findings follow is reported
// once, the others folded into it, wherever they are placed.
func TestCascades(t *testing.T) {
	dir := t.TempDir()
	cfn := func(field string) string {
		return "Resources:\n  P:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      Name: p\n      PipelineObjects:\n" +
			"        - Id: Default\n          Name: Default\n          Fields:\n" +
			"            - {Key: scheduleType, StringValue: ondemand}\n            - {Key: pipelineLogUri, StringValue: s3://b/logs}\n" +
			"            - {Key: role, StringValue: DataPipelineDefaultRole}\n            - {Key: resourceRole, StringValue: DataPipelineDefaultResourceRole}\n" +
			"        - Id: W\n          Name: W\n          Fields:\n            - {Key: type, StringValue: Ec2Resource}\n" +
			"            - " + field + "\n" +
			"        - Id: A\n          Name: A\n          Fields:\n            - {Key: type, StringValue: ShellCommandActivity}\n" +
			"            - {Key: command, StringValue: echo}\n            - {Key: runsOn, RefValue: W}\n"
	}
	for _, tc := range []struct {
		name, file, text string
		root             string   // the one finding shown
		folded           []string // the notes under it
	}{
		{"plain password", "pw.json", `{"objects": [{"id": "Default", "scheduleType": "ondemand", "pipelineLogUri": "s3://l/", "workerGroup": "wg"},
 {"id": "Db", "type": "JdbcDatabase", "connectionString": "jdbc:mysql://h/db", "jdbcDriverClass": "com.mysql.Driver", "username": "u", "password": "x"},
 {"id": "Q", "type": "SqlActivity", "database": {"ref": "Db"}, "script": "select 1"}]}`,
			"[DP1103 unknown-field]", []string{"pw.json:2:9: error: required field '*password' is missing [DP1105 missing-required]", "[DP6008 plaintext-password]"}},
		{"misspelt second field of a pair", "late.json", `{"objects": [
 {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "role": "r", "resourceRole": "rr", "pipelineLogUri": "s3://l/"},
 {"id": "Daily", "type": "Schedule", "period": "1 day", "startAt": "FIRST_ACTIVATION_DATE_TIME"},
 {"id": "Alarm", "type": "SnsAlarm", "topicArn": "arn:aws:sns:us-east-1:111122223333:late", "subject": "s", "message": "m", "role": "r"},
 {"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg", "onLateAction": {"ref": "Alarm"}, "lateAfterTimout": "1 hour"}]}`,
			"(did you mean 'lateAfterTimeout'?) [DP1103 unknown-field]", []string{"late.json:5:90: warning: 'onLateAction' is set without 'lateAfterTimeout' [DP1111 requires-field]"}},
		{"misspelt value property", "tv.yaml", cfn("{Key: terminateAfter, tringValue: 1 Hour}"),
			"unknown property 'tringValue' in a field (did you mean 'StringValue'?) [DP9002 template-property]",
			[]string{"tv.yaml:14:15: warning: 'terminateAfter' is missing."}},
		{"misspelt Key property", "kye.yaml", cfn("{Kye: terminateAfter, StringValue: 1 Hour}"),
			"unknown property 'Kye' in a field (did you mean 'Key'?) [DP9002 template-property]",
			[]string{"kye.yaml:14:15: warning: 'terminateAfter' is missing."}},
		{"expression in a RefValue", "ref.yaml", strings.Replace(cfn("{Key: terminateAfter, StringValue: 1 Hour}"), "{Key: command, StringValue: echo}", "{Key: command, RefValue: '#{myCommand}'}", 1),
			"[DP2003 reference-for-string]", []string{"[DP3004 unevaluated-expression]"}},
		{"expression in a reference field", "runs.yaml", strings.Replace(cfn("{Key: terminateAfter, StringValue: 1 Hour}"), "{Key: runsOn, RefValue: W}", "{Key: runsOn, RefValue: '#{myWorker}'}", 1),
			"[DP3004 unevaluated-expression]", nil}, // and W is not reported unused: the reference could name it
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _, _ := run(t, "", "lint", "--no-color", path)
			var roots, notes []string
			for _, line := range strings.Split(out, "\n") {
				switch {
				case strings.HasPrefix(line, path+":"):
					roots = append(roots, line)
				case strings.HasPrefix(line, "  note: "):
					notes = append(notes, line)
				}
			}
			if len(roots) != 1 || !strings.Contains(roots[0], tc.root) {
				t.Fatalf("want one finding %q, got:\n%s", tc.root, out)
			}
			if len(notes) != len(tc.folded) {
				t.Fatalf("want %d notes, got:\n%s", len(tc.folded), out)
			}
			for i, want := range tc.folded {
				if !strings.Contains(notes[i], want) {
					t.Errorf("note %d = %q, want %q", i, notes[i], want)
				}
			}
			aws, _, _ := run(t, "", "lint", "--format", "aws", "--all", path)
			for _, want := range tc.folded {
				msg := want[strings.LastIndex(want, ": ")+2:]
				if i := strings.Index(msg, " ["); i > 0 {
					msg = msg[:i]
				}
				if strings.HasPrefix(want, "[") {
					continue // a rule id only: the message is the service's
				}
				if !strings.Contains(aws, msg) {
					t.Errorf("--format aws does not list %q:\n%s", msg, aws)
				}
			}
		})
	}
}
