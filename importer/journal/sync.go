package journal

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

// syncers is how many syncs of one journal may be under way at once.
//
// An entry written while a sync is under way needs a sync of its own. With
// one at a time, it waits for the rest of that sync and then all of the
// next: about 1.5 syncs on average, 2 for entries that come together, as
// the answers of requests sent together do. A sync here takes 0.3–1 ms, a
// device cache flush on this machine, so that was 1.8–2.5 ms of a 20 ms
// request. A sync begun at once costs one; the kernel merges flushes that
// overlap, so the disk hardly notices. 2, 4 and 16 at once measured the
// same.
//
// Each sync goes through a handle of its own: Linux reports a failed
// write-back to one sync per open file, and of two syncs through the same
// handle, the one that missed the error would count as a success.
const syncers = 4

// syncer is an open handle on the journal's file, to sync through.
type syncer interface{ Sync() error }

func newJournal(path string, f *os.File) *Journal {
	j := &Journal{path: path, f: f, free: []syncer{f}}
	j.cond = sync.NewCond(&j.mu)
	for range syncers - 1 {
		h, err := reopen(path, f)
		if err != nil {
			break // fewer syncs at once; nothing else changes
		}
		j.more = append(j.more, h)
		j.free = append(j.free, h)
	}
	return j
}

// reopen opens path again, for syncing f, and makes sure that it is still
// the same file.
func reopen(path string, f *os.File) (*os.File, error) {
	h, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	a, err1 := f.Stat()
	b, err2 := h.Stat()
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		h.Close()
		return nil, fmt.Errorf("%s is no longer the journal opened", path)
	}
	return h, nil
}

// Path is the journal's file name.
func (j *Journal) Path() string { return j.path }

// Append writes e and returns once it is on disk. After a write or sync
// fails, every later call returns that error.
//
// A sync covers every entry written before it began, so callers that wait
// at the same time share one; an entry written after the syncs under way
// began waits for one more, begun at once.
func (j *Journal) Append(e Entry) error {
	n, err := j.add(e)
	if err != nil {
		return err
	}
	return j.syncTo(n)
}

// Queue writes e and returns without waiting for a sync: the next Append,
// Sync or Close puts it on disk. Until then a crash of the machine (not
// merely of the process) may lose it. After a write or sync fails, every
// later call returns that error.
func (j *Journal) Queue(e Entry) error {
	_, err := j.add(e)
	return err
}

// Sync returns once every entry appended or queued so far is on disk.
func (j *Journal) Sync() error {
	j.mu.Lock()
	n := j.written
	j.mu.Unlock()
	return j.syncTo(n)
}

func (j *Journal) add(e Entry) (uint64, error) {
	line, err := json.Marshal(e)
	if err != nil {
		return 0, err
	}
	return j.write(append(line, '\n'))
}

// write writes line at once, in the order of the calls, and returns its
// number for syncTo. Lines are short: the write costs microseconds, so
// holding the lock through it keeps the order without slowing appenders.
func (j *Journal) write(line []byte) (uint64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return 0, j.err
	}
	if _, err := j.f.Write(line); err != nil {
		j.err = fmt.Errorf("write journal %s: %w", j.path, err)
		return 0, j.err
	}
	j.written++
	return j.written, nil
}

// syncTo waits until the first n lines are on disk: for a sync under way
// that covers them, or else for one it begins at once (when a handle is
// free) of everything written so far.
func (j *Journal) syncTo(n uint64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.synced < n && j.err == nil {
		if j.started >= n || len(j.free) == 0 {
			j.cond.Wait()
			continue
		}
		h := j.free[len(j.free)-1]
		j.free = j.free[:len(j.free)-1]
		upto := j.written
		j.started = upto
		j.mu.Unlock()
		err := h.Sync()
		j.mu.Lock()
		j.free = append(j.free, h)
		switch {
		case err != nil:
			j.err = fmt.Errorf("sync journal %s: %w", j.path, err)
		case upto > j.synced:
			// Syncs may end out of order: one begun later covers the
			// lines of those begun before it as well.
			j.synced = upto
		}
		j.cond.Broadcast()
	}
	return j.err
}

// Close puts every entry on disk and closes the file.
func (j *Journal) Close() error {
	err := j.Sync()
	for _, h := range j.more {
		h.Close()
	}
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}
