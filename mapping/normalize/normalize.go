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
	"time"
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

// isTidy reports whether s is printable ASCII with single inner spaces
// and none at either end, the common case that tidy leaves untouched.
func isTidy(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			return false
		}
		if c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// Contract (filled in by the normalizers' files):
//
//	Name(s string) (string, error)                 trim, fold spaces, strip NBSP/zero-width, latin check, 1–100
//	SplitName(s string) (first, last string, err error)  "Schmidt, Maria" / "Maria Schmidt"
//	Sex(s string) (int, error)                     1 or 2
//	Email(s string) (string, error)
//	Language(s string) (string, error)             en, de or fi
//	Phone(s, region string) (string, error)        E.164
//	DateOrders(s string) []Order                   the orders a text date can be read in (for settling a column)
//	Date(s string, o Order, date1904 bool, today time.Time) (time.Time, error)   text, ISO, written months, Excel serials
//	Measure(s string, u Unit, height bool) (float64, error)  to cm (height) or kg (weight)
//	UnitIn(s string) Unit                          a unit named in a header or value
//	HETU(s string) (dob time.Time, sex int, err error)   Finnish personal identity code

var _ = time.Time{}
