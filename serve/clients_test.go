package serve

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline/types"
)

// boto3 (the machine's Python) drives every call, its paginators across
// pages, and reads the errors as its own exception classes.
func TestBoto3(t *testing.T) {
	ts := start(t, Options{PageSize: 2})
	def := filepath.Join(t.TempDir(), "def.json")
	if err := os.WriteFile(def, []byte(jsonText(apiForm(t, "scheduled.json"))), 0o600); err != nil {
		t.Fatal(err)
	}
	out := runBoto3(t, "boto3_client.py", ts.URL, def)
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := `{"described":true,"errors":{"deleted":"PipelineDeletedException","invalid":"InvalidRequestException","not_found":"PipelineNotFoundException"},` +
		`"evaluated":"hello","get_same":true,"idempotent":true,"list_pages":3,"listed":true,"put_errored":false,"queried":true,"state":"SCHEDULED","validate_errors":["A"]}`
	if jsonText(got) != want {
		t.Fatalf("boto3 saw\n%s\nwant\n%s", jsonText(got), want)
	}
}

// aws-sdk-go-v2: the paginators, and the model's errors as their own
// types.
func TestGoSDK(t *testing.T) {
	ts := start(t, Options{PageSize: 2})
	c := sdkClient(ts.URL, "local", "local")
	ctx := context.Background()
	var ids []string
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		out, err := c.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String(n), UniqueId: aws.String(n)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, aws.ToString(out.PipelineId))
	}
	var listed []string
	pages := 0
	for p := datapipeline.NewListPipelinesPaginator(c, &datapipeline.ListPipelinesInput{}); p.HasMorePages(); pages++ {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range out.PipelineIdList {
			listed = append(listed, aws.ToString(x.Id))
		}
	}
	if jsonText(listed) != jsonText(ids) || pages != 3 {
		t.Fatalf("listed %v in %d pages, want %v in 3", listed, pages, ids)
	}

	api := apiForm(t, "scheduled.json")
	var in datapipeline.PutPipelineDefinitionInput
	if err := json.Unmarshal([]byte(jsonText(api)), &in); err != nil {
		t.Fatal(err)
	}
	in.PipelineId = aws.String(ids[0])
	put, err := c.PutPipelineDefinition(ctx, &in)
	if err != nil || put.Errored {
		t.Fatalf("put: %v %+v", err, put)
	}
	var queried []string
	for p := datapipeline.NewQueryObjectsPaginator(c, &datapipeline.QueryObjectsInput{PipelineId: aws.String(ids[0]), Sphere: aws.String("COMPONENT"), Limit: aws.Int32(3)}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		queried = append(queried, out.Ids...)
	}
	if jsonText(queried) != `["Default","Daily","Worker","Greet"]` {
		t.Fatalf("queried %v", queried)
	}
	objs, err := c.DescribeObjects(ctx, &datapipeline.DescribeObjectsInput{PipelineId: aws.String(ids[0]), ObjectIds: []string{"Greet"}, EvaluateExpressions: true})
	if err != nil || len(objs.PipelineObjects) != 1 || aws.ToString(objs.PipelineObjects[0].Name) != "Greet" {
		t.Fatalf("describe objects: %v %+v", err, objs)
	}
	if _, err := c.DeletePipeline(ctx, &datapipeline.DeletePipelineInput{PipelineId: aws.String(ids[1])}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribePipelines(ctx, &datapipeline.DescribePipelinesInput{PipelineIds: []string{ids[1]}})
	var deleted *types.PipelineDeletedException
	if !errors.As(err, &deleted) || aws.ToString(deleted.Message) == "" {
		t.Fatalf("a deleted pipeline: %v", err)
	}
	_, err = c.GetPipelineDefinition(ctx, &datapipeline.GetPipelineDefinitionInput{PipelineId: aws.String("df-NOSUCHPIPELINE0000")})
	var notFound *types.PipelineNotFoundException
	if !errors.As(err, &notFound) {
		t.Fatalf("an unknown pipeline: %v", err)
	}
	_, err = c.ActivatePipeline(ctx, &datapipeline.ActivatePipelineInput{PipelineId: aws.String(ids[2])})
	var invalid *types.InvalidRequestException
	if !errors.As(err, &invalid) {
		t.Fatalf("activating a pipeline without a definition: %v", err)
	}
}
