package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dplint/dplint/internal/cli"
	"github.com/dplint/dplint/serve"
)

func TestServeFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "extra"}, `serve: unexpected argument "extra"`},
		{[]string{"serve", "--max-objects", "-1"}, "--max-objects -1: must be 0 or more"},
		{[]string{"serve", "--verify-credentials"}, "--verify-credentials needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set"},
		{[]string{"serve", "--addr", "nonsense"}, "listening on nonsense"},
	} {
		var out, errb bytes.Buffer
		code := cli.Run(c.args, cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
		if code == cli.ExitOK || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", c.args, code, errb.String(), c.want)
		}
	}
}

// A store written by another version of dplint is refused at start.
func TestServeRefusesAnotherVersionsStore(t *testing.T) {
	dir := t.TempDir()
	db, err := bolt.Open(filepath.Join(dir, serve.StoreFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("meta"))
		return b.Put([]byte("schema"), []byte("dplint-serve/99"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var out, errb bytes.Buffer
	code := cli.Run([]string{"serve", "--state", dir}, cli.Env{Stdout: &out, Stderr: &errb, Getenv: os.Getenv})
	if code != cli.ExitUsage || !strings.Contains(errb.String(), "was written by another version of dplint") {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
}

// servedChild is `dplint serve` running as a process of its own.
type servedChild struct {
	cmd *exec.Cmd
	url string
}

func startServe(t *testing.T, bin string, args ...string) *servedChild {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		t.Fatalf("dplint serve printed nothing: %v", lines.Err())
	}
	line := lines.Text()
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	_, rest, ok := strings.Cut(line, "listening on ")
	if !ok {
		t.Fatalf("dplint serve: %s", line)
	}
	url, _, _ := strings.Cut(rest, " ")
	return &servedChild{cmd: cmd, url: url}
}

// call posts one request; ok is false when no answer came (the server
// died) or it was an error.
func call(url, op string, in any) (map[string]any, bool) {
	body, _ := json.Marshal(in)
	req, _ := http.NewRequest(http.MethodPost, url+"/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "DataPipeline."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, false
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, false
	}
	var out map[string]any
	if json.Unmarshal(data, &out) != nil {
		return nil, false
	}
	return out, true
}

// acked is what the server acknowledged to one writer: its pipeline, the
// tags it added, the last definition it put (by its marker).
type acked struct {
	id     string
	tags   []string
	marker int
}

func definitionWith(marker int) map[string]any {
	return map[string]any{"pipelineObjects": []any{map[string]any{"id": "Default", "name": "Default", "fields": []any{
		map[string]any{"key": "scheduleType", "stringValue": "ondemand"},
		map[string]any{"key": "myMarker", "stringValue": fmt.Sprint(marker)},
	}}}}
}

// burstWriter makes pipelines, tags and definitions until the server stops
// answering, recording each acknowledged write.
func burstWriter(url string, n int, out *[]acked, mu *sync.Mutex) {
	for p := 0; ; p++ {
		res, ok := call(url, "CreatePipeline", map[string]any{"name": fmt.Sprintf("w%d-%d", n, p), "uniqueId": fmt.Sprintf("w%d-%d", n, p)})
		if !ok {
			return
		}
		a := acked{id: res["pipelineId"].(string)}
		record := func() {
			mu.Lock()
			defer mu.Unlock()
			for i := range *out {
				if (*out)[i].id == a.id {
					(*out)[i] = a
					return
				}
			}
			*out = append(*out, a)
		}
		record()
		for i := 1; i <= 9; i++ {
			in := map[string]any{"pipelineId": a.id}
			for k, v := range definitionWith(i) {
				in[k] = v
			}
			if _, ok := call(url, "PutPipelineDefinition", in); !ok {
				return
			}
			a.marker = i
			record()
			key := fmt.Sprintf("k%d", i)
			if _, ok := call(url, "AddTags", map[string]any{"pipelineId": a.id, "tags": []any{map[string]any{"key": key, "value": "v"}}}); !ok {
				return
			}
			a.tags = append(a.tags, key)
			record()
		}
	}
}

// kill -9 in the middle of a burst of acknowledged writes loses none of
// them: each was committed (fsync) before it was answered.
func TestServeSurvivesKill9(t *testing.T) {
	bin := filepath.Join(actionBuildDplint(t), "dplint")
	dir := t.TempDir()
	child := startServe(t, bin, "--state", dir)

	var mu sync.Mutex
	var writes []acked
	var wg sync.WaitGroup
	for n := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			burstWriter(child.url, n, &writes, &mu)
		}()
	}
	// Kill once a burst is under way (a count, not a time: no timed test).
	for {
		mu.Lock()
		n := 0
		for _, a := range writes {
			n += 1 + a.marker + len(a.tags)
		}
		mu.Unlock()
		if n >= 400 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := child.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.cmd.Wait()
	wg.Wait()

	again := startServe(t, bin, "--state", dir)
	checked := 0
	for _, a := range writes {
		d, ok := call(again.url, "DescribePipelines", map[string]any{"pipelineIds": []string{a.id}})
		if !ok {
			t.Fatalf("acknowledged pipeline %s is gone after kill -9", a.id)
		}
		desc := d["pipelineDescriptionList"].([]any)[0].(map[string]any)
		have := map[string]bool{}
		for _, tag := range desc["tags"].([]any) {
			have[tag.(map[string]any)["key"].(string)] = true
		}
		for _, k := range a.tags {
			if !have[k] {
				t.Errorf("pipeline %s lost acknowledged tag %s", a.id, k)
			}
		}
		if a.marker > 0 {
			def, ok := call(again.url, "GetPipelineDefinition", map[string]any{"pipelineId": a.id})
			if !ok {
				t.Fatalf("GetPipelineDefinition %s failed", a.id)
			}
			var got int
			for _, f := range def["pipelineObjects"].([]any)[0].(map[string]any)["fields"].([]any) {
				if f.(map[string]any)["key"] == "myMarker" {
					fmt.Sscan(f.(map[string]any)["stringValue"].(string), &got)
				}
			}
			// A write may have landed without its answer getting out: never
			// older than the last acknowledged one.
			if got < a.marker {
				t.Errorf("pipeline %s: definition %d after kill -9, but %d was acknowledged", a.id, got, a.marker)
			}
		}
		checked += 1 + a.marker + len(a.tags)
	}
	if checked < 400 {
		t.Fatalf("only %d acknowledged writes checked", checked)
	}
	t.Logf("%d acknowledged writes of %d pipelines found after kill -9", checked, len(writes))
}

// SIGTERM stops the server cleanly: exit 0, "stopped".
func TestServeStopsOnSIGTERM(t *testing.T) {
	bin := filepath.Join(actionBuildDplint(t), "dplint")
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); !strings.Contains(errb.String(), "listening on"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("dplint serve did not start: %s", errb.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "dplint serve: stopped") {
		t.Fatalf("stderr: %s", errb.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
