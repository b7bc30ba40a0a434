package mapping

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"aniva-import/mapping/normalize"
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
	var f folder
	f.fold(s)
	var words []string
	for i := range f.words {
		words = append(words, string(f.word(i)))
	}
	return words
}

// folder folds text into words for comparison. It keeps its buffers from
// one use to the next, so that folding many cells allocates nothing once
// they have grown.
type folder struct {
	text  []byte // the words, back to back
	words []span // where each word lies in text
	start int    // where the word being folded begins in text
	nfkd  norm.Iter
}

type span struct{ start, end int }

func (f *folder) reset() { f.text, f.words, f.start = f.text[:0], f.words[:0], 0 }

// fold adds the words of s: lowercase, without accents, split at every
// character that is neither a letter nor a digit.
func (f *folder) fold(s string) {
	if !normalize.IsASCII(s) {
		f.foldUnicode(s)
		return
	}
	// ASCII is its own NFKD form and has no accents: the same words as
	// foldUnicode, without decomposing.
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			f.text = append(f.text, c)
		case 'A' <= c && c <= 'Z':
			f.text = append(f.text, c+'a'-'A')
		default:
			f.endWord()
		}
	}
	f.endWord()
}

func (f *folder) foldUnicode(s string) {
	if utf8.ValidString(s) {
		// An Iter decomposes in its own buffers, where Form.String allocates.
		f.nfkd.InitString(norm.NFKD, s)
		for !f.nfkd.Done() {
			for seg := f.nfkd.Next(); len(seg) > 0; {
				r, n := utf8.DecodeRune(seg)
				seg = seg[n:]
				f.foldRune(unicode.ToLower(r))
			}
		}
	} else {
		// After an invalid byte an Iter may decompose a letter that
		// Form.String keeps whole; the words stay those of String.
		for _, r := range norm.NFKD.String(s) {
			f.foldRune(unicode.ToLower(r))
		}
	}
	f.endWord()
}

func (f *folder) foldRune(r rune) {
	switch {
	case unicode.Is(unicode.Mn, r):
		// an accent split off its letter
	case r == 'ß':
		f.text = append(f.text, "ss"...)
	case r == 'æ':
		f.text = append(f.text, "ae"...)
	case r == 'ø':
		f.text = append(f.text, 'o')
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		f.text = utf8.AppendRune(f.text, r)
	default:
		f.endWord()
	}
}

func (f *folder) endWord() {
	if len(f.text) > f.start {
		f.words = append(f.words, span{f.start, len(f.text)})
		f.start = len(f.text)
	}
}

func (f *folder) word(i int) []byte { return f.text[f.words[i].start:f.words[i].end] }

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
