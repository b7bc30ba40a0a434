package api

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// TestPoolKeepsAConnectionPerRequestInFlight: after a wave of requests in
// flight at once, the next wave finds a connection for each of them, even
// with more in flight than net/http keeps by default.
func TestPoolKeepsAConnectionPerRequestInFlight(t *testing.T) {
	const inFlight = 120 // over net/http's default of 100 idle in all
	var wave sync.WaitGroup
	h := func(w http.ResponseWriter, r *http.Request) {
		// Answer only once the whole wave is in, so that every request
		// of it holds a connection of its own.
		wave.Done()
		wave.Wait()
		fixed(201, nil, `{"id":"`+validID+`"}`)(w, r)
	}
	var opened atomic.Int64
	ts := httptest.NewUnstartedServer(http.HandlerFunc(h))
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL, Options{})
	for range 2 {
		wave.Add(inFlight)
		var sent sync.WaitGroup
		for range inFlight {
			sent.Go(func() {
				if res := c.Create(context.Background(), sampleBody, ""); res.Outcome != Created {
					t.Errorf("answer %+v, want created", res)
				}
			})
		}
		sent.Wait()
	}
	if n := opened.Load(); n != inFlight {
		t.Errorf("two waves of %d requests opened %d connections, want %d", inFlight, n,
			inFlight)
	}
}
