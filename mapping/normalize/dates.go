package normalize

import (
	"strings"
	"time"
)

// oldestBirth is the earliest date of birth the API is sent.
var oldestBirth = civil(1900, 1, 1)

// minSerial is the smallest plain number read as a spreadsheet date
// (1908-03-18). Smaller numbers are a year ("1985"), a day or a fragment,
// and a serial date before it would make the patient older than anyone alive.
const minSerial = 3000

// maxSerial is the largest plain number read as a spreadsheet date
// (2173-10-14); a larger one is a date typed without separators.
const maxSerial = 100000

const (
	hintDateForm  = "write the date as YYYY-MM-DD or DD.MM.YYYY"
	ruleDateForm  = "must be a date such as 1985-03-22"
	ruleDateReal  = "must be a real calendar date"
	hintDateCheck = "check the day and the month"
)

// reading is one way to read a date's fields. short marks a two-digit
// year whose century is still open.
type reading struct {
	order   Order
	y, m, d int
	short   bool
}

// dateForm is what a cell's text says about its date: one reading when
// the text itself fixes the order (ISO, a written month, dots, a serial
// number), else one reading per order it could be in.
type dateForm struct {
	fixed bool
	n     int
	r     [3]reading
}

func (f *dateForm) add(r reading) { f.r[f.n] = r; f.n++ }

// Date reads a date of birth and returns it as a UTC midnight.
//
// It reads ISO dates (1985-03-22, also with a time such as T00:00:00, and
// 1985/03/22), numeric dates with dots (22.03.1985, 22.3.85: always day
// first whatever o says, as in every language that writes them), slashes
// or dashes (22/03/1985, 03/22/1985, 22-03-85: in the order o, and a value
// that order cannot read is an error), 19850322, written months in
// English, German and Finnish ("22 March 1985", "March 22, 1985",
// "22. März 1985", "22. maaliskuuta 1985", "22-Mar-85"), and spreadsheet
// serial numbers ("30845", "30845.0") in the 1900 date system, or the 1904
// system when date1904 is set. A time after the date is ignored.
//
// With o == OrderUnknown a value whose readings in the possible orders
// give different dates (03/04/1985) is an error naming --date-order; one
// that only one order can read (22/03/1985), or that all orders read the
// same way (03/03/1985), is accepted. A two-digit year is put in the most
// recent century that makes the date earlier than today. The date must
// be real, on or after 1900-01-01 and before today (see [CheckDateOfBirth]).
func Date(s string, o Order, date1904 bool, today time.Time) (time.Time, error) {
	s = tidy(s)
	if s == "" {
		return time.Time{}, fail(ruleEmpty, "fill in the date of birth")
	}
	f, err := parseDate(s, date1904)
	if err != nil {
		return time.Time{}, err
	}
	r, err := pickReading(&f, o, today)
	if err != nil {
		return time.Time{}, err
	}
	d := civil(r.y, r.m, r.d)
	if err := CheckDateOfBirth(d, today); err != nil {
		return time.Time{}, err
	}
	return d, nil
}

// DateOrders returns the orders in which s can be read as a real date,
// for settling a column's order from all its values: a value with one
// order (22/03/1985 is only DMY) narrows the column, and the orders left
// after intersecting every value's set are the column's. A value whose
// text fixes its reading (ISO, a written month, dots, a serial number)
// fits every order and returns all three. It returns nil when s is no
// date in any order. The returned slice is shared: do not modify it.
func DateOrders(s string) []Order {
	f, err := parseDate(tidy(s), false)
	if err != nil {
		return nil
	}
	var set uint8
	for _, r := range f.r[:f.n] {
		if readable(r) {
			set |= 1 << r.order
		}
	}
	if f.fixed && set != 0 {
		set = 1<<DMY | 1<<MDY | 1<<YMD
	}
	return orderSets[set>>1]
}

// orderSets holds every subset of {DMY, MDY, YMD}, indexed by a bit mask
// with DMY as bit 0, so that DateOrders need not allocate.
var orderSets = func() [8][]Order {
	var sets [8][]Order
	for mask := 1; mask < 8; mask++ {
		for _, o := range []Order{DMY, MDY, YMD} {
			if mask&(1<<(o-1)) != 0 {
				sets[mask] = append(sets[mask], o)
			}
		}
	}
	return sets
}()

// readable reports whether r is a real calendar date in some century.
func readable(r reading) bool {
	if r.short {
		return validDate(1900+r.y, r.m, r.d) || validDate(2000+r.y, r.m, r.d)
	}
	return validDate(r.y, r.m, r.d)
}

// CheckDateOfBirth applies the API's rule for date_of_birth to a date
// found by other means (a HETU, a mapping constant): it must be on or
// after 1900-01-01 and strictly before today's date.
func CheckDateOfBirth(d, today time.Time) error {
	d = civil(d.Date())
	switch {
	case d.Before(oldestBirth):
		return fail("must not be before 1900-01-01", "check the year")
	case !d.Before(civil(today.Date())):
		return fail("must be a date in the past",
			"a date of birth must be before today; check the year")
	}
	return nil
}

// pickReading chooses the reading of f that o asks for, or the one date
// that all readings agree on, with its century settled.
func pickReading(f *dateForm, o Order, today time.Time) (reading, *Error) {
	if f.fixed {
		return settle(f.r[0], today, OrderUnknown)
	}
	if o != OrderUnknown {
		for _, r := range f.r[:f.n] {
			if r.order == o {
				return settle(r, today, o)
			}
		}
		return reading{}, fail("cannot be read in the date order "+orderName(o),
			"check the cell, or the --date-order set for its column")
	}
	var found reading
	var orders []string
	differ := false
	for _, r := range f.r[:f.n] {
		if s, err := settle(r, today, OrderUnknown); err == nil {
			differ = differ || (len(orders) > 0 && !sameDay(found, s))
			found = s
			orders = append(orders, orderName(r.order))
		}
	}
	switch {
	case len(orders) == 0:
		return reading{}, fail(ruleDateReal, hintDateCheck)
	case !differ:
		return found, nil
	}
	return reading{}, fail("is ambiguous: the day and the month could be either way round",
		"set --date-order "+strings.Join(orders, "|")+" for the column, "+
			"or write the date as YYYY-MM-DD")
}

func sameDay(a, b reading) bool { return a.y == b.y && a.m == b.m && a.d == b.d }

// settle gives a two-digit year its century, the latest one that puts
// the date before today, and checks that the date exists; o is the order
// the column was set to, if any, for the error's hint.
func settle(r reading, today time.Time, o Order) (reading, *Error) {
	if r.short {
		ty, tm, td := today.Date()
		r.y += ty / 100 * 100
		if r.y > ty || (r.y == ty && (r.m > int(tm) || (r.m == int(tm) && r.d >= td))) {
			r.y -= 100
		}
		r.short = false
	}
	if !validDate(r.y, r.m, r.d) {
		if o == OrderUnknown {
			return r, fail(ruleDateReal, hintDateCheck)
		}
		return r, fail(ruleDateReal, orderHint(o))
	}
	return r, nil
}

func orderName(o Order) string {
	switch o {
	case DMY:
		return "dmy"
	case MDY:
		return "mdy"
	case YMD:
		return "ymd"
	}
	return "unknown"
}

func orderHint(o Order) string {
	return "check the day and the month; the column is read in the order " +
		orderName(o) + " (--date-order)"
}

// validDate reports whether y-m-d is a day of the Gregorian calendar.
func validDate(y, m, d int) bool {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civil is the UTC midnight that starts a calendar day.
func civil[M ~int](y int, m M, d int) time.Time {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}
