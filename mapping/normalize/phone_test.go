package normalize

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestPhone(t *testing.T) {
	tests := []struct {
		in, region, want string
	}{
		{"030 1234567", "DE", "+49301234567"},
		{"030/1234567", "DE", "+49301234567"},
		{"0171-1234567", "DE", "+491711234567"},
		{"(030) 123 45 67", "de", "+49301234567"},
		{"040 1234567", "FI", "+358401234567"},
		{"+49 (0)30 1234567", "", "+49301234567"},
		{"+49 (0)30 1234567", "FI", "+49301234567"},
		{"0049 30 1234567", "", "+49301234567"},
		{"0049301234567", "DE", "+49301234567"},
		{"00358 40 1234567", "", "+358401234567"},
		{"+358 40 123 4567", "DE", "+358401234567"},
		{"+1 415 555 2671", "", "+14155552671"},
		{"(415) 555-2671", "US", "+14155552671"},
		{"1-415-555-2671", "US", "+14155552671"},
		{"+44 20 7946 0958", "", "+442079460958"},
		{"'+49 30 1234567", "", "+49301234567"},
		{"\u00a0+49\u00a030\u200b1234567 ", "", "+49301234567"},
		{"011 49 30 1234567", "US", "+49301234567"},
		// What a spreadsheet leaves of numbers it stored as numbers.
		{"4930123456", "DE", "+4930123456"},
		{"4930123456.0", "DE", "+4930123456"},
		{"1711234567", "DE", "+491711234567"},
		{"301234567", "DE", "+49301234567"},
		{"401234567", "FI", "+358401234567"},
		{"358401234567", "FI", "+358401234567"},
		{"4.930123456E+9", "DE", "+4930123456"},
		{"4,930123456e9", "DE", "+4930123456"},
		{"4155552671", "US", "+14155552671"},
		{"14155552671", "DE", "+14155552671"},
	}
	for _, tt := range tests {
		got, err := Phone(tt.in, tt.region)
		if err != nil || got != tt.want {
			t.Errorf("Phone(%q, %q) = %q, %v; want %q", tt.in, tt.region, got, err, tt.want)
		}
	}
}

func TestPhoneErrors(t *testing.T) {
	tests := []struct {
		in, region, rule, hint string
	}{
		{"", "DE", "must not be empty", ""},
		{"030 1234567", "", "has no country code", "set --phone-region"},
		{"4930123456", "", "has no country code", "set --phone-region"},
		{"030 1234567", "XX", "cannot be read: the phone region is not a known country code",
			"set --phone-region"},
		{"4.93012345E+9", "DE", "has lost digits: a spreadsheet stored it as a rounded number",
			"format the phone column as text"},
		{"4.93E+12", "DE", "has lost digits: a spreadsheet stored it as a rounded number", ""},
		{"4.9301234567E+9", "DE", "must be a phone number, not a decimal number", ""},
		{"030 1234567 ext. 12", "DE", "must be a phone number; found 'e'", "put extensions"},
		{"n/a", "DE", "must be a phone number; found 'n'", ""},
		{"030 1234567 / 0171 1234567", "DE", "has too many digits for a phone number", ""},
		{"+49 30 1234567, +49 171 1234567", "DE", "must be a phone number; found ','", ""},
		{"12", "DE", "has too few digits for a phone number", ""},
		{"0,000000000e9", "DE", "has too few digits for a phone number", ""},
		{"+999 1234567", "DE", "has an unknown country code", "after the + or 00"},
		{"+0 30 1234567", "", "has an unknown country code", ""},
		{"+4155552671", "", "has too few digits for a phone number of its country", ""},
		{"030 12", "DE", "is not a valid phone number in its country's numbering plan",
			"--phone-region DE"},
		{"0171 12345678901234567", "DE", "has too many digits for a phone number", ""},
		{"+1 415 055 2671", "", "is not a valid phone number in its country's numbering plan", ""},
		{"358401234567", "DE", "is ambiguous: a national number that lost its leading 0, " +
			"or an international one that lost its +", "with + and its country code"},
	}
	for _, tt := range tests {
		got, err := Phone(tt.in, tt.region)
		checkError(t, fmt.Sprintf("Phone(%q, %q)", tt.in, tt.region), got, err, tt.rule, tt.hint)
	}
}

// benchPhones are distinct, valid, realistic cells in the forms of the
// samples, with the region each is read in.
func benchPhones(tb testing.TB, n int) (cells, regions []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	forms := []struct{ format, region string }{
		{"030 %07d", "DE"}, {"0171-%07d", "DE"}, {"+49 (0)30 %07d", "DE"},
		{"0049 89 %07d", "DE"}, {"040 %07d", "FI"}, {"+358 40 %07d", "FI"},
		{"09 %07d", "FI"}, {"(415) 555-%04d", "US"}, {"+1 212 %07d", "US"},
	}
	seen := make(map[string]bool)
	for len(cells) < n {
		f := forms[len(cells)%len(forms)]
		cell := fmt.Sprintf(f.format, 2000000+rng.IntN(7000000))
		if f.region == "US" && f.format[0] == '(' {
			cell = fmt.Sprintf(f.format, rng.IntN(10000))
		}
		num, err := phonenumbers.Parse(cell, f.region)
		if seen[cell] || err != nil || !phonenumbers.IsValidNumber(num) {
			continue
		}
		seen[cell] = true
		cells, regions = append(cells, cell), append(regions, f.region)
	}
	return cells, regions
}

// BenchmarkPhone reads distinct numbers one after another.
func BenchmarkPhone(b *testing.B) {
	cells, regions := benchPhones(b, 1<<13)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(cells)
		if _, err := Phone(cells[k], regions[k]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPhoneParallel reads distinct numbers on every core at once.
func BenchmarkPhoneParallel(b *testing.B) {
	cells, regions := benchPhones(b, 1<<13)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for k := 0; pb.Next(); k = (k + 1) % len(cells) {
			if _, err := Phone(cells[k], regions[k]); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkPhoneLibrary is the naive way, for comparison: the library's
// Parse, IsValidNumber and Format on the same cells.
func BenchmarkPhoneLibrary(b *testing.B) {
	cells, regions := benchPhones(b, 1<<13)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(cells)
		num, err := phonenumbers.Parse(cells[k], regions[k])
		if err != nil || !phonenumbers.IsValidNumber(num) {
			b.Fatal("invalid benchmark number")
		}
		_ = phonenumbers.Format(num, phonenumbers.E164)
	}
}

// FuzzPhone looks for cells that make Phone panic or return a value
// that is not E.164.
func FuzzPhone(f *testing.F) {
	for _, s := range []string{"030 1234567", "+49 (0)30 1234567", "0049…", "4.93E+12",
		"4,930123456e9", "'+358 40 1234567", "1711234567", "(0)", "+", "00", "e9", "1e99"} {
		f.Add(s, "DE")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, region string) {
		got, err := Phone(s, region)
		if err == nil && (len(got) < 4 || got[0] != '+' || !isDigits(got[1:])) {
			t.Errorf("Phone(%q, %q) = %q, not E.164", s, region, got)
		}
	})
}
