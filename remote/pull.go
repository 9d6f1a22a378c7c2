package remote

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline/types"

	"github.com/dplint/dplint/internal/ojson"
)

// maxPages stops ListAll on a service that keeps answering with more
// pages (ListPipelines gives up to 50 a page; 10,000 pages is far beyond
// any account's limit).
const maxPages = 10000

// ListAll returns every pipeline of the account and region, following
// ListPipelines' markers through all pages. Errors are *Error.
func ListAll(ctx context.Context, api API) ([]types.PipelineIdName, error) {
	var all []types.PipelineIdName
	var marker *string
	for page := 0; ; page++ {
		if page == maxPages {
			return all, &Error{Kind: Other, Op: "ListPipelines", Err: fmt.Errorf("still more pages after %d", maxPages)}
		}
		out, err := api.ListPipelines(ctx, &datapipeline.ListPipelinesInput{Marker: marker})
		if err != nil {
			return all, Classify(err)
		}
		all = append(all, out.PipelineIdList...)
		next := aws.ToString(out.Marker)
		if !out.HasMoreResults || next == "" || next == aws.ToString(marker) {
			return all, nil
		}
		marker = aws.String(next)
	}
}

// PullDefinition fetches a pipeline's definition (GetPipelineDefinition,
// the latest version) in the CLI file form, as `aws datapipeline
// get-pipeline-definition` prints it (see CLIForm). Errors are *Error.
func PullDefinition(ctx context.Context, api API, id string) (ojson.Object, error) {
	out, err := api.GetPipelineDefinition(ctx, &datapipeline.GetPipelineDefinitionInput{PipelineId: aws.String(id)})
	if err != nil {
		return nil, Classify(err)
	}
	def, err := CLIForm(out)
	if err != nil {
		return nil, &Error{Kind: Other, Op: "GetPipelineDefinition", Err: err}
	}
	return def, nil
}

// CLIForm converts a GetPipelineDefinition reply the way the AWS CLI's
// translator (api_to_definition) does: "objects", "parameters" and
// "values", each present when the reply has the list; an object is id and
// name, then its fields in order, a repeated key gathering its values into
// a list, a refValue written {"ref": id}; a parameter is id then its
// attributes; values map each id to its value (a list when repeated).
// Where the AWS CLI would fail (a member it needs is missing), so does
// CLIForm.
func CLIForm(out *datapipeline.GetPipelineDefinitionOutput) (ojson.Object, error) {
	def := ojson.Object{}
	if out.PipelineObjects != nil {
		objs := make([]any, 0, len(out.PipelineObjects))
		for i, o := range out.PipelineObjects {
			if o.Id == nil || o.Name == nil {
				return nil, fmt.Errorf("pipelineObjects[%d] has no id or name", i)
			}
			cur := ojson.Object{{Key: "id", Value: *o.Id}, {Key: "name", Value: *o.Name}}
			for j, f := range o.Fields {
				var v any
				switch {
				case f.Key == nil:
					return nil, fmt.Errorf("pipelineObjects[%d].fields[%d] has no key", i, j)
				case f.StringValue != nil:
					v = *f.StringValue
				case f.RefValue != nil:
					v = ojson.Object{{Key: "ref", Value: *f.RefValue}}
				default:
					return nil, fmt.Errorf("pipelineObjects[%d].fields[%d] (%q) has neither stringValue nor refValue", i, j, *f.Key)
				}
				cur = cur.Add(*f.Key, v)
			}
			objs = append(objs, cur)
		}
		def = append(def, ojson.Member{Key: "objects", Value: objs})
	}
	if out.ParameterObjects != nil {
		params := make([]any, 0, len(out.ParameterObjects))
		for i, p := range out.ParameterObjects {
			if p.Id == nil {
				return nil, fmt.Errorf("parameterObjects[%d] has no id", i)
			}
			cur := ojson.Object{{Key: "id", Value: *p.Id}}
			for j, a := range p.Attributes {
				if a.Key == nil || a.StringValue == nil {
					return nil, fmt.Errorf("parameterObjects[%d].attributes[%d] has no key or stringValue", i, j)
				}
				cur = cur.Add(*a.Key, *a.StringValue)
			}
			params = append(params, cur)
		}
		def = append(def, ojson.Member{Key: "parameters", Value: params})
	}
	if out.ParameterValues != nil {
		vals := ojson.Object{}
		for i, v := range out.ParameterValues {
			if v.Id == nil || v.StringValue == nil {
				return nil, fmt.Errorf("parameterValues[%d] has no id or stringValue", i)
			}
			vals = vals.Add(*v.Id, *v.StringValue)
		}
		def = append(def, ojson.Member{Key: "values", Value: vals})
	}
	return def, nil
}

// Evaluate asks the service to evaluate an expression
// (EvaluateExpression) in the context of one object of a pipeline. Errors
// are *Error.
func Evaluate(ctx context.Context, api API, pipelineID, objectID, expression string) (string, error) {
	out, err := api.EvaluateExpression(ctx, &datapipeline.EvaluateExpressionInput{
		PipelineId: aws.String(pipelineID),
		ObjectId:   aws.String(objectID),
		Expression: aws.String(expression),
	})
	if err != nil {
		return "", Classify(err)
	}
	if out.EvaluatedExpression == nil {
		return "", &Error{Kind: Other, Op: "EvaluateExpression", Err: errors.New("the reply has no evaluatedExpression")}
	}
	return *out.EvaluatedExpression, nil
}
