package journal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func header() Header {
	return Header{Input: "in1", Mapping: "map1", Started: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
}

func TestReopenGivesOutcomes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	j, state, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(state) != 0 {
		t.Fatalf("new journal state = %v, want empty", state)
	}
	entries := []Entry{
		{Row: 2, Event: EventSend, Hash: "h2"},
		{Row: 2, Event: EventDone, Status: "created", ID: "id-2"},
		{Row: 3, Event: EventSend, Hash: "h3"},
		{Row: 4, Event: EventSend, Hash: "h4"},
		{Row: 4, Event: EventDone, Status: "unknown", Error: "HTTP 500"},
		{Row: 4, Event: EventSend, Hash: "h4"},
		{Row: 4, Event: EventDone, Status: "created", ID: "id-4"},
	}
	for _, e := range entries {
		if err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()

	j, state, err = Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	want := State{
		2: {Hash: "h2", Status: "created", ID: "id-2", Attempts: 1},
		3: {Hash: "h3", InFlight: true, Attempts: 1},
		4: {Hash: "h4", Status: "created", ID: "id-4", Attempts: 2},
	}
	if len(state) != len(want) {
		t.Fatalf("state has %d rows, want %d: %v", len(state), len(want), state)
	}
	for row, w := range want {
		if got := state[row]; got != w {
			t.Errorf("row %d: got %+v, want %+v", row, got, w)
		}
	}
}

func TestPartialLastLineIsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	j, _, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	j.Append(Entry{Row: 2, Event: EventSend, Hash: "h2"})
	j.Close()
	// A kill in the middle of a write.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"row":2,"ev":"done","sta`)
	f.Close()

	j, state, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	if !state[2].InFlight {
		t.Errorf("row 2 = %+v, want in flight", state[2])
	}
	if err := j.Append(Entry{Row: 3, Event: EventSend, Hash: "h3"}); err != nil {
		t.Fatal(err)
	}
	j.Close()
	_, state, err = Load(path)
	if err != nil {
		t.Fatalf("journal damaged after appending past a partial line: %v", err)
	}
	if !state[3].InFlight || !state[2].InFlight {
		t.Errorf("state = %+v", state)
	}
}

func TestMismatchAndRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.journal")
	j, _, _ := Open(path, header(), false)
	j.Append(Entry{Row: 2, Event: EventDone, Status: "created", ID: "x"})
	j.Close()

	changed := header()
	changed.Input = "in2"
	if _, _, err := Open(path, changed, false); !errors.Is(err, ErrMismatch) ||
		!strings.Contains(err.Error(), "input file changed") {
		t.Fatalf("changed input: err = %v, want ErrMismatch naming the input", err)
	}
	changed = header()
	changed.Mapping = "map2"
	if _, _, err := Open(path, changed, false); !errors.Is(err, ErrMismatch) ||
		!strings.Contains(err.Error(), "mapping changed") {
		t.Fatalf("changed mapping: err = %v, want ErrMismatch naming the mapping", err)
	}
	j, state, err := Open(path, changed, true)
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	if len(state) != 0 {
		t.Errorf("restart state = %v, want empty", state)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "run.journal.*.old"))
	if len(old) != 1 {
		t.Errorf("set-aside journals = %v, want one", old)
	}
}

func TestConcurrentAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	j, _, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				row := w*1000 + i + 1 // rows are lines: 1 and up
				if err := j.Append(Entry{Row: row, Event: EventDone, Status: "created"}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	j.Close()
	_, state, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(state) != 400 {
		t.Errorf("rows = %d, want 400", len(state))
	}
	info, _ := os.Stat(path)
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("journal mode = %v, want 0600", perm)
	}
}

func TestNotAJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.journal")
	os.WriteFile(path, []byte("first_name,last_name\n"), 0o600)
	if _, _, err := Open(path, header(), false); err == nil ||
		!strings.Contains(err.Error(), "not a journal") {
		t.Fatalf("err = %v, want 'not a journal'", err)
	}
}

func TestSecondRunIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	j, _, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Open(path, header(), false); !errors.Is(err, ErrBusy) {
		t.Errorf("second open: %v, want ErrBusy", err)
	}
	j.Close()
	j, _, err = Open(path, header(), false)
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	j.Close()
}

func TestHalfWrittenHeaderStartsAfresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	os.WriteFile(path, []byte(`{"v":1,"inp`), 0o600)
	j, state, err := Open(path, header(), false)
	if err != nil {
		t.Fatalf("a journal killed while writing its header: %v", err)
	}
	j.Append(Entry{Row: 2, Event: EventSend})
	j.Close()
	h, _, err := Load(path)
	if err != nil || h.Input != "in1" || len(state) != 0 {
		t.Errorf("after a fresh start: %+v, %v", h, err)
	}
}

// TestQueuedEntriesAreWrittenAtOnce: Queue does not wait for a sync, but
// its entry is in the file at once, so a killed process does not lose it;
// Sync, a later Append and Close cover it.
func TestQueuedEntriesAreWrittenAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	j, _, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	j.Append(Entry{Row: 2, Event: EventSend, Hash: "h2"})
	if err := j.Queue(Entry{Row: 2, Event: EventDone, Status: "created", ID: "id-2"}); err != nil {
		t.Fatal(err)
	}
	_, state, err := Load(path)
	if err != nil || state[2].Status != "created" || state[2].InFlight {
		t.Fatalf("after Queue, the file holds %+v (%v); want row 2 created", state[2], err)
	}
	j.Queue(Entry{Row: 3, Event: EventSend, Hash: "h3"})
	if err := j.Sync(); err != nil {
		t.Fatal(err)
	}
	if j.synced != j.written || j.written != 4 {
		t.Errorf("after Sync: %d of %d lines synced, want 4 of 4", j.synced, j.written)
	}
	j.Queue(Entry{Row: 3, Event: EventDone, Status: "created", ID: "id-3"})
	if err := j.Close(); err != nil || j.synced != 5 {
		t.Errorf("Close: %v, %d lines synced; want 5", err, j.synced)
	}
}

// TestFailedWriteStopsEveryLaterCall: once the file cannot be written,
// nothing is taken as journaled any more.
func TestFailedWriteStopsEveryLaterCall(t *testing.T) {
	j, _, err := Open(filepath.Join(t.TempDir(), "run.journal"), header(), false)
	if err != nil {
		t.Fatal(err)
	}
	j.f.Close() // as if the disk went away
	if err := j.Queue(Entry{Row: 2, Event: EventDone}); err == nil {
		t.Fatal("Queue on a closed file: no error")
	}
	if err := j.Append(Entry{Row: 3, Event: EventSend}); err == nil {
		t.Error("Append after a failed Queue: no error")
	}
	if err := j.Sync(); err == nil {
		t.Error("Sync after a failed Queue: no error")
	}
}

// The last sheet mark survives a reopen, and is no row's outcome.
func TestSheetMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.csv.journal")
	j, _, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := LastSheet(path); ok {
		t.Error("a new journal has a sheet mark")
	}
	for _, m := range []SheetMark{{Size: 10, ModTime: 1}, {Size: 12, ModTime: 2}} {
		if err := j.MarkSheet(m); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	j, st, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if m, ok, _ := LastSheet(path); !ok || m != (SheetMark{Size: 12, ModTime: 2}) {
		t.Errorf("LastSheet = %v, %v; want the last mark", m, ok)
	}
	if len(st) != 0 {
		t.Errorf("sheet marks became rows: %v", st)
	}
}

// A line that reads as JSON but is no entry this package writes (an
// unknown status, say, after an edit by hand) is damage, not an outcome.
func TestForeignEntryIsDamage(t *testing.T) {
	for _, bad := range []string{
		`{"row":7,"ev":"done","status":"crXated","id":"x"}`,
		`{"row":7,"ev":"sent"}`,
		`{"row":0,"ev":"send","hash":"h"}`,
		`{"ev":"sheet"}`,
	} {
		path := filepath.Join(t.TempDir(), "r.journal")
		j, _, err := Open(path, header(), false)
		if err != nil {
			t.Fatal(err)
		}
		j.Close()
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(bad + "\n")
		f.Close()
		if _, _, err := Load(path); err == nil || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("%s: Load = %v, want damage", bad, err)
		}
	}
}
