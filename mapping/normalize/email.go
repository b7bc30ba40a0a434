package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Limits of RFC 5321 on an address and its local part, in bytes.
const (
	maxEmail      = 254
	maxEmailLocal = 64
	maxLabel      = 63 // of a domain name, in its ASCII form (RFC 1035)
)

const emailHint = "write one plain address such as name@example.com"

// Email cleans and checks an email address. It trims the cell and
// lowercases the domain; the local part keeps its case, since a mail
// server may tell cases apart. A domain in other letters than ASCII
// (müller.de) is sent in its ASCII form (xn--mller-kva.de), the one every
// mail system and address check takes.
//
// It is an error when the cell holds a display name or angle brackets
// ("Maria <m@example.com>"), a space, more than one address, not exactly
// one @, an empty local part or domain, a domain without a dot, or a dot
// at the start or end of either part or twice in a row. net/mail is not
// used because it accepts display names and comments.
func Email(s string) (string, error) {
	s = tidy(s)
	if s == "" {
		return "", fail(ruleEmpty, "fill in the address or leave the column out")
	}
	// The most telling fault first: a display name holds spaces too, and
	// "name(at)example.com" brackets as well.
	at := strings.IndexByte(s, '@')
	switch {
	case strings.ContainsAny(s, "<>"):
		return "", fail("must be a bare address, without a display name or angle brackets",
			"keep only the part between the angle brackets")
	case at < 0:
		return "", fail("must contain an @", emailHint)
	}
	if err := emailChars(s); err != nil {
		return "", err
	}
	switch {
	case strings.Count(s, "@") > 1:
		return "", fail("must contain exactly one @", emailHint)
	case len(s) > maxEmail:
		return "", failf(emailHint, "must be at most %d characters long", maxEmail)
	}
	local, domain := s[:at], s[at+1:]
	if err := emailLocal(local); err != nil {
		return "", err
	}
	lower := strings.ToLower(domain)
	if !IsASCII(lower) {
		// IDNA's mapping first: it also reads "。" as a dot.
		ascii, err := idna.Lookup.ToASCII(lower)
		if err != nil {
			if derr := emailDomain(lower); derr != nil {
				return "", derr // the plainer reason
			}
			return "", fail("must have a domain that can be written in ASCII (IDNA)",
				"check the letters of the domain, or write it in its xn-- form")
		}
		lower = ascii
		if len(local)+1+len(lower) > maxEmail {
			return "", failf(emailHint, "must be at most %d characters long in its ASCII form",
				maxEmail)
		}
	}
	if err := emailDomain(lower); err != nil {
		return "", err
	}
	if lower == domain {
		return s, nil
	}
	return local + "@" + lower, nil
}

// emailChars rejects the characters that show the cell is not one bare
// address: spaces, brackets of a display name, list separators, quotes
// and control characters.
func emailChars(s string) *Error {
	for _, r := range s {
		switch {
		case r == ' ':
			return fail("must not contain spaces", emailHint)
		case r == '(' || r == ')':
			return fail("must be a bare address, without a comment in brackets", emailHint)
		case r == ',' || r == ';':
			return fail("must hold a single address; found "+quoteRune(r),
				"keep one address in the cell")
		case r == '"' || r == '[' || r == ']' || r == '\\' || r == ':':
			return fail("must not contain "+quoteRune(r), emailHint)
		case unicode.IsControl(r) || r == utf8.RuneError:
			return fail("must not contain "+quoteRune(r), emailHint)
		}
	}
	return nil
}

// emailLocal checks the part before the @.
func emailLocal(local string) *Error {
	switch {
	case local == "":
		return fail("is missing the part before the @", emailHint)
	case len(local) > maxEmailLocal:
		return failf(emailHint, "must have at most %d characters before the @", maxEmailLocal)
	case local[0] == '.' || local[len(local)-1] == '.':
		return fail("must not start or end the part before the @ with a dot", emailHint)
	case strings.Contains(local, ".."):
		return fail("must not contain two dots in a row", emailHint)
	}
	return nil
}

// emailDomain checks the lowercased part after the @: dot-separated labels
// of letters, digits and inner hyphens, and a last label of two or more
// characters that is not a number.
func emailDomain(domain string) *Error {
	switch {
	case domain == "":
		return fail("is missing the domain after the @", emailHint)
	case domain[0] == '.' || domain[len(domain)-1] == '.':
		return fail("must not start or end the domain with a dot", emailHint)
	case !strings.Contains(domain, "."):
		return fail("must have a domain with a dot, such as example.com", emailHint)
	case strings.Contains(domain, ".."):
		return fail("must not contain two dots in a row", emailHint)
	}
	labels := strings.Split(domain, ".")
	for _, l := range labels {
		if l[0] == '-' || l[len(l)-1] == '-' {
			return fail("must not start or end a part of the domain with a hyphen", emailHint)
		}
		if len(l) > maxLabel {
			return failf(emailHint, "must not have a part of the domain over %d characters",
				maxLabel)
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return fail("must not have "+quoteRune(r)+" in the domain", emailHint)
			}
		}
	}
	if tld := labels[len(labels)-1]; utf8.RuneCountInString(tld) < 2 || isDigits(tld) {
		return fail("must end the domain with a top-level name such as .com or .de", emailHint)
	}
	return nil
}

// isDigits reports whether s is non-empty and holds only ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
