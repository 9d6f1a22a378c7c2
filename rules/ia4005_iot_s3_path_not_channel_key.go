package rules

import (
	"fmt"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/iotanalytics"
)

// IoTS3PathNotChannelKey reports an S3 path that does not look like the
// full key of a channel message object.
var IoTS3PathNotChannelKey = &Rule{
	Meta: Meta{
		ID: "IA4005", Name: "iot-s3-path-not-channel-key", Service: diag.IoTAnalytics, Severity: diag.Warning, Origin: diag.Lint, Channel: diag.None,
		Summary: "an S3 path of channelMessages does not look like a channel message key (channel/<channel>/__dt=YYYY-MM-DD HH:MM:SS/<file>)",
		Doc: "The model: you must use the full path for the key, as in channel/mychannel/__dt=2020-02-29 00:00:00/<file>. " +
			"A prefix, a folder or a bare file name names no message object. A customer-managed channel's key prefix (ending in /) may come first.",
	},
	Example: Example{Input: `{"pipelineName": "p1", "channelMessages": {"s3Paths": ["channel/raw/1704067200000_1704067260000_123456789012_raw_0_1.0.json.gz"]}}
`},
	Check: checkIoTS3PathNotChannelKey,
}

func checkIoTS3PathNotChannelKey(pass *Pass) {
	doc := pass.IoT
	iotWalk(pass, func(v iotanalytics.Value) {
		if v.Shape != iotanalytics.S3PathChannelMessage || !v.Node.IsString() || v.Node.Text == "" || iotanalytics.ChannelKey(v.Node.Text) {
			return
		}
		pass.Report(iotValueFinding(pass, v, fmt.Sprintf("%s does not look like a channel message key (channel/<channel>/__dt=YYYY-MM-DD HH:MM:SS/<file>)", iotWhat(doc, v))))
	})
}
