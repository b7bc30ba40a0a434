package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"aniva-import/importer/api"
	"aniva-import/importer/journal"
	"aniva-import/importer/sandbox"
	"aniva-import/importer/sheet"
)

// A trial against the sandbox leaves a journal whose outcomes say nothing
// about the real API: the real run must not resume it, nor carry the
// created rows of the trial's results sheet.
func TestSandboxJournalIsNotResumedAgainstTheRealAPI(t *testing.T) {
	in := patientCSV(t, 3, nil)
	_, trial := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: trial, API: SandboxAPI})
	if err != nil {
		t.Fatal(err)
	}
	real, client := startSandbox(t, sandbox.DefaultOptions())
	cfg := Config{Input: in, Client: client, API: client.Endpoint()}

	_, err = Run(context.Background(), cfg)
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "against the sandbox") ||
		!strings.Contains(err.Error(), normalAPI(client.Endpoint())) ||
		!strings.Contains(err.Error(), "another --out") {
		t.Fatalf("err = %v, want a setup error naming both APIs and the way out", err)
	}

	_, err = Run(context.Background(), Config{Input: first.Out, Client: client, API: client.Endpoint()})
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "against the sandbox") {
		t.Fatalf("trial's results sheet: err = %v, want a setup error", err)
	}
	if _, err := os.Stat(DefaultOut(first.Out, sheet.CSV) + ".journal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused run left a journal behind: %v", err)
	}
	if n := real.Requests(); n != 0 {
		t.Fatalf("refused runs sent %d requests", n)
	}

	// Another --out is the way out: the trial's journal is no obstacle.
	cfg.Out = filepath.Join(filepath.Dir(in), "real.csv")
	sum, err := Run(context.Background(), cfg)
	if err != nil || sum.Counts["created"] != 3 {
		t.Fatalf("run with another --out: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, real, 3)
}

// A run against the same API resumes its journal as before, however the
// base URL is spelled.
func TestSameAPIResumes(t *testing.T) {
	in := patientCSV(t, 40, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	ctx, cancel := context.WithCancel(context.Background())
	stopper := &stopAfter{inner: client, n: 10, cancel: cancel}
	sum, err := Run(ctx, Config{Input: in, Client: stopper, Concurrency: 2, API: client.Endpoint()})
	if err != nil || !sum.Interrupted {
		t.Fatalf("interrupted run: %v, %+v", err, sum)
	}
	api := strings.Replace(client.Endpoint(), "http://", "HTTP://", 1) + "/"
	sum, err = Run(context.Background(), Config{Input: in, Client: client, API: api})
	if err != nil || sum.Counts["created"] != 40 {
		t.Fatalf("resumed run: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, sb, 40)
}

// A journal written before the API was recorded is resumed, with a warning:
// refusing it would leave --restart, which sends every row again.
func TestJournalWithoutAPIResumesWithAWarning(t *testing.T) {
	in := patientCSV(t, 20, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	ctx, cancel := context.WithCancel(context.Background())
	stopper := &stopAfter{inner: client, n: 5, cancel: cancel}
	sum, err := Run(ctx, Config{Input: in, Client: stopper, Concurrency: 1})
	if err != nil || !sum.Interrupted {
		t.Fatalf("interrupted run: %v, %+v", err, sum)
	}
	data, err := os.ReadFile(sum.Journal)
	if err != nil || bytes.Contains(data, []byte(`"api"`)) {
		t.Fatalf("a run that names no API wrote %q (%v)", data, err)
	}
	var warned atomic.Bool
	obs := Observer{Warn: func(msg string) {
		if strings.Contains(msg, "older aniva-import") {
			warned.Store(true)
		}
	}}
	sum, err = Run(context.Background(), Config{Input: in, Client: client, API: client.Endpoint(),
		Observer: obs})
	if err != nil || sum.Counts["created"] != 20 {
		t.Fatalf("resumed run: %v, %v", err, sum.Counts)
	}
	if !warned.Load() {
		t.Error("no warning that the journal names no API")
	}
	assertNoDuplicates(t, sb, 20)
}

// The advice for a changed input must not be another --out, which sends
// every row again; the advice it gives must work.
func TestChangedInputAdviceSendsNoRowTwice(t *testing.T) {
	in := patientCSV(t, 3, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	const added = "Berta,Beispiel,f,1950-01-02,berta@example.com,,acme-clinic-berlin"
	appendLine(t, in, added)
	_, err = Run(context.Background(), Config{Input: in, Client: client})
	if err == nil || strings.Contains(err.Error(), "--out") ||
		!strings.Contains(err.Error(), "results sheet "+first.Out) {
		t.Fatalf("err = %v, want advice to add the patient to %s, and no --out", err, first.Out)
	}

	appendLine(t, first.Out, added+",,,,,,")
	before := sb.Requests()
	sum, err := Run(context.Background(), Config{Input: first.Out, Client: client})
	if err != nil || sum.Counts["created"] != 4 {
		t.Fatalf("import of the results sheet: %v, %v", err, sum.Counts)
	}
	if sent := sb.Requests() - before; sent != 1 {
		t.Errorf("import of the results sheet sent %d requests, want 1 (the added patient)", sent)
	}
	assertNoDuplicates(t, sb, 4)
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

func TestNormalAPI(t *testing.T) {
	for in, want := range map[string]string{
		SandboxAPI:                             SandboxAPI,
		"":                                     "",
		"https://Example.com:443/api/":         "https://example.com/api",
		"https://user:pw@example.com/api?x=1":  "https://example.com/api",
		"http://127.0.0.1:8080/api/v1/profile": "http://localhost:8080/api/v1/profile",
		"http://LOCALHOST:8080/api/v1/profile": "http://localhost:8080/api/v1/profile",
		"https://[::1]:443":                    "https://localhost",
		"https://[2001:db8::1]:8443/":          "https://[2001:db8::1]:8443",
	} {
		if got := normalAPI(in); got != want {
			t.Errorf("normalAPI(%q) = %q, want %q", in, got, want)
		}
	}
}

// A trial's results sheet outlives its journal: its created rows hold
// sandbox ids, which a sandbox rerun keeps and a real run sends.
func TestSandboxSheetWithoutItsJournal(t *testing.T) {
	in := patientCSV(t, 3, nil)
	box, trial := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: trial, API: SandboxAPI})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readResults(t, first.Out) {
		if !strings.HasPrefix(r["profile_id"], "sandbox:") {
			t.Fatalf("a sandbox run's profile_id %q lacks its mark", r["profile_id"])
		}
	}
	if err := os.Remove(first.Journal); err != nil {
		t.Fatal(err)
	}

	again, err := Run(context.Background(), Config{Input: first.Out, Client: trial, API: SandboxAPI,
		Out: filepath.Join(filepath.Dir(in), "again.csv")})
	if err != nil || again.Counts["created"] != 3 {
		t.Fatalf("sandbox rerun: %v, %v", err, again.Counts)
	}
	assertNoDuplicates(t, box, 3)
	for _, r := range readResults(t, again.Out) {
		if !strings.HasPrefix(r["profile_id"], "sandbox:") || strings.Count(r["profile_id"], "sandbox:") != 1 {
			t.Fatalf("sandbox rerun wrote profile_id %q", r["profile_id"])
		}
	}

	real, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: first.Out, Client: client, API: client.Endpoint(),
		Out: filepath.Join(filepath.Dir(in), "real.csv")})
	if err != nil || sum.Counts["created"] != 3 {
		t.Fatalf("real run of the trial's sheet: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, real, 3)
	for _, r := range readResults(t, sum.Out) {
		if strings.HasPrefix(r["profile_id"], "sandbox:") || r["profile_id"] == "" {
			t.Fatalf("real run wrote profile_id %q", r["profile_id"])
		}
	}
}

// A dry run of a trial's sheet, its journal beside it, keeps the sandbox
// mark on the ids it carries: a real run of the dry run's sheet sends
// those patients, which only the sandbox holds.
func TestDryRunOfASandboxSheetKeepsTheMark(t *testing.T) {
	in := patientCSV(t, 3, nil)
	_, trial := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: trial, API: SandboxAPI})
	if err != nil {
		t.Fatal(err)
	}
	dry, err := Run(context.Background(), Config{Input: first.Out, DryRun: true})
	if err != nil || dry.Counts["created"] != 3 || dry.InSandbox != 3 {
		t.Fatalf("dry run of the trial's sheet: %v, %v, %d in the sandbox", err, dry.Counts,
			dry.InSandbox)
	}
	for _, r := range readResults(t, dry.Out) {
		if sid, ok := strings.CutPrefix(r["profile_id"], "sandbox:"); !ok || strings.Contains(sid, "sandbox:") {
			t.Fatalf("the dry run wrote profile_id %q", r["profile_id"])
		}
	}
	real, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: dry.Out, Client: client, API: client.Endpoint()})
	if err != nil || sum.Counts["created"] != 3 || sum.CreatedNow != 3 {
		t.Fatalf("real run of the dry run's sheet: %v, %v, %d created now", err, sum.Counts,
			sum.CreatedNow)
	}
	assertNoDuplicates(t, real, 3)
}

// A sandbox trial of a real run's sheet carries its ids as they are: only
// ids the sandbox made are marked, or a real run would send those
// patients again.
func TestSandboxRunKeepsRealIDsUnmarked(t *testing.T) {
	_, real, client, first := createdList(t, 3)
	// The sheet copied away from its journal, then tried in the sandbox.
	b, err := os.ReadFile(first.Out)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(t.TempDir(), "copy.results.csv")
	if err := os.WriteFile(copied, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, trial := startSandbox(t, sandbox.DefaultOptions())
	tried, err := Run(context.Background(), Config{Input: copied, Client: trial, API: SandboxAPI})
	if err != nil || tried.Counts["created"] != 3 || tried.CreatedNow != 0 {
		t.Fatalf("sandbox run of the copy: %v, %v", err, tried.Counts)
	}
	for _, r := range readResults(t, tried.Out) {
		if strings.HasPrefix(r["profile_id"], "sandbox:") || r["profile_id"] == "" {
			t.Fatalf("the sandbox run wrote profile_id %q for a real profile", r["profile_id"])
		}
	}
	again, err := Run(context.Background(), Config{Input: tried.Out, DryRun: true,
		Out: filepath.Join(filepath.Dir(copied), "dry.csv")})
	if err != nil || again.InSandbox != 0 {
		t.Fatalf("dry run after the trial: %v, %d in the sandbox", err, again.InSandbox)
	}
	sum, err := Run(context.Background(), Config{Input: again.Out, Client: client, API: client.Endpoint()})
	if err != nil || sum.CreatedNow != 0 {
		t.Fatalf("real run after the trial: %v, %v, %d created now", err, sum.Counts, sum.CreatedNow)
	}
	assertNoDuplicates(t, real, 3)
}

// readSheet reads a CSV results sheet whole, with its columns by header.
func readSheet(t *testing.T, path string) (recs [][]string, col map[string]int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if recs, err = csv.NewReader(bytes.NewReader(b)).ReadAll(); err != nil {
		t.Fatal(err)
	}
	col = map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	return recs, col
}

// realRun imports input through client, addressed as a real API.
func realRun(t *testing.T, client *api.Client, input string) Summary {
	t.Helper()
	sum, err := Run(context.Background(), Config{Input: input, Client: client, API: client.Endpoint()})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// gate is a Creator that holds every request until it is opened.
type gate struct {
	inner   Creator
	arrived chan struct{}
	open    chan struct{}
	once    sync.Once
}

func (g *gate) Create(ctx context.Context, body []byte, key string) api.Result {
	g.once.Do(func() { close(g.arrived) })
	<-g.open
	return g.inner.Create(ctx, body, key)
}

// A second run on a journal in use is refused as a setup error, before it
// sends anything; the first run goes on unharmed.
func TestSecondRunOnABusyJournal(t *testing.T) {
	in := patientCSV(t, 5, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	g := &gate{inner: client, arrived: make(chan struct{}), open: make(chan struct{})}
	first := make(chan error, 1)
	go func() {
		sum, err := Run(context.Background(), Config{Input: in, Client: g, Concurrency: 1})
		if err == nil && sum.Counts["created"] != 5 {
			err = fmt.Errorf("first run: %v", sum.Counts)
		}
		first <- err
	}()
	<-g.arrived
	_, err := Run(context.Background(), Config{Input: in, Client: client})
	var se *SetupError
	if !errors.As(err, &se) || !errors.Is(err, journal.ErrBusy) {
		t.Errorf("second run: %v, want a setup error for a busy journal", err)
	}
	if n := sb.Requests(); n != 0 {
		t.Errorf("the second run sent %d requests", n)
	}
	close(g.open)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	assertNoDuplicates(t, sb, 5)
}

// A results sheet someone edited after its run is not written over by a
// rerun of that run; one left as it was is.
func TestEditedResultsAreNotWrittenOver(t *testing.T) {
	in := patientCSV(t, 4, map[int]string{2: "future"})
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	cfg := Config{Input: in, Client: client, API: client.Endpoint()}
	first, err := Run(context.Background(), cfg)
	if err != nil || first.Counts["created"] != 3 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatalf("rerun of an untouched sheet: %v", err)
	}

	editCSV(t, first.Out, first.Out, func(recs [][]string) { recs[2][3] = "1970-02-03" })
	edited, err := os.ReadFile(first.Out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), cfg)
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "was changed after the run") {
		t.Fatalf("rerun over an edited sheet: %v, want a setup error", err)
	}
	if now, _ := os.ReadFile(first.Out); !bytes.Equal(now, edited) {
		t.Error("the edited sheet was written over")
	}
	// Importing the edited sheet goes on from the edit.
	sum, err := Run(context.Background(), Config{Input: first.Out, Client: client, API: client.Endpoint()})
	if err != nil || sum.Counts["created"] != 4 {
		t.Fatalf("import of the edited sheet: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, sb, 4)
}

// A dry run's results sheet, fixed by hand as the dry run advises, is not
// written over by the real run of the original file; one left as the dry
// run wrote it is.
func TestFixedDryRunSheetIsNotWrittenOver(t *testing.T) {
	in := patientCSV(t, 4, map[int]string{2: "future"})
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	dry := Config{Input: in, DryRun: true}
	real := Config{Input: in, Client: client, API: client.Endpoint()}
	first, err := Run(context.Background(), dry)
	if err != nil || first.Counts["invalid"] != 1 {
		t.Fatalf("dry run: %v, %v", err, first.Counts)
	}
	if _, err := Run(context.Background(), dry); err != nil {
		t.Fatalf("dry run again over its own sheet: %v", err)
	}

	editCSV(t, first.Out, first.Out, func(recs [][]string) { recs[2][3] = "1970-02-03" })
	fixed, err := os.ReadFile(first.Out)
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []Config{real, dry} {
		_, err = Run(context.Background(), cfg)
		var se *SetupError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "changed after the dry run that wrote it") {
			t.Fatalf("run (dry %v) over a fixed dry-run sheet: %v, want a setup error",
				cfg.DryRun, err)
		}
		if now, _ := os.ReadFile(first.Out); !bytes.Equal(now, fixed) {
			t.Fatalf("the fixed sheet was written over (dry %v)", cfg.DryRun)
		}
	}
	if n := sb.Requests(); n != 0 {
		t.Fatalf("a refused run sent %d requests", n)
	}

	// Importing the fixed sheet creates every row, the fixed one included.
	sum, err := Run(context.Background(), Config{Input: first.Out, Client: client,
		API: client.Endpoint()})
	if err != nil || sum.Counts["created"] != 4 || sum.CreatedNow != 4 {
		t.Fatalf("import of the fixed sheet: %v, %v, %d now", err, sum.Counts, sum.CreatedNow)
	}
	assertNoDuplicates(t, sb, 4)
}

// A real run writes over a dry run's sheet nobody changed, and its journal
// then vouches for the sheet.
func TestUntouchedDryRunSheetIsReplaced(t *testing.T) {
	in := patientCSV(t, 3, nil)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dryMark(first.Out)); err != nil {
		t.Fatalf("the dry run left no mark: %v", err)
	}
	sum, err := Run(context.Background(), Config{Input: in, Client: client, API: client.Endpoint()})
	if err != nil || sum.Out != first.Out || sum.CreatedNow != 3 {
		t.Fatalf("real run after a dry run: %v, %s, %d created now", err, sum.Out, sum.CreatedNow)
	}
	if _, err := os.Stat(dryMark(first.Out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dry run's mark outlived the real run: %v", err)
	}
	again, err := Run(context.Background(), Config{Input: in, Client: client, API: client.Endpoint()})
	if err != nil || again.Counts["created"] != 3 || again.CreatedNow != 0 {
		t.Fatalf("rerun: %v, %v, %d created now", err, again.Counts, again.CreatedNow)
	}
}

// A row copied in a results sheet to add a patient keeps the source_row of
// the row it was copied from: it is not taken for that created patient,
// nor sent blindly; a row whose status was merely lost is that patient.
func TestCopiedRowIsNotTakenForTheCreatedOne(t *testing.T) {
	// The copy's status and id cleared by hand, or kept as a spreadsheet
	// copies a whole row.
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("status kept %v", keep), func(t *testing.T) {
			testCopiedRow(t, keep)
		})
	}
}

func testCopiedRow(t *testing.T, keepStatus bool) {
	_, sb, client, first := createdList(t, 3)
	recs, col := readSheet(t, first.Out)
	firstID := recs[1][col["profile_id"]]
	// Row 3's status lost (as a stale sheet has it) and its email edited;
	// row 2 copied to the end for a new patient, its source_row kept.
	recs[2][col["import_status"]], recs[2][col["profile_id"]] = "", ""
	recs[2][4] = "edited@example.com"
	cp := slices.Clone(recs[1])
	cp[0], cp[4] = "Zelda", "zelda@example.com"
	if !keepStatus {
		cp[col["import_status"]], cp[col["profile_id"]] = "", ""
	}
	var out bytes.Buffer
	if err := csv.NewWriter(&out).WriteAll(append(recs, cp)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(first.Out, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	sum, err := Run(context.Background(), Config{Input: first.Out, Client: client,
		API: client.Endpoint()})
	if err != nil || sum.Counts["created"] != 2 || sum.Counts["invalid"] != 2 ||
		sum.CreatedNow != 0 {
		t.Fatalf("sheet with a copied row: %v, %v, %d created now", err, sum.Counts,
			sum.CreatedNow)
	}
	assertNoDuplicates(t, sb, 3)
	res := readResults(t, sum.Out)
	if res[0]["import_status"] != "created" || res[0]["profile_id"] != firstID {
		t.Errorf("the row copied from: %v", res[0])
	}
	if res[1]["import_status"] != "invalid" ||
		!strings.Contains(res[1]["import_hint"], "if this is that patient, set import_status") {
		t.Errorf("the stale, edited row: %v", res[1])
	}
	last := res[len(res)-1]
	if last["import_status"] != "invalid" ||
		!strings.Contains(last["import_error"], "values differ from what it sent") ||
		!strings.Contains(last["import_error"], firstID) ||
		!strings.Contains(last["import_hint"], "if this is a new patient (a copied row)") {
		t.Errorf("the copied row: %v", last)
	}
}

// Patients added to a results sheet, as the tool advises, are sent: a row
// without a source_row is none of the earlier run's rows, whatever line it
// lands on.
func TestRowsAddedToAResultsSheetAreSent(t *testing.T) {
	_, sb, client, first := createdList(t, 4)
	f, err := os.Open(first.Out)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	row := func(name, email string) []string {
		r := make([]string, len(recs[0]))
		copy(r, []string{name, "Neuperson", "f", "1991-02-03", email, "", "acme-clinic-berlin"})
		return r
	}
	// One in the middle, on a line an earlier row had; one at the end.
	var edited [][]string
	edited = append(edited, recs[:2]...)
	edited = append(edited, row("Zoe", "zoe@example.com"))
	edited = append(edited, recs[2:]...)
	edited = append(edited, row("Yara", "yara@example.com"))
	added := first.Out // edited in place, beside its journal
	var b bytes.Buffer
	if err := csv.NewWriter(&b).WriteAll(edited); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(added, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	sum, err := Run(context.Background(), Config{Input: added, Client: client, API: client.Endpoint()})
	if err != nil || sum.Counts["created"] != 6 {
		t.Fatalf("sheet with added rows: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, sb, 6)
	ids, sources := map[string]string{}, map[string]bool{}
	for _, r := range readResults(t, sum.Out) {
		if ids[r["profile_id"]] != "" {
			t.Errorf("profile_id %s given to two rows", r["profile_id"])
		}
		ids[r["profile_id"]] = r["First name"]
		// Zoe landed on line 3, which is the source_row of the row after
		// her: a number of her own keeps the next run from taking one
		// patient's creation for the other's.
		if sources[r["source_row"]] {
			t.Errorf("source_row %s given to two rows", r["source_row"])
		}
		sources[r["source_row"]] = true
	}

	again, err := Run(context.Background(), Config{Input: sum.Out, Client: client, API: client.Endpoint()})
	if err != nil || again.Counts["created"] != 6 || again.CreatedNow != 0 {
		t.Fatalf("the next sheet fed back: %v, %v, %d created now", err, again.Counts, again.CreatedNow)
	}
	assertNoDuplicates(t, sb, 6)
	for _, r := range readResults(t, again.Out) {
		if ids[r["profile_id"]] != r["First name"] {
			t.Errorf("%s now has profile_id %q", r["First name"], r["profile_id"])
		}
	}
}

// A row dropped from one results sheet and pasted back into a later one
// keeps its profile: a patient added in between was not given its number,
// which the sheet it was added to no longer showed.
func TestDroppedRowComesBackCreated(t *testing.T) {
	_, sb, client, first := createdList(t, 3)
	run := func(input string) Summary { return realRun(t, client, input) }
	// rewrite replaces a CSV sheet's records with what edit makes of them.
	rewrite := func(path string, edit func([][]string) [][]string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := csv.NewWriter(&out).WriteAll(edit(recs)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	var dropped []string
	rewrite(first.Out, func(recs [][]string) [][]string {
		dropped = recs[3] // source_row 4
		return recs[:3]
	})
	second := run(first.Out)
	rewrite(second.Out, func(recs [][]string) [][]string {
		added := make([]string, len(recs[0]))
		copy(added, []string{"Dee", "Neuperson", "f", "1963-01-01", "dee@example.com", "",
			"acme-clinic-berlin"})
		return append(recs, added)
	})
	third := run(second.Out)
	res := readResults(t, third.Out)
	if dee := res[len(res)-1]; dee["First name"] != "Dee" || dee["source_row"] != "5" ||
		dee["import_status"] != "created" {
		t.Fatalf("the added row: %v", dee)
	}
	rewrite(third.Out, func(recs [][]string) [][]string { return append(recs, dropped) })
	fourth := run(third.Out)
	if fourth.Counts["created"] != 4 || fourth.CreatedNow != 0 {
		t.Errorf("the dropped row pasted back: %v, %d created now", fourth.Counts, fourth.CreatedNow)
	}
	assertNoDuplicates(t, sb, 4)
}

// A row copied to add a patient that keeps the created status and profile
// id of the row it was copied from, both rows' source_row changed so that
// no journal knows them: neither is taken for created nor sent, until the
// sheet says which is which.
func TestCopiedRowWithUnknownSourceRow(t *testing.T) {
	_, sb, client, first := createdList(t, 3)
	run := func(input string) Summary { return realRun(t, client, input) }
	recs, col := readSheet(t, first.Out)
	recs[2][col["source_row"]] = "7"
	copied := slices.Clone(recs[2])
	copied[0], copied[col["Email"]] = "Berta", "berta@example.com"
	var out bytes.Buffer
	if err := csv.NewWriter(&out).WriteAll(append(recs, copied)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(first.Out, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	second := run(first.Out)
	if second.CreatedNow != 0 || second.Counts["unknown"] != 2 || second.Counts["created"] != 2 {
		t.Fatalf("the sheet with the copy: %v, %d created now", second.Counts, second.CreatedNow)
	}
	res := readResults(t, second.Out)
	for _, r := range []map[string]string{res[1], res[3]} {
		if r["import_status"] != "unknown" || r["profile_id"] != recs[2][col["profile_id"]] ||
			!strings.Contains(r["import_error"], "other rows of this sheet carry this profile_id") {
			t.Errorf("a row sharing the id: %v", r)
		}
	}
	// The operator says which is which: the original keeps it, the copy
	// is a new patient.
	editCSV(t, second.Out, second.Out, func(recs [][]string) {
		recs[2][col["import_status"]] = "created"
		recs[4][col["import_status"]], recs[4][col["profile_id"]], recs[4][col["source_row"]] = "", "", ""
	})
	third := run(second.Out)
	if third.CreatedNow != 1 || third.Counts["created"] != 4 {
		t.Errorf("the sheet settled: %v, %d created now", third.Counts, third.CreatedNow)
	}
	assertNoDuplicates(t, sb, 4)
}

// A copy of a created row, made to add a patient, keeps the status and the
// id (here in capitals) and loses its source_row: it is none of the rows
// the journal created, whether or not the row it was copied from is still
// in the sheet.
func TestCopyWithAnotherRowsID(t *testing.T) {
	for _, keepOriginal := range []bool{true, false} {
		t.Run(fmt.Sprintf("original kept %v", keepOriginal), func(t *testing.T) {
			_, sb, client, first := createdList(t, 3)
			recs, col := readSheet(t, first.Out)
			dora := slices.Clone(recs[1])
			dora[0], dora[col["Email"]] = "Dora", "dora@example.com"
			dora[col["profile_id"]] = strings.ToUpper(dora[col["profile_id"]])
			dora[col["source_row"]] = ""
			if !keepOriginal {
				recs = slices.Delete(recs, 1, 2)
			}
			var out bytes.Buffer
			if err := csv.NewWriter(&out).WriteAll(append(recs, dora)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(first.Out, out.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			sum := realRun(t, client, first.Out)
			res := readResults(t, sum.Out)
			if d := res[len(res)-1]; sum.CreatedNow != 0 || d["First name"] != "Dora" ||
				d["import_status"] != "unknown" {
				t.Errorf("the copy: %v (%v, %d created now)", d, sum.Counts, sum.CreatedNow)
			}
			if keepOriginal && res[0]["import_status"] != "created" {
				t.Errorf("the row copied from: %v", res[0])
			}
			assertNoDuplicates(t, sb, 3)
		})
	}
}
