package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"aniva-import/importer/sandbox"
)

// recorder is a server written apart from the sandbox, from the reference
// page alone: it checks the key and records every request it receives.
type recorder struct {
	mu     sync.Mutex
	bodies []string
	heads  []http.Header
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.bodies = append(rc.bodies, string(body))
	rc.heads = append(rc.heads, r.Header.Clone())
	rc.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/api/v1/profiles" ||
		r.Header.Get("x-api-key") != "recorder-key" {
		http.Error(w, `{"message":"nope"}`, http.StatusUnauthorized)
		return
	}
	var p map[string]any
	json.Unmarshal(body, &p)
	p["id"] = uuid.NewString()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(p)
}

// TestRequestsMatchAnIndependentServer runs the same sample against the
// sandbox and against a server of its own: the requests must be the same.
func TestRequestsMatchAnIndependentServer(t *testing.T) {
	sb := sandbox.New(sandbox.DefaultOptions())
	sbSrv := httptest.NewServer(sb)
	defer sbSrv.Close()
	rec := &recorder{}
	recSrv := httptest.NewServer(rec)
	defer recSrv.Close()

	in := copySample(t, "clinic-leeds.csv")
	common := []string{"import", in, "--phone-region", "GB", "--concurrency", "1", "--rate", "0",
		"--group", "riverside-clinic-leeds"}
	command(t, map[string]string{"ANIVA_API_KEY": sandbox.DefaultKey},
		append(common, "--base-url", sbSrv.URL, "--out", filepath.Join(t.TempDir(), "a.csv"))...)
	command(t, map[string]string{"ANIVA_API_KEY": "recorder-key"},
		append(common, "--base-url", recSrv.URL, "--out", filepath.Join(t.TempDir(), "b.csv"))...)

	var viaSandbox []string
	for _, e := range sb.Ledger() {
		viaSandbox = append(viaSandbox, string(e.Body))
	}
	// The sandbox refuses the rows of a forbidden group; the recorder takes all.
	var sent []string
	for _, b := range rec.bodies {
		if !strings.Contains(b, sandbox.OutsideGroup) {
			sent = append(sent, b)
		}
	}
	if len(sent) == 0 || !sameSet(sent, viaSandbox) {
		t.Errorf("bodies differ: the recorder got %d, the sandbox created %d", len(sent),
			len(viaSandbox))
	}
	for _, h := range rec.heads {
		if h.Get("Content-Type") != "application/json" || h.Get("Idempotency-Key") == "" {
			t.Errorf("headers %v", h)
			break
		}
	}
}

// TestXLSXSampleResults runs the Finnish workbook and reads its results
// sheet back with excelize.
func TestXLSXSampleResults(t *testing.T) {
	in := copySample(t, "terveys-helsinki.xlsx")
	code, _, stderr := command(t, nil, "import", in, "--sandbox", "--phone-region", "FI", "--rate", "0")
	if code != exitPartial {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	f, err := excelize.OpenFile(strings.TrimSuffix(in, ".xlsx") + ".results.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	want := []string{"import_status", "profile_id", "import_error", "import_hint", "generated_email",
		"source_row"}
	if !slices.Equal(header[len(header)-6:], want) {
		t.Fatalf("header ends %q, want %q", header[len(header)-6:], want)
	}
	st, id := column(header, "import_status"), column(header, "profile_id")
	created, bad := 0, 0
	for _, r := range rows[1:] {
		for len(r) < len(header) {
			r = append(r, "")
		}
		switch r[st] {
		case "created":
			created++
			// A sandbox id is marked, so that a real run never takes it for its own.
			if sid, ok := strings.CutPrefix(r[id], "sandbox:"); !ok || uuid.Validate(sid) != nil {
				t.Errorf("created row with id %q, want sandbox:UUID", r[id])
			}
		case "invalid", "rejected":
			bad++
		default:
			t.Errorf("status %q", r[st])
		}
	}
	if created != 31 || bad != 5 {
		t.Errorf("created %d, bad %d; want 31 and 5 (samples/README.md)", created, bad)
	}
	if len(f.GetSheetList()) < 2 {
		t.Errorf("no summary sheet: %v", f.GetSheetList())
	}
}

// TestMappingCommandRoundTrip prints each sample's automatic mapping, feeds
// it back with --mapping, and expects the very same requests.
func TestMappingCommandRoundTrip(t *testing.T) {
	for _, s := range []struct{ file, region string }{
		{"praxis-berlin.csv", "DE"}, {"terveys-helsinki.xlsx", "FI"}, {"clinic-leeds.csv", "GB"},
	} {
		t.Run(s.file, func(t *testing.T) {
			in := copySample(t, s.file)
			code, yaml, stderr := command(t, nil, "mapping", in)
			if code != exitOK || !strings.Contains(yaml, "first_name") {
				t.Fatalf("mapping: exit %d, stderr %s", code, stderr)
			}
			spec := filepath.Join(t.TempDir(), "mapping.yaml")
			os.WriteFile(spec, []byte(yaml), 0o600)
			bodies := func(extra ...string) []string {
				sb := sandbox.New(sandbox.DefaultOptions())
				srv := httptest.NewServer(sb)
				defer srv.Close()
				args := append([]string{"import", in, "--base-url", srv.URL, "--phone-region", s.region,
					"--concurrency", "1", "--rate", "0", "--out", filepath.Join(t.TempDir(), "r"+
						filepath.Ext(in))}, extra...)
				command(t, map[string]string{"ANIVA_API_KEY": sandbox.DefaultKey}, args...)
				var out []string
				for _, e := range sb.Ledger() {
					out = append(out, string(e.Body))
				}
				return out
			}
			auto, mapped := bodies(), bodies("--mapping", spec)
			if len(auto) == 0 || !sameSet(auto, mapped) {
				t.Errorf("automatic %d requests, with the printed mapping %d, or they differ",
					len(auto), len(mapped))
			}
		})
	}
}

// sameSet compares requests regardless of the order the workers sent them.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
