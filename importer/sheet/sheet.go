package sheet

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
)

// Kind is the kind of file a [Reader] reads.
type Kind int

// The file kinds the tool reads and writes.
const (
	CSV Kind = iota + 1
	XLSX
)

// String returns "csv" or "xlsx".
func (k Kind) String() string {
	switch k {
	case CSV:
		return "csv"
	case XLSX:
		return "xlsx"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Format says how a file was written, so that a results sheet can be
// written the same way.
type Format struct {
	Kind Kind
	// Delimiter is the CSV field separator.
	Delimiter rune
	// Encoding is the CSV text encoding: "utf-8", "utf-8-bom", "utf-16le",
	// "utf-16be" or "windows-1252". A file announced as UTF-8 whose later
	// bytes are not valid UTF-8 keeps "utf-8" here; its bad cells are read as
	// Windows-1252 (see [Open]).
	Encoding string
	// SepLine is true when the CSV file began with Excel's "sep=X" line.
	SepLine bool
	// CRLF is true when the CSV file's first line ends with a carriage
	// return, as Windows programs write it (or old Macs, with a CR alone).
	CRLF bool
	// Sheet is the name of the XLSX sheet that was read.
	Sheet string
	// Date1904 is true when the workbook counts dates from 1904: a date
	// cell's serial number n is then the day 1904-01-01 + n, not
	// 1899-12-30 + n.
	Date1904 bool
	// OtherSheets names the workbook's other visible sheets, which were not
	// read, quoted and joined by ", " for a message (a string, so that
	// Format stays comparable); "" when there are none.
	OtherSheets string
}

// Options settle what cannot be told from the file. Zero values mean
// "detect".
type Options struct {
	// Sheet is the XLSX sheet to read, matched exactly and then ignoring
	// case; "" is the first visible one. A hidden sheet may be named.
	Sheet string
	// Encoding is the CSV encoding, one of the Format.Encoding names or an
	// alias: "utf8", "utf-16" (byte order from the BOM), "latin1",
	// "iso-8859-1", "cp1252".
	Encoding string
	// Delimiter is the CSV delimiter; it may not be a quote or a line break.
	Delimiter rune
	// IsHeader, when set, tells whether a row is the header row; rows above
	// it (report titles, notes) are skipped. It sees cleaned cells (see
	// [Reader.Header]) and is asked about the first non-blank rows only;
	// when it accepts none of them, the widest row near the top is the
	// header.
	IsHeader func(cells []string) bool
}

// Row is one data row.
type Row struct {
	// Line is the row's number as a person finds it: the CSV line on which
	// the record starts, or the XLSX row number.
	Line int
	// Cells are the row's values, in column order, verbatim (not trimmed).
	// They may be fewer or more than the header's; empty cells past the
	// header's width are dropped. XLSX cells hold stored values, not
	// display text: a date cell gives its serial number (see
	// [Format.Date1904]) whatever its number format, a number its stored
	// digits ("4930123456789" for a phone shown as 4.93E+12, "168" for
	// 168.0), text its characters (leading zeros kept), a boolean "0" or
	// "1", a formula its cached value, an error cell its code ("#N/A").
	// Each Row has its own slice, which the caller may keep or hand to
	// another goroutine.
	Cells []string
}

// Reader yields a file's rows after its header. It is not safe for
// concurrent use.
type Reader interface {
	// Header returns the column names, cleaned of BOMs, NBSPs,
	// zero-width characters and surrounding space. Empty names at the end
	// are dropped; an empty name elsewhere stays "". The caller must not
	// modify the slice.
	Header() []string
	// HeaderLine is the line or row number of the header.
	HeaderLine() int
	// Format says how the file was written.
	Format() Format
	// Next returns the next non-blank row, or io.EOF after the last. Rows
	// whose cells are all empty or blank are skipped. A row that cannot be
	// read gives a [*RowError] with Row.Line set: record it as that row's
	// failure and call Next again. Any other error is final and is returned
	// again by later calls.
	Next() (Row, error)
	// Close releases the file and any temporary files.
	Close() error
}

// Errors that callers may branch on with [errors.Is]. Every error from
// [Open] wrapping one of them is a usage error, as is any other error from
// Open.
var (
	// ErrUnsupported marks a file of a kind that cannot be read: an old
	// or binary spreadsheet format, an encrypted workbook, a damaged file.
	// The message says what the file is and suggests saving it as XLSX or
	// CSV.
	ErrUnsupported = errors.New("unsupported file")
	// ErrUndecidable marks something the file does not settle (delimiter,
	// encoding, sheet); the message names the flag that does.
	ErrUndecidable = errors.New("cannot tell from the file")
	// ErrNoHeader marks a file or sheet without any non-blank row.
	ErrNoHeader = errors.New("no header row")
	// ErrDuplicateHeader marks two columns with the same header.
	ErrDuplicateHeader = errors.New("duplicate header")
	// ErrUnterminatedQuote marks a CSV row whose quoted cell is never
	// closed: it runs to the end of the file or swallows whole rows.
	ErrUnterminatedQuote = errors.New("unbalanced quote")
)

// RowError is the failure of one row (or the header), with its position.
type RowError struct {
	File  string // the path as given to Open
	Sheet string // XLSX sheet, "" for CSV
	Line  int    // CSV line or XLSX row number
	Err   error
	// Cells is the row's text as best it can be read, for a results sheet
	// to show what the row held: a CSV row with an unbalanced quote split
	// at each delimiter, its quotes kept as text. Nil when nothing is
	// known.
	Cells []string
}

// Error gives the position, then the cause.
func (e *RowError) Error() string {
	if e.Sheet != "" {
		return fmt.Sprintf("%s, sheet %q, row %d: %v", e.File, e.Sheet, e.Line, e.Err)
	}
	return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *RowError) Unwrap() error { return e.Err }

// Open opens a patient list for reading. Whether it is CSV or XLSX is told
// from the file's first bytes, not its name; files of other kinds, and
// files named .xlsx that are not zip archives, give an error wrapping
// [ErrUnsupported]. The caller must Close the Reader.
//
// CSV text may be UTF-8 with or without a BOM, UTF-16 with a BOM (or
// plainly so without one) or Windows-1252; the encoding is sniffed from
// the first 64 KiB. When a file sniffed as UTF-8 later holds a cell that is
// not valid UTF-8, that cell alone is read as Windows-1252, so "M\xfcller"
// becomes "Müller". The delimiter (comma, semicolon, tab or pipe) is the
// one that splits the first records most evenly, unless a first line
// "sep=X" names it. Lone CR line endings are read as line breaks.
func Open(path string, opts Options) (Reader, error) {
	f, head, kind, err := sniff(path)
	if err != nil {
		return nil, err
	}
	if kind == XLSX {
		_ = f.Close()
		return openXLSX(path, opts)
	}
	r, err := openCSV(path, f, head, opts)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return r, nil
}

// Check tells, as [Open] would, whether path is a file of a kind that can
// be read at all (missing, a folder, empty, a PDF or an old .xls are not,
// nor a CSV file without a row), without reading past its first rows: a
// caller can say so before anything else. Other faults are Open's to find.
func Check(path string, opts Options) error {
	f, head, kind, err := sniff(path)
	if err != nil {
		return err
	}
	if kind == XLSX {
		return f.Close() // opening a workbook costs more than a check should
	}
	r, err := openCSV(path, f, head, opts)
	if err != nil {
		_ = f.Close()
		if errors.Is(err, ErrNoHeader) {
			return err
		}
		return nil
	}
	return r.Close()
}

// sniff opens path and tells its kind from its first bytes, which it
// returns with the file, open; on an error the file is closed.
func sniff(path string) (*os.File, []byte, Kind, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, 0, openError(path, err)
	}
	if fi.IsDir() {
		return nil, nil, 0, directoryError(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, 0, openError(path, err)
	}
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		_ = f.Close()
		return nil, nil, 0, fmt.Errorf("read %s: %w", path, err)
	}
	head = head[:n]
	kind, err := detect(path, f, head)
	if err != nil {
		_ = f.Close()
		return nil, nil, 0, err
	}
	return f, head, kind, nil
}

// openError says why path cannot be read in words, not as the system
// call that failed; errors.Is still finds the cause.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &wordedError{path + ": no such file", err}
	case errors.Is(err, fs.ErrPermission):
		return &wordedError{path + ": not allowed to read it (check its permissions)", err}
	}
	return fmt.Errorf("%s: %w", path, err)
}

type wordedError struct {
	msg string
	err error
}

func (e *wordedError) Error() string { return e.msg }
func (e *wordedError) Unwrap() error { return e.err }
