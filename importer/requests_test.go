package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"aniva-import/importer/sandbox"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// These tests hold each way clinics export a patient list to the exact
// request body every row yields, by running the real pipeline against the
// sandbox and reading back what it received. CSV fixtures come from
// importer/sheet/testdata where they carry the required patient fields, and
// from importer/testdata otherwise; workbooks are built here, except the
// hand-made one of the sheet package.

// acme is the group every row is sent to (Config.Map.Group).
const acme = `"profile_group_slug":"acme-clinic-berlin"`

// rowWant is one input row's expected outcome: the exact body sent, or,
// for a row that is not sent, its status and error in the results sheet.
type rowWant struct {
	line   int // source_row
	body   string
	status string
	err    string
}

func sent(line int, body string) rowWant { return rowWant{line: line, body: body} }

func invalid(line int, err string) rowWant {
	return rowWant{line: line, status: "invalid", err: err}
}

// bodyCase is one input file and what each of its rows must yield.
type bodyCase struct {
	name  string
	input func(t *testing.T) string
	sheet sheet.Options
	spec  string // a mapping file; "" maps automatically
	rows  []rowWant
}

// sheetFixture is a fixture of the sheet package; ownFixture one of ours.
// Each test gets a copy in a folder of its own: a run names its journal
// beside its input, and tests run side by side.
func sheetFixture(name string) func(*testing.T) string {
	return func(t *testing.T) string { return copyFixture(t, filepath.Join("sheet", "testdata", name)) }
}

func ownFixture(name string) func(*testing.T) string {
	return func(t *testing.T) string { return copyFixture(t, filepath.Join("testdata", name)) }
}

func copyFixture(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

var csvBodyCases = []bodyCase{
	{
		name: "utf8 comma LF", input: sheetFixture("utf8.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`,"email":"maria.schmidt@example.com"}`),
			sent(3, `{"first_name":"John","last_name":"Carter","sex":1,`+
				`"date_of_birth":"1979-11-02",`+acme+`,"email":"john.carter@example.com"}`),
		},
	},
	{
		name: "utf8 BOM semicolon CRLF", input: sheetFixture("utf8_bom_semicolon_crlf.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Jürgen","last_name":"Müller","sex":1,`+
				`"date_of_birth":"1985-03-22",`+acme+`,"phone":"+49301234567"}`),
			sent(3, `{"first_name":"Anna","last_name":"Weiß","sex":2,`+
				`"date_of_birth":"1990-12-01",`+acme+`,"phone":"+491712345678"}`),
		},
	},
	{
		name: "utf16le BOM tab CRLF", input: ownFixture("utf16le_tab.txt"),
		rows: []rowWant{
			sent(2, `{"first_name":"Åsa","last_name":"Lindqvist","sex":2,`+
				`"date_of_birth":"1992-07-01",`+acme+`,"phone":"+49301234567"}`),
			sent(3, `{"first_name":"Jörg","last_name":"Keßler","sex":1,`+
				`"date_of_birth":"1948-01-15",`+acme+`,"phone":"+491712345678"}`),
		},
	},
	{
		name: "utf16be BOM tab LF", input: ownFixture("utf16be_tab.txt"),
		rows: []rowWant{
			sent(2, `{"first_name":"Zoë","last_name":"Adams","sex":2,`+
				`"date_of_birth":"1990-12-01",`+acme+`,"email":"zoe.adams@example.com"}`),
			sent(3, `{"first_name":"Noël","last_name":"Dupré","sex":1,`+
				`"date_of_birth":"1962-07-04",`+acme+`}`),
		},
	},
	{
		name: "windows-1252 semicolon CRLF", input: ownFixture("windows1252.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Jürgen","last_name":"Müller","sex":1,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
			sent(3, `{"first_name":"Renée","last_name":"Weiß","sex":2,`+
				`"date_of_birth":"1962-07-04",`+acme+`}`),
		},
	},
	{
		name: "utf8 with one windows-1252 row", input: ownFixture("utf8_stray_1252.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Zoë","last_name":"Adams","sex":2,`+
				`"date_of_birth":"1990-12-01",`+acme+`}`),
			sent(3, `{"first_name":"Jürgen","last_name":"Müller","sex":1,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
		},
	},
	{
		// The same, with the Windows-1252 row after the first 64 KiB.
		name: "utf8 with a windows-1252 row after 64 KiB", input: lateWindows1252,
		rows: []rowWant{
			sent(2, `{"first_name":"Zoë","last_name":"Adams","sex":2,`+
				`"date_of_birth":"1990-12-01",`+acme+`}`),
			sent(3, `{"first_name":"Jürgen","last_name":"Müller","sex":1,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
		},
	},
	{
		name: "tab LF decimal comma", input: ownFixture("tab.tsv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`,"weight":65.5}`),
			sent(3, `{"first_name":"John","last_name":"Carter","sex":1,`+
				`"date_of_birth":"1979-11-02",`+acme+`,"weight":82}`),
		},
	},
	{
		name: "pipe", input: ownFixture("pipe.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Aino","last_name":"Virtanen","sex":2,`+
				`"date_of_birth":"1988-05-12",`+acme+`,"height":168.5}`),
			sent(3, `{"first_name":"Kalle","last_name":"Mäki","sex":1,`+
				`"date_of_birth":"1975-08-30",`+acme+`,"height":181}`),
		},
	},
	{
		name: "sep= line", input: ownFixture("sep_line.csv"),
		rows: []rowWant{
			sent(3, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
			sent(4, `{"first_name":"John","last_name":"Carter","sex":1,`+
				`"date_of_birth":"1979-11-02",`+acme+`}`),
		},
	},
	{
		// Delimiters, doubled quotes and a line break inside quotes, and a
		// stray quote, all in a column between mapped ones.
		name: "quoting", input: ownFixture("quoting.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
			sent(3, `{"first_name":"John","last_name":"Carter","sex":1,`+
				`"date_of_birth":"1979-11-02",`+acme+`}`),
			sent(4, `{"first_name":"Aino","last_name":"Virtanen","sex":2,`+
				`"date_of_birth":"1988-05-12",`+acme+`}`),
			sent(6, `{"first_name":"Kalle","last_name":"Mäki","sex":1,`+
				`"date_of_birth":"1975-08-30",`+acme+`}`),
			sent(7, `{"first_name":"Anna","last_name":"Weber","sex":2,`+
				`"date_of_birth":"1990-12-01",`+acme+`}`),
		},
	},
	{
		name: "lone CR", input: ownFixture("cr_only.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
			sent(4, `{"first_name":"John","last_name":"Carter","sex":1,`+
				`"date_of_birth":"1979-11-02",`+acme+`}`),
		},
	},
	{
		// Two title lines and a row of delimiters above the header, rows of
		// delimiters and a blank line between the data, trailing empty
		// columns.
		name: "title above header", input: sheetFixture("title_above.csv"),
		rows: []rowWant{
			sent(5, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
			sent(8, `{"first_name":"Jürgen","last_name":"Müller","sex":1,`+
				`"date_of_birth":"1970-01-01",`+acme+`}`),
		},
	},
	{
		// Surrounding spaces, NBSP, zero-width spaces and a BOM glued to
		// the first name.
		name: "header junk", input: sheetFixture("header_junk.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`}`),
		},
	},
	{
		name: "ragged rows", input: ownFixture("ragged.csv"),
		rows: []rowWant{
			sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
				`"date_of_birth":"1985-03-22",`+acme+`,"email":"maria.schmidt@example.com"}`),
			sent(3, `{"first_name":"Anna","last_name":"Weber","sex":2,`+
				`"date_of_birth":"1990-12-01",`+acme+`}`),
			invalid(4, `date_of_birth (column "date_of_birth"): must not be empty`),
			sent(5, `{"first_name":"Aino","last_name":"Virtanen","sex":2,`+
				`"date_of_birth":"1988-05-12",`+acme+`}`),
			invalid(6, "the row has 1 more cell than the header has columns"),
		},
	},
}

func TestRequestBodiesCSV(t *testing.T) { runBodyCases(t, csvBodyCases) }

// lateWindows1252 writes a UTF-8 file whose long first row pushes a row
// in Windows-1252 past the part of the file the encoding is sniffed from.
func lateWindows1252(t *testing.T) string {
	text := "first_name,last_name,sex,date_of_birth,note\n" +
		"Zoë,Adams,f,1990-12-01," + strings.Repeat("x", 70_000) + "\n" +
		"J\xfcrgen,M\xfcller,m,1985-03-22,\n"
	path := filepath.Join(t.TempDir(), "late1252.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRequestBodiesXLSX(t *testing.T) {
	cases := []bodyCase{
		{
			// Date cells under dd.mm.yyyy, m/d/yy, a German long date,
			// m/d/yy h:mm with a time and d-mmm-yy, and a date typed as
			// text; phones stored as numbers (one shown as 4.93E+12, one
			// that lost its 0, a US one that lost its +) and as text with
			// a leading 0; heights stored as 168 and 168.0 and typed as
			// 1,68e2; shared strings; styled empty rows at the end.
			// (excelize cannot write a formula with a cached number: the
			// hand-made workbook below has those.)
			name: "1900 dates, numbers, phones", input: workbook1900,
			rows: []rowWant{
				sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
					`"date_of_birth":"1985-03-22",`+acme+
					`,"phone":"+4930123456789","height":168,"weight":65.5}`),
				sent(3, `{"first_name":"John","last_name":"Carter","sex":1,`+
					`"date_of_birth":"1979-11-02",`+acme+
					`,"phone":"+49301234567","height":168,"weight":82}`),
				sent(4, `{"first_name":"Anna","last_name":"Weber","sex":2,`+
					`"date_of_birth":"1990-12-01",`+acme+
					`,"phone":"+491711234567","height":168}`),
				sent(5, `{"first_name":"Jörg","last_name":"Keßler","sex":1,`+
					`"date_of_birth":"1948-01-15",`+acme+
					`,"phone":"+491712345678","height":181}`),
				sent(6, `{"first_name":"Kalle","last_name":"Mäki","sex":1,`+
					`"date_of_birth":"1975-08-30",`+acme+`}`),
				sent(7, `{"first_name":"Ines","last_name":"Roth","sex":2,`+
					`"date_of_birth":"2001-02-28",`+acme+`,"phone":"+12025550143"}`),
				invalid(8, `sex (column "Geschlecht"): `+
					`the API accepts only 1 (male) and 2 (female)`),
			},
		},
		{
			name: "1904 dates", input: workbook1904,
			rows: []rowWant{
				sent(2, `{"first_name":"Maria","last_name":"Schmidt","sex":2,`+
					`"date_of_birth":"1985-03-22",`+acme+`}`),
				sent(3, `{"first_name":"John","last_name":"Carter","sex":1,`+
					`"date_of_birth":"1979-11-02",`+acme+`}`),
				sent(4, `{"first_name":"Anna","last_name":"Weber","sex":2,`+
					`"date_of_birth":"1990-12-01",`+acme+`}`),
			},
		},
		{
			name: "hidden first sheet skipped", input: workbookSheets,
			rows: []rowWant{
				sent(2, `{"first_name":"Paula","last_name":"Neumann","sex":2,`+
					`"date_of_birth":"1991-09-14",`+acme+`}`),
			},
		},
		{
			name: "--sheet names the hidden sheet", input: workbookSheets,
			sheet: sheet.Options{Sheet: "archiv"},
			rows: []rowWant{
				sent(2, `{"first_name":"Otto","last_name":"Albrecht","sex":1,`+
					`"date_of_birth":"1950-05-05",`+acme+`}`),
			},
		},
		{
			// Hidden first sheet, 1904 dates, a title row, shared, inline
			// and rich strings, formulas with cached values, a stale
			// dimension and styled empty rows down to XFD1048576. It has
			// no sex column: the mapping file gives one.
			name: "hand-made workbook", input: sheetFixture("handmade.xlsx"),
			spec: "first_name: Vorname\nlast_name: Nachname\nsex: {value: 2}\n" +
				"date_of_birth: Geburtsdatum\nheight: Größe\nphone: Telefon\n",
			rows: []rowWant{
				sent(3, `{"first_name":"Aino","last_name":"Virtanen","sex":2,`+
					`"date_of_birth":"1988-05-12",`+acme+
					`,"phone":"+358401234567","height":172}`),
				invalid(5, `the row has 1 more cell than the header has columns; phone `+
					`(column "Telefon"): has too few digits for a phone number; height (column `+
					`"Größe"): must be a number such as 168 or 1,68 m`),
			},
		},
	}
	runBodyCases(t, cases)
}

// runBodyCases imports each case's file into its own sandbox and checks
// every row of the results sheet against the case, and every created row's
// body, byte for byte, against the one wanted.
func runBodyCases(t *testing.T, cases []bodyCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := tc.input(t)
			sb, client := startSandbox(t, sandbox.DefaultOptions())
			cfg := Config{Input: in, Client: client, Concurrency: 1, Sheet: tc.sheet,
				Out: filepath.Join(t.TempDir(), "results"+filepath.Ext(in)),
				Map: mapping.Options{PhoneRegion: "DE", Group: "acme-clinic-berlin"}}
			if tc.spec != "" {
				spec, err := mapping.ParseSpec([]byte(tc.spec), "case.yaml")
				if err != nil {
					t.Fatal(err)
				}
				cfg.Spec = spec
			}
			sum, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			checkRows(t, tc.rows, readAnyResults(t, sum.Out), sb)
		})
	}
}

func checkRows(t *testing.T, want []rowWant, got []map[string]string, sb *sandbox.Server) {
	t.Helper()
	bodies := map[string]string{}
	for _, e := range sb.Ledger() {
		bodies[e.ID] = string(e.Body)
	}
	if len(got) != len(want) {
		t.Errorf("results have %d rows, want %d", len(got), len(want))
	}
	created := 0
	for i := range min(len(got), len(want)) {
		w, r := want[i], got[i]
		if r["import_status"] == "created" {
			created++
		}
		if r["source_row"] != strconv.Itoa(w.line) {
			t.Errorf("result %d: source_row %q, want %d", i+1, r["source_row"], w.line)
		}
		if msg := mismatch(w, r, bodies); msg != "" {
			t.Errorf("line %d:%s", w.line, msg)
		}
	}
	if n := sb.Requests(); len(bodies) != created || n != created {
		t.Errorf("sandbox saw %d requests and created %d profiles; results show %d created",
			n, len(bodies), created)
	}
}

// mismatch says how result row r differs from w, or returns "".
func mismatch(w rowWant, r map[string]string, bodies map[string]string) string {
	status, err := r["import_status"], r["import_error"]
	switch {
	case w.body == "" && (status != w.status || err != w.err):
		return fmt.Sprintf("\n got %s %q\nwant %s %q", status, err, w.status, w.err)
	case w.body == "":
		return ""
	case status != "created":
		return fmt.Sprintf("\n got %s %q\nwant created", status, err)
	case bodies[r["profile_id"]] != w.body:
		return fmt.Sprintf(" body\n got %s\nwant %s", bodies[r["profile_id"]], w.body)
	}
	return ""
}

// readAnyResults reads a results sheet in whatever format it was written
// (the input's), into maps keyed by column name.
func readAnyResults(t *testing.T, path string) []map[string]string {
	t.Helper()
	r, err := sheet.Open(path, sheet.Options{IsHeader: looksLikeHeader})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []map[string]string
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range r.Header() {
			if i < len(row.Cells) {
				m[h] = row.Cells[i]
			}
		}
		out = append(out, m)
	}
}

// TestUnreadableFilesSendNothing checks that a file of a kind that cannot
// be read stops the run before anything is sent, with one line saying so.
func TestUnreadableFilesSendNothing(t *testing.T) {
	for _, name := range []string{"old.xls", "html_table.xls", "binary.xlsb", "calc.ods",
		"list.numbers", "encrypted.xlsx", "truncated.xlsx", "not_zip.xlsx"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sb, client := startSandbox(t, sandbox.DefaultOptions())
			out := filepath.Join(t.TempDir(), "results.csv")
			_, err := Run(context.Background(), Config{Input: sheetFixture(name)(t),
				Out: out, Client: client, Map: mapping.Options{Group: "acme-clinic-berlin"}})
			var se *SetupError
			if !errors.As(err, &se) || !errors.Is(err, sheet.ErrUnsupported) ||
				strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line of a setup error wrapping ErrUnsupported", err)
			}
			if n := sb.Requests(); n != 0 {
				t.Errorf("sent %d requests, want 0", n)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("results sheet written: %v", err)
			}
		})
	}
}

// TestDuplicateHeaderSendsNothing checks that two columns with one name
// stop the run, naming both.
func TestDuplicateHeaderSendsNothing(t *testing.T) {
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	_, err := Run(context.Background(), Config{Input: sheetFixture("duplicate_header.csv")(t),
		Out: filepath.Join(t.TempDir(), "results.csv"), Client: client,
		Map: mapping.Options{Group: "acme-clinic-berlin"}})
	want := `duplicate header: columns A (1) and C (3) are both named "vorname"`
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want a setup error containing %q", err, want)
	}
	if n := sb.Requests(); n != 0 {
		t.Errorf("sent %d requests, want 0", n)
	}
}

// newWorkbook starts a workbook whose first sheet is named name.
func newWorkbook(t *testing.T, name string) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { _ = f.Close() })
	if err := f.SetSheetName("Sheet1", name); err != nil {
		t.Fatal(err)
	}
	return f
}

// xlsxWriter sets rows and styles, failing the test on the first error.
type xlsxWriter struct {
	t *testing.T
	f *excelize.File
}

func (w xlsxWriter) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

// rows writes rows from A1 down on sheet sh.
func (w xlsxWriter) rows(sh string, rows ...[]any) {
	w.t.Helper()
	for i, row := range rows {
		w.must(w.f.SetSheetRow(sh, "A"+strconv.Itoa(i+1), &row))
	}
}

// format gives cells a built-in number format id, or a custom code.
func (w xlsxWriter) format(sh string, id int, code string, cells ...string) {
	w.t.Helper()
	st := &excelize.Style{NumFmt: id}
	if code != "" {
		st = &excelize.Style{CustomNumFmt: &code}
	}
	s, err := w.f.NewStyle(st)
	w.must(err)
	for _, c := range cells {
		w.must(w.f.SetCellStyle(sh, c, c, s))
	}
}

func (w xlsxWriter) save(name string) string {
	w.t.Helper()
	path := filepath.Join(w.t.TempDir(), name)
	w.must(w.f.SaveAs(path))
	return path
}

func workbook1900(t *testing.T) string {
	const sh = "Patienten"
	w := xlsxWriter{t, newWorkbook(t, sh)}
	w.rows(sh,
		[]any{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "Telefon", "Größe", "Gewicht"},
		[]any{"Maria", "Schmidt", "w", 31128, 4930123456789, 168, 65.5},
		[]any{"John", "Carter", "m", 29161, "030 1234567", 168.0, 82},
		[]any{"Anna", "Weber", 2, 33208, 1711234567, "1,68e2"},
		[]any{"Jörg", "Keßler", 1, 17547.75, "0171 2345678", 181},
		[]any{"Kalle", "Mäki", "m", "30.08.1975"},
		[]any{"Ines", "Roth", "f", 36950, 12025550143},
		[]any{"Lena", "Vogel", "divers", 33208},
	)
	w.format(sh, 0, "dd.mm.yyyy", "D2")
	w.format(sh, 14, "", "D3")
	w.format(sh, 0, "[$-407]d. mmmm yyyy;@", "D4")
	w.format(sh, 22, "", "D5")
	w.format(sh, 15, "", "D7", "D8")
	w.format(sh, 11, "", "E2")
	w.format(sh, 49, "", "E3", "E5")
	// Styled empty rows below the data, as LibreOffice leaves them.
	s, err := w.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern",
		Pattern: 1, Color: []string{"FFFF00"}}})
	w.must(err)
	w.must(w.f.SetRowStyle(sh, 9, 400, s))
	return w.save("dates1900.xlsx")
}

func workbook1904(t *testing.T) string {
	const sh = "Sheet1"
	w := xlsxWriter{t, newWorkbook(t, sh)}
	yes := true
	w.must(w.f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	w.rows(sh,
		[]any{"first_name", "last_name", "sex", "date_of_birth"},
		[]any{"Maria", "Schmidt", "f", 29666},
		[]any{"John", "Carter", "m", 27699},
		[]any{"Anna", "Weber", "f", 31746},
	)
	w.format(sh, 0, "dd.mm.yyyy", "D2")
	w.format(sh, 14, "", "D3")
	w.format(sh, 0, "yyyy-mm-dd", "D4")
	return w.save("dates1904.xlsx")
}

// workbookSheets has a hidden first sheet and a visible second one, each
// with its own patient.
func workbookSheets(t *testing.T) string {
	w := xlsxWriter{t, newWorkbook(t, "Archiv")}
	header := []any{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum"}
	w.rows("Archiv", header, []any{"Otto", "Albrecht", "m", 18388})
	i, err := w.f.NewSheet("Aktuell")
	w.must(err)
	w.rows("Aktuell", header, []any{"Paula", "Neumann", "w", 33495})
	w.format("Archiv", 14, "", "D2")
	w.format("Aktuell", 14, "", "D2")
	w.f.SetActiveSheet(i)
	w.must(w.f.SetSheetVisible("Archiv", false))
	return w.save("sheets.xlsx")
}
