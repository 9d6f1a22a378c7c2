// Package answer holds the Data Pipeline service's answer to
// ValidatePipelineDefinition as dplint keeps it: the rules that report it
// (DP8001, DP8002), the driver that compares it with dplint's findings and
// the aws format that prints it read these types. They live apart from
// package remote, which talks to the service through the AWS SDK, so that
// the linter, the language server and the browser playground do not link
// the SDK.
package answer

import (
	"fmt"

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

// Reply is remote mode's outcome for one definition: the service's
// answer, or why there is none.
type Reply struct {
	Answer *Answer
	// Note, when there is no answer, says why in a line of its own ("not
	// sent to the service: ..."); empty when there is nothing to say.
	Note string
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
