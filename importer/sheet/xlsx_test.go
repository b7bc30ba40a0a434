package sheet

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var xlsxCases = []readCase{
	{
		// Raw values: date cells give serials whatever their format, the
		// phone its digits though shown as 4.93E+12, 168.0 is "168", text
		// keeps its leading zeros; the empty row 3 is skipped.
		file: "excelize.xlsx",
		header: []string{"first_name", "last_name", "sex", "date_of_birth", "phone",
			"height", "member_no"},
		headerLine: 1, format: Format{Kind: XLSX, Sheet: "Patients", OtherSheets: `"Other"`},
		rows: []result{
			row(2, "Maria", "Schmidt", "2", "31128", "4930123456789", "168", "00123"),
			row(4, "John", "Carter", "1", "29161", "12025550143", "182.5", "00456"),
		},
	},
	{
		file: "excelize.xlsx", opts: Options{Sheet: "other"},
		header: []string{"first_name", "last_name"}, headerLine: 1,
		format: Format{Kind: XLSX, Sheet: "Other"},
		rows:   []result{row(2, "Kalle", "Mäki")},
	},
	{
		// The hidden first sheet is passed over; the title row merged
		// across the top is skipped; the merged header cell E2:F2 reads as
		// its first cell's text; rich text and inline strings are plain
		// text; formulas give their cached values; the stale dimension, the
		// empty row and the styled empty rows down to XFD1048576 are no
		// trouble.
		file:       "handmade.xlsx",
		header:     []string{"Vorname", "Nachname", "Geburtsdatum", "Größe", "Telefon"},
		headerLine: 2, format: Format{Kind: XLSX, Sheet: "Patienten", Date1904: true},
		rows: []result{
			row(3, "Aino", "Virtanen", "30813", "172", "+358401234567"),
			row(5, "Kalle", "Mäki", "32324", "#DIV/0!", "1", "x"),
		},
	},
	{
		file: "handmade.xlsx", opts: Options{Sheet: "hinweise"},
		header: []string{"Bitte nicht bearbeiten"}, headerLine: 1,
		format: Format{Kind: XLSX, Sheet: "Hinweise", Date1904: true},
	},
}

func TestReadXLSX(t *testing.T) {
	for _, tc := range xlsxCases {
		t.Run(tc.file+"/"+tc.opts.Sheet, func(t *testing.T) {
			checkRead(t, fixture(tc.file), tc)
		})
	}
}

// TestXLSXByContent reads a workbook named .csv, and a CSV named .xls, by
// what they hold.
func TestXLSXByContent(t *testing.T) {
	tc := xlsxCases[0]
	checkRead(t, writeTemp(t, "export.csv", mustRead(t, fixture("excelize.xlsx"))), tc)
	csvCase := csvCases[0]
	checkRead(t, writeTemp(t, "export.xls", mustRead(t, fixture("utf8.csv"))), csvCase)
}

// TestXLSXTrailingStyledRows checks that a million styled empty rows give
// no row and no error, however long they take.
func TestXLSXTrailingStyledRows(t *testing.T) {
	path := trailingRowsWorkbook(t, 200_000)
	start := time.Now()
	_, got := readAll(t, path, Options{})
	want := []result{row(2, "Maria", "Schmidt"), row(3, "John", "Carter")}
	if !sameResults(got, want) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
	t.Logf("read with 200k styled empty rows and XFD1048576 in %v", time.Since(start))
}

// trailingRowsWorkbook writes two patients, then styled empty rows down to
// row emptyRows+3, then a styled cell at XFD1048576, as LibreOffice does.
func trailingRowsWorkbook(t testing.TB, emptyRows int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(xmlHead +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<dimension ref="A1:XFD1048576"/><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>first_name</t></is></c>` +
		`<c r="B1" t="inlineStr"><is><t>last_name</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Maria</t></is></c>` +
		`<c r="B2" t="inlineStr"><is><t>Schmidt</t></is></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>John</t></is></c>` +
		`<c r="B3" t="inlineStr"><is><t>Carter</t></is></c><c r="C3" s="1"/></row>`)
	for r := 4; r < emptyRows+4; r++ {
		b.WriteString(`<row r="` + strconv.Itoa(r) + `" s="1" customFormat="1" ht="12.8"/>`)
	}
	b.WriteString(`<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData></worksheet>`)
	parts := handmadeParts(t)
	parts["xl/worksheets/sheet2.xml"] = b.String()
	return writeTemp(t, "trailing.xlsx", zipFiles(t, parts))
}

// TestXLSXFreshCells checks that rows do not share their cells.
func TestXLSXFreshCells(t *testing.T) {
	r, err := Open(fixture("excelize.xlsx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	first, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	keep := append([]string(nil), first.Cells...)
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	for i := range keep {
		if first.Cells[i] != keep[i] {
			t.Errorf("cell %d changed from %q to %q after the next row", i, keep[i], first.Cells[i])
		}
	}
}

func TestXLSXDuplicateHeader(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Vorname", "Nachname", "Telefon", " TELEFON"})
	path := writeTemp(t, "dup.xlsx", nil)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, Options{})
	want := `dup.xlsx, sheet "Sheet1", row 2: duplicate header: ` +
		`columns C (3) and D (4) are both named "TELEFON"; rename one`
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Open error = %v, want one ending %q", err, want)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRealEncryptedWorkbook saves a workbook with a password, as Excel
// does, and expects the advice to remove it.
func TestRealEncryptedWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"first_name", "last_name"})
	path := writeTemp(t, "secret.xlsx", nil)
	if err := f.SaveAs(path, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, Options{})
	want := "secret.xlsx: unsupported file: a password-protected (encrypted) workbook; " +
		"open it with its password, remove the password and save it as XLSX or CSV"
	if err == nil || !errors.Is(err, ErrUnsupported) || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Open error = %v, want one ending %q", err, want)
	}
}
