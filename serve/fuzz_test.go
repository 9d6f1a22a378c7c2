package serve

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"testing"

	"github.com/dplint/dplint/internal/apimodel"
)

// FuzzRequest sends any bytes as the body of any operation: the answer is
// always a JSON object, an error with its __type and a client error's
// status, never a panic.
func FuzzRequest(f *testing.F) {
	m := apimodel.DataPipeline()
	var ops []string
	for op := range m.Operations {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for i, seed := range []string{`{}`, `{"name": "a", "uniqueId": "b"}`, `{"pipelineId": "df-1", "pipelineObjects": [{"id": "a", "name": "a", "fields": [{"key": "k", "stringValue": "#{x"}]}]}`,
		`{"pipelineIds": ["df-1"]}`, `{"marker": 1}`, `[`, `{"pipelineId": "df-1", "sphere": "COMPONENT", "query": {"selectors": [{"fieldName": "a", "operator": {"type": "BETWEEN", "values": ["a", "b"]}}]}}`} {
		f.Add(uint8(i), []byte(seed))
	}
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	id := ""
	{
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader([]byte(`{"name": "fuzz", "uniqueId": "fuzz"}`)))
		req.Header.Set("X-Amz-Target", "DataPipeline.CreatePipeline")
		req.Header.Set("Content-Type", contentType)
		s.ServeHTTP(rec, req)
		var out map[string]string
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		id = out["pipelineId"]
	}
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		name := ops[int(op)%len(ops)]
		// Half the inputs aim at the one pipeline that exists.
		body = bytes.ReplaceAll(body, []byte("df-1"), []byte(id))
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("X-Amz-Target", "DataPipeline."+name)
		req.Header.Set("Content-Type", contentType)
		s.ServeHTTP(rec, req)
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %q: the answer is not a JSON object: %q", name, body, rec.Body.String())
		}
		if rec.Code == http.StatusOK {
			return
		}
		typ, _ := out["__type"].(string)
		if rec.Code != http.StatusBadRequest || typ == "" || typ == "InternalServiceError" {
			t.Fatalf("%s %q: %d %s", name, body, rec.Code, rec.Body.String())
		}
		if !slices.Contains(m.Operations[name].Errors, typ) && !slices.Contains(commonErrors, typ) {
			t.Fatalf("%s %q: %s is not one of its errors", name, body, typ)
		}
	})
}
