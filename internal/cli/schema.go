package cli

import (
	"fmt"

	"github.com/dplint/dplint/internal/editorschema"
	"github.com/dplint/dplint/schema"
	"github.com/dplint/dplint/schema/catalog"
)

const schemaHelp = `Usage: dplint schema [--files | --iotanalytics]

Prints the editor JSON Schema (draft 2020-12) generated from the object
catalog: per-type fields, enumerations and descriptions, for VS Code and
other editors. With --files, prints the schema of the file forms that the
structure rules (DP1001-DP1004) check. With --iotanalytics, prints the
editor schema of IoT Analytics pipeline and reprocessing requests.
`

func runSchema(args []string, env Env) int {
	fs := newFlagSet("schema", env, schemaHelp)
	files := fs.Bool("files", false, "print the schema of the file forms instead")
	iot := fs.Bool("iotanalytics", false, "print the schema of IoT Analytics requests instead")
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "dplint: schema takes no arguments\n")
		return ExitUsage
	}
	if *files && *iot {
		fmt.Fprintf(env.Stderr, "dplint: schema: give --files or --iotanalytics, not both\n")
		return ExitUsage
	}
	if *files {
		_, _ = env.Stdout.Write(schema.FilesSchema())
		return ExitOK
	}
	generate := func() ([]byte, error) { return editorschema.EditorSchema(catalog.Objects()) }
	if *iot {
		generate = editorschema.IoTAnalyticsSchema
	}
	out, err := generate()
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
		return ExitFailed
	}
	_, _ = env.Stdout.Write(out)
	return ExitOK
}
