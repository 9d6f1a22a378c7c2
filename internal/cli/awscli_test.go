package cli_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

// cliDisagreements are the fixtures where dplint's aws format knowingly
// differs from the AWS CLI, with the reason.
var cliDisagreements = map[string]string{
	"rules/testdata/DP0004/latin1.json":   "the AWS CLI fails decoding the file as UTF-8 before JSON; dplint reports the byte in its own words",
	"rules/testdata/DP0001/too-deep.json": "Python reads 300 levels of nesting; dplint stops at 256",
}

// TestAWSCLIRefusals runs the real AWS CLI's put-pipeline-definition on every
// CLI-form fixture, against a local recorder. Where dplint's --format aws
// says the CLI would refuse the file, the CLI must refuse it, send nothing
// and print exactly dplint's stderr; where dplint gives a response or a
// service exception, the CLI must send the request.
func TestAWSCLIRefusals(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	inRepoRoot(t)
	var files []string
	for _, dir := range []string{"rules/testdata", "testdata/format", "testdata/ok", "testdata/translate", "examples"} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
				files = append(files, p)
			}
			return nil
		})
	}
	compared := 0
	var mu sync.Mutex
	kept := awsfake.NewCLI(t, aws, max(2, runtime.NumCPU()))
	t.Run("files", func(t *testing.T) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if form := definition.Detect(source.Parse(f, data)); form != definition.CLI {
				continue // put-pipeline-definition's translator takes the CLI form only
			}
			t.Run(f, func(t *testing.T) {
				t.Parallel()
				ours, oursErr, _ := run(t, "", "lint", "--format", "aws", f)
				srv := awsfake.New(t)
				_, cliErr, code := kept.Run(t, srv, "datapipeline", "put-pipeline-definition",
					"--pipeline-id", "df-DPLINTTEST", "--pipeline-definition", "file://"+f)
				sent := len(srv.Requests()) > 0
				if reason, ok := cliDisagreements[f]; ok {
					t.Skipf("known difference: %s", reason)
				}
				refused := ours == "" && !strings.HasPrefix(oursErr, "\nAn error occurred")
				// translate --to api refuses what the CLI refuses, in its words
				// (a file that is not JSON at all gets dplint's positioned error).
				_, trErr, trCode := run(t, "", "translate", "--to", "api", f)
				notJSON := strings.Contains(trErr, "(cannot translate a file that is not JSON)")
				switch {
				case sent && trCode != 0:
					t.Errorf("the AWS CLI sent the file, but translate --to api exits %d: %s", trCode, trErr)
				case !sent && (trCode != cli.ExitFindings || trErr != cliErr && !notJSON):
					t.Errorf("the AWS CLI refused the file; translate --to api exits %d\n  dplint: %q\nAWS CLI: %q", trCode, trErr, cliErr)
				}
				switch {
				case refused && sent:
					t.Errorf("dplint says the CLI refuses the file, but it sent it\ndplint stderr:%s", oursErr)
				case refused && oursErr != cliErr:
					t.Errorf("refusal text differs\n  dplint: %q\nAWS CLI: %q", oursErr, cliErr)
				case !refused && !sent:
					t.Errorf("the AWS CLI refused the file (exit %d) but dplint gave a response\nAWS CLI stderr: %s", code, cliErr)
				}
				mu.Lock()
				compared++
				mu.Unlock()
			})
		}
	})
	if compared < 20 {
		t.Errorf("only %d fixtures were compared with the AWS CLI", compared)
	}
}

// TestAWSCLIExceptionText checks that dplint prints a service exception the
// way the AWS CLI does: the recorder answers ValidatePipelineDefinition with
// the object-limit exception and the CLI's stderr must equal dplint's.
func TestAWSCLIExceptionText(t *testing.T) {
	aws := testenv.Tool(t, "aws")
	inRepoRoot(t)
	fixture := "rules/testdata/DP7005/too-many-objects.json"
	_, ours, _ := run(t, "", "lint", "--format", "aws", fixture)
	srv := awsfake.New(t)
	srv.Reply("ValidatePipelineDefinition", awsfake.Reply{Status: 400,
		Body: `{"__type": "InvalidRequestException", "message": "Web service limit exceeded: Exceeded maximum number of objects allowed per pipeline"}`})
	api, _, code := run(t, "", "translate", "--to", "api", fixture)
	if code != 0 {
		t.Fatalf("translate failed")
	}
	input := filepath.Join(t.TempDir(), "input.json")
	body := strings.Replace(api, "{", "{\n    \"pipelineId\": \"df-DPLINTTEST\",", 1)
	if err := os.WriteFile(input, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, cliErr, _ := srv.RunCLI(t, aws, "datapipeline", "validate-pipeline-definition", "--cli-input-json", "file://"+input)
	if len(srv.Requests()) != 1 {
		t.Fatalf("the CLI made %d calls, want 1; stderr: %s", len(srv.Requests()), cliErr)
	}
	if cliErr != ours {
		t.Errorf("exception text differs\n  dplint: %q\nAWS CLI: %q", ours, cliErr)
	}
}
