package testgen

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite the bundled samples in ../../samples")

const samplesDir = "../../samples"

// TestSamplesUpToDate checks that samples/ holds what WriteSamples writes;
// with -update it rewrites them.
func TestSamplesUpToDate(t *testing.T) {
	if *update {
		if err := WriteSamples(samplesDir); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := WriteSamples(dir); err != nil {
		t.Fatal(err)
	}
	for _, s := range Samples() {
		want, err := os.ReadFile(filepath.Join(dir, s.Name))
		if err != nil {
			t.Fatal(err)
		}
		stored := filepath.Join(samplesDir, s.Name)
		got, err := os.ReadFile(stored)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale (%v): run go test ./importer/testgen -run Samples -update",
				stored, err)
		}
	}
}

// sampleRow is a data row of a stored sample, with its cells in the order of
// Columns.
type sampleRow struct {
	line  int
	cells [NumColumns]string
}

// TestSamplesContent reads each stored sample, runs the checker over every
// row, and compares what it finds with the sample's list of bad rows.
func TestSamplesContent(t *testing.T) {
	for i, s := range Samples() {
		t.Run(s.Name, func(t *testing.T) {
			rows := readSample(t, sampleSources[i])
			if len(rows) != s.Rows || s.Rows < 30 || s.Rows > 60 {
				t.Errorf("%d rows, Rows says %d; want 30 to 60", len(rows), s.Rows)
			}
			if len(s.Bad) < 3 || len(s.Bad) > 6 {
				t.Errorf("%d bad rows, want 3 to 6", len(s.Bad))
			}
			want := map[int]Defect{}
			for _, b := range s.Bad {
				want[b.Line] = b.Defect
			}
			c := checker{region: s.Region, today: today}
			late, statuses := 0, 0
			for _, row := range rows {
				got := c.check(row.cells)
				if !equalDefects(got, defectList(want[row.line])) {
					t.Errorf("line %d %q: checker finds %v, want %v", row.line, row.cells, got,
						defectList(want[row.line]))
				}
				if d, _, _ := parseDate(row.cells[colDOB]); d.Day() > 12 {
					late++
				}
				if want[row.line].Status() != 0 {
					statuses++
				}
			}
			if late < 5 || statuses == 0 {
				t.Errorf("%d dates with a day past 12, %d API refusals; want 5+ and 1+",
					late, statuses)
			}
		})
	}
}

func readSample(t *testing.T, src sampleSource) []sampleRow {
	t.Helper()
	path := filepath.Join(samplesDir, src.name)
	if src.comma == 0 {
		return readSampleXLSX(t, path, src.fields)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if src.region == "DE" {
		checkGermanBytes(t, data)
		text, _ = charmap.Windows1252.NewDecoder().String(text)
	} else if !utf8.Valid(data) || bytes.Contains(data, []byte("\r")) ||
		bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("want UTF-8 without BOM and LF line ends")
	}
	wantHeader, lines, err := src.records()
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = src.comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], wantHeader) || len(recs)-1 != len(lines) {
		t.Fatalf("header %q and %d rows, want %q and %d", recs[0], len(recs)-1, wantHeader,
			len(lines))
	}
	return arrange(recs[1:], lines, src.fields)
}

// checkGermanBytes checks the Windows-1252 file: single-byte umlauts and ß,
// CRLF only, semicolons.
func checkGermanBytes(t *testing.T, data []byte) {
	t.Helper()
	if utf8.Valid(data) {
		t.Errorf("file is valid UTF-8, want Windows-1252")
	}
	for _, b := range []byte{0xfc, 0xf6, 0xdf, 0xe4} { // ü ö ß ä
		if !bytes.Contains(data, []byte{b}) {
			t.Errorf("no byte %#x in the file", b)
		}
	}
	if lf, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); lf != crlf {
		t.Errorf("%d line ends, %d of them CRLF; want all CRLF", lf, crlf)
	}
}

// arrange puts each record's cells in the order of Columns.
func arrange(recs [][]string, lines []int, fields []string) []sampleRow {
	rows := make([]sampleRow, len(recs))
	for i, rec := range recs {
		rows[i].line = lines[i]
		for c, f := range fields {
			if k := slices.Index(Columns[:], f); k >= 0 && c < len(rec) {
				rows[i].cells[k] = rec[c]
			}
		}
	}
	return rows
}

func readSampleXLSX(t *testing.T, path string, fields []string) []sampleRow {
	t.Helper()
	sheet, rows, date1904 := readXLSX(t, path)
	if sheet != "Potilaat" {
		t.Errorf("sheet %q, want Potilaat", sheet)
	}
	dates, numericPhones, textDates := 0, 0, 0
	var recs [][]string
	var lines []int
	for r, cells := range rows[1:] {
		rec := make([]string, len(fields))
		for c, cell := range cells {
			rec[c] = cellText(t, cell, date1904)
		}
		if c := cells[colDOB]; c.format == "d.m.yyyy" {
			dates++
		} else if c.typ == excelize.CellTypeSharedString {
			textDates++
		}
		if len(cells) > colPhone && isNumber(cells[colPhone]) {
			numericPhones++
		}
		recs, lines = append(recs, rec), append(lines, r+2)
	}
	if dates < 30 || textDates == 0 || numericPhones == 0 {
		t.Errorf("%d date cells, %d text dates, %d numeric phones; want 30+, 1+, 1+",
			dates, textDates, numericPhones)
	}
	return arrange(recs, lines, fields)
}

// TestSamplesReadme checks the table of bad rows in samples/README.md
// against Samples.
func TestSamplesReadme(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(samplesDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for line := range strings.Lines(string(data)) {
		cols := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cols) < 5 || !strings.Contains(cols[0], ".") {
			continue
		}
		for i := range cols {
			cols[i] = strings.Trim(strings.TrimSpace(cols[i]), "`")
		}
		got = append(got, strings.Join(cols[:5], " | "))
	}
	var want []string
	for _, s := range Samples() {
		for _, b := range s.Bad {
			outcome := "invalid: " + b.Defect.Field()
			if b.Defect.Status() != 0 {
				outcome = "rejected: " + strconv.Itoa(b.Defect.Status())
			}
			want = append(want, strings.Join([]string{s.Name, strconv.Itoa(b.Line), b.Column,
				b.Defect.String(), outcome}, " | "))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("README table rows:\n%s\nwant:\n%s", strings.Join(got, "\n"),
			strings.Join(want, "\n"))
	}
}
