package results

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// spool keeps rows in a temporary file until they can be written out.
//
// An XLSX sheet states its dimension (the range it uses) before its rows,
// and excelize's StreamWriter writes that element when it is created, so
// the rows must all be known first. Holding them on disk, not in memory,
// keeps memory flat however long the sheet. Each row is stored as a
// uvarint count of cells, then each cell as a uvarint length and its bytes.
type spool struct {
	f    *os.File
	name string // "" once the file is unlinked
	w    *bufio.Writer
	r    *bufio.Reader
	num  [binary.MaxVarintLen64]byte
	buf  []byte
	row  []string
}

// newSpool creates the spool file in dir. Where the platform allows it the
// file is unlinked at once, so that it vanishes even if the process dies.
func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, ".results-*.spool")
	if err != nil {
		return nil, fmt.Errorf("create spool file: %w", err)
	}
	s := &spool{f: f, name: f.Name(), w: bufio.NewWriterSize(f, 64<<10)}
	if os.Remove(f.Name()) == nil {
		s.name = ""
	}
	return s, nil
}

// write appends one row.
func (s *spool) write(row []string) error {
	s.uvarint(len(row))
	for _, c := range row {
		s.uvarint(len(c))
		_, _ = s.w.WriteString(c)
	}
	return nil // write errors surface in rewind, when the buffer is flushed
}

func (s *spool) uvarint(n int) {
	k := binary.PutUvarint(s.num[:], uint64(n))
	_, _ = s.w.Write(s.num[:k])
}

// rewind ends writing and starts reading from the first row.
func (s *spool) rewind() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write spool file: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind spool file: %w", err)
	}
	s.r = bufio.NewReaderSize(s.f, 64<<10)
	return nil
}

// next returns the next row, valid until the following call, or io.EOF.
func (s *spool) next() ([]string, error) {
	n, err := binary.ReadUvarint(s.r)
	if err != nil {
		return nil, err
	}
	s.row = s.row[:0]
	for range n {
		size, err := binary.ReadUvarint(s.r)
		if err != nil {
			return nil, s.corrupt(err)
		}
		if uint64(cap(s.buf)) < size {
			s.buf = make([]byte, size)
		}
		s.buf = s.buf[:size]
		if _, err := io.ReadFull(s.r, s.buf); err != nil {
			return nil, s.corrupt(err)
		}
		s.row = append(s.row, string(s.buf))
	}
	return s.row, nil
}

func (s *spool) corrupt(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read spool file: %w", err)
}

// close closes and, if still linked, removes the spool file.
func (s *spool) close() {
	_ = s.f.Close()
	if s.name != "" {
		_ = os.Remove(s.name)
	}
}
