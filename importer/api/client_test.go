package api

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// plantedKey is a fake key; no output may ever contain it.
const plantedKey = "ak_test_PLANTED-7f3c9e1b2d44"

const validID = "3b8f2c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b"

var sampleBody = []byte(`{"first_name":"Lena","sex":2,"date_of_birth":"1984-02-29",` +
	`"profile_group_slug":"acme-clinic-berlin"}`)

func newClient(t *testing.T, base string, opts Options) *Client {
	t.Helper()
	c, err := New(base, plantedKey, opts)
	if err != nil {
		t.Fatalf("New(%q): %v", base, err)
	}
	return c
}

// fixed answers every request with one status, header set and body.
func fixed(status int, hdr map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		for k, v := range hdr {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func TestNewBaseURL(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{"https://anivahealth.com", "https://anivahealth.com/api/v1/profiles", ""},
		{"https://anivahealth.com/", "https://anivahealth.com/api/v1/profiles", ""},
		{" https://anivahealth.com/api/v1/profiles/ ",
			"https://anivahealth.com/api/v1/profiles", ""},
		{"https://gw.example.org/aniva", "https://gw.example.org/aniva/api/v1/profiles", ""},
		{"https://anivahealth.com/api/v1", "https://anivahealth.com/api/v1/profiles", ""},
		{"https://gw.example.org/aniva/api/v1/", "https://gw.example.org/aniva/api/v1/profiles", ""},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v1/profiles", ""},
		{"http://127.9.9.9", "http://127.9.9.9/api/v1/profiles", ""},
		{"http://localhost:9", "http://localhost:9/api/v1/profiles", ""},
		{"http://LOCALHOST.", "http://LOCALHOST./api/v1/profiles", ""},
		{"http://[::1]:8080", "http://[::1]:8080/api/v1/profiles", ""},
		{"http://anivahealth.com", "", "plain http is refused for anivahealth.com"},
		{"http://127.0.0.1.nip.io", "", "plain http is refused"},
		{"http://10.0.0.5:8080", "", "plain http is refused"},
		{"http://[::ffff:10.0.0.5]", "", "plain http is refused"},
		{"ftp://anivahealth.com", "", `scheme "ftp" is not supported`},
		{"anivahealth.com", "", "has no host"},
		{"https://", "", "has no host"},
		{"https://user:secret@anivahealth.com", "", "must not contain credentials"},
		{"https://anivahealth.com/?token=x", "", "must not have a query or fragment"},
		{"https://anivahealth.com/#top", "", "must not have a query or fragment"},
		{"https://anivahealth.com:bad", "", "not a valid url"},
	}
	for _, tt := range tests {
		c, err := New(tt.in, plantedKey, Options{})
		switch {
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			if err != nil && (strings.Contains(err.Error(), "secret") ||
				strings.Contains(err.Error(), "token")) {
				t.Errorf("New(%q) error repeats the URL's secret part: %v", tt.in, err)
			}
		case err != nil:
			t.Errorf("New(%q): %v", tt.in, err)
		case c.Endpoint() != tt.want:
			t.Errorf("New(%q).Endpoint() = %q, want %q", tt.in, c.Endpoint(), tt.want)
		}
	}
}

func TestNewKeyAndTransportChecks(t *testing.T) {
	insecure := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	tests := []struct {
		name    string
		key     string
		opts    Options
		wantErr string
	}{
		{"empty key", "", Options{}, "api key is empty"},
		{"trailing newline", "abc123\n", Options{}, "at byte 7 (a trailing newline?)"},
		{"inner space", "abc 123", Options{}, "at byte 4"},
		{"non-ascii", "abcä", Options{}, "at byte 4"},
		{"TLS verification off", "abc123", Options{HTTPClient: insecure}, "skips TLS verification"},
		{"good", "abc123", Options{HTTPClient: &http.Client{}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New("https://anivahealth.com", tt.key, tt.opts)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestCreateSendsRequest(t *testing.T) {
	type seen struct {
		method, path string
		header       http.Header
		body         []byte
	}
	ch := make(chan seen, 2)
	ts := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ch <- seen{r.Method, r.URL.Path, r.Header, b}
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"`+validID+`","email":"x@example.org"}`)
	}))
	c := newClient(t, ts.URL, Options{UserAgent: "aniva-import/test"})
	c.Create(context.Background(), sampleBody, "f3a9-row-12")
	got := <-ch
	want := map[string]string{
		"X-Api-Key": plantedKey, "Content-Type": "application/json",
		"Idempotency-Key": "f3a9-row-12", "User-Agent": "aniva-import/test",
		"Accept": "application/json",
	}
	if got.method != http.MethodPost || got.path != EndpointPath {
		t.Errorf("request %s %s, want POST %s", got.method, got.path, EndpointPath)
	}
	for k, v := range want {
		if got.header.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.header.Get(k), v)
		}
	}
	if string(got.body) != string(sampleBody) {
		t.Errorf("body = %s, want %s", got.body, sampleBody)
	}
	c.Create(context.Background(), sampleBody, "")
	if got := <-ch; got.header.Values("Idempotency-Key") != nil {
		t.Errorf("Idempotency-Key sent without a key: %q", got.header.Values("Idempotency-Key"))
	}
}

func TestCreateClassifiesStatus(t *testing.T) {
	html := "<html><head><title>Bad Gateway</title></head><body>group</body></html>"
	tests := []struct {
		name   string
		status int
		hdr    map[string]string
		body   string
		want   Result
	}{
		{"201", 201, nil, `{"id":"` + validID + `","email":"p@example.org","handle":null}`,
			Result{Outcome: Created, ID: validID, Email: "p@example.org"}},
		{"201 email null", 201, nil, `{"id":"` + validID + `","email":null}`,
			Result{Outcome: Created, ID: validID}},
		{"200 with id", 200, nil, `{"id":"` + validID + `"}`,
			Result{Outcome: Created, ID: validID}},
		{"201 id not a UUID", 201, nil, `{"id":"12345"}`, Result{Outcome: Ambiguous,
			Reason: "HTTP 201 without a valid profile id: the profile may exist"}},
		{"201 id in braces", 201, nil, `{"id":"{` + validID + `}"}`, Result{Outcome: Ambiguous,
			Reason: "HTTP 201 without a valid profile id: the profile may exist"}},
		{"201 malformed", 201, nil, `{"id":"` + validID, Result{Outcome: Ambiguous,
			Reason: "HTTP 201 with a malformed JSON body: the profile may exist"}},
		{"201 empty", 201, nil, ``, Result{Outcome: Ambiguous,
			Reason: "HTTP 201 with a malformed JSON body: the profile may exist"}},
		{"400 fields", 400, nil, `{"errors":{"phone":"must be in E.164 format"}}`,
			Result{Outcome: Rejected, Reason: "phone: must be in E.164 format"}},
		{"401", 401, nil, `{"message":"invalid key"}`,
			Result{Outcome: Fatal, Reason: "HTTP 401: invalid key"}},
		{"403 scope", 403, nil, `{"message":"API key lacks the CREATE_USER scope"}`,
			Result{Outcome: Fatal, Reason: "HTTP 403: API key lacks the CREATE_USER scope"}},
		{"403 group", 403, nil, `{"message":"profile group is outside your access context"}`,
			Result{Outcome: Rejected, GroupProblem: true,
				Reason: "HTTP 403: profile group is outside your access context"}},
		{"403 group, scope wording", 403, nil, `{"message":"group outside this key's scope"}`,
			Result{Outcome: Rejected, GroupProblem: true,
				Reason: "HTTP 403: group outside this key's scope"}},
		{"403 scope without name", 403, nil, `{"message":"insufficient scope"}`,
			Result{Outcome: Fatal, Reason: "HTTP 403: insufficient scope"}},
		{"403 unspecific", 403, nil, `{"message":"Forbidden"}`,
			Result{Outcome: Rejected, GroupProblem: true, Unclear403: true, Reason: "HTTP 403: Forbidden"}},
		{"403 HTML", 403, map[string]string{"Content-Type": "text/html"}, html,
			Result{Outcome: Fatal, Reason: "HTTP 403 from a proxy (HTML page: Bad Gateway)"}},
		{"404 group", 404, nil, `{"message":"Profile group not found"}`,
			Result{Outcome: Rejected, GroupProblem: true,
				Reason: "HTTP 404: Profile group not found"}},
		{"404 empty", 404, nil, ``, Result{Outcome: Rejected, GroupProblem: true,
			Reason: "HTTP 404 Not Found (empty body)"}},
		{"404 HTML", 404, map[string]string{"Content-Type": "text/html"}, "<html>nope</html>",
			Result{Outcome: Fatal,
				Reason: "HTTP 404 from a proxy (HTML page): check the base URL"}},
		{"408", 408, nil, ``, Result{Outcome: NotCreated,
			Reason: "HTTP 408 Request Timeout (empty body)"}},
		{"409", 409, nil, `conflict`, Result{Outcome: Rejected, Reason: "HTTP 409: conflict"}},
		{"422", 422, nil, `{"message":"key reused"}`,
			Result{Outcome: Rejected, Reason: "HTTP 422: key reused"}},
		{"429 with Retry-After", 429, map[string]string{"Retry-After": "3"},
			`{"message":"slow down"}`, Result{Outcome: NotCreated, RetryAfter: 3 * time.Second,
				Reason: "HTTP 429: slow down"}},
		{"429 bare", 429, nil, ``, Result{Outcome: NotCreated,
			Reason: "HTTP 429 Too Many Requests (empty body)"}},
		{"500", 500, nil, `{"message":"internal server error"}`,
			Result{Outcome: Ambiguous, Reason: "HTTP 500: internal server error"}},
		{"502 HTML", 502, map[string]string{"Content-Type": "text/html"}, html,
			Result{Outcome: Ambiguous, Reason: "HTTP 502 from a proxy (HTML page: Bad Gateway)"}},
		{"503 with Retry-After", 503, map[string]string{"Retry-After": "2"}, ``,
			Result{Outcome: NotCreated, RetryAfter: 2 * time.Second,
				Reason: "HTTP 503 Service Unavailable (empty body)"}},
		{"503 Retry-After 0", 503, map[string]string{"Retry-After": "0"}, ``,
			Result{Outcome: NotCreated, Reason: "HTTP 503 Service Unavailable (empty body)"}},
		{"503 bare", 503, nil, ``, Result{Outcome: Ambiguous,
			Reason: "HTTP 503 Service Unavailable (empty body)"}},
		{"504", 504, nil, `upstream timed out`,
			Result{Outcome: Ambiguous, Reason: "HTTP 504: upstream timed out"}},
		{"599", 599, nil, ``, Result{Outcome: Ambiguous, Reason: "HTTP 599 (empty body)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := serve(t, fixed(tt.status, tt.hdr, tt.body))
			got := newClient(t, ts.URL, Options{}).Create(context.Background(), sampleBody, "k")
			tt.want.Status = tt.status
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCreateBodySizeCap(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	tests := []struct {
		name        string
		status      int
		body        string
		wantOutcome Outcome
		wantPrefix  string
	}{
		{"huge 201", 201, `{"id":"` + validID + `","pad":"` + huge + `"}`, Ambiguous,
			"HTTP 201 with a body over the size cap"},
		{"huge 400", 400, huge, Rejected, "HTTP 400: xxxx"},
		{"huge 502", 502, "<html><title>gw</title>" + huge, Ambiguous,
			"HTTP 502 from a proxy (HTML page: gw)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := serve(t, fixed(tt.status, nil, tt.body))
			got := newClient(t, ts.URL, Options{MaxBodyBytes: 4096}).
				Create(context.Background(), sampleBody, "k")
			if got.Outcome != tt.wantOutcome || !strings.HasPrefix(got.Reason, tt.wantPrefix) {
				t.Errorf("got %v %q, want %v starting %q", got.Outcome, got.Reason,
					tt.wantOutcome, tt.wantPrefix)
			}
			if n := len([]rune(got.Reason)); n > maxReason {
				t.Errorf("reason has %d runes, want at most %d", n, maxReason)
			}
		})
	}
}

// slowBody sends the status and part of a body, then stalls.
func slowBody(status int, part string, stall time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, part)
		w.(http.Flusher).Flush()
		select {
		case <-time.After(stall):
		case <-r.Context().Done():
		}
	}
}

func TestCreateSlowAnswers(t *testing.T) {
	tests := []struct {
		name        string
		handler     http.HandlerFunc
		wantOutcome Outcome
		wantReason  string
	}{
		{"slow 201 body", slowBody(201, `{"id":"`, 5*time.Second), Ambiguous,
			"HTTP 201 but the body could not be read: the profile may exist"},
		{"slow 400 body", slowBody(400, `{"errors":`, 5*time.Second), Rejected,
			`HTTP 400 (malformed JSON body): {"errors":`},
		{"slow 500 body", slowBody(500, ``, 5*time.Second), Ambiguous,
			"HTTP 500 Internal Server Error (body unreadable)"},
		{"no answer", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		}, Ambiguous, "no answer from HOST after the request was sent (timed out): " +
			"the profile may exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := serve(t, tt.handler)
			c := newClient(t, ts.URL, Options{Timeout: 200 * time.Millisecond})
			start := time.Now()
			got := c.Create(context.Background(), sampleBody, "k")
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("Create took %v, want it bounded by the 200ms timeout", el)
			}
			want := strings.ReplaceAll(tt.wantReason, "HOST", c.Host())
			if got.Outcome != tt.wantOutcome || got.Reason != want {
				t.Errorf("got %v %q\nwant %v %q", got.Outcome, got.Reason, tt.wantOutcome, want)
			}
		})
	}
}

// hijackClose reads the request, then closes the connection unanswered.
func hijackClose(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestCreateConnectionDropped(t *testing.T) {
	ts := serve(t, http.HandlerFunc(hijackClose))
	c := newClient(t, ts.URL, Options{})
	got := c.Create(context.Background(), sampleBody, "k")
	want := "no answer from " + c.Host() + " after the request was sent " +
		"(connection closed by the server): the profile may exist"
	if got.Outcome != Ambiguous || got.Reason != want || got.Err == nil || got.Status != 0 {
		t.Errorf("got %+v\nwant Ambiguous %q with an Err", got, want)
	}
}

// TestNoSilentResend: net/http resends a POST carrying Idempotency-Key by
// itself when a reused connection drops; the client must prevent that, or
// a server ignoring the key would create the profile twice.
func TestNoSilentResend(t *testing.T) {
	var n atomic.Int32
	ts := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			fixed(201, nil, `{"id":"`+validID+`"}`)(w, r)
			return
		}
		hijackClose(w, r)
	}))
	c := newClient(t, ts.URL, Options{})
	if got := c.Create(context.Background(), sampleBody, "k1"); got.Outcome != Created {
		t.Fatalf("first: %v, want created", got)
	}
	got := c.Create(context.Background(), sampleBody, "k2")
	if got.Outcome != Ambiguous {
		t.Errorf("second: %v, want ambiguous", got)
	}
	if n.Load() != 2 {
		t.Errorf("server received %d requests, want 2 (no silent resend)", n.Load())
	}
}

func TestCreateNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()
	dnsFail := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: network,
				Err: &net.DNSError{Err: "no such host", Name: "api.example", IsNotFound: true}}
		}}}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		base   string
		opts   Options
		ctx    context.Context
		reason string
	}{
		{"connection refused", refused, Options{}, context.Background(), "connection refused"},
		{"DNS failure", "https://api.example", Options{HTTPClient: dnsFail},
			context.Background(), "host name not found"},
		{"cancelled before sending", refused, Options{}, cancelled, "cancelled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, tt.base, tt.opts)
			got := c.Create(tt.ctx, sampleBody, "k")
			want := "request to " + c.Host() + " not sent: " + tt.reason
			if got.Outcome != NotCreated || got.Reason != want || got.Err == nil {
				t.Errorf("got %+v\nwant NotCreated %q with an Err", got, want)
			}
		})
	}
}

func TestCancelledWhileWaiting(t *testing.T) {
	release := make(chan struct{})
	ts := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	got := newClient(t, ts.URL, Options{}).Create(ctx, sampleBody, "k")
	if got.Outcome != Ambiguous || !errors.Is(got.Err, context.Canceled) ||
		!strings.Contains(got.Reason, "(cancelled)") {
		t.Errorf("got %+v, want Ambiguous, cancelled, wrapping context.Canceled", got)
	}
}

func TestRedirectNeverFollowed(t *testing.T) {
	var elsewhere atomic.Int32
	var leaked sync.Map
	other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		leaked.Store(r.Header.Get("x-api-key"), true)
	}))
	otherHost := strings.TrimPrefix(other.URL, "http://")
	for _, status := range []int{301, 302, 303, 307, 308} {
		ts := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/api/v1/profiles?from=redirect", status)
		}))
		got := newClient(t, ts.URL, Options{}).Create(context.Background(), sampleBody, "k")
		want := "unexpected redirect (HTTP " + strconv.Itoa(status) + ") to " + otherHost +
			": not followed, check the base URL"
		if got.Outcome != Fatal || got.Reason != want {
			t.Errorf("%d: got %v %q\nwant Fatal %q", status, got.Outcome, got.Reason, want)
		}
	}
	if elsewhere.Load() != 0 {
		t.Errorf("the redirect target received %d requests, want 0", elsewhere.Load())
	}
}

func TestTLS(t *testing.T) {
	ts := httptest.NewUnstartedServer(fixed(201, nil, `{"id":"`+validID+`"}`))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	ts.StartTLS()
	defer ts.Close()
	trusted := newClient(t, ts.URL, Options{HTTPClient: ts.Client()})
	if got := trusted.Create(context.Background(), sampleBody, "k"); got.Outcome != Created {
		t.Errorf("trusted certificate: %v, want created", got)
	}
	untrusted := newClient(t, ts.URL, Options{})
	got := untrusted.Create(context.Background(), sampleBody, "k")
	if got.Outcome != Fatal || !strings.HasPrefix(got.Reason,
		"TLS certificate of "+untrusted.Host()+" is not trusted") {
		t.Errorf("untrusted certificate: %+v, want Fatal naming the certificate", got)
	}
}
