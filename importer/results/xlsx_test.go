package results

import (
	"archive/zip"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"aniva-import/importer/sheet"
)

// readXLSX opens a results workbook and returns it with the stored values
// of its first sheet.
func readXLSX(t *testing.T, path, name string) (*excelize.File, [][]string) {
	t.Helper()
	book, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open results: %v", err)
	}
	t.Cleanup(func() { _ = book.Close() })
	rows, err := book.Rows(name)
	if err != nil {
		t.Fatalf("rows of %s: %v", name, err)
	}
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cells)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	return book, out
}

// sheetXML returns the XML of the workbook's first worksheet.
func sheetXML(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	f, err := z.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeTestXLSX(t *testing.T, f sheet.Format) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "people.results.xlsx")
	writeSheet(t, path, f, Options{DateColumns: []int{2}}, testRecords(), testSummary())
	return path
}

func testSummary() Summary {
	zone := time.FixedZone("CET", 3600)
	return Summary{
		Input:    "people.xlsx",
		Flags:    []string{"--dry-run", "--group=praxis-nord"},
		Started:  time.Date(2026, 3, 1, 9, 0, 0, 0, zone),
		Finished: time.Date(2026, 3, 1, 9, 2, 5, 0, zone),
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	path := writeTestXLSX(t, xlsxFormat)
	book, got := readXLSX(t, path, "Patienten")
	compareRows(t, got, wantRows(testRecords(), testHeader))
	if list := book.GetSheetList(); !reflect.DeepEqual(list, []string{"Patienten", "Summary"}) {
		t.Errorf("sheets = %q, want [Patienten Summary]", list)
	}
	if i := book.GetActiveSheetIndex(); i != 0 {
		t.Errorf("active sheet = %d, want 0", i)
	}
}

func TestXLSXCellTypes(t *testing.T) {
	x := sheetXML(t, writeTestXLSX(t, xlsxFormat))
	checks := []struct{ what, pattern string }{
		{"dimension", `<dimension ref="A1:K9"(/>|></dimension>)`},
		{"autofilter", `<autoFilter ref="\$?A\$?1:\$?K\$?9"`},
		{"columns in order", `<cols><col min="1" max="1" [^>]*/><col min="2" max="2" `},
		{"date serial as a number", `<c r="C2" s="\d+"><v>30845</v></c>`},
		{"text date as a string", `<c r="C3" s="\d+" t="inlineStr"><is><t>12.03.1990</t>`},
		{"phone as a string", `<c r="D2" s="\d+" t="inlineStr"><is><t>\+4930123456</t>`},
		{"leading zeros as a string", `<c r="D4" s="\d+" t="inlineStr"><is><t>00123</t>`},
		{"formula-like as a string", `<c r="E2" s="\d+" t="inlineStr"><is><t>=1\+1</t>`},
		{"source row as a number", `<c r="K2"><v>2</v></c>`},
	}
	for _, c := range checks {
		if !regexp.MustCompile(c.pattern).MatchString(x) {
			t.Errorf("%s: sheet XML lacks %s", c.what, c.pattern)
		}
	}
	if regexp.MustCompile(`<f[ >]`).MatchString(x) {
		t.Error("sheet XML holds a formula")
	}
}

func TestXLSXLayout(t *testing.T) {
	book, _ := readXLSX(t, writeTestXLSX(t, xlsxFormat), "Patienten")
	panes, err := book.GetPanes("Patienten")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want the first row frozen", panes)
	}
	dim, err := book.GetSheetDimension("Patienten")
	if err != nil || dim != "A1:K9" {
		t.Errorf("dimension = %q (%v), want A1:K9", dim, err)
	}
	widths := map[string]float64{"A": 11, "C": 16, "F": 17, "G": 38}
	for col, want := range widths {
		if got, err := book.GetColWidth("Patienten", col); err != nil || got != want {
			t.Errorf("width of column %s = %v (%v), want %v", col, got, err, want)
		}
	}
}

func TestXLSXStyles(t *testing.T) {
	book, _ := readXLSX(t, writeTestXLSX(t, xlsxFormat), "Patienten")
	style := func(cell string) *excelize.Style {
		t.Helper()
		id, err := book.GetCellStyle("Patienten", cell)
		if err != nil {
			t.Fatalf("style of %s: %v", cell, err)
		}
		s, err := book.GetStyle(id)
		if err != nil {
			t.Fatalf("style %d: %v", id, err)
		}
		return s
	}
	for _, cell := range []string{"A1", "E1", "F1", "K1"} {
		if s := style(cell); s.Font == nil || !s.Font.Bold {
			t.Errorf("header %s is not bold", cell)
		}
	}
	fills := map[string]string{
		"A1": "", "F1": "BDD7EE", "K1": "BDD7EE", // result columns set apart
		"F2": "C6EFCE", "F3": "FFC7CE", "F4": "FFC7CE", "F5": "FFC7CE",
		"F6": "FFD8A8", "F7": "E7E6E6", "F8": "E2EFDA", "F9": "FFEB9C",
		"G2": "",
	}
	for cell, want := range fills {
		got := ""
		if c := style(cell).Fill.Color; len(c) > 0 {
			got = c[0]
		}
		if got != want {
			t.Errorf("fill of %s = %q, want %q", cell, got, want)
		}
	}
	formats := map[string]int{"C2": numFmtDate, "D2": numFmtText, "E3": numFmtText,
		"F2": numFmtText}
	for cell, want := range formats {
		if got := style(cell).NumFmt; got != want {
			t.Errorf("number format of %s = %d, want %d", cell, got, want)
		}
	}
}

func TestXLSXSummarySheet(t *testing.T) {
	book, _ := readXLSX(t, writeTestXLSX(t, xlsxFormat), "Patienten")
	rows, err := book.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Input file", "people.xlsx"},
		{"Mapping", "automatic"},
		{"Started", "2026-03-01 09:00:00 +01:00"},
		{"Finished", "2026-03-01 09:02:05 +01:00"},
		{"Duration", "2m5s"},
		{"Flags", "--dry-run --group=praxis-nord"},
		nil,
		{"Status", "Rows"},
		{"created", "1"}, {"invalid", "1"}, {"rejected", "1"}, {"failed", "1"},
		{"unknown", "1"}, {"pending", "1"}, {"valid", "1"}, {"duplicate", "1"},
		{"total", "8"},
	}
	for i := range rows {
		if len(rows[i]) == 0 {
			rows[i] = nil
		}
	}
	compareRows(t, rows, want)
}

func TestXLSXSheetNames(t *testing.T) {
	tests := []struct {
		sheet string
		want  []string
	}{
		{"", []string{"Results", "Summary"}},
		{"Sheet1", []string{"Sheet1", "Summary"}},
		{"summary", []string{"summary", "Import summary"}},
	}
	for _, tt := range tests {
		t.Run(tt.sheet, func(t *testing.T) {
			f := sheet.Format{Kind: sheet.XLSX, Sheet: tt.sheet}
			book, got := readXLSX(t, writeTestXLSX(t, f), tt.want[0])
			if list := book.GetSheetList(); !reflect.DeepEqual(list, tt.want) {
				t.Errorf("sheets = %q, want %q", list, tt.want)
			}
			compareRows(t, got, wantRows(testRecords(), testHeader))
		})
	}
}

func TestXLSXDate1904(t *testing.T) {
	for _, on := range []bool{false, true} {
		f := sheet.Format{Kind: sheet.XLSX, Date1904: on}
		book, _ := readXLSX(t, writeTestXLSX(t, f), "Results")
		props, err := book.GetWorkbookProps()
		if err != nil {
			t.Fatal(err)
		}
		if got := props.Date1904 != nil && *props.Date1904; got != on {
			t.Errorf("Date1904 = %v, want %v", got, on)
		}
	}
}

func TestXLSXEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.results.xlsx")
	writeSheet(t, path, xlsxFormat, Options{}, nil, Summary{})
	_, got := readXLSX(t, path, "Patienten")
	compareRows(t, got, wantRows(nil, testHeader))
	if x := sheetXML(t, path); !regexp.MustCompile(`<dimension ref="A1:K1"[/>]`).MatchString(x) {
		t.Error("dimension of a header-only sheet is not A1:K1")
	}
}

func TestIsSerial(t *testing.T) {
	tests := map[string]bool{
		"30845": true, "30845.5": true, "1": true, "2958465": true,
		"2958466": false, "0": false, "00123": false, "-5": false, "1e5": false,
		"30845.": false, "3.0.1": false, "12.03.1990": false, "": false, " 1": false,
	}
	for s, want := range tests {
		if got := isSerial(s); got != want {
			t.Errorf("isSerial(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTextWidth(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  int
	}{
		{"Müller", 60, 6},
		{"東京", 60, 4},
		{"a\nbc", 60, 3},
		{"abcdefgh", 5, 5},
	}
	for _, tt := range tests {
		if got := textWidth(tt.s, tt.limit); got != tt.want {
			t.Errorf("textWidth(%q, %d) = %d, want %d", tt.s, tt.limit, got, tt.want)
		}
	}
}
