//go:build ignore

// gen writes the facts of a service-2.json (an AWS API model) that
// package apimodel uses: go run gen.go MODEL.json OUT.json.
package main

import (
	"fmt"
	"os"

	"github.com/dplint/dplint/internal/apimodel"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go SERVICE-2.JSON OUT.JSON")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := apimodel.Extract(data)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	if err := os.WriteFile(os.Args[2], out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
