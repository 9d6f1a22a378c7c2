package rules

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// ByteOrderMark reports a UTF-8 BOM at the start of the file.
var ByteOrderMark = &Rule{
	Meta: Meta{
		ID: "DP0003", Name: "byte-order-mark", Severity: diag.Error, Origin: diag.Lint, Channel: diag.Client,
		Summary: "the file starts with a UTF-8 byte order mark, which the AWS CLI refuses",
		Doc:     "Save the file as UTF-8 without a BOM. The AWS CLI fails with \"Unexpected UTF-8 BOM\".",
	},
	Example: Example{Build: func() string { return "\ufeff" + example() }},
	Check:   checkByteOrderMark,
}

func checkByteOrderMark(pass *Pass) { reportReaderProblems(pass, source.ByteOrderMark) }
