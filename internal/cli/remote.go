package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/remote"
)

// remoteOpts are the connection flags pull and eval --remote share with
// lint --remote.
type remoteOpts struct {
	region, profile, url string
	timeout              time.Duration
}

func (o *remoteOpts) register(fs *flag.FlagSet, prefix string) {
	fs.StringVar(&o.region, "region", "", prefix+"the AWS region (default: AWS_REGION or the profile's)")
	fs.StringVar(&o.profile, "profile", "", prefix+"the AWS profile (default: AWS_PROFILE or default)")
	fs.StringVar(&o.url, "endpoint-url", "", prefix+"send requests to this URL instead of the region's endpoint")
	fs.DurationVar(&o.timeout, "remote-timeout", 60*time.Second, prefix+"the longest one call to the service may take, retries included")
}

func (o *remoteOpts) client() (remote.API, error) {
	return remote.NewClient(context.Background(), remote.Options{Region: o.region, Profile: o.profile, EndpointURL: o.url, Timeout: o.timeout})
}

// remoteFlags are lint's remote-mode flags.
type remoteFlags struct {
	on, strict, optional bool
	deployed             listFlag
	pipelineID           string
	remoteOpts           // the connection flags, shared with pull and eval
}

func (rf *remoteFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&rf.on, "remote", false, "also ask the real service (ValidatePipelineDefinition, AWS credentials from the standard chain) and report its answer (DP8001, DP8002) and where it and dplint disagree")
	fs.BoolVar(&rf.strict, "remote-strict", false, "with --remote or --remote-response: any disagreement between the service and dplint makes the exit code 1")
	fs.BoolVar(&rf.optional, "remote-optional", false, "with --remote: a failed call to the service is a warning on stderr, not exit 3 (the offline findings still count)")
	fs.Var(&rf.deployed, "deployed", "lint the definition deployed in this pipeline (df-…, comma-separated, repeatable), fetched with GetPipelineDefinition")
	fs.StringVar(&rf.pipelineID, "pipeline-id", "", "with --remote: validate against this existing pipeline (unchanged); default: a scratch pipeline dplint creates and deletes")
	rf.remoteOpts.register(fs, "with --remote or --deployed: ")
}

// check refuses remote flags that do not go together.
func (rf *remoteFlags) check(o *lintOptions, paths int) error {
	online := rf.on || len(rf.deployed) > 0
	switch {
	case !online && (rf.region != "" || rf.profile != "" || rf.url != "" || o.given["remote-timeout"]):
		return usagef("--region, --profile, --endpoint-url and --remote-timeout go with --remote or --deployed")
	case !rf.on && (rf.pipelineID != "" || rf.optional):
		return usagef("--pipeline-id and --remote-optional go with --remote")
	case rf.strict && !rf.on && o.remoteResponse == "":
		return usagef("--remote-strict goes with --remote or --remote-response")
	case rf.timeout <= 0:
		return usagef("--remote-timeout: must be positive, got %s", rf.timeout)
	case rf.on && o.remoteResponse != "":
		return usagef("--remote and --remote-response: give one (the service's answer, asked now or saved)")
	case rf.pipelineID != "" && paths+len(rf.deployed) != 1:
		return usagef("--pipeline-id: validating against one pipeline takes one path, not %d", paths+len(rf.deployed))
	}
	return nil
}

// session sets up remote mode: the client (--remote, --deployed) and the
// session that gives lint the service's answers, asked now or saved.
func (rf *remoteFlags) session(s *lintSettings, response string, paths []string, env Env) error {
	s.strict, s.deployed, s.timeout = rf.strict, rf.deployed, rf.timeout
	if rf.on || len(rf.deployed) > 0 {
		api, err := rf.client()
		if err != nil {
			return codedError{fmt.Errorf("remote: %w", err), remoteClientCode(err)}
		}
		s.api = api
	}
	warn := func(msg string) { fmt.Fprintf(env.Stderr, "dplint: %s\n", msg) }
	switch {
	case rf.on:
		// Ctrl-C (SIGINT) or SIGTERM stops the call, and remote.Validate
		// still deletes its scratch pipeline before dplint exits.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		s.stop = stop
		s.remote = &remote.Session{Ctx: ctx, API: s.api, PipelineID: rf.pipelineID, Timeout: rf.timeout,
			Version: Version(), Optional: rf.optional, Warn: warn}
	case response != "":
		if len(paths) != 1 {
			return usagef("--remote-response: a saved response answers one definition; give one path, not %d", len(paths))
		}
		saved, err := readInput(response, remote.ReadAnswer)
		if err != nil {
			return usagef("--remote-response: %v", err)
		}
		s.remote = &remote.Session{Saved: saved, Warn: warn}
	}
	return nil
}

// pullDeployed fetches a deployed definition (lint --deployed) in the AWS
// CLI's file form, the bytes `aws datapipeline get-pipeline-definition`
// prints.
func pullDeployed(api remote.API, id string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	obj, err := remote.PullDefinition(ctx, api, id)
	if err != nil {
		return nil, err
	}
	return ojson.Marshal(obj), nil
}

// remoteClientCode is the exit code of a failure to set up the client: the
// user's configuration (2) or the service (3).
func remoteClientCode(err error) int {
	switch remote.Classify(err).Kind {
	case remote.NoCredentials, remote.NoRegion, remote.Config, remote.InvalidCredentials:
		return ExitUsage
	}
	return ExitFailed
}
