package results

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"aniva-import/importer/sheet"
	"aniva-import/importer/spool"
)

// xlsxSink writes XLSX results through one excelize StreamWriter, whose
// own buffer spills to a temporary file past 16 MB, so memory stays flat
// however many rows there are. The stream writer needs the column widths
// and the sheet's size before the first row:
//
//   - Given a [Layout], the sink holds the first rows (probeRows) in memory
//     to size the result columns, then streams every row as it comes in.
//   - Without one, it spools the rows to disk (see [spool.Spool]),
//     measuring them on the way, and replays them in finish, when the
//     sheet's size is known.
type xlsxSink struct {
	file    *tempFile
	book    *excelize.File
	sheet   string
	summary string // name of the summary sheet
	header  []string
	width   int    // input columns
	dates   []bool // by input column: holds date serials
	widths  []int  // by column: widest cell seen, in character cells
	cols    int    // cells in the widest row
	rows    int
	cut     int // cells longer than a spreadsheet cell can hold
	style   xlsxStyles

	spool *spool.Spool // without a layout: every row, for finish

	layout *Layout                // the caller's measure of the rows; nil: spool them
	probe  [][]string             // the first rows, held until the widths are set
	sw     *excelize.StreamWriter // once the widths are set
	vals   []any                  // a row's values for SetRow, reused
}

// probeRows is how many rows XLSX results hold in memory, with a [Layout],
// before they start the sheet; the result columns take their widths from
// these rows. A status or a row number is narrower than its header, and
// ids are all as long; an error, a hint or an email further down may be
// wider than any of these, and then shows cut off at the column's edge
// (the cell holds it whole) until the column is widened. A sheet of this
// many rows or fewer comes out as without a Layout, when the layout
// measured the same rows.
const probeRows = 1024

func newXLSXSink(file *tempFile, header []string, width int, f sheet.Format,
	opts Options) (*xlsxSink, error) {
	x := &xlsxSink{file: file, header: header, width: width, cols: len(header),
		layout: opts.Layout}
	x.dates = make([]bool, width)
	for _, c := range opts.DateColumns {
		if c < 0 || c >= width {
			return nil, fmt.Errorf("date column %d is outside the header's %d columns",
				c+1, width)
		}
		x.dates[c] = true
	}
	if err := x.openBook(f); err != nil {
		return nil, err
	}
	if x.layout == nil {
		var err error
		if x.spool, err = spool.New(filepath.Dir(file.target)); err != nil {
			_ = x.book.Close()
			return nil, err
		}
	}
	x.countCut(header)
	x.measure(header, true)
	return x, nil
}

// openBook prepares the workbook: sheet names, date system and styles.
func (x *xlsxSink) openBook(f sheet.Format) error {
	// excelize spills large sheets to TmpDir; keep patient data beside the
	// results rather than in a shared temporary directory.
	x.book = excelize.NewFile(excelize.Options{TmpDir: filepath.Dir(x.file.target)})
	x.sheet, x.summary = f.Sheet, "Summary"
	if x.sheet == "" {
		x.sheet = "Results"
	}
	if strings.EqualFold(x.sheet, x.summary) {
		x.summary = "Import summary"
	}
	err := x.book.SetSheetName("Sheet1", x.sheet)
	if err == nil && f.Date1904 {
		yes := true
		err = x.book.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
	}
	if err == nil {
		x.style, err = newXLSXStyles(x.book)
	}
	if err != nil {
		_ = x.book.Close()
		return fmt.Errorf("prepare workbook: %w", err)
	}
	return nil
}

func (x *xlsxSink) writeRow(row []string, _ int) error {
	x.rows++
	x.countCut(row)
	switch {
	case x.layout == nil:
		x.measure(row, false)
		x.spool.Write(row)
		return nil
	case x.sw != nil:
		x.cols = max(x.cols, len(row))
		return x.setRow(x.rows+1, row)
	}
	x.probe = append(x.probe, slices.Clone(row))
	if len(x.probe) < probeRows {
		return nil
	}
	return x.startStream()
}

// countCut counts the cells of row that are too long for a spreadsheet
// cell; excelize cuts them.
func (x *xlsxSink) countCut(row []string) {
	for _, c := range row {
		if len(c) > excelize.TotalCellChars && utf16Len(c) > excelize.TotalCellChars {
			x.cut++
		}
	}
}

// measure widens the columns to fit row.
func (x *xlsxSink) measure(row []string, header bool) {
	x.cols = max(x.cols, len(row))
	for len(x.widths) < len(row) {
		x.widths = append(x.widths, 0)
	}
	for i, c := range row {
		w := textWidth(c, maxColWidth)
		switch {
		case header && c != "":
			w += 2 // room for the autofilter button
		case i < x.width && x.dates[i] && isSerial(c):
			w = len("2006-01-02")
		}
		x.widths[i] = max(x.widths[i], w)
	}
}

// startStream sizes the columns from the caller's layout and the rows
// held so far, starts the sheet, and writes those rows.
func (x *xlsxSink) startStream() error {
	for _, row := range x.probe {
		x.measure(row, false)
	}
	x.fit(x.layout)
	// The layout's count is the caller's promise; the rows held are a fact.
	rows := x.rows
	if len(x.probe) == probeRows {
		rows = max(rows, x.layout.Rows())
	}
	if err := x.startSheet(rows); err != nil {
		return err
	}
	for i, row := range x.probe {
		if err := x.setRow(i+2, row); err != nil {
			return err
		}
	}
	x.probe = nil
	return nil
}

// finish writes the workbook into the temporary file.
func (x *xlsxSink) finish(s Summary, counts map[string]int) error {
	var err error
	switch {
	case x.layout == nil:
		err = x.replaySpool()
	case x.sw == nil:
		err = x.startStream()
	}
	if err == nil {
		err = x.endSheet()
	}
	if err != nil {
		return err
	}
	if err := x.writeSummary(s, counts); err != nil {
		return fmt.Errorf("write summary sheet: %w", err)
	}
	return x.save()
}

// save writes the workbook into the temporary file. excelize's Write
// assembles the whole zip in a memory buffer first; handing it a zip
// writer of our own that goes straight to the file leaves that buffer
// empty, so memory stays flat here too.
//
// BUG: for a sheet whose XML passes 4 GiB (about 50 columns by the
// maximum 1,048,576 rows), excelize would also mark the zip64 entry's
// local header for Excel; this direct path does not.
func (x *xlsxSink) save() error {
	out := bufio.NewWriterSize(x.file.f, 1<<20)
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	x.book.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	buf, err := x.book.WriteToBuffer()
	if err == nil && buf.Len() != 0 {
		err = errors.New("workbook went to memory, not to the file")
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// fastDeflate compresses with klauspost/compress's flate at its fastest
// level: standard deflate, about twice as fast as the standard library's
// best speed and a little smaller (a 200,000-row sheet of 140 MB: 0.5 s
// against 1.0 s). Compressing the sheet is what is left after the last row;
// at the default level it took a third of writing an XLSX results sheet.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	return flate.NewWriter(w, flate.BestSpeed)
}

// replaySpool writes the spooled rows, now that the sheet's size is known.
func (x *xlsxSink) replaySpool() error {
	if err := x.spool.Rewind(); err != nil {
		return err
	}
	if err := x.startSheet(x.rows); err != nil {
		return err
	}
	for r := 2; ; r++ {
		row, err := x.spool.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := x.setRow(r, row); err != nil {
			return err
		}
	}
}

// startSheet opens the stream writer for a sheet of rows data rows, sets
// its layout, and writes the header.
func (x *xlsxSink) startSheet(rows int) error {
	last, err := excelize.CoordinatesToCellName(x.cols, rows+1)
	if err != nil {
		return err
	}
	// The dimension is written when the stream writer is created; without
	// it, some readers see a one-cell sheet.
	if err := x.book.SetSheetDimension(x.sheet, "A1:"+last); err != nil {
		return err
	}
	if x.sw, err = x.book.NewStreamWriter(x.sheet); err != nil {
		return err
	}
	if err := x.setLayout(x.sw); err != nil {
		return err
	}
	x.vals = make([]any, 0, x.cols)
	return x.sw.SetRow("A1", x.headerCells())
}

// endSheet filters the rows written, which the stream writer keeps until
// Flush, and flushes the sheet (once, as excelize requires).
func (x *xlsxSink) endSheet() error {
	last, err := excelize.CoordinatesToCellName(x.cols, x.rows+1)
	if err != nil {
		return err
	}
	if err := x.book.AutoFilter(x.sheet, "A1:"+last, nil); err != nil {
		return err
	}
	return x.sw.Flush()
}

// setLayout freezes the header row and sets the columns' widths and
// styles; the StreamWriter needs both before the first row.
func (x *xlsxSink) setLayout(sw *excelize.StreamWriter) error {
	err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
	// excelize puts each newly set range first; going from the last to the
	// first leaves them in the ascending order Excel needs.
	spans := x.colSpans()
	for i := len(spans) - 1; i >= 0 && err == nil; i-- {
		s := spans[i]
		err = sw.SetColWidth(s.first+1, s.last+1, s.width)
		if err == nil {
			err = sw.SetColStyle(s.first+1, s.last+1, s.style)
		}
	}
	return err
}

// maxLaidOutCols caps the input columns given a width and a style. Each
// range set costs excelize time in the square of the ranges set before it
// (it keeps one entry a column), so a stray cell far to the right took
// minutes; columns past the cap keep Excel's defaults.
const maxLaidOutCols = 256

// colSpan is a range of adjacent columns, by index, of one width and style.
type colSpan struct {
	first, last int
	width       float64
	style       int
}

// colSpans are the ranges of columns to lay out: the result columns, and
// the first maxLaidOutCols others that hold anything; empty columns keep
// Excel's defaults.
func (x *xlsxSink) colSpans() []colSpan {
	var spans []colSpan
	others := 0
	for i := 0; i < x.cols; i++ {
		result := i >= x.width && i < x.width+len(Columns())
		if !result && (x.widths[i] == 0 || others == maxLaidOutCols) {
			continue
		}
		if !result {
			others++
		}
		w := float64(min(max(x.widths[i]+2, minColWidth), maxColWidth))
		st := x.colStyle(i)
		if n := len(spans); n > 0 && spans[n-1].last == i-1 && spans[n-1].width == w &&
			spans[n-1].style == st {
			spans[n-1].last = i
			continue
		}
		spans = append(spans, colSpan{first: i, last: i, width: w, style: st})
	}
	return spans
}

// colStyle is the style of column i's cells, and of cells typed into it
// later: dates where the input has dates, a plain number for source_row,
// and text everywhere else, so that a phone or id typed in a spreadsheet
// stays as typed.
func (x *xlsxSink) colStyle(i int) int {
	switch {
	case i < x.width && x.dates[i]:
		return x.style.date
	case i == x.width+5:
		return 0
	}
	return x.style.text
}

func (x *xlsxSink) headerCells() []any {
	cells := make([]any, len(x.header))
	for i, name := range x.header {
		id := x.style.header
		if i >= x.width {
			id = x.style.resultHeader
		}
		cells[i] = excelize.Cell{StyleID: id, Value: name}
	}
	return cells
}

// setRow writes row as sheet row r.
func (x *xlsxSink) setRow(r int, row []string) error {
	x.vals = x.vals[:0]
	for i, c := range row {
		x.vals = append(x.vals, x.value(i, c))
	}
	cell, err := excelize.CoordinatesToCellName(1, r)
	if err == nil {
		err = x.sw.SetRow(cell, x.vals)
	}
	if err != nil {
		return fmt.Errorf("sheet row %d: %w", r, err)
	}
	return nil
}

// value is what the cell in column i holding c becomes: a string in all
// but three cases (an empty cell, a status, and the numbers of source_row
// and date columns). A string is never read as a formula.
func (x *xlsxSink) value(i int, c string) any {
	switch {
	case c == "":
		return nil
	case i == x.width:
		return excelize.Cell{StyleID: x.style.status[c], Value: c}
	case i == x.width+5:
		if n, err := strconv.Atoi(c); err == nil {
			return n
		}
	case i < x.width && x.dates[i] && isSerial(c):
		if v, err := strconv.ParseFloat(c, 64); err == nil {
			return v
		}
	}
	return c
}

func (x *xlsxSink) discard() {
	if x.spool != nil {
		x.spool.Close()
	}
	x.probe = nil
	_ = x.book.Close()
}

func (x *xlsxSink) notes() []string {
	if x.cut == 0 {
		return nil
	}
	what := fmt.Sprintf("%d cells were", x.cut)
	if x.cut == 1 {
		what = "1 cell was"
	}
	return []string{fmt.Sprintf("%s longer than a spreadsheet cell can hold (%d characters) "+
		"and cut", what, excelize.TotalCellChars)}
}
