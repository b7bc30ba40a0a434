package importer

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"aniva-import/importer/sheet"
	"aniva-import/importer/spool"
	"aniva-import/mapping"
)

// rowSpool keeps the rows the survey read, so that the second pass does
// not parse the file again: for XLSX, parsing is by far the costliest step.
// Each record is a kind, the row number, the row's early part
// ([mapping.Early]), then the cells, or for a row that
// could not be read, where and why.
type rowSpool struct {
	*spool.Spool
	rec []string // the record being written, reused from row to row
}

// The kinds of record, in a record's first cell.
const (
	spoolRow      = "r"
	spoolRowError = "e"
)

func newRowSpool(dir string) (*rowSpool, error) {
	s, err := spool.New(dir)
	if err != nil {
		return nil, err
	}
	return &rowSpool{Spool: s}, nil
}

// add records one row with its early part, or the error that stood in
// its place.
func (s *rowSpool) add(row sheet.Row, rowErr *sheet.RowError, early mapping.Early) {
	if rowErr != nil {
		s.rec = append(append(s.rec[:0], spoolRowError, strconv.Itoa(rowErr.Line), rowErr.File,
			rowErr.Sheet, rowErr.Err.Error()), rowErr.Cells...)
		s.Write(s.rec)
		return
	}
	s.rec = append(append(s.rec[:0], spoolRow, strconv.Itoa(row.Line), early.String()), row.Cells...)
	s.Write(s.rec)
}

// spoolError is a row that could not be read, as the survey found it.
type spoolError struct{ msg string }

func (e *spoolError) Error() string { return e.msg }

// Next returns the records in the order they were added, then io.EOF. An
// unreadable row comes back as a *sheet.RowError.
func (s *rowSpool) Next() (sheet.Row, mapping.Early, error) {
	rec, err := s.Spool.Next()
	if err != nil {
		return sheet.Row{}, mapping.Early{}, err
	}
	if len(rec) < 2 {
		return sheet.Row{}, mapping.Early{}, errors.New("read spool: a damaged record")
	}
	line, err := strconv.Atoi(rec[1])
	switch {
	case err != nil:
		return sheet.Row{}, mapping.Early{}, errors.New("read spool: a damaged record")
	case rec[0] == spoolRowError && len(rec) >= 5:
		re := &sheet.RowError{File: rec[2], Sheet: rec[3], Line: line, Err: &spoolError{rec[4]}}
		if len(rec) > 5 {
			re.Cells = slices.Clone(rec[5:])
		}
		return sheet.Row{}, mapping.Early{}, re
	case rec[0] == spoolRow && len(rec) >= 3:
		return sheet.Row{Line: line, Cells: slices.Clone(rec[3:])}, mapping.ParseEarly(rec[2]), nil
	}
	return sheet.Row{}, mapping.Early{}, fmt.Errorf("read spool: a record of unknown kind %q", rec[0])
}
