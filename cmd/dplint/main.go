// Command dplint lints AWS Data Pipeline definitions. See README.md and docs/commands.md.
package main

import (
	"os"

	"github.com/dplint/dplint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
