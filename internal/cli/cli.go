// Package cli is dplint's command line. main only calls Main, so tests
// drive every command in-process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/dplint/dplint/internal/ruledocs"
	"github.com/dplint/dplint/rules"
)

// Exit codes (docs/commands.md, "Exit codes").
const (
	ExitOK       = 0 // nothing at or above --fail-level
	ExitFindings = 1 // findings at or above --fail-level
	ExitUsage    = 2 // bad usage or configuration, or a path that cannot be read
	ExitFailed   = 3 // could not complete: an internal failure
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// IsTerminal reports whether stdout is a terminal (for auto colour).
	IsTerminal bool
	Getenv     func(string) string
	// SetGCPercent, when set, lets a lint of many files tune the garbage
	// collector (debug.SetGCPercent in a real process; nil in tests that
	// share one, where runs would undo each other's settings).
	SetGCPercent func(int) int
}

// Main runs dplint with os.Args-style arguments and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, SetGCPercent: debug.SetGCPercent}
	if f, ok := stdout.(*os.File); ok {
		if st, err := f.Stat(); err == nil {
			env.IsTerminal = st.Mode()&os.ModeCharDevice != 0
		}
	}
	return Run(args[1:], env)
}

const mainHelp = `dplint checks AWS Data Pipeline definitions offline.

Usage:
  dplint lint [flags] PATH...        lint files, directories (*.json, *.yaml, *.yml, *.template, *.tf, recursively) or - (stdin)
  dplint translate --to api|cli|cfn|cfn-yaml [--pipeline NAME] FILE
                                     convert between the CLI file form, the API form and CloudFormation
  dplint rules [--markdown|--docs DIR] list every rule, or write the rules reference
  dplint explain [TYPE[.FIELD]|RULE] what dplint knows of an object type, a field or a rule
  dplint schema [--files]            print the editor JSON Schema generated from the catalog
  dplint eval [flags] 'TEXT'         evaluate #{...} expressions for one run, like EvaluateExpression
  dplint graph [flags] FILE          draw a pipeline's objects, references and findings (Mermaid, DOT or SVG)
  dplint pull [flags] -o DIR         fetch definitions from AWS (--pipeline-id ID or --all) into DIR/<id>.json
  dplint init                        write a commented starter .dplint.yaml
  dplint lsp                         run the language server (LSP over stdio) for editors
  dplint serve [flags]               run the Data Pipeline API locally, answering with dplint's validation
  dplint version                     print the version
  dplint help [COMMAND]              show help

Run 'dplint help lint' for the lint flags.
`

// Run dispatches a subcommand.
func Run(args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, mainHelp)
		return ExitUsage
	}
	switch args[0] {
	case "lint":
		return runLint(args[1:], env)
	case "translate":
		return runTranslate(args[1:], env)
	case "rules":
		return runRules(args[1:], env)
	case "explain":
		return runExplain(args[1:], env)
	case "schema":
		return runSchema(args[1:], env)
	case "eval":
		return runEval(args[1:], env)
	case "graph":
		return runGraph(args[1:], env)
	case "pull":
		return runPull(args[1:], env)
	case "init":
		return runInit(args[1:], env)
	case "lsp":
		return runLSP(args[1:], env)
	case "serve":
		return runServe(args[1:], env)
	case "version", "--version":
		fmt.Fprintf(env.Stdout, "dplint %s\n", Version())
		return ExitOK
	case "help", "-h", "--help":
		// "help help" and "help --help" must not ask for help again forever.
		if len(args) > 1 && !isHelp(args[1]) {
			return Run([]string{args[1], "--help"}, env)
		}
		fmt.Fprint(env.Stdout, mainHelp)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "dplint: unknown command %q\n\n%s", args[0], mainHelp)
	return ExitUsage
}

func isHelp(arg string) bool { return arg == "help" || arg == "-h" || arg == "--help" }

// Version is the module version from the build info, with the VCS revision
// when the binary was built from a checkout.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
		v += fmt.Sprintf(" (%s%s)", rev[:min(12, len(rev))], dirty)
	}
	return v
}

// parseInterspersed parses flags that may come before or after positional
// arguments (dplint lint a.json --format json), as users expect. Everything
// after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			tail = args[i+1:]
			args = args[:i]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag collects comma-separated values over repeated flags.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// newFlagSet makes a command's flag set. -h prints the command's help and
// its flags; a bad flag prints the problem and one line on where the help
// is, not the whole help.
func newFlagSet(name string, env Env, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	out := &errorSeen{w: env.Stderr}
	fs.SetOutput(out)
	fs.Usage = func() {
		if out.seen {
			// The flag package has just printed what is wrong.
			fmt.Fprintf(env.Stderr, "Run 'dplint help %s' for its flags.\n", name)
			out.seen = false
			return
		}
		fmt.Fprint(env.Stderr, help)
		printFlags(env.Stderr, fs)
	}
	return fs
}

// errorSeen notes that the flag package wrote an error: it writes only
// errors to its output, and then asks for the usage.
type errorSeen struct {
	w    io.Writer
	seen bool
}

func (e *errorSeen) Write(p []byte) (int, error) {
	e.seen = true
	return e.w.Write(p)
}

// printFlags lists the flags as the documentation spells them (--format,
// -o), with their argument and default, like flag.PrintDefaults.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		arg, text := flag.UnquoteUsage(f)
		line := "  " + dash + f.Name
		if arg != "" {
			line += " " + arg
		}
		switch {
		case f.DefValue == "" || f.DefValue == "0" || f.DefValue == "false" || f.DefValue == "[]":
		case arg == "string":
			text += fmt.Sprintf(" (default %q)", f.DefValue)
		default:
			text += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(text, "\n", "\n    \t"))
	})
}

// givenFlags names the flags set on the command line.
func givenFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// usage says what is wrong with how dplint was called; it returns the exit
// code for that.
func usage(env Env, format string, a ...any) int {
	fmt.Fprintf(env.Stderr, "dplint: "+format+"\n", a...)
	return ExitUsage
}

// usageCode maps a flag parsing error to an exit code: -h is not an error.
func usageCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

func runRules(args []string, env Env) int {
	fs := newFlagSet("rules", env, "Usage: dplint rules [--markdown | --docs DIR]\n\nLists every rule: id, name, default severity, origin and summary.\n")
	markdown := fs.Bool("markdown", false, "print the rules reference (docs/rules.md): every rule with its explanation, an example and what dplint says about it")
	docs := fs.String("docs", "", "write one page per rule, DIR/<ID>.md (docs/rules)")
	if err := fs.Parse(args); err != nil {
		return usageCode(err)
	}
	if *docs != "" {
		if err := os.MkdirAll(*docs, 0o755); err != nil {
			fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
			return ExitUsage
		}
		for _, r := range rules.All() {
			page, err := ruledocs.Page(r)
			if err == nil {
				err = os.WriteFile(filepath.Join(*docs, r.ID+".md"), []byte(page), 0o644)
			}
			if err != nil {
				fmt.Fprintf(env.Stderr, "dplint: %s: %v\n", r.ID, err)
				return ExitFailed
			}
		}
		return ExitOK
	}
	if *markdown {
		md, err := ruledocs.Markdown()
		if err != nil {
			fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
			return ExitFailed
		}
		fmt.Fprint(env.Stdout, md)
		return ExitOK
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tORIGIN\tSUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Origin, r.Summary)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(env.Stderr, "dplint: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
