package normalize

import "strings"

// languages maps language names and codes, lowercased, to the API's code.
// Names are in English, German and Finnish.
var languages = map[string]string{
	"en": "en", "eng": "en", "engl": "en", "english": "en", "englisch": "en",
	"englanti": "en",

	"de": "de", "deu": "de", "ger": "de", "dt": "de", "german": "de",
	"deutsch": "de", "saksa": "de",

	"fi": "fi", "fin": "fi", "finn": "fi", "finnish": "fi", "finnisch": "fi",
	"suomi": "fi",
}

// Language reads a preferred language as the API's code: en, de or fi.
// It accepts the codes in any case, with a region ("de-DE", "de_AT",
// "fi_FI") and the languages' names in English, German and Finnish
// (English, Deutsch, German, Suomi, Finnisch, englanti, saksa…). Any other
// language is an error naming the three accepted values.
func Language(s string) (string, error) {
	k := strings.ToLower(strings.TrimRight(tidy(s), "."))
	if k == "" {
		return "", fail(ruleEmpty, "fill in en, de or fi, or leave the column out")
	}
	if i := strings.IndexAny(k, "-_"); i > 0 {
		k = k[:i] // the language of a locale: de-AT, fi_FI
	}
	if v, ok := languages[strings.TrimSpace(k)]; ok {
		return v, nil
	}
	return "", fail("must be en, de or fi",
		"the API offers only English (en), German (de) and Finnish (fi); "+
			"write one of them or leave the cell empty for the default, en")
}
