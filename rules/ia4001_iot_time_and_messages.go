package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
)

// IoTTimeAndMessages reports a reprocessing request that gives both a time
// range and channel messages.
var IoTTimeAndMessages = &Rule{
	Meta: Meta{
		ID: "IA4001", Name: "iot-time-and-messages", Service: diag.IoTAnalytics, Severity: diag.Error, Origin: diag.Service, Channel: diag.None,
		Summary: "a reprocessing request gives startTime or endTime and channelMessages: it takes one or the other",
		Doc: "The model's StartPipelineReprocessing: if you specify startTime (or endTime) you must not use the channelMessages object, and the converse. " +
			"Reprocess either the raw messages of a time range or the listed channel message objects.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "startTime": "2024-01-01T00:00:00Z",
 "channelMessages": {"s3Paths": ["channel/raw/__dt=2024-01-01 00:00:00/1704067200000_1704067260000_123456789012_raw_0_1.0.json.gz"]}}
`},
	Check: checkIoTTimeAndMessages,
}

func checkIoTTimeAndMessages(pass *Pass) {
	doc := pass.IoT
	if doc.Kind != iotanalytics.Reprocessing {
		return
	}
	cm := doc.Member(doc.Root, "channelMessages")
	if cm == nil {
		return
	}
	for _, name := range []string{"startTime", "endTime"} {
		m := doc.Member(doc.Root, name)
		if m == nil {
			continue
		}
		f := Finding{Start: m.KeyStart, End: m.KeyEnd, Pointer: m.Value.Pointer(),
			Message: fmt.Sprintf("%s and channelMessages cannot both be given: reprocess a time range or the listed messages", name)}
		f.Related = append(f.Related, pass.Related(cm.KeyStart, cm.KeyEnd, "channelMessages"))
		pass.Report(iotException(doc, f, ""))
	}
}
