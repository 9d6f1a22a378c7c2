package rules

// Placement of findings: a check writes a Finding in the file's bytes and
// the model's terms; Report turns it into what the driver receives, a
// go/analysis Diagnostic with positions in the pass's token.File and the
// Placement the Diagnostic has no room for.

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/diag"
	"github.com/dplint/dplint/source"
)

// Finding is one report as a check writes it.
type Finding struct {
	Object     string // owning object or parameter id ("" for the file)
	Start, End int    // byte range
	// Pointer is the place as a JSON Pointer; a finding that names its
	// node in At instead has the pointer written only when an output
	// asks for it (Placement.PointerOf): the language server never
	// shows one, and writing them was a twentieth of a findings-heavy
	// lint.
	Pointer string
	At      *source.Node
	Message string
	// AWSText is what the AWS CLI or the service prints instead (client
	// refusals, exceptions); AWSStage and AWSPath place a client refusal
	// among the CLI's stages and in the request.
	AWSText  string
	AWSStage diag.Stage
	AWSPath  string
	Channel  diag.Channel // overrides the rule's channel for this finding
	Related  []analysis.RelatedInformation
	// Missing names the fields whose absence the finding reports, and
	// Leaves the field a mistake leaves unset (a misspelt field name):
	// the second explains the first (diag.Diagnostic).
	Missing []string
	Leaves  string
	Fix     *Fix
}

// Fix is one edit that repairs a finding: the bytes Start..End become
// NewText.
type Fix struct {
	Message    string
	Start, End int
	NewText    string
}

// Placement is what the driver needs of a finding beyond
// analysis.Diagnostic.
type Placement struct {
	Object  string // object or parameter id, "" for the file itself
	Pointer string // JSON Pointer in the file as written, or "" with At set
	At      *source.Node
	// Rare holds what few findings carry; nil for the others. Kept inline,
	// its fields made every finding 88 bytes bigger (a findings-heavy
	// definition's rules hold hundreds of thousands).
	Rare *Rare
}

// PointerOf is the placement's JSON Pointer in the file as written.
func (pl *Placement) PointerOf() string {
	if pl.Pointer == "" && pl.At != nil {
		return pl.At.Pointer()
	}
	return pl.Pointer
}

// Rare is the part of a placement that few findings set.
type Rare struct {
	AWSText string
	// AWSStage and AWSPath, for client refusals: the AWS CLI's stage and
	// botocore's parameter path.
	AWSStage diag.Stage
	AWSPath  string
	Channel  diag.Channel // overrides the rule's channel when set
	Missing  []string
	Leaves   string
}

// Placed is one finding as the driver receives it, in the result of the
// rule's analyzer.
type Placed struct {
	analysis.Diagnostic
	Placement
}

// Report records a finding. A finding without an owner or a pointer gets
// those of the place it covers; in a template's pipeline the pointer is
// the template's, and a value dplint worked out from the template (a
// parameter's Default) is named in the message.
func (p *Pass) Report(f Finding) {
	if f.Object == "" {
		f.Object = p.ownerAt(f.Start)
	}
	if f.Pointer == "" && f.At == nil {
		f.At = p.nodeAt(f.Start)
	}
	msg := f.Message
	if e := p.Def.Embedded; e != nil {
		// The template's own pointer, written now: the built tree's
		// nodes are not the template's.
		if f.Pointer == "" && f.At != nil {
			f.Pointer = p.embeddedNodePointer(f.At)
		} else {
			f.Pointer = p.embeddedPointer(f.Pointer)
		}
		f.At = nil
		for _, r := range e.Resolved {
			if f.Start >= r.Start && f.Start < r.End {
				msg += " (" + r.Note + ")"
				break
			}
		}
	}
	d := analysis.Diagnostic{Pos: p.pos(f.Start), End: p.pos(f.End), Message: msg, Related: f.Related}
	if f.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: f.Fix.Message, TextEdits: []analysis.TextEdit{{
			Pos: p.pos(f.Fix.Start), End: p.pos(f.Fix.End), NewText: []byte(f.Fix.NewText)}}}}
	}
	pl := Placement{Object: f.Object, Pointer: f.Pointer, At: f.At}
	if f.AWSText != "" || f.AWSStage != 0 || f.AWSPath != "" || f.Channel != "" || f.Missing != nil || f.Leaves != "" {
		pl.Rare = &Rare{AWSText: f.AWSText, AWSStage: f.AWSStage, AWSPath: f.AWSPath, Channel: f.Channel,
			Missing: f.Missing, Leaves: f.Leaves}
	}
	p.found.add(Placed{Diagnostic: d, Placement: pl})
}

// Related builds a related-place entry for a byte range.
func (p *Pass) Related(start, end int, msg string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: p.pos(start), End: p.pos(end), Message: msg}
}

// pos is a byte offset as a token.Pos of the file, clamped to it.
func (p *Pass) pos(off int) token.Pos {
	return p.Tok.Pos(min(max(off, 0), p.Tok.Size()))
}

// keyFinding places a finding on a field's key.
func keyFinding(o *definition.Object, f *definition.Field, msg string) Finding {
	if f.At == nil {
		return Finding{Object: o.ID, Start: f.KeyStart, End: f.KeyEnd, Message: msg}
	}
	return Finding{Object: o.ID, Start: f.KeyStart, End: f.KeyEnd, At: f.At, Message: msg}
}

// anchorFinding places a finding on an object as a whole (its id).
func anchorFinding(o *definition.Object, msg string) Finding {
	a := o.Anchor()
	return Finding{Object: o.ID, Start: a.Start, End: a.End, At: a, Message: msg}
}

// missingFinding places, on an object as a whole, a finding that fields
// are missing (a misspelt one explains it: diag.Diagnostic.Missing).
func missingFinding(o *definition.Object, msg string, fields ...string) Finding {
	f := anchorFinding(o, msg)
	f.Missing = fields
	return f
}

// valueFinding places a finding on one value.
func valueFinding(o *definition.Object, v *definition.Value, msg string) Finding {
	return Finding{Object: o.ID, Start: v.Node.Start, End: v.Node.End, At: v.Node, Message: msg}
}

// nodeFinding places a finding on a node owned by an object or parameter.
func nodeFinding(owner string, n *source.Node, msg string) Finding {
	return Finding{Object: owner, Start: n.Start, End: n.End, At: n, Message: msg}
}

// paramFinding places a finding on a parameter as a whole (its id).
func paramFinding(p *definition.Parameter, msg string) Finding {
	n := p.Node
	if p.IDNode != nil {
		n = p.IDNode
	}
	return nodeFinding(p.ID, n, msg)
}

// valueEntry is the node a parameter value is written as: in the CLI
// form, the member of "values" (an array of values as a whole, not its
// first element); in the API form, the value object.
func valueEntry(v *definition.ParamValue) *source.Node {
	n := v.Value.Whole
	if p := n.Parent(); v.IDNode == nil && p != nil && p.Kind == source.Array {
		return p
	}
	return n
}

// idFinding places a finding on the object or parameter an id names (the
// service's answers name only ids), else on the objects list.
func idFinding(d *definition.Definition, id, msg string) Finding {
	for _, o := range d.Objects {
		if o.ID == id {
			return anchorFinding(o, msg)
		}
	}
	for _, p := range d.Parameters {
		if p.ID == id {
			return paramFinding(p, msg)
		}
	}
	if k := d.ObjectsKey; k != nil {
		return Finding{Object: id, Start: k.KeyStart, End: k.KeyEnd, Pointer: k.Value.Pointer(), Message: msg}
	}
	return Finding{Object: id, Start: 0, End: 1, Message: msg}
}

// nodeAt returns the innermost node whose range holds off, or nil.
func (in *Input) nodeAt(off int) *source.Node {
	cur := in.File.Root
	if _, ok := in.Def.InParametersFile(off); ok {
		cur = in.Def.ParametersFrom.Root // its nodes lie past the file's end
	}
	if cur == nil || off < cur.Start || off >= cur.End {
		return nil
	}
	for {
		next := (*source.Node)(nil)
		for _, m := range cur.Members {
			if off >= m.KeyStart && off < m.Value.End {
				next = m.Value
				if off < m.Value.Start { // on the key: the member's value is the place
					return next
				}
				break
			}
		}
		for _, e := range cur.Elems {
			if off >= e.Start && off < e.End {
				next = e
				break
			}
		}
		if next == nil {
			return cur
		}
		cur = next
	}
}

// ownerAt returns the id of the object, parameter or parameter value whose
// text holds off, or "" when the place belongs to the file as a whole.
func (in *Input) ownerAt(off int) string {
	for _, o := range in.Def.Objects {
		if off >= o.Node.Start && off < o.Node.End {
			return o.ID
		}
	}
	for _, p := range in.Def.Parameters {
		if off >= p.Node.Start && off < p.Node.End {
			return p.ID
		}
	}
	for _, v := range in.Def.Values {
		if off >= v.KeyStart && off < v.Value.Whole.End {
			return v.ID
		}
	}
	return ""
}

// embeddedNodePointer is embeddedPointer for a node of the built tree:
// the walk starts at the node itself, where writing its pointer and
// looking it up again cost twice and, under a duplicate key, could land
// on the key's other node.
func (in *Input) embeddedNodePointer(n *source.Node) string {
	root := n
	for root.Parent() != nil {
		root = root.Parent()
	}
	if root != in.File.Root {
		return in.embeddedPointer(n.Pointer())
	}
	if n == root {
		return ""
	}
	return mappedUp(in.Def.Embedded, n)
}

// mappedUp is the template's pointer of the nearest node at or above n
// that the reader mapped, or "".
func mappedUp(e *definition.Embedding, n *source.Node) string {
	for ; n != nil; n = n.Parent() {
		if orig, ok := e.Origins[n]; ok {
			return orig.Pointer()
		}
		if tp, ok := e.Pointers[n]; ok {
			return tp
		}
	}
	return ""
}

// embeddedPointer turns a pointer into the tree built from a template into
// the pointer of the same place in the template as written. A place the
// template has no node for (a name the id stands in for) gets its nearest
// container's.
func (in *Input) embeddedPointer(p string) string {
	e := in.Def.Embedded
	if p == "" {
		return p
	}
	// The built node the pointer names, else its nearest container that
	// exists; then up to the nearest node the reader mapped.
	var n *source.Node
	for cur := p; n == nil; {
		if n = in.File.Root.Lookup(cur); n != nil {
			break
		}
		i := strings.LastIndexByte(cur, '/')
		if i < 0 {
			return ""
		}
		cur = cur[:i]
	}
	return mappedUp(e, n)
}
