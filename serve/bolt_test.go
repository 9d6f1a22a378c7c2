package serve

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestBoltKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, Options{Store: st})
	id := ts.ok("CreatePipeline", obj{"name": "kept", "uniqueId": "kept-1", "tags": []obj{{"key": "a", "value": "1"}}})["pipelineId"].(string)
	ts.ok("PutPipelineDefinition", put(id, apiForm(t, "scheduled.json")))
	ts.ok("ActivatePipeline", obj{"pipelineId": id, "parameterValues": []obj{{"id": "myGreeting", "stringValue": "hi"}}})
	gone := ts.create("gone")
	ts.ok("DeletePipeline", obj{"pipelineId": gone})
	before := ts.ok("DescribePipelines", obj{"pipelineIds": []string{id}})
	active := ts.ok("GetPipelineDefinition", obj{"pipelineId": id, "version": "active"})
	ts.Close()

	st2, err := OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	again := start(t, Options{Store: st2})
	if got := again.ok("DescribePipelines", obj{"pipelineIds": []string{id}}); jsonText(got) != jsonText(before) {
		t.Fatalf("after a restart:\n%s\nbefore:\n%s", jsonText(got), jsonText(before))
	}
	if got := again.ok("GetPipelineDefinition", obj{"pipelineId": id, "version": "active"}); jsonText(got) != jsonText(active) {
		t.Fatalf("active definition after a restart: %s", jsonText(got))
	}
	again.fails("DescribePipelines", obj{"pipelineIds": []string{gone}}, "PipelineDeletedException")
	// New pipelines list after the old ones.
	newer := again.create("newer")
	list := again.ok("ListPipelines", obj{})["pipelineIdList"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["id"] != id || list[1].(map[string]any)["id"] != newer {
		t.Fatalf("list after a restart: %v", list)
	}
}

func TestBoltRefusesOtherStores(t *testing.T) {
	write := func(t *testing.T, fill func(tx *bolt.Tx) error) string {
		dir := t.TempDir()
		db, err := bolt.Open(filepath.Join(dir, StoreFile), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Update(fill); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return dir
	}
	other := write(t, func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket(metaBucket)
		return b.Put(schemaKey, []byte("dplint-serve/0"))
	})
	_, err := OpenBolt(other)
	if err == nil || !strings.Contains(err.Error(), `was written by another version of dplint (store schema "dplint-serve/0"; this dplint reads "dplint-serve/1")`) {
		t.Fatalf("a store of another schema: %v", err)
	}
	foreign := write(t, func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("something"))
		return err
	})
	if _, err := OpenBolt(foreign); err == nil || !strings.Contains(err.Error(), "not a dplint serve store") {
		t.Fatalf("a bbolt file of something else: %v", err)
	}

	dir := t.TempDir()
	st, err := OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := OpenBolt(dir); err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Fatalf("a store open twice: %v", err)
	}
}

// A store that fails leaves the state as it was and answers
// InternalServiceError (HTTP 500).
func TestStoreFailure(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenBolt(dir)
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, Options{Store: st})
	id := ts.create("p")
	st.Close() // every write fails from now on
	ts.fails("AddTags", obj{"pipelineId": id, "tags": []obj{{"key": "k", "value": "v"}}}, "InternalServiceError")
	d := ts.ok("DescribePipelines", obj{"pipelineIds": []string{id}})["pipelineDescriptionList"].([]any)[0].(map[string]any)
	if jsonText(d["tags"]) != "[]" {
		t.Fatalf("a failed write changed the state: %v", d["tags"])
	}
}
