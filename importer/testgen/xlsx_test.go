package testgen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func writeXLSX(t *testing.T, opts Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("gen-%s-%d.xlsx", opts.Dialect, opts.Seed))
	if err := WriteXLSX(path, opts); err != nil {
		t.Fatalf("WriteXLSX(%+v): %v", opts, err)
	}
	return path
}

// xlsxCell is a cell as read back: its raw value, type and number format.
type xlsxCell struct {
	raw    string
	typ    excelize.CellType
	format string // custom number format, "" for none
}

// readXLSX reads every cell of the file's first sheet.
func readXLSX(t *testing.T, path string) (sheet string, rows [][]xlsxCell, date1904 bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	sheet = f.GetSheetName(0)
	props, err := f.GetWorkbookProps()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r, cells := range raw {
		var row []xlsxCell
		for c, v := range cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			row = append(row, readCell(t, f, sheet, ref, v))
		}
		rows = append(rows, row)
	}
	return sheet, rows, props.Date1904 != nil && *props.Date1904
}

func readCell(t *testing.T, f *excelize.File, sheet, ref, raw string) xlsxCell {
	t.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	cell := xlsxCell{raw: raw, typ: typ}
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if id != 0 {
		style, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if style.CustomNumFmt != nil {
			cell.format = *style.CustomNumFmt
		}
	}
	return cell
}

// isNumber reports whether a cell holds a number. Cells without a type
// attribute are numbers; excelize reports them as unset.
func isNumber(c xlsxCell) bool {
	return c.typ == excelize.CellTypeNumber || c.typ == excelize.CellTypeUnset && c.raw != ""
}

// cellText turns a read-back cell into the text a CSV file holds for it, so
// that the checker can read it: date cells become ISO dates.
func cellText(t *testing.T, c xlsxCell, date1904 bool) string {
	if isNumber(c) && strings.Contains(c.format, "yy") {
		serial, err := strconv.ParseFloat(c.raw, 64)
		if err != nil {
			t.Fatalf("date cell %q: %v", c.raw, err)
		}
		d, err := excelize.ExcelDateToTime(serial, date1904)
		if err != nil {
			t.Fatalf("date cell %q: %v", c.raw, err)
		}
		return d.Format(isoLayout)
	}
	return c.raw
}

func TestXLSXCells(t *testing.T) {
	const rows = 800
	for _, d := range allDialects {
		for _, date1904 := range []bool{false, true} {
			if date1904 && d != German {
				continue // one dialect is enough to show 1904 dates
			}
			name := fmt.Sprintf("%s/1904=%v", d, date1904)
			t.Run(name, func(t *testing.T) {
				opts := Options{Rows: rows, Dialect: d, Seed: 21, InvalidShare: 0.1,
					Date1904: date1904}
				checkXLSX(t, opts, writeXLSX(t, opts))
			})
		}
	}
}

func checkXLSX(t *testing.T, opts Options, path string) {
	g := mustNew(t, opts)
	sheet, rows, date1904 := readXLSX(t, path)
	d := dialects[opts.Dialect]
	if sheet != d.sheet || date1904 != opts.Date1904 {
		t.Errorf("sheet %q, 1904 dates %v; want %q, %v", sheet, date1904, d.sheet, opts.Date1904)
	}
	if len(rows) != opts.Rows+1 {
		t.Fatalf("got %d rows, want %d", len(rows), opts.Rows+1)
	}
	for c, h := range d.header {
		if rows[0][c].raw != h {
			t.Errorf("header %d = %q, want %q", c, rows[0][c].raw, h)
		}
	}
	c := checker{region: opts.Dialect.PhoneRegion(), today: today}
	for i, cells := range rows[1:] {
		row := g.Row(i)
		var texts [NumColumns]string
		for col := range texts {
			var got xlsxCell
			if col < len(cells) {
				got = cells[col]
			}
			if err := cellMatches(got, row.Cells[col], d.dateCellFormat, date1904); err != nil {
				t.Fatalf("row %d column %d: %v", row.Line, col+1, err)
			}
			texts[col] = cellText(t, got, date1904)
		}
		if got, want := c.check(texts), defectList(row.Defect); !equalDefects(got, want) {
			t.Errorf("row %d %q: checker finds %v, want %v", row.Line, texts, got, want)
		}
	}
}

func equalDefects(a, b []Defect) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// cellMatches compares a read-back cell with the generated one.
func cellMatches(got xlsxCell, want Cell, dateFormat string, date1904 bool) error {
	switch want.Type {
	case DateCell:
		if got.format != dateFormat || !isNumber(got) {
			return fmt.Errorf("format %q type %v, want a date cell %q", got.format, got.typ,
				dateFormat)
		}
		serial, _ := strconv.ParseFloat(got.raw, 64)
		d, err := excelize.ExcelDateToTime(serial, date1904)
		if err != nil || !d.Equal(want.Date) {
			return fmt.Errorf("date %s (%v), want %s", d, err, want.Date)
		}
	case NumberCell:
		n, err := strconv.ParseFloat(got.raw, 64)
		if !isNumber(got) || err != nil || n != want.Number {
			return fmt.Errorf("number %q (type %v), want %v", got.raw, got.typ, want.Number)
		}
	default:
		if got.raw != want.Text {
			return fmt.Errorf("text %q, want %q", got.raw, want.Text)
		}
		if want.Text != "" && got.typ != excelize.CellTypeInlineString {
			return fmt.Errorf("%q has type %v, want an inline string", got.raw, got.typ)
		}
	}
	return nil
}

func TestXLSXDimension(t *testing.T) {
	for _, rows := range []int{0, 1, 2500} {
		opts := Options{Rows: rows, Dialect: Finnish, Seed: 1}
		path := writeXLSX(t, opts)
		want := fmt.Sprintf("A1:J%d", rows+1)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetSheetDimension("Potilaat")
		f.Close()
		if err != nil || got != want {
			t.Errorf("%d rows: dimension %q (%v), want %q", rows, got, err, want)
		}
		head := sheetXMLHead(t, path)
		if _, after, _ := strings.Cut(head, "<dimension"); !strings.HasPrefix(after,
			` ref="`+want+`"`) {
			t.Errorf("%d rows: sheet XML has dimension %.30q, want %s", rows, after, want)
		}
	}
}

// sheetXMLHead returns the first worksheet's XML up to its data.
func sheetXMLHead(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	r, err := z.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	head := make([]byte, 16<<10)
	n, _ := io.ReadFull(r, head)
	before, _, _ := strings.Cut(string(head[:n]), "<sheetData")
	return before
}

func TestXLSXIsDeterministic(t *testing.T) {
	opts := Options{Rows: 2000, Dialect: Mixed, Seed: 8, InvalidShare: 0.05}
	first, second := readFile(t, writeXLSX(t, opts)), readFile(t, writeXLSX(t, opts))
	if !bytes.Equal(first, second) {
		t.Errorf("two writes with the same options differ")
	}
	opts.Seed = 9
	if bytes.Equal(first, readFile(t, writeXLSX(t, opts))) {
		t.Errorf("seeds 8 and 9 give the same file")
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestXLSXMemoryIsFlat writes a sheet large enough that excelize spills it
// to a temporary file, and checks the heap afterwards and on the way.
func TestXLSXMemoryIsFlat(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes 100 000 rows and measures the heap")
	}
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				peak <- max
				return
			case <-tick.C:
				if h := liveHeap(); h > max {
					max = h
				}
			}
		}
	}()
	writeXLSX(t, Options{Rows: 100_000, Dialect: Mixed, Seed: 2})
	close(stop)
	got := <-peak
	t.Logf("live heap peaked at %d MB", got>>20)
	if got > 64<<20 {
		t.Errorf("heap reached %d MB, want under 64 MB", got>>20)
	}
}
