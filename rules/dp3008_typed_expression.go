package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/expr"
	"github.com/dplint/dplint/internal/evalenv"
	"github.com/dplint/dplint/schema/catalog"
)

// TypedExpression checks what expressions in typed fields evaluate to.
var TypedExpression = &Rule{
	Meta: Meta{
		ID: "DP3008", Name: "typed-expression", Severity: diag.Error, Origin: diag.Service,
		Summary: "a typed field (period, datetime, number, boolean, enumeration) holds an expression whose value, known offline, is not of that kind",
		Doc: "Where an expression's value can be known offline (parameter values and defaults, literals, other fields), dplint evaluates it " +
			"and checks the result like a literal, reporting the expression and its value. Values that need a run (node., most @ fields) are not checked.",
	},
	Example: Example{Build: func() string {
		return `{"objects": [` + `{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"}` +
			`, {"id": "Daily", "type": "Schedule", "period": "#{myPeriod}", "startDateTime": "#{myStart}"}], "parameters": [{"id": "myPeriod", "type": "String"}, {"id": "myStart", "type": "String"}], "values": {"myPeriod": "daily", "myStart": "2026-01-01T00:00:00"}}` + "\n"
	}},
	Requires: needsGraph,
	Check:    checkTypedExpression,
}

func checkTypedExpression(pass *Pass) {
	g, cat := pass.Graph(), pass.Catalog()
	ty := pass.Typing()
	now := pass.Options.Now
	if now.IsZero() {
		now = time.Now().UTC().Truncate(time.Hour)
	}
	for _, o := range g.Def.Objects {
		env := &evalenv.Env{G: g, Cat: cat, Object: o, At: now, Params: pass.Options.Values, OnlyParams: pass.Options.Values != nil}
		for _, f := range o.Fields {
			sf := ty.field(o, f.Key)
			if sf == nil || sf.ReadOnly() || sf.Kind == catalog.KindString || sf.Kind == catalog.KindRef || isUserField(f.Key) {
				continue
			}
			for _, v := range f.Values {
				if v.Kind != definition.Str || !expr.HasExpr(v.Text) || strings.Contains(v.Text, "${") {
					continue
				}
				t, errs := expr.ParseTemplate(v.Text)
				if len(errs) > 0 {
					continue // DP3001
				}
				got, err := expr.EvalTemplate(t, env)
				if err != nil || strings.Contains(got, evalenv.Mask) || expr.HasExpr(got) || strings.Contains(got, "${") {
					// Unknown offline, an error other rules report, a value
					// that is itself a template, or one that still holds a
					// host's placeholder (Terraform's templatefile, a
					// CloudFormation parameter): unknown, not wrong.
					continue
				}
				if problem := kindProblem(sf, f.Key, g.Type(o), got); problem != "" {
					pass.Report(valueFinding(o, v, fmt.Sprintf("%s is %s, which gives %s: %s", quote(f.Key), quote(v.Text), quote(got), problem)))
				}
			}
		}
	}
}

// kindProblem says what is wrong with a value for a field's kind, or "".
func kindProblem(sf *catalog.Field, key, typ, s string) string {
	switch sf.Kind {
	case catalog.KindPeriod:
		if period().FindStringSubmatch(s) == nil {
			return "not a period such as '15 minutes' or '1 day'"
		}
	case catalog.KindDateTime:
		if _, ok := parseDatetime(s); !ok {
			return "not a date and time in the form YYYY-MM-DDTHH:MM:SS"
		}
	case catalog.KindInteger:
		if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil {
			return "not an integer"
		}
	case catalog.KindDouble:
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return "not a number"
		}
	case catalog.KindBoolean:
		if !strings.EqualFold(s, "true") && !strings.EqualFold(s, "false") {
			return "not true or false"
		}
	case catalog.KindEnum:
		for _, allowed := range sf.Values {
			if s == allowed || (!sf.CaseSensitive && strings.EqualFold(s, allowed)) {
				return ""
			}
		}
		return "not " + listOf(sf.Values)
	}
	return ""
}
