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
	"github.com/dplint/dplint/lint"
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
	if err := f.FatalError(); err != nil {
		return nil, err
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
	type message struct{ list, id, text string }
	show := func(m message) string { return fmt.Sprintf("%s on %q: %s", m.list, m.id, m.text) }
	service := map[message]bool{}
	for _, m := range r.Errors {
		service[message{"error", m.ID, m.Text}] = true
	}
	for _, m := range r.Warnings {
		service[message{"warning", m.ID, m.Text}] = true
	}
	ours := map[message]bool{}
	texts := map[string]bool{}
	for _, d := range ds {
		if d.Origin != diag.Service || d.Channel != diag.Response {
			continue
		}
		list := "warning"
		if d.Severity == diag.Error {
			list = "error"
		}
		ours[message{list, d.Object, d.Message}] = true
		texts[d.Message] = true
	}
	var out disagreement
	for m := range service {
		switch {
		case accountCheck(m.text):
			out.account = append(out.account, show(m))
		case !ours[m]:
			out.onlyService = append(out.onlyService, show(m))
			if !texts[m.text] {
				out.unknownText = append(out.unknownText, m.text)
			}
		}
	}
	for m := range ours {
		if !service[m] {
			out.onlyDplint = append(out.onlyDplint, show(m))
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
	on, strict, optional bool
	deployed             listFlag
	pipelineID           string
	remoteOpts           // the connection flags, shared with pull and eval
}

// remoteSession gives each definition the service's answer (asked now, or
// saved) and then compares it with dplint's findings.
type remoteSession struct {
	// ask asks the service; saved is a saved answer (--remote-response),
	// which answers the first definition only (a CloudFormation template
	// may hold several).
	ask      func(*definition.Definition) (*rules.RemoteResult, error)
	saved    *rules.RemoteResult
	optional bool // a failed call was said on stderr already

	answers map[*definition.Definition]*rules.RemoteResult
	// deployTime holds the template pipelines not sent because some of
	// their values are known only at deploy time, with one of them.
	deployTime map[*definition.Definition]string
	calls      int // definitions asked about
	linted     int // definitions linted (asked about or not)
}

// answer is lint.Config.Remote.
func (s *remoteSession) answer(d *definition.Definition) (*rules.RemoteResult, error) {
	if u := deployTimeValue(d); u != "" {
		// The service would judge placeholders, not the pipeline.
		if s.deployTime == nil {
			s.deployTime = map[*definition.Definition]string{}
		}
		s.deployTime[d] = u
		return nil, nil
	}
	s.calls++
	r := s.saved
	if s.saved == nil {
		var err error
		if r, err = s.ask(d); err != nil {
			return nil, err
		}
	} else if s.calls > 1 {
		return nil, nil
	}
	if r != nil {
		if s.answers == nil {
			s.answers = map[*definition.Definition]*rules.RemoteResult{}
		}
		s.answers[d] = r
	}
	return r, nil
}

// compare prints, on w, how the service's answer for a linted definition
// compares with dplint's findings, gives the answer to the aws format
// (rd.Service), and reports a disagreement. fileErr is the file's failure,
// already said.
func (s *remoteSession) compare(w io.Writer, path string, d *lint.Definition, rd *report.Definition, fileErr error) bool {
	s.linted++
	label := path
	if d.Name != "" && d.Name != path {
		label += " (" + d.Name + ")"
	}
	r := s.answers[d.Model]
	switch {
	case r != nil:
		dis := compare(r, d.Diagnostics)
		printDisagreement(w, label, dis)
		rd.Service = serviceAnswerReport(r)
		return !dis.empty()
	case s.deployTime[d.Model] != "":
		fmt.Fprintf(w, "dplint: remote: %s: not sent to the service: values known only at deploy time (%s); linted offline only\n", label, s.deployTime[d.Model])
	case s.saved != nil && s.calls > 1:
		fmt.Fprintf(w, "dplint: remote: %s: not compared: the saved response answers the first definition only\n", label)
	case fileErr == nil && !s.optional:
		fmt.Fprintf(w, "dplint: remote: %s: not sent to the service: the file is not valid JSON\n", label)
	}
	return false
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

// serviceAnswerReport is the service's answer as the aws format prints it.
func serviceAnswerReport(a *rules.RemoteResult) *report.ServiceAnswer {
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

// deployTimeValue returns one value of a template's pipeline that is known
// only at deploy time (how it is written), or "".
func deployTimeValue(d *definition.Definition) string {
	if d.Embedded == nil {
		return ""
	}
	if d.Embedded.Incomplete {
		return "objects or references built then"
	}
	unknown := ""
	d.EachValue(func(v *definition.Value) {
		if unknown == "" {
			unknown = v.Unknown
		}
	})
	return unknown
}
