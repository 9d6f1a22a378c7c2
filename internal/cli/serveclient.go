package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/dplint/dplint/serve"
)

const serveClientHelp = `Usage: dplint serve clock [advance D] [--endpoint URL]
       dplint serve outbox [--endpoint URL]

Talks to a running dplint serve: clock shows its time, and with advance D
(a duration: 90m, 2h, 72h) moves a --clock manual server's time on, which
makes the instances, retries and timeouts that have come due; outbox prints
what the pipelines' actions sent (SnsAlarm notifications, Terminate), as
JSON, oldest first.

Flags:
`

// runServeClient runs `dplint serve clock` and `dplint serve outbox`.
func runServeClient(what string, args []string, env Env) int {
	fs := newFlagSet("serve "+what, env, serveClientHelp)
	endpoint := fs.String("endpoint", "http://"+serve.DefaultAddr, "the dplint serve to talk to")
	var rest []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return usageCode(err)
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	url := strings.TrimSuffix(*endpoint, "/") + "/_dplint/" + what
	var req *http.Request
	var err error
	switch {
	case what == "outbox" && len(rest) == 0, what == "clock" && len(rest) == 0:
		req, err = http.NewRequest(http.MethodGet, url, nil)
	case what == "clock" && len(rest) == 2 && rest[0] == "advance":
		if _, perr := time.ParseDuration(rest[1]); perr != nil {
			return usage(env, "serve clock advance %q: a duration such as 90m or 2h", rest[1])
		}
		body, _ := json.Marshal(map[string]string{"advance": rest[1]})
		req, err = http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	default:
		return usage(env, "serve %s: unexpected %q", what, strings.Join(rest, " "))
	}
	if err != nil {
		return usage(env, "serve %s: %v", what, err)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: serve %s: %v (is dplint serve running at %s?)\n", what, err, *endpoint)
		return ExitFailed
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: serve %s: reading the answer: %v\n", what, err)
		return ExitFailed
	}
	var out bytes.Buffer
	if json.Indent(&out, data, "", "  ") != nil {
		out.Reset()
		out.Write(data)
	}
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(env.Stderr, "dplint: serve %s: %s\n", what, strings.TrimSpace(out.String()))
		return ExitFailed
	}
	fmt.Fprintln(env.Stdout, strings.TrimSpace(out.String()))
	return ExitOK
}
