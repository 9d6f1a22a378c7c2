package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/dplint/dplint/internal/config"
)

const initHelp = `Usage: dplint init

Writes a commented starter .dplint.yaml in the working directory (it never
overwrites one).
`

func runInit(args []string, env Env) int {
	fs0 := newFlagSet("init", env, initHelp)
	if err := fs0.Parse(args); err != nil {
		return usageCode(err)
	}
	const name = ".dplint.yaml"
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(env.Stderr, "dplint: init: %s already exists; not overwriting it\n", name)
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dplint: init: %v\n", err)
		return ExitUsage
	}
	if _, err := f.WriteString(config.Starter); err != nil {
		f.Close()
		fmt.Fprintf(env.Stderr, "dplint: init: %v\n", err)
		return ExitFailed
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: init: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintf(env.Stdout, "wrote %s\n", name)
	return ExitOK
}
