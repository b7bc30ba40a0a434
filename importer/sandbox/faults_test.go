package sandbox

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestLatency(t *testing.T) {
	opts := Options{Faults: Faults{
		Latency: 150 * time.Millisecond, LatencyJitter: 50 * time.Millisecond}}
	s, url := serve(t, opts)
	for i := range 5 {
		body := withWeight(50 + i)
		p := New(opts).plan(body)
		if p.latency < 100*time.Millisecond || p.latency > 200*time.Millisecond {
			t.Errorf("planned latency %v, want within 150ms ± 50ms", p.latency)
		}
		start := time.Now()
		got := post(t, url, DefaultKey, body, nil)
		// The sandbox sets its timers early by how late they fire, at most
		// maxEarly.
		if el := time.Since(start); el < p.latency-maxEarly || got.status != 201 {
			t.Errorf("answer %d after %v, want 201 after at least %v", got.status, el,
				p.latency-maxEarly)
		}
	}
	if n := len(s.Ledger()); n != 5 {
		t.Errorf("ledger has %d entries, want 5", n)
	}
}

func TestRateLimit(t *testing.T) {
	s, url := serve(t, Options{Faults: Faults{RateLimit: 0.5, RateBurst: 2}})
	var statuses []int
	for i := range 4 {
		got := post(t, url, DefaultKey, withWeight(50+i), nil)
		statuses = append(statuses, got.status)
		if got.status == http.StatusTooManyRequests {
			// One token every 2 s: the next is up to 2 s away.
			if ra := got.header.Get("Retry-After"); ra != "1" && ra != "2" {
				t.Errorf("Retry-After = %q, want 1 or 2", ra)
			}
		}
	}
	want := []int{201, 201, 429, 429}
	if fmt.Sprint(statuses) != fmt.Sprint(want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}
	if n := len(s.Ledger()); n != 2 {
		t.Errorf("ledger has %d entries, want 2", n)
	}
}

func TestRateLimitDefaultBurst(t *testing.T) {
	_, url := serve(t, Options{Faults: Faults{RateLimit: 3}})
	var n201 int
	for i := range 6 {
		got := post(t, url, DefaultKey, withWeight(50+i), nil)
		if got.status == 201 {
			n201++
		} else if got.status != 429 || got.header.Get("Retry-After") != "1" {
			t.Errorf("status %d Retry-After %q, want 201 or 429 with 1", got.status,
				got.header.Get("Retry-After"))
		}
	}
	if n201 < 3 || n201 > 5 {
		t.Errorf("%d of 6 created at once, want the burst of 3 (more only if tokens refilled)",
			n201)
	}
}

// TestFaults switches each fault fully on, so the outcome is certain.
func TestFaults(t *testing.T) {
	tests := []struct {
		name         string
		faults       Faults
		wantStatus   int // 0: the connection is dropped
		wantLedger   int
		wantAnswered int
		wantRetry    string
	}{
		{"no faults", Faults{}, 201, 1, 201, ""},
		{"503", Faults{UnavailableRate: 1}, 503, 0, 0, "1"},
		{"500 before creating", Faults{ErrorRate: 1}, 500, 0, 0, ""},
		{"500 after creating", Faults{ErrorRate: 1, ErrorAfterCreate: 1}, 500, 1, 500, ""},
		{"drop before creating", Faults{DropRate: 1}, 0, 0, 0, ""},
		{"drop after creating", Faults{DropRate: 1, DropAfterCreate: 1}, 0, 1, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, url := serve(t, Options{Faults: tt.faults})
			got := post(t, url, DefaultKey, bodyWith(nil), nil)
			if tt.wantStatus == 0 {
				if got.err == nil {
					t.Errorf("status %d, want a dropped connection", got.status)
				}
			} else if got.status != tt.wantStatus {
				t.Errorf("status = %d (%v), want %d", got.status, got.err, tt.wantStatus)
			}
			if ra := got.header.Get("Retry-After"); got.err == nil && ra != tt.wantRetry {
				t.Errorf("Retry-After = %q, want %q", ra, tt.wantRetry)
			}
			led := s.Ledger()
			if len(led) != tt.wantLedger {
				t.Fatalf("ledger has %d entries, want %d", len(led), tt.wantLedger)
			}
			if len(led) == 1 && led[0].Answered != tt.wantAnswered {
				t.Errorf("Answered = %d, want %d", led[0].Answered, tt.wantAnswered)
			}
			if st := s.Stats(); st.ByStatus[tt.wantStatus] != 1 {
				t.Errorf("ByStatus = %v, want one %d", st.ByStatus, tt.wantStatus)
			}
		})
	}
}

// TestFaultsInvalidRowsUntouched: faults apply to valid requests only, so
// a 400 stays a 400.
func TestFaultsInvalidRowsUntouched(t *testing.T) {
	_, url := serve(t, Options{Faults: Faults{ErrorRate: 1}})
	got := post(t, url, DefaultKey, bodyWith(map[string]string{"sex": `5`}), nil)
	if got.status != http.StatusBadRequest {
		t.Errorf("status = %d, want 400", got.status)
	}
}

// run sends a fixed sequence of bodies (one repeated) one at a time and
// returns what came back: a status, or 0 for a dropped connection.
func runSequence(t *testing.T, seed uint64) (statuses []int, created int) {
	t.Helper()
	f := Faults{ErrorRate: 0.3, ErrorAfterCreate: 0.5, DropRate: 0.2, DropAfterCreate: 0.5,
		UnavailableRate: 0.1}
	s, url := serve(t, Options{Seed: seed, Faults: f})
	for i := range 60 {
		body := bodyWith(map[string]string{"weight": fmt.Sprint(40 + i%45)})
		got := post(t, url, DefaultKey, body, nil)
		statuses = append(statuses, got.status)
	}
	return statuses, len(s.Ledger())
}

func TestFaultsReproducible(t *testing.T) {
	a, na := runSequence(t, 7)
	b, nb := runSequence(t, 7)
	c, _ := runSequence(t, 8)
	if fmt.Sprint(a) != fmt.Sprint(b) || na != nb {
		t.Errorf("same seed, different runs:\n%v (%d created)\n%v (%d created)", a, na, b, nb)
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Errorf("seeds 7 and 8 gave the same %d answers", len(a))
	}
	counts := map[int]int{}
	for _, st := range a {
		counts[st]++
	}
	for _, st := range []int{0, 201, 500, 503} {
		if counts[st] == 0 {
			t.Errorf("no %d among 60 answers with every fault on: %v", st, counts)
		}
	}
	// The repeated bodies (weights 40–54 come twice) draw afresh.
	if fmt.Sprint(a[:15]) == fmt.Sprint(a[45:]) {
		t.Errorf("a repeated body drew the same faults again: %v", a[:15])
	}
}

// withWeight is the base body with another weight, to make it distinct.
func withWeight(kg int) []byte {
	return bodyWith(map[string]string{"weight": fmt.Sprint(kg)})
}
