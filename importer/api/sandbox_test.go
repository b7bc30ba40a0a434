package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"aniva-import/importer/api"
	"aniva-import/importer/sandbox"
	"aniva-import/mapping"
)

func encode(t *testing.T, p mapping.Profile) []byte {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func profile(mod func(*mapping.Profile)) mapping.Profile {
	h := 181.0
	p := mapping.Profile{
		FirstName: "Jonas", LastName: "Lindqvist", Sex: 1, DateOfBirth: "1979-11-03",
		ProfileGroupSlug: "kallio-health-helsinki", Phone: "+358405550123", Height: &h,
		Language: "fi",
	}
	if mod != nil {
		mod(&p)
	}
	return p
}

// TestAgainstSandbox runs the client against the stand-in over real HTTP:
// each answer the API documents, and each fault, classed as the importer
// needs.
func TestAgainstSandbox(t *testing.T) {
	tests := []struct {
		name      string
		opts      sandbox.Options
		key       string
		mod       func(*mapping.Profile)
		want      api.Outcome
		reason    string
		group     bool
		retry     time.Duration
		wantInLed int
	}{
		{"created", sandbox.Options{}, sandbox.DefaultKey, nil, api.Created, "", false, 0, 1},
		{"invalid fields", sandbox.Options{}, sandbox.DefaultKey, func(p *mapping.Profile) {
			p.FirstName, p.Sex, p.Phone = "Jonas3", 0, "0405550123"
		}, api.Rejected, "first_name: must use latin characters; sex: must be 1 (male) or 2 " +
			"(female); phone: must be in E.164 format (e.g. +14155552671)", false, 0, 0},
		{"unknown group", sandbox.Options{}, sandbox.DefaultKey, func(p *mapping.Profile) {
			p.ProfileGroupSlug = "kallio-health-espoo"
		}, api.Rejected, "HTTP 404: profile group not found", true, 0, 0},
		{"group outside access", sandbox.Options{}, sandbox.DefaultKey, func(p *mapping.Profile) {
			p.ProfileGroupSlug = sandbox.OutsideGroup
		}, api.Rejected, "HTTP 403: profile group is outside this API key's access context",
			true, 0, 0},
		{"unknown key", sandbox.Options{}, "not-a-key", nil, api.Fatal,
			"HTTP 401: missing or invalid API key", false, 0, 0},
		{"key without scope", sandbox.Options{}, sandbox.ReadOnlyKey, nil, api.Fatal,
			"HTTP 403: API key lacks the CREATE_USER scope", false, 0, 0},
		{"rate limited", sandbox.Options{Faults: sandbox.Faults{RateLimit: 1, RateBurst: 1}},
			sandbox.DefaultKey, nil, api.NotCreated, "HTTP 429: too many requests", false,
			time.Second, 1},
		{"503", sandbox.Options{Faults: sandbox.Faults{UnavailableRate: 1}}, sandbox.DefaultKey,
			nil, api.NotCreated, "HTTP 503: service unavailable, retry later", false,
			time.Second, 0},
		{"500 after creating", sandbox.Options{Faults: sandbox.Faults{ErrorRate: 1,
			ErrorAfterCreate: 1}}, sandbox.DefaultKey, nil, api.Ambiguous,
			"HTTP 500: internal server error", false, 0, 1},
		{"dropped after creating", sandbox.Options{Faults: sandbox.Faults{DropRate: 1,
			DropAfterCreate: 1}}, sandbox.DefaultKey, nil, api.Ambiguous,
			"after the request was sent (connection closed by the server)", false, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sandbox.New(tt.opts)
			ts := httptest.NewServer(s)
			defer ts.Close()
			c, err := api.New(ts.URL, tt.key, api.Options{})
			if err != nil {
				t.Fatal(err)
			}
			body := encode(t, profile(tt.mod))
			got := c.Create(context.Background(), body, "row-2")
			if tt.name == "rate limited" { // the first passes, the second meets the limit
				got = c.Create(context.Background(), body, "row-2")
			}
			if got.Outcome != tt.want || !strings.Contains(got.Reason, tt.reason) ||
				got.GroupProblem != tt.group || got.RetryAfter != tt.retry {
				t.Errorf("got %+v\nwant %v %q group=%v retry=%v", got, tt.want, tt.reason,
					tt.group, tt.retry)
			}
			led := s.Ledger()
			if len(led) != tt.wantInLed {
				t.Fatalf("ledger has %d entries, want %d", len(led), tt.wantInLed)
			}
			if got.Outcome == api.Created &&
				(led[0].ID != got.ID || string(led[0].Body) != string(body)) {
				t.Errorf("ledger %+v does not match the result %+v", led[0], got)
			}
		})
	}
}

func TestSandboxGeneratedEmail(t *testing.T) {
	ts := httptest.NewServer(sandbox.New(sandbox.Options{}))
	defer ts.Close()
	c, err := api.New(ts.URL, sandbox.DefaultKey, api.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := c.Create(context.Background(), encode(t, profile(nil)), "")
	if got.Outcome != api.Created || got.Email != got.ID+"@"+sandbox.EmailDomain {
		t.Errorf("got %+v, want created with the generated email", got)
	}
}

// TestSandboxConcurrentFaults: many workers, every fault on, idempotency
// honoured, each row retried with its key until settled. No row may be
// created twice, and every ambiguous answer is settled by the replay.
func TestSandboxConcurrentFaults(t *testing.T) {
	f := sandbox.Faults{ErrorRate: 0.2, ErrorAfterCreate: 0.5, DropRate: 0.15,
		DropAfterCreate: 0.5, UnavailableRate: 0.1}
	s := sandbox.New(sandbox.Options{Faults: f, HonourIdempotency: true, Seed: 3})
	ts := httptest.NewServer(s)
	defer ts.Close()
	c, err := api.New(ts.URL, sandbox.DefaultKey, api.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	const rows = 120
	ids := make([]string, rows)
	var wg sync.WaitGroup
	for i := range rows {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := float64(50 + i)
			body := encode(t, profile(func(p *mapping.Profile) { p.Weight = &w }))
			for range 30 {
				r := c.Create(context.Background(), body, fmt.Sprint("row-", i))
				if r.Outcome == api.Created {
					ids[i] = r.ID
					return
				}
			}
		}()
	}
	wg.Wait()
	byID := map[string]int{}
	for i, id := range ids {
		if id == "" {
			t.Errorf("row %d never settled", i)
		}
		byID[id]++
	}
	led := s.Ledger()
	if len(led) != rows {
		t.Errorf("ledger has %d entries, want %d (one per row)", len(led), rows)
	}
	for _, e := range led {
		if byID[e.ID] != 1 {
			t.Errorf("ledger id %s reported to %d rows, want 1", e.ID, byID[e.ID])
		}
	}
}
