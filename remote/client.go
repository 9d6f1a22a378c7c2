// Package remote is dplint's narrow layer over the AWS SDK for Data
// Pipeline, for remote mode: it asks the service itself to validate a
// definition (ValidatePipelineDefinition), pulls definitions back in the
// AWS CLI's file form and evaluates expressions.
//
// It never activates a pipeline and never puts a definition into one: to
// validate without an existing pipeline it creates an empty scratch
// pipeline and deletes it again on every path (see Validate).
//
// Credentials and region come from the standard AWS chain only
// (environment, shared config and credentials files, SSO, web identity,
// container and instance roles), never from dplint's own configuration.
package remote

import (
	"context"
	"errors"
	"time"

	"github.com/aws/smithy-go/logging"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/smithy-go/middleware"
)

// API is what dplint needs of Data Pipeline; *datapipeline.Client
// implements it, tests fake it.
type API interface {
	ValidatePipelineDefinition(context.Context, *datapipeline.ValidatePipelineDefinitionInput, ...func(*datapipeline.Options)) (*datapipeline.ValidatePipelineDefinitionOutput, error)
	CreatePipeline(context.Context, *datapipeline.CreatePipelineInput, ...func(*datapipeline.Options)) (*datapipeline.CreatePipelineOutput, error)
	DeletePipeline(context.Context, *datapipeline.DeletePipelineInput, ...func(*datapipeline.Options)) (*datapipeline.DeletePipelineOutput, error)
	ListPipelines(context.Context, *datapipeline.ListPipelinesInput, ...func(*datapipeline.Options)) (*datapipeline.ListPipelinesOutput, error)
	GetPipelineDefinition(context.Context, *datapipeline.GetPipelineDefinitionInput, ...func(*datapipeline.Options)) (*datapipeline.GetPipelineDefinitionOutput, error)
	DescribePipelines(context.Context, *datapipeline.DescribePipelinesInput, ...func(*datapipeline.Options)) (*datapipeline.DescribePipelinesOutput, error)
	EvaluateExpression(context.Context, *datapipeline.EvaluateExpressionInput, ...func(*datapipeline.Options)) (*datapipeline.EvaluateExpressionOutput, error)
}

var _ API = (*datapipeline.Client)(nil)

// Options configure NewClient. The zero value uses the standard chain for
// everything.
type Options struct {
	// Region overrides the region from the environment and profile.
	Region string
	// Profile selects a named profile of the shared config files.
	Profile string
	// EndpointURL sends requests elsewhere (tests, moto_server).
	EndpointURL string
	// Timeout bounds each operation, its retries included (0: none). The
	// credential check at NewClient is bounded by it too (else 30s).
	Timeout time.Duration
	// MaxAttempts is the most attempts per operation (0: AWS_MAX_ATTEMPTS
	// or the profile's max_attempts, else the SDK's default, 3).
	MaxAttempts int
	// MaxBackoff caps the delay between attempts (0: the SDK's 20s).
	MaxBackoff time.Duration
}

// appID goes into the User-Agent, so the account's CloudTrail shows which
// calls dplint made.
const appID = "dplint"

// credentialTimeout bounds the credential check when Options.Timeout is 0:
// the chain may end with the instance metadata service, which does not
// answer off EC2.
const credentialTimeout = 30 * time.Second

// NewClient loads the standard AWS configuration and returns a Data
// Pipeline client. It fails early, with an *Error of Kind NoRegion or
// NoCredentials (errors.Is ErrNoRegion / ErrNoCredentials), when no region
// is set or no credentials can be retrieved, and with Kind Config when the
// configuration cannot be loaded (a missing profile, a broken file).
func NewClient(ctx context.Context, opt Options) (API, error) {
	load := []func(*config.LoadOptions) error{
		config.WithAppID(appID),
		// The SDK's own log lines ("falling back to IMDSv1") would land on
		// the user's stderr; what went wrong reaches them as an *Error.
		config.WithLogger(logging.Nop{}),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				if opt.MaxAttempts > 0 {
					o.MaxAttempts = opt.MaxAttempts
				}
				if opt.MaxBackoff > 0 {
					o.MaxBackoff = opt.MaxBackoff
				}
			})
		}),
	}
	if opt.Region != "" {
		load = append(load, config.WithRegion(opt.Region))
	}
	if opt.Profile != "" {
		load = append(load, config.WithSharedConfigProfile(opt.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		if ctx.Err() != nil {
			return nil, Classify(ctx.Err())
		}
		return nil, &Error{Kind: Config, Err: err}
	}
	if cfg.Region == "" {
		return nil, &Error{Kind: NoRegion, Err: ErrNoRegion}
	}
	if err := checkCredentials(ctx, cfg, opt.Timeout); err != nil {
		return nil, err
	}
	return datapipeline.NewFromConfig(cfg, func(o *datapipeline.Options) {
		if opt.EndpointURL != "" {
			o.BaseEndpoint = aws.String(opt.EndpointURL)
		}
		if opt.MaxAttempts > 0 {
			o.RetryMaxAttempts = opt.MaxAttempts
		}
		if opt.Timeout > 0 {
			o.APIOptions = append(o.APIOptions, operationTimeout(opt.Timeout))
		}
	}), nil
}

func checkCredentials(ctx context.Context, cfg aws.Config, timeout time.Duration) error {
	if cfg.Credentials == nil {
		return &Error{Kind: NoCredentials, Err: ErrNoCredentials}
	}
	if timeout <= 0 {
		timeout = credentialTimeout
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	creds, err := cfg.Credentials.Retrieve(cctx)
	switch {
	case ctx.Err() != nil:
		return Classify(ctx.Err())
	case err != nil:
		return &Error{Kind: NoCredentials, Err: errors.Join(ErrNoCredentials, err)}
	case !creds.HasKeys():
		return &Error{Kind: NoCredentials, Err: ErrNoCredentials}
	}
	return nil
}

// operationTimeout bounds one operation, its retries included.
func operationTimeout(d time.Duration) func(*middleware.Stack) error {
	return func(st *middleware.Stack) error {
		return st.Initialize.Add(middleware.InitializeMiddlewareFunc("dplintOperationTimeout",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				ctx, cancel := context.WithTimeout(ctx, d)
				defer cancel()
				return next.HandleInitialize(ctx, in)
			}), middleware.Before)
	}
}
