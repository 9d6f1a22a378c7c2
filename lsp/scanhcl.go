package lsp

// hblock is one block of an HCL outline: `type "label" … { … }`, with its
// attributes (`name = value`) and the blocks inside it. hclOutline reads
// it (outline) with a forgiving tokenizer: strings (with ${…} inside), comments and
// heredocs are skipped as such, an object or tuple value as a whole, and a
// block not closed ends with the text.
type hblock struct {
	typ    string
	labels []string
	attrs  []*hattr
	kids   []*hblock
	parent *hblock
}

type hattr struct {
	name   string
	value  string // a string literal's text (no quotes); else the expression as written
	eq     int    // the = sign's offset
	vstart int    // where the value's text starts, past a quote
	vend   int    // where it ends: before the closing quote, or the expression's end
	quoted bool
	closed bool // a quoted value's closing quote is there
}

func (b *hblock) attr(name string) *hattr {
	if b == nil {
		return nil
	}
	for _, a := range b.attrs {
		if a.name == name {
			return a
		}
	}
	return nil
}

func (a *hattr) text() string {
	if a == nil {
		return ""
	}
	return a.value
}

type hclReader struct {
	data []byte
	i    int
	// at is the attribute whose value holds off, and its block.
	off     int
	at      *hattr
	atBlock *hblock
}

func isIdent(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && (c >= '0' && c <= '9' || c == '-')
}

// outline reads the blocks of r.data; the root holds the top-level ones.
func (r *hclReader) outline() *hblock {
	root := &hblock{}
	cur := root
	var words []string // identifiers and labels since the last statement
	data := r.data
	for r.i < len(data) {
		c := data[r.i]
		switch {
		case c == '\n':
			words = words[:0]
			r.i++
		case c == ' ' || c == '\t' || c == '\r':
			r.i++
		case c == '#' || c == '/' && r.i+1 < len(data) && data[r.i+1] == '/':
			r.skipLine()
		case c == '/' && r.i+1 < len(data) && data[r.i+1] == '*':
			if end := indexFrom(data, r.i+2, "*/"); end >= 0 {
				r.i = end + 2
			} else {
				r.i = len(data)
			}
		case c == '"':
			start := r.i
			end, _ := r.skipString(r.i)
			words = append(words, string(data[start+1:min(end, len(data))]))
			r.i = end + 1
		case isIdent(c, true):
			j := r.i
			for j < len(data) && isIdent(data[j], false) {
				j++
			}
			words = append(words, string(data[r.i:j]))
			r.i = j
		case c == '=' && len(words) == 1 && (r.i+1 >= len(data) || data[r.i+1] != '='):
			r.attribute(cur, words[0])
			words = words[:0]
		case c == '{':
			if len(words) > 0 {
				b := &hblock{typ: words[0], labels: append([]string(nil), words[1:]...), parent: cur}
				cur.kids = append(cur.kids, b)
				cur = b
			} else {
				r.i = r.skipBracket(r.i) // a value not read as a block
				continue
			}
			words = words[:0]
			r.i++
		case c == '}':
			if cur.parent != nil {
				cur = cur.parent
			}
			words = words[:0]
			r.i++
		default:
			words = words[:0]
			r.i++
		}
	}
	return root
}

func indexFrom(data []byte, from int, s string) int {
	for j := from; j+len(s) <= len(data); j++ {
		if string(data[j:j+len(s)]) == s {
			return j
		}
	}
	return -1
}

func (r *hclReader) skipLine() {
	for r.i < len(r.data) && r.data[r.i] != '\n' {
		r.i++
	}
}

// skipString returns the offset of the closing quote of the string
// opening at start (or the line's end when it is not closed), and whether
// it is closed; ${…} and %{…} may hold quotes and braces.
func (r *hclReader) skipString(start int) (int, bool) {
	data := r.data
	j := start + 1
	for j < len(data) && data[j] != '\n' {
		switch {
		case data[j] == '\\':
			j += 2
			continue
		case data[j] == '"':
			return j, true
		case (data[j] == '$' || data[j] == '%') && j+1 < len(data) && data[j+1] == '{':
			depth := 0
			for j++; j < len(data) && data[j] != '\n'; j++ {
				if data[j] == '{' {
					depth++
				} else if data[j] == '}' {
					if depth--; depth == 0 {
						break
					}
				} else if data[j] == '"' {
					e, _ := r.skipString(j)
					j = e
				}
			}
		}
		j++
	}
	return min(j, len(data)), false
}

// skipExpr returns where the expression starting at start ends: at the
// line's end, a comment or the block's closing brace, once every bracket
// it opens is closed (strings skipped); the text's end when one is not.
func (r *hclReader) skipExpr(start int) int {
	data := r.data
	depth := 0
	for j := start; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			j, _ = r.skipString(j)
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				return j
			}
			depth--
		case depth == 0 && (c == '\n' || c == '#' || c == '/' && j+1 < len(data) && data[j+1] == '/'):
			return j
		}
	}
	return len(data)
}

// skipBracket returns the offset just past the bracket matching the one
// at start, strings skipped; the text's end when it is not closed.
func (r *hclReader) skipBracket(start int) int {
	depth := 0
	for j := start; j < len(r.data); j++ {
		switch r.data[j] {
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			if depth--; depth == 0 {
				return j + 1
			}
		case '"':
			j, _ = r.skipString(j)
		}
	}
	return len(r.data)
}

// attribute reads `name = value` from the = sign at r.i into b.
func (r *hclReader) attribute(b *hblock, name string) {
	data := r.data
	a := &hattr{name: name, eq: r.i}
	j := r.i + 1
	for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
		j++
	}
	a.vstart, a.vend = j, j
	lineEnd := j
	for lineEnd < len(data) && data[lineEnd] != '\n' && data[lineEnd] != '\r' {
		lineEnd++
	}
	switch {
	case j < len(data) && data[j] == '"':
		end, closed := r.skipString(j)
		a.quoted, a.closed, a.vstart, a.vend = true, closed, j+1, end
		a.value = string(data[j+1 : end])
		r.i = min(end+1, len(data))
	case j+1 < len(data) && data[j] == '<' && data[j+1] == '<':
		// A heredoc: to the line holding its delimiter alone.
		k := j + 2
		if k < len(data) && data[k] == '-' {
			k++
		}
		d := k
		for d < len(data) && isIdent(data[d], false) {
			d++
		}
		delim := string(data[k:d])
		r.i = lineEnd
		for r.i < len(data) {
			r.skipLine()
			if r.i < len(data) {
				r.i++
			}
			ls := r.i
			r.skipLine()
			if delim != "" && trimSpace(string(data[ls:r.i])) == delim {
				break
			}
		}
		a.vend = j
	default:
		// An expression (over several lines while a bracket is open), or
		// a bare word being typed.
		k := r.skipExpr(j)
		for k > j && (data[k-1] == ' ' || data[k-1] == '\t' || data[k-1] == '\r') {
			k--
		}
		a.vend, a.value = k, string(data[j:k])
		r.i = k
	}
	b.attrs = append(b.attrs, a)
	in := r.off > a.eq && r.off <= a.vend
	if !a.quoted && !in {
		// Between the = and the line's end, with nothing typed yet.
		in = a.vstart == a.vend && r.off > a.eq && r.off <= lineEnd
	}
	if in && (!a.quoted || !a.closed || r.off >= a.vstart) {
		r.at, r.atBlock = a, b
	}
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\r') {
		j--
	}
	return s[i:j]
}

// hclSlot finds the template slot at off in a Terraform file.
func hclSlot(data []byte, off int) slot {
	r := &hclReader{data: data, off: off}
	r.outline()
	a, b := r.at, r.atBlock
	if a == nil || b == nil || b.parent == nil {
		return slot{}
	}
	s := slot{from: a.vstart, quoted: a.quoted, hcl: true}
	if a.quoted && off < a.vstart {
		return slot{} // before the opening quote
	}
	if !a.quoted && off < a.vstart {
		s.from = off
	}
	s.prefix = string(data[s.from:off])
	holder := b.parent
	switch {
	case b.typ == "field" && holder.typ == "pipeline_object" && definitionResource(holder.parent):
		s.obj = hclObject(holder, b)
		switch a.name {
		case "key":
			s.kind = slotFieldKey
		case "string_value":
			s.kind, s.field = slotString, b.attr("key").text()
		case "ref_value":
			s.kind, s.field = slotRef, b.attr("key").text()
			for _, obj := range holder.parent.kids {
				if obj.typ == "pipeline_object" {
					s.objects = append(s.objects, hclObject(obj, nil))
				}
			}
		}
	case b.typ == "attribute" && holder.typ == "parameter_object" && definitionResource(holder.parent):
		switch a.name {
		case "key":
			s.kind, s.present = slotAttrKey, map[string]string{}
			for _, k := range holder.kids {
				if k != b && k.typ == "attribute" && k.attr("key") != nil {
					s.present[k.attr("key").value] = ""
				}
			}
		case "string_value":
			s.kind, s.field = slotAttrValue, b.attr("key").text()
		}
	case b.typ == "parameter_value" && definitionResource(holder) && a.name == "id":
		s.kind = slotValueID
	}
	if s.kind == slotNone {
		return slot{}
	}
	return s
}

// definitionResource says whether b is an aws_datapipeline_pipeline_definition resource.
func definitionResource(b *hblock) bool {
	return b != nil && b.typ == "resource" && len(b.labels) > 0 && b.labels[0] == "aws_datapipeline_pipeline_definition"
}

// hclObject reads a pipeline_object block: its id, its type and the fields
// its field blocks set (but the one at the cursor).
func hclObject(obj, at *hblock) *pipelineObject {
	o := &pipelineObject{id: obj.attr("id").text(), set: map[string]bool{}}
	for _, f := range obj.kids {
		k := f.attr("key").text()
		if f.typ != "field" || f == at || k == "" {
			continue
		}
		o.set[k] = true
		if k == "type" && o.typ == "" {
			o.typ = f.attr("string_value").text()
		}
	}
	return o
}
