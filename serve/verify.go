package serve

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// maxSkew is how far a signature's time may be from the server's clock,
// as AWS allows.
const maxSkew = 15 * time.Minute

// verify checks a request's SigV4 signature (the Authorization header's
// AWS4-HMAC-SHA256 form, which the SDKs and the AWS CLI send) against the
// configured keys.
// service is the signing name the credential must be scoped to
// ("datapipeline", or "iotanalytics" for the IoT Analytics API).
func verify(r *http.Request, body []byte, keys map[string]string, region, service string, now time.Time) error {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return &Error{Type: "MissingAuthenticationTokenException", Message: "Missing Authentication Token"}
	}
	algo, rest, _ := strings.Cut(auth, " ")
	if algo != "AWS4-HMAC-SHA256" {
		return &Error{Type: "IncompleteSignatureException", Message: "unsupported signature algorithm " + algo}
	}
	parts := map[string]string{}
	for _, p := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		parts[k] = v
	}
	cred := strings.Split(parts["Credential"], "/")
	if len(cred) != 5 || parts["SignedHeaders"] == "" || parts["Signature"] == "" {
		return &Error{Type: "IncompleteSignatureException", Message: "the Authorization header lacks Credential, SignedHeaders or Signature"}
	}
	if cred[2] != region || cred[3] != service || cred[4] != "aws4_request" {
		return &Error{Type: "InvalidSignatureException", Message: fmt.Sprintf("Credential should be scoped to a valid region and service: %s/%s, not %s/%s", region, service, cred[2], cred[3])}
	}
	secret, ok := keys[cred[0]]
	if !ok {
		return &Error{Type: "UnrecognizedClientException", Message: "The security token included in the request is invalid."}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	at, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil {
		return &Error{Type: "IncompleteSignatureException", Message: "X-Amz-Date is missing or not in the form 20060102T150405Z"}
	}
	if d := now.Sub(at); d > maxSkew || d < -maxSkew {
		return &Error{Type: "InvalidSignatureException", Message: fmt.Sprintf("Signature expired: %s is more than 15 minutes from the server's time", amzDate)}
	}
	signed := strings.Split(parts["SignedHeaders"], ";")
	var canon strings.Builder
	for _, h := range signed {
		v := r.Header.Values(h)
		if h == "host" {
			v = []string{r.Host}
		}
		for i := range v {
			v[i] = strings.Join(strings.Fields(v[i]), " ")
		}
		fmt.Fprintf(&canon, "%s:%s\n", h, strings.Join(v, ","))
	}
	payload := sha256.Sum256(body)
	request := strings.Join([]string{r.Method, canonicalPath(r.URL.EscapedPath()), canonicalQuery(r), canon.String(), parts["SignedHeaders"], hex.EncodeToString(payload[:])}, "\n")
	reqHash := sha256.Sum256([]byte(request))
	scope := strings.Join(cred[1:], "/")
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(reqHash[:])
	key := []byte("AWS4" + secret)
	for _, p := range cred[1:] {
		key = mac(key, p)
	}
	if want := hex.EncodeToString(mac(key, toSign)); !hmac.Equal([]byte(want), []byte(parts["Signature"])) {
		return &Error{Type: "InvalidSignatureException", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."}
	}
	return nil
}

func mac(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

func canonicalPath(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func canonicalQuery(r *http.Request) string {
	q := r.URL.Query()
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, awsEscape(k)+"="+awsEscape(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// awsEscape is SigV4's URI encoding: everything but A-Z a-z 0-9 - _ . ~.
func awsEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
