package rules

import (
	"fmt"
	"time"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
	"github.com/dplint/dplint/source"
)

// IoTTimeOrder reports a reprocessing range whose start is not before its
// end.
var IoTTimeOrder = &Rule{
	Meta: Meta{
		ID: "IA4004", Name: "iot-time-order", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Lint, Channel: diag.None,
		Summary: "a reprocessing request's startTime is not before its endTime",
		Doc: "The model: startTime is inclusive, endTime exclusive, so a start at or after the end selects no message. " +
			"Checked when both are epoch seconds or ISO 8601 (a time without a zone is UTC, as botocore reads it).",
	},
	Example: Example{Input: `{"pipelineName": "p1", "startTime": "2024-03-01T00:00:00Z", "endTime": "2024-02-01T00:00:00Z"}
`},
	Check: checkIoTTimeOrder,
}

func checkIoTTimeOrder(pass *Pass) {
	doc := pass.IoT
	if doc.Kind != iotanalytics.Reprocessing {
		return
	}
	start, end := doc.Get(doc.Root, "startTime"), doc.Get(doc.Root, "endTime")
	s, okS := iotTime(start)
	e, okE := iotTime(end)
	if !okS || !okE || s.Before(e) {
		return
	}
	f := Finding{Start: start.Start, End: start.End, Pointer: start.Pointer(),
		Message: fmt.Sprintf("startTime (%s) is not before endTime (%s): the range holds no message", s.UTC().Format(time.RFC3339Nano), e.UTC().Format(time.RFC3339Nano))}
	f.Related = append(f.Related, pass.Related(end.Start, end.End, "endTime"))
	pass.Report(f)
}

// iotTime reads a timestamp value written as epoch seconds or ISO 8601.
func iotTime(n *source.Node) (time.Time, bool) {
	if n == nil || n.Kind != source.String && n.Kind != source.Number {
		return time.Time{}, false
	}
	t, verdict, _ := iotanalytics.ParseTime(n.Text)
	return t, verdict == iotanalytics.TimeOK
}
