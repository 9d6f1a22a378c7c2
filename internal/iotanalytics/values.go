package iotanalytics

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Timestamps. The AWS CLI hands --cli-input-json's startTime and endTime to
// botocore, which reads a number (or a numeric string) as seconds since
// the epoch and any other string with dateutil's parser, a very lenient
// one ("Monday", "2020/01/02" both read). Only what is certain is judged:
// epoch seconds and ISO 8601 are read here; an ISO 8601 date whose month,
// day or time is out of range, and an empty string, are refused by
// dateutil too; any other text is neither accepted nor refused for sure.

// TimeVerdict is what is known of a timestamp's text.
type TimeVerdict uint8

// The verdicts.
const (
	// TimeOK: epoch seconds or ISO 8601, read into Time.
	TimeOK TimeVerdict = iota + 1
	// TimeRefused: the AWS CLI cannot read it.
	TimeRefused
	// TimeUnsure: some other text, which dateutil may or may not read.
	TimeUnsure
)

var (
	epochText = lazyRegexp(`^\s*-?\d+(\.\d+)?\s*$`)
	isoText   = lazyRegexp(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$`)
)

// ParseTime reads a timestamp's string form: the time, or why not.
func ParseTime(s string) (time.Time, TimeVerdict, string) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, TimeRefused, "it is empty"
	}
	if epochText().MatchString(s) {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || f > 1e11 || f < -1e11 {
			return time.Time{}, TimeUnsure, ""
		}
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), TimeOK, ""
	}
	m := isoText().FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, TimeUnsure, ""
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	year, month, day := num(1), num(2), num(3)
	hour, minute, sec := num(4), num(5), num(6)
	switch {
	case month < 1 || month > 12:
		return time.Time{}, TimeRefused, "its month must be 1-12"
	case day < 1 || day > daysIn(year, month):
		return time.Time{}, TimeRefused, fmt.Sprintf("its day is out of range for %04d-%02d", year, month)
	case hour > 23:
		return time.Time{}, TimeRefused, "its hour must be 0-23"
	case minute > 59:
		return time.Time{}, TimeRefused, "its minute must be 0-59"
	case sec > 59:
		return time.Time{}, TimeRefused, "its second must be 0-59"
	}
	var nanos int
	if m[7] != "" {
		frac := (m[7][1:] + "000000000")[:9]
		nanos, _ = strconv.Atoi(frac)
	}
	loc := time.UTC // botocore reads a time without a zone as UTC
	if z := m[8]; z != "" && z != "Z" {
		z = strings.ReplaceAll(z, ":", "")
		h, _ := strconv.Atoi(z[1:3])
		mi, _ := strconv.Atoi(z[3:5])
		off := h*3600 + mi*60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone(z, off)
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nanos, loc), TimeOK, ""
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// channelKey is the documented full key of a channel's message object:
// channel/<channel>/__dt=YYYY-MM-DD HH:MM:SS/<file>, after the channel's
// key prefix when its storage is customer-managed (the model's S3KeyPrefix
// pattern, which ends in "/").
var channelKey = lazyRegexp(`^(?:[a-zA-Z0-9!_.*'()/{}:-]*/)?channel/[a-zA-Z0-9_]+/__dt=\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/[^/]+$`)

// ChannelKey reports whether an S3 path looks like a channel message key.
func ChannelKey(s string) bool { return channelKey().MatchString(s) }

// Balance finds what is certainly wrong with a filter or math expression,
// whose language the model does not define ("like a SQL WHERE clause"):
// a quote (' or ", doubled to escape itself) that is not closed, a
// parenthesis outside quotes that is not matched. It returns the byte
// offset in s of the first such mistake and what it is, or -1.
func Balance(s string) (int, string) {
	var open []int // offsets of open parentheses
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			j := i + 1
			for {
				k := strings.IndexByte(s[j:], c)
				if k < 0 {
					return i, fmt.Sprintf("the quote %c is not closed", c)
				}
				j += k + 1
				if j < len(s) && s[j] == c {
					j++ // a doubled quote stands for itself
					continue
				}
				break
			}
			i = j - 1
		case '(':
			open = append(open, i)
		case ')':
			if len(open) == 0 {
				return i, "this ) closes no parenthesis"
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		return open[len(open)-1], "this ( is not closed"
	}
	return -1, ""
}
