package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dplint/dplint/internal/iotserve"
	"github.com/dplint/dplint/serve"
)

const serveHelp = `Usage: dplint serve [--addr HOST:PORT] [--state DIR] [flags]

Runs the AWS Data Pipeline API (2012-10-29, the control plane) on this
machine, answering with dplint's own validation: point the AWS CLI, boto3,
an SDK or Terraform at it with an endpoint URL. The same address answers
IoT Analytics' pipeline and reprocessing API (2017-11-27). Requests are checked
against the API model; definitions are validated by dplint's rules.
Pipelines are kept in memory, or with --state in DIR (every acknowledged
write is on disk). Activated pipelines run: task runners poll for their
tasks (see docs/serve.md).

  dplint serve clock [advance D]   show (or, with --clock manual, move) the clock
  dplint serve outbox              list what the pipelines' actions sent
Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

Flags:
`

type serveOptions struct {
	addr, state, region, account string
	maxObjects                   int
	limits, verify               bool
	reprocessing, pollWait       time.Duration
	clock                        string
}

func runServe(args []string, env Env) int {
	if len(args) > 0 && (args[0] == "clock" || args[0] == "outbox") {
		return runServeClient(args[0], args[1:], env)
	}
	fs := newFlagSet("serve", env, serveHelp)
	o := &serveOptions{}
	fs.StringVar(&o.addr, "addr", serve.DefaultAddr, "where to listen (loopback by default; port 0 picks a free one)")
	fs.StringVar(&o.state, "state", "", "keep pipelines in this directory (a bbolt store) instead of memory")
	fs.StringVar(&o.region, "region", "us-east-1", "the region the endpoint claims to be in (with --verify-credentials, signatures must be scoped to it)")
	fs.StringVar(&o.account, "account-id", "123456789012", "the account id pipelines belong to (@accountId, @userId, pipelineCreator)")
	fs.IntVar(&o.maxObjects, "max-objects", 0, "objects per pipeline to allow (0: no limit, or 100 with --account-limits)")
	fs.BoolVar(&o.limits, "account-limits", false, "enforce the documented account limits: 100 pipelines, 100 objects per pipeline")
	fs.StringVar(&o.clock, "clock", "real", "real, or manual: time moves only with `dplint serve clock advance D` (deterministic schedules and timeouts)")
	fs.DurationVar(&o.pollWait, "poll-wait", serve.DefaultPollWait, "how long PollForTask waits for a task before it answers none")
	fs.DurationVar(&o.reprocessing, "reprocessing-duration", iotserve.DefaultReprocessingDuration, "how long an IoT Analytics reprocessing stays RUNNING before it is SUCCEEDED")
	fs.BoolVar(&o.verify, "verify-credentials", false, "accept only requests signed (SigV4) with the access key in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if fs.NArg() > 0 {
		return usage(env, "serve: unexpected argument %q", fs.Arg(0))
	}
	opt, err := o.options(env)
	if err != nil {
		return usage(env, "serve: %v", err)
	}
	srv, err := serve.New(opt)
	if err != nil {
		if opt.Store != nil {
			opt.Store.Close()
		}
		fmt.Fprintf(env.Stderr, "dplint: serve: %v\n", err)
		return ExitUsage
	}
	defer srv.Close()
	if !serve.Loopback(o.addr) {
		fmt.Fprintf(env.Stderr, "dplint: serve: warning: %s is not a loopback address: other machines can reach this endpoint\n", o.addr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	where := "in memory"
	if o.state != "" {
		where = "in " + o.state
	}
	err = serve.ListenAndServe(ctx, o.addr, srv, func(url string) {
		fmt.Fprintf(env.Stderr, "dplint serve: listening on %s (pipelines kept %s)\n", url, where)
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: serve: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintln(env.Stderr, "dplint serve: stopped")
	return ExitOK
}

// options turns the flags into the server's options, opening the store.
func (o *serveOptions) options(env Env) (serve.Options, error) {
	opt := serve.Options{Region: o.region, AccountID: o.account, MaxObjects: o.maxObjects, AccountLimits: o.limits,
		ReprocessingDuration: o.reprocessing}
	if o.maxObjects < 0 {
		return opt, fmt.Errorf("--max-objects %d: must be 0 or more", o.maxObjects)
	}
	if o.reprocessing <= 0 {
		return opt, fmt.Errorf("--reprocessing-duration %s: must be more than 0", o.reprocessing)
	}
	if o.pollWait <= 0 {
		return opt, fmt.Errorf("--poll-wait %s: must be more than 0", o.pollWait)
	}
	opt.PollWait = o.pollWait
	switch o.clock {
	case "real":
	case "manual":
		opt.Clock = serve.NewManualClock(time.Now())
	default:
		return opt, fmt.Errorf("--clock %q: real or manual", o.clock)
	}
	if o.verify {
		key, secret := env.Getenv("AWS_ACCESS_KEY_ID"), env.Getenv("AWS_SECRET_ACCESS_KEY")
		if key == "" || secret == "" {
			return opt, fmt.Errorf("--verify-credentials needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set: the keys clients must sign with")
		}
		opt.Credentials = map[string]string{key: secret}
	}
	if o.state != "" {
		st, err := serve.OpenBolt(o.state)
		if err != nil {
			return opt, err
		}
		opt.Store = st
	}
	return opt, nil
}
