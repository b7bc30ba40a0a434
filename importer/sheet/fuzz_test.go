package sheet

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSV reads arbitrary bytes as a CSV file: Open may refuse them, but
// nothing may panic or loop, rows come in line order and every cell is
// valid UTF-8.
func FuzzCSV(f *testing.F) {
	for name, text := range csvFixtures {
		if strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".tsv") {
			f.Add([]byte(text))
		}
	}
	for _, name := range []string{"utf16le_tab.txt", "utf16be.csv", "windows1252.csv"} {
		if b, err := os.ReadFile(fixture(name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a;b;c\r\"x\r\ny\";2;3\r\"open;4;5\r6;7;8"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkNoTrouble(t, writeTemp(t, "fuzz.csv", data), len(data)+2)
	})
}

// FuzzXLSX reads arbitrary bytes as a workbook when they start like a zip
// archive, and otherwise as the XML of the visible sheet of an otherwise
// sound workbook, which reaches much deeper.
func FuzzXLSX(f *testing.F) {
	for _, name := range []string{"excelize.xlsx", "handmade.xlsx", "truncated.xlsx"} {
		if b, err := os.ReadFile(fixture(name)); err == nil {
			f.Add(b)
		}
	}
	handmade := handmadeParts(f)
	f.Add([]byte(handmade["xl/worksheets/sheet2.xml"]))
	f.Add([]byte(handmade["xl/worksheets/sheet1.xml"]))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			parts := maps.Clone(handmade)
			parts["xl/worksheets/sheet2.xml"] = string(data)
			data = zipFiles(t, parts)
		}
		checkNoTrouble(t, writeTemp(t, "fuzz.xlsx", data), 1<<20)
	})
}

// checkNoTrouble opens and reads a file, failing when reading does not end
// within maxRows calls of Next or when rows break the Reader's promises.
func checkNoTrouble(t *testing.T, path string, maxRows int) {
	r, err := Open(path, Options{})
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Open error has several lines: %q", err)
		}
		return
	}
	defer func() { _ = r.Close() }()
	for _, h := range r.Header() {
		if !utf8.ValidString(h) {
			t.Errorf("header %q is not UTF-8", h)
		}
	}
	last := 0
	for calls := 0; ; calls++ {
		if calls > maxRows {
			t.Fatalf("more than %d calls of Next", maxRows)
		}
		row, err := r.Next()
		if err == io.EOF {
			return
		}
		var rowErr *RowError
		if err != nil && !errors.As(err, &rowErr) {
			if _, again := r.Next(); again == nil {
				t.Errorf("Next gave a row after the final error %v", err)
			}
			return
		}
		if row.Line <= last {
			t.Errorf("row line %d after line %d", row.Line, last)
		}
		last = row.Line
		for _, c := range row.Cells {
			if !utf8.ValidString(c) {
				t.Errorf("line %d: cell %q is not UTF-8", row.Line, c)
			}
		}
	}
}
