package results

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Layout is what XLSX results need to know of the rows before the first
// one is written: how many rows there are and how wide their cells are.
// excelize's stream writer takes the column widths and the sheet's size
// before its first row; given a Layout, XLSX results stream each row into
// the workbook as it is written, while the run goes on, instead of keeping
// every row on disk and writing the whole sheet after the last one.
//
// A caller that reads every row before writing any (the importer's survey)
// measures them with [Layout.Measure], on as many goroutines as it likes,
// each with a Layout of its own, and joins them with [Layout.Merge]. The
// zero value is an empty Layout, ready to use.
//
// Rows with more cells than were measured, and rows beyond the count, are
// still written whole; only the sheet's dimension, which is set before the
// first row, then falls short of them (the filter does not).
type Layout struct {
	rows int
	cols []colSize // by index in Record.Cells
}

// colSize is the widest cell of a column, in character cells: of the cells
// that could be date serials and of the others apart, as a date column
// shows the former as dates.
type colSize struct {
	text   int
	serial int
}

// Measure counts one row whose cells are cells, as they will be passed in
// [Record.Cells]; a row that could not be read counts with no cells.
func (l *Layout) Measure(cells []string) {
	l.rows++
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n-- // as Writer drops empty cells beyond the header
	}
	if n > len(l.cols) {
		l.cols = append(l.cols, make([]colSize, n-len(l.cols))...)
	}
	for i, c := range cells[:n] {
		if c == "" {
			continue
		}
		w, col := textWidth(c, maxColWidth), &l.cols[i]
		if isSerial(c) {
			col.serial = max(col.serial, w)
		} else {
			col.text = max(col.text, w)
		}
	}
}

// Merge adds the rows measured in o to l.
func (l *Layout) Merge(o *Layout) {
	if o == nil {
		return
	}
	l.rows += o.rows
	if n := len(o.cols); n > len(l.cols) {
		l.cols = append(l.cols, make([]colSize, n-len(l.cols))...)
	}
	for i, c := range o.cols {
		l.cols[i].text = max(l.cols[i].text, c.text)
		l.cols[i].serial = max(l.cols[i].serial, c.serial)
	}
}

// Rows is the number of rows measured.
func (l *Layout) Rows() int { return l.rows }

// Width is the number of cells of the widest row measured, empty cells at
// the end aside.
func (l *Layout) Width() int { return len(l.cols) }

// CheckXLSXWidth refuses rows of width cells that an XLSX results sheet
// cannot hold together with its own columns: a sheet ends at column XFD.
// Stray cells far to the right (formatting, a note) are the usual cause.
func CheckXLSXWidth(width int) error {
	n := len(Columns())
	if width+n <= excelize.MaxColumns {
		return nil
	}
	reach, _ := excelize.ColumnNumberToName(width)
	last, _ := excelize.ColumnNumberToName(excelize.MaxColumns - n)
	return fmt.Errorf("cells reach column %s, and the results sheet adds %d columns after them, "+
		"past a sheet's last column (XFD): clear the cells beyond column %s (often a stray "+
		"note or formatting), or save the file as CSV", reach, n, last)
}

// fit widens the sheet's columns to the cells the layout measured.
func (x *xlsxSink) fit(l *Layout) {
	for i, c := range l.cols {
		col, w := i, max(c.text, c.serial)
		if i >= x.width {
			col += len(Columns()) // extra cells follow the result columns
		} else if x.dates[i] && c.serial > 0 {
			w = max(c.text, len("2006-01-02"))
		}
		for len(x.widths) <= col {
			x.widths = append(x.widths, 0)
		}
		x.widths[col] = max(x.widths[col], w)
	}
	x.cols = max(x.cols, len(x.widths))
}
