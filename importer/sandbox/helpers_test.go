package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testToday is the sandbox's "now" in tests: dates before 2025-06-15 are
// in the past.
var testToday = time.Date(2025, 6, 15, 9, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return testToday }

// field is one member of a request body, its value as raw JSON.
type field struct{ name, raw string }

// baseFields is a valid request for an invented patient.
func baseFields() []field {
	return []field{
		{"first_name", `"Lena"`},
		{"last_name", `"Brückner"`},
		{"sex", `2`},
		{"date_of_birth", `"1984-02-29"`},
		{"profile_group_slug", `"acme-clinic-berlin"`},
		{"email", `"lena.brueckner@example.org"`},
		{"phone", `"+4930555000111"`},
		{"height", `168.5`},
		{"weight", `61`},
		{"language", `"de"`},
	}
}

// bodyWith renders baseFields with some values replaced (raw "" deletes
// the field) and extra fields appended, keeping the order.
func bodyWith(set map[string]string) []byte {
	var parts []string
	seen := map[string]bool{}
	for _, f := range baseFields() {
		raw := f.raw
		if v, ok := set[f.name]; ok {
			raw = v
			seen[f.name] = true
		}
		if raw != "" {
			parts = append(parts, `"`+f.name+`":`+raw)
		}
	}
	for name, raw := range set {
		if !seen[name] && raw != "" {
			parts = append(parts, `"`+name+`":`+raw)
		}
	}
	return []byte("{" + strings.Join(parts, ",") + "}")
}

// reply is what a test request got back.
type gotReply struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// post sends body to the server's endpoint with key ("" sends none).
func post(t *testing.T, base, key string, body []byte, hdr map[string]string) gotReply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+EndpointPath, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	// As the importer's client does: without GetBody, net/http never
	// resends a POST by itself after a dropped connection.
	req.GetBody = nil
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("x-api-key", key)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return gotReply{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return gotReply{status: resp.StatusCode, header: resp.Header, body: b, err: err}
}

// serve starts an httptest server for opts, with the fixed clock unless
// opts has one.
func serve(t *testing.T, opts Options) (*Server, string) {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = fixedClock
	}
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

// errorsOf decodes the "errors" object of a 400 body.
func errorsOf(t *testing.T, body []byte) map[string]string {
	t.Helper()
	var v struct {
		Error  string            `json:"error"`
		Errors map[string]string `json:"errors"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("400 body is not JSON: %v: %s", err, body)
	}
	return v.Errors
}

// created decodes a 201 body.
func created(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("201 body is not JSON: %v: %s", err, body)
	}
	return v
}
