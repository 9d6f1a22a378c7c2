//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main, outside the browser, says how to build the module: the command is
// a WebAssembly module only.
func main() {
	fmt.Fprintln(os.Stderr, "dplint-wasm runs in a browser: build it with scripts/playground-build (GOOS=js GOARCH=wasm)")
	os.Exit(2)
}
