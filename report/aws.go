package report

import (
	"fmt"
	"io"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/ojson"
	"github.com/dplint/dplint/remote/answer"
)

// AWS prints what `aws datapipeline validate-pipeline-definition` would
// print: for one definition, the response (validationErrors,
// validationWarnings, errored; findings grouped by object id in definition
// order; only service-origin findings unless opt.All); for several, one
// object keyed by definition name. What the AWS CLI would refuse to send,
// and service exceptions, go to stderr in the CLI's words instead.
func AWS(w, stderr io.Writer, run *Run, opt Options) error {
	var defs []*diag.Definition
	for _, f := range run.Files {
		defs = append(defs, f.Definitions...)
	}
	if len(defs) == 1 {
		d := defs[0]
		if text := awsFailure(d); text != "" {
			_, err := fmt.Fprintf(stderr, "\n%s\n", text)
			return err
		}
		if d.Service == diag.IoTAnalytics {
			return nil
		}
		_, err := w.Write(ojson.Marshal(pick(d, opt)))
		return err
	}
	out := ojson.Object{}
	for _, d := range defs {
		if text := awsFailure(d); text != "" {
			if _, err := fmt.Fprintf(stderr, "%s:\n%s\n", d.Name, text); err != nil {
				return err
			}
			continue
		}
		if d.Service == diag.IoTAnalytics {
			continue
		}
		out = append(out, ojson.Member{Key: d.Name, Value: pick(d, opt)})
	}
	_, err := w.Write(ojson.Marshal(out))
	return err
}

func awsFailure(d *diag.Definition) string {
	if d.Refusal != "" {
		return d.Refusal
	}
	return d.Exception
}

// pick is the service's own answer when there is one (lint --remote), else
// the answer dplint predicts.
func pick(d *diag.Definition, opt Options) ojson.Object {
	if d.Remote != nil && d.Remote.Answer != nil {
		return serviceResponse(d.Remote.Answer)
	}
	return response(d, opt)
}

// serviceResponse prints the service's answer as the AWS CLI does, messages
// grouped by object id in the order the service gave them.
func serviceResponse(a *answer.Answer) ojson.Object {
	byID := func(msgs []answer.Message) ([]string, map[string][]any) {
		var order []string
		by := map[string][]any{}
		for _, m := range msgs {
			if _, ok := by[m.ID]; !ok {
				order = append(order, m.ID)
			}
			by[m.ID] = append(by[m.ID], m.Text)
		}
		return order, by
	}
	errOrder, errs := byID(a.Errors)
	warnOrder, warns := byID(a.Warnings)
	return responseObject(grouped(errOrder, errs, "errors"), grouped(warnOrder, warns, "warnings"), len(errs) > 0)
}

// grouped lists {"id", key: messages} for the ids in order that have
// messages, as the AWS CLI prints validationErrors/validationWarnings.
func grouped(order []string, by map[string][]any, key string) []any {
	list := []any{}
	for _, id := range order {
		if msgs := by[id]; len(msgs) > 0 {
			list = append(list, ojson.Object{{Key: "id", Value: id}, {Key: key, Value: msgs}})
		}
	}
	return list
}

func responseObject(errs, warns []any, errored bool) ojson.Object {
	return ojson.Object{
		{Key: "validationErrors", Value: errs},
		{Key: "validationWarnings", Value: warns},
		{Key: "errored", Value: errored},
	}
}

// Validation is the answer to ValidatePipelineDefinition (and
// PutPipelineDefinition) that dplint predicts for a definition, in
// structured form: what the aws format prints, for a program that answers
// the API itself (dplint serve).
type Validation struct {
	Errors, Warnings []Messages // by object id, in definition order
	Errored          bool
}

// Messages are the messages on one object (or parameter) id.
type Messages struct {
	ID   string
	Text []string
}

// ValidationOf is the answer dplint predicts for a definition: the
// service-origin findings in its response (all of them with opt.All),
// grouped by object id in definition order.
func ValidationOf(d *diag.Definition, opt Options) Validation {
	errs, warns := map[string][]string{}, map[string][]string{}
	var order []string
	seen := map[string]bool{}
	note := func(id string) {
		if !seen[id] {
			seen[id] = true
			order = append(order, id)
		}
	}
	for _, id := range d.IDs {
		note(id)
	}
	// The service does not fold one finding into another: list them all.
	for _, dg := range diag.Flatten(d.Diagnostics) {
		if dg.Channel != diag.Response && !(opt.All && dg.Channel == diag.None) {
			continue
		}
		if dg.Rule.Origin != diag.Service && !opt.All {
			continue
		}
		note(dg.Object)
		if dg.Severity == diag.Error {
			errs[dg.Object] = append(errs[dg.Object], dg.Message)
		} else {
			warns[dg.Object] = append(warns[dg.Object], dg.Message)
		}
	}
	v := Validation{Errored: len(errs) > 0}
	for _, id := range order {
		if m := errs[id]; len(m) > 0 {
			v.Errors = append(v.Errors, Messages{ID: id, Text: m})
		}
		if m := warns[id]; len(m) > 0 {
			v.Warnings = append(v.Warnings, Messages{ID: id, Text: m})
		}
	}
	return v
}

func response(d *diag.Definition, opt Options) ojson.Object {
	v := ValidationOf(d, opt)
	list := func(ms []Messages, key string) []any {
		out := []any{}
		for _, m := range ms {
			texts := make([]any, len(m.Text))
			for i, t := range m.Text {
				texts[i] = t
			}
			out = append(out, ojson.Object{{Key: "id", Value: m.ID}, {Key: key, Value: texts}})
		}
		return out
	}
	return responseObject(list(v.Errors, "errors"), list(v.Warnings, "warnings"), v.Errored)
}
