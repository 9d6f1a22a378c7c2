package serve

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/datapipeline"
	"github.com/aws/smithy-go"
)

func sdkClient(url, key, secret string) *datapipeline.Client {
	return datapipeline.New(datapipeline.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(url),
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, ""),
		RetryMaxAttempts: 1,
	})
}

// With keys configured, only requests signed with them are answered: the
// SDK's own SigV4 signatures are checked, not just their presence.
func TestVerifyCredentials(t *testing.T) {
	ts := start(t, Options{Credentials: map[string]string{"AKIDSERVE": "s3cret"}, Now: time.Now})
	ctx := context.Background()
	if _, err := sdkClient(ts.URL, "AKIDSERVE", "s3cret").ListPipelines(ctx, &datapipeline.ListPipelinesInput{}); err != nil {
		t.Fatalf("a request signed with the configured key: %v", err)
	}
	for _, c := range []struct{ key, secret, code string }{
		{"AKIDSERVE", "wrong", "InvalidSignatureException"},
		{"AKIDOTHER", "s3cret", "UnrecognizedClientException"},
	} {
		_, err := sdkClient(ts.URL, c.key, c.secret).ListPipelines(ctx, &datapipeline.ListPipelinesInput{})
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != c.code {
			t.Errorf("key %s secret %s: want %s, got %v", c.key, c.secret, c.code, err)
		}
	}
	eu := datapipeline.New(datapipeline.Options{Region: "eu-west-1", BaseEndpoint: aws.String(ts.URL),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDSERVE", "s3cret", ""), RetryMaxAttempts: 1})
	_, err := eu.ListPipelines(ctx, &datapipeline.ListPipelinesInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidSignatureException" || !strings.Contains(ae.ErrorMessage(), "us-east-1") {
		t.Errorf("a signature for another region: %v", err)
	}
	if r := ts.raw("DataPipeline.ListPipelines", "application/x-amz-json-1.1", []byte(`{}`)); r.Type != "MissingAuthenticationTokenException" {
		t.Errorf("an unsigned request: %s", r.Raw)
	}
	// Without keys, any signature is taken.
	open := start(t, Options{})
	if _, err := sdkClient(open.URL, "anything", "at all").ListPipelines(ctx, &datapipeline.ListPipelinesInput{}); err != nil {
		t.Fatalf("without --verify-credentials: %v", err)
	}
}

// The AWS CLI's signatures (botocore's) verify too.
func TestVerifyAWSCLISignatures(t *testing.T) {
	ts := start(t, Options{Credentials: map[string]string{"testing": "testing"}, Now: time.Now})
	a := newAWSCLI(t, ts)
	a.run("list-pipelines")
	a.run("create-pipeline", "--name", "signed", "--unique-id", "signed-1")
	other := start(t, Options{Credentials: map[string]string{"AKIDSERVE": "s3cret"}, Now: time.Now})
	if msg := newAWSCLI(t, other).fails("list-pipelines"); !strings.Contains(msg, "UnrecognizedClientException") {
		t.Fatalf("a key the server does not know: %s", msg)
	}
}
