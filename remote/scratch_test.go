package remote

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline/types"
)

// describeBatch is DescribePipelines' limit of ids per call.
const describeBatch = 25

// FindScratch returns the scratch pipelines dplint left in the account
// (tagged dplint:scratch=true), so tests against a real endpoint can clean
// up after themselves. Errors are *Error.
func FindScratch(ctx context.Context, api API) ([]types.PipelineDescription, error) {
	ids, err := ListAll(ctx, api)
	if err != nil {
		return nil, err
	}
	var found []types.PipelineDescription
	for start := 0; start < len(ids); start += describeBatch {
		var batch []string
		for _, p := range ids[start:min(start+describeBatch, len(ids))] {
			batch = append(batch, aws.ToString(p.Id))
		}
		out, err := api.DescribePipelines(ctx, &datapipeline.DescribePipelinesInput{PipelineIds: batch})
		if err != nil {
			return found, Classify(err)
		}
		for _, d := range out.PipelineDescriptionList {
			for _, t := range d.Tags {
				if aws.ToString(t.Key) == ScratchTag && aws.ToString(t.Value) == "true" {
					found = append(found, d)
					break
				}
			}
		}
	}
	return found, nil
}
