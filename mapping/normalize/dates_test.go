package normalize

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// testToday is the fixed "today" of the date tests, in the afternoon and
// away from UTC, to show that only its calendar day counts.
var testToday = time.Date(2025, 6, 15, 16, 30, 0, 0, time.FixedZone("EEST", 3*3600))

func TestDate(t *testing.T) {
	tests := []struct {
		in   string
		o    Order
		want string
	}{
		{"1985-03-22", OrderUnknown, "1985-03-22"},
		{"1985-3-2", OrderUnknown, "1985-03-02"},
		{"1985-03-22T00:00:00", OrderUnknown, "1985-03-22"},
		{"1985-03-22 00:00:00", OrderUnknown, "1985-03-22"},
		{"1985-03-22T23:15:00.000Z", OrderUnknown, "1985-03-22"},
		{"1985-03-22T10:00:00+02:00", OrderUnknown, "1985-03-22"},
		{"1985/03/22", OrderUnknown, "1985-03-22"},
		{"1985-03-22", MDY, "1985-03-22"}, // ISO ignores the column's order
		{"22.03.1985", OrderUnknown, "1985-03-22"},
		{"22.3.85", OrderUnknown, "1985-03-22"},
		{"03.04.1985", OrderUnknown, "1985-04-03"}, // dots are always day first
		{"22. 3. 1985", OrderUnknown, "1985-03-22"},
		{"22.03.1985 00:00", OrderUnknown, "1985-03-22"},
		{"22/03/1985", OrderUnknown, "1985-03-22"},
		{"03/22/1985", OrderUnknown, "1985-03-22"},
		{"03/22/1985 12:00:00 AM", OrderUnknown, "1985-03-22"},
		{"03/03/1985", OrderUnknown, "1985-03-03"}, // both orders agree
		{"03/04/1985", DMY, "1985-04-03"},
		{"03/04/1985", MDY, "1985-03-04"},
		{"85/03/22", OrderUnknown, "1985-03-22"},
		{"03/04/05", YMD, "2003-04-05"},
		{"22-03-85", OrderUnknown, "1985-03-22"},
		{"22-03-1985", DMY, "1985-03-22"},
		{"19850322", OrderUnknown, "1985-03-22"},
		{"22 March 1985", OrderUnknown, "1985-03-22"},
		{"March 22, 1985", OrderUnknown, "1985-03-22"},
		{"march 22 1985", MDY, "1985-03-22"},
		{"22nd March 1985", OrderUnknown, "1985-03-22"},
		{"22. März 1985", OrderUnknown, "1985-03-22"},
		{"22. Maerz 1985", OrderUnknown, "1985-03-22"},
		{"22 Mar 1985", OrderUnknown, "1985-03-22"},
		{"22-Mar-85", OrderUnknown, "1985-03-22"},
		{"1. Dezember 1999", OrderUnknown, "1999-12-01"},
		{"22. maaliskuuta 1985", OrderUnknown, "1985-03-22"},
		{"22.maaliskuu 1985", OrderUnknown, "1985-03-22"},
		{"6. kesäkuuta 2001", OrderUnknown, "2001-06-06"},
		{"6. kesakuuta 2001", OrderUnknown, "2001-06-06"},
		{"1985 March 22", OrderUnknown, "1985-03-22"},
		{"30845", OrderUnknown, "1984-06-12"},
		{"30845.0", OrderUnknown, "1984-06-12"},
		{"30845.75", OrderUnknown, "1984-06-12"},
		{"36950", OrderUnknown, "2001-02-28"},
		// Two-digit years: the latest century that puts the date before today.
		{"14.06.25", OrderUnknown, "2025-06-14"},
		{"15.06.25", OrderUnknown, "1925-06-15"},
		{"01.01.00", OrderUnknown, "2000-01-01"},
		{"29.02.00", OrderUnknown, "2000-02-29"},
		{"\u00a022.03.1985\u200b", OrderUnknown, "1985-03-22"},
		{"1900-01-01", OrderUnknown, "1900-01-01"},
		{"2025-06-14", OrderUnknown, "2025-06-14"},
	}
	for _, tt := range tests {
		got, err := Date(tt.in, tt.o, false, testToday)
		if err != nil || got.Format(time.DateOnly) != tt.want || got.Location() != time.UTC ||
			got.Hour() != 0 {
			t.Errorf("Date(%q, %s) = %v, %v; want %s", tt.in, orderName(tt.o), got, err, tt.want)
		}
	}
}

func TestDate1904(t *testing.T) {
	tests := []struct {
		serial string
		want   string
	}{
		{"29383", "1984-06-12"}, // the 1900 system's 30845, less 1462 days
		{"3000", "1912-03-19"},
	}
	for _, tt := range tests {
		got, err := Date(tt.serial, OrderUnknown, true, testToday)
		if err != nil || got.Format(time.DateOnly) != tt.want {
			t.Errorf("Date(%q, 1904) = %v, %v; want %s", tt.serial, got, err, tt.want)
		}
	}
}

func TestDateErrors(t *testing.T) {
	form, real := "must be a date such as 1985-03-22", "must be a real calendar date"
	tests := []struct {
		in         string
		o          Order
		rule, hint string
	}{
		{"", OrderUnknown, "must not be empty", "fill in"},
		{"03/04/1985", OrderUnknown,
			"is ambiguous: the day and the month could be either way round",
			"set --date-order dmy|mdy for the column"},
		{"03/04/05", OrderUnknown,
			"is ambiguous: the day and the month could be either way round",
			"--date-order dmy|mdy|ymd"},
		{"2025-06-15", OrderUnknown, "must be a date in the past", "before today"},
		{"2031-01-01", OrderUnknown, "must be a date in the past", ""},
		{"12/31/2030", OrderUnknown, "must be a date in the past", ""},
		{"1899-12-31", OrderUnknown, "must not be before 1900-01-01", "check the year"},
		{"31.12.1899", OrderUnknown, "must not be before 1900-01-01", ""},
		{"1985-02-30", OrderUnknown, real, "check the day and the month"},
		{"1985-13-01", OrderUnknown, real, ""},
		{"31.04.1985", OrderUnknown, real, ""},
		{"29.02.1985", OrderUnknown, real, ""},
		{"13/13/1985", OrderUnknown, real, ""},
		{"22/03/1985", MDY, real, "read in the order mdy"},
		{"03/22/1985", DMY, real, "read in the order dmy"},
		{"22/03/1985", YMD, "cannot be read in the date order ymd", "--date-order"},
		{"1985", OrderUnknown, "must be a full date with day, month and year", "plain number"},
		{"22", OrderUnknown, "must be a full date with day, month and year", ""},
		{"22.03", OrderUnknown, "must be a full date with day, month and year", ""},
		{"220385", OrderUnknown, form, "with separators"},
		{"12345678901", OrderUnknown, form, ""},
		{"19851322", OrderUnknown, real, ""},
		{"March 1985", OrderUnknown, form, ""},
		{"22 Foo 1985", OrderUnknown, form, "its English, German or Finnish name"},
		{"22 March 85 1", OrderUnknown, form, ""},
		{"1985-03-22T25", OrderUnknown, form, ""},
		{"1985-03-22 kello 10:00", OrderUnknown, form, ""},
		{"22.03.1985 10:00 Uhr", OrderUnknown, form, ""},
		{"22/03-1985", OrderUnknown, form, ""},
		{"1.2.3.4", OrderUnknown, form, ""},
		{"22.03.198", OrderUnknown, form, ""},
		{"unknown", OrderUnknown, form, ""},
		{"-30845", OrderUnknown, form, ""},
	}
	for _, tt := range tests {
		got, err := Date(tt.in, tt.o, false, testToday)
		call := fmt.Sprintf("Date(%q, %s)", tt.in, orderName(tt.o))
		checkError(t, call, got, err, tt.rule, tt.hint)
	}
}

func TestDateOrders(t *testing.T) {
	all := []Order{DMY, MDY, YMD}
	tests := []struct {
		in   string
		want []Order
	}{
		{"13/03/1985", []Order{DMY}},
		{"22/03/1985", []Order{DMY}},
		{"03/22/1985", []Order{MDY}},
		{"03/04/1985", []Order{DMY, MDY}},
		{"03/03/1985", []Order{DMY, MDY}},
		{"03/04/05", all},
		{"85/03/22", []Order{YMD}},
		{"22-03-85", []Order{DMY}},
		{"29/02/00", []Order{DMY}}, // real in 2000
		{"1985-03-22", all},
		{"22.03.1985", all},
		{"22 March 1985", all},
		{"30845", all},
		{"19850322", all},
		{"13/13/1985", nil},
		{"1985-02-30", nil},
		{"1985", nil},
		{"", nil},
		{"hello", nil},
	}
	for _, tt := range tests {
		if got := DateOrders(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DateOrders(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheckDateOfBirth(t *testing.T) {
	tests := []struct {
		d    time.Time
		rule string
	}{
		{time.Date(1985, 3, 22, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(2025, 6, 14, 23, 0, 0, 0, time.UTC), ""},
		{time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC), "must be a date in the past"},
		{time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), "must not be before 1900-01-01"},
	}
	for _, tt := range tests {
		err := CheckDateOfBirth(tt.d, testToday)
		got := ""
		if err != nil {
			got = err.(*Error).Rule
		}
		if got != tt.rule {
			t.Errorf("CheckDateOfBirth(%v) = %q, want %q", tt.d, got, tt.rule)
		}
	}
}

func BenchmarkDate(b *testing.B) {
	cells := []string{"1985-03-22", "22.03.1985", "22/03/1985", "30845", "22. März 1985",
		"1985-03-22T00:00:00", "3/22/85"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Date(cells[i%len(cells)], DMY, false, testToday); err != nil &&
			i%len(cells) != 6 {
			b.Fatal(err)
		}
	}
}

// FuzzDate looks for cells that make Date or DateOrders panic, or give a
// date that breaks the API's rule.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"1985-03-22", "22.3.85", "03/04/05", "22 März 1985", "30845.5",
		"19850322", "1985-03-22T00:00:00+02:00", "12:00", " :", "1.2.3", "22nd", "T1:00"} {
		f.Add(s, uint8(0), false)
	}
	f.Fuzz(func(t *testing.T, s string, o uint8, date1904 bool) {
		_ = DateOrders(s)
		d, err := Date(s, Order(o%4), date1904, testToday)
		if err == nil && CheckDateOfBirth(d, testToday) != nil {
			t.Errorf("Date(%q) = %v, which breaks the date_of_birth rule", s, d)
		}
	})
}
