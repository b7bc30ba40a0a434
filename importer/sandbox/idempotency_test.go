package sandbox

import (
	"bytes"
	"net/http"
	"sync"
	"testing"
	"time"
)

func idem(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }

func TestIdempotencyReplay(t *testing.T) {
	s, url := serve(t, Options{HonourIdempotency: true})
	first := post(t, url, DefaultKey, bodyWith(nil), idem("row-2"))
	again := post(t, url, DefaultKey, bodyWith(nil), idem("row-2"))
	if first.status != 201 || again.status != 201 || !bytes.Equal(first.body, again.body) {
		t.Fatalf("got %d %s then %d %s, want the same 201 twice",
			first.status, first.body, again.status, again.body)
	}
	other := post(t, url, DefaultKey, bodyWith(map[string]string{"weight": "62"}), idem("row-2"))
	if other.status != http.StatusUnprocessableEntity {
		t.Errorf("same key, other body: %d, want 422", other.status)
	}
	fresh := post(t, url, DefaultKey, bodyWith(nil), idem("row-3"))
	if fresh.status != 201 || bytes.Equal(fresh.body, first.body) {
		t.Errorf("new key: %d %s, want a new 201", fresh.status, fresh.body)
	}
	if st := s.Stats(); st.Created != 2 || st.Replays != 1 {
		t.Errorf("stats = %+v, want 2 created, 1 replay", st)
	}
}

func TestIdempotencyScopedToAPIKey(t *testing.T) {
	keys := map[string]Key{
		"k-a": {Scopes: []string{ScopeCreateUser}, Groups: DefaultGroups},
		"k-b": {Scopes: []string{ScopeCreateUser}, Groups: DefaultGroups},
	}
	s, url := serve(t, Options{Keys: keys, HonourIdempotency: true})
	post(t, url, "k-a", bodyWith(nil), idem("same"))
	post(t, url, "k-b", bodyWith(nil), idem("same"))
	if n := len(s.Ledger()); n != 2 {
		t.Errorf("ledger has %d entries, want 2 (one per API key)", n)
	}
}

func TestIdempotencyIgnoredByDefault(t *testing.T) {
	s, url := serve(t, Options{})
	a := post(t, url, DefaultKey, bodyWith(nil), idem("row-2"))
	b := post(t, url, DefaultKey, bodyWith(nil), idem("row-2"))
	if a.status != 201 || b.status != 201 || bytes.Equal(a.body, b.body) {
		t.Errorf("got %d and %d with equal bodies %v, want two distinct 201s",
			a.status, b.status, bytes.Equal(a.body, b.body))
	}
	if n := len(s.Ledger()); n != 2 {
		t.Errorf("ledger has %d entries, want 2", n)
	}
}

// TestIdempotencyAfterFault: a profile created behind a 500 or a dropped
// connection is replayed to the retry, not created again.
func TestIdempotencyAfterFault(t *testing.T) {
	tests := []struct {
		name   string
		faults Faults
	}{
		{"500 after creating", Faults{ErrorRate: 1, ErrorAfterCreate: 1}},
		{"drop after creating", Faults{DropRate: 1, DropAfterCreate: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, url := serve(t, Options{HonourIdempotency: true, Faults: tt.faults})
			first := post(t, url, DefaultKey, bodyWith(nil), idem("row-9"))
			if first.status == 201 {
				t.Fatalf("first attempt: 201, want the fault")
			}
			retry := post(t, url, DefaultKey, bodyWith(nil), idem("row-9"))
			led := s.Ledger()
			if retry.status != 201 || len(led) != 1 {
				t.Fatalf("retry: %d, ledger %d; want 201 and one entry", retry.status, len(led))
			}
			if id := created(t, retry.body)["id"]; id != led[0].ID {
				t.Errorf("replayed id %v, want the ledger's %s", id, led[0].ID)
			}
		})
	}
}

// TestIdempotencyNothingCreated: a key whose first use created nothing (a
// 500 before creating, a 400) does not block a later attempt.
func TestIdempotencyNothingCreated(t *testing.T) {
	s, url := serve(t, Options{HonourIdempotency: true})
	bad := post(t, url, DefaultKey, bodyWith(map[string]string{"sex": "7"}), idem("row-4"))
	good := post(t, url, DefaultKey, bodyWith(nil), idem("row-4"))
	if bad.status != 400 || good.status != 201 || len(s.Ledger()) != 1 {
		t.Errorf("got %d then %d with %d created, want 400, 201, 1", bad.status, good.status,
			len(s.Ledger()))
	}

	s, url = serve(t, Options{HonourIdempotency: true, Faults: Faults{ErrorRate: 1}})
	for range 2 {
		if got := post(t, url, DefaultKey, bodyWith(nil), idem("row-5")); got.status != 500 {
			t.Errorf("status %d, want 500 each time", got.status)
		}
	}
	if n := len(s.Ledger()); n != 0 || s.Stats().Replays != 0 {
		t.Errorf("ledger %d, replays %d; want none", n, s.Stats().Replays)
	}
}

func TestIdempotencyConcurrent(t *testing.T) {
	opts := Options{HonourIdempotency: true, Faults: Faults{Latency: 30 * time.Millisecond}}
	s, url := serve(t, opts)
	const n = 20
	bodies := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := post(t, url, DefaultKey, bodyWith(nil), idem("shared"))
			if got.status == 201 {
				bodies[i] = got.body
			}
		}()
	}
	wg.Wait()
	for i, b := range bodies {
		if !bytes.Equal(b, bodies[0]) || b == nil {
			t.Errorf("request %d got %s, want the same 201 as request 0 (%s)", i, b, bodies[0])
		}
	}
	if st := s.Stats(); st.Created != 1 || st.Replays != n-1 {
		t.Errorf("stats = %+v, want 1 created and %d replays", st, n-1)
	}
}
