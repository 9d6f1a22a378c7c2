package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/internal/graph"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/schema/catalog"
	"github.com/dplint/dplint/source"
)

const evalHelp = `Usage: dplint eval [--file DEF [--pipeline NAME] [--object ID]] [--at DATETIME] [--param id=value]... 'TEXT'
       dplint eval --remote --pipeline-id ID --object ID [--at DATETIME] [--region R] [--profile P] [--endpoint-url URL] [--remote-timeout D] 'TEXT'

Evaluates a string holding #{...} expressions the way the service would
for one run, as the API's EvaluateExpression does: names resolve to
parameters (--param, then the definition's values, then defaults), to the
object's own and inherited fields (--object), and to @scheduledStartTime
(--at). Masked (*my...) parameters print as ****. What cannot be known
offline (other runtime fields, node.) is an error that names it. DEF may be
a CloudFormation template or a Terraform file (--pipeline picks the pipeline
when it holds several).

With --remote, the definition is pulled from the pipeline
(GetPipelineDefinition) instead of --file, the service evaluates TEXT too
(EvaluateExpression on --object), and both results are printed, then
"same" or "differ": exit 0 when they are the same, 1 when they differ,
2 for bad usage or no credentials or region, 3 when a call fails.

Flags:
`

// paramFlag collects --param id=value (repeat an id for an array).
type paramFlag struct {
	values map[string][]string
	bad    []string // items with no '=', reported in the AWS CLI's words
}

func (p *paramFlag) String() string { return "" }
func (p *paramFlag) Set(v string) error {
	id, val, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(id) == "" {
		p.bad = append(p.bad, v)
		return nil
	}
	if p.values == nil {
		p.values = map[string][]string{}
	}
	p.values[strings.TrimSpace(id)] = append(p.values[strings.TrimSpace(id)], val)
	return nil
}

// check returns the AWS CLI's error for a malformed --parameter-values
// item, or "".
func (p *paramFlag) check() string {
	if len(p.bad) == 0 {
		return ""
	}
	return "Error in parameter: Invalid inline parameter format: " + p.bad[0] + " (expected id=value)"
}

func parseAt(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC().Truncate(time.Minute), nil
	}
	t, err := time.Parse(expr.DateTimeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not YYYY-MM-DDTHH:MM:SS", s)
	}
	return t, nil
}

// evalOptions are the eval command's flags as given.
type evalOptions struct {
	file, pick, object, at, pipelineID string
	remote                             bool
	params                             paramFlag
	remoteOpts
	given map[string]bool
}

func (o *evalOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.file, "file", "", "the definition to resolve names in (a definition file, template or .tf file)")
	fs.StringVar(&o.pick, "pipeline", "", "with --file: the pipeline of a template or .tf file (its logical id or resource name)")
	fs.StringVar(&o.object, "object", "", "the object whose fields the names refer to (with --file or --remote)")
	fs.StringVar(&o.at, "at", "", "the run's scheduled start time, YYYY-MM-DDTHH:MM:SS in UTC (default: now)")
	fs.Var(&o.params, "param", "a parameter value, id=value (repeat an id for an array)")
	fs.BoolVar(&o.remote, "remote", false, "also ask the service (EvaluateExpression) in pipeline --pipeline-id, object --object, and compare")
	fs.StringVar(&o.pipelineID, "pipeline-id", "", "with --remote: the pipeline whose definition (pulled) and service evaluation are compared")
	o.remoteOpts.register(fs, "with --remote: ")
}

// check refuses flags that do not go together.
func (o *evalOptions) check(rest []string) error {
	g := o.given
	if !o.remote && (g["pipeline-id"] || g["region"] || g["profile"] || g["endpoint-url"] || g["remote-timeout"]) {
		return fmt.Errorf("--pipeline-id, --region, --profile, --endpoint-url and --remote-timeout go with --remote")
	}
	if o.remote {
		switch {
		case len(rest) != 1:
			return fmt.Errorf("give exactly one TEXT to evaluate")
		case o.pipelineID == "" || o.object == "":
			return fmt.Errorf("--remote needs --pipeline-id and --object (EvaluateExpression evaluates in one object of one pipeline)")
		case o.file != "":
			return fmt.Errorf("--remote and --file: give one (with --remote the definition is pulled from the pipeline)")
		case g["param"]:
			return fmt.Errorf("--param does not go with --remote: the service uses the pipeline's own parameter values")
		case o.timeout <= 0:
			return fmt.Errorf("--remote-timeout: must be positive, got %s", o.timeout)
		}
	}
	if len(rest) != 1 {
		return fmt.Errorf("give exactly one TEXT to evaluate")
	}
	if msg := o.params.check(); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	return nil
}

func runEval(args []string, env Env) int {
	fs := newFlagSet("eval", env, evalHelp)
	o := &evalOptions{}
	o.register(fs)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	o.given = givenFlags(fs)
	if err := o.check(rest); err != nil {
		return usage(env, "eval: %v", err)
	}
	when, err := parseAt(o.at)
	if err != nil {
		return usage(env, "eval: --at: %v", err)
	}
	var api remote.API
	if o.remote {
		if api, err = o.client(); err != nil {
			fmt.Fprintf(env.Stderr, "dplint: eval: --remote: %v\n", err)
			return remoteClientCode(err)
		}
	}
	def, name, code := o.definition(api, env)
	if def == nil {
		return code
	}
	g := graph.Build(def)
	ev := &evalenv.Env{G: g, Cat: catalog.Objects(), At: when, Params: o.params.values}
	if o.object != "" {
		if ev.Object = g.Object(o.object); ev.Object == nil {
			return usage(env, "eval: %s has no object %q", name, o.object)
		}
	}
	if o.remote {
		return evalRemote(env, api, o.pipelineID, o.object, rest[0], ev)
	}
	return evalOffline(env, rest[0], ev)
}

// definition is the definition names resolve in, and what to call it:
// pulled from the pipeline (--remote), read from --file, or none.
func (o *evalOptions) definition(api remote.API, env Env) (*definition.Definition, string, int) {
	switch {
	case o.remote:
		pulled, err := remote.PullDefinition(context.Background(), api, o.pipelineID)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: eval: --remote: pulling %s: %v\n", o.pipelineID, err)
			return nil, "", remoteClientCode(err)
		}
		name := "pipeline " + o.pipelineID
		return definition.Read(name, source.Parse(name, ojson.Marshal(pulled))), name, ExitOK
	case o.file != "":
		data, err := load.ReadFile(o.file)
		if err != nil {
			return nil, "", usage(env, "eval: %v", err)
		}
		lf := load.Read(o.file, data)
		if len(lf.Definitions) == 0 {
			return nil, "", usage(env, "eval: %s holds no pipeline definition", o.file)
		}
		d, err := lf.Pick(o.file, o.pick)
		if err != nil {
			return nil, "", usage(env, "%v", err)
		}
		if d.File.Root == nil {
			return nil, "", usage(env, "eval: %s cannot be read: lint it to see why", o.file)
		}
		return d, o.file, ExitOK
	case o.object != "":
		return nil, "", usage(env, "eval: --object needs --file")
	}
	return &definition.Definition{}, "", ExitOK
}

// evalOffline evaluates text as the service would for one run.
func evalOffline(env Env, text string, ev *evalenv.Env) int {
	t, errs := expr.ParseTemplate(text)
	if len(errs) > 0 {
		printEvalError(env.Stderr, text, errs[0].Start, errs[0].End, errs[0].Msg)
		return ExitFindings
	}
	out, err := expr.EvalTemplate(t, ev)
	if err != nil {
		var ee *expr.EvalError
		if errors.As(err, &ee) {
			msg := ee.Msg
			if errors.Is(err, expr.ErrUnknown) {
				msg = "cannot be evaluated offline: " + msg
			}
			printEvalError(env.Stderr, text, ee.Start, ee.End, msg)
		} else {
			fmt.Fprintf(env.Stderr, "dplint: eval: %v\n", err)
		}
		return ExitFindings
	}
	fmt.Fprintln(env.Stdout, out)
	return ExitOK
}

// evalRemote evaluates text offline and by the service and compares.
func evalRemote(env Env, api remote.API, pipelineID, object, text string, ev *evalenv.Env) int {
	offline, offErr := "", ""
	if t, errs := expr.ParseTemplate(text); len(errs) > 0 {
		offErr = "does not parse: " + errs[0].Msg
	} else if out, err := expr.EvalTemplate(t, ev); err != nil {
		offErr = err.Error()
		if errors.Is(err, expr.ErrUnknown) {
			offErr = "cannot be evaluated offline: " + offErr
		}
	} else {
		offline = out
	}
	if offErr != "" {
		fmt.Fprintf(env.Stdout, "dplint: (error: %s)\n", offErr)
	} else {
		fmt.Fprintf(env.Stdout, "dplint: %s\n", offline)
	}
	service, err := remote.Evaluate(context.Background(), api, pipelineID, object, text)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: eval: --remote: %v\n", err)
		return remoteClientCode(err)
	}
	if offErr == "" && strings.Contains(offline, evalenv.Mask) {
		// The service's answer may hold the masked value in clear.
		fmt.Fprintln(env.Stdout, "service: (not shown: TEXT uses a masked *my... value)")
		fmt.Fprintln(env.Stdout, "not compared: TEXT uses a masked value")
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, "service: %s\n", service)
	if offErr == "" && offline == service {
		fmt.Fprintln(env.Stdout, "same")
		return ExitOK
	}
	if offErr != "" {
		fmt.Fprintln(env.Stdout, "differ: dplint could not evaluate TEXT, the service could")
	} else {
		fmt.Fprintln(env.Stdout, "differ: dplint and the service evaluate TEXT differently")
	}
	return ExitFindings
}

// printEvalError shows the text with carets under the range.
func printEvalError(w io.Writer, text string, start, end int, msg string) {
	fmt.Fprintf(w, "dplint: eval: column %d: %s\n  %s\n  %s%s\n", start+1, msg, text,
		strings.Repeat(" ", len([]rune(text[:min(start, len(text))]))), strings.Repeat("^", max(1, len([]rune(text[min(start, len(text)):min(end, len(text))])))))
}
