package normalize

import (
	"strings"
	"unicode"
)

// months maps month names and abbreviations in English, German and
// Finnish, lowercased, to the month's number. Spellings without umlauts
// (maerz, marz, kesakuu) are included.
var months = buildMonths()

func buildMonths() map[string]int {
	names := [12][]string{
		{"january", "jan", "januar", "jänner", "jän"},
		{"february", "feb", "februar", "feber"},
		{"march", "mar", "märz", "mär", "mrz", "maerz"},
		{"april", "apr"},
		{"may", "mai"},
		{"june", "jun", "juni"},
		{"july", "jul", "juli"},
		{"august", "aug"},
		{"september", "sep", "sept"},
		{"october", "oct", "oktober", "okt"},
		{"november", "nov"},
		{"december", "dec", "dezember", "dez"},
	}
	// Finnish names are a stem and kuu (month), in the forms a date uses:
	// maaliskuu, maaliskuuta, maaliskuun, and the abbreviation maalisk.
	stems := [12]string{"tammi", "helmi", "maalis", "huhti", "touko", "kesä",
		"heinä", "elo", "syys", "loka", "marras", "joulu"}
	m := make(map[string]int)
	for i := range names {
		words := names[i]
		for _, end := range []string{"kuu", "kuuta", "kuun", "k"} {
			words = append(words, stems[i]+end)
		}
		for _, w := range words {
			m[w] = i + 1
			m[strings.ReplaceAll(w, "ä", "a")] = i + 1
		}
	}
	return m
}

// parseWritten reads a date whose month is a word: "22 March 1985",
// "March 22, 1985", "22. März 1985", "22.maaliskuuta 1985", "22-Mar-85",
// "1985 March 22". Ordinal endings (22nd) are allowed.
func parseWritten(s string) (dateForm, *Error) {
	toks, ok := dateTokens(s)
	if !ok || len(toks) != 3 {
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	var month int
	var nums []string
	for _, t := range toks {
		if isDigit(t[0]) {
			nums = append(nums, t)
		} else if month = months[t]; month == 0 {
			return dateForm{}, fail(ruleDateForm, "write the month as a number or "+
				"its English, German or Finnish name")
		}
	}
	if len(nums) != 2 || !isDigit(toks[2][0]) {
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	day, year := nums[0], nums[1]
	if len(day) == 4 && !isDigit(toks[1][0]) { // 1985 March 22
		day, year = year, day
	}
	if len(day) > 2 || (len(year) != 2 && len(year) != 4) {
		return dateForm{}, fail(ruleDateForm, hintDateForm)
	}
	r := reading{order: DMY, y: atoi(year), m: month, d: atoi(day), short: len(year) == 2}
	return dateForm{fixed: true, n: 1, r: [3]reading{r}}, nil
}

// dateTokens splits s into lowercased words and digit runs, dropping
// separators and the ordinal endings st, nd, rd, th after a number. ok is
// false for more than three tokens or digits of other scripts.
func dateTokens(s string) (toks []string, ok bool) {
	var buf [3]string
	n, start, kind := 0, 0, 0 // kind: 0 separator, 1 digits, 2 letters
	for i, r := range s {
		k := 0
		switch {
		case r >= '0' && r <= '9':
			k = 1
		case unicode.IsLetter(r):
			k = 2
		case unicode.IsDigit(r):
			return nil, false
		}
		if k == kind {
			continue
		}
		if kind != 0 && !isOrdinal(s, start, i) {
			if n == len(buf) {
				return nil, false
			}
			buf[n] = strings.ToLower(s[start:i])
			n++
		}
		start, kind = i, k
	}
	if kind != 0 && !isOrdinal(s, start, len(s)) {
		if n == len(buf) {
			return nil, false
		}
		buf[n] = strings.ToLower(s[start:])
		n++
	}
	return buf[:n], true
}

// isOrdinal reports whether s[start:end] is the ending of an ordinal
// number written right after its digits, as in 22nd.
func isOrdinal(s string, start, end int) bool {
	if start == 0 || !isDigit(s[start-1]) || end-start != 2 {
		return false
	}
	switch strings.ToLower(s[start:end]) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}
