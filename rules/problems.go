package rules

// The readers' problems: what the JSON reader (source) and the template
// readers (cfn, terraform) found wrong with a file, reported by the rules
// of area 0 and area 9 under their own ids.

import (
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/internal/pyjson"
	"github.com/dplint/dplint/source"
)

// reportReaderProblems reports the JSON reader's problems of some kinds.
func reportReaderProblems(pass *Pass, kinds ...source.ProblemKind) {
	f := pass.File
	for _, p := range f.Problems {
		for _, k := range kinds {
			if p.Kind != k {
				continue
			}
			fd := Finding{Object: pass.ownerAt(p.Start), Start: p.Start, End: p.End, Message: p.Message}
			if p.CLIMessage != "" {
				fd.AWSText = p.CLIMessage + ": " + pyjson.Position(f.Content, cliOffset(p))
				fd.AWSStage = diag.StageJSON
			}
			if n := pass.nodeAt(p.Start); n != nil {
				fd.Pointer = n.Pointer()
			}
			if p.Other >= 0 {
				label := "the value that wins"
				if p.Kind == source.TrailingComma {
					label = "closing bracket"
				}
				fd.Related = append(fd.Related, pass.Related(p.Other, p.OtherEnd, label))
			}
			pass.Report(fd)
		}
	}
}

// cliOffset is where Python's json module places the error: after a
// trailing comma it points at the closing bracket, otherwise at the problem.
func cliOffset(p source.Problem) int {
	if p.Kind == source.TrailingComma && p.Other >= 0 {
		return p.Other
	}
	return p.Start
}

// reportEmbeddedProblems reports the template reader's problems filed
// under the pass's rule id.
func reportEmbeddedProblems(pass *Pass) {
	e := pass.Def.Embedded
	if e == nil {
		return
	}
	r := pass.Rule()
	for _, p := range e.Problems {
		if p.Rule != r.ID {
			continue
		}
		fd := Finding{Object: p.Object, Start: p.Start, End: p.End, Message: p.Message, Leaves: p.Leaves}
		if n := pass.nodeAt(p.Start); n != nil {
			fd.Pointer = n.Pointer()
		}
		if r.Channel == diag.Client {
			// Nothing is deployed from a file that cannot be read:
			// --format aws prints this instead of a response.
			fd.AWSStage = diag.StageJSON
		}
		if p.Fix != nil {
			fd.Fix = &Fix{Message: p.Fix.Message, Start: p.Start, End: p.End, NewText: p.Fix.NewText}
		}
		pass.Report(fd)
	}
}
