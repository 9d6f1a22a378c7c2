package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/remote"
	"github.com/dplint/dplint/report"
	"github.com/dplint/dplint/rules"
	"github.com/dplint/dplint/source"
)

// readRemoteResponse reads a ValidatePipelineDefinition response as the
// AWS CLI prints it ({"validationErrors": [{"id", "errors"}],
// "validationWarnings": [{"id", "warnings"}], "errored"}), so a response
// captured with `aws datapipeline validate-pipeline-definition` can be
// compared offline.
func readRemoteResponse(path string) (*rules.RemoteResult, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	f := source.Parse(path, data)
	for _, p := range f.Problems {
		if p.Fatal() {
			pos := f.Position(p.Start)
			return nil, fmt.Errorf("%s:%d:%d: %s", path, pos.Line, pos.Column, p.Message)
		}
	}
	if f.Root.Kind != source.Object {
		return nil, fmt.Errorf("%s: expected a ValidatePipelineDefinition response object", path)
	}
	r := &rules.RemoteResult{}
	read := func(list, key string, into *[]rules.RemoteMessage) error {
		for _, e := range elemsOf(f.Root.Get(list)) {
			id := e.Get("id")
			msgs := e.Get(key)
			if id == nil || id.Kind != source.String || msgs == nil || msgs.Kind != source.Array {
				pos := f.Position(e.Start)
				return fmt.Errorf("%s:%d:%d: each %s entry needs an \"id\" and a list of %q", path, pos.Line, pos.Column, list, key)
			}
			for _, m := range msgs.Elems {
				*into = append(*into, rules.RemoteMessage{ID: id.Text, Text: m.Text})
			}
		}
		return nil
	}
	if err := read("validationErrors", "errors", &r.Errors); err != nil {
		return nil, err
	}
	if err := read("validationWarnings", "warnings", &r.Warnings); err != nil {
		return nil, err
	}
	return r, nil
}

func elemsOf(n *source.Node) []*source.Node {
	if n == nil || n.Kind != source.Array {
		return nil
	}
	return n.Elems
}

// disagreement is the difference between the service's answer and
// dplint's findings of the checks the service makes.
type disagreement struct {
	onlyService []string // "error on 'X': text"
	onlyDplint  []string
	unknownText []string // service messages matching none of dplint's texts
	account     []string // checks of the account (IAM roles) dplint cannot make
}

// accountCheck tells the service's messages about the account's IAM roles:
// they depend on the account, not the definition, so dplint cannot make
// them offline and they are no disagreement.
func accountCheck(text string) bool {
	for _, p := range []string{
		"No policy attached to the role - ",
		"More than one policies attached to the role - ",
		"Invalid role '",
	} {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

func (d disagreement) empty() bool { return len(d.onlyService)+len(d.onlyDplint) == 0 }

// compare matches the service's messages with dplint's service-origin
// findings by list (error/warning), object id and text.
func compare(r *rules.RemoteResult, ds []diag.Diagnostic) disagreement {
	key := func(list, id, text string) string { return list + "\x00" + id + "\x00" + text }
	service := map[string]bool{}
	for _, m := range r.Errors {
		service[key("error", m.ID, m.Text)] = true
	}
	for _, m := range r.Warnings {
		service[key("warning", m.ID, m.Text)] = true
	}
	ours := map[string]bool{}
	texts := map[string]bool{}
	for _, d := range ds {
		if d.Origin != diag.Service || d.Channel != diag.Response {
			continue
		}
		list := "warning"
		if d.Severity == diag.Error {
			list = "error"
		}
		ours[key(list, d.Object, d.Message)] = true
		texts[d.Message] = true
	}
	var out disagreement
	show := func(k string) string {
		p := strings.SplitN(k, "\x00", 3)
		return fmt.Sprintf("%s on %q: %s", p[0], p[1], p[2])
	}
	for k := range service {
		if accountCheck(strings.SplitN(k, "\x00", 3)[2]) {
			out.account = append(out.account, show(k))
			continue
		}
		if !ours[k] {
			out.onlyService = append(out.onlyService, show(k))
			if text := strings.SplitN(k, "\x00", 3)[2]; !texts[text] {
				out.unknownText = append(out.unknownText, text)
			}
		}
	}
	for k := range ours {
		if !service[k] {
			out.onlyDplint = append(out.onlyDplint, show(k))
		}
	}
	sort.Strings(out.onlyService)
	sort.Strings(out.onlyDplint)
	sort.Strings(out.unknownText)
	sort.Strings(out.account)
	return out
}

func printDisagreement(w io.Writer, name string, d disagreement) {
	for _, s := range d.account {
		fmt.Fprintf(w, "dplint: remote: %s: an account check only the service makes: %s\n", name, s)
	}
	if d.empty() {
		fmt.Fprintf(w, "dplint: remote: %s: the service and dplint agree\n", name)
		return
	}
	fmt.Fprintf(w, "dplint: remote: %s: the service and dplint disagree\n", name)
	for _, s := range d.onlyService {
		fmt.Fprintf(w, "  the service said, dplint did not: %s\n", s)
	}
	for _, s := range d.onlyDplint {
		fmt.Fprintf(w, "  dplint said (a check the service makes), the service did not: %s\n", s)
	}
	for _, s := range d.unknownText {
		fmt.Fprintf(w, "  a message dplint does not know yet, verbatim: %q\n", s)
	}
}

// remoteFlags are lint's remote-mode settings.
type remoteFlags struct {
	on, strict, optional             bool
	deployed                         listFlag
	pipelineID, region, profile, url string
	timeout                          time.Duration
}

// remoteSession gives each definition the service's answer and remembers
// which definition got which, for the comparison.
type remoteSession struct {
	answers map[*definition.Definition]*rules.RemoteResult
	notes   map[*definition.Definition]string
	ask     func(*definition.Definition) (*rules.RemoteResult, error)
	calls   int // definitions asked about
	linted  int // definitions linted (asked about or not)
}

func newRemoteSession(ask func(*definition.Definition) (*rules.RemoteResult, error)) *remoteSession {
	return &remoteSession{answers: map[*definition.Definition]*rules.RemoteResult{}, notes: map[*definition.Definition]string{}, ask: ask}
}

func (s *remoteSession) answer(d *definition.Definition) (*rules.RemoteResult, error) {
	s.calls++
	r, err := s.ask(d)
	if err != nil {
		return nil, err
	}
	if r != nil {
		s.answers[d] = r
	}
	return r, nil
}

// savedAnswer answers the first definition with a saved response; the
// others are not compared (a CloudFormation template may hold several).
func savedAnswer(r *rules.RemoteResult, s **remoteSession) func(*definition.Definition) (*rules.RemoteResult, error) {
	return func(d *definition.Definition) (*rules.RemoteResult, error) {
		if (*s).calls > 1 {
			(*s).notes[d] = "not compared: the saved response answers the first definition only"
			return nil, nil
		}
		return r, nil
	}
}

// serviceAnswer asks the real service (remote.Validate) for each
// definition: against --pipeline-id, or a scratch pipeline it deletes.
//
// ctx is cancelled by Ctrl-C (SIGINT) or SIGTERM: the call then stops and
// remote.Validate still deletes its scratch pipeline before dplint exits.
func serviceAnswer(ctx context.Context, api remote.API, rf remoteFlags, stderr io.Writer) func(*definition.Definition) (*rules.RemoteResult, error) {
	return func(d *definition.Definition) (*rules.RemoteResult, error) {
		body, err := definition.ToAPI(d)
		if err != nil {
			return nil, fmt.Errorf("remote: not sent to the service: %w", err)
		}
		req, err := remote.FromDefinition(body)
		if err != nil {
			return nil, fmt.Errorf("remote: not sent to the service (the AWS CLI would refuse it too): %w", err)
		}
		req.Version = Version()
		ctx := ctx
		if rf.timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, rf.timeout)
			defer cancel()
		}
		out, cleanup, err := remote.Validate(ctx, api, rf.pipelineID, req)
		if cleanup.LeftBehind() {
			fmt.Fprintf(stderr, "dplint: remote: %s\n", cleanup.Message())
		}
		if err != nil && rf.optional {
			fmt.Fprintf(stderr, "dplint: warning: remote: %s: %v (--remote-optional: linted offline only)\n", d.Name, err)
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("remote: %w", err)
		}
		r := &rules.RemoteResult{}
		for _, e := range out.ValidationErrors {
			for _, m := range e.Errors {
				r.Errors = append(r.Errors, rules.RemoteMessage{ID: aws.ToString(e.Id), Text: m})
			}
		}
		for _, w := range out.ValidationWarnings {
			for _, m := range w.Warnings {
				r.Warnings = append(r.Warnings, rules.RemoteMessage{ID: aws.ToString(w.Id), Text: m})
			}
		}
		return r, nil
	}
}

// report turns the service's answer for a definition into the aws format's view
// of the service's own answer.
func (r *remoteSession) report(d *definition.Definition) *report.ServiceAnswer {
	a := r.answers[d]
	if a == nil {
		return nil
	}
	out := &report.ServiceAnswer{}
	for _, m := range a.Errors {
		out.Errors = append(out.Errors, report.ServiceMessage{ID: m.ID, Text: m.Text})
	}
	for _, m := range a.Warnings {
		out.Warnings = append(out.Warnings, report.ServiceMessage{ID: m.ID, Text: m.Text})
	}
	return out
}

// pullDeployed fetches a deployed definition (lint --deployed) in the AWS
// CLI's file form, the bytes `aws datapipeline get-pipeline-definition`
// prints.
func pullDeployed(api remote.API, id string, timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	obj, err := remote.PullDefinition(ctx, api, id)
	if err != nil {
		return nil, err
	}
	return ojson.Marshal(obj), nil
}

// remoteClientCode is the exit code of a failure to set up the client: the
// user's configuration (2) or the service (3).
func remoteClientCode(err error) int {
	switch remote.Classify(err).Kind {
	case remote.NoCredentials, remote.NoRegion, remote.Config, remote.InvalidCredentials:
		return ExitUsage
	}
	return ExitFailed
}
