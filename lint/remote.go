package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dplint/dplint/diag"
)

// compare fills in how the service's answer compares with dplint's
// findings of the checks the service makes (origin service, in the
// response), matching them by list (error or warning), object id and text.
func compare(r *diag.RemoteOutcome, ds []diag.Diagnostic) {
	type message struct{ list, id, text string }
	show := func(m message) string { return fmt.Sprintf("%s on %q: %s", m.list, m.id, m.text) }
	service := map[message]bool{}
	for _, m := range r.Answer.Errors {
		service[message{"error", m.ID, m.Text}] = true
	}
	for _, m := range r.Answer.Warnings {
		service[message{"warning", m.ID, m.Text}] = true
	}
	ours := map[message]bool{}
	texts := map[string]bool{}
	for _, d := range ds {
		if d.Rule.Origin != diag.Service || d.Channel != diag.Response {
			continue
		}
		list := "warning"
		if d.Severity == diag.Error {
			list = "error"
		}
		ours[message{list, d.Object, d.Message}] = true
		texts[d.Message] = true
	}
	for m := range service {
		switch {
		case accountCheck(m.text):
			r.Account = append(r.Account, show(m))
		case !ours[m]:
			r.OnlyService = append(r.OnlyService, show(m))
			if !texts[m.text] {
				r.UnknownText = append(r.UnknownText, m.text)
			}
		}
	}
	for m := range ours {
		if !service[m] {
			r.OnlyDplint = append(r.OnlyDplint, show(m))
		}
	}
	sort.Strings(r.OnlyService)
	sort.Strings(r.OnlyDplint)
	sort.Strings(r.UnknownText)
	sort.Strings(r.Account)
}

// accountCheck tells the service's messages about the account's IAM roles:
// they depend on the account, not the definition, so dplint cannot make
// them offline and they are no disagreement.
func accountCheck(text string) bool {
	for _, p := range []string{
		"No policy attached to the role - ",
		"More than one policies attached to the role - ",
		"Invalid role '",
	} {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}
