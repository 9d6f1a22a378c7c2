package iotanalytics

import (
	"strconv"
	"testing"
	"time"

	"github.com/dplint/dplint/internal/testenv"
	"github.com/dplint/dplint/source"
)

var timeSamples = []string{
	"2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01T10:20:30.25+01:00", "2024-01-01 10:20", "2024-02-29T00:00:00-0530",
	"1704067200", "1704067200.5", " 12 ", "-5",
	"2024-13-01", "2024-02-30", "2023-02-29", "2024-01-01T24:00:00", "2024-01-01T10:60", "2024-01-01T10:00:61", "", "   ",
	"01/02/2024", "Monday", "January 2, 2024", "now", "yesterday", "2024-1-1",
}

// TestParseTimeAgainstBotocore: what dplint reads as a time botocore reads
// as the same instant, and what dplint refuses botocore refuses; the text
// it is unsure of it makes no claim about.
func TestParseTimeAgainstBotocore(t *testing.T) {
	inputs := make([][]byte, len(timeSamples))
	for i, s := range timeSamples {
		inputs[i] = []byte(s)
	}
	answers := testenv.PythonEach(t, `
try:
    from botocore.utils import parse_to_aware_datetime
except ImportError:
    parse_to_aware_datetime = None
def run(data):
    if parse_to_aware_datetime is None:
        return 'NO-BOTOCORE'
    try:
        return '%.3f' % parse_to_aware_datetime(data.decode()).timestamp()
    except Exception:
        return 'REFUSED'
`, inputs)
	for i, s := range timeSamples {
		got := *answers[i]
		if got == "NO-BOTOCORE" {
			testenv.Missing(t, "botocore (the AWS CLI's) is not importable by python3; .ci/run installs the AWS CLI")
		}
		tm, verdict, why := ParseTime(s)
		switch verdict {
		case TimeOK:
			want, err := strconv.ParseFloat(got, 64)
			if err != nil {
				t.Errorf("%q: dplint reads %v, botocore refuses it", s, tm)
				continue
			}
			if d := float64(tm.UnixMilli())/1000 - want; d > 0.001 || d < -0.001 {
				t.Errorf("%q: dplint reads %v, botocore %.3f", s, tm, want)
			}
		case TimeRefused:
			if got != "REFUSED" {
				t.Errorf("%q: dplint refuses it (%s), botocore reads %s", s, why, got)
			}
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, c := range []struct {
		in   string
		want TimeVerdict
		at   time.Time
	}{
		{"2024-01-01T01:00:00+01:00", TimeOK, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2024-01-01", TimeOK, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"1704067200", TimeOK, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2024-02-30", TimeRefused, time.Time{}},
		{"", TimeRefused, time.Time{}},
		{"Monday", TimeUnsure, time.Time{}},
	} {
		at, v, _ := ParseTime(c.in)
		if v != c.want || !at.Equal(c.at) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v, %v", c.in, at, v, c.at, c.want)
		}
	}
}

func TestBalance(t *testing.T) {
	for _, c := range []struct {
		in string
		at int
	}{
		{"a > 1", -1},
		{"(a > 1) AND (b < 2)", -1},
		{"site = 'it''s' AND x = \"(\"", -1},
		{"(a > 1", 0},
		{"a > 1)", 5},
		{"site = 'north", 7},
		{"((a)", 0},
		{`x = "a""b`, 4},
	} {
		if at, _ := Balance(c.in); at != c.at {
			t.Errorf("Balance(%q) = %d, want %d", c.in, at, c.at)
		}
	}
}

func TestChannelKey(t *testing.T) {
	for s, want := range map[string]bool{
		"channel/raw/__dt=2024-01-01 00:00:00/1_2_3_raw_0_1.0.json.gz": true,
		"prefix/sub/channel/raw/__dt=2024-01-01 00:00:00/file.json":    true,
		"channel/raw/file.json":                    false,
		"channel/raw/__dt=2024-01-01 00:00:00/":    false,
		"channel/raw-x/__dt=2024-01-01 00:00:00/f": false,
		"raw/__dt=2024-01-01 00:00:00/f":           false,
		"channel/raw/__dt=2024-01-01T00:00:00/f":   false,
		"channel/raw/__dt=2024-01-01 00:00:00/f/g": false,
	} {
		if ChannelKey(s) != want {
			t.Errorf("ChannelKey(%q) = %v", s, !want)
		}
	}
}

func TestDetect(t *testing.T) {
	for text, want := range map[string]Kind{
		`{"pipelineName": "p", "pipelineActivities": []}`:                  Pipeline,
		`{"pipelineName": "p", "pipelineActivities": [], "other": 1}`:      Pipeline,
		`{"pipelineName": "p", "startTime": 1}`:                            Reprocessing,
		`{"pipelineName": "p", "channelMessages": {}}`:                     Reprocessing,
		`{"pipelineName": "p"}`:                                            0,
		`{"pipelineName": "p", "startTime": 1, "x": 2}`:                    0,
		`{"pipelineActivities": []}`:                                       0,
		`{"objects": [], "pipelineName": "p", "startTime": 1, "extra": 1}`: 0,
		`[{"pipelineName": "p", "startTime": 1}]`:                          0,
	} {
		if got := Detect(source.Parse("f.json", []byte(text)).Root); got != want {
			t.Errorf("Detect(%s) = %v, want %v", text, got, want)
		}
	}
}

func TestCoralPath(t *testing.T) {
	for in, want := range map[string]string{
		"pipelineName":                              "pipelineName",
		"pipelineActivities[0].lambda.batchSize":    "pipelineActivities.1.member.lambda.batchSize",
		"channelMessages.s3Paths[9]":                "channelMessages.s3Paths.10.member",
		"pipelineActivities[1].addAttributes.attrs": "pipelineActivities.2.member.addAttributes.attrs",
	} {
		if got := CoralPath(in); got != want {
			t.Errorf("CoralPath(%q) = %q, want %q", in, got, want)
		}
	}
}
