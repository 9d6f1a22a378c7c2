package cli_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dplint/dplint/serve"
)

// TestServeClock: `dplint serve clock` reads a running server's clock and
// moves a manual one; `dplint serve outbox` lists its actions' messages;
// a real clock refuses to move, a wrong duration is a usage error.
func TestServeClock(t *testing.T) {
	start := time.Date(2027, 5, 1, 8, 0, 0, 0, time.UTC)
	manual, err := serve.New(serve.Options{Clock: serve.NewManualClock(start)})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(manual)
	defer hs.Close()
	if out, errOut, code := run(t, "", "serve", "clock", "--endpoint", hs.URL); code != 0 || !strings.Contains(out, `"now": "2027-05-01T08:00:00Z"`) {
		t.Errorf("clock: %d %s %s", code, out, errOut)
	}
	if out, errOut, code := run(t, "", "serve", "clock", "advance", "26h", "--endpoint", hs.URL); code != 0 || !strings.Contains(out, `"now": "2027-05-02T10:00:00Z"`) {
		t.Errorf("clock advance: %d %s %s", code, out, errOut)
	}
	if out, _, code := run(t, "", "serve", "outbox", "--endpoint", hs.URL); code != 0 || !strings.Contains(out, `"messages": []`) {
		t.Errorf("outbox: %d %s", code, out)
	}
	if _, errOut, code := run(t, "", "serve", "clock", "advance", "soon", "--endpoint", hs.URL); code != 2 || !strings.Contains(errOut, "a duration such as 90m") {
		t.Errorf("a wrong duration: %d %s", code, errOut)
	}
	real, err := serve.New(serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hr := httptest.NewServer(real)
	defer hr.Close()
	if _, errOut, code := run(t, "", "serve", "clock", "advance", "1h", "--endpoint", hr.URL); code != 3 || !strings.Contains(errOut, "--clock manual") {
		t.Errorf("moving a real clock: %d %s", code, errOut)
	}
	if _, errOut, code := run(t, "", "serve", "outbox", "--endpoint", "http://127.0.0.1:1"); code != 3 || !strings.Contains(errOut, "is dplint serve running") {
		t.Errorf("no server: %d %s", code, errOut)
	}
}
