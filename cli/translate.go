package cli

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/cfn"
	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/load"
	"github.com/dplint/dplint/terraform"
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
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	switch *to {
	case "api", "cli", "cfn", "cfn-yaml":
	default:
		fmt.Fprintf(env.Stderr, "dplint: translate: --to must be api, cli, cfn or cfn-yaml\n")
		return ExitUsage
	}
	if len(paths) != 1 {
		fmt.Fprintf(env.Stderr, "dplint: translate: give exactly one FILE\n")
		return ExitUsage
	}
	name := paths[0]
	var data []byte
	if name == "-" {
		name = "<stdin>"
		data, err = readCapped(env.Stdin, name)
	} else {
		data, err = readFile(name)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
		return ExitUsage
	}
	lf := load.Read(name, data)
	if len(lf.Definitions) == 0 {
		if p := lf.Source.FirstFatal(); p != nil {
			pos := lf.Source.Position(p.Start)
			fmt.Fprintf(env.Stderr, "%s:%d:%d: error: %s (cannot translate a file that is not JSON)\n", name, pos.Line, pos.Column, p.Message)
			return ExitFindings
		}
		fmt.Fprintf(env.Stderr, "dplint: %s: %v\n", name, definition.ErrNotTranslatable)
		return ExitUsage
	}
	def, code := choosePipeline(lf, name, *pick, env)
	if def == nil {
		return code
	}
	if p := def.File.FirstFatal(); p != nil {
		pos := def.File.Position(p.Start)
		fmt.Fprintf(env.Stderr, "%s:%d:%d: error: %s (cannot translate a file that is not JSON)\n", name, pos.Line, pos.Column, p.Message)
		return ExitFindings
	}
	if e := def.Embedded; e != nil {
		for _, p := range e.Problems {
			if p.Rule == cfn.RuleUnreadable {
				pos := def.File.Position(p.Start)
				fmt.Fprintf(env.Stderr, "%s:%d:%d: error: %s\n", name, pos.Line, pos.Column, p.Message)
				return ExitFindings
			}
		}
		def.AsWritten()
	}
	var out ojson.Object
	switch *to {
	case "api":
		out, err = definition.ToAPI(def)
	case "cli":
		out, err = definition.ToCLI(def)
	default:
		out, err = definition.ToCFN(def)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %s: %v\n", name, err)
		return ExitUsage
	}
	text := ojson.Marshal(out)
	if *to == "cfn-yaml" {
		if text, err = ojson.YAML(out); err != nil {
			fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
			return ExitFailed
		}
	}
	if _, err := env.Stdout.Write(text); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: writing output: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// choosePipeline picks the definition to translate: the only one, or the
// one --pipeline names (a logical id, a Terraform resource name or the
// full file#name).
func choosePipeline(lf *load.File, name, pick string, env Env) (*definition.Definition, int) {
	if pick == "" {
		if len(lf.Definitions) == 1 {
			return lf.Definitions[0], ExitOK
		}
		fmt.Fprintf(env.Stderr, "dplint: %s holds %d pipelines; name one with --pipeline:", name, len(lf.Definitions))
		for _, d := range lf.Definitions {
			fmt.Fprintf(env.Stderr, " %s", pipelineName(d))
		}
		fmt.Fprintln(env.Stderr)
		return nil, ExitUsage
	}
	for _, d := range lf.Definitions {
		if n := pipelineName(d); n == pick || d.Name == pick || strings.TrimPrefix(n, terraform.ResourceType+".") == pick {
			return d, ExitOK
		}
	}
	fmt.Fprintf(env.Stderr, "dplint: %s has no pipeline %q\n", name, pick)
	return nil, ExitUsage
}

func pipelineName(d *definition.Definition) string {
	if d.Embedded != nil && d.Embedded.Resource != "" {
		return d.Embedded.Resource
	}
	return d.Name
}
