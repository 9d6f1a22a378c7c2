package serve

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// loadRequests is how many requests each of the 16 clients makes: the
// issue's 1,000, or 100 with -short.
func loadRequests() int {
	if testing.Short() {
		return 100
	}
	return 1000
}

// 16 clients make mixed requests at once, each on pipelines of its own and
// all on the shared list: no error, no lost write, and (under -race) no
// data race.
func TestConcurrentClients(t *testing.T) {
	ts := start(t, Options{})
	n := loadRequests()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for c := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- client(ts, c, n)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func definitionWithMarker(marker int) obj {
	return obj{"pipelineObjects": []obj{
		{"id": "Default", "name": "Default", "fields": []obj{{"key": "scheduleType", "stringValue": "ondemand"}, {"key": "myMarker", "stringValue": fmt.Sprint(marker)}}},
		{"id": "Hello", "name": "Hello", "fields": []obj{{"key": "type", "stringValue": "ShellCommandActivity"}, {"key": "command", "stringValue": "echo hi"}, {"key": "workerGroup", "stringValue": "wg"}}},
	}}
}

// client makes n requests, keeping what it wrote, and checks at the end
// that the server holds exactly that.
func client(ts *testServer, c, n int) error {
	type mine struct {
		marker int
		tags   map[string]bool
	}
	pipes := map[string]*mine{}
	var ids []string
	post := func(op string, in any) (reply, error) {
		r := ts.call(op, in)
		if r.Status != http.StatusOK {
			return r, fmt.Errorf("client %d: %s: %d %s %s", c, op, r.Status, r.Type, r.Msg)
		}
		return r, nil
	}
	for i := 0; i < n; i++ {
		var err error
		switch {
		case len(ids) == 0 || i%10 == 0:
			var r reply
			if r, err = post("CreatePipeline", obj{"name": fmt.Sprintf("c%d-%d", c, i), "uniqueId": fmt.Sprintf("c%d-%d", c, i)}); err == nil {
				id := r.Body["pipelineId"].(string)
				ids = append(ids, id)
				pipes[id] = &mine{tags: map[string]bool{}}
			}
		case i%10 == 1:
			id := ids[i%len(ids)]
			in := put(id, definitionWithMarker(i))
			if _, err = post("PutPipelineDefinition", in); err == nil {
				pipes[id].marker = i
			}
		case i%10 == 2:
			id := ids[i%len(ids)]
			key := fmt.Sprintf("k%d", i%7)
			if _, err = post("AddTags", obj{"pipelineId": id, "tags": []obj{{"key": key, "value": "v"}}}); err == nil {
				pipes[id].tags[key] = true
			}
		case i%10 == 3:
			id := ids[i%len(ids)]
			key := fmt.Sprintf("k%d", (i/10)%7)
			if _, err = post("RemoveTags", obj{"pipelineId": id, "tagKeys": []string{key}}); err == nil {
				delete(pipes[id].tags, key)
			}
		case i%10 == 4:
			_, err = post("ValidatePipelineDefinition", put(ids[i%len(ids)], definitionWithMarker(i)))
		case i%10 == 5:
			_, err = post("ListPipelines", obj{})
		case i%10 == 6:
			_, err = post("DescribePipelines", obj{"pipelineIds": ids[max(0, len(ids)-5):]})
		case i%10 == 7:
			_, err = post("QueryObjects", obj{"pipelineId": ids[i%len(ids)], "sphere": "COMPONENT"})
		case i%10 == 8:
			_, err = post("GetPipelineDefinition", obj{"pipelineId": ids[i%len(ids)]})
		default:
			_, err = post("DescribeObjects", obj{"pipelineId": ids[i%len(ids)], "objectIds": []string{"Default", "Hello"}})
		}
		if err != nil {
			return err
		}
	}
	for _, id := range ids {
		want := pipes[id]
		d, err := post("DescribePipelines", obj{"pipelineIds": []string{id}})
		if err != nil {
			return err
		}
		tags := map[string]bool{}
		for _, tag := range d.Body["pipelineDescriptionList"].([]any)[0].(map[string]any)["tags"].([]any) {
			tags[tag.(map[string]any)["key"].(string)] = true
		}
		if fmt.Sprint(tags) != fmt.Sprint(want.tags) {
			return fmt.Errorf("client %d: pipeline %s has tags %v, want %v", c, id, tags, want.tags)
		}
		g, err := post("GetPipelineDefinition", obj{"pipelineId": id})
		if err != nil {
			return err
		}
		objs := g.Body["pipelineObjects"].([]any)
		got := -1
		if len(objs) > 0 {
			fmt.Sscan(fields(ts.t, objs[0].(map[string]any)["fields"])["myMarker"][0], &got)
		} else if want.marker == 0 {
			got = 0
		}
		if got != want.marker {
			return fmt.Errorf("client %d: pipeline %s holds definition %d, want %d", c, id, got, want.marker)
		}
	}
	return nil
}
