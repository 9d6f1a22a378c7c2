package serve

import (
	"net/http"
	"sort"
	"testing"

	"github.com/dplint/dplint/internal/apimodel"
)

// Every operation of the model answers, and its answer conforms to the
// model's output shape (member names and types: testServer.call checks
// each answer); the two task calls, which can only fail here (no tasks),
// fail with an error of their own.
func TestEveryOperationConforms(t *testing.T) {
	ts := start(t, Options{})
	id := ts.create("p")
	def := apiForm(t, "scheduled.json")
	inputs := map[string]obj{
		"CreatePipeline":             {"name": "q", "uniqueId": "q", "description": "d", "tags": []obj{{"key": "k", "value": "v"}}},
		"PutPipelineDefinition":      put(id, def),
		"ValidatePipelineDefinition": put(id, apiForm(t, "broken.json")),
		"GetPipelineDefinition":      {"pipelineId": id},
		"ActivatePipeline":           {"pipelineId": id},
		"DescribePipelines":          {"pipelineIds": []string{id}},
		"ListPipelines":              {},
		"DescribeObjects":            {"pipelineId": id, "objectIds": []string{"Greet", "Daily"}, "evaluateExpressions": true},
		"QueryObjects":               {"pipelineId": id, "sphere": "COMPONENT", "limit": 2},
		"EvaluateExpression":         {"pipelineId": id, "objectId": "Greet", "expression": "#{myGreeting}"},
		"SetStatus":                  {"pipelineId": id, "objectIds": []string{"Greet"}, "status": "PAUSE"},
		"AddTags":                    {"pipelineId": id, "tags": []obj{{"key": "a", "value": "b"}}},
		"RemoveTags":                 {"pipelineId": id, "tagKeys": []string{"a"}},
		"DeactivatePipeline":         {"pipelineId": id},
		"PollForTask":                {"workerGroup": "wg"},
		"ReportTaskRunnerHeartbeat":  {"taskrunnerId": "tr"},
		"DeletePipeline":             {"pipelineId": id},
	}
	order := []string{"CreatePipeline", "PutPipelineDefinition", "ValidatePipelineDefinition", "GetPipelineDefinition", "ActivatePipeline",
		"DescribePipelines", "ListPipelines", "DescribeObjects", "QueryObjects", "EvaluateExpression", "SetStatus", "AddTags", "RemoveTags",
		"DeactivatePipeline", "PollForTask", "ReportTaskRunnerHeartbeat", "DeletePipeline"}
	fails := map[string]obj{
		"ReportTaskProgress": {"taskId": "t"},
		"SetTaskStatus":      {"taskId": "t", "taskStatus": "FAILED"},
	}
	for _, op := range order {
		if r := ts.call(op, inputs[op]); r.Status != http.StatusOK {
			t.Errorf("%s: %d %s %s", op, r.Status, r.Type, r.Msg)
		}
	}
	for op, in := range fails {
		ts.fails(op, in, "TaskNotFoundException")
	}
	var missing []string
	for op := range apimodel.DataPipeline().Operations {
		if _, ok := inputs[op]; !ok {
			if _, ok := fails[op]; !ok {
				missing = append(missing, op)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("operations of the model not called: %v", missing)
	}
}
