package rules

import (
	"fmt"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTExpressionSyntax reports a filter or math expression that is
// certainly malformed.
var IoTExpressionSyntax = &Rule{
	Meta: Meta{
		ID: "IA3001", Name: "iot-expression-syntax", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a filter or math expression is blank, leaves a quote open, or its parentheses do not match",
		Doc: "The model documents a filter only as \"an expression that looks like a SQL WHERE clause\" and math as one that \"must return an integer\", with no grammar. " +
			"dplint checks only what holds in any such language: the expression is not blank, every ' or \" quote is closed (a doubled quote stands for itself), " +
			"and parentheses outside quotes match. Lengths are IA7001's.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "pipelineActivities": [
  {"channel": {"name": "in", "channelName": "raw", "next": "keep"}},
  {"filter": {"name": "keep", "filter": "(temp > 20 AND site = 'north'", "next": "out"}},
  {"datastore": {"name": "out", "datastoreName": "store"}}
]}
`},
	Check: checkIoTExpressionSyntax,
}

func checkIoTExpressionSyntax(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape != iotanalytics.FilterExpression && v.Shape != iotanalytics.MathExpression || !v.Node.IsString() {
			return
		}
		text := v.Node.Text
		if text != "" && strings.TrimSpace(text) == "" {
			pass.Report(iotValueFinding(pass, v, fmt.Sprintf("the %s expression is blank", iotWhat(doc, v))))
			return
		}
		at, what := iotanalytics.Balance(text)
		if at < 0 {
			return
		}
		f := iotValueFinding(pass, v, fmt.Sprintf("the %s expression is malformed: %s", iotWhat(doc, v), what))
		if m := source.StringOffsets(pass.File.Content, v.Node); m != nil && at < len(m)-1 {
			f.Start, f.End = m[at], m[at+1]
		}
		pass.Report(f)
	})
}
