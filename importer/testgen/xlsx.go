package testgen

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes an XLSX patient list to path, replacing any file there.
// It writes through excelize's StreamWriter, whose buffer spills to a
// temporary file, so memory stays flat whatever opts.Rows is. Birth dates
// are date cells with the dialect's number format, except the few typed as
// text; heights, weights and a few phones are number cells.
func WriteXLSX(path string, opts Options) error {
	g, err := New(opts)
	if err != nil {
		return err
	}
	return g.WriteXLSX(path)
}

// xlsxStyles are the style ids that a generated sheet uses.
type xlsxStyles struct {
	header, date, metres int
}

// WriteXLSX writes the generator's rows to path as XLSX; see the function
// [WriteXLSX].
func (g *Generator) WriteXLSX(path string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close workbook: %w", cerr)
		}
	}()
	sw, st, err := g.startSheet(f)
	if err != nil {
		return err
	}
	if err := g.writeRows(sw, st); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet %s: %w", g.d.sheet, err)
	}
	if err := save(f, path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// save writes the workbook to path through a zip writer on the file itself.
// SaveAs and Write would first build the whole compressed file in a
// bytes.Buffer, which grows with the row count. The buffer that
// WriteToBuffer hands to the zip writer is left empty and unused. (excelize
// patches zip64 headers only in that buffer; they matter for sheets over
// 4 GB of XML, some 7 million rows.)
func save(f *excelize.File, path string) (err error) {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}()
	buf := bufio.NewWriterSize(file, 256<<10)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(buf) })
	if _, err := f.WriteToBuffer(); err != nil {
		return err
	}
	return buf.Flush()
}

// startSheet names the sheet, creates the styles and sets the dimension.
// The dimension must be set before the stream writer starts: the writer
// copies it into the sheet's opening XML, and would otherwise leave "A1",
// which makes some readers see a single column.
func (g *Generator) startSheet(f *excelize.File) (*excelize.StreamWriter, xlsxStyles, error) {
	var st xlsxStyles
	if err := f.SetSheetName("Sheet1", g.d.sheet); err != nil {
		return nil, st, fmt.Errorf("name sheet: %w", err)
	}
	if g.opts.Date1904 {
		on := true
		err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &on})
		if err != nil {
			return nil, st, fmt.Errorf("set 1904 dates: %w", err)
		}
	}
	st, err := newStyles(f, g.d.dateCellFormat)
	if err != nil {
		return nil, st, err
	}
	last, _ := excelize.CoordinatesToCellName(NumColumns, g.opts.Rows+1)
	if err := f.SetSheetDimension(g.d.sheet, "A1:"+last); err != nil {
		return nil, st, fmt.Errorf("set dimension: %w", err)
	}
	sw, err := f.NewStreamWriter(g.d.sheet)
	if err != nil {
		return nil, st, fmt.Errorf("stream sheet %s: %w", g.d.sheet, err)
	}
	if err := sw.SetColWidth(1, NumColumns, 18); err != nil {
		return nil, st, fmt.Errorf("set column width: %w", err)
	}
	return sw, st, nil
}

func newStyles(f *excelize.File, dateFormat string) (xlsxStyles, error) {
	var st xlsxStyles
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return st, fmt.Errorf("header style: %w", err)
	}
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat}); err != nil {
		return st, fmt.Errorf("date style: %w", err)
	}
	metres := "0.00"
	if st.metres, err = f.NewStyle(&excelize.Style{CustomNumFmt: &metres}); err != nil {
		return st, fmt.Errorf("height style: %w", err)
	}
	return st, nil
}

func (g *Generator) writeRows(sw *excelize.StreamWriter, st xlsxStyles) error {
	values := make([]any, NumColumns)
	for c, h := range g.d.header {
		values[c] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", values); err != nil {
		return fmt.Errorf("write header row: %w", err)
	}
	for i := range g.opts.Rows {
		row := g.Row(i)
		for c := range values {
			values[c] = g.xlsxValue(row.Cells[c], c, st)
		}
		if err := sw.SetRow("A"+strconv.Itoa(row.Line), values); err != nil {
			return fmt.Errorf("write row %d: %w", row.Line, err)
		}
	}
	return nil
}

// xlsxValue turns a cell into what the stream writer takes: nil for an empty
// cell, a styled date, a number or a string.
func (g *Generator) xlsxValue(c Cell, col int, st xlsxStyles) any {
	switch c.Type {
	case DateCell:
		return excelize.Cell{StyleID: st.date, Value: c.Date}
	case NumberCell:
		if col == colHeight && g.d.metres {
			return excelize.Cell{StyleID: st.metres, Value: c.Number}
		}
		return c.Number
	}
	if c.Text == "" {
		return nil
	}
	return c.Text
}
