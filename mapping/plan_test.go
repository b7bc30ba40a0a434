package mapping

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC)

// parse parses a mapping file or fails the test; "" gives a nil spec.
func parse(t *testing.T, src string) *Spec {
	t.Helper()
	if src == "" {
		return nil
	}
	spec, err := ParseSpec([]byte(src), "m.yaml")
	if err != nil {
		t.Fatalf("ParseSpec: %v", err)
	}
	return spec
}

// plan builds and settles a plan over rows, or fails the test.
func plan(t *testing.T, header []string, spec *Spec, opts Options, rows ...[]string) *Plan {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = today
	}
	p, err := NewPlan(header, spec, opts)
	if err != nil {
		t.Fatalf("NewPlan: %v", err)
	}
	for _, r := range rows {
		p.Observe(r)
	}
	if err := p.Settle(); err != nil {
		t.Fatalf("Settle: %v", err)
	}
	return p
}

func TestNewPlanErrors(t *testing.T) {
	const mapFile = "(aniva-import mapping FILE prints one to edit)"
	const noHeader = `no column found: the first row matched no known column name and ` +
		`looks like data (dates, e-mail addresses or phone numbers), so the file probably ` +
		`has no header row; add one naming the columns (see "Automatic matching" in ` +
		`README.md); otherwise its first patient is read as the header and not imported`
	tests := []struct {
		name   string
		header []string
		spec   string
		opts   Options
		want   []string
	}{
		{
			// A header-less file whose first patient has no date, email
			// or phone: its names are not quoted either.
			name:   "first row names no column",
			header: []string{"Erika", "Beispiel", "w"},
			opts:   Options{Group: "praxis-mitte"},
			want: []string{"first_name: no column found (the first row names no known column, " +
				"so its cells are not shown: if the file has no header row, add one); name the " +
				"column in a mapping file " + mapFile,
				"sex: no column found (the first row names no known column, so its cells are " +
					"not shown: if the file has no header row, add one); name the column in a " +
					"mapping file " + mapFile,
				"date_of_birth: no column found (the first row names no known column, so its " +
					"cells are not shown: if the file has no header row, add one); name the " +
					"column in a mapping file " + mapFile},
		},
		{
			name:   "two columns claim phone",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum", "Telefon", "Handy"},
			opts:   Options{Group: "praxis-mitte"},
			want: []string{`phone: columns "Telefon" and "Handy" match equally; ` +
				`choose one in a mapping file ` + mapFile},
		},
		{
			name:   "same header twice",
			header: []string{"Vorname", "Geschlecht", "DOB", "DOB"},
			opts:   Options{Group: "praxis-mitte"},
			want: []string{`date_of_birth: columns "DOB" (column 3) and "DOB" (column 4) ` +
				`match equally; choose one in a mapping file ` + mapFile},
		},
		{
			name:   "partial match for a required field",
			header: []string{"Patientenvorname", "Geschlecht", "Geburtsdatum"},
			opts:   Options{Group: "praxis-mitte"},
			want: []string{`first_name: column "Patientenvorname" only partly matches; ` +
				`confirm it in a mapping file ` + mapFile},
		},
		{
			name:   "partial match for an optional field",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum", "Telefon privat"},
			opts:   Options{Group: "praxis-mitte"},
			want: []string{`phone: column "Telefon privat" only partly matches; ` +
				`confirm it in a mapping file ` + mapFile},
		},
		{
			name:   "missing fields name the closest headers",
			header: []string{"Nr", "Vorname", "Geschlecht", "Geburt", "Notiz"},
			want: []string{
				`date_of_birth: no column found (closest headers: "Geburt"); name the column ` +
					`in a mapping file ` + mapFile,
				`profile_group_slug: no column found and no --group (headers: "Nr", "Geburt", ` +
					`"Notiz"); pass --group SLUG, or name a column in a mapping file ` + mapFile,
			},
		},
		{
			name:   "every header feeds another field",
			header: []string{"Vorname", "Nachname", "Standort"},
			want: []string{
				`sex: no column found (every header already feeds another field); ` +
					`name the column in a mapping file ` + mapFile,
				`date_of_birth: no column found (every header already feeds another ` +
					`field); name the column in a mapping file ` + mapFile,
			},
		},
		{
			name:   "a header cell that looks like a value is not quoted",
			header: []string{"Vorname", "Geschlecht", "22.03.1985", "Notiz"},
			opts:   Options{Group: "praxis-mitte"},
			want: []string{`date_of_birth: no column found (headers: "Notiz"); ` +
				`name the column in a mapping file ` + mapFile},
		},
		{
			name: "a first row of data",
			header: []string{"Erika", "Beispiel", "w", "22.03.1985", "erika@example.org",
				"+49 30 5550100"},
			want: []string{`first_name, sex, date_of_birth, profile_group_slug: ` + noHeader +
				`; profile_group_slug also needs a column or --group SLUG`},
		},
		{
			name:   "a first row of data with --group",
			header: []string{"Erika", "Beispiel", "w", "22.03.1985"},
			opts:   Options{Group: "praxis-mitte"},
			want:   []string{`first_name, sex, date_of_birth: ` + noHeader},
		},
		{
			name:   "a mapped column is not matched to a cell that looks like a value",
			header: []string{"Vorname", "Geschlecht", "22.03.1985"},
			spec: "first_name: Vorname\nsex: Geschlecht\ndate_of_birth: \"22.03.1986\"\n" +
				"profile_group_slug: {value: praxis-mitte}\n",
			want: []string{`m.yaml:3: date_of_birth: column "22.03.1986" is not in the header`},
		},
		{
			name:   "bad options",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum"},
			opts:   Options{Group: "Praxis Mitte", PhoneRegion: "xx"},
			want: []string{
				`--phone-region "XX" is not a region code such as DE, FI or US`,
				`--group "Praxis Mitte" must be a group slug (letters, digits and hyphens), ` +
					`found ' '`,
			},
		},
		{
			name:   "mapped column not in the header",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum"},
			spec: "first_name: Vornme\nsex: Geschlecht\ndate_of_birth: Geburtsdatum\n" +
				"profile_group_slug: {value: praxis-mitte}\n",
			want: []string{`m.yaml:1: first_name: column "Vornme" is not in the header ` +
				`(closest: "Vorname")`},
		},
		{
			name:   "mapped column twice in the header",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum", "Tel", "Tel"},
			spec: "first_name: Vorname\nsex: Geschlecht\ndate_of_birth: Geburtsdatum\n" +
				"phone: Tel\n",
			opts: Options{Group: "praxis-mitte"},
			want: []string{`m.yaml:4: phone: column "Tel" is in the header 2 times ` +
				`(columns 4, 5); rename one`},
		},
		{
			name:   "mapping file without required fields",
			header: []string{"Vorname", "Geschlecht", "Geb"},
			spec:   "first_name: Vorname\nsex: Geschlecht\n",
			want: []string{
				`m.yaml: date_of_birth is not mapped (closest headers: "Geb"); add it to ` +
					`the mapping file`,
				`m.yaml: profile_group_slug is not mapped and there is no --group ` +
					`(headers: "Geb"); pass --group SLUG, or add a column or value ` +
					`to the mapping file`,
			},
		},
		{
			name:   "constants the API would refuse",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum"},
			spec: "first_name: Vorname\nsex: Geschlecht\ndate_of_birth: Geburtsdatum\n" +
				"profile_group_slug: {value: praxis-mitte}\nlanguage: {value: fr}\n" +
				"email: {value: nobody}\n",
			want: []string{
				`m.yaml:6: email: value "nobody": must contain an @`,
				`m.yaml:5: language: value "fr": must be en, de or fi`,
			},
		},
		{
			name:   "a key on a line of its own is the line named",
			header: []string{"Vorname", "Geschlecht", "Geburtsdatum", "Standort"},
			spec: "first_name: Vorname\nsex:\n  column: Geschlecht\n  value: x\n" +
				"date_of_birth: Geburtsdatum\nprofile_group_slug:\n  column: Ort\n",
			want: []string{
				`m.yaml:7: profile_group_slug: column "Ort" is not in the header (closest: "Standort")`,
				`m.yaml:4: sex: value "x": the API accepts only 1 (male) and 2 (female)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPlan(tt.header, parse(t, tt.spec), tt.opts)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *ConfigError", err)
			}
			if !reflect.DeepEqual(ce.Problems, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", ce.Problems, tt.want)
			}
		})
	}
}

func TestNewPlanAccepts(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		opts   Options
		notes  []string
	}{
		{
			name:   "German with --group",
			header: []string{"Nr", "Vorname", "Nachname", "Geschlecht", "Geb.-Datum", "Telefon"},
			opts:   Options{Group: "praxis-mitte", PhoneRegion: "de"},
			notes: []string{
				`phone numbers without a country code are read as DE numbers`,
				`columns not used: "Nr"`,
			},
		},
		{
			name:   "a tie between columns that are not needed",
			header: []string{"Vorname", "Nachname", "Name", "Nimi", "Sex", "DOB", "Clinic"},
			notes:  []string{`columns not used: "Name", "Nimi"`},
		},
		{
			name:   "Finnish with a personal identity code",
			header: []string{"Etunimi", "Sukunimi", "Henkilötunnus", "Toimipiste"},
			notes: []string{`sex and date_of_birth taken from column "Henkilötunnus" ` +
				`(personal identity code, check character verified; ` +
				`the code itself is never sent)`},
		},
		{
			name:   "a personal code beside a sex column",
			header: []string{"Etunimi", "Sukupuoli", "Hetu", "Ryhmä"},
			notes: []string{`date_of_birth taken from column "Hetu" (personal identity code, ` +
				`check character verified; the code itself is never sent); it also fills the ` +
				`empty cells of the sex column and checks the others`},
		},
		{
			name:   "a personal code beside sex and date columns",
			header: []string{"Etunimi", "Sukupuoli", "Syntymäaika", "Hetu", "Ryhmä"},
			notes: []string{`column "Hetu" (personal identity code) is checked against the ` +
				`sex and date_of_birth columns and fills their empty cells; the code itself is never sent`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plan(t, tt.header, nil, tt.opts)
			if got := p.Notes(); !reflect.DeepEqual(got, tt.notes) {
				t.Errorf("notes:\n got %q\nwant %q", got, tt.notes)
			}
		})
	}
}

func TestMapBeforeSettlePanics(t *testing.T) {
	p, err := NewPlan([]string{"first_name", "sex", "date_of_birth"}, nil, Options{Group: "g"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Map before Settle did not panic")
		}
	}()
	p.Map([]string{"Maria", "2", "1985-03-22"})
}

func TestLooksLikeValue(t *testing.T) {
	tests := []struct {
		cell string
		want bool
	}{
		{"erika@example.org", true},
		{"22.03.1985", true},
		{"1985-03-22", true},
		{"+49 30 5550100", true},
		{"(030) 555-0100", true},
		{"010203-123A", true},
		{"Geb.-Datum", false},
		{"Tel. 2", false},
		{"Größe (cm)", false},
		{"Erika", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := looksLikeValue(tt.cell); got != tt.want {
			t.Errorf("looksLikeValue(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}

// A first row of patient data whose clinic slug partly matches "Clinic"
// is no header: no message, note or mapping file quotes its cells.
func TestDataRowWithAPartialMatchIsNotQuoted(t *testing.T) {
	header := []string{"Oliver", "Ashworth", "male", "14/03/1982", "oliver@example.com",
		"riverside-clinic-leeds"}
	_, err := NewPlan(header, nil, Options{})
	if err == nil {
		t.Fatal("a row of data made a plan")
	}
	spec, matches := Auto(header)
	yaml := string(spec.YAML(matches))
	for _, secret := range []string{"Oliver", "Ashworth", "oliver@", "14/03"} {
		if strings.Contains(err.Error(), secret) || strings.Contains(yaml, secret) {
			t.Errorf("%q quoted:\n%v\n%s", secret, err, yaml)
		}
	}
}
