package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/remote"
)

const pullHelp = `Usage: dplint pull (--pipeline-id ID[,ID]... | --all) -o DIR [--region R] [--profile P] [--endpoint-url URL] [--remote-timeout D]

Fetches pipeline definitions from AWS Data Pipeline (GetPipelineDefinition,
the latest version) and writes each to DIR/<pipeline-id>.json in the AWS
CLI file form, byte for byte what 'aws datapipeline get-pipeline-definition'
prints, ready for 'dplint lint'. --all lists every pipeline of the account
and region first (ListPipelines). Credentials and region come from the
standard AWS chain. Nothing in the account is changed.

Exit codes: 0 all written; 2 bad usage, no credentials or no region;
3 a call failed (the other pipelines are still written).

Flags:
`

func runPull(args []string, env Env) int {
	fs := newFlagSet("pull", env, pullHelp)
	var ids listFlag
	fs.Var(&ids, "pipeline-id", "a pipeline to pull (repeat, or separate with commas)")
	all := fs.Bool("all", false, "pull every pipeline of the account and region")
	dir := fs.String("o", "", "the folder to write DIR/<pipeline-id>.json into (created if needed)")
	var ro remoteOpts
	ro.register(fs, "")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, "dplint: pull: "+format+"\n", a...)
		return ExitUsage
	}
	switch {
	case len(rest) > 0:
		return fail("unexpected argument %q (pipelines are given with --pipeline-id)", rest[0])
	case *all == (len(ids) > 0):
		return fail("give either --pipeline-id ID or --all")
	case *dir == "":
		return fail("-o DIR is required")
	case ro.timeout <= 0:
		return fail("--remote-timeout: must be positive, got %s", ro.timeout)
	}
	for _, id := range ids {
		if strings.ContainsAny(id, `/\`) || id == "." || id == ".." {
			return fail("%q is not a pipeline id", id)
		}
	}
	api, err := ro.client()
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: pull: %v\n", err)
		return remoteClientCode(err)
	}
	ctx := context.Background()
	if *all {
		list, err := remote.ListAll(ctx, api)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: pull: listing the pipelines: %v\n", err)
			return remoteClientCode(err)
		}
		for _, p := range list {
			ids = append(ids, aws.ToString(p.Id))
		}
		if len(ids) == 0 {
			fmt.Fprintln(env.Stderr, "dplint: pull: the account has no pipelines in this region")
			return ExitOK
		}
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return fail("%v", err)
	}
	code := ExitOK
	for _, id := range ids {
		if strings.ContainsAny(id, `/\`) || id == "" || id == "." || id == ".." {
			fmt.Fprintf(env.Stderr, "dplint: pull: the service listed a pipeline id that is no file name: %q\n", id)
			code = ExitFailed
			continue
		}
		def, err := remote.PullDefinition(ctx, api, id)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: pull: %s: %v\n", id, err)
			code = max(code, remoteClientCode(err))
			continue
		}
		path := filepath.Join(*dir, id+".json")
		if err := os.WriteFile(path, ojson.Marshal(def), 0o644); err != nil {
			fmt.Fprintf(env.Stderr, "dplint: pull: %v\n", err)
			code = ExitFailed
			continue
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d objects)\n", path, countObjects(def))
	}
	return code
}

func countObjects(def ojson.Object) int {
	for _, m := range def {
		if m.Key == "objects" {
			if list, ok := m.Value.([]any); ok {
				return len(list)
			}
		}
	}
	return 0
}
