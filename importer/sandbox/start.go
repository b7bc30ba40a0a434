package sandbox

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

// Start serves s on addr ("" means 127.0.0.1 on a free port) until
// shutdown is called, and returns the base URL to give a client. It
// refuses an address that is not loopback (an empty host means every
// interface) unless Options.AllowRemote is set.
func (s *Server) Start(addr string) (
	baseURL string, shutdown func(context.Context) error, err error,
) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", nil, fmt.Errorf("sandbox address %q: %w", addr, err)
	}
	if !s.opts.AllowRemote && !isLoopback(host) {
		return "", nil, fmt.Errorf("sandbox address %q is not a loopback address: "+
			"the sandbox binds loopback only unless remote access is allowed", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("sandbox listen: %w", err)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// The sandbox never prints; the server's own complaints (a
		// client that hung up) are of no use to anyone.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), srv.Shutdown, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
