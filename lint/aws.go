package lint

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dplint/dplint/diag"
)

// AWSOutcome says what the AWS CLI would print instead of a
// ValidatePipelineDefinition response, if anything: refusal is its error
// for a file it will not send, exception the service's exception line.
//
// The CLI works in stages and stops at the first that fails: Python's
// json.loads (the first syntax problem in the file), then its translator
// (a missing "objects" list, then the first object or parameter it cannot
// convert), then botocore's parameter validation, which reports every bad
// type and length at once, in request order, under "Parameter validation
// failed:". A client finding without a known CLI text is shown in dplint's
// words at its stage.
func AWSOutcome(ds []diag.Diagnostic) (refusal, exception string) {
	text := func(d diag.Diagnostic) string {
		if d.AWSText != "" {
			return d.AWSText
		}
		return d.Message
	}
	byStage := map[diag.Stage][]diag.Diagnostic{}
	for _, d := range ds {
		switch d.Channel {
		case diag.Client:
			st := d.AWSStage
			if st == 0 {
				st = diag.StageValidate
			}
			byStage[st] = append(byStage[st], d)
		case diag.Exception:
			if exception == "" {
				exception = text(d)
			}
		}
	}
	if json := byStage[diag.StageJSON]; len(json) > 0 {
		return text(json[0]), exception // ds is in file order: Python stops at the first
	}
	if tr := byStage[diag.StageTranslate]; len(tr) > 0 {
		sortRequestOrder(tr)
		return text(tr[0]), exception
	}
	if v := byStage[diag.StageValidate]; len(v) > 0 {
		sortRequestOrder(v)
		lines := make([]string, len(v))
		for i, d := range v {
			lines[i] = text(d)
		}
		return "Parameter validation failed:\n" + strings.Join(lines, "\n"), exception
	}
	return "", exception
}

var pathToken = regexp.MustCompile(`[A-Za-z]+|\[\d+\]`)

// memberRank is the order in which the AWS CLI builds each request
// structure (and botocore validates it): lists, then id, name, fields;
// key before value. Unknown members come after the known ones.
var memberRank = map[string]int{
	"pipelineObjects": 0, "parameterObjects": 1, "parameterValues": 2,
	"id": 0, "name": 1, "fields": 2, "attributes": 2,
	"key": 0, "stringValue": 1, "refValue": 1,
}

// sortRequestOrder orders findings by where they lie in the request: a
// structure before its members (botocore reports a structure's missing
// members first), members by rank, list items by index.
func sortRequestOrder(ds []diag.Diagnostic) {
	key := func(p string) []int {
		var k []int
		for _, tok := range pathToken.FindAllString(p, -1) {
			if strings.HasPrefix(tok, "[") {
				n, _ := strconv.Atoi(tok[1 : len(tok)-1])
				k = append(k, n)
				continue
			}
			r, ok := memberRank[tok]
			if !ok {
				r = 9
			}
			k = append(k, r)
		}
		return k
	}
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := key(ds[i].AWSPath), key(ds[j].AWSPath)
		for n := 0; n < len(a) && n < len(b); n++ {
			if a[n] != b[n] {
				return a[n] < b[n]
			}
		}
		return len(a) < len(b)
	})
}
