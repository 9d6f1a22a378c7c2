package lsp

import "strings"

// A half-typed document does not parse, so completion reads the text
// itself: scan is a forgiving JSON tokenizer that tells, at the cursor,
// which containers hold it (with each object's keys and string values, the
// rest of the object included), and whether it is in a key or a value
// string, and which.

// frame is one open container.
type frame struct {
	array  bool
	key    string            // the key this container is the value of ("" at the top or in an array)
	keys   map[string]string // an object's members: key -> its string value ("" when not a string)
	start  int               // offset of the { or [
	parent *frame
	kids   []*frame // the containers inside it, in order (an object's Fields entries)
	// lastKey is the key whose value comes next (after its colon).
	lastKey  string
	afterKey bool // a key has been read and its value not yet
}

// cursor is what scan found at the offset.
type cursor struct {
	frame *frame // innermost container holding the cursor (nil: none)
	// inString is set when the cursor is inside a string; strStart is its
	// opening quote and strEnd its closing one (or the line's end when it
	// is not closed on the line).
	inString         bool
	strStart, strEnd int
	isKey            bool   // the string (or the place) is an object key
	valueOf          string // for a value: the key it is the value of
	prefix           string // the string's text from its start to the cursor
}

func scan(data []byte, off int) cursor {
	var cur cursor
	var top *frame
	var hold *frame // the frame at the cursor, whose members are still read
	depthAtCursor := -1
	depth := 0
	var pendingKey string // a string read in key position, before its colon
	for i := 0; i <= len(data); i++ {
		if i == off && !cur.inString {
			cur.frame, hold, depthAtCursor = top, top, depth
			if top != nil && !top.array {
				cur.isKey = !top.afterKey
				cur.valueOf = top.lastKey
				if !top.afterKey {
					cur.valueOf = ""
				}
			} else if top != nil {
				cur.valueOf = top.key
			}
		}
		if i == len(data) {
			break
		}
		switch c := data[i]; c {
		case '"':
			start := i
			j := i + 1
			for j < len(data) && data[j] != '"' && data[j] != '\n' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j, len(data))
			text := string(data[start+1 : end])
			keyPos := top != nil && !top.array && !top.afterKey
			if off > start && off <= end {
				cur.inString, cur.strStart, cur.strEnd = true, start, end
				cur.frame, hold, depthAtCursor = top, top, depth
				cur.prefix = string(data[start+1 : off])
				cur.isKey = keyPos
				if top != nil && !top.array && !keyPos {
					cur.valueOf = top.lastKey
				} else if top != nil && top.array {
					cur.valueOf = top.key
				}
			}
			if keyPos {
				pendingKey = text
			} else if top != nil && !top.array {
				top.keys[top.lastKey] = unescape(text)
				top.afterKey = false
			}
			i = end
		case ':':
			if top != nil && !top.array {
				top.lastKey, top.afterKey = pendingKey, true
				if _, ok := top.keys[pendingKey]; !ok {
					top.keys[pendingKey] = ""
				}
			}
		case ',':
			if top != nil && !top.array {
				top.afterKey = false
			}
		case '{', '[':
			key := ""
			if top != nil && !top.array && top.afterKey {
				key = top.lastKey
			} else if top != nil && top.array {
				key = top.key
			}
			f := &frame{array: c == '[', key: key, keys: map[string]string{}, start: i, parent: top}
			if top != nil {
				top.kids = append(top.kids, f)
			}
			top = f
			depth++
		case '}', ']':
			if top != nil {
				closed := top
				if top.parent != nil && !top.parent.array {
					top.parent.afterKey = false
				}
				top = top.parent
				depth--
				// Stop once the pipeline object around the cursor is
				// complete (its later members and field entries read),
				// or two levels above the cursor's container otherwise.
				if hold != nil && depth < depthAtCursor && (isPipelineObject(closed) || depth < depthAtCursor-2) {
					return cur
				}
			}
		}
	}
	return cur
}

// isPipelineObject says whether f is an element of an objects list.
func isPipelineObject(f *frame) bool {
	return f != nil && !f.array && f.parent != nil && f.parent.array && objectLists[f.parent.key]
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\/`, `/`).Replace(s)
}
