package results

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"aniva-import/importer/sheet"
)

// The tool's own reader must take a results sheet back as its input: same
// format detected, same cells (CSV ones after Unescape).
func TestSheetReaderReadsResultsBack(t *testing.T) {
	formats := []sheet.Format{
		{Kind: sheet.CSV, Encoding: "utf-8", Delimiter: ','},
		{Kind: sheet.CSV, Encoding: "utf-8-bom", Delimiter: ';'},
		{Kind: sheet.CSV, Encoding: "utf-16le", Delimiter: '\t'},
		{Kind: sheet.CSV, Encoding: "utf-16be", Delimiter: ';'},
		{Kind: sheet.CSV, Encoding: "windows-1252", Delimiter: ';'},
		{Kind: sheet.CSV, Encoding: "windows-1252", Delimiter: ';', SepLine: true},
		{Kind: sheet.XLSX, Sheet: "Patienten"},
		{Kind: sheet.XLSX, Sheet: "Patienten", Date1904: true},
	}
	for _, f := range formats {
		t.Run(f.Kind.String()+"-"+f.Encoding, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "people.results."+f.Kind.String())
			writeSheet(t, path, f, Options{DateColumns: []int{2}}, testRecords(), Summary{})
			got, format := readWithSheet(t, path)
			format.OtherSheets = "" // the summary sheet beside the results
			if format != f {
				t.Errorf("format read back = %+v, want %+v", format, f)
			}
			want := wantRows(testRecords(), testHeader)
			if f.Kind == sheet.CSV {
				// The reader takes a lone carriage return for a line break.
				want[8][4] = "\ncr"
			}
			compareRows(t, got, want)
		})
	}
}

// readWithSheet reads a file with the sheet package, header first.
func readWithSheet(t *testing.T, path string) ([][]string, sheet.Format) {
	t.Helper()
	r, err := sheet.Open(path, sheet.Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer r.Close()
	format := r.Format()
	rows := [][]string{r.Header()}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, format
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		if format.Kind == sheet.CSV {
			for i := range row.Cells {
				row.Cells[i] = Unescape(row.Cells[i])
			}
		}
		rows = append(rows, row.Cells)
	}
}
