// Package spool keeps rows in a temporary file until they are read back,
// in order, so that a whole sheet can pass through without being held in
// memory.
package spool

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// Spool is a temporary file of rows: written once, then read back once in
// the same order. Rows hold patient data, so the file is created readable
// by its owner only, in a folder the caller chooses (beside the results,
// not a shared temporary folder), and unlinked at once where the platform
// allows, so it vanishes even if the process dies. Each row is stored as a
// uvarint count of cells, then each cell as a uvarint length and its bytes.
// A Spool is used by one goroutine.
type Spool struct {
	f    *os.File
	name string // "" once the file is unlinked
	w    *bufio.Writer
	r    *bufio.Reader
	num  [binary.MaxVarintLen64]byte
	buf  []byte
	row  []string
}

// New creates a spool file in dir.
func New(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, ".aniva-import-*.spool")
	if err != nil {
		return nil, fmt.Errorf("create spool file: %w", err)
	}
	s := &Spool{f: f, name: f.Name(), w: bufio.NewWriterSize(f, 64<<10)}
	if os.Remove(f.Name()) == nil {
		s.name = ""
	}
	return s, nil
}

// Write appends one row. Write errors surface in Rewind, when the buffer
// is flushed.
func (s *Spool) Write(row []string) {
	s.uvarint(len(row))
	for _, c := range row {
		s.uvarint(len(c))
		_, _ = s.w.WriteString(c)
	}
}

func (s *Spool) uvarint(n int) {
	k := binary.PutUvarint(s.num[:], uint64(n))
	_, _ = s.w.Write(s.num[:k])
}

// Rewind ends writing and starts reading from the first row.
func (s *Spool) Rewind() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write spool file: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind spool file: %w", err)
	}
	s.r = bufio.NewReaderSize(s.f, 64<<10)
	return nil
}

// Next returns the next row, or io.EOF after the last. The slice is valid
// until the following call; the strings in it stay valid.
func (s *Spool) Next() ([]string, error) {
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

func (s *Spool) corrupt(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read spool file: %w", err)
}

// Close closes and, if still linked, removes the spool file.
func (s *Spool) Close() {
	_ = s.f.Close()
	if s.name != "" {
		_ = os.Remove(s.name)
	}
}
