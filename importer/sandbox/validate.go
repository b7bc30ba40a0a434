package sandbox

import (
	"encoding/json"
	"math"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The reasons the sandbox gives per field. They name the rule, never the
// value that broke it.
const (
	reasonRequired  = "is required"
	reasonString    = "must be a string"
	reasonNameChars = "must use latin characters"
	reasonNameLen   = "must be between 1 and 100 characters"
	reasonInteger   = "must be an integer"
	reasonSex       = "must be 1 (male) or 2 (female)"
	reasonDateForm  = "must be in YYYY-MM-DD format"
	reasonDateReal  = "must be a real calendar date"
	reasonDatePast  = "must be a date in the past"
	reasonEmpty     = "must not be empty"
	reasonEmail     = "must be a well-formed email address"
	reasonPhone     = "must be in E.164 format (e.g. +14155552671)"
	reasonNumber    = "must be a number"
	reasonPositive  = "must be a positive number"
	reasonLanguage  = "must be one of en, de, fi"
	reasonUnknown   = "is not a known field"
)

// fieldOrder is the reference page's field order; errors follow it.
var fieldOrder = []string{
	"first_name", "last_name", "sex", "date_of_birth", "profile_group_slug",
	"email", "phone", "height", "weight", "language",
}

var (
	dateRE    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	phoneRE   = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
	integerRE = regexp.MustCompile(`^-?[0-9]+$`)
	labelRE   = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)
)

// fieldError is one failed rule.
type fieldError struct {
	Field, Reason string
}

// profile is a request that passed validation, in its wire form. Height
// and weight keep the JSON number as sent, so the 201 echoes it exactly.
type profile struct {
	FirstName, LastName, Email, Phone string
	Sex                               int
	DateOfBirth, Group, Language      string
	Height, Weight                    json.RawMessage
	hasLast, hasEmail, hasPhone       bool
}

// validate checks a decoded body against every rule of the reference
// page. It is strict about the wire form: it checks, it does not tidy.
func validate(obj map[string]json.RawMessage, today time.Time) (*profile, []fieldError) {
	v := validator{obj: obj, p: &profile{Language: "en"}}
	v.firstName()
	v.lastName()
	v.sex()
	v.dateOfBirth(today)
	v.group()
	v.email()
	v.phone()
	v.p.Height = v.measure("height")
	v.p.Weight = v.measure("weight")
	v.language()
	v.unknown()
	if len(v.errs) > 0 {
		return nil, v.errs
	}
	return v.p, nil
}

type validator struct {
	obj  map[string]json.RawMessage
	p    *profile
	errs []fieldError
}

func (v *validator) fail(field, reason string) {
	v.errs = append(v.errs, fieldError{field, reason})
}

// raw returns a field's JSON, with null treated as absent.
func (v *validator) raw(field string) (json.RawMessage, bool) {
	r, ok := v.obj[field]
	if !ok || string(r) == "null" {
		return nil, false
	}
	return r, true
}

// str returns a present string field; it records a type error otherwise.
func (v *validator) str(field string, required bool) (string, bool) {
	r, ok := v.raw(field)
	if !ok {
		if required {
			v.fail(field, reasonRequired)
		}
		return "", false
	}
	var s string
	if r[0] != '"' || json.Unmarshal(r, &s) != nil {
		v.fail(field, reasonString)
		return "", false
	}
	return s, true
}

func (v *validator) firstName() {
	if s, ok := v.str("first_name", true); ok {
		if reason := nameRule(s); reason != "" {
			v.fail("first_name", reason)
		}
		v.p.FirstName = s
	}
}

func (v *validator) lastName() {
	if s, ok := v.str("last_name", false); ok {
		if reason := nameRule(s); reason != "" {
			v.fail("last_name", reason)
		}
		v.p.LastName, v.p.hasLast = s, true
	}
}

// nameRule: 1–100 characters, Latin-script letters with any diacritics
// (precomposed or combining), plus space, hyphen, apostrophe and period,
// and at least one letter.
func nameRule(s string) string {
	if n := utf8.RuneCountInString(s); n < 1 || n > 100 {
		return reasonNameLen
	}
	letters := 0
	for i, r := range []rune(s) {
		switch {
		case unicode.Is(unicode.Latin, r) && unicode.IsLetter(r):
			letters++
		case unicode.Is(unicode.Mn, r) && i > 0:
		case r == ' ' || r == '-' || r == '\'' || r == '\u2019' || r == '.':
		default:
			return reasonNameChars
		}
	}
	if letters == 0 {
		return reasonNameChars
	}
	return ""
}

func (v *validator) sex() {
	r, ok := v.raw("sex")
	switch {
	case !ok:
		v.fail("sex", reasonRequired)
	case !integerRE.Match(r):
		v.fail("sex", reasonInteger)
	case string(r) != "1" && string(r) != "2":
		v.fail("sex", reasonSex)
	default:
		v.p.Sex = int(r[0] - '0')
	}
}

func (v *validator) dateOfBirth(today time.Time) {
	s, ok := v.str("date_of_birth", true)
	if !ok {
		return
	}
	if !dateRE.MatchString(s) {
		v.fail("date_of_birth", reasonDateForm)
		return
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		v.fail("date_of_birth", reasonDateReal)
		return
	}
	y, m, dd := today.UTC().Date()
	if !d.Before(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)) {
		v.fail("date_of_birth", reasonDatePast)
		return
	}
	v.p.DateOfBirth = s
}

func (v *validator) group() {
	s, ok := v.str("profile_group_slug", true)
	if ok && s == "" {
		v.fail("profile_group_slug", reasonEmpty)
		return
	}
	v.p.Group = s
}

func (v *validator) email() {
	s, ok := v.str("email", false)
	if !ok {
		return
	}
	if !wellFormedEmail(s) {
		v.fail("email", reasonEmail)
		return
	}
	v.p.Email, v.p.hasEmail = s, true
}

// wellFormedEmail accepts a bare addr-spec whose domain has at least two
// labels of letters, digits and inner hyphens.
func wellFormedEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\"()") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at > 64 {
		return false
	}
	labels := strings.Split(s[at+1:], ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) > 63 || !labelRE.MatchString(l) {
			return false
		}
	}
	return true
}

func (v *validator) phone() {
	s, ok := v.str("phone", false)
	if !ok {
		return
	}
	if !phoneRE.MatchString(s) {
		v.fail("phone", reasonPhone)
		return
	}
	v.p.Phone, v.p.hasPhone = s, true
}

// measure checks a positive JSON number and returns it as sent.
func (v *validator) measure(field string) json.RawMessage {
	r, ok := v.raw(field)
	if !ok {
		return nil
	}
	if c := r[0]; c != '-' && (c < '0' || c > '9') {
		v.fail(field, reasonNumber)
		return nil
	}
	f, err := strconv.ParseFloat(string(r), 64)
	if err != nil || math.IsInf(f, 0) || f <= 0 {
		v.fail(field, reasonPositive)
		return nil
	}
	return r
}

func (v *validator) language() {
	s, ok := v.str("language", false)
	if !ok {
		return
	}
	switch s {
	case "en", "de", "fi":
		v.p.Language = s
	default:
		v.fail("language", reasonLanguage)
	}
}

// unknown rejects fields the reference page does not list, so that a
// misspelt field name fails here instead of being silently dropped.
func (v *validator) unknown() {
	var extra []string
	for k := range v.obj {
		if !known(k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		v.fail(k, reasonUnknown)
	}
}

func known(field string) bool {
	for _, f := range fieldOrder {
		if f == field {
			return true
		}
	}
	return false
}
