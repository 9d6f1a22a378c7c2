package cli_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestStartUpBuildsNothing holds issue 13's first goal in a form that does
// not depend on the machine: dplint's own packages build nothing at init
// (the catalog, the schema, the rule table and every regular expression
// are made on first use). It counts what GODEBUG=inittrace=1 reports they
// allocate when `dplint version` starts; time is measured by
// scripts/bench, not here. One regular expression compiled at init is
// dozens of allocations (iotserve's {1,128} was 1,440, and 1.3 ms).
func TestStartUpBuildsNothing(t *testing.T) {
	bin := filepath.Join(actionBuildDplint(t), "dplint")
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dplint version: %v\n%s", err, stderr.String())
	}
	trace := stderr.String()
	allocs, packages := 0, 0
	sc := bufio.NewScanner(strings.NewReader(trace))
	for sc.Scan() {
		// init github.com/dplint/dplint/expr @7.0 ms, 0.20 ms clock, 11984 bytes, 105 allocs
		f := strings.Fields(sc.Text())
		if len(f) < 11 || f[0] != "init" || !strings.HasPrefix(f[1], "github.com/dplint/dplint") || f[10] != "allocs" {
			continue
		}
		n, err := strconv.Atoi(f[9])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", sc.Text(), err)
		}
		packages++
		allocs += n
		if n > 150 {
			t.Errorf("%s allocates %d times at init: build it on first use (sync.OnceValue)", f[1], n)
		}
	}
	if packages < 10 {
		t.Fatalf("inittrace listed %d of dplint's packages; its format may have changed:\n%s", packages, trace)
	}
	// About 320 today: expr's function table, small maps and error values.
	if allocs > 600 {
		t.Errorf("dplint's packages allocate %d times at init, more than 600", allocs)
	}
	t.Logf("%d of dplint's packages allocate %d times at init", packages, allocs)
}
