package lsp

import "strings"

// ynode is one mapping entry or sequence item of a YAML outline, read line
// by line from indentation alone (block style, and flow mappings on one
// line such as `- {Key: type, StringValue: Sh}`, alone or in a one-line
// flow sequence `Fields: [{...}, {...}]`): a half-typed template
// that no YAML parser accepts still has one.
type ynode struct {
	col    int // the key's column, or the dash's for an item
	item   bool
	key    string
	value  string // the scalar after the colon, without quotes or a tag
	kstart int    // where the key (or the dash) is
	colon  int    // the colon's offset (entries)
	vstart int    // where the value's text starts, past a quote
	vend   int    // where it ends (before a closing quote)
	lend   int    // how far a cursor is in the value: its line's end, a closing quote
	quoted bool
	parent *ynode
	kids   []*ynode
}

func (n *ynode) get(key string) *ynode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if !k.item && k.key == key {
			return k
		}
	}
	return nil
}

// yamlOutline reads the outline of a YAML text; it returns its top-level
// nodes' parent and every node in the order written.
func yamlOutline(data []byte) (*ynode, []*ynode) {
	root := &ynode{col: -1}
	stack := []*ynode{root}
	var all []*ynode
	top := func() *ynode { return stack[len(stack)-1] }
	push := func(n *ynode) {
		n.parent = top()
		n.parent.kids = append(n.parent.kids, n)
		stack = append(stack, n)
		all = append(all, n)
	}
	blockCol := -1 // inside a block scalar (| or >) of an entry at this column
	for ls := 0; ls < len(data); {
		le := ls
		for le < len(data) && data[le] != '\n' {
			le++
		}
		line := data[ls:le]
		next := le + 1
		i := 0
		for i < len(line) && line[i] == ' ' {
			i++
		}
		rest := strings.TrimRight(string(line[i:]), " \r\t")
		switch {
		case blockCol >= 0 && (rest == "" || i > blockCol):
			ls = next
			continue // a line of a block scalar
		case rest == "" || rest[0] == '#' || rest == "---" || rest == "...":
			ls = next
			continue
		}
		blockCol = -1
		// Dashes open items, one in the other (`- - x`).
		for len(rest) > 0 && rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ') {
			for len(stack) > 1 && (top().col > i || top().item && top().col == i) {
				stack = stack[:len(stack)-1]
			}
			push(&ynode{col: i, item: true, kstart: ls + i})
			j := 1
			for j < len(rest) && rest[j] == ' ' {
				j++
			}
			i, rest = i+j, rest[j:]
		}
		if rest == "" {
			ls = next
			continue
		}
		if rest[0] == '{' {
			if top().item {
				flowEntries(top(), data, ls+i, ls+i+len(rest), &all)
			}
			ls = next
			continue
		}
		key, colon := yamlKey(rest)
		if colon < 0 {
			ls = next
			continue // a scalar (or a key being typed)
		}
		for len(stack) > 1 && top().col >= i {
			stack = stack[:len(stack)-1]
		}
		n := &ynode{col: i, key: key, kstart: ls + i, colon: ls + i + colon}
		yamlValue(n, data, ls+i+colon+1, ls+i+len(rest))
		if !n.quoted || n.lend == ls+i+len(rest) {
			n.lend = le
			if le > ls && data[le-1] == '\r' {
				n.lend = le - 1
			}
		}
		push(n)
		if v := strings.TrimSpace(n.value); !n.quoted && v != "" && (v[0] == '|' || v[0] == '>') {
			blockCol = i
		}
		if !n.quoted && n.vstart < n.vend && data[n.vstart] == '[' {
			flowItems(n, data, n.vstart, ls+i+len(rest), &all)
		}
		ls = next
	}
	return root, all
}

// yamlKey splits `key: value` (a plain or quoted key) at its colon: the
// key and the colon's index, or -1 when rest is no entry.
func yamlKey(rest string) (string, int) {
	if rest[0] == '"' || rest[0] == '\'' {
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", -1
		}
		after := rest[end+2:]
		if strings.HasPrefix(strings.TrimLeft(after, " "), ":") {
			return rest[1 : end+1], end + 2 + strings.IndexByte(after, ':')
		}
		return "", -1
	}
	for j := 0; j < len(rest); j++ {
		if rest[j] == ':' && (j+1 == len(rest) || rest[j+1] == ' ' || rest[j+1] == '\t') {
			return strings.TrimSpace(rest[:j]), j
		}
		if rest[j] == ' ' && j+1 < len(rest) && rest[j+1] == '#' {
			return "", -1
		}
	}
	return "", -1
}

// yamlValue reads the scalar from start to end into n: its text without
// quotes, a tag (!Ref, !Sub) dropped, a comment of a plain scalar left out.
func yamlValue(n *ynode, data []byte, start, end int) {
	for start < end && data[start] == ' ' {
		start++
	}
	if start < end && data[start] == '!' {
		j := start
		for j < end && data[j] != ' ' {
			j++
		}
		for j < end && data[j] == ' ' {
			j++
		}
		start = j
	}
	n.vstart, n.vend, n.lend = start, end, end
	if start < end && (data[start] == '"' || data[start] == '\'') {
		q := data[start]
		n.quoted, n.vstart = true, start+1
		j := start + 1
		for j < end && data[j] != q {
			if q == '"' && data[j] == '\\' {
				j++
			}
			j++
		}
		n.vend = min(j, end)
		n.lend = n.vend
		if j >= end {
			n.lend = end // not closed: the value runs on
		}
		n.value = string(data[n.vstart:n.vend])
		return
	}
	v := string(data[start:end])
	if k := strings.Index(v, " #"); k >= 0 {
		v = v[:k]
	}
	n.value = strings.TrimSpace(v)
}

// flowEntries reads a one-line flow mapping `{Key: type, StringValue: x}`
// (from start, its brace, to end) as entries of item.
func flowEntries(item *ynode, data []byte, start, end int, all *[]*ynode) {
	i := start + 1
	for i < end {
		for i < end && (data[i] == ' ' || data[i] == ',') {
			i++
		}
		if i >= end || data[i] == '}' {
			return
		}
		// The pair runs to the next comma or brace outside quotes.
		j := flowStop(data, i, end, ",}")
		pair := string(data[i:j])
		if key, colon := yamlKey(pair); colon >= 0 {
			n := &ynode{col: i - start, key: key, kstart: i, colon: i + colon, parent: item}
			yamlValue(n, data, i+colon+1, j)
			item.kids = append(item.kids, n)
			*all = append(*all, n)
		}
		i = j
	}
}

// flowItems reads a one-line flow sequence of flow mappings
// `[{Key: type, StringValue: x}, {Key: runsOn, RefValue: y}]` (from start,
// its bracket, to end) as items of entry n, one per mapping; a mapping not
// closed yet runs to the end.
func flowItems(n *ynode, data []byte, start, end int, all *[]*ynode) {
	for i := start + 1; i < end; {
		for i < end && (data[i] == ' ' || data[i] == ',') {
			i++
		}
		if i >= end || data[i] != '{' {
			return // the end of the list, or a scalar item: nothing to complete
		}
		j := flowStop(data, i+1, end, "}")
		item := &ynode{col: i - start, item: true, kstart: i, parent: n}
		n.kids = append(n.kids, item)
		*all = append(*all, item)
		flowEntries(item, data, i, min(j+1, end), all)
		i = j + 1
	}
}

// flowStop is the first offset from i (end at most) of one of the bytes of
// stops outside a quoted scalar.
func flowStop(data []byte, i, end int, stops string) int {
	q := byte(0)
	for ; i < end && (q != 0 || strings.IndexByte(stops, data[i]) < 0); i++ {
		switch {
		case q != 0 && data[i] == q:
			q = 0
		case q == 0 && (data[i] == '"' || data[i] == '\''):
			q = data[i]
		}
	}
	return i
}

// yamlSlot finds the template slot at off.
func yamlSlot(data []byte, off int) slot {
	_, all := yamlOutline(data)
	// The entry on the cursor's line whose value the cursor is in.
	var at *ynode
	for _, n := range all {
		if n.item || n.kstart > off {
			continue
		}
		if n.colon < off && off <= n.lend {
			at = n
		}
	}
	if at == nil {
		return slot{}
	}
	s := slot{from: at.vstart, quoted: at.quoted}
	if at.vstart > off {
		s.from = off
	}
	s.prefix = string(data[s.from:off])
	if s.from == at.colon+1 {
		s.lead = " "
	}
	entry := at.parent
	if entry == nil || !entry.item || entry.parent == nil {
		return slot{}
	}
	list := entry.parent
	holder := list.parent // the pipeline or parameter object, or the resource's Properties
	if holder == nil {
		return slot{}
	}
	switch {
	case list.key == "Fields" && holder.item && pipelineResource(holder.parent, "PipelineObjects"):
		s.obj = yamlObject(holder, entry)
		switch at.key {
		case "Key":
			s.kind = slotFieldKey
		case "StringValue":
			s.kind, s.field = slotString, entry.get("Key").text()
		case "RefValue":
			s.kind, s.field = slotRef, entry.get("Key").text()
			for _, obj := range holder.parent.kids {
				if obj.item {
					s.objects = append(s.objects, yamlObject(obj, nil))
				}
			}
		}
	case list.key == "Attributes" && holder.item && pipelineResource(holder.parent, "ParameterObjects"):
		switch at.key {
		case "Key":
			s.kind, s.present = slotAttrKey, map[string]string{}
			for _, a := range list.kids {
				if k := a.get("Key"); a != entry && k != nil {
					s.present[k.value] = ""
				}
			}
		case "StringValue":
			s.kind, s.field = slotAttrValue, entry.get("Key").text()
		}
	case list.key == "ParameterValues" && pipelineResource(list, "ParameterValues") && at.key == "Id":
		s.kind = slotValueID
	}
	return s
}

func (n *ynode) text() string {
	if n == nil {
		return ""
	}
	return n.value
}

// pipelineResource says whether list is the named list of a
// AWS::DataPipeline::Pipeline resource's Properties.
func pipelineResource(list *ynode, name string) bool {
	if list == nil || list.item || list.key != name {
		return false
	}
	props := list.parent
	if props == nil || props.key != "Properties" || props.parent == nil {
		return false
	}
	return strings.TrimSpace(props.parent.get("Type").text()) == "AWS::DataPipeline::Pipeline"
}

// yamlObject reads a PipelineObjects item: its Id, its type and the fields
// its entries set (but the entry at the cursor).
func yamlObject(obj, at *ynode) *pipelineObject {
	o := &pipelineObject{id: obj.get("Id").text(), set: map[string]bool{}}
	for _, e := range obj.get("Fields").kidsOrNil() {
		k := e.get("Key").text()
		if e == at || k == "" {
			continue
		}
		o.set[k] = true
		if k == "type" && o.typ == "" {
			o.typ = e.get("StringValue").text()
		}
	}
	return o
}

func (n *ynode) kidsOrNil() []*ynode {
	if n == nil {
		return nil
	}
	return n.kids
}
