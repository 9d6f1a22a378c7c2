// Command dplint-wasm is dplint for the browser playground
// (docs/playground): built with GOOS=js GOARCH=wasm by
// scripts/playground-build, it registers globalThis.dplint.run, which
// takes a request as JSON (the text, its form, a run time) and returns the
// findings, the graph as SVG and the evaluated values as JSON
// (internal/playground does the work). Nothing leaves the browser: the
// module makes no request of its own.
package main
