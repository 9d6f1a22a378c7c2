package remote

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline/types"
)

// Scratch pipelines carry these tags and this description.
const (
	ScratchTag         = "dplint:scratch"
	VersionTag         = "dplint:version"
	ScratchDescription = "created by dplint for ValidatePipelineDefinition; safe to delete"
)

// CleanupTimeout bounds the calls that remove a scratch pipeline. They run
// on a context of their own, so a cancelled or timed-out validation still
// deletes what it created.
var CleanupTimeout = 20 * time.Second

// Cleanup says what became of the scratch pipeline of a Validate call.
type Cleanup struct {
	// Name and UniqueID are the scratch pipeline's ("" when Validate used
	// an existing pipeline).
	Name, UniqueID string
	// PipelineID is the scratch pipeline's id, "" when none was made (or
	// none is known to have been made).
	PipelineID string
	// Created says a scratch pipeline was made; Deleted that it is gone again.
	Created, Deleted bool
	// Err says why it could not be deleted, or why it is not known whether
	// one was left behind.
	Err error
}

// LeftBehind reports whether a scratch pipeline may remain in the account.
func (c Cleanup) LeftBehind() bool { return c.Err != nil }

// Message tells the user what to remove, "" when nothing was left behind.
func (c Cleanup) Message() string {
	switch {
	case c.Err == nil:
		return ""
	case c.PipelineID != "":
		return fmt.Sprintf("dplint could not delete its scratch pipeline %s (%s): %v; delete it with: aws datapipeline delete-pipeline --pipeline-id %s",
			c.PipelineID, c.Name, c.Err, c.PipelineID)
	}
	return fmt.Sprintf("dplint may have left a scratch pipeline named %s (uniqueId %s) behind: %v; look for it with: aws datapipeline list-pipelines, and delete it",
		c.Name, c.UniqueID, c.Err)
}

// Validate asks the service to validate a definition.
//
// With a pipeline id it runs ValidatePipelineDefinition on that pipeline,
// which does not change it. With id "" it creates a scratch pipeline
// (CreatePipeline, uniqueId req.UniqueID(), name req.ScratchName(), tags
// dplint:scratch=true and dplint:version), validates against it and
// deletes it on every path: success, a service error, a timeout, a
// cancelled ctx, a panic. Deletion runs on a fresh context bounded by
// CleanupTimeout. A failed deletion does not fail the validation: the
// Cleanup says what was left behind (Message). When CreatePipeline fails
// without a clear answer (no reply, 5xx), it asks again with the same
// uniqueId, which returns the pipeline if one was made, and deletes that.
//
// It never activates a pipeline and never puts a definition into one.
// Errors are *Error.
func Validate(ctx context.Context, api API, pipelineID string, req Request) (*datapipeline.ValidatePipelineDefinitionOutput, Cleanup, error) {
	if err := ctx.Err(); err != nil {
		return nil, Cleanup{}, Classify(err)
	}
	if pipelineID != "" {
		out, err := api.ValidatePipelineDefinition(ctx, req.Input(pipelineID))
		return out, Cleanup{}, wrap(err)
	}
	c := Cleanup{Name: req.ScratchName(), UniqueID: req.UniqueID()}
	out, err := validateScratch(ctx, api, req, &c)
	if err != nil && c.Deleted && ctx.Err() == nil && gone(err) {
		// The uniqueId led to a pipeline that is already deleted (an
		// earlier run's, or one another run just removed): try once more
		// under a uniqueId of this run's own.
		c = Cleanup{Name: req.ScratchName(), UniqueID: req.UniqueID() + "-" + randomHex(4)}
		out, err = validateScratch(ctx, api, req, &c)
	}
	return out, c, err
}

// gone reports an error that says the pipeline no longer exists.
func gone(err error) bool {
	switch errorCode(err) {
	case "PipelineDeletedException", "PipelineNotFoundException":
		return true
	}
	return false
}

func validateScratch(ctx context.Context, api API, req Request, c *Cleanup) (*datapipeline.ValidatePipelineDefinitionOutput, error) {
	create := &datapipeline.CreatePipelineInput{
		Name:        aws.String(c.Name),
		UniqueId:    aws.String(c.UniqueID),
		Description: aws.String(ScratchDescription),
		Tags: []types.Tag{
			{Key: aws.String(ScratchTag), Value: aws.String("true")},
			{Key: aws.String(VersionTag), Value: aws.String(versionOr(req.Version))},
		},
	}
	created, err := api.CreatePipeline(ctx, create)
	if err != nil {
		if mayHaveHappened(err) {
			c.recoverCreate(api, create)
		}
		e := Classify(err)
		if e.Kind == AccessDenied {
			e.Hint = "validating without a pipeline id creates and deletes a scratch pipeline (datapipeline:CreatePipeline, datapipeline:DeletePipeline); " +
				"to avoid that, validate against an existing pipeline by its id"
		}
		return nil, e
	}
	c.PipelineID = aws.ToString(created.PipelineId)
	if c.PipelineID == "" {
		return nil, &Error{Kind: Other, Op: "CreatePipeline", Err: errors.New("the reply has no pipelineId")}
	}
	c.Created = true
	// Delete even when the service says the pipeline is gone: it may only
	// not be visible yet.
	defer c.delete(api)
	out, err := api.ValidatePipelineDefinition(ctx, req.Input(c.PipelineID))
	return out, wrap(err)
}

// recoverCreate runs after a CreatePipeline that may have made a pipeline
// without telling: the same request again returns that pipeline's id (or
// makes one), which is then deleted.
func (c *Cleanup) recoverCreate(api API, create *datapipeline.CreatePipelineInput) {
	ctx, cancel := context.WithTimeout(context.Background(), CleanupTimeout)
	defer cancel()
	out, err := api.CreatePipeline(ctx, create)
	if err != nil {
		c.Err = fmt.Errorf("CreatePipeline failed without a clear answer and the check for its pipeline failed too: %w", Classify(err))
		return
	}
	c.PipelineID = aws.ToString(out.PipelineId)
	if c.PipelineID == "" {
		c.Err = errors.New("CreatePipeline failed without a clear answer and the check for its pipeline returned no pipelineId")
		return
	}
	c.Created = true
	c.delete(api)
}

func (c *Cleanup) delete(api API) {
	ctx, cancel := context.WithTimeout(context.Background(), CleanupTimeout)
	defer cancel()
	_, err := api.DeletePipeline(ctx, &datapipeline.DeletePipelineInput{PipelineId: aws.String(c.PipelineID)})
	if err != nil && !gone(err) {
		c.Err = Classify(err)
		return
	}
	c.Deleted = true
}

func versionOr(v string) string {
	if v == "" {
		return "unknown"
	}
	return v
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
