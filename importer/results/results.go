// Package results writes the results sheet of an import: every input row,
// in input order, with its columns kept verbatim and the row's outcome
// appended in the columns named by [ColStatus] to [ColSourceRow].
//
// The sheet has the input's format. A CSV results sheet keeps the input's
// delimiter, encoding (or UTF-8 with a BOM when asked) and line ends, and
// puts an apostrophe before any cell a spreadsheet could run as a formula;
// [Unescape] removes it when the sheet is read back, so a rerun sees the
// values the first run saw. An XLSX results sheet holds every value as a
// text cell, never a formula, under a bold frozen header with an
// autofilter; the status cells are coloured by outcome, and a second sheet
// holds the run's summary.
//
// Nothing appears at the target path until [Writer.Close] succeeds: rows go
// to a temporary file in the target's directory, which is synced and then
// renamed over the target. A crash or an error leaves the previous file as
// it was. The results file is readable by its owner only (mode 0600) and
// is never allowed to replace the input file.
package results

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"aniva-import/importer/sheet"
)

// The columns a results sheet appends after the input's own, in this order.
const (
	ColStatus    = "import_status"   // the row's outcome, one of the Status values
	ColProfileID = "profile_id"      // id of the created profile
	ColError     = "import_error"    // why the row was not created ("field: reason; …")
	ColHint      = "import_hint"     // what to change in the row, or which flag to use
	ColEmail     = "generated_email" // the email Aniva generated when the row had none
	ColSourceRow = "source_row"      // the row's line in the original input file
)

// Columns returns the names of the columns a results sheet appends, in
// order.
func Columns() []string {
	return []string{ColStatus, ColProfileID, ColError, ColHint, ColEmail, ColSourceRow}
}

// The outcomes a row can have, as written in the [ColStatus] column.
const (
	StatusCreated   = "created"   // the profile was created
	StatusInvalid   = "invalid"   // the row breaks a field rule; it was not sent
	StatusRejected  = "rejected"  // the API refused the row
	StatusFailed    = "failed"    // the request failed; no profile was created
	StatusUnknown   = "unknown"   // the request may have created a profile
	StatusPending   = "pending"   // the row has not been processed
	StatusValid     = "valid"     // dry run: the row passed validation
	StatusDuplicate = "duplicate" // skipped as a duplicate of an earlier row
)

// Statuses returns every status, in the order summaries list them.
func Statuses() []string {
	return []string{
		StatusCreated, StatusInvalid, StatusRejected, StatusFailed,
		StatusUnknown, StatusPending, StatusValid, StatusDuplicate,
	}
}

// ErrInputOverwrite reports a results path that names the input file.
var ErrInputOverwrite = errors.New("results file would overwrite the input file")

// errClosed reports use of a [Writer] after Close or Abort.
var errClosed = errors.New("results writer is closed")

// Record is one input row and its outcome.
type Record struct {
	// Cells are the row's input values in column order. Missing trailing
	// cells are written empty; cells beyond the header are kept, after
	// the result columns, unless they are empty.
	Cells          []string
	Status         string // one of the Status constants
	ProfileID      string
	Error          string
	Hint           string
	GeneratedEmail string
	// SourceRow is the row's line in the original input file; a rerun of
	// a results sheet passes on the number it read from [ColSourceRow].
	// Zero leaves the cell empty.
	SourceRow int
}

// Summary describes a run for the XLSX summary sheet. CSV results have no
// room for it: the caller shows it instead.
type Summary struct {
	Input    string   // the input file, as the operator should see it
	Mapping  string   // the mapping file; "" is shown as "automatic"
	Flags    []string // the flags of the run, free of secrets
	Started  time.Time
	Finished time.Time
}

// Options adjust a results sheet. The zero value writes the sheet exactly
// in the input's format.
type Options struct {
	// InputPath is the input file, which the results must never replace.
	// "" skips the check.
	InputPath string
	// DateColumns are the indexes (from 0) of the input columns that hold
	// Excel date serials. In XLSX results their numeric cells are written
	// as numbers with a date format, so they show as dates. CSV ignores it.
	DateColumns []int
	// BOM writes CSV results as UTF-8 with a byte order mark, whatever
	// the input's encoding.
	BOM bool
	// Layout, when the caller has measured the rows before writing them,
	// lets XLSX results write each row as it comes instead of after the
	// last one (see [Layout]). nil: XLSX results measure the rows
	// themselves. CSV ignores it.
	Layout *Layout
}

// sink is the format-specific half of a Writer.
type sink interface {
	// writeRow writes one full row: input cells, result columns, extras.
	writeRow(row []string, sourceRow int) error
	// finish completes the file's content in the temporary file.
	finish(s Summary, counts map[string]int) error
	// discard releases everything but the temporary file.
	discard()
	// notes says what the reader of the sheet should know.
	notes() []string
}

// Writer writes a results sheet row by row. It is not safe for concurrent
// use: one goroutine writes the rows, in the order they should appear.
type Writer struct {
	file   *tempFile
	sink   sink
	width  int // number of input columns
	row    []string
	rows   int
	counts map[string]int
	extra  int // rows with cells beyond the header
	err    error
	closed bool
}

// Create starts a results sheet at path with the input's header and format
// f; the result columns are added to the header. Nothing is visible at path
// until [Writer.Close]; call [Writer.Abort] to give up. Create fails with
// [ErrInputOverwrite] when path is opts.InputPath or the same file, and
// when header already holds a result column (a rerun passes only the
// input's own columns of the results sheet it reads).
func Create(path string, header []string, f sheet.Format, opts Options) (*Writer, error) {
	if err := checkHeader(header); err != nil {
		return nil, err
	}
	file, err := newTempFile(path, opts.InputPath)
	if err != nil {
		return nil, err
	}
	full := append(append([]string(nil), header...), Columns()...)
	var s sink
	switch f.Kind {
	case sheet.CSV:
		s, err = newCSVSink(file, full, f, opts)
	case sheet.XLSX:
		s, err = newXLSXSink(file, full, len(header), f, opts)
	default:
		err = fmt.Errorf("unknown sheet kind %d", f.Kind)
	}
	if err != nil {
		file.discard()
		return nil, fmt.Errorf("create results %s: %w", path, err)
	}
	w := &Writer{file: file, sink: s, width: len(header), counts: map[string]int{}}
	return w, nil
}

// checkHeader refuses a header that already has result columns.
func checkHeader(header []string) error {
	for i, name := range header {
		for _, c := range Columns() {
			if name == c {
				return fmt.Errorf("header column %d is %q, which results add themselves",
					i+1, c)
			}
		}
	}
	return nil
}

// Write appends one row. Rows appear in the order they are written. An
// error other than an unknown status is final: the Writer keeps returning
// it, and Close discards the sheet.
func (w *Writer) Write(r Record) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errClosed
	}
	if !knownStatus(r.Status) {
		return fmt.Errorf("results row %d: unknown status %q", w.rows+1, r.Status)
	}
	w.rows++
	if err := w.sink.writeRow(w.build(r), r.SourceRow); err != nil {
		w.err = fmt.Errorf("write results row %d (source row %d): %w",
			w.rows, r.SourceRow, err)
		return w.err
	}
	w.counts[r.Status]++
	return nil
}

// build lays out a record as a sheet row, reusing w.row.
func (w *Writer) build(r Record) []string {
	n := len(r.Cells)
	for n > w.width && r.Cells[n-1] == "" {
		n--
	}
	row := append(w.row[:0], r.Cells[:min(n, w.width)]...)
	for len(row) < w.width {
		row = append(row, "")
	}
	src := ""
	if r.SourceRow != 0 {
		src = strconv.Itoa(r.SourceRow)
	}
	row = append(row, r.Status, r.ProfileID, r.Error, r.Hint, r.GeneratedEmail, src)
	if n > w.width {
		w.extra++
		row = append(row, r.Cells[w.width:n]...)
	}
	w.row = row
	return row
}

func knownStatus(s string) bool {
	for _, k := range Statuses() {
		if s == k {
			return true
		}
	}
	return false
}

// Counts returns the number of rows written so far, by status.
func (w *Writer) Counts() map[string]int {
	out := make(map[string]int, len(w.counts))
	for k, v := range w.counts {
		out[k] = v
	}
	return out
}

// Notes returns what the operator should know about how the sheet was
// written, e.g. that CSV results fell back from windows-1252 to UTF-8.
func (w *Writer) Notes() []string {
	notes := w.sink.notes()
	if w.extra > 0 {
		rows := fmt.Sprintf("%d rows have", w.extra)
		if w.extra == 1 {
			rows = "1 row has"
		}
		notes = append(notes, fmt.Sprintf("%s more cells than the header; "+
			"the extra cells follow the %s column", rows, ColSourceRow))
	}
	return notes
}

// Close completes the sheet and puts it in place of the target path; s
// fills the XLSX summary sheet. On error the target is left as it was and
// the temporary file removed. Close after a failed Write returns that
// error.
func (w *Writer) Close(s Summary) error {
	if w.closed {
		return errClosed
	}
	w.closed = true
	if w.err != nil {
		w.discard()
		return w.err
	}
	if err := w.sink.finish(s, w.counts); err != nil {
		w.discard()
		return fmt.Errorf("finish results %s: %w", w.file.target, err)
	}
	w.sink.discard()
	if err := w.file.commit(); err != nil {
		return fmt.Errorf("save results %s: %w", w.file.target, err)
	}
	return nil
}

// Abort discards the sheet and leaves the target as it was. It does
// nothing after Close, so it is safe to defer.
func (w *Writer) Abort() {
	if w.closed {
		return
	}
	w.closed = true
	w.discard()
}

func (w *Writer) discard() {
	w.sink.discard()
	w.file.discard()
}
