// Package testgen invents patient lists for tests, benchmarks and demos:
// large CSV and XLSX files written the way clinics export them, in German,
// Finnish, English or mixed spelling, with a chosen share of rows that are
// wrong on purpose. It also holds the bundled samples (see [Samples]).
//
// Output is a pure function of [Options]: the same options give a
// byte-identical CSV file and an XLSX file with the same cells. Each row is
// computed on its own from the seed and its index ([Generator.Row]), so a
// test can ask for row 123 456 of a file without generating the rest, and
// can know what the importer should send for it ([Row.Want]) or why it must
// fail ([Row.Defect]).
//
// Every valid phone number is in a range that libphonenumber accepts; no two
// rows share a name and birth date or an email address, so a correct
// importer finds no duplicates. Emails use example.com, example.org and
// example.net only. All people are invented.
package testgen

import (
	"errors"
	"fmt"
	"time"
)

// DefaultInvalidShare is the share of bad rows that the aniva-gen command
// plants unless told otherwise.
const DefaultInvalidShare = 0.02

// Options say what to generate. The zero value is not usable: Dialect must
// be set.
type Options struct {
	// Rows is the number of data rows, not counting the header.
	Rows int
	// Dialect is the spelling of headers and values.
	Dialect Dialect
	// Seed selects one of many files; the same seed gives the same file.
	Seed uint64
	// InvalidShare is the share of rows, from 0 to 1, that carry a
	// [Defect]. The count is exact up to rounding: ⌊Rows × InvalidShare⌋ or
	// one more. Zero gives a file in which every row is accepted.
	InvalidShare float64
	// Date1904 makes XLSX files count dates from 1904, as old Mac Excel did.
	// It has no effect on CSV.
	Date1904 bool
}

// Generator computes the rows of one file. It is safe for concurrent use.
type Generator struct {
	opts  Options
	d     *dialect
	perm  permutation
	slots uint64 // distinct (first name, last name, birth date) triples
	swap  uint64 // the row whose slot trades places with row 0's, if not 0
	phase float64
}

// New checks opts and returns the generator for them.
func New(opts Options) (*Generator, error) {
	d, ok := dialects[opts.Dialect]
	if !ok {
		return nil, fmt.Errorf("unknown dialect %q: want de, fi, en or mixed", opts.Dialect)
	}
	if opts.Rows < 0 {
		return nil, errors.New("row count is negative")
	}
	if !(opts.InvalidShare >= 0 && opts.InvalidShare <= 1) {
		return nil, errors.New("invalid share must lie between 0 and 1")
	}
	slots := uint64(len(d.first)) * uint64(len(d.last)) * uint64(birthDays)
	if uint64(opts.Rows) > slots {
		return nil, fmt.Errorf("dialect %s has %d distinct patients, fewer than %d rows",
			opts.Dialect, slots, opts.Rows)
	}
	g := &Generator{opts: opts, d: d, slots: slots}
	g.perm = newPermutation(slots, mix(opts.Seed^0x5851f42d4c957f2d))
	// The phase spreads the bad rows over the file and keeps row 0 valid
	// whenever the share is below one.
	if opts.InvalidShare < 1 {
		g.phase = float64(mix(opts.Seed)>>11) / (1 << 53) * (1 - opts.InvalidShare)
	}
	g.swap = g.firstClearDate()
	return g, nil
}

// firstClearDate finds a row whose birth day is 13 or later, to trade slots
// with row 0 unless row 0 has one already. A file whose first date cannot be
// read month-first then settles a day-first column even when it is short.
func (g *Generator) firstClearDate() uint64 {
	for i := uint64(0); i < g.slots; i++ {
		if _, _, day := g.decode(g.perm.at(i)); dayOfMonth(day) >= 13 {
			return i
		}
	}
	return 0
}

func dayOfMonth(day int) int { return birthDate(day).Day() }

func birthDate(day int) time.Time {
	return minBirth.Add(time.Duration(day) * 24 * time.Hour)
}

// decode splits a slot into indexes of first name, last name and birth day.
func (g *Generator) decode(slot uint64) (first, last, day int) {
	nf, nl := uint64(len(g.d.first)), uint64(len(g.d.last))
	return int(slot % nf), int(slot / nf % nl), int(slot / nf / nl)
}

// slot returns row i's unique (name, birth date) slot.
func (g *Generator) slot(i uint64) uint64 {
	switch i {
	case 0:
		return g.perm.at(g.swap)
	case g.swap:
		return g.perm.at(0)
	}
	return g.perm.at(i)
}

// defective reports whether row i carries a defect. Over n rows the count is
// ⌊n·s + φ⌋ for share s and phase φ: exact up to one, and evenly spread.
func (g *Generator) defective(i int) bool {
	s := g.opts.InvalidShare
	if s == 0 {
		return false
	}
	return floor(float64(i+1)*s+g.phase) > floor(float64(i)*s+g.phase)
}

func floor(x float64) int64 { return int64(x) } // x ≥ 0 here

// Header returns the file's column headers.
func (g *Generator) Header() []string { return g.opts.Dialect.Header() }

// Len is the number of data rows.
func (g *Generator) Len() int { return g.opts.Rows }

// CellType says how a cell is stored in an XLSX file. CSV files hold every
// cell as its [Cell.Text].
type CellType int

// The cell types.
const (
	TextCell   CellType = iota // a string; an empty Text is an empty cell
	NumberCell                 // a number without a date format
	DateCell                   // a date serial with a date number format
)

// Cell is one generated value.
type Cell struct {
	// Text is the value as a CSV file holds it, and as an XLSX text cell
	// holds it.
	Text string
	// Type is how an XLSX file stores the cell.
	Type CellType
	// Number is a NumberCell's value.
	Number float64
	// Date is a DateCell's value, at midnight UTC.
	Date time.Time
}

// Patient is what a correct importer sends for a row, in the API's form. Its
// fields match mapping.Profile, so a Patient converts to one directly.
type Patient struct {
	FirstName        string
	LastName         string
	Sex              int
	DateOfBirth      string
	ProfileGroupSlug string
	Email            string
	Phone            string
	Height           *float64 // cm
	Weight           *float64 // kg
	Language         string   // "" when the cell is empty: the API's default applies
}

// Row is one generated data row.
type Row struct {
	// Index counts data rows from 0.
	Index int
	// Line is where the row sits in the file: the CSV line (the header is
	// line 1; generated values hold no line breaks) or the XLSX row number.
	Line int
	// Cells are the values in the order of [Columns].
	Cells [NumColumns]Cell
	// Want is the request a correct importer sends. For a defect that
	// validation catches it is undefined; for one the API refuses it is the
	// request that earns the refusal.
	Want Patient
	// Defect is what is wrong with the row, or [NoDefect].
	Defect Defect
}

// Row returns data row i, counting from 0; i must be below [Generator.Len]
// or the row is not part of the file (it is still computed).
func (g *Generator) Row(i int) Row {
	r := newRNG(g.opts.Seed, uint64(i))
	fi, li, day := g.decode(g.slot(uint64(i)))
	row := Row{Index: i, Line: i + 2}
	g.fill(&row, r, fi, li, day)
	if g.defective(i) {
		d := g.d.defects[r.intn(len(g.d.defects))]
		g.plant(&row, r, d, day)
	}
	return row
}

// DefectCount is the number of rows that carry a defect.
func (g *Generator) DefectCount() int {
	if g.opts.InvalidShare == 0 {
		return 0
	}
	// The per-row test telescopes to this sum; see defective.
	return int(floor(float64(g.opts.Rows)*g.opts.InvalidShare + g.phase))
}
