package cli_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/dplint/dplint/internal/testenv"
)

// TestParallelOutputIsTheSame: files are linted in parallel, and what is
// printed (stdout and stderr, in every format) and the exit code are
// byte for byte what one worker gives.
func TestParallelOutputIsTheSame(t *testing.T) {
	inRepoRoot(t)
	sameInParallel(t, "testdata", "rules/testdata", "no-such-dir", "testdata/ok/api-form.json")
}

// TestParallelOutputIsTheSameOnTheCorpus is the same over real files.
func TestParallelOutputIsTheSameOnTheCorpus(t *testing.T) {
	corpus := filepath.Join(testenv.SharedDir(t), "corpus")
	inRepoRoot(t)
	sameInParallel(t, corpus, "testdata/format")
}

// TestParallelOutputIsTheSameOverManyPaths: paths are walked while the
// first ones are linted; named files, a failing path and standard input
// among them keep their places.
func TestParallelOutputIsTheSameOverManyPaths(t *testing.T) {
	inRepoRoot(t)
	files, err := filepath.Glob("testdata/*/*.json")
	if err != nil || len(files) < 20 {
		t.Fatalf("testdata/*/*.json: %d files, %v", len(files), err)
	}
	paths := append(append(append([]string{}, files[:10]...), "-", "no-such-file.json", "rules/testdata"), files[10:]...)
	sameInParallel(t, paths...)
}

// stdin is what a "-" among the paths reads.
const stdin = `{"objects": [{"id": "Default", "name": "Default", "scheduleType": "ondemand", "role": "r"}]}`

func sameInParallel(t *testing.T, dirs ...string) {
	t.Helper()
	for _, format := range []string{"text", "json", "sarif", "aws"} {
		args := append([]string{"lint", "--verbose", "--no-color", "--max-objects", "1000", "--format", format}, dirs...)
		prev := runtime.GOMAXPROCS(1)
		out1, err1, code1 := run(t, stdin, args...)
		runtime.GOMAXPROCS(4)
		out4, err4, code4 := run(t, stdin, args...)
		runtime.GOMAXPROCS(prev)
		if out1 != out4 || err1 != err4 || code1 != code4 {
			t.Errorf("%s: one worker and four differ (exit %d and %d; stdout %d and %d bytes; stderr equal: %v)",
				format, code1, code4, len(out1), len(out4), err1 == err4)
		}
		if len(out1) < 1000 {
			t.Errorf("%s: only %d bytes of output: the test would compare nothing", format, len(out1))
		}
	}
}
