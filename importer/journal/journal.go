// Package journal keeps the durable record of an upload: which rows were
// sent, and what became of them. It is what makes a run safe to kill and
// to resume.
//
// A journal is a file of JSON lines. The first line is a [Header] naming
// the input and the mapping it belongs to; every later line is an [Entry].
// A row's "send" entry is on disk before its request leaves, so a process
// killed at any moment leaves either no trace of a request (it was never
// sent) or a "send" without a "done" (it may have reached the API: the row
// is unknown, and is not sent again). A "done" entry need not wait for a
// sync of its own ([Journal.Queue]): the next one covers it, and until then
// a crash of the machine can only leave its row unknown. Whoever acts on an
// outcome (the results sheet) syncs first.
//
// A crash of the machine can also leave the file longer than what was
// synced, the rest zeros or a torn line: the file system may record a new
// length before the bytes. Reading stops at the first zero byte or
// unfinished line. Every sync covers all that was written before it, so
// nothing past that point was ever reported durable.
//
// The journal holds row numbers, hashes and outcomes: never patient values
// and never the API key.
package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"time"

	"aniva-import/importer/internal/filelock"
	"aniva-import/importer/results"
)

// Version is the journal format written by this package.
const Version = 1

// The events an [Entry] records.
const (
	EventSend  = "send"  // a request is about to be written
	EventDone  = "done"  // the row's outcome is decided
	EventSheet = "sheet" // the results sheet was written (see [SheetMark])
)

// SheetMark is the results sheet as a run left it: its size and
// modification time, which an edit in a spreadsheet program changes. A
// later run on the same journal rewrites the sheet, and must not lose
// what someone typed into it meanwhile.
type SheetMark struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"mtime"` // Unix nanoseconds
}

// MarkOf is the mark of the file fi describes.
func MarkOf(fi os.FileInfo) SheetMark {
	return SheetMark{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}

// errNoHeader reports a journal without a complete first line.
var errNoHeader = errors.New("journal has no header")

// ErrMismatch reports a journal that belongs to another input file,
// another mapping or another API than the run that opened it.
var ErrMismatch = errors.New("journal belongs to a different input, mapping or API")

// Header identifies the run a journal belongs to.
type Header struct {
	Version int    `json:"v"`
	Input   string `json:"input"`   // hash of the input file's bytes
	Mapping string `json:"mapping"` // fingerprint of the resolved mapping
	// API names the API the rows were sent to. Journals written before it
	// was recorded have none, and are taken to belong to any API: refusing
	// them would leave a killed run no way to resume but sending every row
	// again.
	API string `json:"api,omitempty"`
	// Rules is the version of the cleaning that made the requests
	// ([mapping.Rules]); 0 in journals written before it was recorded.
	Rules   int       `json:"rules,omitempty"`
	Started time.Time `json:"started"`
}

// otherAPI reports whether a journal with header old was written against
// another API than h names.
func (old Header) otherAPI(h Header) bool { return old.API != "" && old.API != h.API }

// APIError reports a journal written by a run against another API than the
// run that opened it: its outcomes say nothing about that API. It wraps
// [ErrMismatch].
type APIError struct {
	Journal string // the API the journal was written against
	Run     string // the API of the run that opened it
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%v: it was written against %q, this run targets %q",
		ErrMismatch, e.Journal, e.Run)
}

func (e *APIError) Unwrap() error { return ErrMismatch }

// Entry is one line of the journal.
type Entry struct {
	Row     int    `json:"row"`
	Source  int    `json:"src,omitempty"` // the row's number in the original input
	Event   string `json:"ev"`
	Hash    string `json:"hash,omitempty"` // hash of the request body
	Attempt int    `json:"attempt,omitempty"`
	Status  string `json:"status,omitempty"` // with EventDone: the row's status
	ID      string `json:"id,omitempty"`     // profile id, when created
	Email   string `json:"email,omitempty"`  // email the platform generated
	Error   string `json:"error,omitempty"`  // reason, when not created
	// Foreign marks an ID that another API made than the journal's: a
	// sandbox trial carries a real run's ids, which stay real.
	Foreign bool `json:"foreign,omitempty"`
	// Sheet is set with EventSheet only.
	Sheet *SheetMark `json:"sheet,omitempty"`
}

// Outcome is what the journal knows about one row.
type Outcome struct {
	Source   int // the row's number in the original input
	Hash     string
	Status   string // the last decided status; "" when never decided
	ID       string
	Email    string
	Error    string
	Foreign  bool // ID was made by another API than the journal's
	InFlight bool // a send after the last decision: the request may have arrived
	Attempts int
}

// State is a journal's content, by row number.
type State map[int]Outcome

// BySource is the same content by the rows' numbers in the original input,
// for a run on a results sheet, whose rows keep those numbers.
func (s State) BySource() State {
	out := make(State, len(s))
	for row, o := range s {
		if o.Source != 0 {
			row = o.Source
		}
		out[row] = o
	}
	return out
}

// Journal appends entries. It is safe for concurrent use. An entry is
// written to the file as it is appended, so it survives the process being
// killed; it survives a crash of the machine once a sync covers it (see
// [Journal.Append] for how callers share syncs).
type Journal struct {
	path string
	f    *os.File   // written through; holds the lock
	more []*os.File // more handles to sync through, closed with f

	mu      sync.Mutex
	cond    *sync.Cond
	free    []syncer // handles no sync is using
	written uint64   // lines written to the file
	started uint64   // lines covered by the latest sync begun
	synced  uint64   // lines known to be on disk
	err     error
}

// Open opens the journal at path, creating it with h as its header when it
// does not exist, and returns what it already holds. A journal with another
// input, mapping or API fails with [ErrMismatch] unless restart is set; then it
// is set aside (renamed with a timestamp suffix) and a new one begun. The
// journal is locked while open: a second run on it fails with [ErrBusy].
func Open(path string, h Header, restart bool) (*Journal, State, error) {
	h.Version = Version
	f, err := openLocked(path, os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, nil, err
	}
	old, state, end, err := load(path)
	switch {
	case errors.Is(err, errNoHeader):
		// New, or begun by a run that died before its first line was
		// down: nothing was sent under it.
		return begin(path, f, h)
	case err != nil:
		f.Close()
		return nil, nil, err
	case old.Input != h.Input || old.Mapping != h.Mapping || old.otherAPI(h):
		f.Close()
		if !restart {
			return nil, nil, fmt.Errorf("%s: %w", path, mismatch(old, h))
		}
		aside := path + "." + time.Now().UTC().Format("20060102T150405Z") + ".old"
		if err := os.Rename(path, aside); err != nil {
			return nil, nil, fmt.Errorf("set aside journal: %w", err)
		}
		if f, err = openLocked(path, os.O_RDWR|os.O_CREATE|os.O_EXCL); err != nil {
			return nil, nil, err
		}
		return begin(path, f, h)
	}
	if err := cutAt(f, end); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("open journal: %w", err)
	}
	return newJournal(path, f), state, nil
}

// MarkSheet records that the results sheet was written as m describes,
// and returns once that is on disk.
func (j *Journal) MarkSheet(m SheetMark) error {
	return j.Append(Entry{Event: EventSheet, Sheet: &m})
}

// ErrBusy reports a journal that another run holds open.
var ErrBusy = errors.New("another aniva-import run is using this journal; " +
	"wait for it to finish (two runs at once would send rows twice)")

func openLocked(path string, flag int) (*os.File, error) {
	f, err := os.OpenFile(path, flag, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	if err := filelock.Lock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrBusy)
	}
	return f, nil
}

// begin empties f and writes the header.
func begin(path string, f *os.File, h Header) (*Journal, State, error) {
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("create journal: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("create journal: %w", err)
	}
	j := newJournal(path, f)
	line, _ := json.Marshal(h)
	n, err := j.write(append(line, '\n'))
	if err == nil {
		err = j.syncTo(n)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return j, State{}, nil
}

// cutAt drops what follows the last whole line, end, and leaves the
// offset there: a line half written when the process was killed, or the
// zeros a crash of the machine left.
func cutAt(f *os.File, end int64) error {
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil || size == end {
		return err
	}
	if err := f.Truncate(end); err != nil {
		return err
	}
	_, err = f.Seek(end, io.SeekStart)
	return err
}

func mismatch(old, h Header) error {
	if old.otherAPI(h) {
		return &APIError{Journal: old.API, Run: h.API}
	}
	if old.Input != h.Input {
		return fmt.Errorf("%w: the input file changed since the run of %s",
			ErrMismatch, old.Started.Format(time.RFC3339))
	}
	return fmt.Errorf("%w: the mapping changed since the run of %s",
		ErrMismatch, old.Started.Format(time.RFC3339))
}

// ReadHeader reads only a journal's first line.
func ReadHeader(path string) (Header, error) {
	var h Header
	f, err := os.Open(path)
	if err != nil {
		return h, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadBytes('\n')
	if err != nil || torn(line) {
		return h, errNoHeader
	}
	return h, readHeader(line, &h)
}

// Load reads a journal without opening it for writing.
//
// A journal without a complete first line holds nothing: it is read as
// empty.
func Load(path string) (Header, State, error) {
	h, st, _, err := load(path)
	if errors.Is(err, errNoHeader) {
		return h, State{}, nil
	}
	return h, st, err
}

// LastSheet is the mark of the results sheet the journal at path records
// last; false when it records none, with the error when it cannot be read.
func LastSheet(path string) (SheetMark, bool, error) {
	_, _, sheet, _, err := loadAll(path)
	if err != nil || sheet == nil {
		return SheetMark{}, false, err
	}
	return *sheet, true, nil
}

// load reads the journal at path, and tells where its last whole line
// ends.
func load(path string) (h Header, state State, end int64, err error) {
	h, state, _, end, err = loadAll(path)
	return h, state, end, err
}

// loadAll is load, and gives the journal's last sheet mark too.
func loadAll(path string) (h Header, state State, sheet *SheetMark, end int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return h, nil, nil, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	state = State{}
	for n := 1; ; n++ {
		if b, _ := r.Peek(1); len(b) == 1 && b[0] == 0 {
			break // zeros a crash left (see the package comment)
		}
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) || err == nil && torn(line) {
			// A kill can leave the last line half written, a crash of
			// the machine one cut short by zeros; its entry never
			// counted, since Append or Queue had not returned.
			break
		}
		if err != nil {
			return h, nil, nil, 0, fmt.Errorf("read journal: %w", err)
		}
		end += int64(len(line))
		if n == 1 {
			if err := readHeader(line, &h); err != nil {
				return h, nil, nil, 0, fmt.Errorf("%s: %w", path, err)
			}
			continue
		}
		var e Entry
		err = json.Unmarshal(line, &e)
		if err == nil {
			err = e.check()
		}
		if err != nil {
			return h, nil, nil, 0, fmt.Errorf("%s: line %d is damaged: %w", path, n, err)
		}
		if e.Event == EventSheet {
			sheet = e.Sheet
		}
		state.apply(e)
	}
	if h.Version == 0 {
		return h, nil, nil, 0, errNoHeader
	}
	return h, state, sheet, end, nil
}

// check refuses an entry this package never writes: a line edited by hand
// or damaged in a way that still reads as JSON would otherwise count, and a
// created row read as something else would be sent again.
func (e Entry) check() error {
	switch {
	case e.Event == EventSheet && e.Sheet != nil:
	case e.Event == EventSend && e.Row > 0:
	case e.Event == EventDone && e.Row > 0 && slices.Contains(results.Statuses(), e.Status):
	default:
		return fmt.Errorf("not an entry of this tool (event %q, row %d, status %q)",
			e.Event, e.Row, e.Status)
	}
	return nil
}

// torn reports a line that a crash cut short: JSON never holds a zero byte.
func torn(line []byte) bool { return bytes.IndexByte(line, 0) >= 0 }

func readHeader(line []byte, h *Header) error {
	if err := json.Unmarshal(line, h); err != nil || h.Version == 0 {
		return errors.New("not a journal of this tool")
	}
	if h.Version > Version {
		return fmt.Errorf("journal version %d is newer than this tool", h.Version)
	}
	return nil
}

func (s State) apply(e Entry) {
	if e.Event == EventSheet {
		return // not a row's; load keeps it
	}
	o := s[e.Row]
	if e.Source != 0 {
		o.Source = e.Source
	}
	switch e.Event {
	case EventSend:
		o.InFlight = true
		o.Hash = e.Hash
		o.Attempts++
	case EventDone:
		o.InFlight = false
		o.Status, o.ID, o.Email, o.Error, o.Foreign = e.Status, e.ID, e.Email, e.Error, e.Foreign
		if e.Hash != "" {
			o.Hash = e.Hash
		}
	}
	s[e.Row] = o
}
