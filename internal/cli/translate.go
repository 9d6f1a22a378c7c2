package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/lint"
	"github.com/dplint/dplint/source"
)

const translateHelp = `Usage: dplint translate --to api|cli|cfn|cfn-yaml [--pipeline NAME] FILE

Converts a definition between the CLI file form (objects/parameters/values,
as given to put-pipeline-definition), the API form
(pipelineObjects/parameterObjects/parameterValues) and the properties of a
CloudFormation AWS::DataPipeline::Pipeline resource (PipelineObjects,
ParameterObjects, ParameterValues). --to api gives exactly what the AWS CLI
sends; --to cli gives what get-pipeline-definition prints; --to cfn and
--to cfn-yaml give the resource's properties in JSON or YAML, to paste under
Properties. FILE may be a definition file, a CloudFormation template or a
Terraform file (name the pipeline with --pipeline when it holds several),
or - for standard input. Out of a template, values known only at deploy
time are written as ${...} placeholders (a !Ref as ${Name}, a !Sub as its
template), which lint --template-vars can fill in.

Flags:
`

func runTranslate(args []string, env Env) int {
	fs := newFlagSet("translate", env, translateHelp)
	to := fs.String("to", "", "target form: api, cli, cfn or cfn-yaml")
	pick := fs.String("pipeline", "", "the pipeline to translate out of a template: its logical id (or Terraform resource name)")
	lenient := fs.Bool("lenient", false, "with --to api: translate a file the AWS CLI would refuse to send (trailing commas, raw line breaks in strings, values botocore rejects)")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	switch *to {
	case "api", "cli", "cfn", "cfn-yaml":
	default:
		return usage(env, "translate: --to must be api, cli, cfn or cfn-yaml")
	}
	if len(paths) != 1 {
		return usage(env, "translate: give exactly one FILE")
	}
	name, data, err := readPath(paths[0], env)
	if err != nil {
		return usage(env, "%v", err)
	}
	def, code := translatable(name, data, *pick, env)
	if def == nil {
		return code
	}
	if *to == "api" && !*lenient {
		if refusal := cliRefusal(name, data, def); refusal != "" {
			// What the AWS CLI prints, in its words: it sends nothing.
			fmt.Fprintf(env.Stderr, "\n%s\n", refusal)
			return ExitFindings
		}
	}
	if w := def.Embedded.WorldsOf(); len(w) > 1 {
		// One file out: the branches the deploy decides cannot all be in it.
		fmt.Fprintf(env.Stderr, "dplint: %s: %s left to the deploy: translated as false\n", name, conditionList(w[0].Choice))
	}
	text, err := definition.Translate(def, *to)
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %s: %v\n", name, err)
		return ExitUsage
	}
	if _, err := env.Stdout.Write(text); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: writing output: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// cliRefusal is the AWS CLI's error for a definition file it would refuse
// to send with put-pipeline-definition, or "": --to api promises what the
// CLI sends, and for such a file it sends nothing. Templates are not sent
// by the CLI, so they are not judged.
func cliRefusal(name string, data []byte, def *definition.Definition) string {
	if def.Embedded != nil {
		return ""
	}
	linter, err := lint.New(lint.Config{})
	if err != nil {
		return ""
	}
	res := linter.Lint(name, data)
	if len(res.Definitions) != 1 {
		return ""
	}
	refusal, _ := lint.AWSOutcome(res.Definitions[0].Diagnostics)
	return refusal
}

// readPath reads a file, or standard input for "-", and the name to call
// it by.
func readPath(path string, env Env) (string, []byte, error) {
	if path == "-" {
		data, err := load.ReadCapped(env.Stdin, "<stdin>")
		return "<stdin>", data, err
	}
	data, err := load.ReadFile(path)
	return path, data, err
}

// translatable picks the definition to translate and says why there is
// none: the file is not JSON (or a template not readable), holds no
// definition, or --pipeline names none of its pipelines.
func translatable(name string, data []byte, pick string, env Env) (*definition.Definition, int) {
	lf := load.Read(name, data)
	if len(lf.Definitions) == 0 {
		if p := lf.Source.FirstFatal(); p != nil {
			return nil, unreadable(env, name, lf.Source, p.Start, p.Message+" (cannot translate a file that is not JSON)")
		}
		return nil, usage(env, "%s: %v", name, definition.ErrNotTranslatable)
	}
	def, err := lf.Pick(name, pick)
	if err != nil {
		return nil, usage(env, "%v", err)
	}
	if p := def.File.FirstFatal(); p != nil {
		return nil, unreadable(env, name, def.File, p.Start, p.Message+" (cannot translate a file that is not JSON)")
	}
	if p := def.Unreadable(); p != nil {
		return nil, unreadable(env, name, def.File, p.Start, p.Message)
	}
	return def, ExitOK
}

// unreadable says where a file cannot be read, as a finding would.
func unreadable(env Env, name string, f *source.File, off int, msg string) int {
	pos := f.Position(off)
	fmt.Fprintf(env.Stderr, "%s:%d:%d: error: %s\n", name, pos.Line, pos.Column, msg)
	return ExitFindings
}

// conditionList names conditions: "condition A is", "conditions A, B are".
func conditionList(choice map[string]bool) string {
	names := slices.Sorted(maps.Keys(choice))
	if len(names) == 1 {
		return "condition " + names[0] + " is"
	}
	return "conditions " + strings.Join(names, ", ") + " are"
}
