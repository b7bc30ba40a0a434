// Package normalize turns one cell, as clinics write it, into the value the
// Aniva API accepts, or into an error that says which rule the cell breaks.
//
// The functions are pure and safe for concurrent use. Errors never quote a
// whole cell (patient data), at most an offending character.
//
// Every normalizer treats an empty cell (after trimming) as an error whose
// Rule is "must not be empty"; callers skip empty cells of optional fields
// before calling.
package normalize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Order is the order of day, month and year in a text date.
type Order int

// The date orders. OrderUnknown means the column's values did not settle it.
const (
	OrderUnknown Order = iota
	DMY
	MDY
	YMD
)

// Unit is a unit of length or mass found in a header, a mapping file or a value.
type Unit int

// The units a height or weight may come in. UnitNone means "not stated".
const (
	UnitNone Unit = iota
	Centimetre
	Metre
	Inch
	Kilogram
	Pound
)

// Error is a cell that breaks a rule. Rule reads after the field name
// ("must be a date in the past"); Hint tells what to change.
type Error struct {
	Rule string
	Hint string
}

// Error returns the rule, which reads after a field name.
func (e *Error) Error() string { return e.Rule }

// ruleEmpty is the Rule of every normalizer for a blank cell.
const ruleEmpty = "must not be empty"

// fail builds the error of a broken rule.
func fail(rule, hint string) *Error { return &Error{Rule: rule, Hint: hint} }

// failf builds the error of a broken rule whose text names a detail.
func failf(hint, format string, args ...any) *Error {
	return &Error{Rule: fmt.Sprintf(format, args...), Hint: hint}
}

// quoteRune shows one offending character: 'Ж', or U+0301 when it would
// not be visible on its own (a control character, a combining mark).
func quoteRune(r rune) string {
	if unicode.IsPrint(r) && r != utf8.RuneError && !unicode.In(r, unicode.Mn, unicode.Me) {
		return "'" + string(r) + "'"
	}
	return fmt.Sprintf("U+%04X", r)
}

// isInvisible reports characters that carry no visible text and only
// arrive through copy and paste: zero-width spaces and joiners, the soft
// hyphen, byte order marks and direction marks (all of Unicode class Cf).
func isInvisible(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

// tidy trims s, removes invisible characters and folds every run of
// white space (including no-break spaces) into a single ASCII space.
// It returns s itself when nothing needs to change.
func tidy(s string) string {
	if isTidy(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isInvisible(r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isTidy reports whether tidy would leave s as it is: valid UTF-8 without
// control, invisible or white space characters other than single ASCII
// spaces between words.
func isTidy(s string) bool {
	space := true // a space here would lead the string or follow another
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f || (c == ' ' && space) {
				return false
			}
			space = c == ' '
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || isInvisible(r) {
			return false
		}
		space = false
		i += n
	}
	return s == "" || !space
}

// IsASCII reports whether s holds ASCII only.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
