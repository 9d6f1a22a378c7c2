package remote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline/types"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/awsfake"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/source"
)

// TestMoto runs the SDK client against moto_server's Data Pipeline. moto
// ignores uniqueId and keeps only pipeline objects (no parameters or
// values), and has no ValidatePipelineDefinition.
func TestMoto(t *testing.T) {
	awsfake.Credentials(t)
	url := awsfake.Moto(t)
	api, err := NewClient(context.Background(), Options{EndpointURL: url, MaxBackoff: 5 * time.Millisecond, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	client := api.(*datapipeline.Client)
	ctx := context.Background()

	names := func() []string {
		t.Helper()
		list, err := ListAll(ctx, api)
		if err != nil {
			t.Fatalf("ListAll: %v", err)
		}
		var out []string
		for _, p := range list {
			out = append(out, aws.ToString(p.Name))
		}
		return out
	}
	if got := names(); len(got) != 0 {
		t.Fatalf("a fresh moto lists %v", got)
	}

	created, err := api.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String("nightly"), UniqueId: aws.String("u-1"),
		Description: aws.String("the nightly copy"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("data")}}})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(created.PipelineId)

	// Put a definition in (the test's doing: dplint never puts one).
	req := request(t)
	if _, err := client.PutPipelineDefinition(ctx, &datapipeline.PutPipelineDefinitionInput{PipelineId: aws.String(id),
		PipelineObjects: req.PipelineObjects}); err != nil {
		t.Fatal(err)
	}

	if got := names(); fmt.Sprint(got) != "[nightly]" {
		t.Errorf("ListAll names = %v", got)
	}
	desc, err := api.DescribePipelines(ctx, &datapipeline.DescribePipelinesInput{PipelineIds: []string{id}})
	if err != nil || len(desc.PipelineDescriptionList) != 1 {
		t.Fatalf("DescribePipelines: %v, %+v", err, desc)
	}
	if d := desc.PipelineDescriptionList[0]; aws.ToString(d.Name) != "nightly" || aws.ToString(d.Description) != "the nightly copy" ||
		len(d.Tags) != 1 || aws.ToString(d.Tags[0].Key) != "team" {
		t.Errorf("description = %+v", d)
	}

	// Pulled back, the objects come out as the AWS CLI prints them: the
	// same as definition.ToCLI of the objects sent.
	pulled, err := PullDefinition(ctx, api, id)
	if err != nil {
		t.Fatal(err)
	}
	sent := ojson.Object{}
	for _, m := range toAPI(t, cliDefinition) {
		if m.Key == "pipelineObjects" {
			sent = append(sent, m)
		}
	}
	data := ojson.Marshal(sent)
	want, err := definition.ToCLI(definition.Read("sent.json", source.Parse("sent.json", data)))
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ojson.Marshal(pulled), ojson.Marshal(want); !bytes.Equal(g, w) {
		t.Errorf("pulled from moto:\n%s\nwant:\n%s", g, w)
	}

	// A scratch pipeline left behind is found by its tag. moto ignores
	// uniqueId, so a create the SDK retried under load leaves a copy: every
	// pipeline found must be that one or a copy of it, and all are deleted.
	left, err := api.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String("dplint-scratch-00000000"),
		UniqueId: aws.String("dplint-left"), Tags: []types.Tag{{Key: aws.String(ScratchTag), Value: aws.String("true")}}})
	if err != nil {
		t.Fatal(err)
	}
	found, err := FindScratch(ctx, api)
	if err != nil {
		t.Fatalf("FindScratch: %v", err)
	}
	gone := []*string{created.PipelineId}
	foundLeft := false
	for _, d := range found {
		if aws.ToString(d.Name) != "dplint-scratch-00000000" {
			t.Errorf("FindScratch found %s (%s), which is not tagged as scratch", aws.ToString(d.PipelineId), aws.ToString(d.Name))
			continue
		}
		foundLeft = foundLeft || aws.ToString(d.PipelineId) == aws.ToString(left.PipelineId)
		gone = append(gone, d.PipelineId)
	}
	if !foundLeft {
		t.Errorf("FindScratch did not find %s: %d found", aws.ToString(left.PipelineId), len(found))
	}
	for _, del := range gone {
		if _, err := api.DeletePipeline(ctx, &datapipeline.DeletePipelineInput{PipelineId: del}); err != nil {
			t.Fatal(err)
		}
	}
	if got := names(); len(got) != 0 {
		t.Fatalf("after DeletePipeline, moto lists %v", got)
	}

	// moto has no ValidatePipelineDefinition: Validate fails cleanly and
	// deletes its scratch pipeline.
	_, c, err := Validate(ctx, api, "", req)
	if err == nil {
		t.Fatal("Validate against moto succeeded")
	}
	t.Logf("Validate against moto: %v", err)
	var e *Error
	if !errors.As(err, &e) || e.Op != "ValidatePipelineDefinition" {
		t.Errorf("error = %v (%#v)", err, e)
	}
	if !c.Created || !c.Deleted || c.LeftBehind() {
		t.Errorf("cleanup = %+v", c)
	}
	if got := names(); len(got) != 0 {
		t.Errorf("Validate left pipelines behind: %v", got)
	}

	// ListAll follows moto's markers (50 to a page). moto ignores uniqueId,
	// so a CreatePipeline the SDK retries on a slow machine can leave a
	// second pipeline of the same name: ListAll must then list it too, and
	// the clean-up deletes what ListAll lists.
	for i := range 60 {
		if _, err := api.CreatePipeline(ctx, &datapipeline.CreatePipelineInput{Name: aws.String(fmt.Sprintf("p%02d", i)), UniqueId: aws.String(strconv.Itoa(i))}); err != nil {
			t.Fatal(err)
		}
	}
	listed, err := ListAll(ctx, api)
	if err != nil {
		t.Fatalf("ListAll: %v", err)
	}
	distinct := map[string]bool{}
	for _, p := range listed {
		distinct[aws.ToString(p.Name)] = true
	}
	if len(distinct) != 60 || !distinct["p00"] || !distinct["p59"] || len(listed) < 60 {
		t.Errorf("ListAll over pages: %d pipelines, %d names %v", len(listed), len(distinct), distinct)
	} else if len(listed) > 60 {
		t.Logf("moto created %d pipelines for 60 names (retried requests; it ignores uniqueId)", len(listed))
	}
	for _, p := range listed {
		if _, err := api.DeletePipeline(ctx, &datapipeline.DeletePipelineInput{PipelineId: p.Id}); err != nil {
			t.Fatal(err)
		}
	}
	if got := names(); len(got) != 0 {
		t.Errorf("after deleting them all: %v", got)
	}
}
