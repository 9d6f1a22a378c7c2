package awsfake

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// RunCLI runs the AWS CLI against the server with throw-away credentials
// and configuration, and returns its stdout, stderr and exit code. It starts
// a new process, which costs most of a second; tests that run the CLI on
// many files use a CLI.
func (s *Server) RunCLI(t testing.TB, aws string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, aws, s.cliArgs(args)...)
	cmd.Env = cliEnv(aws, t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running %s: %v", aws, err)
	}
	return out.String(), errb.String(), code
}

// cliArgs points a command at the server, in one region, with JSON output.
func (s *Server) cliArgs(args []string) []string {
	return append(append([]string(nil), args...), "--endpoint-url", s.URL, "--region", "us-east-1", "--output", "json")
}

// cliEnv is the whole environment of the AWS CLI: nothing of the machine's
// AWS setup, throw-away keys, UTF-8 output.
func cliEnv(aws, home string) []string {
	env := []string{
		"PATH=/usr/local/bin:/usr/bin:/bin:" + filepath.Dir(aws),
		"HOME=" + home,
		"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true",
		"PYTHONIOENCODING=utf-8", "LC_ALL=C.UTF-8",
	}
	// A pyenv shim finds its Python through PYENV_ROOT, which defaults to
	// $HOME/.pyenv: keep the real one although HOME is a scratch folder.
	root := os.Getenv("PYENV_ROOT")
	if i := strings.Index(aws, "/.pyenv/shims/"); root == "" && i >= 0 {
		root = aws[:i] + "/.pyenv"
	}
	if root != "" {
		env = append(env, "PYENV_ROOT="+root)
	}
	if v := os.Getenv("PYENV_VERSION"); v != "" {
		env = append(env, "PYENV_VERSION="+v)
	}
	return env
}

// CLI is the AWS CLI (v1) kept running for tests that run it on many files.
// Starting the CLI costs most of a second, nearly all of it importing
// botocore and building the command table; a command in a driver that is
// already built takes milliseconds. Each worker is one Python process that
// imports awscli once and runs every command through one CLIDriver, as the
// aws script does, with sys.stdout and sys.stderr captured per command and
// SystemExit taken as the exit code. The driver keeps no state between
// commands that changes their output (every command passes the same region
// and output flags; its endpoint, client and parsed arguments are made per
// command); TestCLIMatchesTheProcess holds it to that by comparing it with
// RunCLI on commands of every kind of outcome.
//
// Where the interpreter behind aws cannot be found (aws is neither a Python
// script that imports awscli.clidriver nor a pyenv shim to one), Run falls
// back to RunCLI, slower but the same.
type CLI struct {
	aws    string
	python string // "" to start aws for every command
	script string // the Python script behind aws
	home   string

	mu   sync.Mutex
	idle []*cliWorker
	all  []*cliWorker
	free chan struct{} // one token per command that may run now
}

//go:embed clidriver.py
var driverScript string

// NewCLI prepares up to workers kept-running CLIs (started on first use);
// they stop when t ends.
func NewCLI(t testing.TB, aws string, workers int) *CLI {
	workers = max(1, workers)
	c := &CLI{aws: aws, home: t.TempDir(), free: make(chan struct{}, workers)}
	c.python, c.script = interpreter(aws)
	for range workers {
		c.free <- struct{}{}
	}
	if c.python == "" {
		t.Logf("awsfake: no Python interpreter found behind %s; starting it for every command", aws)
	}
	t.Cleanup(c.stop)
	return c
}

// Run runs one command against s, like s.RunCLI.
func (c *CLI) Run(t testing.TB, s *Server, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	if c.python == "" {
		return s.RunCLI(t, c.aws, args...)
	}
	<-c.free
	defer func() { c.free <- struct{}{} }()
	w, err := c.worker()
	if err != nil {
		t.Fatalf("awsfake: starting the AWS CLI driver: %v", err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.run(cliRequest{Args: s.cliArgs(args), Cwd: cwd})
	if err != nil {
		w.stop()
		t.Fatalf("awsfake: the AWS CLI driver failed on %q: %v\n%s", args, err, w.log.String())
	}
	c.release(w)
	return string(res.Stdout), string(res.Stderr), res.Code
}

func (c *CLI) worker() (*cliWorker, error) {
	c.mu.Lock()
	if n := len(c.idle); n > 0 {
		w := c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return w, nil
	}
	c.mu.Unlock()
	w, err := startWorker(c.python, c.script, cliEnv(c.aws, c.home))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.all = append(c.all, w)
	c.mu.Unlock()
	return w, nil
}

func (c *CLI) release(w *cliWorker) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.idle = append(c.idle, w)
}

func (c *CLI) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, w := range c.all {
		w.stop()
	}
	c.all, c.idle = nil, nil
}

type cliRequest struct {
	Args []string `json:"args"`
	Cwd  string   `json:"cwd"`
}

type cliResult struct {
	Stdout []byte `json:"stdout"` // base64 in the protocol: the bytes the CLI wrote
	Stderr []byte `json:"stderr"`
	Code   int    `json:"code"`
	Error  string `json:"error"` // the driver's own failure, not the CLI's
}

type cliWorker struct {
	cmd *exec.Cmd
	in  *json.Encoder
	out *bufio.Reader
	log *lockedBuffer // the process's own stderr
}

func startWorker(python, script string, env []string) (*cliWorker, error) {
	cmd := exec.Command(python, "-c", driverScript, script)
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	w := &cliWorker{cmd: cmd, in: json.NewEncoder(stdin), out: bufio.NewReaderSize(stdout, 1<<16), log: &lockedBuffer{}}
	cmd.Stderr = w.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// The driver says "ready" once awscli is imported and its driver built.
	line, err := w.out.ReadString('\n')
	if err != nil || line != "ready\n" {
		w.stop()
		return nil, fmt.Errorf("%s did not start the driver (%q, %v):\n%s", python, line, err, w.log.String())
	}
	return w, nil
}

func (w *cliWorker) run(req cliRequest) (cliResult, error) {
	var res cliResult
	if err := w.in.Encode(req); err != nil {
		return res, err
	}
	line, err := w.out.ReadBytes('\n')
	if err != nil {
		return res, err
	}
	if err := json.Unmarshal(line, &res); err != nil {
		return res, fmt.Errorf("reading the driver's answer %.200q: %w", line, err)
	}
	if res.Error != "" {
		return res, errors.New(res.Error)
	}
	return res, nil
}

func (w *cliWorker) stop() {
	if w.cmd.Process != nil {
		_ = w.cmd.Process.Kill()
		_ = w.cmd.Wait()
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var (
	shebang  = regexp.MustCompile(`^#!\s*(\S+)(?:\s+(\S+))?`)
	pyenvRun = regexp.MustCompile(`exec "([^"]+/libexec/pyenv)" exec`)
)

// interpreter finds the Python that runs the aws script: its shebang, or,
// for a pyenv shim, the shebang of the script pyenv would run; and that
// script. It returns "" when there is none.
func interpreter(aws string) (python, script string) {
	script = aws
	data, err := os.ReadFile(script)
	if err != nil {
		return "", ""
	}
	if m := pyenvRun.FindSubmatch(data); m != nil {
		cmd := exec.Command(string(m[1]), "which", filepath.Base(aws))
		cmd.Env = cliEnv(aws, os.TempDir())
		out, err := cmd.Output()
		if err != nil {
			return "", ""
		}
		script = strings.TrimSpace(string(out))
		if data, err = os.ReadFile(script); err != nil {
			return "", ""
		}
	}
	if !bytes.Contains(data, []byte("awscli.clidriver")) {
		return "", ""
	}
	m := shebang.FindSubmatch(data)
	if m == nil {
		return "", ""
	}
	python = string(m[1])
	if filepath.Base(python) == "env" && len(m[2]) > 0 {
		if python, err = exec.LookPath(string(m[2])); err != nil {
			return "", ""
		}
	}
	if !strings.Contains(filepath.Base(python), "python") {
		return "", ""
	}
	return python, script
}

// Env is the environment the AWS CLI (or boto3, in the same Python) gets in
// tests: nothing of the machine's AWS setup, throw-away keys, home at home
// (where botocore also looks for service models, ~/.aws/models).
func Env(aws, home string) []string { return cliEnv(aws, home) }

// ModelHome is a scratch home folder holding a service model where
// botocore looks for the models a user adds (~/.aws/models/<service>/
// <version>/service-2.json): how the AWS CLI and boto3 are given a service
// botocore no longer ships (IoT Analytics).
func ModelHome(t testing.TB, service, version, model string) string {
	t.Helper()
	data, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	dir := filepath.Join(home, ".aws", "models", service, version)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "service-2.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return home
}
