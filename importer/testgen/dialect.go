package testgen

import (
	"fmt"
	"time"
)

// Dialect is the way a clinic's export is written: header language, CSV
// delimiter and encoding, and how dates, sexes, languages, heights, weights
// and phones are spelled.
type Dialect string

// The dialects. [Mixed] puts every spelling of the others into one file
// under the API's own field names as headers, with international phone
// numbers only, so that it needs no phone region.
const (
	German  Dialect = "de" // semicolons, Windows-1252, CRLF, dd.mm.yyyy, heights in metres
	Finnish Dialect = "fi" // semicolons, UTF-8 with BOM, CRLF, d.m.yyyy
	English Dialect = "en" // commas, UTF-8, LF, dd/mm/yyyy and ISO dates
	Mixed   Dialect = "mixed"
)

// ParseDialect returns the dialect named s ("de", "fi", "en" or "mixed").
func ParseDialect(s string) (Dialect, error) {
	d := Dialect(s)
	if _, ok := dialects[d]; !ok {
		return "", fmt.Errorf("unknown dialect %q: want de, fi, en or mixed", s)
	}
	return d, nil
}

// PhoneRegion is the region that the dialect's national phone numbers need
// (DE, FI or GB); "" for [Mixed], whose numbers are all international.
func (d Dialect) PhoneRegion() string {
	if s, ok := dialects[d]; ok {
		return s.region
	}
	return ""
}

// Header returns the dialect's column headers, in the order of [Columns].
func (d Dialect) Header() []string {
	s, ok := dialects[d]
	if !ok {
		return nil
	}
	return append([]string(nil), s.header[:]...)
}

// Columns lists the API field fed by each generated column, in file order.
var Columns = [NumColumns]string{
	"first_name", "last_name", "sex", "date_of_birth", "email", "phone",
	"height", "weight", "language", "profile_group_slug",
}

// NumColumns is the number of columns in a generated file.
const NumColumns = 10

const (
	colFirst = iota
	colLast
	colSex
	colDOB
	colEmail
	colPhone
	colHeight
	colWeight
	colLanguage
	colGroup
)

// The sandbox's groups. Rows of valid files go to the accessible ones.
const (
	groupBerlin    = "acme-clinic-berlin"
	groupHamburg   = "acme-clinic-hamburg"
	groupHelsinki  = "kallio-health-helsinki"
	groupLeeds     = "riverside-clinic-leeds"
	groupForbidden = "northwind-clinic-munich"
)

// dialect holds everything that differs between dialects.
type dialect struct {
	header      [NumColumns]string
	comma       rune
	crlf        bool
	windows1252 bool
	bom         bool
	sheet       string
	region      string

	dateCellFormat string   // number format of XLSX date cells
	dateLayouts    []choice // text layouts (time package), weighted
	dayFirst       string   // the day-first layout, for rows that must settle the order
	metres         bool     // heights written in metres
	decimalComma   bool
	unitsInValues  bool // some heights and weights carry "cm", "m" or "kg"

	first, last   []string
	firstSex      []int
	groups        []choice
	unknownGroups []string
	male, female  []choice
	unknownSex    []string
	languages     []choice
	badLanguages  []string
	phones        phonePlan
	defects       []Defect
}

func weighted(weight int, texts ...string) []choice {
	out := make([]choice, len(texts))
	for i, t := range texts {
		out[i] = choice{text: t, weight: weight}
	}
	return out
}

// Birth dates of valid rows lie in [minBirth, minBirth+birthDays).
var (
	minBirth  = time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC)
	birthDays = int(time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC).Sub(minBirth).Hours() / 24)
	// Planted bad dates keep the valid date's offset from these, so they stay
	// as distinct as the valid ones.
	futureBirth = time.Date(2091, 1, 1, 0, 0, 0, 0, time.UTC)
	oldBirth    = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
)

const isoLayout = "2006-01-02"
