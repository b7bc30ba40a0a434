package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxName is the API's limit on first_name and last_name, in characters.
const maxName = 100

// Name cleans a first or last name and checks it against the API's rule:
// Latin letters, 1 to 100 characters.
//
// It trims the cell, folds runs of white space (no-break spaces included)
// into one space, drops invisible characters (zero-width spaces and
// joiners, soft hyphens, byte order marks), writes typographic hyphens and
// apostrophes (‐ ‑ – ’ ‘ ʼ ´ `) as the ASCII ones and puts the result in
// Unicode NFC form, so that a letter and its accent become one character.
// What remains may hold Latin letters with any diacritics, spaces, hyphens,
// apostrophes and periods, and at least one letter. A digit, a
// letter of another script or any other sign is an error quoting it.
// Length counts characters (code points) after NFC.
func Name(s string) (string, error) {
	s = asciiPunct.Replace(tidy(s))
	if s == "" {
		return "", fail(ruleEmpty, "fill in the name")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if err := checkName(s); err != nil {
		return "", err
	}
	return s, nil
}

// checkName applies the API's name rule to a tidy NFC string.
func checkName(s string) *Error {
	n, letters := 0, 0
	var prev rune
	for _, r := range s {
		n++
		switch {
		case unicode.IsLetter(r) && unicode.Is(unicode.Latin, r):
			letters++
		case unicode.Is(unicode.Mn, r) && (isLatinLetter(prev) || unicode.Is(unicode.Mn, prev)):
			// A combining accent left over by NFC, on a Latin letter.
		case isNamePunct(r):
		default:
			return nameCharError(r)
		}
		prev = r
	}
	if letters == 0 {
		return fail("must contain a letter", "the cell holds only punctuation; fill in the name")
	}
	if n > maxName {
		return failf("shorten the name to 100 characters",
			"must be at most %d characters; it has %d", maxName, n)
	}
	return nil
}

func isLatinLetter(r rune) bool {
	return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r)
}

// asciiPunct writes the hyphens and apostrophes that word processors and
// keyboards put into names as the ASCII ones: "latin characters", in the
// API's words, is surest to take those, and a patient is then found
// whichever was typed.
var asciiPunct = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2013", "-",
	"\u2019", "'", "\u2018", "'", "\u02bc", "'", "\u00b4", "'", "`", "'")

// isNamePunct reports the signs a name may hold besides letters: space,
// hyphen, apostrophe and the period of an abbreviation.
func isNamePunct(r rune) bool {
	switch r {
	case ' ', '-', '\'', '.':
		return true
	}
	return false
}

// nameCharError explains a character that a name may not hold.
func nameCharError(r rune) *Error {
	rule := "must use Latin letters; found " + quoteRune(r)
	switch {
	case unicode.IsDigit(r):
		return fail(rule, "remove the digit: a name holds letters only")
	case unicode.IsLetter(r):
		return fail(rule, "write the name in Latin letters (transliterate it)")
	}
	return fail("must hold only letters, spaces, hyphens, apostrophes and periods; found "+
		quoteRune(r), "remove the character")
}

// SplitName splits one cell that holds a whole name into first and last
// name, each cleaned and checked as by [Name].
//
// "Schmidt, Maria" is last name, comma, first name(s). Without a comma the
// last word is the last name and the words before it are the first names:
// "Maria Anna Schmidt" gives "Maria Anna" and "Schmidt". Lowercase name
// particles just before the last word stay with it, so "Ludwig van
// Beethoven" gives "Ludwig" and "van Beethoven". A single word, or more
// than one comma, is an error: the cell does not say which name it is.
func SplitName(s string) (first, last string, err error) {
	return splitName(s, false)
}

// SplitNameLastFirst is [SplitName] for a column whose header puts the
// last name first ("Name, Vorname"): a cell without a comma is read the
// same way, so "Schäfer Ursula" gives "Ursula" and "Schäfer". Where such a
// cell has more than two names, nothing tells the last name's end from the
// first name's start ("Müller Lüdenscheidt Anna"), and the cell is an error.
func SplitNameLastFirst(s string) (first, last string, err error) {
	return splitName(s, true)
}

func splitName(s string, lastFirst bool) (first, last string, err error) {
	s = tidy(s)
	if s == "" {
		return "", "", fail(ruleEmpty, "fill in the name")
	}
	split := splitWords
	if lastFirst {
		split = splitLastFirst
	}
	first, last, perr := split(s)
	if perr != nil {
		return "", "", perr
	}
	if first, err = Name(first); err != nil {
		return "", "", err
	}
	if last, err = Name(last); err != nil {
		return "", "", err
	}
	return first, last, nil
}

// splitWords finds the first and last name in a tidy cell.
func splitWords(s string) (first, last string, err *Error) {
	const hint = "write it as 'Last, First' or 'First Last', " +
		"or map separate first_name and last_name columns"
	if i := strings.IndexByte(s, ','); i >= 0 {
		if strings.Count(s, ",") > 1 {
			return "", "", fail("must hold at most one comma (Last, First)", hint)
		}
		last, first = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if first == "" || last == "" {
			return "", "", fail("must hold a name on both sides of the comma", hint)
		}
		return first, last, nil
	}
	words := strings.Split(s, " ")
	if len(words) < 2 {
		return "", "", fail("must hold both a first and a last name", hint)
	}
	k := len(words) - 1
	for k > 1 && nameParticles[words[k-1]] {
		k--
	}
	return strings.Join(words[:k], " "), strings.Join(words[k:], " "), nil
}

// splitLastFirst finds the first and last name in a tidy cell of a column
// that puts the last name first.
func splitLastFirst(s string) (first, last string, err *Error) {
	if strings.IndexByte(s, ',') >= 0 {
		return splitWords(s)
	}
	words := strings.Split(s, " ")
	k := 0
	for k < len(words)-1 && nameParticles[words[k]] {
		k++ // "van Beethoven Ludwig": the particles start the last name
	}
	switch rest := len(words) - k; {
	case rest < 2:
		return "", "", fail("must hold both a last and a first name",
			"write it as 'Last, First', as the column's header says")
	case rest > 2:
		return "", "", fail("must separate the last name from the first names with a comma "+
			"when it holds more than two names", "write it as 'Last, First', as the column's "+
			"header says")
	}
	return words[k+1], strings.Join(words[:k+1], " "), nil
}

// nameParticles are the lowercase words that belong to the last name that
// follows them ("von der Leyen", "de Vries", "van Beethoven").
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "de": true, "del": true,
	"della": true, "di": true, "da": true, "du": true, "dos": true, "das": true,
	"la": true, "le": true, "zu": true, "zur": true, "af": true, "av": true,
	"ten": true, "ter": true,
}
