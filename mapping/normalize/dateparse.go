package normalize

import (
	"strings"
	"time"
	"unicode"
)

// parseDate finds the readings of a tidy, non-empty date cell.
func parseDate(s string, date1904 bool) (dateForm, *Error) {
	if s == "" {
		return dateForm{}, fail(ruleEmpty, "fill in the date of birth")
	}
	if isPlainNumber(s) {
		return parseNumber(s, date1904)
	}
	s, ok := cutClock(s)
	if !ok {
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return parseWritten(s)
		}
	}
	return parseNumeric(s)
}

// isPlainNumber reports digits with an optional decimal part, the way a
// spreadsheet date cell arrives as its stored value.
func isPlainNumber(s string) bool {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(s) && (s[i] == '.' || s[i] == ',') {
		return isDigits(s[i+1:])
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseNumber reads a plain number: eight digits are YYYYMMDD, others a
// spreadsheet serial day number (its fraction, the time of day, dropped).
func parseNumber(s string, date1904 bool) (dateForm, *Error) {
	whole := s
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		whole = s[:i]
	}
	if len(whole) == 8 {
		y, m, d := atoi(whole[:4]), atoi(whole[4:6]), atoi(whole[6:])
		return dateForm{fixed: true, n: 1, r: [3]reading{{order: YMD, y: y, m: m, d: d}}}, nil
	}
	if len(whole) > 6 {
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	n := atoi(whole)
	switch {
	case n < minSerial:
		return dateForm{}, fail("must be a full date with day, month and year",
			"the cell holds a plain number, not a date; "+hintDateForm)
	case n > maxSerial:
		return dateForm{}, fail(ruleDateForm,
			"write the date with separators, such as 22.03.1985")
	}
	y, m, d := fromSerial(n, date1904).Date()
	return dateForm{fixed: true, n: 1, r: [3]reading{{y: y, m: int(m), d: d}}}, nil
}

// fromSerial turns a spreadsheet's day number into a date. In the 1900
// system day 1 is 1900-01-01 and day 60 is a 29 February 1900 that never
// was (kept from Lotus 1-2-3), so later days count from 1899-12-30. In the
// 1904 system day 0 is 1904-01-01. Callers pass n >= minSerial.
func fromSerial(n int, date1904 bool) time.Time {
	if date1904 {
		return civil(1904, 1, 1).AddDate(0, 0, n)
	}
	return civil(1899, 12, 30).AddDate(0, 0, n)
}

// cutClock removes a time of day after the date ("…T00:00:00",
// "… 00:00", "… 12:00:00 AM", "…T10:00:00+02:00"). ok is false when what
// follows the date is not a time.
func cutClock(s string) (date string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return s, true
	}
	j := i
	for j > 0 && isDigit(s[j-1]) {
		j--
	}
	if i-j < 1 || i-j > 2 || j < 2 || (s[j-1] != ' ' && s[j-1] != 'T') {
		return "", false
	}
	if !isClock(s[j:]) {
		return "", false
	}
	return strings.TrimSpace(s[:j-1]), true
}

// isClock reports whether t is a time: H:MM, optionally :SS and a
// fraction, then optionally AM/PM and a zone (Z, +02, +02:00, -0500).
func isClock(t string) bool {
	t, ok := cutDigits(t, 1, 2)
	for k := 0; ok && k < 2 && strings.HasPrefix(t, ":"); k++ {
		t, ok = cutDigits(t[1:], 2, 2)
	}
	if !ok {
		return false
	}
	if len(t) > 1 && (t[0] == '.' || t[0] == ',') {
		if t, ok = cutDigits(t[1:], 1, 9); !ok {
			return false
		}
	}
	t = strings.TrimSpace(t)
	for _, m := range []string{"a.m.", "p.m.", "am", "pm"} {
		if len(t) >= len(m) && strings.EqualFold(t[:len(m)], m) {
			t = strings.TrimSpace(t[len(m):])
			break
		}
	}
	return isZone(t)
}

// isZone reports an empty string, Z, or a UTC offset.
func isZone(t string) bool {
	if t == "" || t == "Z" {
		return true
	}
	if t[0] != '+' && t[0] != '-' {
		return false
	}
	t = strings.Replace(t[1:], ":", "", 1)
	return isDigits(t) && (len(t) == 2 || len(t) == 4)
}

// cutDigits removes min to max leading ASCII digits from t.
func cutDigits(t string, min, max int) (string, bool) {
	n := 0
	for n < len(t) && n < max && isDigit(t[n]) {
		n++
	}
	if n < min || (n < len(t) && isDigit(t[n])) {
		return t, false
	}
	return t[n:], true
}

// parseNumeric reads three numbers separated by dots, slashes or dashes.
func parseNumeric(s string) (dateForm, *Error) {
	p, sep, ok := splitNumeric(s)
	if !ok {
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	a, b, c := atoi(p[0]), atoi(p[1]), atoi(p[2])
	switch {
	case len(p[0]) == 4 && len(p[1]) <= 2 && len(p[2]) <= 2:
		return dateForm{fixed: true, n: 1, r: [3]reading{{order: YMD, y: a, m: b, d: c}}}, nil
	case len(p[0]) > 2 || len(p[1]) > 2 || (len(p[2]) != 2 && len(p[2]) != 4):
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	short := len(p[2]) == 2
	f := dateForm{fixed: sep == '.'}
	f.add(reading{order: DMY, y: c, m: b, d: a, short: short})
	if sep != '.' {
		f.add(reading{order: MDY, y: c, m: a, d: b, short: short})
		if short && len(p[0]) == 2 {
			f.add(reading{order: YMD, y: a, m: b, d: c, short: true})
		}
	}
	return f, nil
}

// splitNumeric splits "22.03.1985", "22. 3. 1985", "03/22/1985" or
// "22-03-85" into its three digit groups and the separator. A trailing
// period is allowed after a dotted date.
func splitNumeric(s string) (parts [3]string, sep byte, ok bool) {
	if strings.IndexByte(s, ' ') >= 0 {
		s = strings.ReplaceAll(s, " ", "")
	}
	i := strings.IndexAny(s, "./-")
	if i < 0 {
		return parts, 0, false
	}
	sep = s[i]
	if sep == '.' {
		s = strings.TrimSuffix(s, ".")
	}
	for k := 0; k < 3; k++ {
		j := strings.IndexByte(s, sep)
		if k == 2 {
			j = len(s)
		}
		if j <= 0 || !isDigits(s[:j]) {
			return parts, 0, false
		}
		parts[k] = s[:j]
		s = s[min(j+1, len(s)):]
	}
	return parts, sep, s == ""
}
