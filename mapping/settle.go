package mapping

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"aniva-import/mapping/normalize"
)

// dateRule is how date_of_birth is read.
type dateRule struct {
	order   normalize.Order
	layout  string // a Go layout from the mapping file, or ""
	written string // the layout as the mapping file writes it
	short   bool   // the layout's year has two digits
	// observe is set while the column's values must settle the order.
	observe bool
	// fits holds the orders every value seen so far can be read in, a
	// bit per order; seen counts those values.
	fits, seen int
	// only counts values that one order alone can read, by order.
	only [4]int
	// open counts values whose date depends on the order (03/04/1985).
	open int
}

// sexRule is how the sex column reads a bare N: Finnish nainen (female)
// in a list that something marks as Finnish (a Sukupuoli header, mies or
// nainen among the values, a personal identity code column) and that
// writes female no other way. Elsewhere N may mean "not known", and a row
// with it is reported instead of guessed. The choice never changes a
// request, only whether a row with N makes one, so it is not part of
// [Plan.Fingerprint].
type sexRule struct {
	finnish     bool // something marks the list as Finnish
	otherFemale bool // female is written F, W, 2, … too
	n           int  // rows whose sex is a bare N
	notN        bool // settled: N is an error in this column
}

// measureRule is how a height or weight column is read.
type measureRule struct {
	unit normalize.Unit
	// detect is set while the column's values decide whether heights are
	// in metres; inRange and outRange count the plain numbers seen.
	detect            bool
	inRange, outRange int
}

// Observe looks at one data row before any row is mapped: it gathers
// what only a whole column tells, such as the order of its dates. Call it
// for every data row, from one goroutine, before [Plan.Settle]. It is
// cheap: no phone number is parsed.
func (p *Plan) Observe(cells []string) {
	if p.dob.observe {
		if v := p.src[FieldDOB].cell(cells); v != "" {
			p.dob.add(v)
		}
	}
	if p.height.detect {
		if v := p.src[FieldHeight].cell(cells); v != "" {
			p.height.add(v)
		}
	}
	if s := p.src[FieldSex]; s != nil {
		if v := s.cell(cells); v != "" {
			p.sex.add(v)
		}
	}
	if p.region == "" && p.src[FieldPhone] != nil {
		switch v := strings.TrimSpace(p.src[FieldPhone].cell(cells)); {
		case v == "":
		case !strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "00"):
			p.national++
		default:
			if p.abroad == nil {
				p.abroad = map[string]int{}
			}
			p.abroad[normalize.PhoneRegionOf(v)]++
		}
	}
}

// add records the orders one date can be read in. A value that gives the
// same date in every order it fits (ISO, a serial, 22.03.1985,
// 03/03/1985) needs none; one that does not (03/04/1985) leaves the
// column open until the other values close it.
func (r *dateRule) add(v string) {
	mask := 0
	for _, o := range normalize.DateOrders(v) {
		mask |= 1 << o
	}
	if mask == 0 {
		return // no date in any order: Map reports it
	}
	if r.seen == 0 {
		r.fits = mask
	}
	r.fits &= mask
	r.seen++
	if bits.OnesCount(uint(mask)) == 1 {
		r.only[bits.TrailingZeros(uint(mask))]++
		return
	}
	if dependsOnOrder(v, mask) {
		r.open++
	}
}

// farFuture stands in for today when only the order of a date matters,
// so that a date in the future does not hide it.
var farFuture = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// dependsOnOrder reports whether the orders in mask read v as different
// dates. Most values are settled by the first call.
func dependsOnOrder(v string, mask int) bool {
	if _, err := normalize.Date(v, normalize.OrderUnknown, false, farFuture); err == nil {
		return false
	}
	var first time.Time
	for _, o := range allOrders {
		if mask&(1<<o) == 0 {
			continue
		}
		t, err := normalize.Date(v, o, false, farFuture)
		switch {
		case err != nil:
		case first.IsZero():
			first = t
		case !t.Equal(first):
			return true
		}
	}
	return false
}

// add records one sex value.
func (r *sexRule) add(v string) {
	switch normalize.SpellingOf(v) {
	case normalize.SexLetterN:
		r.n++
	case normalize.SexFinnish:
		r.finnish = true
	case normalize.SexFemaleNotN:
		r.otherFemale = true
	}
}

// add records one height value: a plain number (decimal point or comma)
// counts for or against metres; a value with its own unit does neither.
func (r *measureRule) add(v string) {
	f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	switch {
	case err != nil:
	case f >= 0.5 && f <= 2.5:
		r.inRange++
	default:
		r.outRange++
	}
}

// Settle decides what the observed rows tell: the order of the date
// column, and whether heights are in metres. A date column whose order
// the values leave open is an error (a *[ConfigError]) naming the column
// and --date-order: dates are never guessed row by row. Call it once,
// after the last [Plan.Observe].
func (p *Plan) Settle() error {
	if p.dob.observe {
		if err := p.settleDates(); err != nil {
			return err
		}
		p.dob.observe = false
	}
	if p.height.detect {
		if p.height.inRange > 0 && p.height.outRange == 0 {
			p.height.unit = normalize.Metre
			p.note("height in column %s is read as metres: every value is between 0.5 and 2.5",
				p.colName(p.src[FieldHeight].col))
		}
		p.height.detect = false
	}
	if r := &p.sex; r.n > 0 && (r.otherFemale || !r.finnish) {
		r.notN = true
		why := "the column writes female as F, W or 2 too"
		if !r.otherFemale {
			why = "nothing marks the list as Finnish (a Sukupuoli header, mies or nainen, " +
				"a personal identity code)"
		}
		p.note("sex: N in %s of column %s is not read as female (Finnish nainen): %s; "+
			"map N in a mapping file if it means female", rows(r.n),
			p.colName(p.src[FieldSex].col), why)
	}
	if p.national > 0 {
		what := fmt.Sprintf("%d phone numbers have", p.national)
		if p.national == 1 {
			what = "1 phone number has"
		}
		p.note("%s no country code and no region is set: they are invalid; give "+
			"--phone-region (DE, FI, GB, …) or a region in the mapping file%s", what,
			p.likelyRegion())
	}
	p.settled = true
	return nil
}

// likelyRegion names, for the note on national phones, the country most
// phones written with a country code belong to, when more than half do.
func (p *Plan) likelyRegion() string {
	best, n, all := "", 0, 0
	for r, c := range p.abroad {
		all += c
		if r != "" && (c > n || c == n && r < best) {
			best, n = r, c
		}
	}
	if best == "" || 2*n <= all {
		return ""
	}
	return fmt.Sprintf("; most numbers with a country code here are +%d (%s): if the others "+
		"are too, give --phone-region %s", normalize.PhoneCountryCode(best), best, best)
}

// settleDates picks the one order that every date in the column can be
// read in. Values that only one order reads ("22/03/1985": day first)
// are the evidence; without any, values whose date depends on the order
// leave the column ambiguous.
func (p *Plan) settleDates() error {
	r := &p.dob
	col := p.colName(p.src[FieldDOB].col)
	one := 0 // the single order left, if only one is
	for _, o := range allOrders {
		if r.fits == 1<<o {
			one = int(o)
		}
	}
	switch {
	case r.seen == 0:
	case r.fits == 0:
		return &ConfigError{Problems: []string{fmt.Sprintf("date_of_birth: column %s "+
			"mixes date orders (%s); pass --date-order dmy|mdy|ymd or set date_order in a "+
			"mapping file, and the rows that do not fit will be reported", col, r.evidence())}}
	case one != 0:
		r.order = normalize.Order(one)
		if r.open > 0 {
			p.note("dates in column %s are read as %s: %s can only be read that way",
				col, orderName(r.order), rows(r.only[one]))
		}
	case r.open > 0:
		return &ConfigError{Problems: []string{fmt.Sprintf("date_of_birth: the date order "+
			"of column %s is ambiguous (%s could be read day first or month first, "+
			"and no row tells); pass --date-order %s or set date_order in a mapping file",
			col, rows(r.open), orderChoices(r.fits))}}
	}
	return nil
}

var allOrders = []normalize.Order{normalize.DMY, normalize.MDY, normalize.YMD}

// evidence counts the rows that fix each order, for a message.
func (r *dateRule) evidence() string {
	var parts []string
	for _, o := range allOrders {
		if n := r.only[o]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s only readable as %s", rows(n), orderName(o)))
		}
	}
	if parts == nil {
		return "no order fits every row"
	}
	return strings.Join(parts, ", ")
}

// orderChoices spells a set of orders for the --date-order hint.
func orderChoices(mask int) string {
	var names []string
	for _, o := range allOrders {
		if mask&(1<<o) != 0 {
			names = append(names, orderName(o))
		}
	}
	return strings.Join(names, "|")
}

// rows counts rows for a message: "1 row", "3 rows".
func rows(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}
