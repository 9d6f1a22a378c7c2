package cli

import (
	"context"
	"errors"
	"flag"
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

// pullOptions are pull's flags.
type pullOptions struct {
	ids  listFlag
	all  bool
	dir  string
	conn remoteOpts
}

func (o *pullOptions) register(fs *flag.FlagSet) {
	fs.Var(&o.ids, "pipeline-id", "a pipeline to pull (repeat, or separate with commas)")
	fs.BoolVar(&o.all, "all", false, "pull every pipeline of the account and region")
	fs.StringVar(&o.dir, "o", "", "the folder to write DIR/<pipeline-id>.json into (created if needed)")
	o.conn.register(fs, "")
}

// check refuses flags that do not go together, before any call.
func (o *pullOptions) check(rest []string) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q (pipelines are given with --pipeline-id)", rest[0])
	case o.all == (len(o.ids) > 0):
		return errors.New("give either --pipeline-id ID or --all")
	case o.dir == "":
		return errors.New("-o DIR is required")
	case o.conn.timeout <= 0:
		return fmt.Errorf("--remote-timeout: must be positive, got %s", o.conn.timeout)
	}
	for _, id := range o.ids {
		if !fileSafe(id) {
			return fmt.Errorf("%q is not a pipeline id", id)
		}
	}
	return nil
}

// fileSafe says whether a pipeline id can name a file in the output folder.
func fileSafe(id string) bool {
	return !strings.ContainsAny(id, `/\`) && id != "" && id != "." && id != ".."
}

func runPull(args []string, env Env) int {
	fs := newFlagSet("pull", env, pullHelp)
	var o pullOptions
	o.register(fs)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	if err := o.check(rest); err != nil {
		return usage(env, "pull: %v", err)
	}
	api, err := o.conn.client()
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: pull: %v\n", err)
		return remoteClientCode(err)
	}
	ctx := context.Background()
	ids := o.ids
	if o.all {
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
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return usage(env, "pull: %v", err)
	}
	code := ExitOK
	for _, id := range ids {
		code = max(code, pullOne(ctx, api, id, o.dir, env))
	}
	return code
}

// pullOne writes one pipeline's definition to DIR/<id>.json.
func pullOne(ctx context.Context, api remote.API, id, dir string, env Env) int {
	if !fileSafe(id) {
		fmt.Fprintf(env.Stderr, "dplint: pull: the service listed a pipeline id that is no file name: %q\n", id)
		return ExitFailed
	}
	def, err := remote.PullDefinition(ctx, api, id)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: pull: %s: %v\n", id, err)
		return remoteClientCode(err)
	}
	path := filepath.Join(dir, id+".json")
	if err := os.WriteFile(path, ojson.Marshal(def), 0o644); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: pull: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d objects)\n", path, countObjects(def))
	return ExitOK
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
