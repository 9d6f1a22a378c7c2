package cli

import (
	"fmt"

	"github.com/dplint/dplint/internal/editorschema"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/schema/catalog"
)

const schemaHelp = `Usage: dplint schema [--files]

Prints the editor JSON Schema (draft 2020-12) generated from the object
catalog: per-type fields, enumerations and descriptions, for VS Code and
other editors. With --files, prints the schema of the file forms that the
structure rules (DP1001-DP1004) check.
`

func runSchema(args []string, env Env) int {
	fs := newFlagSet("schema", env, schemaHelp)
	files := fs.Bool("files", false, "print the schema of the file forms instead")
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "dplint: schema takes no arguments\n")
		return ExitUsage
	}
	if *files {
		_, _ = env.Stdout.Write(schema.FilesSchema())
		return ExitOK
	}
	out, err := editorschema.EditorSchema(catalog.Objects())
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
		return ExitFailed
	}
	_, _ = env.Stdout.Write(out)
	return ExitOK
}
