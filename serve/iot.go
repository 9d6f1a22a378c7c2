package serve

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotserve"
)

// IoT Analytics is served beside Data Pipeline on the same address: its
// REST-JSON requests name a path (/pipelines, /pipelineactivities/run),
// where Data Pipeline's JSON 1.1 ones POST to / with an X-Amz-Target.
// internal/iotserve owns that protocol and its state; the server gives it
// dplint's IoT Analytics rules as its checks and its store.

// iotPath reports whether a request is for the IoT Analytics API.
func iotPath(r *http.Request) bool {
	return r.Header.Get("X-Amz-Target") == "" && r.URL.Path != "/" &&
		(strings.HasPrefix(r.URL.Path, "/pipelines") || strings.HasPrefix(r.URL.Path, "/pipelineactivities"))
}

// serveIoT answers an IoT Analytics request, its signature checked first
// with --verify-credentials (scoped to the iotanalytics signing name).
func (s *Server) serveIoT(w http.ResponseWriter, r *http.Request) {
	if s.opt.Credentials != nil {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, iotserve.MaxBody))
		if err != nil {
			writeError(w, &Error{Type: "InvalidRequestException", Message: "reading the request body: " + err.Error()})
			return
		}
		if err := verify(r, body, s.opt.Credentials, s.opt.Region, "iotanalytics", s.opt.Now()); err != nil {
			writeError(w, err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	s.iot.ServeHTTP(w, r)
}

func (s *Server) newIoT() *iotserve.Server {
	store := iotserve.Store(&iotserve.Memory{})
	if st, ok := s.store.(interface{ IoT() iotserve.Store }); ok {
		store = st.IoT()
	}
	return iotserve.New(iotserve.Options{
		Region: s.opt.Region, AccountID: s.opt.AccountID, Now: s.opt.Now,
		ReprocessingDuration: s.opt.ReprocessingDuration, Store: store, Check: s.iotCheck,
	})
}

// exceptionLine is the AWS CLI's line for a service exception, which the
// IA rules give as the text of what the service would refuse.
var exceptionLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^An error occurred \(([A-Za-z]+)\) when calling the [A-Za-z]+ operation: `)
}) // compiled on first use, not at every start

// iotCheck lints a request body as `dplint lint` lints the same JSON given
// to --cli-input-json, and refuses what dplint says the service (or the
// SDK before it) refuses: what `--format aws` prints as the refusal or the
// exception (the IA rules give the chain of next links one, from the
// model's own words), else the first service-origin error. Warnings and
// dplint's other advice are accepted, as the service would.
func (s *Server) iotCheck(op string, body []byte) error {
	f := s.linter.Lint("request.json", body)
	if f.Err != nil {
		return &iotserve.Refusal{Message: f.Err.Error()}
	}
	for _, d := range f.Definitions {
		if d.Service != diag.IoTAnalytics {
			continue
		}
		if d.Refusal != "" {
			return &iotserve.Refusal{Message: d.Refusal}
		}
		if d.Exception != "" {
			if m := exceptionLine().FindStringSubmatch(d.Exception); m != nil {
				return &iotserve.Refusal{Type: m[1], Message: strings.TrimPrefix(d.Exception, m[0])}
			}
			return &iotserve.Refusal{Message: d.Exception}
		}
		for _, dg := range d.Diagnostics {
			if dg.Severity == diag.Error && dg.Rule.Origin == diag.Service {
				return &iotserve.Refusal{Message: fmt.Sprintf("%s (%s)", dg.Message, dg.Rule.ID)}
			}
		}
	}
	return nil
}
