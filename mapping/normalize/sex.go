package normalize

import "strings"

// The API's codes for sex, from ISO/IEC 5218.
const (
	male   = 1
	female = 2
)

// sexes maps the spellings clinics use, lowercased and without trailing
// periods, to the API's code. "n" is Finnish nainen (female) unless the
// column also writes female another way (see [SexWithoutN]).
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
// periods ("m.", "weibl."). "n" is Finnish nainen (female) in files of
// any language. Values the API cannot take (divers, x, unknown, 0 and 9)
// are an error saying so.
func Sex(s string) (int, error) {
	k := strings.ToLower(strings.TrimSpace(strings.TrimRight(tidy(s), ".")))
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

func sexKey(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimRight(tidy(s), ".")))
}

// finnishFemale are the spellings of female that only Finnish lists use.
var finnishFemale = map[string]bool{"n": true, "nainen": true, "naispuolinen": true}

// FemaleNotFinnish reports whether s spells female the way English or
// German lists do (F, W, female, 2, …): a column that does so does not
// write female as N, and an N there more likely means "not known".
func FemaleNotFinnish(s string) bool {
	k := sexKey(s)
	return sexes[k] == female && !finnishFemale[k]
}

// SexN reports whether s is a bare N ("n", "N.").
func SexN(s string) bool { return sexKey(s) == "n" }

// SexWithoutN is [Sex] for a column where N is not nainen, because the
// column writes female as F, W or 2 too: a bare N there is an error
// rather than a guess at the patient's sex.
func SexWithoutN(s string) (int, error) {
	if SexN(s) {
		return 0, fail("N is not read as female in this column, which writes female as F, W or 2 too",
			"write the patient's sex as the column's other rows do; if N means not known, "+
				"the API has no code for it: leave the patient out of the import")
	}
	return Sex(s)
}
