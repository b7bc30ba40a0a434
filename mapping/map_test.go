package mapping

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

func num(f float64) *float64 { return &f }

// mapCase is one row and what Map must make of it.
type mapCase struct {
	name string
	row  []string
	want Profile
	errs []FieldError
}

func runMapCases(t *testing.T, p *Plan, cases []mapCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := p.Map(tt.row)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("profile:\n got %s\nwant %s", show(got), show(tt.want))
			}
			if !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("errors:\n got %q\nwant %q", errs, tt.errs)
			}
			// The same row with its phone worked out early, and sent
			// through a spool's encoding, maps the same.
			early := ParseEarly(p.Early(tt.row).String())
			got, errs = p.MapEarly(tt.row, early)
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("MapEarly:\n got %s %q\nwant %s %q", show(got), errs, show(tt.want), tt.errs)
			}
		})
	}
}

// show prints a profile with its measures dereferenced.
func show(p Profile) string {
	deref := func(f *float64) string {
		if f == nil {
			return "nil"
		}
		return fmt.Sprint(*f)
	}
	h, w := deref(p.Height), deref(p.Weight)
	p.Height, p.Weight = nil, nil
	return fmt.Sprintf("%+v height=%s weight=%s", p, h, w)
}

var germanHeader = []string{
	"Nr", "Name", "Vorname", "Geschlecht", "Geb.-Datum", "Standort", "E-Mail", "Telefon",
	"Größe (m)", "Gewicht", "Sprache",
}

func TestMapGerman(t *testing.T) {
	p := plan(t, germanHeader, nil, Options{Group: "praxis-mitte", PhoneRegion: "DE"})
	const latin = "write the name in Latin letters (transliterate it)"
	const addr = "write one plain address such as name@example.com"
	runMapCases(t, p, []mapCase{
		{
			name: "complete",
			row: []string{"1", "Schmidt", "Maria", "w", "22.03.1985", "",
				"maria.schmidt@example.com", "030 1234567", "1,68", "65", "Deutsch"},
			want: Profile{FirstName: "Maria", LastName: "Schmidt", Sex: 2,
				DateOfBirth: "1985-03-22", ProfileGroupSlug: "praxis-mitte",
				Email: "maria.schmidt@example.com",
				Phone: "+49301234567", Height: num(168), Weight: num(65), Language: "de"},
		},
		{
			name: "own group, empty optional cells",
			row: []string{"2", "Müller-Lüdenscheidt", "Jörg", "M", "3.4.85", "praxis-nord", "",
				"0171-1234567", "", "82,5", "EN"},
			want: Profile{FirstName: "Jörg", LastName: "Müller-Lüdenscheidt", Sex: 1,
				DateOfBirth: "1985-04-03", ProfileGroupSlug: "praxis-nord", Phone: "+491711234567",
				Weight: num(82.5), Language: "en"},
		},
		{
			name: "short row",
			row:  []string{"3", "Weber", "Anna", "2", "1990-01-15"},
			want: Profile{FirstName: "Anna", LastName: "Weber", Sex: 2, DateOfBirth: "1990-01-15",
				ProfileGroupSlug: "praxis-mitte"},
		},
		{
			name: "every rule broken",
			row: []string{"4", "Петров", "Ivan", "divers", "31.02.1990", "Praxis Mitte", "a@@b.de",
				"12", "3", "900", "fr"},
			want: Profile{FirstName: "Ivan"},
			errs: []FieldError{
				{"last_name", "Name", "must use Latin letters; found 'П'", latin},
				{"sex", "Geschlecht", "the API accepts only 1 (male) and 2 (female)",
					"the API has no code for other or unknown sex: correct the cell or leave " +
						"the patient out of the import"},
				{"date_of_birth", "Geb.-Datum", "must be a real calendar date",
					"check the day and the month"},
				{"profile_group_slug", "Standort",
					"must be a group slug (letters, digits and hyphens), found ' '",
					"map names to slugs with values in a mapping file, or use --group"},
				{"email", "E-Mail", "must contain exactly one @", addr},
				{"phone", "Telefon", "has too few digits for a phone number",
					"write the number with + and its country code, such as +49 30 1234567"},
				{"height", "Größe (m)", "must be between 20 and 275 cm",
					"check the value and its unit"},
				{"weight", "Gewicht", "must be between 0.2 and 650 kg",
					"check the value; if the column has another unit, write it after the number"},
				{"language", "Sprache", "must be en, de or fi",
					"the API offers only English (en), German (de) and Finnish (fi); write one " +
						"of them or leave the cell empty for the default, en"},
			},
		},
		{
			name: "required cells empty",
			row:  []string{"5", "", "", "", "", "", "", "", "", "", ""},
			want: Profile{ProfileGroupSlug: "praxis-mitte"},
			errs: []FieldError{
				{"first_name", "Vorname", "must not be empty", "fill in the name"},
				{"sex", "Geschlecht", "must not be empty", "fill in 1 (male) or 2 (female)"},
				{"date_of_birth", "Geb.-Datum", "must not be empty", "fill in the date of birth"},
			},
		},
		{
			name: "future date, digit in a name, space in an email",
			row: []string{"6", "Meier 2", " Lena ", "W.", "1.1.2030", "", "lena meier@example.com",
				"+49 (0)30 1234567", "1,7 m", "60 kg", "de-DE"},
			want: Profile{FirstName: "Lena", Sex: 2, ProfileGroupSlug: "praxis-mitte",
				Phone: "+49301234567", Height: num(170), Weight: num(60), Language: "de"},
			errs: []FieldError{
				{"last_name", "Name", "must use Latin letters; found '2'",
					"remove the digit: a name holds letters only"},
				{"date_of_birth", "Geb.-Datum", "must be a date in the past",
					"a date of birth must be before today; check the year"},
				{"email", "E-Mail", "must not contain spaces", addr},
			},
		},
	})
}

func TestMapFinnishPersonalID(t *testing.T) {
	header := []string{"Etunimi", "Sukunimi", "Henkilötunnus", "Toimipiste", "Puhelin", "Pituus",
		"Paino", "Kieli"}
	p := plan(t, header, nil, Options{Group: "klinikka-espoo", PhoneRegion: "FI"})
	const hint = "check the code against the patient's records; it is not sent to the API"
	runMapCases(t, p, []mapCase{
		{
			name: "code gives sex and date of birth",
			row: []string{"Aino", "Virtanen", "150770-246A", "klinikka-helsinki", "040 1234567",
				"165", "58", "suomi"},
			want: Profile{FirstName: "Aino", LastName: "Virtanen", Sex: 2,
				DateOfBirth:      "1970-07-15",
				ProfileGroupSlug: "klinikka-helsinki", Phone: "+358401234567", Height: num(165),
				Weight: num(58), Language: "fi"},
		},
		{
			name: "odd individual number, 2000s",
			row:  []string{"Eero", "Mäkinen", "020304a3578"},
			want: Profile{FirstName: "Eero", LastName: "Mäkinen", Sex: 1, DateOfBirth: "2004-03-02",
				ProfileGroupSlug: "klinikka-espoo"},
		},
		{
			name: "wrong check character",
			row:  []string{"Eero", "Mäkinen", "150770-246B"},
			want: Profile{FirstName: "Eero", LastName: "Mäkinen",
				ProfileGroupSlug: "klinikka-espoo"},
			errs: []FieldError{{"personal_id", "Henkilötunnus",
				"has a check character that does not match", hint}},
		},
		{
			name: "empty code",
			row:  []string{"Eero", "Mäkinen", ""},
			want: Profile{FirstName: "Eero", LastName: "Mäkinen",
				ProfileGroupSlug: "klinikka-espoo"},
			errs: []FieldError{{"personal_id", "Henkilötunnus", "must not be empty",
				"sex and date_of_birth come from this column"}},
		},
		{
			name: "code of someone not yet born",
			row:  []string{"Ville", "Korhonen", "010130A0028"},
			want: Profile{FirstName: "Ville", LastName: "Korhonen",
				ProfileGroupSlug: "klinikka-espoo"},
			errs: []FieldError{{"date_of_birth", "Henkilötunnus", "must be a date in the past",
				"a date of birth must be before today; check the year"}},
		},
	})
}

// Beside columns of its own for sex and date of birth, a personal identity
// code checks them: a row whose code disagrees is held back, naming both.
func TestMapPersonalIDChecksTheColumns(t *testing.T) {
	header := []string{"Etunimi", "Sukunimi", "Henkilötunnus", "Sukupuoli", "Syntymäaika",
		"Toimipiste"}
	p := plan(t, header, nil, Options{})
	const hint = "check both cells against the patient's record; the code is not sent, " +
		"it only checks them"
	aino := Profile{FirstName: "Aino", LastName: "Virtanen", Sex: 2, DateOfBirth: "1970-07-15",
		ProfileGroupSlug: "klinikka-espoo"}
	row := func(code, sex, dob string) []string {
		return []string{"Aino", "Virtanen", code, sex, dob, "klinikka-espoo"}
	}
	runMapCases(t, p, []mapCase{
		{name: "agrees", row: row("150770-246A", "nainen", "15.7.1970"), want: aino},
		{name: "no code", row: row("", "nainen", "15.7.1970"), want: aino},
		{name: "empty date filled from the code", row: row("150770-246A", "nainen", ""), want: aino},
		{name: "empty sex and date filled", row: row("150770-246A", "", ""), want: aino},
		{
			name: "empty date, code with a wrong check character",
			row:  row("150770-246B", "nainen", ""),
			want: Profile{FirstName: "Aino", LastName: "Virtanen", Sex: 2,
				ProfileGroupSlug: "klinikka-espoo"},
			errs: []FieldError{{"date_of_birth", "Syntymäaika", "must not be empty",
				"fill in the date of birth"}, {"personal_id", "Henkilötunnus",
				"has a check character that does not match",
				"check the code against the patient's records; it is not sent to the API"}},
		},
		{
			name: "date a day off",
			row:  row("150770-246A", "nainen", "16.7.1970"),
			want: Profile{FirstName: "Aino", LastName: "Virtanen", Sex: 2,
				DateOfBirth: "1970-07-16", ProfileGroupSlug: "klinikka-espoo"},
			errs: []FieldError{{"personal_id", "Henkilötunnus",
				`disagrees with the date of birth from column "Syntymäaika"`, hint}},
		},
		{
			name: "sex and date",
			row:  row("150770-246A", "mies", "16.7.1970"),
			want: Profile{FirstName: "Aino", LastName: "Virtanen", Sex: 1,
				DateOfBirth: "1970-07-16", ProfileGroupSlug: "klinikka-espoo"},
			errs: []FieldError{{"personal_id", "Henkilötunnus",
				`disagrees with the date of birth from column "Syntymäaika" and with the ` +
					`sex from column "Sukupuoli"`, hint}},
		},
		{
			name: "wrong check character",
			row:  row("150770-246B", "nainen", "15.7.1970"),
			want: aino,
			errs: []FieldError{{"personal_id", "Henkilötunnus",
				"has a check character that does not match",
				"check the code against the patient's records; it is not sent to the API"}},
		},
	})
	want := `column "Henkilötunnus" (personal identity code) is checked against the sex and ` +
		`date_of_birth columns and fills their empty cells; the code itself is never sent`
	if !slices.Contains(p.Notes(), want) {
		t.Errorf("notes %q lack %q", p.Notes(), want)
	}
}

func TestMapNameSplitAndImperial(t *testing.T) {
	header := []string{"Full name", "Gender", "DOB", "Clinic", "Email", "Mobile", "Height (in)",
		"Weight (lbs)", "Language"}
	rows := [][]string{
		{"Maria Schmidt", "F", "03/22/1985", "acme-clinic-berlin", "Maria.Schmidt@Example.com",
			"+1 415 555 2671", "65", "154", "English"},
		{"Doe, John", "male", "04/05/1990", "acme-clinic-berlin", "", "(212) 555-0187", "5'11\"",
			"180 lb", ""},
		{"Cher", "female", "05/06/1970", "acme-clinic-berlin"},
	}
	p := plan(t, header, nil, Options{PhoneRegion: "US"}, rows...)
	runMapCases(t, p, []mapCase{
		{
			name: "First Last, inches and pounds",
			row:  rows[0],
			want: Profile{FirstName: "Maria", LastName: "Schmidt", Sex: 2,
				DateOfBirth: "1985-03-22", ProfileGroupSlug: "acme-clinic-berlin",
				Email: "Maria.Schmidt@example.com",
				Phone: "+14155552671", Height: num(165.1), Weight: num(69.9), Language: "en"},
		},
		{
			name: "Last, First; month first settled by the column",
			row:  rows[1],
			want: Profile{FirstName: "John", LastName: "Doe", Sex: 1, DateOfBirth: "1990-04-05",
				ProfileGroupSlug: "acme-clinic-berlin", Phone: "+12125550187", Height: num(180.3),
				Weight: num(81.6)},
		},
		{
			name: "one word",
			row:  rows[2],
			want: Profile{Sex: 2, DateOfBirth: "1970-05-06",
				ProfileGroupSlug: "acme-clinic-berlin"},
			errs: []FieldError{{"name", "Full name", "must hold both a first and a last name",
				"write it as 'Last, First' or 'First Last', or map separate first_name and " +
					"last_name columns"}},
		},
	})
	want := []string{
		`column "Full name" is split into first_name and last_name`,
		`phone numbers without a country code are read as US numbers`,
		`height in column "Height (in)" is read in inches, as its header says`,
		`weight in column "Weight (lbs)" is read in pounds, as its header says`,
		`dates in column "DOB" are read as mdy: 1 row can only be read that way`,
	}
	if got := p.Notes(); !reflect.DeepEqual(got, want) {
		t.Errorf("notes:\n got %q\nwant %q", got, want)
	}
}

// A name column headed last name first reads its cells in that order,
// with or without a comma.
func TestMapNameColumnLastFirst(t *testing.T) {
	header := []string{"Name, Vorname", "Geschlecht", "Geburtsdatum", "Standort"}
	rows := [][]string{
		{"Schäfer Ursula", "w", "03.04.1985", "acme-clinic-berlin"},
		{"Weiß, Jürgen", "m", "13.04.1960", "acme-clinic-berlin"},
	}
	p := plan(t, header, nil, Options{}, rows...)
	runMapCases(t, p, []mapCase{
		{
			name: "no comma",
			row:  rows[0],
			want: Profile{FirstName: "Ursula", LastName: "Schäfer", Sex: 2,
				DateOfBirth: "1985-04-03", ProfileGroupSlug: "acme-clinic-berlin"},
		},
		{
			name: "comma",
			row:  rows[1],
			want: Profile{FirstName: "Jürgen", LastName: "Weiß", Sex: 1,
				DateOfBirth: "1960-04-13", ProfileGroupSlug: "acme-clinic-berlin"},
		},
	})
	for _, h := range []string{"Full name", "Vorname Nachname", "Vorname, Name", "Name",
		"Patient name", "Etunimi Sukunimi"} {
		if lastNameFirst(h) {
			t.Errorf("lastNameFirst(%q) = true", h)
		}
	}
	for _, h := range []string{"Nachname, Vorname", "Sukunimi, etunimi", "Surname, first name",
		"Name/Vorname", "Name Vorname", "NAME_VORNAME", "Familienname, Vorname(n)",
		"Last name, first name"} {
		if !lastNameFirst(h) {
			t.Errorf("lastNameFirst(%q) = false", h)
		}
	}
}

func TestMapValueMapsAndConstants(t *testing.T) {
	header := []string{"Vorname", "Geschlecht", "Geburtsdatum", "Standort", "Sprache"}
	spec := parse(t, `
first_name: Vorname
sex:
  column: Geschlecht
  values: {W: 2, M: 1, D: ""}
date_of_birth:
  column: Geburtsdatum
  layout: "%d/%m/%y"
profile_group_slug:
  column: Standort
  value: praxis-mitte
  values: {Mitte: praxis-mitte, Nord: praxis-nord}
language:
  column: Sprache
  value: de
  values: {Englisch: en}
`)
	p := plan(t, header, spec, Options{Group: "ignored-when-mapped"})
	runMapCases(t, p, []mapCase{
		{
			name: "mapped values",
			row:  []string{"Anna", "w", "05/11/52", " nord ", "Englisch"},
			want: Profile{FirstName: "Anna", Sex: 2, DateOfBirth: "1952-11-05",
				ProfileGroupSlug: "praxis-nord", Language: "en"},
		},
		{
			name: "constants fill empty cells, unlisted values pass through",
			row:  []string{"Paul", "male", "01/02/24", "", ""},
			want: Profile{FirstName: "Paul", Sex: 1, DateOfBirth: "2024-02-01",
				ProfileGroupSlug: "praxis-mitte", Language: "de"},
		},
		{
			name: "a value mapped to nothing, a date in another layout",
			row:  []string{"Kim", "D", "1980-01-01", "praxis-sued", "fi"},
			want: Profile{FirstName: "Kim", ProfileGroupSlug: "praxis-sued", Language: "fi"},
			errs: []FieldError{
				{"sex", "Geschlecht", "must not be empty", "fill in 1 (male) or 2 (female)"},
				{"date_of_birth", "Geburtsdatum", "must be a date written as %d/%m/%y",
					"the layout comes from the mapping file"},
			},
		},
		{
			name: "an Excel serial in a layout column",
			row:  []string{"Eva", "2", "30845", "", ""},
			want: Profile{FirstName: "Eva", Sex: 2, DateOfBirth: "1984-06-12",
				ProfileGroupSlug: "praxis-mitte", Language: "de"},
		},
	})
}

func TestMapGroupMissing(t *testing.T) {
	header := []string{"first_name", "sex", "date_of_birth", "profile_group_slug"}
	p := plan(t, header, nil, Options{})
	_, errs := p.Map([]string{"Maria", "2", "1985-03-22", ""})
	want := []FieldError{{"profile_group_slug", "profile_group_slug", "must not be empty",
		"fill in the cell, or pass --group SLUG for rows without a group"}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors:\n got %q\nwant %q", errs, want)
	}
}

func TestFieldErrorText(t *testing.T) {
	tests := []struct {
		e    FieldError
		want string
	}{
		{FieldError{Field: "date_of_birth", Column: "Geburtsdatum",
			Rule: "must be a date in the past"},
			`date_of_birth (column "Geburtsdatum"): must be a date in the past`},
		{FieldError{Field: "language", Rule: "must be en, de or fi"},
			`language: must be en, de or fi`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// Map is called from many workers at once.
func TestMapConcurrent(t *testing.T) {
	p := plan(t, germanHeader, nil, Options{Group: "praxis-mitte", PhoneRegion: "DE"})
	row := []string{"1", "Schmidt", "Maria", "w", "22.03.1985", "", "", "030 1234567", "1,68"}
	want, _ := p.Map(row)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				if got, errs := p.Map(row); !reflect.DeepEqual(got, want) || errs != nil {
					t.Errorf("concurrent Map = %v, %v", got, errs)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// Without a region, national numbers cannot be read; the summary says how
// many and which flag reads them. International ones are not counted.
func TestNoteForNationalPhonesWithoutARegion(t *testing.T) {
	header := []string{"First name", "Sex", "DOB", "Clinic", "Phone"}
	rows := [][]string{
		{"Maria", "f", "1985-03-22", "acme-clinic-berlin", "030 4417823"},
		{"Jörg", "m", "1958-11-07", "acme-clinic-berlin", "+49 171 2345678"},
		{"Käthe", "f", "1941-06-15", "acme-clinic-berlin", "0049 40 3398127"},
		{"Anna", "f", "1996-09-03", "acme-clinic-berlin", "0151 23456789"},
		{"Björn", "m", "1979-01-30", "acme-clinic-berlin", ""},
	}
	want := "2 phone numbers have no country code and no region is set: they are invalid; " +
		"give --phone-region (DE, FI, GB, …) or a region in the mapping file; most numbers " +
		"with a country code here are +49 (DE): if the others are too, give --phone-region DE"
	if notes := plan(t, header, nil, Options{}, rows...).Notes(); !slices.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
	// Without a country most numbers share, the note names none.
	rows[2][4] = "+44 20 7946 0018"
	want = "2 phone numbers have no country code and no region is set: they are invalid; " +
		"give --phone-region (DE, FI, GB, …) or a region in the mapping file"
	if notes := plan(t, header, nil, Options{}, rows...).Notes(); !slices.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
	for _, n := range plan(t, header, nil, Options{PhoneRegion: "DE"}, rows...).Notes() {
		if strings.Contains(n, "no country code and no region") {
			t.Errorf("with a region: note %q", n)
		}
	}
}
