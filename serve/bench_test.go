package serve

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/benchdata"
	"github.com/dplint/dplint/source"
)

// BenchmarkPutGet30 puts a 30-object definition (validated by dplint's
// rules) and gets it back, over HTTP on loopback as a client would; it
// reports requests per second (two per iteration). docs/performance.md
// keeps its number.
func BenchmarkPutGet30(b *testing.B) {
	data := benchdata.Synthetic(30)
	d := definition.Read("bench.json", source.Parse("bench.json", data))
	api, err := definition.Translate(d, "api")
	if err != nil {
		b.Fatal(err)
	}
	var def obj
	if err := json.Unmarshal(api, &def); err != nil {
		b.Fatal(err)
	}
	if n := len(def["pipelineObjects"].([]any)); n < 30 {
		b.Fatalf("the synthetic definition has %d objects", n)
	}
	for _, store := range []string{"memory", "bbolt"} {
		b.Run(store, func(b *testing.B) {
			opt := Options{}
			if store == "bbolt" {
				st, err := OpenBolt(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				opt.Store = st
			}
			ts := start(b, opt)
			id := ts.create("bench")
			in := put(id, def)
			for b.Loop() {
				if r := ts.call("PutPipelineDefinition", in); r.Status != http.StatusOK {
					b.Fatalf("put: %s", r.Raw)
				}
				if r := ts.call("GetPipelineDefinition", obj{"pipelineId": id}); r.Status != http.StatusOK {
					b.Fatalf("get: %s", r.Raw)
				}
			}
			b.ReportMetric(float64(2*b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
