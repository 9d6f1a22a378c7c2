package remote

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
)

// Session gives each definition of a lint run the service's answer:
// asked now (Validate, against PipelineID or a scratch pipeline), or
// Saved earlier.
type Session struct {
	// Ctx bounds every call; cancelling it (Ctrl-C) stops the call, and
	// Validate still deletes its scratch pipeline.
	Ctx        context.Context
	API        API
	PipelineID string        // validate against this pipeline; "" for a scratch one
	Timeout    time.Duration // the longest one call may take
	Version    string        // dplint's, for the scratch pipeline's tag
	// Optional makes a failed call a warning: the definition is linted
	// offline only.
	Optional bool
	// Saved, when set, is a saved answer (--remote-response), which answers
	// the first definition only (a template may hold several).
	Saved *Answer
	// Warn says what the session cannot return: a scratch pipeline left
	// behind, a failed call under Optional.
	Warn func(msg string)

	calls int // definitions asked about
}

// Reply asks about one definition.
func (s *Session) Reply(d *definition.Definition) (Reply, error) {
	if u := deployTimeValue(d); u != "" {
		// The service would judge placeholders, not the pipeline.
		return Reply{Note: fmt.Sprintf("not sent to the service: values known only at deploy time (%s); linted offline only", u)}, nil
	}
	s.calls++
	if s.Saved != nil {
		if s.calls > 1 {
			return Reply{Note: "not compared: the saved response answers the first definition only"}, nil
		}
		return Reply{Answer: s.Saved}, nil
	}
	req, err := requestFor(d)
	if err != nil {
		return Reply{}, fmt.Errorf("remote: %w", err)
	}
	req.Version = s.Version
	a, err := s.validate(req)
	if err != nil && s.Optional {
		s.Warn(fmt.Sprintf("warning: remote: %s: %v (--remote-optional: linted offline only)", d.Name, err))
		return Reply{}, nil
	}
	if err != nil {
		return Reply{}, fmt.Errorf("remote: %w", err)
	}
	return Reply{Answer: a}, nil
}

// requestFor builds the request the AWS CLI would send for a definition; a
// definition it would not send is not sent.
func requestFor(d *definition.Definition) (Request, error) {
	body, err := definition.ToAPI(d)
	if err != nil {
		return Request{}, fmt.Errorf("not sent to the service: %w", err)
	}
	req, err := FromDefinition(body)
	if err != nil {
		return Request{}, fmt.Errorf("not sent to the service (the AWS CLI would refuse it too): %w", err)
	}
	return req, nil
}

// validate asks the service, within the session's timeout.
func (s *Session) validate(req Request) (*Answer, error) {
	ctx := s.Ctx
	if s.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	out, cleanup, err := Validate(ctx, s.API, s.PipelineID, req)
	if cleanup.LeftBehind() {
		s.Warn("remote: " + cleanup.Message())
	}
	if err != nil {
		return nil, err
	}
	return AnswerOf(out), nil
}

// deployTimeValue returns one value of a template's pipeline that is known
// only at deploy time (how it is written), or "".
func deployTimeValue(d *definition.Definition) string {
	if d.Embedded == nil {
		return ""
	}
	if d.Embedded.Incomplete {
		return "objects or references built then"
	}
	if w := d.Embedded.Worlds; len(w) > 1 {
		return "the conditions " + strings.Join(slices.Sorted(maps.Keys(w[0].Choice)), ", ")
	}
	unknown := ""
	d.EachValue(func(v *definition.Value) {
		if unknown == "" {
			unknown = v.Unknown
		}
	})
	return unknown
}
