package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"aniva-import/importer/api"
	"aniva-import/importer/sandbox"
	"aniva-import/importer/sheet"
	"aniva-import/importer/testgen"
	"aniva-import/mapping"
)

// patientCSV writes n valid invented patients, with bad rows at the given
// positions (1-based data rows), and returns the path.
func patientCSV(t *testing.T, n int, bad map[int]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("First name,Last name,Sex,Date of birth,Email,Phone,Clinic\n")
	for i := 1; i <= n; i++ {
		first := "Anna" + testgen.Letters(i)
		dob := fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28)
		row := []string{first, "Testperson", "f", dob, fmt.Sprintf("p%d@example.com", i),
			"+49 30 1234567", "acme-clinic-berlin"}
		switch bad[i] {
		case "future":
			row[3] = "2999-01-01"
		case "digit":
			row[0] = "Ann4"
		case "group404":
			row[6] = "no-such-clinic"
		case "group403":
			row[6] = sandbox.OutsideGroup
		}
		b.WriteString(strings.Join(row, ",") + "\n")
	}
	path := filepath.Join(t.TempDir(), "patients.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// createdList imports n invented patients into a fresh sandbox addressed
// as a real API, and checks that every one was created.
func createdList(t *testing.T, n int) (in string, sb *sandbox.Server, client *api.Client, first Summary) {
	t.Helper()
	in = patientCSV(t, n, nil)
	sb, client = startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client, API: client.Endpoint()})
	if err != nil || first.Counts["created"] != n {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	return in, sb, client, first
}

func startSandbox(t *testing.T, opts sandbox.Options) (*sandbox.Server, *api.Client) {
	t.Helper()
	sb := sandbox.New(opts)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := api.New(srv.URL, sandbox.DefaultKey, api.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return sb, c
}

// readResults reads a CSV results sheet into maps keyed by column name.
func readResults(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// editCSV reads a CSV results sheet, lets edit change its records, and
// writes them to out, as an operator would in a spreadsheet.
func editCSV(t *testing.T, path, out string, edit func(recs [][]string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	edit(recs)
	f, err = os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := csv.NewWriter(f).WriteAll(recs); err != nil {
		t.Fatal(err)
	}
}

func TestRunCreatesValidRowsAndReportsTheRest(t *testing.T) {
	in := patientCSV(t, 12, map[int]string{3: "future", 5: "digit", 7: "group404", 8: "group404",
		10: "group403"})
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"created": 7, "invalid": 2, "rejected": 3}
	for s, n := range want {
		if sum.Counts[s] != n {
			t.Errorf("count %s = %d, want %d (all: %v)", s, sum.Counts[s], n, sum.Counts)
		}
	}
	rows := readResults(t, sum.Out)
	if len(rows) != 12 {
		t.Fatalf("results have %d rows, want 12", len(rows))
	}
	ledger := map[string]mapping.Profile{}
	for _, e := range sb.Ledger() {
		var p mapping.Profile
		json.Unmarshal(e.Body, &p)
		ledger[e.ID] = p
	}
	for i, r := range rows {
		line := fmt.Sprint(i + 2)
		if r["source_row"] != line {
			t.Errorf("row %d: source_row = %q, want %s", i, r["source_row"], line)
		}
		if r["import_status"] == "created" {
			p, ok := ledger[r["profile_id"]]
			if !ok || p.FirstName != r["First name"] || p.DateOfBirth != r["Date of birth"] {
				t.Errorf("row %s: id %q not in the ledger with this row's values", line, r["profile_id"])
			}
		}
	}
	checks := []struct {
		row         int
		status, err string
	}{
		{3, "invalid", `date_of_birth (column "Date of birth"): `},
		{5, "invalid", `first_name (column "First name"): `},
		{7, "rejected", "404"},
		{8, "rejected", "answered for row 8"},
		{10, "rejected", "403"},
	}
	for _, c := range checks {
		r := rows[c.row-1]
		if r["import_status"] != c.status || !strings.Contains(r["import_error"], c.err) {
			t.Errorf("row %d: %s %q, want %s containing %q", c.row, r["import_status"],
				r["import_error"], c.status, c.err)
		}
	}
	if len(ledger) != 7 || sb.Requests() != 9 {
		t.Errorf("ledger %d, requests %d; want 7 created of 9 sent (row 8, of a group already refused, is not sent)",
			len(ledger), sb.Requests())
	}
}

func TestDryRunGivesTheSameVerdicts(t *testing.T) {
	in := patientCSV(t, 6, map[int]string{2: "future", 4: "digit"})
	sum, err := Run(context.Background(), Config{Input: in, DryRun: true,
		Out: filepath.Join(t.TempDir(), "dry.csv")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Journal != "" {
		t.Errorf("a dry run made a journal: %s", sum.Journal)
	}
	dry := readResults(t, sum.Out)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err = Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	real := readResults(t, sum.Out)
	for i := range dry {
		d, r := dry[i], real[i]
		if r["import_status"] == "invalid" != (d["import_status"] == "invalid") ||
			d["import_error"] != r["import_error"] {
			t.Errorf("row %d: dry %s %q, real %s %q", i+2, d["import_status"], d["import_error"],
				r["import_status"], r["import_error"])
		}
		if d["import_status"] != "invalid" && d["import_status"] != "valid" {
			t.Errorf("row %d: dry status %q", i+2, d["import_status"])
		}
	}
}

// stopAfter is a Creator that cancels the run after n creates.
type stopAfter struct {
	inner  Creator
	n      int32
	cancel context.CancelFunc
	calls  atomic.Int32
}

func (s *stopAfter) Create(ctx context.Context, body []byte, key string) api.Result {
	if s.calls.Add(1) == s.n {
		s.cancel()
	}
	return s.inner.Create(ctx, body, key)
}

func TestInterruptedRunResumesWithoutDuplicates(t *testing.T) {
	in := patientCSV(t, 40, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	ctx, cancel := context.WithCancel(context.Background())
	stopper := &stopAfter{inner: client, n: 10, cancel: cancel}
	sum, err := Run(ctx, Config{Input: in, Client: stopper, Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.Counts["pending"] == 0 || sum.Counts["created"] < 10 {
		t.Fatalf("interrupted run: %+v", sum.Counts)
	}
	if n := len(readResults(t, sum.Out)); n != 40 {
		t.Fatalf("interrupted run's sheet has %d rows, want 40", n)
	}
	sum, err = Run(context.Background(), Config{Input: in, Client: client, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Counts["created"] != 40 {
		t.Fatalf("resumed run: %v, want 40 created", sum.Counts)
	}
	assertNoDuplicates(t, sb, 40)
}

func assertNoDuplicates(t *testing.T, sb *sandbox.Server, want int) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range sb.Ledger() {
		var p mapping.Profile
		json.Unmarshal(e.Body, &p)
		if seen[p.Email] {
			t.Errorf("profile %s created twice", p.Email)
		}
		seen[p.Email] = true
	}
	if want >= 0 && len(seen) != want {
		t.Errorf("ledger holds %d people, want %d", len(seen), want)
	}
}

func TestChangedInputIsRefused(t *testing.T) {
	in := patientCSV(t, 3, nil)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	if _, err := Run(context.Background(), Config{Input: in, Client: client}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(in)
	os.WriteFile(in, append(data, "Berta,Beispiel,f,1950-01-02,,,acme-clinic-berlin\n"...), 0o600)
	_, err := Run(context.Background(), Config{Input: in, Client: client})
	var se *SetupError
	if err == nil || !strings.Contains(err.Error(), "input file changed") || !errors.As(err, &se) {
		t.Fatalf("err = %v, want a setup error about the changed input", err)
	}
	sum, err := Run(context.Background(), Config{Input: in, Client: client, Restart: true})
	if err != nil || sum.Rows != 4 {
		t.Fatalf("--restart: %v, %+v", err, sum)
	}
}

func TestResultsSheetFeedsTheNextRun(t *testing.T) {
	in := patientCSV(t, 8, map[int]string{2: "future", 6: "digit"})
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	// Ops fix the two bad cells in the results sheet.
	rerun := sum.Out
	editCSV(t, sum.Out, rerun, func(recs [][]string) {
		recs[2][3] = "1960-02-03"
		recs[6][0] = "Anne"
	})

	before := sb.Requests()
	sum, err = Run(context.Background(), Config{Input: rerun, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	if sent := sb.Requests() - before; sent != 2 {
		t.Errorf("rerun sent %d requests, want 2 (the fixed rows only)", sent)
	}
	if !strings.HasSuffix(sum.Out, ".results-2.csv") {
		t.Errorf("rerun results at %s, want NAME.results-2.csv", sum.Out)
	}
	rows := readResults(t, sum.Out)
	for i, r := range rows {
		if r["import_status"] != "created" || r["profile_id"] == "" || r["source_row"] != fmt.Sprint(i+2) {
			t.Errorf("row %d after rerun: %v", i+2, r)
		}
		if _, ok := r["import_status_1"]; ok || len(r) != 13 {
			t.Errorf("row %d has columns %d, want 7 own + 6 status", i+2, len(r))
		}
	}
	assertNoDuplicates(t, sb, 8)
}

// A row with an unbalanced quote keeps its text in the results sheet,
// split at the delimiter: fixed there, it is sent by the next run.
func TestUnreadableRowIsFixedInTheSheet(t *testing.T) {
	in := patientCSV(t, 3, nil)
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[2] = `"` + lines[2] // row 3 opens a quote it never closes
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil || sum.Counts["created"] != 2 || sum.Counts["invalid"] != 1 {
		t.Fatalf("first run: %v, %v", err, sum.Counts)
	}
	bad := readResults(t, sum.Out)[1]
	if !strings.HasPrefix(bad["First name"], `"Anna`) || bad["Clinic"] != "acme-clinic-berlin" ||
		!strings.Contains(bad["import_error"], "unbalanced quote") || bad["source_row"] != "3" {
		t.Fatalf("the unreadable row in the results: %v", bad)
	}
	name := strings.TrimPrefix(bad["First name"], `"`)
	editCSV(t, sum.Out, sum.Out, func(recs [][]string) { recs[2][0] = name })
	sum, err = Run(context.Background(), Config{Input: sum.Out, Client: client})
	if err != nil || sum.Counts["created"] != 3 || sum.CreatedNow != 1 {
		t.Fatalf("the fixed sheet: %v, %v, %d created now", err, sum.Counts, sum.CreatedNow)
	}
	if r := readResults(t, sum.Out)[1]; r["First name"] != name || r["source_row"] != "3" {
		t.Errorf("the fixed row: %v", r)
	}
	assertNoDuplicates(t, sb, 3)
}

// A quote typed into a created row of a results sheet makes it unreadable,
// but it keeps its profile, whichever cell the quote is in and whether or
// not the sheet's journal is beside it: a later edit of the row must not
// send the patient again.
func TestUnreadableCreatedRowKeepsItsProfile(t *testing.T) {
	for _, col := range []string{"Last name", "import_status", "profile_id", "source_row"} {
		for _, journal := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s, journal %v", col, journal), func(t *testing.T) {
				testUnreadableCreatedRow(t, col, journal)
			})
		}
	}
}

func testUnreadableCreatedRow(t *testing.T, col string, keepJournal bool) {
	in := patientCSV(t, 3, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil || first.Counts["created"] != 3 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	id := readResults(t, first.Out)[1]["profile_id"]
	b, err := os.ReadFile(first.Out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	cells := strings.Split(lines[2], ",")
	for i, h := range strings.Split(lines[0], ",") {
		if h == col {
			cells[i] = `"` + cells[i] // opened, never closed
		}
	}
	lines[2] = strings.Join(cells, ",")
	sheet := first.Out
	if !keepJournal {
		sheet = filepath.Join(t.TempDir(), "away.csv")
	}
	if err := os.WriteFile(sheet, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := Run(context.Background(), Config{Input: sheet, Client: client})
	if err != nil || second.Counts["created"] != 3 || second.CreatedNow != 0 {
		t.Fatalf("the sheet with a quote: %v, %v", err, second.Counts)
	}
	r := readResults(t, second.Out)[1]
	if r["import_status"] != "created" || r["profile_id"] != id || r["source_row"] != "3" ||
		!strings.Contains(r["import_hint"], "unbalanced quote") {
		t.Fatalf("the unreadable created row: %v", r)
	}
	// Fixed, and edited besides: still that patient's row.
	editCSV(t, second.Out, second.Out, func(recs [][]string) {
		recs[2][1] = "Testperson"
		recs[2][4] = "edited@example.com"
	})
	third, err := Run(context.Background(), Config{Input: second.Out, Client: client})
	if err != nil || third.Counts["created"] != 3 || third.CreatedNow != 0 {
		t.Fatalf("the row fixed: %v, %v", err, third.Counts)
	}
	assertNoDuplicates(t, sb, 3)
}

// An id typed into an unknown row, without setting its status to created,
// holds the row back: --retry-unknown must not send a patient the operator
// found on the platform.
func TestIDWithoutCreatedStatusIsNotSent(t *testing.T) {
	in := patientCSV(t, 2, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil || first.Counts["created"] != 2 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	// As if row 3's answer had been lost: unknown, and its id found since.
	id := readResults(t, first.Out)[1]["profile_id"]
	sheet := filepath.Join(t.TempDir(), "away.csv") // away from the journal that knows it
	editCSV(t, first.Out, sheet, func(recs [][]string) {
		for i, h := range recs[0] {
			if h == "import_status" {
				recs[2][i] = "unknown"
			}
		}
	})
	sum, err := Run(context.Background(), Config{Input: sheet, Client: client,
		Only: []string{"unknown"}, RetryUnknown: true})
	if err != nil || sum.CreatedNow != 0 {
		t.Fatalf("--retry-unknown: %v, %v, %d created now", err, sum.Counts, sum.CreatedNow)
	}
	r := readResults(t, sum.Out)[1]
	if r["import_status"] != "unknown" || r["profile_id"] != id ||
		!strings.Contains(r["import_hint"], "set import_status to created") {
		t.Errorf("the unknown row with an id: %v", r)
	}
	assertNoDuplicates(t, sb, 2)
}

func TestDefaultOut(t *testing.T) {
	cases := []struct {
		in   string
		kind sheet.Kind
		want string
	}{
		{"a/people.csv", sheet.CSV, "a/people.results.csv"},
		{"people.xlsx", sheet.XLSX, "people.results.xlsx"},
		{"people.results.csv", sheet.CSV, "people.results-2.csv"},
		{"people.results-2.xlsx", sheet.XLSX, "people.results-3.xlsx"},
		{"people.results-9.csv", sheet.CSV, "people.results-10.csv"},
		{"export.txt", sheet.CSV, "export.results.csv"},
		{"book.xlsm", sheet.XLSX, "book.results.xlsx"},
		{"noext", sheet.XLSX, "noext.results.xlsx"},
	}
	for _, c := range cases {
		if got := DefaultOut(c.in, c.kind); got != c.want {
			t.Errorf("DefaultOut(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := sourceName("x/people.results-3.csv"); got != "people.csv" {
		t.Errorf("sourceName = %q, want people.csv", got)
	}
}

func TestDryRunKeepsARealRunsResults(t *testing.T) {
	in := patientCSV(t, 3, nil)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(sum.Out)
	_, err = Run(context.Background(), Config{Input: in, DryRun: true})
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "holds the results of a run") {
		t.Fatalf("dry run over a real run's results: err = %v", err)
	}
	if after, _ := os.ReadFile(sum.Out); string(after) != string(before) {
		t.Error("the dry run changed the real run's results sheet")
	}
}

func TestIdempotencyKeyIsStable(t *testing.T) {
	a := idempotencyKey("people.csv", 7, []byte(`{"x":1}`))
	if a != idempotencyKey("people.csv", 7, []byte(`{"x":1}`)) {
		t.Error("same row and body gave two keys")
	}
	for _, other := range []string{
		idempotencyKey("people.csv", 8, []byte(`{"x":1}`)),
		idempotencyKey("people.csv", 7, []byte(`{"x":2}`)),
		idempotencyKey("other.csv", 7, []byte(`{"x":1}`)),
	} {
		if other == a {
			t.Error("a different row, body or file gave the same key")
		}
	}
	if len(a) != 36 || a[14] != '5' {
		t.Errorf("key %q is not a version-5 style UUID", a)
	}
}

func TestDuplicatesAreFlaggedAndSkipped(t *testing.T) {
	var b strings.Builder
	b.WriteString("First name,Last name,Sex,Date of birth,Email,Clinic\n")
	rows := []string{
		"Anna,Muster,f,1980-01-02,a@example.com",  // 2
		"Berta,Muster,f,1981-01-02,b@example.com", // 3
		"Carla,Muster,f,1982-01-02,c@example.com", // 4
		"ANNA, muster ,f,1980-01-02,",             // 5: same person as row 2
		"Dora,Muster,f,1983-01-02,B@example.com",  // 6: same email as row 3: a family's?
	}
	for _, r := range rows {
		b.WriteString(r + ",acme-clinic-berlin\n")
	}
	in := filepath.Join(t.TempDir(), "dups.csv")
	os.WriteFile(in, []byte(b.String()), 0o600)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client, SkipDuplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	got := readResults(t, sum.Out)
	want := []struct{ status, note string }{
		{"created", "possible duplicate of row 5"},
		{"created", "shares its email with row 6"},
		{"created", ""},
		{"duplicate", "possible duplicate of row 2"},
		{"created", "shares its email with row 3"}, // flagged, not skipped
	}
	for i, w := range want {
		r := got[i]
		note := r["import_hint"] + r["import_error"]
		if r["import_status"] != w.status || !strings.Contains(note, w.note) ||
			(w.note == "" && note != "") {
			t.Errorf("row %d: %s %q, want %s %q", i+2, r["import_status"], note, w.status, w.note)
		}
	}
	if n := len(sb.Ledger()); n != 4 {
		t.Errorf("created %d, want 4 (the same person skipped)", n)
	}
}

// In a results sheet fed back, rows are numbered anew: a duplicate note
// names the other row by its source_row, as the operator finds it there.
func TestDuplicateNotesNameTheSourceRow(t *testing.T) {
	in := filepath.Join(t.TempDir(), "dups.csv")
	os.WriteFile(in, []byte("Patientenliste Praxis Nord\n\n"+
		"First name,Last name,Sex,Date of birth,Email,Clinic\n"+
		"Anna,Muster,f,1980-01-02,,acme-clinic-berlin\n"+ // 4
		"Berta,Muster,f,1981-01-02,,acme-clinic-berlin\n"+ // 5
		"ANNA,Muster,f,1980-01-02,,acme-clinic-berlin\n"), 0o600) // 6
	first, err := Run(context.Background(), Config{Input: in, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := readResults(t, first.Out); !strings.Contains(got[2]["import_hint"],
		"possible duplicate of row 4") {
		t.Errorf("first sheet, row 6: %v", got[2])
	}
	sum, err := Run(context.Background(), Config{Input: first.Out, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	got := readResults(t, sum.Out)
	if !strings.Contains(got[0]["import_hint"], "possible duplicate of source_row 6") ||
		!strings.Contains(got[2]["import_hint"], "possible duplicate of source_row 4") {
		t.Errorf("sheet fed back: %q, %q", got[0]["import_hint"], got[2]["import_hint"])
	}
}

// With --skip-duplicates, a good later copy of a person whose first copy is
// invalid is sent, not skipped: else nobody would be created. A dry run
// says the same.
func TestSkipDuplicatesKeepsTheGoodCopy(t *testing.T) {
	var b strings.Builder
	b.WriteString("First name,Last name,Sex,Date of birth,Email,Clinic\n")
	for _, r := range []string{
		"Anna,Muster,f,1980-01-02,not-an-email",   // 2: invalid
		"Berta,Muster,f,1981-01-02,b@example.com", // 3
		"Anna,Muster,f,1980-01-02,a@example.com",  // 4: the good copy of row 2
		"Berta,Muster,f,1981-01-02,b@example.com", // 5: a copy of a good row
		"Anna,Muster,f,1980-01-02,a@example.com",  // 6: a third copy, not sent again
	} {
		b.WriteString(r + ",acme-clinic-berlin\n")
	}
	in := filepath.Join(t.TempDir(), "dups.csv")
	os.WriteFile(in, []byte(b.String()), 0o600)
	for _, dry := range []bool{true, false} {
		sb, client := startSandbox(t, sandbox.DefaultOptions())
		cfg := Config{Input: in, Client: client, SkipDuplicates: true, DryRun: dry}
		if dry {
			cfg.Client, cfg.Out = nil, filepath.Join(filepath.Dir(in), "dry.csv")
		}
		sum, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		good := "created"
		if dry {
			good = "valid"
		}
		want := []string{"invalid", good, good, "duplicate", "duplicate"}
		for i, r := range readResults(t, sum.Out) {
			if r["import_status"] != want[i] {
				t.Errorf("dry run %v, row %d: %s, want %s (%s)", dry, i+2, r["import_status"],
					want[i], r["import_hint"])
			}
		}
		if n := len(sb.Ledger()); !dry && n != 2 {
			t.Errorf("created %d, want 2", n)
		}
	}
}

// TestRerunTrustsTheJournalOverAStaleSheet: a results sheet may be stale or
// edited by hand; the journal beside it, and an unknown or id-less created
// status in it, keep rows from being sent twice.
func TestRerunTrustsTheJournalOverAStaleSheet(t *testing.T) {
	in := patientCSV(t, 4, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	st, id := 7, 8 // import_status and profile_id follow the 7 own columns
	var ids []string
	rerun := filepath.Join(filepath.Dir(sum.Out), "edited.results.csv")
	editCSV(t, sum.Out, rerun, func(recs [][]string) {
		ids = []string{recs[1][id], recs[2][id], recs[3][id]}
		recs[1][st], recs[1][id] = "unknown", ""
		recs[2][st], recs[2][id] = "pending", "" // as if the run was killed before the sheet
		recs[3][st], recs[3][id] = "created", ""
	})
	os.Rename(sum.Out+".journal", rerun+".journal")

	sum, err = Run(context.Background(), Config{Input: rerun, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	rows := readResults(t, sum.Out)
	for i := range 3 {
		if rows[i]["import_status"] != "created" || rows[i]["profile_id"] != ids[i] {
			t.Errorf("row %d with the journal: %s %q, want created %s", i+2,
				rows[i]["import_status"], rows[i]["profile_id"], ids[i])
		}
	}
	assertNoDuplicates(t, sb, 4)

	// Without the journal, the sheet alone still holds back what may exist.
	os.Remove(rerun + ".journal")
	os.Remove(sum.Out + ".journal")
	os.Remove(sum.Out)
	before := sb.Requests()
	sum, err = Run(context.Background(), Config{Input: rerun, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	rows = readResults(t, sum.Out)
	if rows[0]["import_status"] != "unknown" || rows[2]["import_status"] != "unknown" {
		t.Errorf("unknown and id-less created rows: %s, %s; want both unknown",
			rows[0]["import_status"], rows[2]["import_status"])
	}
	if sent := sb.Requests() - before; sent != 1 {
		t.Errorf("sent %d; want 1 (only the row the sheet calls pending)", sent)
	}
}

// TestSecondGenerationSheetKeepsCreatedRows: a sheet fed back carries its
// created rows into the next sheet; that run's journal records them, so a
// third run fed the second sheet, edited to drop a profile id, does not
// create the patient again.
func TestSecondGenerationSheetKeepsCreatedRows(t *testing.T) {
	in := patientCSV(t, 3, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Run(context.Background(), Config{Input: first.Out, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	st, id := 7, 8 // import_status and profile_id follow the 7 own columns
	edited := filepath.Join(filepath.Dir(second.Out), "edited.csv")
	editCSV(t, second.Out, edited, func(recs [][]string) {
		recs[1][st], recs[1][id] = "failed", ""
	})
	if err := os.Rename(second.Out+".journal", edited+".journal"); err != nil {
		t.Fatal(err)
	}
	before := sb.Requests()
	third, err := Run(context.Background(), Config{Input: edited, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	if sent := sb.Requests() - before; sent != 0 {
		t.Errorf("the third run sent %d requests, want none", sent)
	}
	if rows := readResults(t, third.Out); rows[0]["import_status"] != "created" ||
		rows[0]["profile_id"] == "" {
		t.Errorf("row 2: %s %q, want created with its id", rows[0]["import_status"],
			rows[0]["profile_id"])
	}
	assertNoDuplicates(t, sb, 3)
}

// TestAnotherOutDoesNotSendAgain: the journal of a run on the same file
// under another --out stops a second run, and a dry run does not overwrite
// results that hold created rows even when their journal is gone.
func TestAnotherOutDoesNotSendAgain(t *testing.T) {
	in := patientCSV(t, 3, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.csv")
	_, err = Run(context.Background(), Config{Input: in, Client: client, Out: other})
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "already sent") {
		t.Fatalf("a second run with another --out: err = %v", err)
	}
	assertNoDuplicates(t, sb, 3)

	os.Remove(sum.Out + ".journal")
	before, _ := os.ReadFile(sum.Out)
	_, err = Run(context.Background(), Config{Input: in, DryRun: true})
	if !errors.As(err, &se) {
		t.Fatalf("dry run over results with created rows: err = %v", err)
	}
	if after, _ := os.ReadFile(sum.Out); string(after) != string(before) {
		t.Error("the dry run changed results that hold profile ids")
	}
}

// An input saved again or replaced while a run reads it is refused before
// anything is sent: its journal would name one version, its rows another.
func TestInputChangedWhileRead(t *testing.T) {
	in := patientCSV(t, 2, nil)
	fi, err := os.Stat(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkUnchanged(in, fi); err != nil {
		t.Fatalf("untouched file: %v", err)
	}
	later := fi.ModTime().Add(time.Second)
	if err := os.Chtimes(in, later, later); err != nil {
		t.Fatal(err)
	}
	var se *SetupError
	if err := checkUnchanged(in, fi); !errors.As(err, &se) {
		t.Errorf("saved again: %v, want a setup error", err)
	}
	fi, _ = os.Stat(in)
	other := patientCSV(t, 2, nil)
	if err := os.Rename(other, in); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(in, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := checkUnchanged(in, fi); !errors.As(err, &se) {
		t.Errorf("replaced by another file of the same size and time: %v, want a setup error", err)
	}
}

// A run with --skip-duplicates is not resumed without it, which would send
// the copies it held back.
func TestResumeKeepsSkipDuplicates(t *testing.T) {
	in := patientCSV(t, 3, nil)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	if _, err := Run(context.Background(), Config{Input: in, Client: client,
		SkipDuplicates: true}); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), Config{Input: in, Client: client})
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "--skip-duplicates") {
		t.Fatalf("resume without --skip-duplicates: %v, want a setup error naming it", err)
	}
}

// With its journal deleted, a run's results sheet is what knows the
// created rows: a rerun of the list stops instead of sending them again
// and writing over their ids.
func TestRerunAfterTheJournalIsDeleted(t *testing.T) {
	in := patientCSV(t, 3, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	cfg := Config{Input: in, Client: client, API: client.Endpoint()}
	first, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	sheet, _ := os.ReadFile(first.Out)
	if err := os.Remove(first.Journal); err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), cfg)
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "its journal is gone") {
		t.Fatalf("rerun without the journal: %v, want a setup error", err)
	}
	if now, _ := os.ReadFile(first.Out); !bytes.Equal(now, sheet) {
		t.Error("the results sheet was written over")
	}
	assertNoDuplicates(t, sb, 3)
}

func TestLatestSheet(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "list.results.csv")
	if got := latestSheet(out); got != out {
		t.Errorf("alone: %s", got)
	}
	for _, n := range []string{"list.results-2.csv.journal", "list.results-3.csv.journal",
		"list.results-5.csv.journal"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o600)
	}
	if got, want := latestSheet(out), filepath.Join(dir, "list.results-3.csv"); got != want {
		t.Errorf("latest = %s, want %s (-4 was never written)", got, want)
	}
}

// A --retry-unknown run that is run again (resumed, or repeated) does not
// resend the rows its own requests left unknown: the flag resends what
// earlier runs left unknown, once.
func TestRetryUnknownResendsOnce(t *testing.T) {
	in := patientCSV(t, 3, nil)
	opts := sandbox.DefaultOptions()
	opts.Faults.ErrorRate, opts.Faults.ErrorAfterCreate = 1, 1 // created, then 500
	sb, client := startSandbox(t, opts)
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil || first.Counts["unknown"] != 3 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	retry := Config{Input: first.Out, Client: client, Only: []string{"unknown"}, RetryUnknown: true}
	for range 2 {
		sum, err := Run(context.Background(), retry)
		if err != nil || sum.Counts["unknown"] != 3 {
			t.Fatalf("retry: %v, %v", err, sum.Counts)
		}
	}
	if n := len(sb.Ledger()); n != 6 {
		t.Errorf("the sandbox holds %d profiles, want 6 (each row sent once, then once more)", n)
	}
}

// A run's own journal with garbage appended is named as damaged, not taken
// for a journal that is gone.
func TestDamagedJournalIsNamed(t *testing.T) {
	in := patientCSV(t, 2, nil)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(first.Journal, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("garbage line\n")
	f.Close()
	_, err = Run(context.Background(), Config{Input: in, Client: client})
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "is damaged") ||
		strings.Contains(err.Error(), "nothing shows unchanged") {
		t.Errorf("the same run again: %v", err)
	}
}

// An unknown row whose profile the operator found and wrote in, with the
// old unknown row pasted back beside it: --retry-unknown resends neither.
func TestRetryUnknownSkipsAPastedCopy(t *testing.T) {
	in := patientCSV(t, 1, nil)
	opts := sandbox.DefaultOptions()
	opts.Faults.ErrorRate, opts.Faults.ErrorAfterCreate = 1, 1 // created, then 500
	sb, client := startSandbox(t, opts)
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil || first.Counts["unknown"] != 1 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	id := sb.Ledger()[0].ID
	recs, col := readSheet(t, first.Out)
	pasted := slices.Clone(recs[1])
	recs[1][col["import_status"]], recs[1][col["profile_id"]] = "created", id
	var out bytes.Buffer
	if err := csv.NewWriter(&out).WriteAll(append(recs, pasted)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(first.Out, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), Config{Input: first.Out, Client: client,
		Only: []string{"unknown"}, RetryUnknown: true})
	if err != nil || sum.CreatedNow != 0 {
		t.Fatalf("--retry-unknown: %v, %v, %d created now", err, sum.Counts, sum.CreatedNow)
	}
	if r := readResults(t, sum.Out)[1]; r["import_status"] != "unknown" ||
		!strings.Contains(r["import_error"], "other rows carry source_row") {
		t.Errorf("the pasted row: %v", r)
	}
	if n := len(sb.Ledger()); n != 1 {
		t.Errorf("the sandbox holds %d profiles, want 1", n)
	}
}
