package results

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// layoutOf measures recs as a caller that reads the rows first would.
func layoutOf(recs []Record) *Layout {
	var l Layout
	for _, r := range recs {
		l.Measure(r.Cells)
	}
	return &l
}

// layoutRecords are testRecords and a row with cells beyond the header.
func layoutRecords() []Record {
	recs := testRecords()
	return append(recs, Record{Cells: []string{"Ole", "Berg", "", "", "", "übrig", "", "x"},
		Status: StatusInvalid, Error: "the row has 2 more cells than the header has columns",
		SourceRow: 10})
}

// With the rows measured beforehand, the sheet is the one written after the
// last row: same cells, styles, widths, dimension and filter.
func TestXLSXLayoutSameSheet(t *testing.T) {
	dir := t.TempDir()
	opts := Options{DateColumns: []int{2}}
	spooled := filepath.Join(dir, "spooled.xlsx")
	writeSheet(t, spooled, xlsxFormat, opts, layoutRecords(), testSummary())
	opts.Layout = layoutOf(layoutRecords())
	streamed := filepath.Join(dir, "streamed.xlsx")
	writeSheet(t, streamed, xlsxFormat, opts, layoutRecords(), testSummary())
	want, got := sheetXML(t, spooled), sheetXML(t, streamed)
	if got != want {
		t.Errorf("sheet XML differs:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(got, `<dimension ref="A1:N10"`) {
		t.Errorf("dimension is not A1:N10 (three cells after source_row):\n%s", got)
	}
}

// The caller's measure sets the widths, even of cells no row held in the
// first probeRows rows, and a date column is wide enough for a date.
func TestXLSXLayoutWidthsFromCaller(t *testing.T) {
	recs := testRecords()
	l := layoutOf(recs)
	l.Measure([]string{"Maximiliane-Theodora", "", "30845.5", "", strings.Repeat("n", 90)})
	path := filepath.Join(t.TempDir(), "people.results.xlsx")
	writeSheet(t, path, xlsxFormat, Options{DateColumns: []int{2}, Layout: l}, recs,
		testSummary())
	book, got := readXLSX(t, path, "Patienten")
	compareRows(t, got, wantRows(recs, testHeader))
	widths := map[string]float64{
		"A": 22,          // the caller's widest name, not the rows'
		"E": maxColWidth, // capped
		"F": 17,          // result columns: from the rows
		"G": 38,
	}
	for col, want := range widths {
		if got, err := book.GetColWidth("Patienten", col); err != nil || got != want {
			t.Errorf("width of column %s = %v (%v), want %v", col, got, err, want)
		}
	}
}

// Rows past the first probeRows stream as they come; a row with more cells
// than the caller measured still comes out whole, and the filter covers it.
func TestXLSXLayoutRowWiderThanMeasured(t *testing.T) {
	var recs []Record
	for i := range probeRows + 20 {
		recs = append(recs, Record{Cells: []string{"Jonas", "Müller", strconv.Itoa(20000 + i),
			"+4930" + strconv.Itoa(100000+i), ""}, Status: StatusValid, SourceRow: i + 2})
	}
	l := layoutOf(recs)
	last := &recs[len(recs)-1]
	last.Cells = append(last.Cells, "unangekündigt", "", "noch eins")
	last.Status, last.Error = StatusInvalid, "extra cells"
	path := filepath.Join(t.TempDir(), "people.results.xlsx")
	w := writeSheet(t, path, xlsxFormat, Options{DateColumns: []int{2}, Layout: l}, recs,
		testSummary())
	_, got := readXLSX(t, path, "Patienten")
	want := wantRows(recs, testHeader)
	want[len(want)-1] = append(want[len(want)-1], "unangekündigt", "", "noch eins")
	compareRows(t, got, want)
	n := len(recs) + 1
	x := sheetXML(t, path)
	checks := map[string]string{
		"dimension as measured":   fmt.Sprintf(`<dimension ref="A1:K%d"`, n),
		"filter over every cell":  fmt.Sprintf(`<autoFilter ref="\$?A\$?1:\$?N\$?%d"`, n),
		"extra cell after source": fmt.Sprintf(`<c r="N%d"[^>]*><is><t>noch eins</t>`, n),
		"date serial past probe":  fmt.Sprintf(`<c r="C%d" s="\d+"><v>%d</v></c>`, n, 20000+n-2),
	}
	for what, pattern := range checks {
		if !regexp.MustCompile(pattern).MatchString(x) {
			t.Errorf("%s: sheet XML lacks %s", what, pattern)
		}
	}
	if notes := w.Notes(); len(notes) != 1 || !strings.HasPrefix(notes[0], "1 row has") {
		t.Errorf("notes = %q, want one about the extra cells", notes)
	}
}

// A streamed sheet given up leaves nothing behind, not even excelize's own
// temporary file.
func TestXLSXLayoutAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "people.results.xlsx")
	w, err := Create(path, testHeader, xlsxFormat, Options{Layout: &Layout{}})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Notiz ", 200)
	for i := range 20 * probeRows { // past excelize's 16 MB in memory
		err := w.Write(Record{Cells: []string{"Jonas", "Müller", "", "", long},
			Status: StatusValid, SourceRow: i + 2})
		if err != nil {
			t.Fatal(err)
		}
	}
	if extra := leftovers(t, dir); len(extra) < 2 {
		t.Errorf("files = %q, want the temporary results and excelize's spill", extra)
	}
	w.Abort()
	if extra := leftovers(t, dir); len(extra) != 0 {
		t.Errorf("files left behind: %q", extra)
	}
}

// Layouts measured apart and merged are the layout of all their rows.
func TestLayoutMerge(t *testing.T) {
	recs := layoutRecords()
	var a, b Layout
	for i, r := range recs {
		if i%2 == 0 {
			a.Measure(r.Cells)
		} else {
			b.Measure(r.Cells)
		}
	}
	var merged Layout
	merged.Merge(&b)
	merged.Merge(&a)
	merged.Merge(nil)
	if all := layoutOf(recs); !reflect.DeepEqual(&merged, all) {
		t.Errorf("merged = %+v, want %+v", merged, *all)
	}
	if merged.Rows() != len(recs) {
		t.Errorf("Rows = %d, want %d", merged.Rows(), len(recs))
	}
}

// A row reaching into the last columns leaves no room for the status
// columns; the check says so before anything is sent.
func TestCheckXLSXWidth(t *testing.T) {
	room := excelize.MaxColumns - len(Columns())
	if err := CheckXLSXWidth(room); err != nil {
		t.Errorf("width %d: %v", room, err)
	}
	err := CheckXLSXWidth(room + 1)
	if err == nil || !strings.Contains(err.Error(), "beyond column XEX") {
		t.Errorf("width %d: %v, want the last usable column named", room+1, err)
	}
}

// TestXLSXFarColumns lays out a sheet whose header has a stray cell near
// the last column: only the columns holding something get a width and a
// style, and the result columns after it keep theirs.
func TestXLSXFarColumns(t *testing.T) {
	header := make([]string, excelize.MaxColumns-len(Columns()))
	header[0], header[1], header[len(header)-1] = "Vorname", "Nachname", "Notiz"
	path := filepath.Join(t.TempDir(), "far.results.xlsx")
	w, err := Create(path, header, xlsxFormat, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(Record{Cells: []string{"Jonas", "Beispiel"}, Status: StatusValid,
		SourceRow: 2}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(testSummary()); err != nil {
		t.Fatal(err)
	}
	cols := regexp.MustCompile(`<col [^>]*min="(\d+)" max="(\d+)"`).
		FindAllStringSubmatch(sheetXML(t, path), -1)
	var got []string
	for _, c := range cols {
		got = append(got, c[1]+"-"+c[2])
	}
	last := strconv.Itoa(len(header))
	want := []string{"1-1", "2-2", last + "-" + last}
	if !slices.Equal(got[:min(3, len(got))], want) || len(got) > 3+len(Columns()) {
		t.Errorf("columns laid out = %v, want %v and the result columns", got, want)
	}
	book, _ := readXLSX(t, path, xlsxFormat.Sheet)
	status, _ := excelize.CoordinatesToCellName(len(header)+1, 2)
	id, err := book.GetCellStyle(xlsxFormat.Sheet, status)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := book.GetStyle(id); err != nil || s.NumFmt != numFmtText {
		t.Errorf("style of %s = %+v (%v), want text", status, s, err)
	}
}
