package sandbox

import (
	"context"
	"crypto/sha256"
	"net/http"
)

// idemKey scopes an Idempotency-Key to the API key that sent it.
type idemKey struct{ apiKey, key string }

// idemEntry is the fate of the first request with a key.
type idemEntry struct {
	done chan struct{} // closed once the first request has finished
	hash [sha256.Size]byte
	resp []byte // the 201 body, when that request created a profile
}

// createOnce creates at most one profile per idempotency key. A request
// whose key is in use waits for the first to finish; then it replays the
// 201 if the first created a profile (even if its client saw a fault), or
// gets 422 if its body differs, or tries itself if nothing was created.
func (s *Server) createOnce(ctx context.Context, k idemKey, key Key, body []byte, p plan) *answer {
	hash := sha256.Sum256(body)
	for {
		s.mu.Lock()
		e := s.idem[k]
		if e == nil {
			e = &idemEntry{done: make(chan struct{}), hash: hash}
			s.idem[k] = e
			s.mu.Unlock()
			return s.firstWithKey(k, e, key, body, p)
		}
		s.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return &answer{}
		}
		if e.resp == nil {
			continue // the first attempt created nothing; this one may
		}
		if e.hash != hash {
			return reply(http.StatusUnprocessableEntity, "idempotency_key_reused",
				"this Idempotency-Key was used with a different request body")
		}
		s.mu.Lock()
		s.replays++
		s.mu.Unlock()
		return &answer{status: http.StatusCreated, body: e.resp}
	}
}

func (s *Server) firstWithKey(k idemKey, e *idemEntry, key Key, body []byte, p plan) *answer {
	a, resp := s.create(key, k.key, body, p)
	s.mu.Lock()
	if resp != nil {
		e.resp = resp
	} else {
		delete(s.idem, k)
	}
	s.mu.Unlock()
	close(e.done)
	return a
}
