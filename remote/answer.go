package remote

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"

	"github.com/dplint/dplint/remote/answer"
)

// The answer's types are package answer's (the linter reads them without
// linking the SDK); remote names them as its own for its callers.
type (
	Answer  = answer.Answer
	Message = answer.Message
	Reply   = answer.Reply
)

// ReadAnswer reads a saved answer (answer.ReadAnswer).
func ReadAnswer(path string, data []byte) (*Answer, error) { return answer.ReadAnswer(path, data) }

// AnswerOf turns the SDK's output into an Answer, keeping the service's
// order.
func AnswerOf(out *datapipeline.ValidatePipelineDefinitionOutput) *Answer {
	a := &Answer{}
	for _, e := range out.ValidationErrors {
		for _, m := range e.Errors {
			a.Errors = append(a.Errors, Message{ID: aws.ToString(e.Id), Text: m})
		}
	}
	for _, w := range out.ValidationWarnings {
		for _, m := range w.Warnings {
			a.Warnings = append(a.Warnings, Message{ID: aws.ToString(w.Id), Text: m})
		}
	}
	return a
}
