package sheet

import (
	"errors"
	"io"
	"strconv"
	"sync/atomic"
	"testing"
)

// fakeSource yields rows numbered 1…rows, a row error at each line in bad,
// then end (io.EOF or another final error).
type fakeSource struct {
	rows   int
	bad    map[int]bool
	end    error
	line   int
	closed atomic.Bool
	late   atomic.Int32 // calls after close
}

func (s *fakeSource) next() (int, []string, error) {
	if s.closed.Load() {
		s.late.Add(1)
	}
	if s.line == s.rows {
		return 0, nil, s.end
	}
	s.line++
	if s.bad[s.line] {
		return s.line, nil, &RowError{File: "f.csv", Line: s.line, Err: ErrUnterminatedQuote}
	}
	return s.line, []string{"r" + strconv.Itoa(s.line)}, nil
}

func (s *fakeSource) setWidth(int) {}
func (s *fakeSource) close() error { s.closed.Store(true); return nil }

func TestPrefetchKeepsOrderAndErrors(t *testing.T) {
	broken := errors.New("disk gone")
	tests := []struct {
		name string
		rows int
		bad  map[int]bool
		end  error
	}{
		{"empty", 0, nil, io.EOF},
		{"less than a batch", 5, map[int]bool{2: true}, io.EOF},
		{"batches and a tail", 3*prefetchBatch + 7, map[int]bool{1: true, 64: true, 65: true},
			io.EOF},
		{"final error", prefetchBatch + 1, nil, broken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPrefetch(&fakeSource{rows: tt.rows, bad: tt.bad, end: tt.end})
			defer p.close()
			for want := 1; want <= tt.rows; want++ {
				line, cells, err := p.next()
				if line != want {
					t.Fatalf("line = %d, want %d", line, want)
				}
				var re *RowError
				switch {
				case tt.bad[want] && (!errors.As(err, &re) || re.Line != want || cells != nil):
					t.Fatalf("line %d: got %q, %v, want a row error", want, cells, err)
				case !tt.bad[want] && (err != nil || len(cells) != 1 ||
					cells[0] != "r"+strconv.Itoa(want)):
					t.Fatalf("line %d: got %q, %v", want, cells, err)
				}
			}
			for range 2 { // the final error, and again
				if _, cells, err := p.next(); err != tt.end || cells != nil {
					t.Fatalf("after the rows: %q, %v, want %v", cells, err, tt.end)
				}
			}
		})
	}
}

func TestPrefetchCloseStopsReading(t *testing.T) {
	src := &fakeSource{rows: 100 * prefetchBatch, end: io.EOF}
	p := newPrefetch(src)
	if line, _, err := p.next(); line != 1 || err != nil {
		t.Fatalf("first row: line %d, %v", line, err)
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	if !src.closed.Load() {
		t.Error("source not closed")
	}
	if n := src.late.Load(); n != 0 {
		t.Errorf("source read %d times after close", n)
	}
	if src.line == src.rows {
		t.Error("the whole source was read although the reader was closed")
	}
	if err := p.close(); err != nil {
		t.Errorf("second close: %v", err)
	}
}
