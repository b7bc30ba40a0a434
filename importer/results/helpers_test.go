package results

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"aniva-import/importer/sheet"
)

// The people in these tests are invented.
var testHeader = []string{"Vorname", "Nachname", "Geburtsdatum", "Telefon", "Notiz"}

// testRecords covers formula-like values, phones, leading zeros, non-ASCII
// names, delimiters, quotes and line breaks inside cells.
func testRecords() []Record {
	return []Record{
		{Cells: []string{"Jonas", "Müller", "30845", "+4930123456", "=1+1"},
			Status: StatusCreated, ProfileID: "7d1c2a9e-0000-4000-8000-000000000001",
			GeneratedEmail: "jonas.m@generated.example", SourceRow: 2},
		{Cells: []string{"Aino", "Äijälä", "12.03.1990", "0171 2345678", "-12"},
			Status: StatusInvalid, Error: "sex: must be 1 or 2",
			Hint: "+ write m or f in the sex column", SourceRow: 3},
		{Cells: []string{"Freja", "Ørsted", "27425", "00123", "@x"},
			Status: StatusRejected, Error: "profile_group_slug: not found", SourceRow: 4},
		{Cells: []string{"Lea", "Brandt", "", "+49 (0)30 99", "\tTab"},
			Status: StatusFailed, Error: "=cmd|' /C calc'!A0", SourceRow: 5},
		{Cells: []string{"Mia", "O'Neil", "", "-", "'=already quoted"},
			Status: StatusUnknown, SourceRow: 6},
		{Cells: []string{"Ben", "Wolf;Komma,", "", "", "sagt \"hallo\"\nzweite Zeile"},
			Status: StatusPending, SourceRow: 7},
		{Cells: []string{"Eva", "Nyström"}, Status: StatusValid, SourceRow: 8},
		{Cells: []string{"Åsa", "Lind", "", "", "\rcr", "", ""},
			Status: StatusDuplicate, SourceRow: 9},
	}
}

// wantRows is how testRecords read back: header row first.
func wantRows(recs []Record, header []string) [][]string {
	rows := [][]string{append(append([]string(nil), header...), Columns()...)}
	for _, r := range recs {
		row := make([]string, len(header))
		copy(row, r.Cells)
		src := ""
		if r.SourceRow != 0 {
			src = strconv.Itoa(r.SourceRow)
		}
		row = append(row, r.Status, r.ProfileID, r.Error, r.Hint, r.GeneratedEmail, src)
		rows = append(rows, row)
	}
	return rows
}

// writeSheet writes recs to a new results file in dir and returns its path.
func writeSheet(t *testing.T, path string, f sheet.Format, opts Options, recs []Record,
	sum Summary) *Writer {
	t.Helper()
	w, err := Create(path, testHeader, f, opts)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	for i, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatalf("Write record %d: %v", i, err)
		}
	}
	if err := w.Close(sum); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return w
}

// decodeCSV turns a results file's bytes back into UTF-8 text, checking
// the byte order mark the encoding calls for.
func decodeCSV(t *testing.T, raw []byte, enc string) string {
	t.Helper()
	bom := boms[enc]
	if !bytes.HasPrefix(raw, bom) {
		t.Fatalf("file starts % x, want BOM % x for %s", raw[:min(4, len(raw))], bom, enc)
	}
	if enc == "utf-8" && bytes.HasPrefix(raw, boms["utf-8-bom"]) {
		t.Fatalf("utf-8 file starts with a BOM")
	}
	raw = raw[len(bom):]
	var out []byte
	var err error
	switch enc {
	case "utf-8", "utf-8-bom":
		out = raw
	case "utf-16le":
		out, err = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Bytes(raw)
	case "utf-16be":
		out, err = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(raw)
	case "windows-1252":
		out, err = charmap.Windows1252.NewDecoder().Bytes(raw)
	default:
		t.Fatalf("no decoder for %s", enc)
	}
	if err != nil {
		t.Fatalf("decode %s: %v", enc, err)
	}
	return string(out)
}

// parseCSV reads CSV text the way the tool reads a results sheet: every
// cell passed through Unescape.
func parseCSV(t *testing.T, text string, comma rune) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewBufferString(text))
	r.Comma = comma
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	for _, row := range rows {
		for i := range row {
			row[i] = Unescape(row[i])
		}
	}
	return rows
}

func compareRows(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
}

// leftovers lists the files in dir other than the given ones.
func leftovers(t testing.TB, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
next:
	for _, e := range entries {
		for _, k := range keep {
			if e.Name() == filepath.Base(k) {
				continue next
			}
		}
		extra = append(extra, e.Name())
	}
	return extra
}
