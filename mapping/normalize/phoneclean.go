package normalize

import (
	"strings"
)

// cleanPhone reduces a phone cell to its digits, and whether they follow
// a + (or 00) and so start with a country code. It undoes what a
// spreadsheet does to a number that it stored as a number.
func cleanPhone(s string) (digits string, plus bool, err *Error) {
	s = strings.TrimPrefix(tidy(s), "'") // a leading ' marks text in a spreadsheet
	if s == "" {
		return "", false, fail(ruleEmpty, "fill in the number or leave the column out")
	}
	if d, ok, err := fromScientific(s); err != nil {
		return "", false, err
	} else if ok {
		return checkDigits([]byte(d), false)
	}
	if whole, frac, ok := strings.Cut(s, "."); ok && isDigits(whole) && whole[0] != '0' &&
		strings.Trim(frac, "0") == "" && frac != "" {
		s = whole // 4930123456.0: a number stored as a decimal
	}
	if (strings.HasPrefix(s, "+") || strings.HasPrefix(s, "00")) && strings.Contains(s, "(0)") {
		s = strings.Replace(s, "(0)", "", 1) // +49 (0)30: the 0 is dialled only at home
	}
	var buf [maxPhoneDigits]byte
	n := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if n == len(buf) {
				return "", false, fail("has too many digits for a phone number",
					"keep one number per cell")
			}
			buf[n] = byte(r)
			n++
		case r == '+' && i == 0:
			plus = true
		case r == ' ' || r == '-' || r == '/' || r == '.' || r == '(' || r == ')' || r == '–':
		default:
			return "", false, fail("must be a phone number; found "+quoteRune(r),
				"keep one number per cell, with only digits, spaces and + ( ) - / .; "+
					"put extensions and notes elsewhere")
		}
	}
	return checkDigits(buf[:n], plus)
}

// checkDigits reads a leading 00 as + and checks the number of digits.
func checkDigits(d []byte, plus bool) (string, bool, *Error) {
	if !plus && len(d) > 2 && d[0] == '0' && d[1] == '0' && d[2] != '0' {
		d, plus = d[2:], true // 0049…: the international prefix of most of Europe
	}
	switch {
	case len(d) < 3:
		return "", false, fail("has too few digits for a phone number", hintPhoneCC)
	case len(d) > maxPhoneDigits:
		return "", false, fail("has too many digits for a phone number", "keep one number per cell")
	}
	return string(d), plus, nil
}

// fromScientific reads a number that a spreadsheet wrote in scientific
// notation ("4.930123456E+9", "4,93E+12"). ok is false when s is not in
// that notation. The digits are exact only when the mantissa holds all
// of them; when the exponent asks for more, the spreadsheet rounded them
// away (it drops trailing digits, zeros or not), and that is an error.
func fromScientific(s string) (digits string, ok bool, err *Error) {
	e := strings.IndexAny(s, "eE")
	if e <= 0 {
		return "", false, nil
	}
	mant, exp := s[:e], strings.TrimPrefix(s[e+1:], "+")
	whole, frac, _ := strings.Cut(strings.Replace(mant, ",", ".", 1), ".")
	if !isDigits(whole) || (frac != "" && !isDigits(frac)) || !isDigits(exp) || len(exp) > 2 {
		return "", false, nil
	}
	switch x := atoi(exp); {
	case x > len(frac):
		return "", false, fail("has lost digits: a spreadsheet stored it as a rounded number",
			"format the phone column as text in the spreadsheet and export the file again")
	case x < len(frac):
		return "", false, fail("must be a phone number, not a decimal number", hintPhoneCC)
	}
	return strings.TrimLeft(whole+frac, "0"), true, nil
}
