package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aniva-import/importer/sheet"
)

func TestCSVRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		format  sheet.Format
		opts    Options
		wantEnc string
	}{
		{"utf-8 comma", sheet.Format{Kind: sheet.CSV, Encoding: "utf-8"}, Options{}, "utf-8"},
		{"no encoding given", sheet.Format{Kind: sheet.CSV}, Options{}, "utf-8"},
		{"utf-8-bom semicolon",
			sheet.Format{Kind: sheet.CSV, Encoding: "utf-8-bom", Delimiter: ';'},
			Options{}, "utf-8-bom"},
		{"utf-16le tab",
			sheet.Format{Kind: sheet.CSV, Encoding: "utf-16le", Delimiter: '\t'},
			Options{}, "utf-16le"},
		{"utf-16be", sheet.Format{Kind: sheet.CSV, Encoding: "UTF-16BE"}, Options{}, "utf-16be"},
		{"windows-1252 semicolon",
			sheet.Format{Kind: sheet.CSV, Encoding: "windows-1252", Delimiter: ';'},
			Options{}, "windows-1252"},
		{"BOM asked for",
			sheet.Format{Kind: sheet.CSV, Encoding: "windows-1252", Delimiter: ';'},
			Options{BOM: true}, "utf-8-bom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "people.results.csv")
			w := writeSheet(t, path, tt.format, tt.opts, testRecords(), Summary{})
			if notes := w.Notes(); len(notes) != 0 {
				t.Errorf("Notes() = %q, want none", notes)
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			comma := tt.format.Delimiter
			if comma == 0 {
				comma = ','
			}
			text := decodeCSV(t, raw, tt.wantEnc)
			got := parseCSV(t, text, comma)
			compareRows(t, got, wantRows(testRecords(), testHeader))
			for _, esc := range []string{"'=1+1", "'+4930123456", "'-12", "'@x",
				"''=already quoted", "'=cmd", "'+ write", "'\tTab", "'\rcr"} {
				if !strings.Contains(text, esc) {
					t.Errorf("file lacks escaped cell %q", esc)
				}
			}
		})
	}
}

func TestCSVWindows1252FallsBackToUTF8(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.results.csv")
	recs := testRecords()
	// An API message may carry characters windows-1252 lacks.
	recs[2].Error = "last_name: Łódź → not latin"
	f := sheet.Format{Kind: sheet.CSV, Encoding: "windows-1252", Delimiter: ';'}
	w := writeSheet(t, path, f, Options{}, recs, Summary{})

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := parseCSV(t, decodeCSV(t, raw, "utf-8-bom"), ';')
	compareRows(t, got, wantRows(recs, testHeader))
	notes := w.Notes()
	want := `results written as UTF-8 with BOM, not windows-1252: source row 4, ` +
		`column "import_error" holds a character windows-1252 cannot represent`
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("Notes() = %q, want [%q]", notes, want)
	}
	if extra := leftovers(t, filepath.Dir(path), path); len(extra) != 0 {
		t.Errorf("files left behind: %q", extra)
	}
}

func TestCSVSepLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.results.csv")
	f := sheet.Format{Kind: sheet.CSV, Encoding: "utf-8", Delimiter: ';', SepLine: true}
	recs := testRecords()[:1]
	writeSheet(t, path, f, Options{}, recs, Summary{})
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first, rest, _ := strings.Cut(string(raw), "\n")
	if first != "sep=;" {
		t.Errorf("first line = %q, want %q", first, "sep=;")
	}
	compareRows(t, parseCSV(t, rest, ';'), wantRows(recs, testHeader))
}

func TestCSVExtraCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.results.csv")
	recs := []Record{
		{Cells: []string{"Jonas", "Müller", "", "", "", "", "überzählig", ""},
			Status: StatusInvalid, SourceRow: 2},
		{Cells: []string{"Aino", "Äijälä", "", "", "", ""}, Status: StatusValid, SourceRow: 3},
	}
	w := writeSheet(t, path, sheet.Format{Kind: sheet.CSV}, Options{}, recs, Summary{})
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := wantRows(recs, testHeader)
	want[1] = append(want[1], "", "überzählig")
	compareRows(t, parseCSV(t, string(raw), ','), want)
	wantNote := "1 row has more cells than the header; the extra cells follow " +
		"the source_row column"
	if notes := w.Notes(); len(notes) != 1 || notes[0] != wantNote {
		t.Errorf("Notes() = %q, want [%q]", notes, wantNote)
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		header []string
		format sheet.Format
		opts   Options
		want   string
	}{
		{"unknown encoding", testHeader,
			sheet.Format{Kind: sheet.CSV, Encoding: "ebcdic"}, Options{},
			`unknown CSV encoding "ebcdic"`},
		{"quote as delimiter", testHeader,
			sheet.Format{Kind: sheet.CSV, Delimiter: '"'}, Options{},
			"invalid field or comment delimiter"},
		{"result column in header", []string{"Vorname", "import_status"},
			sheet.Format{Kind: sheet.CSV}, Options{},
			`header column 2 is "import_status", which results add themselves`},
		{"unknown kind", testHeader, sheet.Format{}, Options{}, "unknown sheet kind 0"},
		{"date column out of range", testHeader,
			sheet.Format{Kind: sheet.XLSX}, Options{DateColumns: []int{5}},
			"date column 6 is outside the header's 5 columns"},
		{"bad sheet name", testHeader,
			sheet.Format{Kind: sheet.XLSX, Sheet: "a/b"}, Options{},
			"prepare workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "out.results")
			w, err := Create(path, tt.header, tt.format, tt.opts)
			if err == nil {
				w.Abort()
				t.Fatalf("Create succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			if extra := leftovers(t, dir); len(extra) != 0 {
				t.Errorf("files left behind: %q", extra)
			}
		})
	}
}

func TestWriteUnknownStatus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.results.csv")
	w, err := Create(path, testHeader, sheet.Format{Kind: sheet.CSV}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	err = w.Write(Record{Status: "done", SourceRow: 2})
	want := `results row 1: unknown status "done"`
	if err == nil || err.Error() != want {
		t.Fatalf("Write error = %v, want %q", err, want)
	}
	// The mistake is not final: the row was not written.
	if err := w.Write(Record{Status: StatusValid, SourceRow: 2}); err != nil {
		t.Fatalf("Write after unknown status: %v", err)
	}
	if got := w.Counts(); len(got) != 1 || got[StatusValid] != 1 {
		t.Errorf("Counts() = %v, want map[valid:1]", got)
	}
}

// A file from a Windows program keeps its CR LF line ends, the sep= line's
// too; the cells read back as they were.
func TestCSVKeepsCRLF(t *testing.T) {
	for _, crlf := range []bool{false, true} {
		f := sheet.Format{Kind: sheet.CSV, Encoding: "utf-8", Delimiter: ';', SepLine: true, CRLF: crlf}
		path := filepath.Join(t.TempDir(), "people.results.csv")
		writeSheet(t, path, f, Options{}, testRecords(), Summary{})
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		breaks, pairs := strings.Count(text, "\n"), strings.Count(text, "\r\n")
		if crlf && (!strings.HasPrefix(text, "sep=;\r\n") || !strings.HasSuffix(text, "\r\n")) ||
			!crlf && pairs != 0 {
			t.Errorf("CRLF %v: %d line breaks, %d of them CR LF; starts %q", crlf, breaks, pairs,
				text[:min(len(text), 12)])
		}
		got := parseCSV(t, strings.TrimPrefix(strings.TrimPrefix(text, "sep=;\r\n"), "sep=;\n"), ';')
		compareRows(t, got, wantRows(testRecords(), testHeader))
	}
}
