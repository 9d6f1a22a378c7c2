package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dplint/dplint/internal/awsfake"
)

// endpoint is one implementation of the API under comparison.
type endpoint struct {
	name, url string
	t         *testing.T
}

func (e endpoint) post(op string, in any) (int, map[string]any) {
	e.t.Helper()
	body, _ := json.Marshal(in)
	req, _ := http.NewRequest(http.MethodPost, e.url+"/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "DataPipeline."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	// moto reads the region from the signature's scope.
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260301/us-east-1/datapipeline/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := testClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", e.name, op, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, &out); err != nil && resp.StatusCode == http.StatusOK {
			e.t.Fatalf("%s %s: %v\n%s", e.name, op, err, data)
		}
	}
	return resp.StatusCode, out
}

func (e endpoint) ok(op string, in any) map[string]any {
	e.t.Helper()
	code, out := e.post(op, in)
	if code != http.StatusOK {
		e.t.Fatalf("%s %s: HTTP %d %v", e.name, op, code, out)
	}
	return out
}

// shapeOf is a value's member names and JSON types, recursively (a list by
// the union of its items), for comparing two answers' shapes whatever their
// values.
func shapeOf(v any) string {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k, v := range x {
			// An absent member, a null and an empty list say the same.
			if l, ok := v.([]any); v == nil || ok && len(l) == 0 {
				continue
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ":" + shapeOf(x[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		seen := map[string]bool{}
		var items []string
		for _, it := range x {
			if s := shapeOf(it); !seen[s] {
				seen[s] = true
				items = append(items, s)
			}
		}
		sort.Strings(items)
		return "[" + strings.Join(items, "|") + "]"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64, json.Number:
		return "number"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// The same calls against moto_server and dplint serve, for what moto
// implements, give answers of the same shape, but for moto's known
// deviations, each of which the test observes (so the list stays true):
//
//   - it stores every definition as valid (errored false, no messages);
//   - it pages ListPipelines by 50 and drops one pipeline at exactly 51;
//   - it uses a pipeline id as the marker;
//   - it writes @creationTime as %Y-%m-%dT%H-%M-%S;
//   - it answers an unknown pipeline id with HTTP 500 (GetPipelineDefinition),
//     or with no description at all (DescribePipelines);
//   - it ignores uniqueId (the same name and uniqueId make a new pipeline);
//   - it keeps only the pipeline objects of a definition (no parameters).
func TestMotoComparison(t *testing.T) {
	motoURL := awsfake.Moto(t)
	ts := start(t, Options{PageSize: 50})
	moto := endpoint{"moto", motoURL, t}
	ours := endpoint{"serve", ts.URL, t}
	deviation := func(ok bool, what string) {
		t.Helper()
		if !ok {
			t.Errorf("moto no longer deviates: %s (take it off the list)", what)
		}
	}
	good, bad := apiForm(t, "scheduled.json"), apiForm(t, "broken.json")
	ids := map[string]string{}
	for _, e := range []endpoint{moto, ours} {
		ids[e.name] = e.ok("CreatePipeline", obj{"name": "cmp", "uniqueId": "cmp-1", "description": "compared"})["pipelineId"].(string)
	}
	same := func(op string, in func(id string) obj) (m, s map[string]any) {
		t.Helper()
		m = moto.ok(op, in(ids["moto"]))
		s = ours.ok(op, in(ids["serve"]))
		if shapeOf(m) != shapeOf(s) {
			t.Errorf("%s: moto's answer %s, serve's %s", op, shapeOf(m), shapeOf(s))
		}
		return m, s
	}

	// Shapes agree on everything both implement.
	same("PutPipelineDefinition", func(id string) obj { return put(id, good) })
	mg, sg := moto.ok("GetPipelineDefinition", obj{"pipelineId": ids["moto"]}), ours.ok("GetPipelineDefinition", obj{"pipelineId": ids["serve"]})
	if shapeOf(mg["pipelineObjects"]) != shapeOf(sg["pipelineObjects"]) || jsonText(sg["pipelineObjects"]) != jsonText(good["pipelineObjects"]) {
		t.Errorf("GetPipelineDefinition: moto's objects %s, serve's %s", shapeOf(mg["pipelineObjects"]), shapeOf(sg["pipelineObjects"]))
	}
	_, motoParams := mg["parameterObjects"]
	deviation(!motoParams && sg["parameterObjects"] != nil, "keeps only the pipeline objects")
	same("DescribeObjects", func(id string) obj { return obj{"pipelineId": id, "objectIds": []string{"Greet"}} })
	same("ActivatePipeline", func(id string) obj { return obj{"pipelineId": id} })
	m, _ := same("DescribePipelines", func(id string) obj { return obj{"pipelineIds": []string{id}} })
	same("ListPipelines", func(string) obj { return obj{} })

	// Moto's deviations.
	mb, sb := moto.ok("PutPipelineDefinition", put(ids["moto"], bad)), ours.ok("PutPipelineDefinition", put(ids["serve"], bad))
	deviation(mb["errored"] == false && sb["errored"] == true, "stores every definition as valid")
	created := fields(t, m["pipelineDescriptionList"].([]any)[0].(map[string]any)["fields"])["@creationTime"]
	deviation(len(created) == 1 && regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$`).MatchString(created[0]), "@creationTime as %Y-%m-%dT%H-%M-%S")
	again := moto.ok("CreatePipeline", obj{"name": "cmp", "uniqueId": "cmp-1"})["pipelineId"]
	deviation(again != ids["moto"], "ignores uniqueId")
	if ours.ok("CreatePipeline", obj{"name": "cmp", "uniqueId": "cmp-1"})["pipelineId"] != ids["serve"] {
		t.Error("serve made a second pipeline for the same name and uniqueId")
	}
	code, _ := moto.post("GetPipelineDefinition", obj{"pipelineId": "df-NOSUCHPIPELINE0000"})
	deviation(code == http.StatusInternalServerError, "an unknown id is a 500")
	code, out := moto.post("DescribePipelines", obj{"pipelineIds": []string{"df-NOSUCHPIPELINE0000"}})
	deviation(code == http.StatusOK && len(out["pipelineDescriptionList"].([]any)) == 0, "describes an unknown id as nothing")
	for _, op := range []string{"GetPipelineDefinition", "DescribePipelines"} {
		if code, out := ours.post(op, obj{"pipelineId": "df-NOSUCHPIPELINE0000", "pipelineIds": []string{"df-NOSUCHPIPELINE0000"}}); code != 400 || out["__type"] != "PipelineNotFoundException" {
			t.Errorf("serve's %s of an unknown id: %d %v", op, code, out)
		}
	}

	// 51 pipelines in all: two pages of serve's 50; moto's pages lose one.
	for _, e := range []endpoint{moto, ours} {
		for i := len(listAll(e, nil)); i < 51; i++ {
			e.ok("CreatePipeline", obj{"name": fmt.Sprintf("p%d", i), "uniqueId": fmt.Sprintf("p%d", i)})
		}
	}
	var motoMarkers, ourMarkers []string
	motoIDs, ourIDs := listAll(moto, &motoMarkers), listAll(ours, &ourMarkers)
	deviation(len(motoIDs) == 50, fmt.Sprintf("drops one of 51 pipelines across pages (lists %d)", len(motoIDs)))
	if len(ourIDs) != 51 || len(ourMarkers) != 1 {
		t.Errorf("serve listed %d of 51 pipelines with markers %v", len(ourIDs), ourMarkers)
	}
	// One more: now moto has a second page, and its marker is an id.
	moto.ok("CreatePipeline", obj{"name": "p51", "uniqueId": "p51"})
	motoMarkers = nil
	listAll(moto, &motoMarkers)
	deviation(len(motoMarkers) == 1 && motoMarkers[0] == motoIDs[49], fmt.Sprintf("uses a pipeline id as the marker (%v)", motoMarkers))
	if strings.HasPrefix(ourMarkers[0], "df-") {
		t.Errorf("serve's marker is a pipeline id: %s", ourMarkers[0])
	}
}

// listAll follows ListPipelines' markers to the end, noting each marker.
func listAll(e endpoint, markers *[]string) []string {
	var ids []string
	in := obj{}
	for range 10 {
		out := e.ok("ListPipelines", in)
		for _, p := range out["pipelineIdList"].([]any) {
			ids = append(ids, p.(map[string]any)["id"].(string))
		}
		if out["hasMoreResults"] != true {
			return ids
		}
		if markers != nil {
			*markers = append(*markers, fmt.Sprint(out["marker"]))
		}
		in = obj{"marker": out["marker"]}
	}
	e.t.Fatalf("%s: ListPipelines does not end", e.name)
	return nil
}
