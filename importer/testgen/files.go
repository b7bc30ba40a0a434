package testgen

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// FloorCSV reads a CSV file with plain encoding/csv, reusing one record,
// and returns its data rows: the floor that reading and validating are
// measured against.
func FloorCSV(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 64<<10))
	cr.ReuseRecord, cr.LazyQuotes, cr.FieldsPerRecord = true, true, -1
	n := 0
	for {
		_, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return n - 1, nil
		}
		if err != nil {
			return 0, err
		}
		n++
	}
}

// FloorXLSX reads the first visible sheet with excelize's own row iterator
// and raw cell values, and returns its data rows: the XLSX floor.
func FloorXLSX(path string) (int, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for _, s := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(s); visible {
			sheet = s
			break
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return 0, err
		}
		if len(cells) > 0 {
			n++
		}
	}
	return n - 1, rows.Close()
}

// WriteFile writes an invented list to path: XLSX when path ends in
// ".xlsx", else CSV.
func WriteFile(path string, opts Options) error {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return WriteXLSX(path, opts)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(Write(f, opts), f.Close())
}

// Letters spells n in lowercase letters (0 is "a", 26 is "ba"), so that
// invented names can be told apart and still pass as names.
func Letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}
