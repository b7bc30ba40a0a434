package normalize

import (
	"strings"
	"time"
)

// hetuChecks is the table of check characters: the remainder of the nine
// digits DDMMYYZZZ divided by 31 picks one.
const hetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

const hetuHint = "check the code against the patient's records; it is not sent to the API"

// HETU reads a Finnish personal identity code (henkilötunnus, DDMMYYCZZZQ)
// and returns the date of birth and sex it encodes: 1 (male) when the
// individual number ZZZ is odd, 2 (female) when it is even.
//
// The century sign C is + for the 1800s, - or U–Y for the 1900s and A–F
// for the 2000s. The check character Q is verified, and the date must
// exist; whether it is in the past is left to [CheckDateOfBirth], which
// the caller applies as to any other birth date. Errors never quote the
// code or any part of it.
func HETU(s string) (dob time.Time, sex int, err error) {
	c := strings.ToUpper(tidy(s))
	if c == "" {
		return time.Time{}, 0, fail(ruleEmpty, "fill in the code or leave the column out")
	}
	if len(c) != 11 || !isDigits(c[:6]) || !isDigits(c[7:10]) {
		return time.Time{}, 0, fail("must be a personal identity code of the form DDMMYYCZZZQ",
			hetuHint)
	}
	century := hetuCentury(c[6])
	if century == 0 {
		return time.Time{}, 0, fail("has an unknown century sign (allowed: + - A–F U–Y)",
			hetuHint)
	}
	if hetuChecks[atoi(c[:6]+c[7:10])%31] != c[10] {
		return time.Time{}, 0, fail("has a check character that does not match", hetuHint)
	}
	if n := atoi(c[7:10]); n < 2 {
		return time.Time{}, 0, fail("has an individual number that is never issued", hetuHint)
	}
	y, m, d := century+atoi(c[4:6]), atoi(c[2:4]), atoi(c[:2])
	if !validDate(y, m, d) {
		return time.Time{}, 0, fail("holds a date of birth that does not exist", hetuHint)
	}
	sex = female
	if atoi(c[7:10])%2 == 1 {
		sex = male
	}
	return civil(y, m, d), sex, nil
}

// hetuCentury gives the century a sign stands for, or 0 for no sign.
func hetuCentury(c byte) int {
	switch {
	case c == '+':
		return 1800
	case c == '-' || (c >= 'U' && c <= 'Y'):
		return 1900
	case c >= 'A' && c <= 'F':
		return 2000
	}
	return 0
}

// atoi reads a string of ASCII digits that the caller has checked.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
