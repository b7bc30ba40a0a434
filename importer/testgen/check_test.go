package testgen

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// checker is the tests' own reading of the API's rules, written apart from
// the generator so that it can catch the generator out. It says which
// defects a row of cells (in the order of Columns) carries. It knows the
// spellings the generator and the samples use, no more.
type checker struct {
	region string
	today  time.Time
}

// unclassified marks a cell that breaks no known rule yet is not valid
// either: a generator bug.
const unclassified = numDefects

var (
	acceptedSex = set("1", "2", "m", "w", "f", "n", "männlich", "weiblich", "mies", "nainen",
		"male", "female")
	acceptedLanguage = set("en", "de", "fi", "english", "deutsch", "german", "de-de",
		"suomi", "fi_fi", "finnish", "englanti")
	accessibleGroups = set(groupBerlin, groupHamburg, groupHelsinki, groupLeeds)
	exampleDomains   = set("example.com", "example.org", "example.net")
	isoDate          = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	dayFirstDate     = regexp.MustCompile(`^(\d{1,2})([./])(\d{1,2})([./])(\d{4}|\d{2})$`)
)

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

func (c checker) check(cells [NumColumns]string) []Defect {
	var found []Defect
	add := func(d Defect) {
		if d != NoDefect {
			found = append(found, d)
		}
	}
	add(checkName(cells[colFirst], true))
	add(checkName(cells[colLast], false))
	add(checkSex(cells[colSex]))
	add(c.checkDate(cells[colDOB]))
	add(checkEmail(cells[colEmail]))
	add(c.checkPhone(cells[colPhone]))
	add(checkMeasure(cells[colHeight], ZeroHeight, 100, 230))
	add(checkMeasure(cells[colWeight], NegativeWeight, 30, 200))
	add(checkLanguage(cells[colLanguage]))
	add(checkGroup(cells[colGroup]))
	return found
}

func checkName(s string, first bool) Defect {
	if s == "" {
		if first {
			return MissingFirstName
		}
		return NoDefect
	}
	for _, r := range s {
		switch {
		case unicode.IsDigit(r) && first:
			return DigitInName
		case unicode.IsDigit(r):
			return DigitInLastName
		case unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r):
			if first {
				return CyrillicName
			}
			return unclassified
		case !unicode.IsLetter(r) && !strings.ContainsRune(" -'.", r):
			return unclassified
		}
	}
	return NoDefect
}

func checkSex(s string) Defect {
	switch {
	case s == "":
		return MissingSex
	case acceptedSex[strings.ToLower(s)]:
		return NoDefect
	}
	return UnknownSex
}

// parseDate reads the text dates the generator writes. ok is false when
// the text has no date shape; valid is false when the day does not exist.
func parseDate(s string) (t time.Time, ok, valid bool) {
	var y, m, d int
	if p := isoDate.FindStringSubmatch(s); p != nil {
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	} else if p := dayFirstDate.FindStringSubmatch(s); p != nil && p[2] == p[4] {
		d, m, y = atoi(p[1]), atoi(p[3]), atoi(p[5])
		if len(p[5]) == 2 {
			y += 1900
		}
	} else {
		return time.Time{}, false, false
	}
	t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, true, t.Day() == d && int(t.Month()) == m
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (c checker) checkDate(s string) Defect {
	if s == "" {
		return MissingBirthDate
	}
	t, ok, valid := parseDate(s)
	switch {
	case !ok:
		return unclassified
	case !valid:
		return ImpossibleDate
	case t.Year() < 1900:
		return BirthBefore1900
	case !t.Before(c.today):
		return FutureBirth
	}
	return NoDefect
}

func checkEmail(s string) Defect {
	if s == "" {
		return NoDefect
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || strings.Contains(s, " ") ||
		!strings.Contains(domain, ".") {
		return BrokenEmail
	}
	if !exampleDomains[domain] {
		return unclassified
	}
	return NoDefect
}

func (c checker) checkPhone(s string) Defect {
	if s == "" {
		return NoDefect
	}
	n, err := phonenumbers.Parse(s, c.region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return ImpossiblePhone
	}
	return NoDefect
}

// measureValue reads a height or weight: decimal comma or point, an
// optional unit. Metres come back as centimetres.
func measureValue(s string) (float64, bool) {
	scale := 1.0
	for _, unit := range []string{" cm", " kg", " m"} {
		if rest, ok := strings.CutSuffix(s, unit); ok {
			s = rest
			if unit == " m" {
				scale = 100
			}
		}
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		return 0, false
	}
	if v > 0 && v < 3 { // metres without a unit
		scale = 100
	}
	return v * scale, true
}

func checkMeasure(s string, bad Defect, lo, hi float64) Defect {
	if s == "" {
		return NoDefect
	}
	v, ok := measureValue(s)
	switch {
	case !ok:
		return unclassified
	case v <= 0:
		return bad
	case v < lo || v > hi:
		return unclassified
	}
	return NoDefect
}

func checkLanguage(s string) Defect {
	if s == "" || acceptedLanguage[strings.ToLower(s)] {
		return NoDefect
	}
	return UnknownLanguage
}

func checkGroup(s string) Defect {
	switch {
	case accessibleGroups[s]:
		return NoDefect
	case s == groupForbidden:
		return ForbiddenGroup
	}
	return UnknownGroup
}
