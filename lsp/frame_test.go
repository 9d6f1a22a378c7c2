package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

// rwc is a connection whose output a test reads back.
type rwc struct{ bytes.Buffer }

func (*rwc) Close() error { return nil }

// TestNotifyReusesItsBuffer sends a large notification, then a smaller
// one and a larger one again: each frame must read back as its own
// parameters (the kept buffer holds nothing of the one before), and the
// second must be encoded into the first one's buffer.
func TestNotifyReusesItsBuffer(t *testing.T) {
	var conn rwc
	s := newNotifyStream(&conn)
	sent := []map[string]string{
		{"text": strings.Repeat("a", 5000)},
		{"text": "b"},
		{"text": strings.Repeat("c", 20000)},
	}
	var first *byte
	for i, p := range sent {
		if err := s.notify(context.Background(), "test/notify", p, 100); err != nil {
			t.Fatal(err)
		}
		kept := s.spare.Load()
		if kept == nil {
			t.Fatalf("notification %d: no buffer kept for the next", i)
		}
		switch i {
		case 0:
			first = &(*kept)[:1][0]
		case 1:
			if &(*kept)[:1][0] != first {
				t.Error("the second notification did not reuse the first one's buffer")
			}
		}
	}
	in := jsonrpc2.NewStream(&readOnly{bufio.NewReader(&conn)})
	for i, want := range sent {
		msg, _, err := in.Read(context.Background())
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		n, ok := msg.(*jsonrpc2.Notification)
		if !ok || n.Method() != "test/notify" {
			t.Fatalf("frame %d: %#v, want a test/notify notification", i, msg)
		}
		var got map[string]string
		if err := json.Unmarshal(n.Params(), &got); err != nil || got["text"] != want["text"] {
			t.Errorf("frame %d: params %.40s… (%v), want %d bytes of %.1s", i, n.Params(), err, len(want["text"]), want["text"])
		}
	}
}

// readOnly lets a bufio.Reader stand for a connection.
type readOnly struct{ *bufio.Reader }

func (*readOnly) Write(p []byte) (int, error) { return len(p), nil }
func (*readOnly) Close() error                { return nil }
