package mapping

import (
	"testing"
	"unicode"
)

func TestHeaderKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Größe (m)", "grosse"},
		{"  Geb.-Datum ", "gebdatum"},
		{"GEB_DATUM", "gebdatum"},
		{"Syntymäaika", "syntymaaika"},
		{"E\u2011Mail", "email"},
		{"Weight [lbs]", "weight"},
		{"Gewicht in kg", "gewicht"},
		{"Körpergröße in cm", "korpergrosse"},
		{"Height cm", "height"},
		{"date_of_birth", "dateofbirth"},
		{"Sex (1=male, 2=female)", "sex"},
		{"Straße", "strasse"},
		{"Øre", "ore"},
		{"m", "m"},
		{"(kg)", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := headerKey(tt.in); got != tt.want {
			t.Errorf("headerKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		header string
		field  string
		conf   Confidence
	}{
		// The API's own names, in any case and punctuation.
		{"first_name", FieldFirstName, Exact},
		{"First Name", FieldFirstName, Exact},
		{"LAST-NAME", FieldLastName, Exact},
		{"date_of_birth", FieldDOB, Exact},
		{"Profile Group Slug", FieldGroup, Exact},
		{"E-Mail", FieldEmail, Exact},
		{"phone", FieldPhone, Exact},
		{"Height (cm)", FieldHeight, Exact},
		{"Weight (lbs)", FieldWeight, Exact},
		{"Language", FieldLanguage, Exact},
		{"Sex", FieldSex, Exact},
		{"Name", FieldName, Exact},
		// English.
		{"Given name", FieldFirstName, Alias},
		{"Surname", FieldLastName, Alias},
		{"Family name", FieldLastName, Alias},
		{"Birth date", FieldDOB, Alias},
		{"DOB", FieldDOB, Alias},
		{"D.O.B.", FieldDOB, Alias},
		{"Gender", FieldSex, Alias},
		{"Mobile", FieldPhone, Alias},
		{"Mobile number", FieldPhone, Alias},
		{"Email address", FieldEmail, Alias},
		{"Clinic", FieldGroup, Alias},
		{"Practice", FieldGroup, Alias},
		{"GP practice", FieldGroup, Partial},
		{"Full name", FieldName, Alias},
		{"Personal identity code", FieldPersonalID, Alias},
		// German.
		{"Vorname", FieldFirstName, Alias},
		{"Nachname", FieldLastName, Alias},
		{"Familienname", FieldLastName, Alias},
		{"Geb.-Datum", FieldDOB, Alias},
		{"geb. datum", FieldDOB, Alias},
		{"Geburtsdatum", FieldDOB, Alias},
		{"GEBURTSDATUM", FieldDOB, Alias},
		{"Geschlecht", FieldSex, Alias},
		{"Handy", FieldPhone, Alias},
		{"Telefon", FieldPhone, Alias},
		{"Tel.-Nr.", FieldPhone, Alias},
		{"E-Mail-Adresse", FieldEmail, Alias},
		{"Größe", FieldHeight, Alias},
		{"Größe (m)", FieldHeight, Alias},
		{"Groesse", FieldHeight, Alias},
		{"Körpergröße in cm", FieldHeight, Alias},
		{"Gewicht", FieldWeight, Alias},
		{"Gewicht (kg)", FieldWeight, Alias},
		{"Sprache", FieldLanguage, Alias},
		{"Gruppe", FieldGroup, Alias},
		{"Standort", FieldGroup, Alias},
		{"Name, Vorname", FieldName, Alias},
		// Finnish, with and without accents.
		{"Etunimi", FieldFirstName, Alias},
		{"Sukunimi", FieldLastName, Alias},
		{"Syntymäaika", FieldDOB, Alias},
		{"syntymaaika", FieldDOB, Alias},
		{"Sukupuoli", FieldSex, Alias},
		{"Puhelin", FieldPhone, Alias},
		{"Sähköposti", FieldEmail, Alias},
		{"Sahkoposti", FieldEmail, Alias},
		{"Pituus", FieldHeight, Alias},
		{"Pituus (cm)", FieldHeight, Alias},
		{"Paino", FieldWeight, Alias},
		{"Kieli", FieldLanguage, Alias},
		{"Henkilötunnus", FieldPersonalID, Alias},
		{"HETU", FieldPersonalID, Alias},
		{"Nimi", FieldName, Alias},
		// Partial matches: a known header among other words.
		{"Telefon privat", FieldPhone, Partial},
		{"Patientenvorname", FieldFirstName, Partial},
		{"Date of birth of patient", FieldDOB, Partial},
		{"Muttersprache", FieldLanguage, Partial},
		{"Name des Hausarztes", FieldName, Partial},
		// Not fields.
		{"Blutgruppe", "", 0},
		{"Blood group", "", 0},
		{"Maiden name", "", 0},
		{"Nr", "", 0},
		{"Bemerkung", "", 0},
		{"Vorname und Nachname des Vaters", "", 0}, // partly two fields
		{"", "", 0},
		{"---", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			field, conf := classify(tt.header)
			if field != tt.field || conf != tt.conf {
				t.Errorf("classify(%q) = %q, %v; want %q, %v",
					tt.header, field, conf, tt.field, tt.conf)
			}
		})
	}
}

// Every alias must name its own field and no other.
func TestAliasesAreDistinct(t *testing.T) {
	for field, list := range aliases {
		for _, a := range list {
			got, conf := classify(a)
			if got != field || conf < Alias {
				t.Errorf("alias %q of %s classifies as %q, %v", a, field, got, conf)
			}
		}
	}
}

func TestLooksLikeHeader(t *testing.T) {
	tests := []struct {
		cells []string
		want  bool
	}{
		{[]string{"Vorname", "Nachname", "Geburtsdatum"}, true},
		{[]string{"Nr", "Etunimi", "", "Syntymäaika"}, true},
		{[]string{"Patientenliste Praxis Mitte", "", ""}, false},
		{[]string{"Exported 2024-05-01", "Name"}, false},
		{[]string{"Maria", "Schmidt", "22.03.1985", "w"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := LooksLikeHeader(tt.cells); got != tt.want {
			t.Errorf("LooksLikeHeader(%q) = %v, want %v", tt.cells, got, tt.want)
		}
	}
}

func FuzzHeaderKey(f *testing.F) {
	for _, s := range []string{"Größe (m)", "Geb.-Datum", "E-Mail", "((", "a)b(c", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := headerKey(s)
		for _, r := range k {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("headerKey(%q) = %q holds %q", s, k, r)
			}
			if unicode.IsUpper(r) {
				t.Fatalf("headerKey(%q) = %q is not lowercase", s, k)
			}
		}
		if headerKey(k) != k {
			t.Fatalf("headerKey is not idempotent on %q: %q then %q", s, k, headerKey(k))
		}
		classify(s) // must not panic
	})
}
