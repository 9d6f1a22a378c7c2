package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dplint/dplint/internal/picture"
	"github.com/dplint/dplint/lint"
)

const graphHelp = `Usage: dplint graph [--format mermaid|dot|svg] [--pipeline NAME] [--focus ID [--depth N]] FILE

Draws the objects of a pipeline and their references: a node per object
(shape and colour by category, clustered by category), an edge per
reference labelled by its slot, parent edges dashed, what objects inherit
from Default dotted, dependsOn and parent cycles in red; the findings of
dplint lint (with the same .dplint.yaml) marked on their objects: errors
red, warnings amber, unused objects grey. Mermaid renders on GitHub and
GitLab; dot is for Graphviz; svg is drawn by dplint itself. FILE may be a
definition file, a CloudFormation template or a Terraform file (every
pipeline is drawn, or the one --pipeline names), or - for standard input.

Exit codes: 0 drawn (findings do not fail it); 2 usage, or a file that
cannot be read or holds no pipeline; 3 could not complete.

Flags:
`

func runGraph(args []string, env Env) int {
	fs := newFlagSet("graph", env, graphHelp)
	format := fs.String("format", picture.Formats[0], "output format: "+strings.Join(picture.Formats, ", "))
	pick := fs.String("pipeline", "", "draw only this pipeline of a template or .tf file: its logical id (or Terraform resource name)")
	focus := fs.String("focus", "", "draw only the objects within --depth edges of the object with this `ID` (edges followed either way)")
	depth := fs.Int("depth", 1, "with --focus: how many edges away from it to draw")
	configPath := fs.String("config", "", "the configuration file (default: .dplint.yaml in the working directory or the nearest directory above it)")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return usageCode(err)
	}
	if !isFormat(*format) {
		return usage(env, "graph: --format must be %s", strings.Join(picture.Formats, ", "))
	}
	if givenFlags(fs)["depth"] && *focus == "" {
		return usage(env, "graph: --depth goes with --focus")
	}
	if *depth < 0 {
		return usage(env, "graph: --depth must be 0 or more, got %d", *depth)
	}
	if len(paths) != 1 {
		return usage(env, "graph: give exactly one FILE")
	}
	linter, err := graphLinter(*configPath)
	if err != nil {
		return usage(env, "%v", err)
	}
	name, data, err := readPath(paths[0], env)
	if err != nil {
		return usage(env, "%v", err)
	}
	pic, err := picture.Read(linter, name, data, picture.Options{Pipeline: *pick, Focus: *focus, Depth: *depth})
	var input *picture.InputError
	switch {
	case errors.As(err, &input):
		fmt.Fprintf(env.Stderr, "%s:%d:%d: error: %s\n", input.Path, input.Line, input.Column, input.Message)
		return ExitUsage
	case errors.Is(err, picture.ErrIncomplete):
		fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
		return ExitFailed
	case err != nil:
		return usage(env, "%v", err)
	}
	if err := picture.Write(env.Stdout, pic, *format); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %s: writing the picture: %v\n", name, err)
		return ExitFailed
	}
	return ExitOK
}

func isFormat(f string) bool {
	for _, known := range picture.Formats {
		if f == known {
			return true
		}
	}
	return false
}

// graphLinter is the linter `dplint lint` would use with no flags: the
// rules, severities and overrides of --config or the .dplint.yaml found.
func graphLinter(path string) (*lint.Linter, error) {
	file, err := loadConfig(path)
	if err != nil {
		return nil, err
	}
	cfg, err := lint.ConfigFrom(file)
	if err != nil {
		return nil, err
	}
	l, err := lint.New(cfg)
	if err != nil && file != nil {
		return nil, fmt.Errorf("%s: %w", file.Path, err)
	}
	return l, err
}
