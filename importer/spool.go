package importer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"aniva-import/importer/sheet"
)

// spool keeps the rows the survey read, so that the second pass does not
// parse the file again: for XLSX, parsing is by far the costliest step.
//
// It is a temporary file beside the results sheet, readable by its owner
// only and unlinked as soon as it is open, so that it holds patient data
// no longer than the run and leaves nothing behind after a crash.
type spool struct {
	f *os.File
	w *bufio.Writer
	r *bufio.Reader
	n int // records written
}

// The kinds of spool record.
const (
	spoolRow = iota
	spoolRowError
)

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, ".aniva-import-spool-*")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add records one row, or the error that stood in its place. Write errors
// surface at rewind.
func (s *spool) add(row sheet.Row, rowErr *sheet.RowError) {
	var buf [binary.MaxVarintLen64]byte
	put := func(v int) {
		n := binary.PutUvarint(buf[:], uint64(v))
		s.w.Write(buf[:n])
	}
	putString := func(v string) {
		put(len(v))
		s.w.WriteString(v)
	}
	s.n++
	if rowErr != nil {
		put(spoolRowError)
		put(rowErr.Line)
		putString(rowErr.File)
		putString(rowErr.Sheet)
		putString(rowErr.Err.Error())
		return
	}
	put(spoolRow)
	put(row.Line)
	put(len(row.Cells))
	for _, c := range row.Cells {
		putString(c)
	}
}

// rewind ends writing and starts reading from the first record.
func (s *spool) rewind() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("write spool: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	s.r = bufio.NewReaderSize(s.f, 1<<20)
	return nil
}

// spoolError is a row that could not be read, as the survey found it.
type spoolError struct{ msg string }

func (e *spoolError) Error() string { return e.msg }

// Next returns the records in the order they were added, then io.EOF. An
// unreadable row comes back as a *sheet.RowError.
func (s *spool) Next() (sheet.Row, error) {
	kind, err := binary.ReadUvarint(s.r)
	if errors.Is(err, io.EOF) {
		return sheet.Row{}, io.EOF
	}
	line, err2 := binary.ReadUvarint(s.r)
	if err = errors.Join(err, err2); err != nil {
		return sheet.Row{}, fmt.Errorf("read spool: %w", err)
	}
	if kind == spoolRowError {
		var f [3]string
		for i := range f {
			if f[i], err = s.string(); err != nil {
				return sheet.Row{}, err
			}
		}
		return sheet.Row{}, &sheet.RowError{File: f[0], Sheet: f[1], Line: int(line),
			Err: &spoolError{f[2]}}
	}
	n, err := binary.ReadUvarint(s.r)
	if err != nil {
		return sheet.Row{}, fmt.Errorf("read spool: %w", err)
	}
	cells := make([]string, n)
	for i := range cells {
		if cells[i], err = s.string(); err != nil {
			return sheet.Row{}, err
		}
	}
	return sheet.Row{Line: int(line), Cells: cells}, nil
}

func (s *spool) string() (string, error) {
	n, err := binary.ReadUvarint(s.r)
	if err != nil {
		return "", fmt.Errorf("read spool: %w", err)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(s.r, b); err != nil {
		return "", fmt.Errorf("read spool: %w", err)
	}
	return string(b), nil
}

func (s *spool) Close() error { return s.f.Close() }
