package journal

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// gate is a handle whose syncs the test begins and ends: each sync says
// that it began, and ends with what the test sends it.
type gate struct {
	began chan<- *gate
	end   chan error
}

func (g *gate) Sync() error {
	g.began <- g
	return <-g.end
}

// gated opens a journal whose syncs go through n gates.
func gated(t *testing.T, n int) (*Journal, <-chan *gate) {
	t.Helper()
	j, _, err := Open(filepath.Join(t.TempDir(), "run.journal"), header(), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, h := range j.more {
			h.Close()
		}
		j.f.Close()
	})
	began := make(chan *gate)
	j.free = nil
	for range n {
		j.free = append(j.free, &gate{began: began, end: make(chan error)})
	}
	return j, began
}

// next waits for a sync to begin; the bound only keeps a broken journal
// from hanging the test.
func next(t *testing.T, began <-chan *gate, why string) *gate {
	t.Helper()
	select {
	case g := <-began:
		return g
	case <-time.After(10 * time.Second):
		t.Fatalf("no sync began: %s", why)
		return nil
	}
}

// TestEntryDuringASyncGetsItsOwn: an entry written while a sync is under
// way does not wait for that sync to end before its own begins; and a
// sync that ends first, though begun later, puts the earlier entry on
// disk too.
func TestEntryDuringASyncGetsItsOwn(t *testing.T) {
	j, began := gated(t, 2)
	first := make(chan error)
	go func() { first <- j.Append(Entry{Row: 2, Event: EventSend}) }()
	a := next(t, began, "for the first entry")
	second := make(chan error)
	go func() { second <- j.Append(Entry{Row: 3, Event: EventSend}) }()
	b := next(t, began, "for an entry written while the first sync was under way")

	b.end <- nil
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	j.mu.Lock()
	synced, written := j.synced, j.written
	j.mu.Unlock()
	if synced != written {
		t.Errorf("after the later sync: %d of %d lines on disk, want all", synced, written)
	}
	a.end <- nil
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	select {
	case <-began:
		t.Error("a third sync began for two entries")
	default:
	}
}

// TestFailedSyncStopsEveryLaterCall: an entry whose sync failed is not on
// disk, and nothing written after it counts either.
func TestFailedSyncStopsEveryLaterCall(t *testing.T) {
	j, began := gated(t, 1)
	done := make(chan error)
	go func() { done <- j.Append(Entry{Row: 2, Event: EventSend}) }()
	eio := errors.New("input/output error")
	next(t, began, "for the entry").end <- eio
	if err := <-done; !errors.Is(err, eio) {
		t.Fatalf("Append: %v, want the sync's error", err)
	}
	if err := j.Queue(Entry{Row: 2, Event: EventDone}); !errors.Is(err, eio) {
		t.Errorf("Queue after a failed sync: %v", err)
	}
	if err := j.Sync(); !errors.Is(err, eio) {
		t.Errorf("Sync after a failed sync: %v", err)
	}
}

// TestReopenRefusesAnotherFile: a handle to sync through must be on the
// journal's own file, not on one put in its place.
func TestReopenRefusesAnotherFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.journal")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.Rename(path, filepath.Join(dir, "moved")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, nil, 0o600)
	if h, err := reopen(path, f); err == nil {
		h.Close()
		t.Error("reopen gave a handle on another file")
	}
}
