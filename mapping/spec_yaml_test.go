package mapping

import (
	"reflect"
	"strings"
	"testing"
)

func TestSpecYAML(t *testing.T) {
	header := []string{"Nr", "Name", "Vorname", "Geschlecht", "Geb.-Datum", "Telefon", "Handy",
		"Größe (m)", "Notfall Telefon", "Hetu", "Patientensprache"}
	spec, matches := Auto(header)
	want := `# Mapping file for aniva-import: which column feeds which profile field.
# Edit it, then run: aniva-import import FILE --mapping THIS_FILE
# A field takes a column (its header) or a value (a constant for every row).

first_name:
  column: "Vorname"  # alias match
last_name:
  column: "Name"  # a name column beside a first-name column: read as the last name
sex:
  column: "Geschlecht"  # alias match
date_of_birth:
  column: "Geb.-Datum"  # alias match
  # date_order: dmy  # dmy, mdy or ymd: needed when the run stops on ambiguous dates
personal_id:
  column: "Hetu"  # alias match
  # feeds sex and date_of_birth where they have no column, else checks them; never sent
# profile_group_slug: no column; pass --group SLUG, or set one group for every row:
# profile_group_slug:
#   value: "your-group-slug"
# email: "COLUMN HEADER"
# phone: these columns match equally; remove the # before the one to use:
# phone: "Telefon"
# phone: "Handy"
height:
  column: "Größe (m)"  # alias match
  unit: m
# weight: "COLUMN HEADER"
language:
  column: "Patientensprache"  # partial match: check that this is the right column

# Columns not used:
#   "Nr"
#   "Telefon"  (alias match for phone)
#   "Handy"  (alias match for phone)
#   "Notfall Telefon"  (partial match for phone)
`
	if got := string(spec.YAML(matches)); got != want {
		t.Errorf("YAML:\n%s\nwant:\n%s", got, want)
	}
	// Uncommenting one phone line, as a person would, gives a usable file.
	edited := []byte(want + "phone: \"Handy\"\n")
	back, err := ParseSpec(edited, "edited.yaml")
	if err != nil {
		t.Fatalf("ParseSpec(edited): %v", err)
	}
	if _, err := NewPlan(header, back, Options{Group: "praxis-mitte"}); err != nil {
		t.Errorf("NewPlan(edited): %v", err)
	}
}

func TestSpecYAMLOfAFile(t *testing.T) {
	spec := parse(t, fullSpec)
	back := parse(t, string(spec.YAML(nil)))
	for field, fs := range spec.Fields {
		b := back.Fields[field]
		fs.Line, b.Line = 0, 0
		if !reflect.DeepEqual(fs, b) {
			t.Errorf("%s: %+v printed and read back as %+v", field, fs, b)
		}
	}
	if len(back.Fields) != len(spec.Fields) {
		t.Errorf("read back %d fields, want %d", len(back.Fields), len(spec.Fields))
	}
}

// The mapping command's file, passed back with --mapping, gives the same
// requests as the automatic mapping, for each kind of sample.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rows   [][]string
		opts   Options
	}{
		{
			name:   "German",
			header: germanHeader,
			opts:   Options{Group: "praxis-mitte", PhoneRegion: "DE"},
			rows: [][]string{
				{"1", "Schmidt", "Maria", "w", "22.03.1985", "", "maria.schmidt@example.com",
					"030 1234567", "1,68", "65", "Deutsch"},
				{"2", "Müller", "Jörg", "M", "03.04.1985", "praxis-nord", "", "0171-1234567",
					"1,80", "82,5", "EN"},
				{"3", "Петров", "Ivan", "divers", "31.02.1990", "Praxis Mitte", "a@@b.de", "12"},
			},
		},
		{
			name: "Finnish",
			header: []string{"Etunimi", "Sukunimi", "Henkilötunnus", "Toimipiste", "Puhelin",
				"Pituus (cm)", "Paino", "Kieli"},
			opts: Options{Group: "klinikka-espoo", PhoneRegion: "FI"},
			rows: [][]string{
				{"Aino", "Virtanen", "150770-246A", "", "040 1234567", "165", "58", "suomi"},
				{"Eero", "Mäkinen", "150770-246B", "klinikka-helsinki"},
			},
		},
		{
			name: "English",
			header: []string{"Full name", "Gender", "DOB", "Clinic", "Email", "Mobile",
				"Height", "Weight (lbs)", "Language"},
			opts: Options{PhoneRegion: "US"},
			rows: [][]string{
				{"Maria Schmidt", "F", "03/22/1985", "acme-clinic-berlin", "maria@example.com",
					"+1 415 555 2671", "1.65", "154", "English"},
				{"Doe, John", "male", "04/05/1990", "acme-clinic-berlin", "", "(212) 555-0187",
					"1.80", "180 lb"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			auto := plan(t, tt.header, nil, tt.opts, tt.rows...)
			spec, matches := Auto(tt.header)
			file := plan(t, tt.header, parse(t, string(spec.YAML(matches))), tt.opts, tt.rows...)
			if _, errs := auto.Map(tt.rows[0]); errs != nil {
				t.Fatalf("the first row must be valid: %q", errs)
			}
			for i, row := range tt.rows {
				p1, e1 := auto.Map(row)
				p2, e2 := file.Map(row)
				if !reflect.DeepEqual(p1, p2) || !reflect.DeepEqual(e1, e2) {
					t.Errorf("row %d: automatic %s %q\nfrom file %s %q",
						i, show(p1), e1, show(p2), e2)
				}
			}
			if auto.Fingerprint() != file.Fingerprint() {
				t.Errorf("fingerprints differ: %s, %s", auto.Fingerprint(), file.Fingerprint())
			}
		})
	}
}

// A field another column feeds is not called missing.
func TestSpecYAMLFieldsFedByOthers(t *testing.T) {
	spec, matches := Auto([]string{"Nimi", "Henkilötunnus", "Toimipiste"})
	got := string(spec.YAML(matches))
	for _, want := range []string{
		"# sex: from personal_id; a column named here is read instead:",
		"# date_of_birth: from personal_id; a column named here is read instead:",
		"# first_name: from name; a column named here is read instead:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("YAML lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "REQUIRED") {
		t.Errorf("YAML calls a fed field missing:\n%s", got)
	}
}
