package remote

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// ErrNoCredentials and ErrNoRegion are what NewClient fails with when the
// standard chain yields no credentials or no region (test them with
// errors.Is; the *Error around them has the actionable message).
var (
	ErrNoCredentials = errors.New("no AWS credentials")
	ErrNoRegion      = errors.New("no AWS region")
)

// Kind sorts failures by what the user can do about them.
type Kind int

const (
	// Other is anything else: a network failure, an unexpected reply.
	Other Kind = iota
	// NoCredentials: the chain found no credentials (or could not fetch them).
	NoCredentials
	// InvalidCredentials: the service refused the credentials (unknown key,
	// bad signature, expired token).
	InvalidCredentials
	// NoRegion: no region from the flags, environment or profile.
	NoRegion
	// Config: the AWS configuration could not be loaded (missing profile,
	// broken file).
	Config
	// AccessDenied: the credentials lack an IAM permission (Error.Action).
	AccessDenied
	// Throttled: the service kept throttling until the retries ran out.
	Throttled
	// Timeout: no answer in time.
	Timeout
	// Canceled: the caller cancelled (Ctrl-C).
	Canceled
	// Service: the service answered with an error (Error.Code, Error.Message).
	Service
)

var kindNames = [...]string{"other", "no-credentials", "invalid-credentials", "no-region", "config",
	"access-denied", "throttled", "timeout", "canceled", "service"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a classified failure.
type Error struct {
	Kind Kind
	// Op is the operation that failed ("CreatePipeline"), "" outside a call.
	Op string
	// Action is the IAM action the call needs ("datapipeline:CreatePipeline").
	Action string
	// Code and Message are the service's error code and text.
	Code, Message string
	// Hint is advice added by the caller of the operation.
	Hint string
	// Err is the underlying error.
	Err error
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNoCredentials) and errors.Is(err, ErrNoRegion)
// hold for the matching kinds.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNoCredentials:
		return e.Kind == NoCredentials
	case ErrNoRegion:
		return e.Kind == NoRegion
	}
	return false
}

func (e *Error) Error() string {
	msg := e.message()
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

func (e *Error) message() string {
	op := e.Op
	if op == "" {
		op = "the request"
	}
	switch e.Kind {
	case NoCredentials:
		msg := "no AWS credentials found: set AWS_PROFILE (or pass --profile), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
			"or run `aws configure` or `aws sso login`; dplint uses the standard AWS credential chain and never reads keys from its own configuration"
		if cause := e.cause(ErrNoCredentials); cause != "" {
			msg += " (" + cause + ")"
		}
		return msg
	case NoRegion:
		return "no AWS region: pass --region, set AWS_REGION, or set region in the AWS profile"
	case InvalidCredentials:
		return fmt.Sprintf("the AWS credentials were refused (%s when calling %s: %s): check the profile or keys, or refresh the session",
			e.Code, op, e.Message)
	case Config:
		return "cannot load the AWS configuration: " + e.cause(nil)
	case AccessDenied:
		msg := fmt.Sprintf("access denied: the AWS identity needs the IAM permission %s", e.Action)
		if e.Message != "" {
			msg += fmt.Sprintf(" (%s: %s)", e.Code, e.Message)
		}
		return msg
	case Throttled:
		return fmt.Sprintf("AWS throttled %s and the retries ran out (%s: %s); try again later or allow more attempts",
			op, e.Code, e.Message)
	case Timeout:
		return fmt.Sprintf("%s timed out: no answer from AWS Data Pipeline in time; try again or allow more time", op)
	case Canceled:
		return op + " was cancelled"
	case Service:
		// The AWS CLI's words, so dplint can print a service exception as it does.
		return fmt.Sprintf("An error occurred (%s) when calling the %s operation: %s", e.Code, e.Op, e.Message)
	}
	var de *smithy.DeserializationError
	var re *awshttp.ResponseError
	if errors.As(e.Err, &de) && errors.As(e.Err, &re) {
		return fmt.Sprintf("%s failed: the endpoint answered HTTP %d with a reply that is not Data Pipeline's (%v)", op, re.HTTPStatusCode(), de.Err)
	}
	var ue *url.Error
	if errors.As(e.Err, &ue) {
		return fmt.Sprintf("%s failed: cannot reach AWS Data Pipeline at %s: %v", op, ue.URL, ue.Err)
	}
	if e.Op != "" {
		return fmt.Sprintf("%s failed: %s", e.Op, e.cause(nil))
	}
	return e.cause(nil)
}

// cause is the underlying error's text without the sentinel.
func (e *Error) cause(sentinel error) string {
	if e.Err == nil {
		return ""
	}
	var parts []string
	if j, ok := e.Err.(interface{ Unwrap() []error }); ok {
		for _, err := range j.Unwrap() {
			if err != sentinel {
				parts = append(parts, err.Error())
			}
		}
	} else if e.Err != sentinel {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, "; ")
}

// Classify sorts an error from this package or the SDK. It returns nil for
// nil and the error itself when it is already an *Error.
func Classify(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	e = &Error{Kind: Other, Err: err}
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		e.Op = oe.OperationName
		e.Action = "datapipeline:" + oe.OperationName
	}
	var api smithy.APIError
	switch {
	case errors.Is(err, context.Canceled):
		e.Kind = Canceled
	case errors.Is(err, context.DeadlineExceeded):
		e.Kind = Timeout
	case errors.As(err, &api):
		e.Code, e.Message = api.ErrorCode(), api.ErrorMessage()
		e.Kind = kindOfCode(e.Code)
		if e.Kind == AccessDenied && e.Action == "" {
			e.Action = "datapipeline:*"
		}
	case isQuotaExceeded(err):
		e.Kind = Throttled
	case isNetTimeout(err):
		e.Kind = Timeout
	}
	return e
}

func kindOfCode(code string) Kind {
	switch code {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
		"NotAuthorized", "NotAuthorizedException":
		return AccessDenied
	case "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
		"SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
		"ExpiredToken", "ExpiredTokenException", "RequestExpired":
		return InvalidCredentials
	case "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
		"TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException", "RequestThrottled",
		"SlowDown", "PriorRequestNotComplete", "BandwidthLimitExceeded":
		return Throttled
	}
	return Service
}

func isQuotaExceeded(err error) bool {
	var q ratelimit.QuotaExceededError
	return errors.As(err, &q)
}

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// errorCode is the service's error code in err, if any.
func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// mayHaveHappened reports whether a failed call may still have taken
// effect: no answer came (a timeout, a cancellation, a broken connection)
// or the service failed on its side (5xx).
func mayHaveHappened(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var send *smithyhttp.RequestSendError
	if errors.As(err, &send) {
		var op *net.OpError
		return !(errors.As(err, &op) && op.Op == "dial") // a refused connection sent nothing
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode() >= 500
	}
	return false
}

// wrap classifies a non-nil error.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	return Classify(err)
}
