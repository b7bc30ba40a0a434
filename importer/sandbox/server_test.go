package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestCreatedBodyEchoesProfile(t *testing.T) {
	_, url := serve(t, Options{})
	got := post(t, url, DefaultKey, bodyWith(nil), nil)
	if got.status != http.StatusCreated {
		t.Fatalf("status = %d, want 201; body %s", got.status, got.body)
	}
	p := created(t, got.body)
	id, _ := p["id"].(string)
	if _, err := uuid.Parse(id); err != nil || len(id) != 36 {
		t.Fatalf("id = %q, want a UUID", id)
	}
	want := `{"id":"` + id + `","handle":null,"first_name":"Lena","last_name":"Brückner",` +
		`"email":"lena.brueckner@example.org","phone":"+4930555000111","sex":2,` +
		`"date_of_birth":"1984-02-29","height":168.5,"weight":61,"language":"de"}`
	if string(got.body) != want {
		t.Errorf("body = %s\nwant   %s", got.body, want)
	}
	if ct := got.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
}

func TestCreatedBodyDefaults(t *testing.T) {
	_, url := serve(t, Options{})
	body := bodyWith(map[string]string{"last_name": "", "email": "", "phone": "",
		"height": "", "weight": "", "language": ""})
	got := post(t, url, DefaultKey, body, nil)
	p := created(t, got.body)
	id, _ := p["id"].(string)
	want := map[string]any{
		"id": id, "handle": nil, "first_name": "Lena", "last_name": nil,
		"email": id + "@" + EmailDomain, "phone": nil, "sex": float64(2),
		"date_of_birth": "1984-02-29", "height": nil, "weight": nil, "language": "en",
	}
	if len(p) != len(want) {
		t.Errorf("body has %d members, want %d: %s", len(p), len(want), got.body)
	}
	for k, w := range want {
		if p[k] != w {
			t.Errorf("%s = %v, want %v", k, p[k], w)
		}
	}
	if strings.Contains(p["email"].(string), "lena") {
		t.Errorf("generated email carries a patient value: %v", p["email"])
	}
}

func TestKeysScopesAndGroups(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		key     string
		group   string
		want    int
		wantMsg string
	}{
		{"default key, own group", Options{}, DefaultKey, "kallio-health-helsinki", 201, ""},
		{"no key", Options{}, "", "acme-clinic-berlin", 401, "missing or invalid API key"},
		{"unknown key", Options{}, "sandbox2", "acme-clinic-berlin", 401,
			"missing or invalid API key"},
		{"read-only key", Options{}, ReadOnlyKey, "acme-clinic-berlin", 403,
			"API key lacks the CREATE_USER scope"},
		{"missing scope fault", Options{Faults: Faults{MissingScope: true}}, DefaultKey,
			"acme-clinic-berlin", 403, "API key lacks the CREATE_USER scope"},
		{"group outside access", Options{}, DefaultKey, OutsideGroup, 403,
			"profile group is outside this API key's access context"},
		{"unknown group", Options{}, DefaultKey, "no-such-clinic", 404, "profile group not found"},
		{"custom key and group", Options{Keys: map[string]Key{"k-1": {
			Scopes: []string{"READ_USER", ScopeCreateUser}, Groups: []string{"g-1"}}}},
			"k-1", "g-1", 201, ""},
		{"custom keys replace defaults", Options{Keys: map[string]Key{"k-1": {}}},
			DefaultKey, "acme-clinic-berlin", 401, "missing or invalid API key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, url := serve(t, tt.opts)
			body := bodyWith(map[string]string{"profile_group_slug": `"` + tt.group + `"`})
			got := post(t, url, tt.key, body, nil)
			if got.status != tt.want {
				t.Fatalf("status = %d, want %d; body %s", got.status, tt.want, got.body)
			}
			if tt.want != 201 {
				var e errorJSON
				if err := json.Unmarshal(got.body, &e); err != nil || e.Message != tt.wantMsg {
					t.Errorf("body = %s, want message %q", got.body, tt.wantMsg)
				}
			}
			wantLedger := 0
			if tt.want == 201 {
				wantLedger = 1
			}
			if n := len(s.Ledger()); n != wantLedger {
				t.Errorf("ledger has %d entries, want %d", n, wantLedger)
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	s, url := serve(t, Options{})
	resp, err := http.Get(url + EndpointPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %d Allow=%q, want 405 Allow=POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
	resp, err = http.Post(url+"/api/v1/profile", "application/json", bytes.NewReader(bodyWith(nil)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("other path: %d, want 404", resp.StatusCode)
	}
	st := s.Stats()
	if st.Requests != 2 || st.ByStatus[405] != 1 || st.ByStatus[404] != 1 || st.Created != 0 {
		t.Errorf("stats = %+v, want 2 requests, one 405, one 404", st)
	}
}

func TestLedger(t *testing.T) {
	s, url := serve(t, Options{})
	bodies := [][]byte{
		bodyWith(nil),
		bodyWith(map[string]string{"first_name": `"Jonas"`, "sex": `1`}),
	}
	var ids []string
	for i, b := range bodies {
		got := post(t, url, DefaultKey, b, idem(fmt.Sprint("k", i)))
		ids = append(ids, created(t, got.body)["id"].(string))
	}
	post(t, url, DefaultKey, bodyWith(map[string]string{"sex": `9`}), nil) // 400, not in ledger
	led := s.Ledger()
	if len(led) != 2 {
		t.Fatalf("ledger has %d entries, want 2", len(led))
	}
	for i, e := range led {
		if e.ID != ids[i] || !bytes.Equal(e.Body, bodies[i]) || e.Answered != 201 ||
			e.IdempotencyKey != fmt.Sprint("k", i) || !e.Time.Equal(testToday) {
			t.Errorf("entry %d = %+v, want id %s, the body sent, key k%d, 201", i, e, ids[i], i)
		}
	}
	led[0].Body[0] = 'X'
	if s.Ledger()[0].Body[0] != '{' {
		t.Error("Ledger returned the server's own body bytes, not a copy")
	}
	if s.Requests() != 3 {
		t.Errorf("Requests() = %d, want 3", s.Requests())
	}
}

func TestConcurrentCreates(t *testing.T) {
	s, url := serve(t, Options{})
	const n = 40
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := `"` + strings.Repeat("x", i+1) + `"`
			got := post(t, url, DefaultKey, bodyWith(map[string]string{"first_name": h}), nil)
			if got.status == http.StatusCreated {
				ids[i], _ = created(t, got.body)["id"].(string)
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, id := range ids {
		if id == "" || seen[id] {
			t.Errorf("request %d: id %q missing or repeated", i, id)
		}
		seen[id] = true
	}
	if st := s.Stats(); st.Created != n || st.Requests != n || st.ByStatus[201] != n {
		t.Errorf("stats = %+v, want %d requests, all created", st, n)
	}
}

func TestStartBindsLoopback(t *testing.T) {
	tests := []struct {
		addr    string
		remote  bool
		wantErr string
	}{
		{"", false, ""},
		{"127.0.0.1:0", false, ""},
		{"localhost:0", false, ""},
		{"0.0.0.0:0", false, "not a loopback address"},
		{":0", false, "not a loopback address"},
		{"192.0.2.10:8080", false, "not a loopback address"},
		{"no-port", false, "missing port"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			s := New(Options{AllowRemote: tt.remote, Clock: fixedClock})
			url, stop, err := s.Start(tt.addr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer stop(context.Background())
			if !strings.HasPrefix(url, "http://127.0.0.1:") &&
				!strings.HasPrefix(url, "http://[::1]:") {
				t.Errorf("url = %q, want a loopback http://HOST:PORT", url)
			}
			if got := post(t, url, DefaultKey, bodyWith(nil), nil); got.status != 201 {
				t.Errorf("status = %d, want 201 (%v)", got.status, got.err)
			}
		})
	}
}

func TestShutdownStopsServing(t *testing.T) {
	s := New(Options{})
	url, stop, err := s.Start("")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := stop(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if got := post(t, url, DefaultKey, bodyWith(nil), nil); got.err == nil {
		t.Errorf("after shutdown: status %d, want a connection error", got.status)
	}
}
