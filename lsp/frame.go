package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

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
}

func newNotifyStream(rw io.ReadWriteCloser) jsonrpc2.Stream {
	return &notifyStream{Stream: jsonrpc2.NewStream(rw), w: rw}
}

func (s *notifyStream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
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
