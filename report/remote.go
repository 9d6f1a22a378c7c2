package report

import (
	"fmt"
	"io"

	"github.com/dplint/dplint/diag"
)

// RemoteComparison writes, for remote mode, how the service's answer for
// one definition of the file at path compares with dplint's findings (or
// why there is no answer), as lines for stderr: "the service and dplint
// agree", or "disagree" and what only each side said, with every message
// whose text dplint does not know; the account checks only the service
// makes come first.
func RemoteComparison(w io.Writer, path string, d *diag.Definition) {
	r := d.Remote
	if r == nil {
		return
	}
	label := path
	if d.Name != "" && d.Name != path {
		label += " (" + d.Name + ")"
	}
	if r.Answer == nil {
		if r.Note != "" {
			fmt.Fprintf(w, "dplint: remote: %s: %s\n", label, r.Note)
		}
		return
	}
	for _, s := range r.Account {
		fmt.Fprintf(w, "dplint: remote: %s: an account check only the service makes: %s\n", label, s)
	}
	if r.Agree() {
		fmt.Fprintf(w, "dplint: remote: %s: the service and dplint agree\n", label)
		return
	}
	fmt.Fprintf(w, "dplint: remote: %s: the service and dplint disagree\n", label)
	for _, s := range r.OnlyService {
		fmt.Fprintf(w, "  the service said, dplint did not: %s\n", s)
	}
	for _, s := range r.OnlyDplint {
		fmt.Fprintf(w, "  dplint said (a check the service makes), the service did not: %s\n", s)
	}
	for _, s := range r.UnknownText {
		fmt.Fprintf(w, "  a message dplint does not know yet, verbatim: %q\n", s)
	}
}
