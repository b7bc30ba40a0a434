package sandbox

import (
	"bytes"
	"maps"
	"time"
)

// Entry is one profile the sandbox created.
type Entry struct {
	ID             string
	Body           []byte    // the request body, as received
	IdempotencyKey string    // "" when the request carried none
	Time           time.Time // by Options.Clock
	// Answered is what the client was told: 201, 500 (a fault after
	// creating), or 0 when the connection was dropped after creating.
	Answered int
}

// Stats counts what the server saw.
type Stats struct {
	Requests int         // every request received, on any path
	ByStatus map[int]int // answers by status code; 0 counts dropped connections
	Replays  int         // 201s replayed for a repeated Idempotency-Key
	Created  int         // entries in the ledger
	// Held is the time from each request's arrival to its answer, added
	// up: divided by Requests, the latency the server really added.
	Held time.Duration
}

// Ledger returns a copy of every profile created so far, in order.
func (s *Server) Ledger() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Entry, len(s.ledger))
	for i, e := range s.ledger {
		e.Body = bytes.Clone(e.Body)
		out[i] = e
	}
	return out
}

// Requests returns how many requests the server has received.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{
		Requests: s.Requests(),
		ByStatus: maps.Clone(s.statuses),
		Replays:  s.replays,
		Created:  len(s.ledger),
		Held:     time.Duration(s.clock.held.Load()),
	}
}
