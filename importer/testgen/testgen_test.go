package testgen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/encoding/charmap"
)

var allDialects = []Dialect{German, Finnish, English, Mixed}

// today is the day the tests check birth dates against.
var today = time.Now().UTC().Truncate(24 * time.Hour)

func mustNew(t testing.TB, opts Options) *Generator {
	t.Helper()
	g, err := New(opts)
	if err != nil {
		t.Fatalf("New(%+v): %v", opts, err)
	}
	return g
}

func writeCSV(t testing.TB, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, opts); err != nil {
		t.Fatalf("Write(%+v): %v", opts, err)
	}
	return buf.Bytes()
}

// decodeCSV checks the file's encoding and line ends for the dialect and
// returns its header and records.
func decodeCSV(t *testing.T, data []byte, d Dialect) ([]string, [][]string) {
	t.Helper()
	spec := dialects[d]
	text := string(data)
	switch {
	case spec.windows1252:
		if utf8.Valid(data) && bytes.ContainsAny(data, "\x80\xff") {
			t.Fatalf("%s: file is UTF-8, want Windows-1252", d)
		}
		var err error
		if text, err = charmap.Windows1252.NewDecoder().String(text); err != nil {
			t.Fatalf("%s: decode: %v", d, err)
		}
	case spec.bom:
		rest, ok := strings.CutPrefix(text, "\ufeff")
		if !ok {
			t.Fatalf("%s: file has no UTF-8 BOM", d)
		}
		text = rest
	}
	crlf := strings.Count(text, "\r\n")
	if lf := strings.Count(text, "\n"); spec.crlf && crlf != lf || !spec.crlf && crlf != 0 {
		t.Errorf("%s: %d CRLF in %d line ends, want CRLF %v", d, crlf, lf, spec.crlf)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = spec.comma
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: read back: %v", d, err)
	}
	if len(records) == 0 {
		t.Fatalf("%s: empty file", d)
	}
	return records[0], records[1:]
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"no dialect", Options{Rows: 1}},
		{"unknown dialect", Options{Rows: 1, Dialect: "sv"}},
		{"negative rows", Options{Rows: -1, Dialect: German}},
		{"share above one", Options{Rows: 1, Dialect: German, InvalidShare: 1.5}},
		{"negative share", Options{Rows: 1, Dialect: German, InvalidShare: -0.1}},
		{"share NaN", Options{Rows: 1, Dialect: German, InvalidShare: math.NaN()}},
		{"more rows than patients", Options{Rows: math.MaxInt32 * 4, Dialect: German}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.opts); err == nil {
				t.Errorf("New(%+v) = nil error, want one", tt.opts)
			}
		})
	}
}

func TestParseDialect(t *testing.T) {
	for _, d := range allDialects {
		got, err := ParseDialect(string(d))
		if err != nil || got != d {
			t.Errorf("ParseDialect(%q) = %q, %v; want %q, nil", d, got, err, d)
		}
	}
	if _, err := ParseDialect("se"); err == nil {
		t.Errorf("ParseDialect(%q) = nil error, want one", "se")
	}
}

func TestCSVIsDeterministic(t *testing.T) {
	for _, d := range allDialects {
		opts := Options{Rows: 3000, Dialect: d, Seed: 42, InvalidShare: 0.05}
		first, second := writeCSV(t, opts), writeCSV(t, opts)
		if !bytes.Equal(first, second) {
			t.Errorf("%s: two writes with seed 42 differ", d)
		}
		opts.Seed = 43
		if bytes.Equal(first, writeCSV(t, opts)) {
			t.Errorf("%s: seeds 42 and 43 give the same file", d)
		}
	}
}

// TestCSVRows reads each dialect's file back and checks every row against the
// tests' own rule checker: the defect it finds is exactly the one planted,
// and valid rows break no rule.
func TestCSVRows(t *testing.T) {
	const rows = 4000
	for _, d := range allDialects {
		t.Run(string(d), func(t *testing.T) {
			opts := Options{Rows: rows, Dialect: d, Seed: 7, InvalidShare: 0.1}
			g := mustNew(t, opts)
			header, records := decodeCSV(t, writeCSV(t, opts), d)
			if !slices.Equal(header, d.Header()) {
				t.Errorf("header = %q, want %q", header, d.Header())
			}
			if len(records) != rows {
				t.Fatalf("got %d records, want %d", len(records), rows)
			}
			c := checker{region: d.PhoneRegion(), today: today}
			bad := 0
			for i, rec := range records {
				row := g.Row(i)
				var cells [NumColumns]string
				copy(cells[:], rec)
				for col := range cells {
					if cells[col] != row.Cells[col].Text {
						t.Fatalf("row %d column %d = %q, want %q", i, col, cells[col],
							row.Cells[col].Text)
					}
				}
				got, want := c.check(cells), defectList(row.Defect)
				if !slices.Equal(got, want) {
					t.Errorf("row %d %q: checker finds %v, want %v", i, rec, got, want)
				}
				if row.Defect != NoDefect {
					bad++
				}
			}
			if bad != g.DefectCount() {
				t.Errorf("%d bad rows, DefectCount says %d", bad, g.DefectCount())
			}
		})
	}
}

func defectList(d Defect) []Defect {
	if d == NoDefect {
		return nil
	}
	return []Defect{d}
}

func TestInvalidShare(t *testing.T) {
	for _, share := range []float64{0, 0.02, 0.1, 0.5, 1} {
		for _, rows := range []int{0, 1, 7, 1000, 12345} {
			g := mustNew(t, Options{Rows: rows, Dialect: English, Seed: 3, InvalidShare: share})
			bad := 0
			for i := range rows {
				if g.Row(i).Defect != NoDefect {
					bad++
				}
			}
			lo := int(math.Floor(float64(rows) * share))
			if bad < lo || bad > lo+1 || bad > rows {
				t.Errorf("share %v, %d rows: %d bad, want %d or %d", share, rows, bad, lo, lo+1)
			}
			if bad != g.DefectCount() {
				t.Errorf("share %v, %d rows: %d bad, DefectCount %d", share, rows, bad,
					g.DefectCount())
			}
			if rows > 0 && share < 1 && g.Row(0).Defect != NoDefect {
				t.Errorf("share %v: row 0 has defect %v, want none", share, g.Row(0).Defect)
			}
		}
	}
}

// TestEveryDefectIsPlanted checks that a long file holds every kind of
// defect the dialect can carry, so the invalid rows are assorted.
func TestEveryDefectIsPlanted(t *testing.T) {
	for _, d := range allDialects {
		g := mustNew(t, Options{Rows: 20000, Dialect: d, Seed: 5, InvalidShare: 0.05})
		seen := map[Defect]int{}
		for i := range g.Len() {
			seen[g.Row(i).Defect]++
		}
		for _, x := range dialects[d].defects {
			if seen[x] == 0 {
				t.Errorf("%s: no row carries %v", d, x)
			}
		}
		if d == German && seen[CyrillicName] > 0 {
			t.Errorf("de: %d Cyrillic names, which Windows-1252 cannot hold", seen[CyrillicName])
		}
	}
}

// TestPhonesAreValid checks the phones of a sample of rows spread over a
// large file, as libphonenumber sees them, and that Want holds their E.164
// form.
func TestPhonesAreValid(t *testing.T) {
	for _, d := range allDialects {
		g := mustNew(t, Options{Rows: 1_000_000, Dialect: d, Seed: 11})
		checked, numeric := 0, 0
		for i := 0; i < g.Len(); i += 211 {
			row := g.Row(i)
			text := row.Cells[colPhone].Text
			if text == "" {
				continue
			}
			n, err := phonenumbers.Parse(text, d.PhoneRegion())
			if err != nil || !phonenumbers.IsValidNumber(n) {
				t.Errorf("%s row %d: phone %q is not valid (%v)", d, i, text, err)
				continue
			}
			if got := phonenumbers.Format(n, phonenumbers.E164); got != row.Want.Phone {
				t.Errorf("%s row %d: %q is %s, Want.Phone %s", d, i, text, got, row.Want.Phone)
			}
			if row.Cells[colPhone].Type == NumberCell {
				numeric++
				if plus, err := phonenumbers.Parse("+"+text, ""); err == nil &&
					phonenumbers.IsValidNumber(plus) {
					t.Errorf("%s row %d: digits %q are also valid after a +", d, i, text)
				}
			}
			checked++
		}
		if checked < 4000 || d != Mixed && numeric < 40 {
			t.Errorf("%s: only %d phones checked, %d of them numeric", d, checked, numeric)
		}
	}
}

// TestImpossiblePhonesAreInvalid tries every number that the impossible
// phone defect can produce.
func TestImpossiblePhonesAreInvalid(t *testing.T) {
	for _, d := range allDialects {
		plan := dialects[d].phones
		for _, pr := range plan.cut {
			for n := range 1000 {
				tail := fmt.Sprintf(" %03d", n)
				forms := []string{"+" + pr.cc + " " + pr.lead + tail}
				if plan.nationalShare > 0 {
					forms = append(forms, "0"+pr.lead+tail)
				}
				for _, s := range forms {
					num, err := phonenumbers.Parse(s, d.PhoneRegion())
					if err == nil && phonenumbers.IsValidNumber(num) {
						t.Fatalf("%s: cut number %q is valid", d, s)
					}
				}
			}
		}
	}
}

// TestWantMatchesCells reads valid rows' cells the way an importer would and
// compares them with Want.
func TestWantMatchesCells(t *testing.T) {
	for _, d := range allDialects {
		g := mustNew(t, Options{Rows: 3000, Dialect: d, Seed: 9})
		for i := range g.Len() {
			row := g.Row(i)
			if err := wantMatches(row); err != nil {
				t.Errorf("%s row %d %+v: %v", d, i, row.Cells, err)
			}
		}
	}
}

func wantMatches(row Row) error {
	c, w := row.Cells, row.Want
	if c[colFirst].Text != w.FirstName || c[colLast].Text != w.LastName {
		return fmt.Errorf("names differ from Want")
	}
	if got := sexValue(c[colSex].Text); got != w.Sex {
		return fmt.Errorf("sex %q reads as %d, Want %d", c[colSex].Text, got, w.Sex)
	}
	dob, _, _ := parseDate(c[colDOB].Text)
	if c[colDOB].Type == DateCell && !c[colDOB].Date.Equal(dob) {
		return fmt.Errorf("date cell %v differs from its text %q", c[colDOB].Date, c[colDOB].Text)
	}
	if got := dob.Format(isoLayout); got != w.DateOfBirth {
		return fmt.Errorf("birth date reads as %s, Want %s", got, w.DateOfBirth)
	}
	if c[colEmail].Text != w.Email || c[colGroup].Text != w.ProfileGroupSlug {
		return fmt.Errorf("email or group differs from Want")
	}
	if err := measureMatches(c[colHeight], w.Height); err != nil {
		return fmt.Errorf("height: %w", err)
	}
	if err := measureMatches(c[colWeight], w.Weight); err != nil {
		return fmt.Errorf("weight: %w", err)
	}
	if got := languageCode(c[colLanguage].Text); got != w.Language {
		return fmt.Errorf("language %q reads as %q, Want %q", c[colLanguage].Text, got, w.Language)
	}
	return nil
}

func sexValue(s string) int {
	switch strings.ToLower(s) {
	case "1", "m", "männlich", "mies", "male":
		return 1
	case "2", "w", "f", "n", "weiblich", "nainen", "female":
		return 2
	}
	return 0
}

func languageCode(s string) string {
	switch strings.ToLower(s) {
	case "en", "english", "englanti":
		return "en"
	case "de", "deutsch", "german", "de-de":
		return "de"
	case "fi", "suomi", "finnish", "fi_fi":
		return "fi"
	}
	return s
}

func measureMatches(c Cell, want *float64) error {
	if c.Text == "" {
		if want != nil {
			return fmt.Errorf("empty cell, Want %v", *want)
		}
		return nil
	}
	got, ok := measureValue(c.Text)
	if !ok || want == nil || math.Abs(got-*want) > 1e-9 {
		return fmt.Errorf("%q reads as %v, Want %v", c.Text, got, want)
	}
	if c.Type == NumberCell {
		if n, _ := strconv.ParseFloat(strings.Replace(c.Text, ",", ".", 1), 64); n != c.Number {
			return fmt.Errorf("number cell %v differs from its text %q", c.Number, c.Text)
		}
	}
	return nil
}

// TestNoDuplicatePatients checks that no two rows share a name and birth
// date, or an email, so that an importer's duplicate check stays quiet.
func TestNoDuplicatePatients(t *testing.T) {
	rows := 200_000
	if testing.Short() || raceEnabled {
		rows = 20_000
	}
	for _, d := range []Dialect{German, Mixed} {
		g := mustNew(t, Options{Rows: rows, Dialect: d, Seed: 1})
		people := make(map[string]int, rows)
		emails := make(map[string]int, rows)
		for i := range rows {
			w := g.Row(i).Want
			key := w.FirstName + "|" + w.LastName + "|" + w.DateOfBirth
			if j, dup := people[key]; dup {
				t.Fatalf("%s: rows %d and %d are the same patient", d, j, i)
			}
			people[key] = i
			if j, dup := emails[w.Email]; dup && w.Email != "" {
				t.Fatalf("%s: rows %d and %d share an email", d, j, i)
			}
			emails[w.Email] = i
		}
	}
}

// TestFirstRowSettlesDateOrder checks that row 0 is valid and written
// day-first with a day of 13 or later, whatever the seed.
func TestFirstRowSettlesDateOrder(t *testing.T) {
	for _, d := range allDialects {
		for seed := range uint64(60) {
			g := mustNew(t, Options{Rows: 1, Dialect: d, Seed: seed, InvalidShare: 0.9})
			row := g.Row(0)
			cell := row.Cells[colDOB]
			if row.Defect != NoDefect || cell.Date.Day() < 13 ||
				cell.Text != cell.Date.Format(dialects[d].dayFirst) {
				t.Errorf("%s seed %d: row 0 date %q (defect %v), want day-first, day ≥ 13",
					d, seed, cell.Text, row.Defect)
			}
		}
	}
}

// TestCSVMemoryIsFlat writes a long file to nowhere and watches the heap.
func TestCSVMemoryIsFlat(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes 300 000 rows and measures the heap")
	}
	w := &heapWatcher{}
	if err := Write(w, Options{Rows: 300_000, Dialect: German, Seed: 1,
		InvalidShare: DefaultInvalidShare}); err != nil {
		t.Fatal(err)
	}
	t.Logf("live heap peaked at %d MB", w.peak>>20)
	if w.peak > 16<<20 {
		t.Errorf("heap reached %d MB while writing, want under 16 MB", w.peak>>20)
	}
	if w.n < 20<<20 {
		t.Errorf("wrote only %d bytes", w.n)
	}
}

// heapWatcher discards what it is given and samples the live heap every
// few megabytes.
type heapWatcher struct {
	n, next int
	peak    uint64
}

func (w *heapWatcher) Write(p []byte) (int, error) {
	w.n += len(p)
	if w.n >= w.next {
		w.next = w.n + 4<<20
		if h := liveHeap(); h > w.peak {
			w.peak = h
		}
	}
	return len(p), nil
}

var _ io.Writer = (*heapWatcher)(nil)
