package results

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Column widths, in character cells.
const (
	minColWidth = 6
	maxColWidth = 60
)

// Built-in number formats.
const (
	numFmtText = 49 // "@": what is typed stays text
	numFmtDate = 14 // the reader's short date
)

// maxSerial is the day after 9999-12-31, the last date a sheet can hold.
const (
	maxSerial       = 2958466
	maxSerialDigits = 7
)

// statusColors gives each status its fill and font colour.
var statusColors = map[string][2]string{
	StatusCreated:   {"C6EFCE", "006100"},
	StatusInvalid:   {"FFC7CE", "9C0006"},
	StatusRejected:  {"FFC7CE", "9C0006"},
	StatusFailed:    {"FFC7CE", "9C0006"},
	StatusUnknown:   {"FFD8A8", "8A4B00"},
	StatusPending:   {"E7E6E6", "3A3838"},
	StatusValid:     {"E2EFDA", "375623"},
	StatusDuplicate: {"FFEB9C", "9C5700"},
}

// xlsxStyles are the style ids a results workbook uses.
type xlsxStyles struct {
	text, date   int
	header       int // input columns
	resultHeader int // result columns: set apart by a fill
	label        int // summary sheet labels
	status       map[string]int
}

func newXLSXStyles(book *excelize.File) (xlsxStyles, error) {
	st := xlsxStyles{status: map[string]int{}}
	bold := &excelize.Font{Bold: true}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&st.text, excelize.Style{NumFmt: numFmtText}},
		{&st.date, excelize.Style{NumFmt: numFmtDate}},
		{&st.header, excelize.Style{NumFmt: numFmtText, Font: bold}},
		{&st.resultHeader, excelize.Style{NumFmt: numFmtText, Font: bold,
			Fill: solid("BDD7EE")}},
		{&st.label, excelize.Style{Font: bold}},
	}
	for _, d := range defs {
		id, err := book.NewStyle(&d.style)
		if err != nil {
			return st, err
		}
		*d.id = id
	}
	for _, status := range Statuses() { // in order, so every sheet gets the same ids
		c := statusColors[status]
		id, err := book.NewStyle(&excelize.Style{NumFmt: numFmtText,
			Fill: solid(c[0]), Font: &excelize.Font{Color: c[1]}})
		if err != nil {
			return st, err
		}
		st.status[status] = id
	}
	return st, nil
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// writeSummary adds the sheet that describes the run: what ran, how, and
// how many rows ended in each status.
func (x *xlsxSink) writeSummary(s Summary, counts map[string]int) error {
	if _, err := x.book.NewSheet(x.summary); err != nil {
		return err
	}
	r := 0
	for _, l := range summaryLines(s) {
		r++
		if err := x.summaryRow(r, l[0], l[1]); err != nil {
			return err
		}
	}
	r += 2 // a blank row before the counts
	if err := x.summaryRow(r, "Status", "Rows"); err != nil {
		return err
	}
	total := 0
	for _, st := range Statuses() {
		r++
		total += counts[st]
		if err := x.summaryCount(r, st, counts[st]); err != nil {
			return err
		}
	}
	if err := x.summaryCount(r+1, "total", total); err != nil {
		return err
	}
	return x.book.SetColWidth(x.summary, "A", "B", 24)
}

// summaryLines are the labelled facts at the top of the summary sheet.
func summaryLines(s Summary) [][2]string {
	mapping := s.Mapping
	if mapping == "" {
		mapping = "automatic"
	}
	duration := ""
	if !s.Started.IsZero() && !s.Finished.IsZero() {
		duration = s.Finished.Sub(s.Started).Round(time.Second).String()
	}
	return [][2]string{
		{"Input file", s.Input}, {"Mapping", mapping},
		{"Started", stamp(s.Started)}, {"Finished", stamp(s.Finished)},
		{"Duration", duration}, {"Flags", strings.Join(s.Flags, " ")},
	}
}

func (x *xlsxSink) summaryRow(r int, label, value string) error {
	a, b := cellName(1, r), cellName(2, r)
	err := x.book.SetCellStr(x.summary, a, label)
	if err == nil {
		err = x.book.SetCellStyle(x.summary, a, a, x.style.label)
	}
	if err == nil && value != "" {
		err = x.book.SetCellStr(x.summary, b, value)
	}
	return err
}

func (x *xlsxSink) summaryCount(r int, status string, n int) error {
	a, b := cellName(1, r), cellName(2, r)
	err := x.book.SetCellStr(x.summary, a, status)
	if id, ok := x.style.status[status]; ok && err == nil {
		err = x.book.SetCellStyle(x.summary, a, a, id)
	}
	if err == nil {
		err = x.book.SetCellInt(x.summary, b, int64(n))
	}
	return err
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// stamp formats a time for the summary sheet, in the time's own zone.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04:05 -07:00")
}

// textWidth is the number of character cells s takes on screen, counting
// East Asian wide characters twice; it stops counting at limit.
func textWidth(s string, limit int) int {
	if len(s) < limit && isPlainASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		if r == '\n' {
			continue // a multi-line cell: approximate by its total length
		}
		n++
		if r >= 0x1100 {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n++
			}
		}
		if n >= limit {
			return limit
		}
	}
	return n
}

// isPlainASCII reports whether s holds printable ASCII only.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// utf16Len is the length of s in UTF-16 code units, the unit in which
// spreadsheets limit a cell.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// isSerial reports whether s is an Excel date serial as a sheet stores
// it: a positive decimal number, without sign, exponent or leading zero,
// no later than 9999-12-31.
func isSerial(s string) bool {
	if s == "" || s[0] < '1' || s[0] > '9' {
		return false
	}
	dot := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot && i < len(s)-1:
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	if !dot && len(s) < maxSerialDigits {
		return true // below maxSerial, without parsing it
	}
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && v < maxSerial
}
