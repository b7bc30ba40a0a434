package testgen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// Sample describes one of the patient lists bundled in samples/.
type Sample struct {
	// Name is the file's name in samples/.
	Name string
	// Region is the phone region its national numbers need.
	Region string
	// Rows is the number of data rows.
	Rows int
	// Bad lists the rows that must not become profiles, in file order.
	// Every other row is valid and accepted by the sandbox.
	Bad []BadRow
}

// BadRow is a sample row that fails validation or that the API refuses.
type BadRow struct {
	// Line is the row's CSV line (where its record starts) or XLSX row
	// number; the header is on line 1.
	Line int
	// Column is the header of the offending column.
	Column string
	// Defect is what is wrong with the row.
	Defect Defect
}

// sampleSource is a sample's content and how to write it.
type sampleSource struct {
	name, region string
	text         string
	comma        rune // 0 for the XLSX table
	fields       []string
	bad          map[int]Defect
}

var sampleSources = []sampleSource{
	{name: "praxis-berlin.csv", region: "DE", text: berlinCSV, comma: ';',
		fields: slices.Concat([]string{""}, Columns[:]), bad: berlinBad},
	{name: "terveys-helsinki.xlsx", region: "FI", text: helsinkiTable,
		fields: Columns[:], bad: helsinkiBad},
	{name: "clinic-leeds.csv", region: "GB", text: leedsCSV, comma: ',',
		fields: slices.Concat(Columns[:], []string{""}), bad: leedsBad},
}

// Samples describes the bundled samples.
func Samples() []Sample {
	out := make([]Sample, 0, len(sampleSources))
	for _, src := range sampleSources {
		header, lines, err := src.records()
		if err != nil {
			panic(fmt.Sprintf("testgen: sample %s: %v", src.name, err)) // a broken table
		}
		s := Sample{Name: src.name, Region: src.region, Rows: len(lines)}
		for n, d := range src.bad {
			col := slices.Index(src.fields, d.Field())
			s.Bad = append(s.Bad, BadRow{Line: lines[n-1], Column: header[col], Defect: d})
		}
		sort.Slice(s.Bad, func(i, j int) bool { return s.Bad[i].Line < s.Bad[j].Line })
		out = append(out, s)
	}
	return out
}

// records returns the sample's header and the line of each data row.
func (src sampleSource) records() (header []string, lines []int, err error) {
	if src.comma == 0 {
		rows := src.table()
		for i := range rows[1:] {
			lines = append(lines, i+2)
		}
		return rows[0], lines, nil
	}
	r := csv.NewReader(strings.NewReader(src.text))
	r.Comma = src.comma
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return header, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if header == nil {
			header = rec
			continue
		}
		line, _ := r.FieldPos(0)
		lines = append(lines, line)
	}
}

func (src sampleSource) table() [][]string {
	var rows [][]string
	for line := range strings.Lines(src.text) {
		rows = append(rows, strings.Split(strings.TrimSuffix(line, "\n"), "|"))
	}
	return rows
}

// WriteSamples writes the bundled samples into dir, creating it if need be
// and replacing files of the same names. The output is byte for byte the
// same on every run.
func WriteSamples(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write samples: %w", err)
	}
	for _, src := range sampleSources {
		path := filepath.Join(dir, src.name)
		var err error
		switch {
		case src.comma == 0:
			err = src.writeXLSX(path)
		case src.region == "DE":
			err = writeWindows1252(path, strings.ReplaceAll(src.text, "\n", "\r\n"))
		default:
			err = os.WriteFile(path, []byte(src.text), 0o644)
		}
		if err != nil {
			return fmt.Errorf("write sample %s: %w", src.name, err)
		}
	}
	return nil
}

func writeWindows1252(path, text string) error {
	b, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		return fmt.Errorf("encode windows-1252: %w", err)
	}
	return os.WriteFile(path, []byte(b), 0o644)
}

// writeXLSX writes the table the way a spreadsheet program saves it: shared
// strings, a bold and frozen header row, date cells formatted d.m.yyyy.
func (src sampleSource) writeXLSX(path string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	const sheet = "Potilaat"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	format := "d.m.yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return err
	}
	for i, cells := range src.table() {
		if err := writeTableRow(f, sheet, i+1, cells, dateStyle); err != nil {
			return err
		}
	}
	if err := formatHeader(f, sheet, len(src.fields)); err != nil {
		return err
	}
	return save(f, path)
}

func writeTableRow(f *excelize.File, sheet string, row int, cells []string, dateStyle int) error {
	for c, text := range cells {
		ref, _ := excelize.CoordinatesToCellName(c+1, row)
		value, isDate, err := tableValue(text, row == 1 || c < colDOB)
		if err != nil {
			return fmt.Errorf("row %d column %d: %w", row, c+1, err)
		}
		if value == nil {
			continue
		}
		if err := f.SetCellValue(sheet, ref, value); err != nil {
			return err
		}
		if isDate {
			if err := f.SetCellStyle(sheet, ref, ref, dateStyle); err != nil {
				return err
			}
		}
	}
	return nil
}

// tableValue reads one cell of the XLSX table: "" is no cell; "t:" text;
// "n:" a number; an ISO date a date; in a column after the names, a number
// is a number cell. Names and headers (plain) are always text.
func tableValue(text string, plain bool) (value any, isDate bool, err error) {
	switch {
	case text == "":
		return nil, false, nil
	case plain:
		return text, false, nil
	case strings.HasPrefix(text, "t:"):
		return text[2:], false, nil
	case strings.HasPrefix(text, "n:"):
		n, err := strconv.ParseFloat(text[2:], 64)
		return n, false, err
	}
	if t, err := time.Parse(isoLayout, text); err == nil {
		return t, true, nil
	}
	if n, err := strconv.ParseFloat(text, 64); err == nil {
		return n, false, nil
	}
	return text, false, nil
}

func formatHeader(f *excelize.File, sheet string, cols int) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(cols)
	if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", last, 20); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1,
		TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
