package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dplint/dplint/diag"
)

// GitHub writes GitHub Actions workflow commands, one line per finding,
// which the runner turns into annotations:
//
//	::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=DP1005 duplicate-object-id::message
//
// (warning is ::warning, info ::notice). Lines are 1-based; columns count
// UTF-16 code units, 1-based, endColumn just past the range as in SARIF;
// GitHub takes columns only on a single line, so a range over several
// lines has none. A finding's related places follow its message as
// "note:" lines. PATH is relative to the working directory when the file
// lies below it (the runner's workspace), "/"-separated. A file that could
// not be linted is ::error file=PATH::reason. Values are escaped as
// GitHub's toolkit does. Nothing is written when there is nothing to say.
//
// For the text format's output, .github/dplint-problem-matcher.json is a
// problem matcher instead (the runner annotates only its error and warning
// lines).
func GitHub(w, _ io.Writer, run *Run, _ Options) error {
	b := newBase()
	out := bufio.NewWriterSize(w, 64<<10) // written as made: a run's commands can be megabytes
	for _, f := range run.Files {
		path, _ := b.rel(f.Path)
		for _, d := range f.Definitions {
			for _, dg := range d.Diagnostics {
				props := []string{"file=" + escapeProperty(path), "line=" + strconv.Itoa(dg.Start.Line)}
				sameLine := dg.End.Line == dg.Start.Line
				if sameLine {
					props = append(props, "col="+strconv.Itoa(utf16Column(f.Source, dg.Start)))
				}
				props = append(props, "endLine="+strconv.Itoa(dg.End.Line))
				if sameLine {
					props = append(props, "endColumn="+strconv.Itoa(utf16Column(f.Source, dg.End)))
				}
				props = append(props, "title="+escapeProperty(dg.Rule.ID+" "+dg.Rule.Name))
				msg := pipelineLabel(dg) + dg.Message
				for _, r := range dg.Related {
					msg += fmt.Sprintf("\nnote: %s:%d:%d: %s", path, r.Start.Line, utf16Column(f.Source, r.Start), r.Message)
				}
				out.WriteString(githubCommand(githubLevel(dg.Severity), props, msg))
			}
		}
		if f.Err != nil {
			out.WriteString(githubCommand("error", []string{"file=" + escapeProperty(path)}, f.Err.Error()))
		}
	}
	return out.Flush()
}

func githubLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "notice"
}

// githubCommand is one workflow command line; props are already escaped.
func githubCommand(name string, props []string, message string) string {
	return "::" + name + " " + strings.Join(props, ",") + "::" + escapeData(message) + "\n"
}

// The escapes of GitHub's toolkit, made once: a Replacer built per call
// was most of a long run's github report.
var (
	dataEscapes     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscapes = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a command's message as GitHub's toolkit does.
func escapeData(s string) string { return dataEscapes.Replace(s) }

// escapeProperty escapes a command's property value as GitHub's toolkit
// does.
func escapeProperty(s string) string { return propertyEscapes.Replace(s) }
