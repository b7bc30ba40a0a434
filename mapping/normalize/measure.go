package normalize

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The human ranges a height or a weight must lie in, after conversion to
// centimetres and kilograms: from a premature newborn to the tallest and
// heaviest people on record.
const (
	minHeight, maxHeight = 20, 275
	minWeight, maxWeight = 0.2, 650
)

const (
	cmPerInch = 2.54
	kgPerLb   = 0.45359237
)

// unitWords maps the unit names and symbols that clinics write, in
// English, German and Finnish, to units.
var unitWords = map[string]Unit{
	"cm": Centimetre, "cms": Centimetre, "centimeter": Centimetre,
	"centimeters": Centimetre, "centimetre": Centimetre, "centimetres": Centimetre,
	"zentimeter": Centimetre, "sentti": Centimetre, "senttiä": Centimetre,
	"senttimetri": Centimetre, "senttimetriä": Centimetre,
	"m": Metre, "meter": Metre, "meters": Metre, "metre": Metre, "metres": Metre,
	"metri": Metre, "metriä": Metre,
	"in": Inch, "inch": Inch, "inches": Inch, "zoll": Inch, `"`: Inch, "″": Inch,
	"kg": Kilogram, "kgs": Kilogram, "kilo": Kilogram, "kilos": Kilogram,
	"kilogram": Kilogram, "kilograms": Kilogram, "kilogramm": Kilogram,
	"kilogramme": Kilogram, "kiloa": Kilogram,
	"lb": Pound, "lbs": Pound, "pound": Pound, "pounds": Pound,
}

// Measure reads a height (height true) in centimetres or a weight in
// kilograms: a value in those units to two decimals (a newborn's 3,45 kg
// stays 3.45), a converted one to one decimal.
//
// The number may use a decimal comma or point and an exponent ("168",
// "168.0" and "1,68e2" are all 168). A unit in the value ("1,68 m",
// "168 cm", "65 kg", "154 lb", "154 lbs", "66 in", and feet and inches as
// 5'6" or 5 ft 6 in) wins over u, the unit of the column from its header
// or the mapping file; with neither, heights are in centimetres and
// weights in kilograms (a caller that finds a height column of values
// between 0.5 and 2.5 passes Metre). A height must come out between 20
// and 275 cm and a weight between 0.2 and 650 kg; a weight unit on a
// height, or the other way round, is an error.
func Measure(s string, u Unit, height bool) (float64, error) {
	s = tidy(s)
	if s == "" {
		return 0, fail(ruleEmpty, "fill in the number or leave the column out")
	}
	num, rest := cutNumber(s)
	v, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	if num == "" || err != nil || (rest != "" && !startsUnit(rest)) {
		return 0, fail("must be a number such as 168 or 1,68 m",
			"write a number, optionally followed by its unit")
	}
	if rest != "" {
		var uerr *Error
		if v, u, uerr = valueUnit(v, rest); uerr != nil {
			return 0, uerr
		}
	}
	if err := unitFits(u, height); err != nil {
		return 0, err
	}
	return inRange(round(convert(v, u), u), u, height)
}

// round keeps a value given in the API's own unit to two decimals, as a
// scale writes a newborn's 3,45 kg; a converted one gets one decimal, as
// 66 in (167.64 cm) holds no more precision than that.
func round(v float64, u Unit) float64 {
	if u == Metre || u == Inch || u == Pound {
		return math.Round(v*10) / 10
	}
	return math.Round(v*100) / 100
}

// startsUnit reports whether rest, what follows a number, can start a
// unit: a letter or a mark of feet or inches. "1.234,5" has none.
func startsUnit(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r) || strings.ContainsRune(`'′"″`, r)
}

// cutNumber splits s after its leading number: an optional minus sign,
// digits, an optional decimal part after a point or comma, and an
// optional exponent. The rest is returned trimmed.
func cutNumber(s string) (num, rest string) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return "", s
	}
	if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && isDigit(s[i+1]) {
		for i++; i < len(s) && isDigit(s[i]); i++ {
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for i = j; i < len(s) && isDigit(s[i]); i++ {
			}
		}
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// valueUnit reads the unit written after the number, including the
// inches that follow feet.
func valueUnit(v float64, rest string) (float64, Unit, *Error) {
	if r, ok := cutFeet(rest); ok {
		inches, err := feetInches(v, r)
		return inches, Inch, err
	}
	u := unitWords[strings.TrimSuffix(strings.ToLower(rest), ".")]
	if u == UnitNone {
		return 0, 0, fail("has a unit other than cm, m, in, kg or lb",
			"write the value in one of these units, or the number alone")
	}
	return v, u, nil
}

// cutFeet removes a feet mark (', ′ or ft) from the start of rest.
func cutFeet(rest string) (string, bool) {
	for _, mark := range []string{"'", "′", "ft", "FT", "Ft"} {
		if strings.HasPrefix(rest, mark) {
			return strings.TrimSpace(rest[len(mark):]), true
		}
	}
	return rest, false
}

// feetInches adds the inches written after feet ("6\"", "6 in", "6").
func feetInches(feet float64, rest string) (float64, *Error) {
	inches := 12 * feet
	if rest == "" {
		return inches, nil
	}
	num, mark := cutNumber(rest)
	v, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	mark = strings.ToLower(mark)
	if num == "" || err != nil || v < 0 || v >= 12 ||
		(mark != "" && mark != `"` && mark != "″" && mark != "''" && mark != "in") {
		return 0, fail("must be feet and inches such as 5'6\"",
			"write the height as 5'6\" or in centimetres")
	}
	return inches + v, nil
}

// unitFits rejects a weight unit on a height and a length unit on a weight.
func unitFits(u Unit, height bool) *Error {
	weightUnit := u == Kilogram || u == Pound
	switch {
	case height && weightUnit:
		return fail("has a unit of weight, not of height",
			"check the value, or whether this column is the weight")
	case !height && u != UnitNone && !weightUnit:
		return fail("has a unit of length, not of weight",
			"check the value, or whether this column is the height")
	}
	return nil
}

// convert turns v in unit u into centimetres or kilograms.
func convert(v float64, u Unit) float64 {
	switch u {
	case Metre:
		return v * 100
	case Inch:
		return v * cmPerInch
	case Pound:
		return v * kgPerLb
	}
	return v
}

// inRange checks a converted value against the human range.
func inRange(v float64, u Unit, height bool) (float64, error) {
	lo, hi, unit := float64(minHeight), float64(maxHeight), "cm"
	if !height {
		lo, hi, unit = minWeight, maxWeight, "kg"
	}
	if v >= lo && v <= hi {
		return v, nil
	}
	hint := "check the value and its unit"
	switch {
	case height && u == UnitNone && v > 0 && v < 3:
		hint = "if the column is in metres, write the unit (1,68 m) or set the column's unit to m"
	case u == UnitNone:
		hint = "check the value; if the column has another unit, write it after the number"
	}
	return 0, failf(hint, "must be between %g and %g %s", lo, hi, unit)
}

// UnitIn finds the unit named in a column header such as "Größe (m)",
// "Weight (lbs)", "Gewicht [kg]" or "Pituus cm", or in a value such as
// "168 cm". It returns UnitNone when no unit, or more than one, is named.
// The word "in" counts as inches only when it stands alone in brackets
// ("Height (in)"), since in "Height in cm" it is a preposition. Meant for
// the headers of height and weight columns: a lone "m" means metres.
func UnitIn(s string) Unit {
	s = strings.ToLower(s)
	found := UnitNone
	for _, w := range strings.FieldsFunc(s, notUnitRune) {
		u := unitWords[w]
		if u == UnitNone || w == "in" {
			continue
		}
		if found != UnitNone && found != u {
			return UnitNone
		}
		found = u
	}
	if found == UnitNone && bracketed(s, "in") {
		return Inch
	}
	return found
}

// notUnitRune separates the words of a header: anything but a letter or
// an inch mark.
func notUnitRune(r rune) bool {
	return !unicode.IsLetter(r) && r != '"' && r != '″'
}

// bracketed reports whether s holds word alone in round or square brackets.
func bracketed(s, word string) bool {
	for _, b := range []string{"(%s)", "[%s]", "( %s )", "[ %s ]"} {
		if strings.Contains(s, fmt.Sprintf(b, word)) {
			return true
		}
	}
	return false
}
