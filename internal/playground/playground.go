// Package playground is what the browser playground (docs/playground,
// cmd/dplint-wasm) computes for one text: the lint's findings with their
// positions, the graph of its pipelines as SVG, and what every field
// holding #{...} evaluates to for one run. It returns plain values (and
// JSON for the wasm glue), so its tests run natively, without a browser.
package playground

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/internal/load"
	"github.com/dplint/dplint/internal/picture"
	"github.com/dplint/dplint/lint"
)

// Forms are the choices of the page's form selector: auto-detection by
// content, or the file name a form needs to be read as that form.
var Forms = []string{"auto", "json", "cloudformation", "terraform"}

// fileNames are the names the text is linted under for each form. The
// readers choose by extension where content alone cannot tell (a YAML
// template, a .tf file); the name also shows in definition names
// (template.yaml#MyPipeline).
var fileNames = map[string]string{
	"json":           "pipeline.json",
	"cloudformation": "template.yaml",
	"terraform":      "main.tf",
}

// MaxText caps the text linted, as internal/load caps a file.
var MaxText = int(load.MaxFileSize)

// Request is one run of the playground.
type Request struct {
	Text string `json:"text"`
	// Form is one of Forms; "" is auto.
	Form string `json:"form"`
	// At is the run's scheduled start time for the values,
	// YYYY-MM-DDTHH:MM:SS (seconds optional) in UTC; "" is now.
	At string `json:"at"`
}

// Result is what the page shows for a Request.
type Result struct {
	// Path is the name the text was linted as; Form the form read
	// ("cli", "api", "cloudformation", "terraform", ...).
	Path string `json:"path"`
	Form string `json:"form"`
	// Findings are the lint's findings, in its order.
	Findings []Finding `json:"findings"`
	// Counts are errors, warnings and infos.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Error is set when the text could not be linted at all.
	Error string `json:"error,omitempty"`
	// Graphs are the pipelines drawn, one <svg> each; GraphNote says why
	// there are none.
	Graphs    []Graph `json:"graphs"`
	GraphNote string  `json:"graphNote,omitempty"`
	// At is the run the values are for; Values what each field holding
	// #{...} evaluates to; ValuesNote why there are none.
	At         string  `json:"at"`
	Values     []Value `json:"values"`
	ValuesNote string  `json:"valuesNote,omitempty"`
}

// Finding is one finding with its range as line/column (as dplint prints
// them) and as UTF-16 offsets into the text (as a textarea selects).
type Finding struct {
	Rule       string `json:"rule"`
	Name       string `json:"name"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Definition string `json:"definition"`
	Object     string `json:"object,omitempty"`
	Field      string `json:"field,omitempty"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"endLine"`
	EndColumn  int    `json:"endColumn"`
	From       int    `json:"from"`
	To         int    `json:"to"`
}

// Graph is one pipeline drawn, and where each drawn object's id is in the
// text (a click on its node selects it).
type Graph struct {
	Definition string   `json:"definition"`
	SVG        string   `json:"svg"`
	Objects    []Object `json:"objects"`
}

// Object is where an object's id is written: its line and column, and its
// UTF-16 range in the text.
type Object struct {
	ID     string `json:"id"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	From   int    `json:"from"`
	To     int    `json:"to"`
}

// Value is what one field evaluates to for the run.
type Value struct {
	Definition string `json:"definition"`
	Object     string `json:"object"`
	Field      string `json:"field"`
	Value      string `json:"value"`
}

// Playground holds the linter, made once: every rule with its defaults,
// as `dplint lint` with no configuration file.
type Playground struct {
	linter *lint.Linter
	now    func() time.Time
}

// New makes a Playground.
func New() (*Playground, error) {
	l, err := lint.New(lint.Config{})
	if err != nil {
		return nil, fmt.Errorf("playground: making the linter: %w", err)
	}
	return &Playground{linter: l, now: time.Now}, nil
}

// Run lints the request's text, draws it and evaluates its expressions.
// It never fails: what is wrong is in the Result.
func (p *Playground) Run(req Request) (res Result) {
	res = empty()
	defer func() {
		// In the browser a panic would end the module and leave the page
		// dead: say what happened instead, as the lint does for a rule.
		if r := recover(); r != nil {
			res = empty()
			res.Error = fmt.Sprintf("internal error: %v\n%s", r, debug.Stack())
		}
	}()
	at, err := p.runTime(req.At)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.At = at.Format(expr.DateTimeLayout)
	path, err := pathFor(req.Form, req.Text)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.Path = path
	if len(req.Text) > MaxText {
		res.Error = fmt.Sprintf("the text is larger than %d MiB, too large to be a pipeline definition", MaxText>>20)
		return res
	}
	data := []byte(req.Text)
	file := p.linter.Lint(path, data)
	res.Form = formOf(file)
	switch {
	case file.Err != nil:
		res.Error = file.Err.Error()
	case file.Skipped:
		res.Error = "the text holds no pipeline definition (no \"objects\" or \"pipelineObjects\", no AWS::DataPipeline::Pipeline, no aws_datapipeline_pipeline_definition)"
	}
	idx := newUTF16Index(req.Text)
	for _, d := range file.Definitions {
		for _, dg := range diag.Flatten(d.Diagnostics) {
			res.Findings = append(res.Findings, finding(dg, idx))
			switch dg.Severity {
			case diag.Error:
				res.Errors++
			case diag.Warning:
				res.Warnings++
			default:
				res.Infos++
			}
		}
	}
	res.Graphs, res.GraphNote = graph(path, file, idx)
	res.Values, res.ValuesNote = values(file, at)
	return res
}

// formOf is the form the lint read the text as: cli, api, ... or
// cloudformation, terraform for a pipeline read out of a template.
func formOf(file *diag.File) string {
	for _, d := range file.Definitions {
		if m := d.Model; m != nil {
			if m.Embedded != nil {
				return strings.ToLower(m.Embedded.Format)
			}
			return m.Form.String()
		}
	}
	return definition.NotOurs.String()
}

// RunJSON is Run with the request and the result as JSON: what the wasm
// glue passes between JavaScript and Go.
func (p *Playground) RunJSON(req []byte) []byte {
	var r Request
	var res Result
	if err := json.Unmarshal(req, &r); err != nil {
		res = empty()
		res.Error = "playground: reading the request: " + err.Error()
	} else {
		res = p.Run(r)
	}
	out, err := json.Marshal(res)
	if err != nil { // only strings and ints: cannot happen, but say so rather than return nothing
		return []byte(`{"error":"playground: writing the result: ` + strings.ReplaceAll(err.Error(), `"`, `'`) + `"}`)
	}
	return out
}

// runTime reads the run-time input: a datetime-local value with or
// without seconds, in UTC; "" is now, to the minute.
func (p *Playground) runTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return p.now().UTC().Truncate(time.Minute), nil
	}
	for _, layout := range []string{expr.DateTimeLayout, "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("run time %q is not YYYY-MM-DDTHH:MM:SS", s)
}

// pathFor is the name to lint the text as. Auto picks by content: JSON
// (which may still be a CloudFormation template in JSON; load tells),
// Terraform when it declares a resource block, else YAML (a template).
func pathFor(form, text string) (string, error) {
	switch form {
	case "", "auto":
	default:
		if name, ok := fileNames[form]; ok {
			return name, nil
		}
		return "", fmt.Errorf("form %q is not one of %s", form, strings.Join(Forms, ", "))
	}
	trimmed := strings.TrimLeft(text, " \t\r\n\ufeff")
	switch {
	case strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") || trimmed == "":
		return fileNames["json"], nil
	case looksTerraform(text):
		return fileNames["terraform"], nil
	}
	return fileNames["cloudformation"], nil
}

// looksTerraform: a line that opens a resource, data, variable, locals,
// provider or terraform block, which YAML never starts a line with
// (a YAML key is followed by ':').
func looksTerraform(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		word, rest, _ := strings.Cut(line, " ")
		switch word {
		case "resource", "data", "variable", "locals", "provider", "terraform", "output", "module":
			rest = strings.TrimSpace(rest)
			if strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, "{") {
				return true
			}
		}
	}
	return false
}

// graph draws every pipeline the lint read as SVG, or says why it cannot.
func graph(path string, file *diag.File, idx *utf16Index) ([]Graph, string) {
	pic, err := picture.FromLint(path, file, picture.Options{})
	var input *picture.InputError
	switch {
	case errors.As(err, &input):
		return []Graph{}, fmt.Sprintf("no graph: %d:%d: %s", input.Line, input.Column, input.Message)
	case errors.Is(err, picture.ErrNoPipeline):
		return []Graph{}, "no graph: the text holds no pipeline definition"
	case err != nil:
		return []Graph{}, "no graph: " + err.Error()
	}
	out := make([]Graph, 0, len(pic.Pipelines))
	for _, pl := range pic.Pipelines {
		var b bytes.Buffer
		if err := picture.Write(&b, &picture.Picture{Pipelines: []*picture.Pipeline{pl}}, "svg"); err != nil {
			return []Graph{}, "no graph: " + err.Error()
		}
		g := Graph{Definition: pl.Name, SVG: b.String(), Objects: []Object{}}
		for _, d := range file.Definitions {
			if d.Name == pl.Name && d.Model != nil {
				g.Objects = objects(d.Model, pl, idx)
			}
		}
		out = append(out, g)
	}
	return out, ""
}

// objects is where the id of each object drawn is written (the first
// object of an id, as the graph draws it).
func objects(def *definition.Definition, pl *picture.Pipeline, idx *utf16Index) []Object {
	first := map[string]*definition.Object{}
	for _, o := range def.Objects {
		if _, seen := first[o.ID]; !seen && o.IDNode != nil {
			first[o.ID] = o
		}
	}
	out := []Object{}
	for _, n := range pl.Nodes {
		o := first[n.ID]
		if o == nil {
			continue
		}
		pos := def.File.Position(o.IDNode.Start)
		out = append(out, Object{ID: o.ID, Line: pos.Line, Column: pos.Column, From: idx.at(o.IDNode.Start), To: idx.at(o.IDNode.End)})
	}
	return out
}

func empty() Result {
	return Result{Findings: []Finding{}, Graphs: []Graph{}, Values: []Value{}}
}

// values evaluates, for the run at at, every field holding #{...} of
// every definition the lint read, as lint --show-values does.
func values(file *diag.File, at time.Time) ([]Value, string) {
	out := []Value{}
	for _, d := range file.Definitions {
		if d.Model == nil || d.Model.File == nil || d.Model.File.FirstFatal() != nil || d.Model.Unreadable() != nil {
			return out, "no values: the text cannot be read"
		}
		for _, v := range evalenv.Values(d.Model, at, nil) {
			out = append(out, Value{Definition: d.Name, Object: v.Object, Field: v.Field, Value: v.Value})
		}
	}
	if len(out) == 0 && len(file.Definitions) > 0 {
		return out, "no field holds an expression"
	}
	return out, ""
}

func finding(dg diag.Diagnostic, idx *utf16Index) Finding {
	f := Finding{
		Severity: dg.Severity.String(), Message: dg.Message, Definition: dg.Definition,
		Object: dg.Object, Field: dg.Field,
		Line: dg.Start.Line, Column: dg.Start.Column, EndLine: dg.End.Line, EndColumn: dg.End.Column,
		From: idx.at(dg.Start.Offset), To: idx.at(dg.End.Offset),
	}
	if dg.Rule != nil {
		f.Rule, f.Name = dg.Rule.ID, dg.Rule.Name
	}
	return f
}

// utf16Index turns byte offsets into UTF-16 offsets, the unit of a
// textarea's selection, in one pass over the text.
type utf16Index struct {
	text  string
	units []int // units[i]: UTF-16 units before byte i, for each rune start
}

func newUTF16Index(text string) *utf16Index {
	units := make([]int, len(text)+1)
	n := 0
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		for j := range w {
			units[i+j] = n // an offset inside a rune counts as its start
		}
		n++
		if r > 0xFFFF {
			n++ // a surrogate pair
		}
		i += w
	}
	units[len(text)] = n
	return &utf16Index{text: text, units: units}
}

func (x *utf16Index) at(off int) int {
	off = max(0, min(off, len(x.text)))
	return x.units[off]
}
