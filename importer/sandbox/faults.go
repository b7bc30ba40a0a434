package sandbox

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// plan is the faults drawn for one request.
type plan struct {
	latency     time.Duration
	unavailable bool
	fail        bool // answer 500
	drop        bool // close the connection without an answer
	after       bool // fail or drop only after creating the profile
}

// plan draws one request's faults. The source is seeded by Options.Seed,
// the body and how often this body came before, so a retry of the same
// row draws afresh while a rerun of the whole test draws the same.
func (s *Server) plan(body []byte) plan {
	f := s.opts.Faults
	h := sha256.Sum256(body)
	s.mu.Lock()
	n := s.seen[h]
	s.seen[h] = n + 1
	s.mu.Unlock()
	stream := binary.LittleEndian.Uint64(h[:8]) ^ (n * 0x9e3779b97f4a7c15)
	rng := rand.New(rand.NewPCG(s.opts.Seed, stream))

	var p plan
	spread := (2*rng.Float64() - 1) * float64(f.LatencyJitter)
	p.latency = max(0, f.Latency+time.Duration(spread))
	p.unavailable = rng.Float64() < f.UnavailableRate
	u, after := rng.Float64(), rng.Float64()
	switch {
	case u < f.ErrorRate:
		p.fail, p.after = true, after < f.ErrorAfterCreate
	case u < f.ErrorRate+f.DropRate:
		p.drop, p.after = true, after < f.DropAfterCreate
	}
	return p
}

// limit answers 429 when the token bucket is empty, with Retry-After in
// whole seconds (at least 1) until the next token.
func (s *Server) limit() *answer {
	if s.limiter == nil {
		return nil
	}
	now := time.Now()
	if s.limiter.AllowN(now, 1) {
		return nil
	}
	missing := 1 - s.limiter.TokensAt(now)
	wait := missing / float64(s.limiter.Limit())
	a := reply(http.StatusTooManyRequests, "rate_limited", "too many requests")
	secs := max(1, int(math.Ceil(wait)))
	a.header = http.Header{"Retry-After": {strconv.Itoa(secs)}}
	return a
}

// dropConnection closes the connection without a byte of answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// HTTP/2 cannot hijack: aborting the handler resets the stream.
	panic(http.ErrAbortHandler)
}
