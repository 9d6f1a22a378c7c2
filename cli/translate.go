package cli

import (
	"fmt"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/source"
)

const translateHelp = `Usage: dplint translate --to api|cli FILE

Converts a definition between the CLI file form (objects/parameters/values,
as given to put-pipeline-definition) and the API form
(pipelineObjects/parameterObjects/parameterValues). --to api gives exactly
what the AWS CLI sends; --to cli gives what get-pipeline-definition prints.
FILE may be - for standard input.

Flags:
`

func runTranslate(args []string, env Env) int {
	fs := newFlagSet("translate", env, translateHelp)
	to := fs.String("to", "", "target form: api or cli")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	if *to != "api" && *to != "cli" {
		fmt.Fprintf(env.Stderr, "dplint: translate: --to must be api or cli\n")
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
	sf := source.Parse(name, data)
	if p := sf.FirstFatal(); p != nil {
		pos := sf.Position(p.Start)
		fmt.Fprintf(env.Stderr, "%s:%d:%d: error: %s (cannot translate a file that is not JSON)\n", name, pos.Line, pos.Column, p.Message)
		return ExitFindings
	}
	def := definition.Read(name, sf)
	var out ojson.Object
	if *to == "api" {
		out, err = definition.ToAPI(def)
	} else {
		out, err = definition.ToCLI(def)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %s: %v\n", name, err)
		return ExitUsage
	}
	if _, err := env.Stdout.Write(ojson.Marshal(out)); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: writing output: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
