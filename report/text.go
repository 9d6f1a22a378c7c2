package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGrey   = "\x1b[90m"
)

// Text writes "file:line:col: severity: message [ID name]" per finding,
// then (unless Oneline) the source line with a caret underline. Columns are
// 1-based bytes, like Go and gcc. Files that could not be linted are not
// repeated here: the command reports them on stderr.
func Text(w, _ io.Writer, run *Run, opt Options) error {
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return code + s + ansiReset
	}
	// Written as it is made: a run's report can be megabytes, and building
	// it whole first cost its pages and copies (a tenth of the time of
	// a corpus x20 lint on two cores, where the report runs alone).
	b := bufio.NewWriterSize(w, 64<<10)
	counts := map[diag.Severity]int{}
	colors := map[diag.Severity]string{diag.Error: ansiRed, diag.Warning: ansiYellow, diag.Info: ansiBlue}
	for _, f := range run.Files {
		for _, d := range f.Definitions {
			for _, dg := range d.Diagnostics {
				counts[dg.Severity]++
				sevColor := colors[dg.Severity]
				heading(b, dg, opt.Color, sevColor)
				if !opt.Oneline && f.Source != nil {
					snippet(b, f.Source, f.Secrets, dg.Start, dg.End, paint, sevColor)
					for _, r := range dg.Related {
						fmt.Fprintf(b, "  %s %s:%d:%d: %s\n", paint(ansiGrey, "note:"), dg.File, r.Start.Line, r.Start.Column, r.Message)
					}
					for _, fd := range dg.Folded {
						at := "" // a folded finding elsewhere (a field it says is missing) gives its place
						if fd.Start != dg.Start {
							at = fmt.Sprintf("%s:%d:%d: ", fd.File, fd.Start.Line, fd.Start.Column)
						}
						fmt.Fprintf(b, "  %s %s%s: %s %s\n", paint(ansiGrey, "note:"), at, fd.Severity, fd.Message, paint(ansiGrey, "["+fd.Rule.ID+" "+fd.Rule.Name+"]"))
					}
					if fx := dg.Fix; fx != nil {
						fmt.Fprintf(b, "  %s %s (replace with %s)\n", paint(ansiGrey, "fix:"), fx.Message, fx.NewText)
					}
				}
			}
		}
	}
	if !opt.Oneline {
		files, failed := 0, 0
		for _, f := range run.Files {
			if len(f.Definitions) > 0 {
				files++
			}
			if f.Err != nil {
				failed++
			}
		}
		// A count of findings alone would read as a clean bill for a file
		// that could not be checked in full (unreadable, or remote mode's
		// call failed): say so on the same line.
		incomplete := ""
		if failed > 0 {
			incomplete = fmt.Sprintf("; %d %s not checked in full (see the errors above)", failed, map[bool]string{true: "file", false: "files"}[failed == 1])
		}
		fmt.Fprintf(b, "%s, %s, %s in %d %s%s\n",
			plural(counts[diag.Error], "error"), plural(counts[diag.Warning], "warning"), plural(counts[diag.Info], "info"),
			files, map[bool]string{true: "file", false: "files"}[files == 1], incomplete)
	}
	return b.Flush()
}

// mask returns line n with every secret on it shown as "****" (the
// string's quotes kept). Columns before a secret keep their place, so the
// carets still point right on the masked line; after one they may shift,
// which is the price of never printing a password.
func mask(f *source.File, secrets [][2]int, n int) string {
	line, _ := maskLine(f, secrets, n)
	return line
}

// maskLine is mask, and where each byte column of the line as written is
// in the masked line (a secret's text becomes "****", whatever its length,
// so carets after it move).
func maskLine(f *source.File, secrets [][2]int, n int) (string, func(int) int) {
	line := f.LineText(n)
	if len(secrets) == 0 {
		return line, func(c int) int { return c }
	}
	lineStart := f.LineStart(n)
	var out strings.Builder
	type cut struct{ a, z int }
	var cuts []cut
	pos := 0
	for _, s := range secrets {
		a, z := s[0]-lineStart, s[1]-lineStart // the text, quotes excluded
		if z <= 0 || a >= len(line) {
			continue
		}
		a, z = max(a, pos), min(z, len(line))
		if a >= z {
			continue
		}
		out.WriteString(line[pos:a])
		out.WriteString("****")
		cuts = append(cuts, cut{a, z})
		pos = z
	}
	out.WriteString(line[pos:])
	col := func(c int) int {
		shift := 0
		for _, k := range cuts {
			switch {
			case c >= k.z:
				shift += k.z - k.a - 4
			case c > k.a:
				return k.a - shift + min(c-k.a, 4)
			}
		}
		return c - shift
	}
	return out.String(), col
}

// heading writes a finding's first line, "file:line:col: severity:
// message [ID name]", piece by piece: it is most of a long report.
func heading(b *bufio.Writer, dg diag.Diagnostic, color bool, sevColor string) {
	var num [20]byte
	if color {
		b.WriteString(ansiBold)
	}
	b.WriteString(dg.File)
	b.WriteByte(':')
	b.Write(strconv.AppendInt(num[:0], int64(dg.Start.Line), 10))
	b.WriteByte(':')
	b.Write(strconv.AppendInt(num[:0], int64(dg.Start.Column), 10))
	b.WriteByte(':')
	if color {
		b.WriteString(ansiReset)
		b.WriteByte(' ')
		b.WriteString(sevColor)
	} else {
		b.WriteByte(' ')
	}
	b.WriteString(dg.Severity.String())
	b.WriteByte(':')
	if color {
		b.WriteString(ansiReset)
	}
	b.WriteByte(' ')
	b.WriteString(pipelineLabel(dg))
	b.WriteString(dg.Message)
	b.WriteByte(' ')
	if color {
		b.WriteString(ansiGrey)
	}
	b.WriteByte('[')
	b.WriteString(dg.Rule.ID)
	b.WriteByte(' ')
	b.WriteString(dg.Rule.Name)
	b.WriteByte(']')
	if color {
		b.WriteString(ansiReset)
	}
	b.WriteByte('\n')
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// snippet prints the start line of a range, cut to a window around it,
// with carets under the range (to the end of the line when the range spans
// lines), aligned by display width.
func snippet(b io.Writer, f *source.File, secrets [][2]int, start, end source.Position, paint func(string, string) string, color string) {
	line, col := maskLine(f, secrets, start.Line)
	from := min(col(start.Column-1), len(line))
	to := len(line)
	if end.Line == start.Line {
		to = min(col(end.Column-1), len(line))
	}
	to = max(to, from)
	shown, sFrom, sTo := window(line, from, to)
	gutter := fmt.Sprintf("%5d | ", start.Line)
	fmt.Fprintf(b, "%s%s\n", paint(ansiGrey, gutter), shown)
	pad, carets := caretLine(shown, sFrom, sTo)
	fmt.Fprintf(b, "%s%s%s\n", paint(ansiGrey, strings.Repeat(" ", len(gutter)-2)+"| "), pad, paint(color, strings.Repeat("^", carets)))
}
