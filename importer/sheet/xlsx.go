package sheet

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// openXLSX opens the workbook, picks the sheet and finds its header. Cells
// are read as stored (RawCellValue), set once here because passing
// Options to every Columns call allocates.
func openXLSX(path string, opts Options) (rd Reader, err error) {
	defer func() {
		// excelize parses hostile input; a panic there must not end the run.
		if p := recover(); p != nil {
			rd, err = nil, unsupported(path, "a damaged XLSX workbook", saveAs)
		}
	}()
	// excelize copies a sheet over 16 MB of XML to a temporary file, which a
	// killed run leaves behind: it goes beside the input, which holds the
	// same data, rather than into a shared temporary folder. Where it
	// cannot be written, excelize keeps the sheet in memory.
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, TmpDir: filepath.Dir(path)})
	if err != nil {
		return nil, unsupported(path, "a damaged XLSX workbook ("+oneLine(err)+")", saveAs)
	}
	r, err := readerForSheet(path, f, opts)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return r, nil
}

// readerForSheet makes the Reader for the chosen sheet of an open workbook.
func readerForSheet(path string, f *excelize.File, opts Options) (*reader, error) {
	sheet, err := pickSheet(path, f, opts.Sheet)
	if err != nil {
		return nil, err
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, unsupported(path, "a damaged XLSX workbook ("+oneLine(err)+")", saveAs)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, unsupported(path, fmt.Sprintf("a workbook whose sheet %q is damaged (%s)",
			sheet, oneLine(err)), saveAs)
	}
	src := &xlsxSource{path: path, sheet: sheet, f: f, rows: rows}
	r := &reader{src: src, path: path, sheet: sheet, format: Format{
		Kind: XLSX, Sheet: sheet, Date1904: props.Date1904 != nil && *props.Date1904,
	}}
	if opts.Sheet == "" {
		r.format.OtherSheets = otherVisible(f, sheet)
	}
	if err := r.findHeader(opts); err != nil {
		_ = rows.Close()
		return nil, err
	}
	return r, nil
}

// pickSheet returns the named sheet (exactly, else ignoring case), or the
// first visible one.
func pickSheet(path string, f *excelize.File, name string) (string, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return "", unsupported(path, "a workbook without sheets", saveAs)
	}
	if name != "" {
		for _, s := range list {
			if s == name {
				return s, nil
			}
		}
		for _, s := range list {
			if strings.EqualFold(s, name) {
				return s, nil
			}
		}
		return "", fmt.Errorf("%s: no sheet %q; the sheets are %s: choose one with --sheet",
			path, name, quoteList(list))
	}
	for _, s := range list {
		if visible, err := f.GetSheetVisible(s); err == nil && visible {
			return s, nil
		}
	}
	return list[0], nil
}

// otherVisible lists the visible sheets besides the one read, which the
// operator may have meant to import too.
func otherVisible(f *excelize.File, read string) string {
	var out []string
	for _, s := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(s); err == nil && visible && s != read {
			out = append(out, strconv.Quote(s))
		}
	}
	return strings.Join(out, ", ")
}

// quoteList writes names as "a", "b" and "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// oneLine keeps a library's error message on one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// xlsxSource yields the rows of a sheet through excelize's row iterator.
// Empty rows cost one cheap Next each, and rows past the last element
// (a styled cell at XFD1048576) cost no XML at all.
type xlsxSource struct {
	path, sheet string
	f           *excelize.File
	rows        *excelize.Rows
	row         int // number of the current row: one per Next
	done        bool
}

func (s *xlsxSource) setWidth(int) {}

func (s *xlsxSource) close() error {
	err := s.rows.Close()
	if ferr := s.f.Close(); err == nil {
		err = ferr
	}
	return err
}

// next returns the next row that has a cell. Columns gives a fresh slice
// each time, and is called at most once per row: it consumes the row.
func (s *xlsxSource) next() (line int, cells []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.done = true
			line, cells = 0, nil
			err = fmt.Errorf("read %s, sheet %q, after row %d: damaged sheet data",
				s.path, s.sheet, s.row)
		}
	}()
	for !s.done && s.rows.Next() {
		s.row++
		cells, err := s.rows.Columns()
		if err != nil {
			return s.row, nil, &RowError{File: s.path, Sheet: s.sheet, Line: s.row,
				Err: fmt.Errorf("unreadable cell: %s", oneLine(err))}
		}
		if len(cells) > 0 {
			return s.row, cells, nil
		}
	}
	if err := s.rows.Error(); err != nil && !s.done {
		s.done = true
		return 0, nil, fmt.Errorf("read %s, sheet %q, after row %d: %w", s.path, s.sheet,
			s.row, err)
	}
	return 0, nil, io.EOF
}
