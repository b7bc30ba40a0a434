package journal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// journalWith writes a journal holding entries, closes it, and adds tail
// to its file, as a crash of the machine may leave it.
func journalWith(t *testing.T, tail []byte, entries ...Entry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "run.journal")
	j, _, err := Open(path, header(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(tail); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkResumes opens the journal at path, expecting want, appends a row,
// and checks that the file then holds want and that row, and no zero byte.
func checkResumes(t *testing.T, path string, want State) {
	t.Helper()
	j, state, err := Open(path, header(), false)
	if err != nil {
		t.Fatalf("open after a crash: %v", err)
	}
	if !sameState(state, want) {
		t.Errorf("state after a crash = %+v, want %+v", state, want)
	}
	if err := j.Append(Entry{Row: 99, Event: EventSend, Hash: "h99"}); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	_, state, err = Load(path)
	if err != nil {
		t.Fatalf("journal damaged after resuming: %v", err)
	}
	want[99] = Outcome{Hash: "h99", InFlight: true, Attempts: 1}
	if !sameState(state, want) {
		t.Errorf("state after resuming = %+v, want %+v", state, want)
	}
	data, _ := os.ReadFile(path)
	if bytes.IndexByte(data, 0) >= 0 {
		t.Errorf("the zeros a crash left are still in the file after resuming")
	}
}

func sameState(got, want State) bool {
	if len(got) != len(want) {
		return false
	}
	for row, w := range want {
		if got[row] != w {
			return false
		}
	}
	return true
}

var crashEntries = []Entry{
	{Row: 2, Event: EventSend, Hash: "h2"},
	{Row: 2, Event: EventDone, Status: "created", ID: "id-2"},
	{Row: 3, Event: EventSend, Hash: "h3"},
}

func crashState() State {
	return State{
		2: {Hash: "h2", Status: "created", ID: "id-2", Attempts: 1},
		3: {Hash: "h3", InFlight: true, Attempts: 1},
	}
}

// TestZeroTailIsIgnored: the file system recorded a longer file, but its
// last bytes never reached the disk and read as zeros.
func TestZeroTailIsIgnored(t *testing.T) {
	path := journalWith(t, make([]byte, 5000), crashEntries...)
	_, state, err := Load(path)
	if err != nil {
		t.Fatalf("load of a journal with a zero tail: %v", err)
	}
	if !sameState(state, crashState()) {
		t.Errorf("state = %+v, want %+v", state, crashState())
	}
	checkResumes(t, path, crashState())
}

// TestTornLineBeforeZerosIsIgnored: the last line reached the disk only in
// part, zeros follow it, and a page written out of order left a piece of a
// later line after them. None of it was synced, so none of it counts.
func TestTornLineBeforeZerosIsIgnored(t *testing.T) {
	tail := append([]byte(`{"row":3,"ev":"done","sta`), make([]byte, 300)...)
	tail = append(tail, `us":"created"}`+"\n"+`{"row":4,"ev":"send","hash":"h4"}`+"\n"...)
	path := journalWith(t, tail, crashEntries...)
	_, state, err := Load(path)
	if err != nil {
		t.Fatalf("load of a journal with a torn line and zeros: %v", err)
	}
	if !sameState(state, crashState()) {
		t.Errorf("state = %+v, want %+v", state, crashState())
	}
	checkResumes(t, path, crashState())
}

// TestZeroHeaderStartsAfresh: not even the header reached the disk, so
// nothing was sent under it.
func TestZeroHeaderStartsAfresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.journal")
	os.WriteFile(path, make([]byte, 4096), 0o600)
	if _, err := ReadHeader(path); !errors.Is(err, errNoHeader) {
		t.Errorf("ReadHeader of zeros: %v, want no header", err)
	}
	j, state, err := Open(path, header(), false)
	if err != nil {
		t.Fatalf("open of a journal of zeros: %v", err)
	}
	if len(state) != 0 {
		t.Errorf("state = %+v, want empty", state)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	checkResumes(t, path, State{})
}
