package testgen

import "net/http"

// Defect is the one thing wrong with a deliberately bad row. The zero value,
// [NoDefect], marks a row that the API accepts.
type Defect int

// The defects the generator plants and the samples carry. Most fail the
// importer's validation; [ForbiddenGroup] and [UnknownGroup] pass it and are
// refused by the API (see [Defect.Status]).
const (
	NoDefect         Defect = iota
	FutureBirth             // date of birth after today
	ImpossibleDate          // a day that no calendar has, such as 31.02.
	BirthBefore1900         // date of birth before 1900
	MissingBirthDate        // no date of birth
	DigitInName             // a digit in the first name
	DigitInLastName         // a digit in the last name
	CyrillicName            // a first name in Cyrillic letters
	MissingFirstName        // no first name
	UnknownSex              // a sex the API cannot take: divers, X, unknown
	MissingSex              // no sex
	BrokenEmail             // two @, a space, or no domain
	ImpossiblePhone         // a number too short for its numbering plan
	UnknownLanguage         // a language other than en, de or fi
	ZeroHeight              // a height of zero
	NegativeWeight          // a weight below zero
	ForbiddenGroup          // a group that exists outside the key's access
	UnknownGroup            // a group that does not exist
	numDefects
)

type defectInfo struct {
	name   string
	field  string
	status int
}

var defects = [numDefects]defectInfo{
	NoDefect:         {"none", "", 0},
	FutureBirth:      {"future-birth", "date_of_birth", 0},
	ImpossibleDate:   {"impossible-date", "date_of_birth", 0},
	BirthBefore1900:  {"birth-before-1900", "date_of_birth", 0},
	MissingBirthDate: {"missing-birth-date", "date_of_birth", 0},
	DigitInName:      {"digit-in-name", "first_name", 0},
	DigitInLastName:  {"digit-in-last-name", "last_name", 0},
	CyrillicName:     {"cyrillic-name", "first_name", 0},
	MissingFirstName: {"missing-first-name", "first_name", 0},
	UnknownSex:       {"unknown-sex", "sex", 0},
	MissingSex:       {"missing-sex", "sex", 0},
	BrokenEmail:      {"broken-email", "email", 0},
	ImpossiblePhone:  {"impossible-phone", "phone", 0},
	UnknownLanguage:  {"unknown-language", "language", 0},
	ZeroHeight:       {"zero-height", "height", 0},
	NegativeWeight:   {"negative-weight", "weight", 0},
	ForbiddenGroup:   {"forbidden-group", "profile_group_slug", http.StatusForbidden},
	UnknownGroup:     {"unknown-group", "profile_group_slug", http.StatusNotFound},
}

// String returns the defect's short name, such as "future-birth", as the
// samples' README lists it.
func (d Defect) String() string {
	if d < 0 || d >= numDefects {
		return "defect(?)"
	}
	return defects[d].name
}

// Field returns the API field that the defect breaks, such as
// "date_of_birth"; "" for [NoDefect].
func (d Defect) Field() string {
	if d < 0 || d >= numDefects {
		return ""
	}
	return defects[d].field
}

// Status is the HTTP status with which the API refuses a row that passed
// validation: 403 for [ForbiddenGroup], 404 for [UnknownGroup]. It is 0 for
// defects that validation catches before anything is sent, and for
// [NoDefect].
func (d Defect) Status() int {
	if d < 0 || d >= numDefects {
		return 0
	}
	return defects[d].status
}

// ParseDefect returns the defect with the given short name.
func ParseDefect(name string) (Defect, bool) {
	for d := NoDefect; d < numDefects; d++ {
		if defects[d].name == name {
			return d, true
		}
	}
	return NoDefect, false
}

// Defects returns every defect other than [NoDefect], in declaration order.
func Defects() []Defect {
	out := make([]Defect, 0, numDefects-1)
	for d := NoDefect + 1; d < numDefects; d++ {
		out = append(out, d)
	}
	return out
}
