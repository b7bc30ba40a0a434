package normalize

import "strings"

// The API's codes for sex, from ISO/IEC 5218.
const (
	male   = 1
	female = 2
)

// sexes maps the spellings clinics use, lowercased and without trailing
// periods, to the API's code. "n" is Finnish nainen (female); a caller
// that cannot tell the list is Finnish uses [SexWithoutN].
var sexes = map[string]int{
	"1": male, "1.0": male, "m": male, "male": male, "man": male, "mann": male,
	"männlich": male, "maennlich": male, "mannlich": male, "männl": male,
	"herr": male, "mies": male, "miespuolinen": male,

	"2": female, "2.0": female, "f": female, "female": female, "woman": female,
	"w": female, "weiblich": female, "weibl": female, "frau": female,
	"n": female, "nainen": female, "naispuolinen": female, "kvinna": female,
}

// unrepresentable are answers the API has no code for: ISO/IEC 5218's 0
// (not known) and 9 (not applicable), and third or unknown genders.
var unrepresentable = map[string]bool{
	"0": true, "9": true, "d": true, "x": true, "u": true, "o": true,
	"divers": true, "diverse": true, "divers/x": true, "inter": true,
	"unknown": true, "unbekannt": true, "other": true, "non-binary": true,
	"nonbinary": true, "not known": true, "keine angabe": true, "k.a": true,
	"ohne angabe": true, "muu": true, "tuntematon": true, "ei tiedossa": true,
}

// Sex reads the sex of a patient as the API's code: 1 (male) or 2
// (female). It accepts 1/2, m/f, male/female, man/woman, männlich/weiblich
// and m/w, herr/frau, mies/nainen and m/n, in any case and with trailing
// periods ("m.", "weibl."). "n" is Finnish nainen (female). Values the API
// cannot take (divers, x, unknown, 0 and 9) are an error saying so.
func Sex(s string) (int, error) {
	k := sexKey(s)
	if k == "" {
		return 0, fail(ruleEmpty, "fill in 1 (male) or 2 (female)")
	}
	if v, ok := sexes[k]; ok {
		return v, nil
	}
	if unrepresentable[k] {
		return 0, fail("the API accepts only 1 (male) and 2 (female)",
			"the API has no code for other or unknown sex: "+
				"correct the cell or leave the patient out of the import")
	}
	return 0, fail("must be male or female (1 or 2)",
		"write 1/2, m/f, male/female or m/w, or map the value in the mapping file")
}

// sexKey is a sex value as sexes spells it.
func sexKey(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimRight(tidy(s), ".")))
}

// SexSpelling says what a sex value tells of the list's language.
type SexSpelling int

const (
	SexOther      SexSpelling = iota
	SexLetterN                // a bare N: nainen only in a Finnish list
	SexFinnish                // mies, nainen: the list is Finnish
	SexFemaleNotN             // F, W, female, 2, …: female is not written N
)

// finnishWords are the spellings of sex that only Finnish lists use.
var finnishWords = map[string]bool{
	"mies": true, "miespuolinen": true, "nainen": true, "naispuolinen": true,
}

// SpellingOf classifies a sex value for a caller that decides, from a
// whole column, whether N there is nainen.
func SpellingOf(s string) SexSpelling {
	switch k := sexKey(s); {
	case k == "n":
		return SexLetterN
	case finnishWords[k]:
		return SexFinnish
	case sexes[k] == female:
		return SexFemaleNotN
	}
	return SexOther
}

// SexWithoutN is [Sex] for a column where N cannot be taken for nainen:
// nothing marks the list as Finnish, or it writes female as F, W or 2 too.
// A bare N is then an error rather than a guess at the patient's sex:
// elsewhere it may mean "not known".
func SexWithoutN(s string) (int, error) {
	if SpellingOf(s) == SexLetterN {
		return 0, fail("N is read as female (Finnish nainen) only in a Finnish list that "+
			"writes female no other way",
			"write the patient's sex as F or 2 if N means female, or map N in a mapping file "+
				"(values: {N: 2}); if it means not known, the API has no code for it: leave "+
				"the patient out of the import")
	}
	return Sex(s)
}
