package mapping

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// headerForm is a header reduced to what matching looks at.
type headerForm struct {
	// key is the header folded to lowercase ASCII-ish letters and digits,
	// without accents, spacing, punctuation or a unit.
	key string
	// words are the pieces of key, split where the header had spacing or
	// punctuation.
	words []string
}

// unitWords are trailing header words that state a unit rather than a
// field ("Height cm", "Gewicht in kg"). They only decide what matching
// ignores; the unit itself is read by normalize.UnitIn.
var unitWords = map[string]bool{
	"cm": true, "m": true, "mm": true, "kg": true, "g": true, "lb": true,
	"lbs": true, "in": true, "inch": true, "inches": true,
}

// parseHeader reduces a header to its [headerForm]: bracketed parts
// ("(m)", "[kg]", "(1=male)") and a trailing unit are left out.
func parseHeader(h string) headerForm {
	f := headerForm{words: foldWords(dropBrackets(h))}
	if n := len(f.words); n > 1 && unitWords[f.words[n-1]] {
		f.words = f.words[:n-1]
		if n := len(f.words); n > 1 && f.words[n-1] == "in" {
			f.words = f.words[:n-1]
		}
	}
	f.key = strings.Join(f.words, "")
	return f
}

// dropBrackets removes bracketed parts from s. An unclosed bracket runs
// to the end of s.
func dropBrackets(s string) string {
	var out strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '{':
			depth++
		case (r == ')' || r == ']' || r == '}') && depth > 0:
			depth--
		case depth == 0:
			out.WriteRune(r)
		}
	}
	return out.String()
}

// foldWords lowercases s, removes accents and splits it into runs of
// letters and digits.
func foldWords(s string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFKD.String(s) {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
			// an accent split off its letter
		case r == 'ß':
			w.WriteString("ss")
		case r == 'æ':
			w.WriteString("ae")
		case r == 'ø':
			w.WriteRune('o')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// headerKey is the folded form of a header that matching compares.
func headerKey(h string) string { return parseHeader(h).key }

// knownHeader is an alias in the forms matching compares.
type knownHeader struct {
	field string
	key   string
	words []string
	exact bool // the API's own field name
}

// headerIndex holds every alias, by key and in order.
type headerIndex struct {
	byKey map[string]knownHeader
	all   []knownHeader
	not   map[string][]string // field → keys a partial match must not claim
}

var index = buildIndex()

func buildIndex() *headerIndex {
	ix := &headerIndex{byKey: map[string]knownHeader{}, not: map[string][]string{}}
	add := func(field, h string, exact bool) {
		f := parseHeader(h)
		k := knownHeader{field: field, key: f.key, words: f.words, exact: exact}
		if old, ok := ix.byKey[k.key]; !ok || (exact && !old.exact) {
			ix.byKey[k.key] = k
		}
		ix.all = append(ix.all, k)
	}
	for _, field := range specFields {
		add(field, field, true)
		for _, a := range aliases[field] {
			add(field, a, false)
		}
		for _, n := range notField[field] {
			ix.not[field] = append(ix.not[field], headerKey(n))
		}
	}
	return ix
}

// classify finds the field a header names and how sure that is. It
// returns "" when the header names no field, or when it only partly
// matches several.
func classify(h string) (string, Confidence) {
	f := parseHeader(h)
	if f.key == "" {
		return "", 0
	}
	if k, ok := index.byKey[f.key]; ok {
		if k.exact {
			return k.field, Exact
		}
		return k.field, Alias
	}
	found := ""
	for _, k := range index.all {
		if k.field == found || !partOf(k, f) || index.excluded(k.field, f.key) {
			continue
		}
		if found != "" {
			return "", 0
		}
		found = k.field
	}
	if found == "" {
		return "", 0
	}
	return found, Partial
}

// partOf reports whether header f contains the known header k among
// other words ("Telefon privat") or, for a long enough k, inside a
// compound word ("Patientenvorname").
func partOf(k knownHeader, f headerForm) bool {
	if len(k.key) >= 5 && strings.Contains(f.key, k.key) {
		return true
	}
	n := len(k.words)
	for i := 0; i+n <= len(f.words); i++ {
		if equalWords(f.words[i:i+n], k.words) {
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// excluded reports whether a header key names something else that merely
// contains one of field's aliases ("Blutgruppe").
func (ix *headerIndex) excluded(field, key string) bool {
	for _, n := range ix.not[field] {
		if strings.Contains(key, n) {
			return true
		}
	}
	return false
}

// LooksLikeHeader reports whether a row reads as a header: at least two
// of its cells name a profile field. A file reader uses it to skip title
// and note rows above the header.
func LooksLikeHeader(cells []string) bool {
	n := 0
	for _, c := range cells {
		if f, _ := classify(c); f != "" {
			n++
		}
		if n >= 2 {
			return true
		}
	}
	return false
}
