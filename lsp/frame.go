package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"

	segjson "github.com/segmentio/encoding/json"
	"go.lsp.dev/jsonrpc2"
)

// notifyStream frames notifications itself and leaves every other message
// to the module's stream. Its stream re-encodes a notification whole: the
// parameters, already JSON, are compacted and escaped twice more (once in
// Notification.MarshalJSON, once around it), which for the diagnostics of
// a big document is megabytes copied for nothing. Here they are written
// as they are, in one write with their header. The connection holds its
// write lock around Write, so frames never interleave.
type notifyStream struct {
	jsonrpc2.Stream
	w io.Writer
	// mu orders notify's writes with those the connection makes through
	// Write (under its own lock, which notify cannot take).
	mu sync.Mutex
	// spare is the buffer of the last notification, kept for the next:
	// a big document's diagnostics are megabytes a change, and a fresh
	// buffer each time was a tenth of what a change allocated, pages the
	// collector and the kernel had to supply again. It is taken before
	// encoding and given back once written (Write has consumed it then).
	spare atomic.Pointer[[]byte]
}

// maxSpare bounds the buffer kept between notifications.
const maxSpare = 32 << 20

func newNotifyStream(rw io.ReadWriteCloser) *notifyStream {
	return &notifyStream{Stream: jsonrpc2.NewStream(rw), w: rw}
}

func (s *notifyStream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := msg.(*jsonrpc2.Notification)
	if !ok || len(n.Params()) == 0 {
		return s.Stream.Write(ctx, msg)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	method, err := json.Marshal(n.Method())
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	const head = `{"jsonrpc":"2.0","method":`
	size := len(head) + len(method) + len(`,"params":`) + len(n.Params()) + 1
	buf := make([]byte, 0, size+32)
	buf = append(buf, jsonrpc2.HdrContentLength+": "...)
	buf = strconv.AppendInt(buf, int64(size), 10)
	buf = append(buf, jsonrpc2.HdrContentSeparator...)
	buf = append(buf, head...)
	buf = append(buf, method...)
	buf = append(buf, `,"params":`...)
	buf = append(buf, n.Params()...)
	buf = append(buf, '}')
	written, err := s.w.Write(buf)
	if err != nil {
		return int64(written), fmt.Errorf("write data to conn: %w", err)
	}
	return int64(written), nil
}

// headRoom is the space notify keeps in front of a message for its
// header, "Content-Length: " with up to 20 digits and the blank line.
const headRoom = len(jsonrpc2.HdrContentLength) + 2 + 20 + len(jsonrpc2.HdrContentSeparator)

// notify encodes and writes one notification itself, into one buffer of
// about size bytes (the caller's estimate). The connection's Notify
// encodes the parameters through a pooled buffer that grows from a few
// kilobytes by doubling, then copies them out, and Write copies them
// again: for a big document's diagnostics, megabytes moved three times
// and half the time of a publication. Here the parameters are encoded
// once, behind room left for the header, and written as they are.
func (s *notifyStream) notify(ctx context.Context, method string, params any, size int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf []byte
	if p := s.spare.Swap(nil); p != nil && cap(*p) >= headRoom+size+64 {
		buf = (*p)[:headRoom]
	} else {
		buf = make([]byte, headRoom, headRoom+size+64)
	}
	buf = append(buf, `{"jsonrpc":"2.0","method":`...)
	buf = segjson.AppendEscape(buf, method, 0)
	buf = append(buf, `,"params":`...)
	buf, err := segjson.Append(buf, params, 0)
	if err != nil {
		return fmt.Errorf("marshaling %s: %w", method, err)
	}
	buf = append(buf, '}')
	var head [headRoom]byte
	h := append(head[:0], jsonrpc2.HdrContentLength+": "...)
	h = strconv.AppendInt(h, int64(len(buf)-headRoom), 10)
	h = append(h, jsonrpc2.HdrContentSeparator...)
	start := headRoom - len(h)
	copy(buf[start:], h)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(buf[start:]); err != nil {
		return fmt.Errorf("write data to conn: %w", err)
	}
	if cap(buf) <= maxSpare {
		s.spare.Store(&buf)
	}
	return nil
}
