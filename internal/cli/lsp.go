package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dplint/dplint/lsp"
)

const lspHelp = `Usage: dplint lsp [--debounce DURATION]

Runs the language server: the Language Server Protocol (3.17) over standard
input and output, for an editor to start. Open definitions are linted as
they change, with the .dplint.yaml found upward from each file (or at the
workspace root); see docs/editors.md for each editor's configuration.

Flags:
`

// stdio is standard input and output as the server's stream.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

func runLSP(args []string, env Env) int {
	fs := newFlagSet("lsp", env, lspHelp)
	debounce := fs.Duration("debounce", 150*time.Millisecond, "how long after the last change a document is linted")
	fs.Bool("stdio", true, "talk over standard input and output (the only transport; accepted because editors pass it)")
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if fs.NArg() > 0 {
		return usage(env, "lsp: unexpected argument %q", fs.Arg(0))
	}
	srv := lsp.New(lsp.Options{Debounce: *debounce, Version: Version()})
	err := srv.Serve(context.Background(), stdio{env.Stdin, env.Stdout})
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, lsp.ErrNoExit):
		return ExitOK // the editor closed the pipe: nothing was lost
	case errors.Is(err, lsp.ErrExitBeforeShutdown):
		return 1 // the protocol's code for exit without shutdown
	}
	fmt.Fprintf(env.Stderr, "dplint: lsp: %v\n", err)
	return ExitFailed
}
