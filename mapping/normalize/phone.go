package normalize

import (
	"errors"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// maxPhoneDigits bounds the digits of a phone cell: a three-digit country
// code and the longest national number the library knows (17).
const maxPhoneDigits = 20

const hintPhoneCC = "write the number with + and its country code, such as +49 30 1234567"

// Phone reads a phone number and returns it in E.164 form (+4930123456).
//
// Numbers with a country code may be written +49 30 1234567,
// +49 (0)30 1234567 or 0049 30 1234567 (a leading 00 is read as +). A
// number without one ("030 1234567", "030/1234567", "0171-1234567")
// needs region, the two-letter country it belongs to (from
// --phone-region); without region it is an error saying so.
//
// Spreadsheet damage is undone where nothing is lost: a number that lost
// its + ("4930123456") or its leading 0 ("1711234567" in DE), or that was
// written in scientific notation holding all its digits
// ("4.930123456E+9"). When both repairs give valid numbers, the cell is
// ambiguous and an error. Scientific notation that rounded digits away
// ("4.93E+12", "4.93012345E+9") is an error. Every number must be valid
// in its country's numbering plan (libphonenumber's IsValidNumber); an
// impossible number is an error, never a guess.
func Phone(s, region string) (string, error) {
	digits, plus, cerr := cleanPhone(s)
	if cerr != nil {
		return "", cerr
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if region != "" && !KnownPhoneRegion(region) {
		return "", fail("cannot be read: the phone region is not a known country code",
			"set --phone-region to a two-letter country code such as DE, FI or US")
	}
	if plus {
		return international(digits)
	}
	if region == "" {
		return "", fail("has no country code",
			hintPhoneCC+", or set --phone-region (e.g. DE) for numbers written without one")
	}
	return national(digits, region)
}

// KnownPhoneRegion reports whether region (any case) is a country that
// [Phone] can read national numbers for, for checking --phone-region.
func KnownPhoneRegion(region string) bool {
	return PhoneCountryCode(region) != 0
}

// PhoneRegionOf is the main country of the calling code a phone cell is
// written with ("+44 7400 123456" gives GB); "" for a cell without one,
// or with a code of no country (+800).
func PhoneRegionOf(s string) string {
	digits, plus, err := cleanPhone(s)
	if err != nil || !plus {
		return ""
	}
	cc := callingCode(digits)
	if r := phonenumbers.GetRegionCodeForCountryCode(cc); cc != 0 && r != "001" && r != "ZZ" {
		return r
	}
	return ""
}

// PhoneCountryCode is a region's calling code (any case: "gb" gives 44),
// 0 for a region the library does not know.
func PhoneCountryCode(region string) int {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(strings.TrimSpace(region)))
}

// callingCode is the country calling code that digits start with, 0 when
// they start with none the library knows.
func callingCode(digits string) int {
	known := phonenumbers.GetSupportedCallingCodes()
	for n := 1; n <= 3 && n <= len(digits); n++ {
		if cc, err := strconv.Atoi(digits[:n]); err == nil && known[cc] {
			return cc
		}
	}
	return 0
}

// trunkZero reports whether region writes national numbers with a leading
// 0, as DE and FI do.
func trunkZero(region string) bool {
	return phonenumbers.GetNddPrefixForRegion(region, true) == "0"
}

// international reads the digits that followed a + or 00.
func international(digits string) (string, error) {
	if callingCode(digits) == 0 {
		return "", fail("has an unknown country code", "check the digits after the + or 00")
	}
	return resolve("+"+digits, "").value("")
}

// national reads digits written without + in region. Where numbers are
// written with a leading 0 at home (DE, FI), digits without it were most
// likely stored as a number by a spreadsheet, which drops a leading 0 or
// +: both repairs are tried, and when both give valid but different
// numbers the cell is ambiguous. Elsewhere (US) the digits are read as
// a national number, and as one that lost its + only when that fails.
func national(digits, region string) (string, error) {
	zero := trunkZero(region)
	r := resolve(digits, region)
	if digits[0] == '0' {
		return r.value(region)
	}
	first := r
	if r.reason != phoneValid && zero {
		r = resolve("0"+digits, region)
	}
	var rp phoneResult
	if callingCode(digits) != 0 && (zero || r.reason != phoneValid) {
		rp = resolve("+"+digits, "")
	} else {
		rp.reason = phoneInvalid
	}
	switch {
	case r.reason == phoneValid && rp.reason == phoneValid && r.e164 != rp.e164:
		return "", fail("is ambiguous: a national number that lost its leading 0, "+
			"or an international one that lost its +", hintPhoneCC)
	case r.reason == phoneValid:
		return r.e164, nil
	case rp.reason == phoneValid:
		return rp.e164, nil
	}
	return first.value(region)
}

// phoneReason is the outcome of reading a canonical number.
type phoneReason int

const (
	phoneValid phoneReason = iota
	phoneInvalid
	phoneTooShort
	phoneTooLong
	phoneBadCode
	phoneNotNumber
)

// phoneResult is a canonical number read: its E.164 form when valid.
type phoneResult struct {
	e164   string
	reason phoneReason
}

// value returns the E.164 form of a valid number, or the error that
// explains why it is not valid; region is the one it was read in, or ""
// for a number with a country code.
func (r phoneResult) value(region string) (string, error) {
	if r.reason == phoneValid {
		return r.e164, nil
	}
	return "", r.error(region)
}

// error explains why the number is not valid.
func (r phoneResult) error(region string) *Error {
	check := "check the digits"
	if region != "" {
		check = "check the digits, and that --phone-region " + region + " is the number's country"
	}
	switch r.reason {
	case phoneTooShort:
		return fail("has too few digits for a phone number of its country", check)
	case phoneTooLong:
		return fail("has too many digits for a phone number of its country",
			check+"; keep one number per cell")
	case phoneBadCode:
		return fail("has an unknown country code", "check the digits after the + or 00")
	case phoneNotNumber:
		return fail("must be a phone number", hintPhoneCC)
	}
	return fail("is not a valid phone number in its country's numbering plan", check)
}

// resolve reads canonical input ("+digits", or digits with a region) with
// the library. Parsing is most of its cost; quickResolve skips it for
// clean digits whose parse is plain, and the rest take the library's
// whole way.
func resolve(num, region string) phoneResult {
	if e164, ok := quickResolve(num, region); ok {
		return phoneResult{e164: e164}
	}
	return slowResolve(num, region)
}

// slowResolve is resolve through phonenumbers.Parse, which also explains
// why a number is not valid.
func slowResolve(num, region string) phoneResult {
	n, err := phonenumbers.Parse(num, region)
	if err != nil {
		return phoneResult{reason: parseReason(err)}
	}
	if !phonenumbers.IsValidNumber(n) {
		return phoneResult{reason: possibleReason(phonenumbers.IsPossibleNumberWithReason(n))}
	}
	return phoneResult{e164: phonenumbers.Format(n, phonenumbers.E164)}
}

func parseReason(err error) phoneReason {
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return phoneBadCode
	case errors.Is(err, phonenumbers.ErrTooShortNSN),
		errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		return phoneTooShort
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return phoneTooLong
	}
	return phoneNotNumber
}

func possibleReason(v phonenumbers.ValidationResult) phoneReason {
	switch v {
	case phonenumbers.TOO_SHORT:
		return phoneTooShort
	case phonenumbers.TOO_LONG:
		return phoneTooLong
	case phonenumbers.INVALID_COUNTRY_CODE:
		return phoneBadCode
	}
	return phoneInvalid
}
