//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/dplint/dplint/internal/playground"
)

func main() {
	p, err := playground.New()
	if err != nil {
		js.Global().Get("console").Call("error", "dplint: "+err.Error())
		return
	}
	api := js.Global().Get("Object").New()
	api.Set("run", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return `{"error":"dplint.run takes one string: the request as JSON"}`
		}
		return string(p.RunJSON([]byte(args[0].String())))
	}))
	js.Global().Set("dplint", api)
	// The page waits for this call before its first run.
	if ready := js.Global().Get("dplintReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the functions alive for the page's lifetime
}
