package remote

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"

	"github.com/dplint/dplint/source"
)

// Answer is the service's answer to ValidatePipelineDefinition: the one
// type the rules that report it (DP8001, DP8002), the driver that compares
// it with dplint's findings and the aws format that prints it all use.
type Answer struct {
	Errors, Warnings []Message
}

// Message is one message of the answer, on the object (or parameter) id it
// names.
type Message struct {
	ID, Text string
}

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

// ReadAnswer reads an answer saved as the AWS CLI prints it
// ({"validationErrors": [{"id", "errors"}], "validationWarnings": [{"id",
// "warnings"}], "errored"}), so that a response captured with `aws
// datapipeline validate-pipeline-definition` can be compared offline.
// Errors name the place in the file.
func ReadAnswer(path string, data []byte) (*Answer, error) {
	f := source.Parse(path, data)
	if err := f.FatalError(); err != nil {
		return nil, err
	}
	if f.Root.Kind != source.Object {
		return nil, fmt.Errorf("%s: expected a ValidatePipelineDefinition response object", path)
	}
	a := &Answer{}
	read := func(list, key string, into *[]Message) error {
		n := f.Root.Get(list)
		if n == nil || n.Kind != source.Array {
			return nil
		}
		for _, e := range n.Elems {
			id, msgs := e.Get("id"), e.Get(key)
			if id == nil || id.Kind != source.String || msgs == nil || msgs.Kind != source.Array {
				pos := f.Position(e.Start)
				return fmt.Errorf("%s:%d:%d: each %s entry needs an \"id\" and a list of %q", path, pos.Line, pos.Column, list, key)
			}
			for _, m := range msgs.Elems {
				*into = append(*into, Message{ID: id.Text, Text: m.Text})
			}
		}
		return nil
	}
	if err := read("validationErrors", "errors", &a.Errors); err != nil {
		return nil, err
	}
	if err := read("validationWarnings", "warnings", &a.Warnings); err != nil {
		return nil, err
	}
	return a, nil
}
