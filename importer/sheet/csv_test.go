package sheet

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// result is what a Reader gave for one row: its cells, or the sentinel
// its error wraps.
type result struct {
	Line  int
	Cells []string
	Err   error
}

func (r result) String() string {
	if r.Err != nil {
		return fmt.Sprintf("line %d: error %v", r.Line, r.Err)
	}
	return fmt.Sprintf("line %d: %q", r.Line, r.Cells)
}

// readAll opens path and reads every row, stopping at the first error that
// is not a *RowError.
func readAll(t *testing.T, path string, opts Options) (Reader, []result) {
	t.Helper()
	r, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	var out []result
	for i := 0; ; i++ {
		if i > 100_000 {
			t.Fatal("Next never returned io.EOF")
		}
		row, err := r.Next()
		if err == io.EOF {
			return r, out
		}
		var rowErr *RowError
		if err != nil && !errors.As(err, &rowErr) {
			t.Fatalf("Next after %v: fatal %v", out, err)
		}
		if rowErr != nil {
			if rowErr.Line != row.Line {
				t.Errorf("RowError line %d, Row.Line %d", rowErr.Line, row.Line)
			}
			out = append(out, result{Line: row.Line, Err: errors.Unwrap(err), Cells: rowErr.Cells})
			continue
		}
		out = append(out, result{Line: row.Line, Cells: row.Cells})
	}
}

// sameResults compares rows; errors match when got wraps the wanted one.
func sameResults(got, want []result) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if want[i].Err != nil {
			if !errors.Is(got[i].Err, want[i].Err) || got[i].Line != want[i].Line ||
				want[i].Cells != nil && !slices.Equal(got[i].Cells, want[i].Cells) {
				return false
			}
			continue
		}
		if got[i].Err != nil || got[i].Line != want[i].Line ||
			!reflect.DeepEqual(got[i].Cells, want[i].Cells) {
			return false
		}
	}
	return true
}

type readCase struct {
	file       string
	opts       Options
	header     []string
	headerLine int
	format     Format
	rows       []result
}

func row(line int, cells ...string) result { return result{Line: line, Cells: cells} }

func csvFormat(delim rune, enc string) Format {
	return Format{Kind: CSV, Delimiter: delim, Encoding: enc}
}

// crlf is f for a file whose lines end with CR LF (or CR).
func crlf(f Format) Format {
	f.CRLF = true
	return f
}

var csvCases = []readCase{
	{
		file:       "utf8.csv",
		header:     []string{"first_name", "last_name", "sex", "date_of_birth", "email"},
		headerLine: 1, format: csvFormat(',', "utf-8"),
		rows: []result{
			row(2, "Maria", "Schmidt", "f", "1985-03-22", "maria.schmidt@example.com"),
			row(3, "John", "Carter", "m", "1979-11-02", "john.carter@example.com"),
		},
	},
	{
		file:       "utf8_bom_semicolon_crlf.csv",
		header:     []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "Telefon"},
		headerLine: 1, format: crlf(csvFormat(';', "utf-8-bom")),
		rows: []result{
			row(2, "Jürgen", "Müller", "männlich", "22.03.1985", "030 1234567"),
			row(3, "Anna", "Weiß", "weiblich", "01.12.1990", "0171 2345678"),
		},
	},
	{
		file:       "utf16le_tab.txt",
		header:     []string{"First name", "Last name", "Date of birth"},
		headerLine: 1, format: crlf(csvFormat('\t', "utf-16le")),
		rows: []result{
			row(2, "Aino", "Virtanen", "12.05.1988"),
			row(3, "Åsa", "Lindqvist", "01.07.1992"),
		},
	},
	{
		file:   "utf16be.csv",
		header: []string{"first_name", "last_name"}, headerLine: 1,
		format: csvFormat(',', "utf-16be"),
		rows:   []result{row(2, "John", "Carter"), row(3, "Zoë", "Adams")},
	},
	{
		file:   "windows1252.csv",
		header: []string{"Vorname", "Nachname", "Straße"}, headerLine: 1,
		format: crlf(csvFormat(';', "windows-1252")),
		rows: []result{
			row(2, "Jürgen", "Müller", "Hauptstraße 5"),
			row(3, "Renée", "Weiß", "Lindenallee 2"),
		},
	},
	{
		file:   "sep_line.csv",
		header: []string{"first_name", "last_name", "note"}, headerLine: 2,
		format: Format{Kind: CSV, Delimiter: ';', Encoding: "utf-8", SepLine: true, CRLF: true},
		rows: []result{
			row(3, "Maria", "Schmidt", "allergies: nuts, milk, eggs"),
			row(4, "John", "Carter", "a, b, c"),
		},
	},
	{
		file:   "pipe.csv",
		header: []string{"first_name", "last_name", "height"}, headerLine: 1,
		format: csvFormat('|', "utf-8"),
		rows:   []result{row(2, "Aino", "Virtanen", "168,5"), row(3, "Kalle", "Mäki", "181")},
	},
	{
		file:   "tab.tsv",
		header: []string{"first_name", "last_name", "weight"}, headerLine: 1,
		format: csvFormat('\t', "utf-8"),
		rows:   []result{row(2, "Maria", "Schmidt", "65"), row(3, "John", "Carter", "82,4")},
	},
	{
		file:   "quoting.csv",
		header: []string{"first_name", "last_name", "note", "city"}, headerLine: 1,
		format: csvFormat(',', "utf-8"),
		rows: []result{
			row(2, "Maria, Anna", "Schmidt", `She said "hello"`, "Berlin"),
			row(3, "John", "Carter", "line one\nline two", "Boston"),
			row(5, "Aino", `O"Brien`, `5" tall`, "Helsinki"),
			row(6, "Kalle", "Mäki", "", "Espoo"),
		},
	},
	{
		file:   "cr_only.csv",
		header: []string{"first_name", "last_name", "note"}, headerLine: 1,
		format: crlf(csvFormat(',', "utf-8")),
		rows: []result{
			row(2, "Maria", "Schmidt", "two\nlines"),
			row(4, "John", "Carter", "x"),
		},
	},
	{
		file:   "title_above.csv",
		header: []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum"}, headerLine: 4,
		format: csvFormat(';', "utf-8"),
		rows: []result{
			row(5, "Maria", "Schmidt", "w", "22.03.1985"),
			row(8, "Jürgen", "Müller", "m", "01.01.1970"),
		},
	},
	{
		file:   "header_junk.csv",
		header: []string{"first_name", "last name", "sex", "date_of_birth"}, headerLine: 1,
		format: csvFormat(',', "utf-8"),
		rows:   []result{row(2, "Maria", "Schmidt", "f", "1985-03-22")},
	},
	{
		file:   "ragged.csv",
		header: []string{"first_name", "last_name", "sex"}, headerLine: 1,
		format: csvFormat(',', "utf-8"),
		rows: []result{
			row(2, "Maria", "Schmidt"),
			row(3, "John", "Carter", "m", "extra"),
			row(4, "Aino", "Virtanen", "f"),
		},
	},
	{
		file:   "truncated_quote.csv",
		header: []string{"first_name", "last_name", "note"}, headerLine: 1,
		format: csvFormat(',', "utf-8"),
		rows: []result{
			row(2, "Maria", "Schmidt", "ok"),
			{Line: 3, Err: ErrUnterminatedQuote, Cells: []string{"John", "Carter", `"started but`}},
			row(4, "Aino", "Virtanen", "fine"),
			row(5, "Kalle", "Mäki", "ok"),
		},
	},
	{
		file:   "swallow.csv",
		header: []string{"first_name", "last_name", "city"}, headerLine: 1,
		format: csvFormat(',', "utf-8"),
		rows: []result{
			{Line: 2, Err: ErrUnterminatedQuote, Cells: []string{"Maria", `"Schmidt`, "Berlin"}},
			row(3, "John", "Carter", "Boston"),
			row(4, "Aino", "Virtanen", "Helsinki"),
		},
	},
	{
		file:   "one_column.csv",
		opts:   Options{Delimiter: ','},
		header: []string{"first_name"}, headerLine: 1,
		format: csvFormat(',', "utf-8"),
		rows:   []result{row(2, "Maria"), row(3, "John")},
	},
	{
		file: "title_above.csv",
		opts: Options{IsHeader: func(cells []string) bool {
			return len(cells) > 0 && cells[0] == "Maria"
		}},
		header: []string{"Maria", "Schmidt", "w", "22.03.1985"}, headerLine: 5,
		format: csvFormat(';', "utf-8"),
		rows:   []result{row(8, "Jürgen", "Müller", "m", "01.01.1970")},
	},
}

func TestReadCSV(t *testing.T) {
	for _, tc := range csvCases {
		t.Run(tc.file, func(t *testing.T) { checkRead(t, fixture(tc.file), tc) })
	}
}

// checkRead reads a file and compares everything with the case.
func checkRead(t *testing.T, path string, tc readCase) {
	t.Helper()
	r, got := readAll(t, path, tc.opts)
	if h := r.Header(); !reflect.DeepEqual(h, tc.header) {
		t.Errorf("Header() = %q, want %q", h, tc.header)
	}
	if l := r.HeaderLine(); l != tc.headerLine {
		t.Errorf("HeaderLine() = %d, want %d", l, tc.headerLine)
	}
	if f := r.Format(); f != tc.format {
		t.Errorf("Format() = %+v, want %+v", f, tc.format)
	}
	if !sameResults(got, tc.rows) {
		t.Errorf("rows:\n got %v\nwant %v", got, tc.rows)
	}
}

func TestOpenErrors(t *testing.T) {
	var none Options
	cases := []struct {
		file  string
		opts  Options
		is    error
		parts []string // the message must contain each
	}{
		{"old.xls", none, ErrUnsupported,
			[]string{"old.xls", "97-2003", "save it as XLSX or CSV"}},
		{"encrypted.xlsx", none, ErrUnsupported,
			[]string{"encrypted.xlsx", "password-protected"}},
		{"binary.xlsb", Options{}, ErrUnsupported, []string{"binary.xlsb", ".xlsb", "XLSX or CSV"}},
		{"calc.ods", none, ErrUnsupported,
			[]string{"calc.ods", "OpenDocument", "XLSX or CSV"}},
		{"list.numbers", none, ErrUnsupported,
			[]string{"list.numbers", "Numbers", "Excel or CSV"}},
		{"truncated.xlsx", none, ErrUnsupported,
			[]string{"truncated.xlsx", "truncated", "XLSX or CSV"}},
		{"not_zip.xlsx", none, ErrUnsupported,
			[]string{"not_zip.xlsx", "not a zip", "rename it to .csv"}},
		{"html_table.xls", Options{}, ErrUnsupported, []string{"html_table.xls", "HTML"}},
		{"binary.csv", Options{}, ErrUnsupported, []string{"binary.csv", "binary"}},
		{"one_column.csv", Options{}, ErrUndecidable, []string{"one_column.csv", "--delimiter"}},
		{"duplicate_header.csv", Options{}, ErrDuplicateHeader,
			[]string{"duplicate_header.csv line 1", "A (1)", "C (3)", `"vorname"`}},
		{"utf8.csv", Options{Encoding: "ebcdic"}, nil, []string{"utf8.csv", "--encoding"}},
		{"utf8.csv", Options{Delimiter: '"'}, nil, []string{"utf8.csv", "--delimiter"}},
		{"handmade.xlsx", Options{Sheet: "Gone"}, nil,
			[]string{"handmade.xlsx", `"Gone"`, `"Hinweise" and "Patienten"`, "--sheet"}},
		{"missing.csv", Options{}, nil, []string{"missing.csv"}},
		{"empty.csv", Options{}, ErrNoHeader, []string{"empty.csv", "empty"}},
		{"blank.csv", Options{}, ErrNoHeader, []string{"blank.csv", "no rows"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := Open(fixture(tc.file), tc.opts)
			if err == nil {
				_ = r.Close()
				t.Fatal("Open gave no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %v", err, tc.is)
			}
			msg := err.Error()
			for _, p := range tc.parts {
				if !strings.Contains(msg, p) {
					t.Errorf("error %q lacks %q", msg, p)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error %q is not one line", msg)
			}
		})
	}
}
