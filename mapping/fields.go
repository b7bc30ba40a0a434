package mapping

import (
	"strings"
)

// Two sources that are not API fields but can feed them.
const (
	// FieldName is a single column holding a whole name ("Schmidt, Maria"
	// or "Maria Schmidt"); it feeds first_name and last_name.
	FieldName = "name"
	// FieldPersonalID is a Finnish personal identity code (henkilötunnus);
	// it feeds sex and date_of_birth. The code itself is never sent.
	FieldPersonalID = "personal_id"
)

// specFields lists every key a mapping file may name, in the order the
// mapping command prints them.
var specFields = []string{
	FieldFirstName, FieldLastName, FieldName, FieldSex, FieldDOB,
	FieldPersonalID, FieldGroup, FieldEmail, FieldPhone, FieldHeight,
	FieldWeight, FieldLanguage,
}

// required lists the fields the API cannot do without.
var required = map[string]bool{
	FieldFirstName: true, FieldSex: true, FieldDOB: true, FieldGroup: true,
}

// aliases are the headers, besides the field name itself, that name a
// field in English, German and Finnish exports. They are written as a
// person writes them; matching folds case, accents, spacing and
// punctuation, so "Geb.-Datum" also covers "geb datum" and "GEB_DATUM".
var aliases = map[string][]string{
	FieldFirstName: {
		"First name", "Given name", "Given names", "Forename", "Christian name",
		"fname", "Vorname", "Vornamen", "Rufname", "Etunimi", "Etunimet",
		"Kutsumanimi",
	},
	FieldLastName: {
		"Last name", "Surname", "Family name", "lname", "Nachname",
		"Familienname", "Zuname", "Sukunimi",
	},
	FieldName: {
		"Full name", "Patient name", "Name, first name", "Surname, first name",
		"Last name, first name", "First and last name", "Patientenname",
		"Name, Vorname", "Nachname, Vorname", "Familienname, Vorname", "Vorname Nachname",
		"Vollständiger Name", "Nimi", "Koko nimi", "Potilaan nimi",
		"Sukunimi, etunimi", "Etunimi Sukunimi",
	},
	FieldSex: {
		"Gender", "Biological sex", "Geschlecht", "Sukupuoli",
	},
	FieldDOB: {
		"Date of birth", "Birth date", "Birthdate", "Birthday", "DOB", "Born",
		"Geburtsdatum", "Geb.-Datum", "Geb. Datum", "Geb.", "Geboren",
		"Geburtstag", "Syntymäaika", "Syntymäpäivä", "Syntymäpvm",
		"Syntymäpäivämäärä", "Syntynyt",
	},
	FieldPersonalID: {
		"Personal ID", "Personal identity code", "Personal identity number",
		"Finnish personal identity code", "Henkilötunnus", "Hetu", "Sotu",
		"Sosiaaliturvatunnus",
	},
	FieldGroup: {
		"Profile group", "Profile group slug", "Group", "Group slug",
		"Clinic", "Site", "Location", "Profilgruppe", "Gruppe", "Standort",
		"Klinik", "Praxis", "Practice", "Ryhmä", "Profiiliryhmä", "Toimipiste", "Klinikka",
	},
	FieldEmail: {
		"E-Mail", "Email address", "E-mail address", "Mail", "E-Mail-Adresse",
		"Mailadresse", "Sähköposti", "Sähköpostiosoite", "Sposti", "S-posti",
	},
	FieldPhone: {
		"Phone number", "Phone no.", "Telephone", "Telephone number", "Telephone no.", "Tel",
		"Tel. no.", "Mobile", "Mobile phone", "Mobile number", "Mobile no.", "Contact number",
		"Cell", "Cell phone", "Telefon", "Telefonnummer", "Tel.-Nr.", "Telefon-Nr.", "Handy",
		"Handynummer", "Handy-Nr.", "Mobil", "Mobilnummer", "Mobiltelefon", "Puhelin",
		"Puhelinnumero", "Puh", "Puh. nro", "Puhelinnro", "Matkapuhelin",
		"Matkapuhelinnumero", "Kännykkä", "GSM",
	},
	FieldHeight: {
		"Body height", "Stature", "Größe", "Groesse", "Körpergröße",
		"Koerpergroesse", "Pituus",
	},
	FieldWeight: {
		"Body weight", "Gewicht", "Körpergewicht", "Koerpergewicht", "Paino",
	},
	FieldLanguage: {
		"Preferred language", "Lang", "Locale", "Sprache", "Bevorzugte Sprache",
		"Kieli", "Asiointikieli",
	},
}

// notField lists headers that contain a field's alias but name something
// else, so that a partial match does not claim them.
var notField = map[string][]string{
	FieldGroup: {
		"Blood group", "Blutgruppe", "Veriryhmä", "Age group", "Altersgruppe",
		"Ikäryhmä",
	},
	FieldName: {"Maiden name", "Geburtsname", "Middle name", "Zweitname"},
}

// lastNameFirst reports whether a name column's header puts the last name
// first, as "Name, Vorname", "Name/Vorname" and "Sukunimi etunimi" do: its
// cells are then read that way even without a comma. The header's words
// must split into a last-name header ("Name", "Nimi" or an alias of
// last_name) followed by an alias of first_name.
func lastNameFirst(header string) bool {
	words := parseHeader(header).words
	for i := 1; i < len(words); i++ {
		before, after := strings.Join(words[:i], ""), strings.Join(words[i:], "")
		if nameOrder.last[before] && nameOrder.first[after] {
			return true
		}
	}
	return false
}

// nameOrder holds the folded headers that [lastNameFirst] looks for.
var nameOrder = func() (o struct{ last, first map[string]bool }) {
	o.last = map[string]bool{"name": true, "nimi": true}
	o.first = map[string]bool{}
	for _, a := range aliases[FieldLastName] {
		o.last[headerKey(a)] = true
	}
	for _, a := range aliases[FieldFirstName] {
		o.first[headerKey(a)] = true
	}
	return o
}()
