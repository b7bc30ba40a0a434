package sheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// headerSearchRows is how many non-blank rows at the top of a file may
// hold titles and notes before the header.
const headerSearchRows = 20

// source yields a file's records in order: the line or row number, the
// cells, and an error that is a *RowError for one bad record, io.EOF at the
// end, or anything else when reading must stop.
type source interface {
	next() (line int, cells []string, err error)
	// setWidth tells the source the header's width once it is known.
	setWidth(n int)
	close() error
}

// item is a record read ahead while looking for the header.
type item struct {
	line  int
	cells []string
	err   error
}

// reader implements Reader over a source.
type reader struct {
	src        source
	path       string // as given to Open, for errors
	sheet      string // XLSX sheet, for errors
	header     []string
	headerLine int
	format     Format
	pending    []item
	err        error // final error, returned again by every later Next
}

func (r *reader) Header() []string { return r.header }
func (r *reader) HeaderLine() int  { return r.headerLine }
func (r *reader) Format() Format   { return r.format }
func (r *reader) Close() error     { return r.src.close() }

// Next returns the next non-blank row.
func (r *reader) Next() (Row, error) {
	for {
		var it item
		if len(r.pending) > 0 {
			it = r.pending[0]
			r.pending[0] = item{}
			r.pending = r.pending[1:]
		} else if r.err != nil {
			return Row{}, r.err
		} else {
			it.line, it.cells, it.err = r.src.next()
		}
		if it.err != nil {
			if _, ok := it.err.(*RowError); !ok {
				r.err = it.err
			}
			return Row{Line: it.line}, it.err
		}
		if isBlank(it.cells) {
			continue
		}
		return Row{Line: it.line, Cells: trimPast(it.cells, len(r.header))}, nil
	}
}

// findHeader reads ahead up to headerSearchRows non-blank records, picks
// the header among them and keeps the records after it as pending. Errors
// met on the way are kept as pending too, so that they are not lost.
func (r *reader) findHeader(opts Options) error {
	var seen []item
	for rows, widest := 0, 0; rows < headerSearchRows; {
		// Until the header is known, the widest row stands in for it.
		r.src.setWidth(widest)
		line, cells, err := r.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if _, ok := err.(*RowError); !ok {
				return err
			}
		} else if isBlank(cells) {
			continue
		}
		seen = append(seen, item{line, cells, err})
		widest = max(widest, len(trimPast(cells, 0)))
		rows++
	}
	at := pickHeader(seen, opts.IsHeader)
	if at < 0 {
		if r.sheet != "" {
			return fmt.Errorf("%s, sheet %q: %w: no row has any value; choose another with --sheet",
				r.path, r.sheet, ErrNoHeader)
		}
		return fmt.Errorf("%s: %w: no row has any value", r.path, ErrNoHeader)
	}
	r.headerLine = seen[at].line
	r.header = cleanHeader(seen[at].cells)
	r.src.setWidth(len(r.header))
	for _, it := range seen[:at] {
		if it.err != nil {
			r.pending = append(r.pending, it)
		}
	}
	r.pending = append(r.pending, seen[at+1:]...)
	if err := checkDuplicates(r.header); err != nil {
		return &RowError{File: r.path, Sheet: r.sheet, Line: r.headerLine, Err: err}
	}
	r.src = newPrefetch(r.src)
	return nil
}

// pickHeader returns the index of the header among the first rows: the
// first that isHeader accepts, else the first with at least two values and
// not much narrower than the widest row; -1 when there is no row.
func pickHeader(rows []item, isHeader func([]string) bool) int {
	if isHeader != nil {
		for i, it := range rows {
			if it.err == nil && isHeader(cleanHeader(it.cells)) {
				return i
			}
		}
	}
	widest, first := 0, -1
	for i, it := range rows {
		if it.err == nil {
			widest = max(widest, countValues(it.cells))
			if first < 0 {
				first = i
			}
		}
	}
	if widest < 2 {
		return first
	}
	for i, it := range rows {
		if n := countValues(it.cells); it.err == nil && n >= 2 && 4*n >= 3*widest {
			return i
		}
	}
	return first
}

// countValues counts the cells that hold more than space.
func countValues(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// isBlank tells whether no cell holds more than space. It is on the hot
// path: most rows are told apart by their first cell.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if c != "" && strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// trimPast drops empty cells past the header's width.
func trimPast(cells []string, width int) []string {
	n := len(cells)
	for n > width && cells[n-1] == "" {
		n--
	}
	return cells[:n:n]
}

// cleanHeader cleans each header cell and drops empty cells at the end.
func cleanHeader(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = CleanHeaderCell(c)
	}
	n := len(out)
	for n > 0 && out[n-1] == "" {
		n--
	}
	return out[:n:n]
}

// CleanHeaderCell removes what spreadsheets and exports glue to header
// names: byte order marks, zero-width characters and surrounding space; a
// no-break space becomes a plain space.
func CleanHeaderCell(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD':
			return -1
		case '\u00A0', '\u202F', '\u2007':
			return ' '
		}
		return r
	}, s)
	return strings.TrimFunc(s, unicode.IsSpace)
}

// checkDuplicates fails when two non-empty columns have the same name,
// ignoring case.
func checkDuplicates(header []string) error {
	seen := make(map[string]int, len(header))
	for i, h := range header {
		if h == "" {
			continue
		}
		key := strings.ToLower(h)
		if j, ok := seen[key]; ok {
			return fmt.Errorf("%w: columns %s and %s are both named %q; rename one",
				ErrDuplicateHeader, ColumnName(j), ColumnName(i), h)
		}
		seen[key] = i
	}
	return nil
}

// ColumnName names the column at zero-based index i as a spreadsheet
// does, with its position: "A (1)", "AB (28)".
func ColumnName(i int) string {
	return ColumnLetters(i) + " (" + strconv.Itoa(i+1) + ")"
}

// ColumnLetters gives the spreadsheet letters of the column at zero-based
// index i: 0 is "A", 25 "Z", 26 "AA".
func ColumnLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}
