// Command dplint lints AWS Data Pipeline definitions. See README.md.
package main

import (
	"os"

	"github.com/dplint/dplint/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
