// Command benchgen writes the inputs of scripts/bench and times the plain
// decoders dplint is measured against:
//
//	benchgen synthetic N     a definition of N objects (internal/benchdata)
//	benchgen chain N         N objects in one parent chain
//	benchgen loop N          N objects in one parent loop
//	benchgen template N      the synthetic definition as a CloudFormation YAML template
//	benchgen terraform N     the synthetic definition as a Terraform .tf file
//	benchgen decode FILE...  decode each file as its format's plain library does
//	                         (encoding/json into any, yaml.v3 into a node, hclsyntax),
//	                         the floor a linter's reading cannot go below
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"gopkg.in/yaml.v3"

	"github.com/dplint/dplint/internal/benchdata"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("usage: benchgen synthetic|chain|loop|template|terraform N, or benchgen decode FILE")
	}
	if args[0] == "decode" {
		for _, path := range args[1:] {
			if err := decode(path); err != nil {
				return err
			}
		}
		return nil
	}
	if len(args) != 2 {
		return fmt.Errorf("%s: give the number of objects", args[0])
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 {
		return fmt.Errorf("%s: %q is not a positive number of objects", args[0], args[1])
	}
	var out []byte
	switch args[0] {
	case "synthetic":
		out = benchdata.Synthetic(n)
	case "chain", "loop":
		out = benchdata.Chain(n, args[0] == "loop")
	case "template":
		if out, err = benchdata.Template(n); err != nil {
			return err
		}
	case "terraform":
		out = benchdata.Terraform(n)
	default:
		return fmt.Errorf("unknown input %q", args[0])
	}
	_, err = os.Stdout.Write(out)
	return err
}

// decode reads a file the way the plain library for its format does.
func decode(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// A broken file is part of a corpus: what it costs to find out counts,
	// and the error is not ours to report.
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		var n yaml.Node
		_ = yaml.Unmarshal(data, &n)
	case ".tf":
		_, _ = hclsyntax.ParseConfig(data, path, hcl.InitialPos)
	default:
		var v any
		_ = json.Unmarshal(data, &v)
	}
	return nil
}
