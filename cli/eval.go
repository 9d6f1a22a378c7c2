package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/evalenv"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/graph"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/load"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/schema"
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

func runEval(args []string, env Env) int {
	fs := newFlagSet("eval", env, evalHelp)
	file := fs.String("file", "", "the definition to resolve names in (a definition file, template or .tf file)")
	pick := fs.String("pipeline", "", "with --file: the pipeline of a template or .tf file (its logical id or resource name)")
	object := fs.String("object", "", "the object whose fields the names refer to (with --file or --remote)")
	at := fs.String("at", "", "the run's scheduled start time, YYYY-MM-DDTHH:MM:SS in UTC (default: now)")
	params := &paramFlag{}
	fs.Var(params, "param", "a parameter value, id=value (repeat an id for an array)")
	remoteOn := fs.Bool("remote", false, "also ask the service (EvaluateExpression) in pipeline --pipeline-id, object --object, and compare")
	pipelineID := fs.String("pipeline-id", "", "with --remote: the pipeline whose definition (pulled) and service evaluation are compared")
	var ro remoteOpts
	ro.register(fs, "with --remote: ")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, "dplint: eval: "+format+"\n", a...)
		return ExitUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !*remoteOn && (set["pipeline-id"] || set["region"] || set["profile"] || set["endpoint-url"] || set["remote-timeout"]) {
		return fail("--pipeline-id, --region, --profile, --endpoint-url and --remote-timeout go with --remote")
	}
	if *remoteOn {
		switch {
		case len(rest) != 1:
			return fail("give exactly one TEXT to evaluate")
		case *pipelineID == "" || *object == "":
			return fail("--remote needs --pipeline-id and --object (EvaluateExpression evaluates in one object of one pipeline)")
		case *file != "":
			return fail("--remote and --file: give one (with --remote the definition is pulled from the pipeline)")
		case set["param"]:
			return fail("--param does not go with --remote: the service uses the pipeline's own parameter values")
		case ro.timeout <= 0:
			return fail("--remote-timeout: must be positive, got %s", ro.timeout)
		}
	}
	if len(rest) != 1 {
		return fail("give exactly one TEXT to evaluate")
	}
	if msg := params.check(); msg != "" {
		return fail("%s", msg)
	}
	when, err := parseAt(*at)
	if err != nil {
		return fail("--at: %v", err)
	}
	def := &definition.Definition{}
	var api remote.API
	if *remoteOn {
		if api, err = ro.client(); err != nil {
			fmt.Fprintf(env.Stderr, "dplint: eval: --remote: %v\n", err)
			return remoteClientCode(err)
		}
		pulled, err := remote.PullDefinition(context.Background(), api, *pipelineID)
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: eval: --remote: pulling %s: %v\n", *pipelineID, err)
			return remoteClientCode(err)
		}
		name := "pipeline " + *pipelineID
		def = definition.Read(name, source.Parse(name, ojson.Marshal(pulled)))
		*file = name
	} else if *file != "" {
		data, err := readFile(*file)
		if err != nil {
			return fail("%v", err)
		}
		lf := load.Read(*file, data)
		if len(lf.Definitions) == 0 {
			return fail("%s holds no pipeline definition", *file)
		}
		d, code := choosePipeline(lf, *file, *pick, env)
		if d == nil {
			return code
		}
		if d.File.Root == nil {
			return fail("%s cannot be read: lint it to see why", *file)
		}
		def = d
	} else if *object != "" {
		return fail("--object needs --file")
	}
	g := graph.Build(def)
	ev := &evalenv.Env{G: g, Cat: schema.Objects(), At: when, Params: params.values}
	if *object != "" {
		if ev.Object = g.Object(*object); ev.Object == nil {
			return fail("%s has no object %q", *file, *object)
		}
	}
	text := rest[0]
	if *remoteOn {
		return evalRemote(env, api, *pipelineID, *object, text, ev)
	}
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
		fmt.Fprintf(env.Stdout, "dplint:  (error: %s)\n", offErr)
	} else {
		fmt.Fprintf(env.Stdout, "dplint:  %s\n", offline)
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

// showValues prints what every field holding #{...} evaluates to for one
// run, object by object, so a reviewer sees the real paths.
func showValues(w io.Writer, def *definition.Definition, when time.Time, values map[string][]string) {
	if def == nil {
		return
	}
	g := graph.Build(def)
	cat := schema.Objects()
	fmt.Fprintf(w, "values of %s for a run at %s:\n", def.Name, when.Format(expr.DateTimeLayout))
	shown := 0
	for _, o := range def.Objects {
		ev := &evalenv.Env{G: g, Cat: cat, Object: o, At: when, Params: values, OnlyParams: values != nil}
		var keys []string
		vals := map[string]string{}
		for _, f := range o.Fields {
			for _, v := range f.Values {
				if v.Kind != definition.Str || !expr.HasExpr(v.Text) {
					continue
				}
				out := "(cannot be known offline)"
				if t, errs := expr.ParseTemplate(v.Text); len(errs) == 0 {
					if s, err := expr.EvalTemplate(t, ev); err == nil {
						out = s
					} else if !errors.Is(err, expr.ErrUnknown) {
						out = "(error: " + err.Error() + ")"
					}
				} else {
					out = "(does not parse)"
				}
				if strings.HasPrefix(f.Key, "*") {
					out = evalenv.Mask
				}
				if _, seen := vals[f.Key]; !seen {
					keys = append(keys, f.Key)
				}
				vals[f.Key] += sep(vals[f.Key]) + out
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s.%s = %s\n", o.ID, k, vals[k])
			shown++
		}
	}
	if shown == 0 {
		fmt.Fprintln(w, "  (no field holds an expression)")
	}
}

func sep(s string) string {
	if s == "" {
		return ""
	}
	return ", "
}
