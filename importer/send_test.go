package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"aniva-import/importer/api"
	"aniva-import/importer/journal"
	"aniva-import/importer/results"
	"aniva-import/importer/sandbox"
)

// diskLedger keeps entries as a crash of the machine would leave them:
// only those up to the last sync survive.
type diskLedger struct {
	mu      sync.Mutex
	entries []journal.Entry
	durable int // entries[:durable] are on disk
	syncs   int
}

func (l *diskLedger) Append(e journal.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	l.durable = len(l.entries)
	l.syncs++
	return nil
}

func (l *diskLedger) Queue(e journal.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	return nil
}

func (l *diskLedger) Sync() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.durable < len(l.entries) {
		l.durable = len(l.entries)
		l.syncs++
	}
	return nil
}

// inFlight reports whether a crash now would leave row in flight: its
// last entry on disk is a send.
func (l *diskLedger) inFlight(row int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := l.durable - 1; i >= 0; i-- {
		if e := l.entries[i]; e.Row == row {
			return e.Event == journal.EventSend
		}
	}
	return false
}

// checkingCreator creates every profile, after checking that a crash at
// that moment would leave the row in flight, never unsent.
type checkingCreator struct {
	t      *testing.T
	ledger *diskLedger
}

func (c checkingCreator) Create(_ context.Context, body []byte, _ string) api.Result {
	var b struct{ Row int }
	json.Unmarshal(body, &b)
	if !c.ledger.inFlight(b.Row) {
		c.t.Errorf("row %d left before its send entry was on disk", b.Row)
	}
	time.Sleep(time.Duration(rand.IntN(500)) * time.Microsecond)
	return api.Result{Outcome: api.Created, Status: 201, ID: fmt.Sprintf("id-%d", b.Row)}
}

// TestOutcomesAreOnDiskWhenTheSendersReturn: "done" entries are queued
// rather than synced, yet each request leaves only once its "send" is on
// disk, and once every sender has returned (before the results sheet is
// made final) every outcome is on disk too.
func TestOutcomesAreOnDiskWhenTheSendersReturn(t *testing.T) {
	const rows, workers = 300, 8
	l := &diskLedger{}
	cfg := Config{Client: checkingCreator{t: t, ledger: l}, Concurrency: workers}
	cfg.defaults()
	s := newSender(&cfg, l)
	queue := make(chan *row, rows)
	for line := 2; line < rows+2; line++ {
		queue <- &row{line: line, source: line, body: fmt.Appendf(nil, `{"row":%d}`, line)}
	}
	close(queue)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for rw := range queue {
				if err := s.do(context.Background(), rw, ""); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if l.durable != len(l.entries) || len(l.entries) != 2*rows {
		t.Errorf("%d of %d entries on disk, want all %d", l.durable, len(l.entries), 2*rows)
	}
	// One sync a request, and a few for the last senders to return.
	if l.syncs > rows+workers {
		t.Errorf("%d syncs for %d requests", l.syncs, rows)
	}
}

// TestOutcomeLostInACrashIsNotResent: a crash of the machine after a row's
// answer but before the sync that covers its "done" entry leaves a "send"
// alone. The next run must treat that row as possibly created, never send
// it again, and keep every other row's outcome.
func TestOutcomeLostInACrashIsNotResent(t *testing.T) {
	in := patientCSV(t, 12, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	sum, err := Run(context.Background(), Config{Input: in, Client: client, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	lost := map[int]bool{3: true, 9: true}
	dropDone(t, sum.Journal, lost)
	os.Remove(sum.Out) // the crash came before the sheet was final

	before := sb.Requests()
	sum, err = Run(context.Background(), Config{Input: in, Client: client, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	if sent := sb.Requests() - before; sent != 0 {
		t.Errorf("the resumed run sent %d requests, want none", sent)
	}
	for i, r := range readResults(t, sum.Out) {
		want := "created"
		if lost[i+2] {
			want = "unknown"
		}
		if r["import_status"] != want || (want == "created") != (r["profile_id"] != "") {
			t.Errorf("row %d: %s %q, want %s", i+2, r["import_status"], r["profile_id"], want)
		}
	}
	assertNoDuplicates(t, sb, 12)
}

// dropDone removes the "done" entries of the given rows from a journal.
func dropDone(t *testing.T, path string, rows map[int]bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kept bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var e journal.Entry
		json.Unmarshal(sc.Bytes(), &e)
		if e.Event == journal.EventDone && rows[e.Row] {
			continue
		}
		kept.Write(sc.Bytes())
		kept.WriteByte('\n')
	}
	if n := strings.Count(string(data), "\n") - strings.Count(kept.String(), "\n"); n != len(rows) {
		t.Fatalf("dropped %d entries, want %d", n, len(rows))
	}
	if err := os.WriteFile(path, kept.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// groupGate creates profiles in group "open" and answers any other group
// with a 403 that names neither the scope nor the group, as a real API
// might word it.
type groupGate struct{}

func (groupGate) Create(_ context.Context, body []byte, _ string) api.Result {
	if strings.Contains(string(body), `"open"`) {
		return api.Result{Outcome: api.Created, Status: 201, ID: "id"}
	}
	return api.Result{Outcome: api.Rejected, Status: 403, Reason: "HTTP 403: Access denied",
		GroupProblem: true, Unclear403: true}
}

// TestUnclear403IsTheGroups: a 403 naming neither cause rejects its group,
// whichever group's row goes first, and the run goes on with the others.
func TestUnclear403IsTheGroups(t *testing.T) {
	send := func(s *sender, line int, group string) *row {
		rw := &row{line: line, source: line, group: group,
			body: fmt.Appendf(nil, `{"group":%q}`, group)}
		if err := s.do(context.Background(), rw, ""); err != nil {
			t.Fatal(err)
		}
		return rw
	}
	cfg := Config{Client: groupGate{}, Concurrency: 1}
	cfg.defaults()
	s := newSender(&cfg, &diskLedger{})
	if rw := send(s, 2, "closed"); rw.status != results.StatusRejected ||
		!strings.Contains(rw.hint, "CREATE_USER") {
		t.Errorf("row 2, first: %s %s (%s)", rw.status, rw.reason, rw.hint)
	}
	if rw := send(s, 3, "open"); rw.status != results.StatusCreated {
		t.Errorf("row 3: %s %s", rw.status, rw.reason)
	}
	if rw := send(s, 4, "closed"); rw.status != results.StatusRejected ||
		!strings.Contains(rw.reason, "not sent") {
		t.Errorf("row 4, same group: %s %s", rw.status, rw.reason)
	}
	if s.stopCause() != nil {
		t.Errorf("run stopped: %v", s.stopCause())
	}
}

// refuseAll answers every request with a 403 that names no cause.
type refuseAll struct{}

func (refuseAll) Create(context.Context, []byte, string) api.Result {
	return api.Result{Outcome: api.Rejected, Status: 403, Reason: "HTTP 403: Forbidden",
		GroupProblem: true, Unclear403: true}
}

// A run whose every group is refused without a cause says the key's scope
// may be what is wrong, beside the rows' own reasons.
func TestUnclear403EverywhereIsNoted(t *testing.T) {
	in := patientCSV(t, 3, map[int]string{2: "group404"})
	sum, err := Run(context.Background(), Config{Input: in, Client: refuseAll{},
		API: "https://aniva.example"})
	if err != nil || sum.Counts["rejected"] != 3 {
		t.Fatalf("run: %v, %v", err, sum.Counts)
	}
	if !slices.ContainsFunc(sum.Notes, func(n string) bool {
		return strings.Contains(n, "2 profile groups answered 403") && strings.Contains(n, "CREATE_USER")
	}) {
		t.Errorf("notes %q", sum.Notes)
	}
}
