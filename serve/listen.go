package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is where dplint serve listens unless told otherwise: loopback
// only, on a port no AWS emulator commonly takes (LocalStack 4566, moto
// 5000).
const DefaultAddr = "127.0.0.1:4599"

// ListenAndServe serves s on addr until ctx is done, then stops taking
// connections and lets the requests under way finish (for up to 10
// seconds). ready, if set, is told the endpoint's URL once it listens.
func ListenAndServe(ctx context.Context, addr string, s *Server, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second}
	if ready != nil {
		ready("http://" + ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("stopping: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Loopback reports whether addr's host is a loopback address (or
// localhost).
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
